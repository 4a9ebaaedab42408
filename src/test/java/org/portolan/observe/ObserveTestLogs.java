package org.portolan.observe;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import org.portolan.diag.Diagnostics;
import org.portolan.plan.FlowPlan;
import org.portolan.plan.FlowsCsv;

/** A small site's flows and VPC flow logs generated for it (seeded), for engine, Spark and CLI tests. */
public final class ObserveTestLogs {
  private ObserveTestLogs() {}

  public static final String FLOWS = """
      name,src,dst,proto,ports
      web,198.18.1.0/24,198.18.2.10,tcp,443
      dns,198.18.1.0/24,198.18.2.53,udp,53
      ssh,198.18.1.5,198.18.2.10,tcp,22
      rpc-dynamic,198.18.1.0/24,198.18.2.20,tcp,49152-65535
      ldap,198.18.1.0/24,198.18.2.20,tcp,389
      """;

  public static FlowPlan plan() {
    Diagnostics d = new Diagnostics();
    FlowPlan p = FlowsCsv.read(FLOWS, "flows.csv", d);
    d.throwIfErrors();
    return p;
  }

  /**
   * {@code n} VPC default-format records, one in {@code badEvery} malformed (0: none), times
   * spread over a day from 2025-12-01T00:00Z: web, dns and rpc traffic and its replies, denied
   * ssh, and unexplained RDP and telnet from outside.
   */
  public static void vpc(Path file, int n, int badEvery, long seed, boolean gzip) throws IOException {
    Random r = new Random(seed);
    try (OutputStream raw = Files.newOutputStream(file); OutputStream out = gzip ? new GZIPOutputStream(raw, 1 << 16) : raw) {
      StringBuilder b = new StringBuilder(1 << 16);
      for (int i = 0; i < n; i++) {
        if (badEvery > 0 && i % badEvery == badEvery - 1) {
          b.append("2 123456789012 eni-1 198.18.1.").append(r.nextInt(300)).append(" x\n");
        } else line(b, r, 1764547200L + (long) i * 86400 / Math.max(1, n));
        if (b.length() > 60_000) {
          out.write(b.toString().getBytes(StandardCharsets.US_ASCII));
          b.setLength(0);
        }
      }
      out.write(b.toString().getBytes(StandardCharsets.US_ASCII));
    }
  }

  static void line(StringBuilder b, Random r, long t) {
    int c = r.nextInt(100);
    String src = "198.18.1." + (1 + r.nextInt(200));
    int sport = 32768 + r.nextInt(28000);
    String dst;
    int dport, proto = 6;
    String action = "ACCEPT";
    if (c < 40) { dst = "198.18.2.10"; dport = 443; }
    else if (c < 55) { dst = "198.18.2.53"; dport = 53; proto = 17; }
    else if (c < 60) { src = "198.18.1.5"; dst = "198.18.2.10"; dport = 22; action = r.nextInt(4) == 0 ? "REJECT" : "ACCEPT"; }
    else if (c < 70) { dst = "198.18.2.20"; dport = 49152 + r.nextInt(16384); }
    else if (c < 85) { // a reply of web
      b.append("2 123456789012 eni-1 198.18.2.10 ").append(src).append(" 443 ").append(sport).append(" 6 ").append(1 + r.nextInt(50))
          .append(' ').append(100 + r.nextInt(90000)).append(' ').append(t).append(' ').append(t + 60).append(" ACCEPT OK\n");
      return;
    } else if (c < 92) { dst = "198.18.2.10"; dport = 3389; }
    else { src = "203.0.113." + r.nextInt(256); dst = "198.18.2." + (1 + r.nextInt(30)); dport = 23; action = "REJECT"; }
    b.append("2 123456789012 eni-1 ").append(src).append(' ').append(dst).append(' ').append(sport).append(' ').append(dport).append(' ')
        .append(proto).append(' ').append(1 + r.nextInt(50)).append(' ').append(100 + r.nextInt(90000)).append(' ').append(t).append(' ')
        .append(t + 60).append(' ').append(action).append(" OK\n");
  }

