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

  public Addrs minus(Addrs o) {
    return new Addrs(v4.minus(o.v4), v6.minus(o.v6));
  }

  public Addrs complement() {
    return ANY.minus(this);
  }

  /** All addresses of one IP address block (prefix block or single address). */
  public static Addrs of(IPAddress block) {
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

  /**
   * Parses an address as rulesets write it: {@code 10.1.2.3}, {@code 10.0.0.0/8} (host bits
   * are masked, as the kernel does), {@code 2001:db8::/32}, {@code a-b}. Empty when it is none.
   */
  public static Optional<Addrs> parse(String text) {
    String t = text.trim();
    if (t.isEmpty()) return Optional.empty();
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

  private static Optional<IPAddress> single(String text) {
    IPAddressString s = new IPAddressString(text.trim());
    IPAddress a = s.isIPAddress() ? s.getAddress() : null;
    return a == null || a.isMultiple() || a.isPrefixed() ? Optional.empty() : Optional.of(a);
  }
}
