package org.portolan.ingest.acl;

import java.util.Set;

/**
 * Builds the header space a rule matches from per-dimension conditions, each possibly
 * negated (negation is the complement within that dimension, as iptables' {@code !} and
 * nftables' {@code !=} mean). Conditions combine by intersection.
 */
public final class Match {
  private boolean v4 = true, v6 = true;
  private final Ranges[] d4 = Box.universe(4).dims(), d6 = Box.universe(6).dims();

  private Match() {}

  public static Match any() {
    return new Match();
  }

  /** Restricts to IP families (4, 6). */
  public Match families(Set<Integer> families) {
    v4 &= families.contains(4);
    v6 &= families.contains(6);
    return this;
  }

  public Match family(int family) {
    return families(Set.of(family));
  }

  public Match src(Addrs a, boolean negated) {
    return addrs(Box.SRC, a, negated);
  }

  public Match dst(Addrs a, boolean negated) {
    return addrs(Box.DST, a, negated);
  }

  private Match addrs(int dim, Addrs a, boolean negated) {
    Addrs x = negated ? a.complement() : a;
    d4[dim] = d4[dim].intersect(x.v4());
    d6[dim] = d6[dim].intersect(x.v6());
    return this;
  }

  public Match proto(Ranges r, boolean negated) {
    return dim(Box.PROTO, r, negated, Box.ALL_PROTO);
  }

  /** Protocol by number for each family: ICMP is 1 in IPv4 and 58 in IPv6 when {@code icmpBoth}. */
  public Match protoNumber(int number) {
    return proto(Ranges.single(number), false);
  }

  public Match sport(Ranges r, boolean negated) {
    return dim(Box.SPORT, r, negated, Box.ALL_PORTS);
  }

  public Match dport(Ranges r, boolean negated) {
    return dim(Box.DPORT, r, negated, Box.ALL_PORTS);
  }

  /** Packet marks ({@code -m mark}, nft {@code meta mark}): the upper bound, {@link Box#MARK_UNSET} included (see {@link #MARK_DOUBT}). */
  public Match mark(Ranges r, boolean negated) {
    return dim(Box.MARK, negated ? Box.ALL_MARKS.minus(r).union(Ranges.single(Box.MARK_UNSET)) : r.union(Ranges.single(Box.MARK_UNSET)), false, Box.ALL_MARKS);
  }

  /** Where a mark condition is doubted: packets whose mark nothing on the path set. */
  public static final Space MARK_DOUBT = Match.any().markExactly(Ranges.single(Box.MARK_UNSET)).build();

  private Match markExactly(Ranges r) {
    return dim(Box.MARK, r, false, Box.ALL_MARKS);
  }

  public Match state(Ranges r, boolean negated) {
    return dim(Box.STATE, r, negated, Box.ALL_STATES);
  }

  private Match dim(int dim, Ranges r, boolean negated, Ranges all) {
    Ranges x = negated ? all.minus(r) : r;
    d4[dim] = d4[dim].intersect(x);
    d6[dim] = d6[dim].intersect(x);
    return this;
  }

  public Space build() {
    Space s = Space.EMPTY;
    if (v4) s = s.plus(nonEmpty(4, d4));
    if (v6) s = s.plus(nonEmpty(6, d6));
    return s;
  }

  private static Box nonEmpty(int family, Ranges[] d) {
    for (Ranges r : d) if (r.isEmpty()) return null;
    return new Box(family, d.clone());
  }
}
