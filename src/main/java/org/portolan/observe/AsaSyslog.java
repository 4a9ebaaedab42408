package org.portolan.observe;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.portolan.attribution.Ip;

/**
 * Cisco ASA syslog messages about connections, as Cisco's message reference writes them:
 * <ul>
 *   <li>106023 {@code Deny tcp src outside:A/P dst inside:B/Q by access-group "ACL" [h, h]}
 *   <li>106100 {@code access-list ACL permitted|denied|est-allowed tcp outside/A(P) -> inside/B(Q) hit-cnt N …}
 *   <li>106001 {@code Inbound TCP connection denied from A/P to B/Q flags F on interface IF}
 *   <li>106015 {@code Deny TCP (no connection) from A/P to B/Q flags F on interface IF} (a packet of no
 *       known connection: recorded as a denial by "(no connection)", not by an ACL)
 *   <li>302013/302015 {@code Built inbound|outbound TCP|UDP connection ID for IF:A/P (…) to IF:B/Q (…)} —
 *       an accepted connection; "inbound" means the "for" side initiated, "outbound" the "to" side
 *   <li>302014/302016 teardown: skipped, the connection was counted at its Built message
 * </ul>
 * Other messages are skipped. The device is the syslog host or ASA device-id before
 * {@code %ASA-}, else "asa"; the time is the syslog or ASA timestamp when there is one
 * (without a year: the {@code year} given).
 */
final class AsaSyslog implements LineParser {
  private static final String ADDR = "([0-9A-Fa-f:.]+)";
  private static final Pattern M106023 = Pattern.compile(
      "Deny (\\S+) src ([^:\\s]+):" + ADDR + "(?:/(\\d+))?(?: \\([^)]*\\))? dst ([^:\\s]+):" + ADDR + "(?:/(\\d+))?(?: \\([^)]*\\))?.*? by access-group \"([^\"]+)\"");
  private static final Pattern M106100 = Pattern.compile(
      "access-list (\\S+) (permitted|denied|est-allowed) (\\S+) ([^/\\s]+)/" + ADDR + "\\((\\d+)\\)(?: \\([^)]*\\))? -> ([^/\\s]+)/" + ADDR
          + "\\((\\d+)\\)(?: \\([^)]*\\))? hit-cnt (\\d+)");
  private static final Pattern M106001 = Pattern.compile(
      "Inbound (TCP) connection denied from " + ADDR + "/(\\d+) to " + ADDR + "/(\\d+) flags .*? on interface (\\S+)");
  private static final Pattern M106015 = Pattern.compile(
      "Deny (TCP) \\(no connection\\) from " + ADDR + "/(\\d+) to " + ADDR + "/(\\d+) flags .*? on interface (\\S+?)\\.?$");
  private static final Pattern M302013 = Pattern.compile(
      "Built (inbound|outbound) (TCP|UDP) connection \\d+ for ([^:\\s]+):" + ADDR + "/(\\d+) \\([^)]*\\)(?: \\([^)]*\\))* to ([^:\\s]+):" + ADDR + "/(\\d+)");
  private static final Pattern TAG = Pattern.compile("%(?:ASA|FTD|FWSM|PIX)-(\\d)-(\\d{6}): ?");
  private static final DateTimeFormatter WITH_YEAR = DateTimeFormatter.ofPattern("MMM ppd yyyy HH:mm:ss", Locale.ROOT);
  private static final DateTimeFormatter NO_YEAR = DateTimeFormatter.ofPattern("MMM ppd HH:mm:ss yyyy", Locale.ROOT);

  private final int year;

  AsaSyslog(int year) {
    this.year = year;
  }

  static boolean looksLike(String line) {
    return TAG.matcher(line).find();
  }

