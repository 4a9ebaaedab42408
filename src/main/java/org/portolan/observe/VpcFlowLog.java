package org.portolan.observe;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import org.portolan.attribution.Ip;

/**
 * AWS VPC flow log records, space-separated: the default version 2 format, or a custom format
 * whose field names the file's header line gives (as delivered to S3). "-" is an absent value;
 * NODATA and SKIPDATA records carry no flow and are skipped (counted). Field names as AWS
 * documents them: srcaddr, dstaddr, srcport, dstport, protocol, packets, bytes, start, end,
 * action (ACCEPT | REJECT), log-status, interface-id, instance-id, tcp-flags…
 */
final class VpcFlowLog implements LineParser {
  static final List<String> DEFAULT_V2 = List.of("version", "account-id", "interface-id", "srcaddr", "dstaddr", "srcport", "dstport",
      "protocol", "packets", "bytes", "start", "end", "action", "log-status");

  private final List<String> names;
  private final String headerLine;
  private final int src, dst, sport, dport, proto, packets, bytes, start, end, action, status, iface, instance;

  VpcFlowLog(List<String> names) {
    this.names = List.copyOf(names);
    this.headerLine = String.join(" ", names);
    src = names.indexOf("srcaddr");
    dst = names.indexOf("dstaddr");
    sport = names.indexOf("srcport");
    dport = names.indexOf("dstport");
    proto = names.indexOf("protocol");
    packets = names.indexOf("packets");
    bytes = names.indexOf("bytes");
    start = names.indexOf("start");
    end = names.indexOf("end");
    action = names.indexOf("action");
    status = names.indexOf("log-status");
    iface = names.indexOf("interface-id");
    instance = names.indexOf("instance-id");
    if (src < 0 || dst < 0 || proto < 0)
      throw new IllegalArgumentException("the VPC flow log format must include srcaddr, dstaddr and protocol; it has " + headerLine);
  }

  /** The parser for a header line ("version account-id …"), or null when {@code line} is not one. */
  static VpcFlowLog fromHeader(String line) {
    String[] parts = line.trim().split(" +");
    List<String> names = new ArrayList<>();
    for (String p : parts) {
      if (!p.matches("[a-z][a-z0-9-]*(\\.[a-z0-9-]+)*")) return null;
      names.add(p.replace('_', '-'));
    }
    if (!names.contains("srcaddr") || !names.contains("dstaddr") || !names.contains("protocol")) return null;
    return new VpcFlowLog(names);
  }

  List<String> names() {
    return names;
  }

  @Override
  public boolean header(String line) {
    return line.equals(headerLine) || line.startsWith("version ") && fromHeader(line) != null;
  }

  private final ThreadLocal<int[]> bounds = new ThreadLocal<>();

  @Override
  public String parse(String line, long lineNumber, Consumer<LogRecord> out) {
    int n = names.size();
    int[] b = bounds.get();
    if (b == null) bounds.set(b = new int[2 * n]);
    int f = 0, i = 0, len = line.length();
    while (i < len && f < n) {
      while (i < len && line.charAt(i) == ' ') i++;
      if (i >= len) break;
      int s = i;
      while (i < len && line.charAt(i) != ' ') i++;
      b[2 * f] = s;
      b[2 * f + 1] = i;
      f++;
    }
    while (i < len && line.charAt(i) == ' ') i++;
    if (f != n || i < len) return "expected " + n + " space-separated fields (" + headerLine + "), found " + (i < len ? "more" : f);
    if (status >= 0) {
      String st = field(line, b, status);
      if (st.equals("NODATA") || st.equals("SKIPDATA")) return null;
      if (!st.equals("OK") && !st.equals("-")) return "log-status must be OK, NODATA or SKIPDATA, found " + st;
    }
    if (dash(line, b, src) && dash(line, b, dst)) return null; // no flow in this record
    long[] a = new long[2], z = new long[2];
    if (!Ip.parse(line, b[2 * src], b[2 * src + 1], a)) return "srcaddr must be an IP address, found " + field(line, b, src);
    if (!Ip.parse(line, b[2 * dst], b[2 * dst + 1], z)) return "dstaddr must be an IP address, found " + field(line, b, dst);
    long p = Fields.number(line, b[2 * proto], b[2 * proto + 1]);
    if (p < 0 || p > 255) return "protocol must be an IANA protocol number 0-255, found " + field(line, b, proto);
    int sp = 0, dp = 0;
    if (sport >= 0 && !dash(line, b, sport) && (sp = Fields.port(line, b[2 * sport], b[2 * sport + 1])) < 0)
      return "srcport must be 0-65535, found " + field(line, b, sport);
    if (dport >= 0 && !dash(line, b, dport) && (dp = Fields.port(line, b[2 * dport], b[2 * dport + 1])) < 0)
      return "dstport must be 0-65535, found " + field(line, b, dport);
    long pk = count(line, b, packets), by = count(line, b, bytes);
    if (pk < 0) return "packets must be a number, found " + field(line, b, packets);
    if (by < 0) return "bytes must be a number, found " + field(line, b, bytes);
    long t0 = LogRecord.NO_TIME, t1 = LogRecord.NO_TIME;
    if (start >= 0 && !dash(line, b, start)) {
      long v = Fields.number(line, b[2 * start], b[2 * start + 1]);
      if (v < 0) return "start must be seconds since the epoch, found " + field(line, b, start);
      t0 = v * 1000;
    }
    if (end >= 0 && !dash(line, b, end)) {
      long v = Fields.number(line, b[2 * end], b[2 * end + 1]);
      if (v < 0) return "end must be seconds since the epoch, found " + field(line, b, end);
      t1 = v * 1000;
    }
    if (t0 == LogRecord.NO_TIME) t0 = t1;
    if (t1 == LogRecord.NO_TIME || t1 < t0) t1 = t0;
    Action act = Action.UNKNOWN;
    if (action >= 0 && !dash(line, b, action)) {
      String s = field(line, b, action);
      if (s.equals("ACCEPT")) act = Action.ACCEPT;
      else if (s.equals("REJECT")) act = Action.DENY;
      else return "action must be ACCEPT or REJECT, found " + s;
    }
    String device = iface >= 0 && !dash(line, b, iface) ? field(line, b, iface) : instance >= 0 && !dash(line, b, instance) ? field(line, b, instance) : "";
    out.accept(new LogRecord(t0, t1, a[0], a[1], z[0], z[1], (int) p, sp, dp, act, 1, pk, by, device, "", lineNumber));
    return null;
  }

  private static long count(String line, int[] b, int i) {
    if (i < 0 || dash(line, b, i)) return 0;
    return Fields.number(line, b[2 * i], b[2 * i + 1]);
  }

  private static boolean dash(String line, int[] b, int i) {
    return b[2 * i + 1] - b[2 * i] == 1 && line.charAt(b[2 * i]) == '-';
  }

  private static String field(String line, int[] b, int i) {
    return line.substring(b[2 * i], b[2 * i + 1]);
  }

  /** True when the line looks like a default-format record (version 2 and 14 fields). */
  static boolean looksLikeDefault(String line) {
    return line.startsWith("2 ") && line.trim().split(" +").length == DEFAULT_V2.size();
  }

  static String lower(String s) {
    return s.toLowerCase(Locale.ROOT);
  }
}