  /** {@code n} records in AWS's Parquet layout (fields as columns, '-' as '_'), written with Apache Parquet's writer, gzip pages as AWS writes them. */
  public static void vpcParquet(Path file, int n, long seed) throws IOException {
    org.apache.parquet.schema.MessageType schema = org.apache.parquet.schema.MessageTypeParser.parseMessageType("""
        message vpc {
          optional int32 version; optional binary account_id (STRING); optional binary interface_id (STRING);
          optional binary srcaddr (STRING); optional binary dstaddr (STRING); optional int32 srcport; optional int32 dstport;
          optional int32 protocol; optional int64 packets; optional int64 bytes; optional int64 start; optional int64 end;
          optional binary action (STRING); optional binary log_status (STRING);
        }""");
    Random r = new Random(seed);
    var factory = new org.apache.parquet.example.data.simple.SimpleGroupFactory(schema);
    Files.deleteIfExists(file);
    try (var w = org.apache.parquet.hadoop.example.ExampleParquetWriter.builder(new org.apache.parquet.io.LocalOutputFile(file))
        .withType(schema).withCompressionCodec(org.apache.parquet.hadoop.metadata.CompressionCodecName.GZIP).build()) {
      StringBuilder b = new StringBuilder();
      for (int i = 0; i < n; i++) {
        b.setLength(0);
        line(b, r, 1764547200L + (long) i * 86400 / n);
        String[] f = b.toString().strip().split(" ");
        var g = factory.newGroup().append("version", Integer.parseInt(f[0])).append("account_id", f[1]).append("interface_id", f[2])
            .append("srcaddr", f[3]).append("dstaddr", f[4]).append("srcport", Integer.parseInt(f[5])).append("dstport", Integer.parseInt(f[6]))
            .append("protocol", Integer.parseInt(f[7])).append("packets", Long.parseLong(f[8])).append("bytes", Long.parseLong(f[9]))
            .append("start", Long.parseLong(f[10])).append("end", Long.parseLong(f[11])).append("action", f[12]).append("log_status", f[13]);
        w.write(g);
      }
    }
  }

  /**
   * NetFlow v9 export packets of the same traffic mix as {@link #vpc} (30 flows a packet, the
   * template every 20 packets, as exporters refresh it) in a pcap file of about {@code bytes}
   * (Ethernet, IPv4, UDP to 2055 from exporter 198.18.9.1), for the benchmark; returns the number of
   * flow records written. TCP that was accepted carries SYN and ACK, denied TCP only SYN.
   */
  public static long netflowPcap(Path file, long bytes, long seed) throws IOException {
    Random r = new Random(seed);
    long records = 0, written = 24, t = 1764547200L;
    try (OutputStream out = new java.io.BufferedOutputStream(Files.newOutputStream(file), 1 << 20)) {
      java.nio.ByteBuffer g = java.nio.ByteBuffer.allocate(24).order(java.nio.ByteOrder.LITTLE_ENDIAN);
      g.putInt(0xa1b2c3d4).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0).putInt(65535).putInt(1);
      out.write(g.array());
      for (int packet = 0; written < bytes; packet++) {
        ExportPackets.Flow[] flows = new ExportPackets.Flow[30];
        for (int i = 0; i < flows.length; i++) flows[i] = flow(r);
        records += flows.length;
        if (packet % 100 == 0) t++;
        byte[] payload = ExportPackets.v9(t, packet % 20 == 0, flows);
        java.nio.ByteBuffer p = java.nio.ByteBuffer.allocate(16 + 42 + payload.length);
        p.order(java.nio.ByteOrder.LITTLE_ENDIAN).putInt((int) t).putInt(packet % 1_000_000).putInt(42 + payload.length).putInt(42 + payload.length);
        p.order(java.nio.ByteOrder.BIG_ENDIAN).put(new byte[] {0, 0, 0, 0, 0, 2, 0, 0, 0, 0, 0, 1}).putShort((short) 0x0800);
        p.put((byte) 0x45).put((byte) 0).putShort((short) (28 + payload.length)).putInt(0).put((byte) 64).put((byte) 17).putShort((short) 0)
            .putInt(ExportPackets.v4("198.18.9.1")).putInt(ExportPackets.v4("198.18.9.2"));
        p.putShort((short) 40000).putShort((short) 2055).putShort((short) (8 + payload.length)).putShort((short) 0).put(payload);
        out.write(p.array());
        written += p.capacity();
      }
    }
    return records;
  }

  private static ExportPackets.Flow flow(Random r) {
    int c = r.nextInt(100);
    int src = ExportPackets.v4("198.18.1.0") + 1 + r.nextInt(200), sport = 32768 + r.nextInt(28000), dst, dport, proto = 6, flags = 0x1a;
    if (c < 40) { dst = ExportPackets.v4("198.18.2.10"); dport = 443; }
    else if (c < 55) { dst = ExportPackets.v4("198.18.2.53"); dport = 53; proto = 17; flags = 0; }
    else if (c < 60) { src = ExportPackets.v4("198.18.1.5"); dst = ExportPackets.v4("198.18.2.10"); dport = 22; if (r.nextInt(4) == 0) flags = 0x02; }
    else if (c < 70) { dst = ExportPackets.v4("198.18.2.20"); dport = 49152 + r.nextInt(16384); }
    else if (c < 85) { // a reply of web
      return new ExportPackets.Flow(ExportPackets.v4("198.18.2.10"), src, 443, sport, 6, 0x1a, 1 + r.nextInt(50), 100 + r.nextInt(90000));
    } else if (c < 92) { dst = ExportPackets.v4("198.18.2.10"); dport = 3389; }
    else { src = ExportPackets.v4("203.0.113.0") + r.nextInt(256); dst = ExportPackets.v4("198.18.2.0") + 1 + r.nextInt(30); dport = 23; flags = 0x02; }
    return new ExportPackets.Flow(src, dst, sport, dport, proto, flags, 1 + r.nextInt(50), 100 + r.nextInt(90000));
  }
}
