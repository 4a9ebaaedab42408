package org.portolan.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A concrete set of ports: sorted, disjoint, non-adjacent ranges (so equal sets are equal
 * records). The empty set is allowed; it means "no ports" (protocols without ports use it).
 */
public record PortSet(List<PortRange> ranges) {
  public static final PortSet EMPTY = new PortSet(List.of());
  public static final PortSet ALL = new PortSet(List.of(PortRange.ALL));

  public PortSet {
    ranges = normalize(ranges);
  }

  public static PortSet of(int... ports) {
    return new PortSet(Arrays.stream(ports).mapToObj(PortRange::of).toList());
  }

  public static PortSet range(int from, int to) {
    return new PortSet(List.of(new PortRange(from, to)));
  }

  public static PortSet ofRanges(Collection<PortRange> ranges) {
    return new PortSet(List.copyOf(ranges));
  }

  /** Parses the flows-CSV notation: ports and ranges separated by spaces or commas ("53 88 49152-65535"). */
  public static PortSet parse(String text) {
    return tryParse(text).orElseThrow(() -> new IllegalArgumentException(
        "expected ports like '80', '53 88' or '49152-65535' (each 0-65535), got '" + text + "'"));
  }

  /** Between ports: compiled once (String.split compiles a regex of more than one character on every call). */
  private static final java.util.regex.Pattern SEPARATORS = java.util.regex.Pattern.compile("[\\s,]+");

  public static Optional<PortSet> tryParse(String text) {
    if (text == null) return Optional.empty();
    String t = text.trim();
    if (t.isEmpty()) return Optional.of(EMPTY);
    List<PortRange> out = new ArrayList<>();
    for (String part : SEPARATORS.split(t)) {
      Optional<PortRange> r = PortRange.tryParse(part);
      if (r.isEmpty()) return Optional.empty();
      out.add(r.get());
    }
    return Optional.of(new PortSet(out));
  }

  private static List<PortRange> normalize(List<PortRange> input) {
    if (input.isEmpty()) return List.of();
    List<PortRange> sorted = new ArrayList<>(input);
    sorted.sort(null);
    List<PortRange> out = new ArrayList<>();
    PortRange cur = sorted.getFirst();
    for (int i = 1; i < sorted.size(); i++) {
      PortRange next = sorted.get(i);
      if (next.from() <= cur.to() + 1) {
        cur = new PortRange(cur.from(), Math.max(cur.to(), next.to()));
      } else {
        out.add(cur);
        cur = next;
      }
    }
    out.add(cur);
    return List.copyOf(out);
  }

  public boolean isEmpty() {
    return ranges.isEmpty();
  }

  public boolean isAll() {
    return equals(ALL);
  }

  public boolean contains(int port) {
    for (PortRange r : ranges) {
      if (r.contains(port)) return true;
      if (r.from() > port) return false;
    }
    return false;
  }

  public boolean containsAll(PortSet other) {
    return other.minus(this).isEmpty();
  }

  /** Number of ports in the set. */
  public int size() {
    return ranges.stream().mapToInt(PortRange::size).sum();
  }

  public PortSet union(PortSet other) {
    List<PortRange> all = new ArrayList<>(ranges);
    all.addAll(other.ranges);
    return new PortSet(all);
  }

  public PortSet intersect(PortSet other) {
    List<PortRange> out = new ArrayList<>();
    int i = 0, j = 0;
    while (i < ranges.size() && j < other.ranges.size()) {
      PortRange a = ranges.get(i), b = other.ranges.get(j);
      int lo = Math.max(a.from(), b.from()), hi = Math.min(a.to(), b.to());
      if (lo <= hi) out.add(new PortRange(lo, hi));
      if (a.to() < b.to()) i++; else j++;
    }
    return new PortSet(out);
  }

  public PortSet minus(PortSet other) {
    return intersect(other.complement());
  }

  public PortSet complement() {
    List<PortRange> out = new ArrayList<>();
    int next = 0;
    for (PortRange r : ranges) {
      if (r.from() > next) out.add(new PortRange(next, r.from() - 1));
      next = r.to() + 1;
    }
    if (next <= PortRange.MAX) out.add(new PortRange(next, PortRange.MAX));
    return new PortSet(out);
  }

  /** The flows-CSV notation: "53 88 49152-65535"; empty for the empty set. */
  public String notation() {
    return ranges.stream().map(PortRange::notation).collect(Collectors.joining(" "));
  }
}
