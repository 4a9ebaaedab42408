package org.portolan.ingest.acl;

import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import java.math.BigInteger;
import java.util.Optional;

/** A set of IPv4 and IPv6 addresses, as one {@link Ranges} per family. Immutable. */
public record Addrs(Ranges v4, Ranges v6) {
  public static final Addrs NONE = new Addrs(Ranges.EMPTY, Ranges.EMPTY);
  public static final Addrs ANY = new Addrs(Box.allAddresses(4), Box.allAddresses(6));

  public Ranges of(int family) {
    return family == 4 ? v4 : v6;
  }

  public boolean isEmpty() {
    return v4.isEmpty() && v6.isEmpty();
  }

  public Addrs union(Addrs o) {
    return new Addrs(v4.union(o.v4), v6.union(o.v6));
  }

  /** The union of many address sets at once (sorted merge; see {@link Ranges#unionAll}). */
  public static Addrs unionAll(java.util.Collection<Addrs> all) {
    java.util.List<Ranges> v4 = new java.util.ArrayList<>(all.size()), v6 = new java.util.ArrayList<>();
    for (Addrs a : all) { if (!a.v4.isEmpty()) v4.add(a.v4); if (!a.v6.isEmpty()) v6.add(a.v6); }
    return new Addrs(Ranges.unionAll(v4), Ranges.unionAll(v6));
  }

  public Addrs minus(Addrs o) {
    return new Addrs(v4.minus(o.v4), v6.minus(o.v6));
  }

  public Addrs complement() {
    return ANY.minus(this);
  }

  /** Stand-in addresses of names: value → name, so results can show the name again. */
  private static final java.util.Map<Long, String> NAMES = new java.util.concurrent.ConcurrentHashMap<>();

  /**
   * A host name as a set of stand-in addresses: one in 240.0.0.0/4 (reserved, never routed)
   * and one in 100::/64 (discard-only, RFC 6666), derived from the lower-cased name. The same
   * name always gives the same addresses, so a rule naming a host (an ASA {@code fqdn}
   * object) matches exactly the flows naming it; a rule on real addresses never does,
   * because what the name resolves to is not known here.
   */
  public static Addrs fqdn(String name) {
    String n = name.strip().toLowerCase(java.util.Locale.ROOT);
    if (n.endsWith(".")) n = n.substring(0, n.length() - 1);
    long h = 1125899906842597L;
    for (int i = 0; i < n.length(); i++) h = 31 * h + n.charAt(i);
    h ^= (h >>> 29);
    long v4 = 0xF000_0000L | (h & 0x0FFF_FFFFL);
    NAMES.put(v4, n);
    return new Addrs(Ranges.single(v4), Ranges.of128(0x0100_0000_0000_0000L, h, 0x0100_0000_0000_0000L, h));
  }

  /** The name behind a stand-in IPv4 address, if it is one. */
  public static Optional<String> nameOf(long v4) {
    return Optional.ofNullable(NAMES.get(v4));
  }

  /** All addresses of one IP address block (prefix block or single address). */
  public static Addrs of(IPAddress block) {
    // IPv4 by its 32 bits, not by BigIntegers (verify makes one per endpoint of each of 100,000 flows)
    if (block instanceof inet.ipaddr.ipv4.IPv4Address v4) return new Addrs(Ranges.of(v4.longValue(), v4.upperLongValue()), Ranges.EMPTY);
    BigInteger lo = block.getLower().getValue(), hi = block.getUpper().getValue();
    Ranges r = block.isIPv4()
        ? Ranges.of(lo.longValue(), hi.longValue())
        : Ranges.of128(lo.shiftRight(64).longValue(), lo.longValue(), hi.shiftRight(64).longValue(), hi.longValue());
    return block.isIPv4() ? new Addrs(r, Ranges.EMPTY) : new Addrs(Ranges.EMPTY, r);
  }

  /** An inclusive address range lo-hi of one family. */
  public static Addrs range(IPAddress lo, IPAddress hi) {
    if (lo.getIPVersion() != hi.getIPVersion()) throw new IllegalArgumentException("range mixes IPv4 and IPv6");
    if (lo.getValue().compareTo(hi.getValue()) > 0) throw new IllegalArgumentException("range starts after it ends");
    BigInteger l = lo.getValue(), h = hi.getValue();
    if (lo.isIPv4()) return new Addrs(Ranges.of(l.longValue(), h.longValue()), Ranges.EMPTY);
    return new Addrs(Ranges.EMPTY, Ranges.of128(l.shiftRight(64).longValue(), l.longValue(), h.shiftRight(64).longValue(), h.longValue()));
  }

  /** Above this many intervals a non-contiguous mask is refused (the line is then doubted, never approximated). */
  public static final int MAX_MASK_INTERVALS = 1 << 20;

