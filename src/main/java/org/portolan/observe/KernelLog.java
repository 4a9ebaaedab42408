package org.portolan.observe;

import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.function.Consumer;
import org.portolan.attribution.Ip;

/**
 * iptables / nftables LOG lines and ulogd2's LOGEMU lines: the kernel's {@code KEY=value}
 * packet description after an optional log prefix, in the forms they reach a file —
 * {@code dmesg} ({@code [12345.678901] PREFIX IN=…}), syslog ({@code Dec  1 09:40:58 host kernel: …}),
 * the journal ({@code journalctl -o short-iso}: {@code 2026-12-01T09:40:58+0000 host kernel: …})
 * and ulogd2's LOGEMU ({@code Dec  1 09:40:58 host PREFIX IN=…}).
 *
 * <p>The verdict is read from the prefix, which is all the log says: a prefix containing DROP,
 * REJECT, DENY or BLOCK is a denial; ACCEPT, ALLOW or PERMIT an accept; anything else
 * "unknown" (a LOG rule logs before the verdict). Lines without {@code SRC=}/{@code DST=} are
 * other messages and skipped. Syslog times carry no year: the {@code year} given (the log
 * file's modification year) is used; dmesg times are seconds since boot, so those lines are
 * untimed. The device is the syslog host, else "kernel"; the rule is the prefix.
 */
final class KernelLog implements LineParser {
  private static final DateTimeFormatter SYSLOG = DateTimeFormatter.ofPattern("MMM ppd HH:mm:ss yyyy", Locale.ROOT);
  private final int year;

  KernelLog(int year) {
    this.year = year;
  }

  static boolean looksLike(String line) {
    return line.contains(" SRC=") && line.contains(" DST=") && (line.contains("PROTO=") || line.contains(" IN="));
  }

  @Override
  public String parse(String line, long lineNumber, Consumer<LogRecord> out) {
    int in = keyAt(line, "IN=");
    int srcAt = keyAt(line, "SRC=");
    if (srcAt < 0 || keyAt(line, "DST=") < 0) return null; // another message
    int bodyStart = in >= 0 && in < srcAt ? in : srcAt;
    // header: time, host, tag; then the prefix up to IN=
    String head = line.substring(0, bodyStart);
    long time = LogRecord.NO_TIME;
    String host = "";
    String rest = head;
    if (head.length() >= 16 && Character.isLetter(head.charAt(0)) && head.charAt(3) == ' ') {
      try {
        LocalDateTime t = LocalDateTime.parse(head.substring(0, 15) + " " + year, SYSLOG);
        time = t.toInstant(ZoneOffset.UTC).toEpochMilli();
      } catch (DateTimeParseException e) {
        return "expected a syslog time (\"Mmm dd hh:mm:ss\") at the start, found " + head.substring(0, 15);
      }
      rest = head.substring(16);
      int sp = rest.indexOf(' ');
      host = sp < 0 ? rest : rest.substring(0, sp);
      rest = sp < 0 ? "" : rest.substring(sp + 1);
    } else if (head.length() >= 19 && Character.isDigit(head.charAt(0)) && head.charAt(4) == '-' && head.charAt(10) == 'T') {
      int sp = head.indexOf(' ');
      try {
        time = OffsetDateTime.parse(head.substring(0, sp), ISO).toInstant().toEpochMilli();
      } catch (DateTimeParseException | StringIndexOutOfBoundsException e) {
        return "expected an ISO 8601 time with offset at the start, found " + head.substring(0, Math.max(0, sp));
      }
      rest = head.substring(sp + 1);
      int sp2 = rest.indexOf(' ');
      host = sp2 < 0 ? rest : rest.substring(0, sp2);
      rest = sp2 < 0 ? "" : rest.substring(sp2 + 1);
    }
    if (rest.startsWith("kernel: ")) rest = rest.substring(8);
    rest = rest.strip();
    if (rest.startsWith("[")) { // dmesg's [seconds since boot]
      int close = rest.indexOf(']');
      if (close > 0) rest = rest.substring(close + 1).strip();
    }
    String prefix = rest;
    String src = Fields.kv(line, "SRC=", bodyStart), dst = Fields.kv(line, "DST=", bodyStart), proto = Fields.kv(line, "PROTO=", bodyStart);
    long[] a = new long[2], z = new long[2];
    if (!Ip.parse(src, 0, src.length(), a)) return "SRC= must be an IP address, found " + src;
    if (!Ip.parse(dst, 0, dst.length(), z)) return "DST= must be an IP address, found " + dst;
    if (proto == null) return "expected PROTO= after SRC= and DST=";
    int p = LogRecord.protoNumber(proto);
    if (p < 0) return "PROTO= must be a protocol name or number, found " + proto;
    int sp = 0, dp = 0;
    if (p == 6 || p == 17 || p == 132) {
      String s = Fields.kv(line, "SPT=", bodyStart), d = Fields.kv(line, "DPT=", bodyStart);
      if (s == null || d == null) return "expected SPT= and DPT= for " + proto;
      sp = Fields.port(s, 0, s.length());
      dp = Fields.port(d, 0, d.length());
      if (sp < 0 || dp < 0) return "SPT= and DPT= must be ports 0-65535, found " + s + " and " + d;
    }
    String len = Fields.kv(line, "LEN=", bodyStart);
    long bytes = len == null ? 0 : Math.max(0, Fields.number(len));
    String upper = prefix.toUpperCase(Locale.ROOT);
    Action act = upper.contains("DROP") || upper.contains("REJECT") || upper.contains("DENY") || upper.contains("BLOCK") ? Action.DENY
        : upper.contains("ACCEPT") || upper.contains("ALLOW") || upper.contains("PERMIT") ? Action.ACCEPT : Action.UNKNOWN;
    out.accept(new LogRecord(time, time, a[0], a[1], z[0], z[1], p, sp, dp, act, 1, 1, bytes, host.isEmpty() ? "kernel" : host, prefix, lineNumber));
    return null;
  }

  private static final DateTimeFormatter ISO = new java.time.format.DateTimeFormatterBuilder()
      .append(DateTimeFormatter.ISO_LOCAL_DATE_TIME).optionalStart().appendOffset("+HH:MM", "Z").optionalEnd()
      .optionalStart().appendOffset("+HHMM", "Z").optionalEnd().toFormatter(Locale.ROOT);

  private static int keyAt(String line, String key) {
    int i = 0;
    while ((i = line.indexOf(key, i)) >= 0) {
      if (i == 0 || line.charAt(i - 1) == ' ' || line.charAt(i - 1) == ']') return i;
      i += key.length();
    }
    return -1;
  }
}
