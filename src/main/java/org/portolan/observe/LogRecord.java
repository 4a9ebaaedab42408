package org.portolan.observe;

import org.portolan.attribution.Ip;

/**
 * One flow as a log states it: initiator (src) to responder (dst), protocol number and ports,
 * what happened, and where the log says it: the device and the rule or ACL name, when given.
 *
 * @param time epoch milliseconds of the record's start, or {@link #NO_TIME} when the log has none
 * @param end epoch milliseconds of the record's end (= {@code time} for point events)
 * @param proto IP protocol number (6 tcp, 17 udp, 1 icmp…)
 * @param records how many connections the line stands for (ASA 106100 and NetFlow aggregate; 1 otherwise)
 * @param device the firewall, interface or network interface the log names; "" when none
 * @param rule the rule, ACL or log prefix the log names; "" when none
 * @param line the line (text formats), record (binary formats) or row (Parquet) number, from 1
 */
public record LogRecord(
    long time, long end, long srcHi, long srcLo, long dstHi, long dstLo, int proto, int srcPort, int dstPort, Action action,
    long records, long packets, long bytes, String device, String rule, long line) {
  public static final long NO_TIME = Long.MIN_VALUE;

  public LogRecord {
    if (proto < 0 || proto > 255) throw new IllegalArgumentException("protocol number out of range: " + proto);
    if (srcPort < 0 || srcPort > 65535 || dstPort < 0 || dstPort > 65535) throw new IllegalArgumentException("port out of range");
    if (records < 1 || packets < 0 || bytes < 0) throw new IllegalArgumentException("counts must be positive");
    if (time != NO_TIME && end < time) end = time;
    device = device == null ? "" : device;
    rule = rule == null ? "" : rule;
  }

  public String src() {
    return Ip.text(srcHi, srcLo);
  }

  public String dst() {
    return Ip.text(dstHi, dstLo);
  }

  static String protoName(int proto) {
    return switch (proto) {
      case 6 -> "tcp";
      case 17 -> "udp";
      case 1 -> "icmp";
      case 58 -> "icmpv6";
      case 47 -> "gre";
      case 50 -> "esp";
      case 51 -> "ah";
      case 132 -> "sctp";
      default -> "ip/" + proto;
    };
  }

  static int protoNumber(String name) {
    return switch (name.toLowerCase(java.util.Locale.ROOT)) {
      case "tcp" -> 6;
      case "udp" -> 17;
      case "icmp" -> 1;
      case "icmpv6", "ipv6-icmp", "icmp6" -> 58;
      case "gre" -> 47;
      case "esp" -> 50;
      case "ah" -> 51;
      case "sctp" -> 132;
      default -> {
        try {
          int n = Integer.parseInt(name);
          yield n >= 0 && n <= 255 ? n : -1;
        } catch (NumberFormatException e) {
          yield -1;
        }
      }
    };
  }
}
