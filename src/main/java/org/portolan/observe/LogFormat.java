package org.portolan.observe;

import java.util.Locale;
import java.util.Optional;

/** The log formats observe reads; detected from a file's first bytes or named with {@code --log-format}. */
public enum LogFormat {
  /** AWS VPC flow logs, text (default v2 or a custom format with its header line), plain or gzip. */
  VPC("vpc"),
  /** AWS VPC flow logs delivered to S3 as Parquet. */
  VPC_PARQUET("vpc-parquet"),
  /** iptables / nftables LOG lines (dmesg, syslog, journal) and ulogd2 LOGEMU lines. */
  KERNEL("kernel"),
  /** Cisco ASA syslog (106023, 106100, 106001, 106015, 302013-302016). */
  ASA("asa"),
  /** GCP VPC flow logs and firewall rules logs, one LogEntry JSON per line. */
  GCP("gcp"),
  /** Azure NSG and VNet flow logs (JSON document with "records"). */
  AZURE("azure"),
  /** NetFlow v5 / v9 / IPFIX export packets in a pcap or pcapng file (or received on a UDP port). */
  NETFLOW("netflow");

  private final String keyword;

  LogFormat(String keyword) {
    this.keyword = keyword;
  }

  public String keyword() {
    return keyword;
  }

  public static Optional<LogFormat> byKeyword(String s) {
    for (LogFormat f : values()) if (f.keyword.equals(s.toLowerCase(Locale.ROOT))) return Optional.of(f);
    return Optional.empty();
  }

  /**
   * The format of a file from its first bytes (decompressed), or empty when none fits. The
   * first non-blank line decides for text formats.
   */
  static Optional<LogFormat> detect(byte[] head, int length) {
    if (length >= 4 && head[0] == 'P' && head[1] == 'A' && head[2] == 'R' && head[3] == '1') return Optional.of(VPC_PARQUET);
    if (length >= 4) {
      int m = ((head[0] & 0xFF) << 24) | ((head[1] & 0xFF) << 16) | ((head[2] & 0xFF) << 8) | (head[3] & 0xFF);
      if (m == 0xA1B2C3D4 || m == 0xD4C3B2A1 || m == 0xA1B23C4D || m == 0x4D3CB2A1 || m == 0x0A0D0D0A) return Optional.of(NETFLOW);
    }
    String text = new String(head, 0, length, java.nio.charset.StandardCharsets.UTF_8);
    if (AzureFlowLog.looksLike(text)) return Optional.of(AZURE);
    for (String line : text.split("\n")) {
      String l = line.strip();
      if (l.isEmpty()) continue;
      if (VpcFlowLog.fromHeader(l) != null || VpcFlowLog.looksLikeDefault(l)) return Optional.of(VPC);
      if (GcpFlowLog.looksLike(l)) return Optional.of(GCP);
      if (AsaSyslog.looksLike(l)) return Optional.of(ASA);
      if (KernelLog.looksLike(l)) return Optional.of(KERNEL);
    }
    return Optional.empty();
  }
}