  @Override
  public String parse(String line, long lineNumber, Consumer<LogRecord> out) {
    Matcher tag = TAG.matcher(line);
    if (!tag.find()) return null;
    String id = tag.group(2);
    String body = line.substring(tag.end());
    String head = line.substring(0, tag.start()).strip();
    if (head.startsWith("<")) head = head.substring(Math.max(0, head.indexOf('>') + 1));
    if (head.endsWith(":")) head = head.substring(0, head.length() - 1).strip();
    long time = time(head);
    String device = device(head);
    Matcher m;
    switch (id) {
      case "106023" -> {
        if (!(m = M106023.matcher(body)).find()) return "106023: expected Deny PROTO src IF:ADDR/PORT dst IF:ADDR/PORT … by access-group \"ACL\"";
        return emit(out, lineNumber, time, device, m.group(1), m.group(3), m.group(4), m.group(6), m.group(7), Action.DENY, 1, m.group(8));
      }
      case "106100" -> {
        if (!(m = M106100.matcher(body)).find()) return "106100: expected access-list ACL permitted|denied|est-allowed PROTO IF/ADDR(PORT) -> IF/ADDR(PORT) hit-cnt N";
        if (m.group(2).equals("est-allowed")) return null; // a packet of an established connection, not a new one
        long hits = Fields.number(m.group(10));
        if (hits < 1) return "106100: hit-cnt must be a positive number, found " + m.group(10);
        return emit(out, lineNumber, time, device, m.group(3), m.group(5), m.group(6), m.group(8), m.group(9),
            m.group(2).equals("permitted") ? Action.ACCEPT : Action.DENY, hits, m.group(1));
      }
      case "106001" -> {
        if (!(m = M106001.matcher(body)).find()) return "106001: expected Inbound TCP connection denied from ADDR/PORT to ADDR/PORT flags F on interface IF";
        return emit(out, lineNumber, time, device + (device.isEmpty() ? "" : " ") + m.group(6), "tcp", m.group(2), m.group(3), m.group(4),
            m.group(5), Action.DENY, 1, "");
      }
      case "106015" -> {
        if (!(m = M106015.matcher(body)).find()) return "106015: expected Deny TCP (no connection) from ADDR/PORT to ADDR/PORT flags F on interface IF";
        return emit(out, lineNumber, time, device + (device.isEmpty() ? "" : " ") + m.group(6), "tcp", m.group(2), m.group(3), m.group(4),
            m.group(5), Action.DENY, 1, "(no connection)");
      }
      case "302013", "302015" -> {
        if (!(m = M302013.matcher(body)).find()) return id + ": expected Built inbound|outbound TCP|UDP connection ID for IF:ADDR/PORT (…) to IF:ADDR/PORT";
        boolean inbound = m.group(1).equals("inbound");
        return inbound ? emit(out, lineNumber, time, device, m.group(2), m.group(4), m.group(5), m.group(7), m.group(8), Action.ACCEPT, 1, "")
            : emit(out, lineNumber, time, device, m.group(2), m.group(7), m.group(8), m.group(4), m.group(5), Action.ACCEPT, 1, "");
      }
      default -> {
        return null; // 302014/302016 teardowns and every other message
      }
    }
  }

  private static String emit(Consumer<LogRecord> out, long lineNumber, long time, String device, String proto, String src, String sport,
      String dst, String dport, Action action, long records, String rule) {
    int p = LogRecord.protoNumber(proto);
    if (p < 0) return "unknown protocol " + proto;
    long[] a = new long[2], z = new long[2];
    if (!Ip.parse(src, 0, src.length(), a)) return "expected a source IP address, found " + src;
    if (!Ip.parse(dst, 0, dst.length(), z)) return "expected a destination IP address, found " + dst;
    int sp = sport == null ? 0 : Fields.port(sport, 0, sport.length());
    int dp = dport == null ? 0 : Fields.port(dport, 0, dport.length());
    if (sp < 0 || dp < 0) return "ports must be 0-65535, found " + sport + " and " + dport;
    out.accept(new LogRecord(time, time, a[0], a[1], z[0], z[1], p, sp, dp, action, records, 0, 0, device.isEmpty() ? "asa" : device, rule, lineNumber));
    return null;
  }

  /** "Dec 01 2026 09:40:58" (ASA timestamp) or "Dec  1 09:40:58" (syslog) at the start of the head. */
  private long time(String head) {
    if (head.length() < 15 || !Character.isLetter(head.charAt(0))) return LogRecord.NO_TIME;
    try {
      if (head.length() >= 20 && Character.isDigit(head.charAt(7)) && head.charAt(11) == ' ')
        return LocalDateTime.parse(head.substring(0, 20), WITH_YEAR).toInstant(ZoneOffset.UTC).toEpochMilli();
      return LocalDateTime.parse(head.substring(0, 15) + " " + year, NO_YEAR).toInstant(ZoneOffset.UTC).toEpochMilli();
    } catch (DateTimeParseException e) {
      return LogRecord.NO_TIME;
    }
  }

  /** The last word of the head when it is not part of the time: the syslog host or ASA device-id. */
  private static String device(String head) {
    int sp = head.lastIndexOf(' ');
    String last = sp < 0 ? head : head.substring(sp + 1);
    if (last.isEmpty() || last.matches("\\d{1,2}:\\d{2}:\\d{2}(\\.\\d+)?") || last.matches("\\d{4}")) return "";
    return last;
  }
}
