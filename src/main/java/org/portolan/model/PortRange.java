package org.portolan.model;

import java.util.Optional;

/** An inclusive range of ports, 0-65535. */
public record PortRange(int from, int to) implements Comparable<PortRange> {
  public static final int MAX = 65535;
  public static final PortRange ALL = new PortRange(0, MAX);

  public PortRange {
    if (from < 0 || to > MAX || from > to)
      throw new IllegalArgumentException("port range must lie within 0-65535 with from <= to, got " + from + "-" + to);
  }

  public static PortRange of(int port) {
    return new PortRange(port, port);
  }

  /** "80" or "1024-65535". */
  public static PortRange parse(String text) {
    return tryParse(text).orElseThrow(() -> new IllegalArgumentException(
        "expected a port 0-65535 or a range like 1024-65535, got '" + text + "'"));
  }

  public static Optional<PortRange> tryParse(String text) {
    if (text == null) return Optional.empty();
    String t = text.trim();
    int dash = t.indexOf('-');
    try {
      if (dash < 0) {
        if (!digits(t)) return Optional.empty();
        int p = Integer.parseInt(t);
        return p <= MAX ? Optional.of(of(p)) : Optional.empty();
      }
      String a = t.substring(0, dash).trim();
      String b = t.substring(dash + 1).trim();
      if (!digits(a) || !digits(b)) return Optional.empty();
      int from = Integer.parseInt(a);
      int to = Integer.parseInt(b);
      if (from > to || to > MAX) return Optional.empty();
      return Optional.of(new PortRange(from, to));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  /**
   * Whether {@code t} is one to five ASCII digits (the regex {@code \\d{1,5}}, checked by hand: a
   * 100,000-row flows file parsed its ports with a regex compiled per row, a tenth of the parse).
   */
  private static boolean digits(String t) {
    int n = t.length();
    if (n < 1 || n > 5) return false;
    for (int i = 0; i < n; i++) if (t.charAt(i) < '0' || t.charAt(i) > '9') return false;
    return true;
  }

  public boolean contains(int port) {
    return port >= from && port <= to;
  }

  public int size() {
    return to - from + 1;
  }

  public boolean isSingle() {
    return from == to;
  }

  @Override
  public int compareTo(PortRange o) {
    return from != o.from ? Integer.compare(from, o.from) : Integer.compare(to, o.to);
  }

  /** "80" or "1024-65535": the flows-CSV notation. */
  public String notation() {
    return isSingle() ? Integer.toString(from) : from + "-" + to;
  }
}