  /**
   * The IPv4 addresses {@code a} with {@code a & mask == value & mask}, exactly as the kernel
   * applies a mask (contiguous or not, e.g. iptables-save's {@code 0.0.2.5/0.0.255.255}, nft
   * {@code ip saddr & 0.0.255.255 == 0.0.2.5}). Empty when that set has more than
   * {@link #MAX_MASK_INTERVALS} intervals.
   */
  public static Optional<Addrs> masked(long value, long mask) {
    mask &= 0xFFFF_FFFFL;
    long v = value & mask;
    if (mask == 0) return Optional.of(new Addrs(Box.allAddresses(4), Ranges.EMPTY));
    int t = Long.numberOfTrailingZeros(mask);
    long low = (1L << t) - 1;
    // the free bits above the lowest mask bit, lowest first
    int[] free = new int[32];
    int k = 0;
    for (int b = t; b < 32; b++) if ((mask & (1L << b)) == 0) free[k++] = b;
    if ((1L << k) > MAX_MASK_INTERVALS) return Optional.empty();
    int n = 1 << k;
    long[] from = new long[n], to = new long[n];
    for (int c = 0; c < n; c++) {
      long a = v;
      for (int j = 0; j < k; j++) if ((c & (1 << j)) != 0) a |= 1L << free[j];
      from[c] = a;
      to[c] = a | low;
    }
    return Optional.of(new Addrs(Ranges.ofSortedSmall(from, to, n), Ranges.EMPTY));
  }

  /**
   * Parses an address as rulesets write it: {@code 10.1.2.3}, {@code 10.0.0.0/8} (host bits
   * are masked, as the kernel does), {@code 10.0.2.5/0.0.255.255} (a dotted mask, contiguous
   * or not: see {@link #masked}), {@code 2001:db8::/32}, {@code a-b}. Empty when it is none.
   */
  public static Optional<Addrs> parse(String text) {
    String t = text.trim();
    if (t.isEmpty()) return Optional.empty();
    Optional<Addrs> fast = quad(t);
    if (fast.isPresent()) return fast;
    int slash = t.indexOf('/');
    if (slash > 0 && t.indexOf('.', slash) > 0) {
      Optional<Long> a = v4(t.substring(0, slash)), m = v4(t.substring(slash + 1));
      if (a.isEmpty() || m.isEmpty()) return Optional.empty();
      return masked(a.get(), m.get());
    }
    int dash = t.indexOf('-');
    if (dash > 0 && !t.contains("/")) {
      Optional<IPAddress> a = single(t.substring(0, dash)), b = single(t.substring(dash + 1));
      if (a.isEmpty() || b.isEmpty() || a.get().getIPVersion() != b.get().getIPVersion() || a.get().getValue().compareTo(b.get().getValue()) > 0) return Optional.empty();
      return Optional.of(range(a.get(), b.get()));
    }
    IPAddressString s = new IPAddressString(t);
    if (!s.isIPAddress()) return Optional.empty();
    IPAddress a = s.getAddress();
    if (a == null) return Optional.empty();
    if (a.isPrefixed()) a = a.toPrefixBlock();
    else if (a.isMultiple()) return Optional.empty();
    return Optional.of(of(a));
  }

  /** Fast path for the common {@code a.b.c.d} and {@code a.b.c.d/n}; empty when it is anything else. */
  private static Optional<Addrs> quad(String t) {
    long v = 0;
    int i = 0, n = t.length(), parts = 0, len = 32;
    while (parts < 4) {
      int start = i, x = 0;
      while (i < n && i - start < 3 && Character.isDigit(t.charAt(i))) x = x * 10 + (t.charAt(i++) - '0');
      if (i == start || x > 255 || (i - start > 1 && t.charAt(start) == '0')) return Optional.empty();
      v = (v << 8) | x;
      parts++;
      if (parts < 4) {
        if (i >= n || t.charAt(i) != '.') return Optional.empty();
        i++;
      }
    }
    if (i < n) {
      if (t.charAt(i) != '/' || i + 1 >= n || n - i - 1 > 2) return Optional.empty();
      len = 0;
      for (int k = i + 1; k < n; k++) {
        if (!Character.isDigit(t.charAt(k))) return Optional.empty();
        len = len * 10 + (t.charAt(k) - '0');
      }
      if (len > 32) return Optional.empty();
    }
    long mask = len == 0 ? 0 : (0xFFFF_FFFFL << (32 - len)) & 0xFFFF_FFFFL;
    long lo = v & mask, hi = lo | (~mask & 0xFFFF_FFFFL);
    return Optional.of(new Addrs(Ranges.of(lo, hi), Ranges.EMPTY));
  }

  /** A dotted-quad IPv4 address as its value. */
  public static Optional<Long> v4(String t) {
    Optional<Addrs> a = quad(t.trim());
    if (a.isEmpty() || t.contains("/")) return Optional.empty();
    return Optional.of(a.get().v4().firstLo());
  }

  private static Optional<IPAddress> single(String text) {
    IPAddressString s = new IPAddressString(text.trim());
    IPAddress a = s.isIPAddress() ? s.getAddress() : null;
    return a == null || a.isMultiple() || a.isPrefixed() ? Optional.empty() : Optional.of(a);
  }
}
