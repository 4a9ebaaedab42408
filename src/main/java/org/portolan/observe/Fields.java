package org.portolan.observe;

/** Small allocation-free helpers the line parsers share. */
final class Fields {
  private Fields() {}

  /** Parses a non-negative decimal in {@code s[from, to)}; -1 when it is not one (or overflows). */
  static long number(String s, int from, int to) {
    if (from >= to || to - from > 18) return -1;
    long v = 0;
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') return -1;
      v = v * 10 + (c - '0');
    }
    return v;
  }

  static long number(String s) {
    return number(s, 0, s.length());
  }

  /** A port 0-65535 or -1. */
  static int port(String s, int from, int to) {
    long v = number(s, from, to);
    return v > 65535 ? -1 : (int) v;
  }

  /** The value of {@code KEY=} in a kernel log line up to the next space, or null. */
  static String kv(String line, String key, int from) {
    int i = from;
    while (true) {
      i = line.indexOf(key, i);
      if (i < 0) return null;
      if (i == 0 || line.charAt(i - 1) == ' ') break;
      i += key.length();
    }
    int start = i + key.length();
    int end = line.indexOf(' ', start);
    return line.substring(start, end < 0 ? line.length() : end);
  }
}
