package org.portolan.ingest.acl;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A product of value sets, one per header dimension, within one IP family: source address,
 * destination address, IP protocol, source port, destination port (for ICMP: type * 256 +
 * code), connection-tracking state and the packet mark (its 32 bits, and {@link #MARK_UNSET}:
 * a mark nothing on the path set, so not known here). The unit of the header-space algebra;
 * subtraction is exact (at most one piece per dimension).
 */
public final class Box {
  public static final int SRC = 0, DST = 1, PROTO = 2, SPORT = 3, DPORT = 4, STATE = 5, MARK = 6, DIMS = 7;

  /** Connection-tracking states as values of the STATE dimension. */
  public static final int NEW = 0, ESTABLISHED = 1, RELATED = 2, INVALID = 3, UNTRACKED = 4;

  private final int family;
  private final Ranges[] d;

  Box(int family, Ranges[] d) {
    if (family != 4 && family != 6) throw new IllegalArgumentException("family must be 4 or 6");
    if (d.length != DIMS) throw new IllegalArgumentException("a box has " + DIMS + " dimensions");
    this.family = family;
    this.d = d;
  }

  public static Ranges allAddresses(int family) {
    return family == 4 ? Ranges.of(0, 0xFFFF_FFFFL) : Ranges.of128(0, 0, -1L, -1L);
  }

  public static final Ranges ALL_PROTO = Ranges.of(0, 255);
  public static final Ranges ALL_PORTS = Ranges.of(0, 65535);
  public static final Ranges ALL_STATES = Ranges.of(0, 4);

  /**
   * The MARK value of a packet whose mark no line on its path has set: a flow is evaluated
   * with it, so a mark condition is decided only where the ruleset set the mark earlier on
   * the path (MARK --set-xmark, nft meta mark set) and doubted elsewhere.
   */
  public static final long MARK_UNSET = 1L << 32;

  /** Every packet mark, and {@link #MARK_UNSET}. */
  public static final Ranges ALL_MARKS = Ranges.of(0, MARK_UNSET);

  /**
   * The states whose packets may carry the DNAT status ({@code --ctstate DNAT}, nft
   * {@code ct status dnat}): established and related ones, whose connection may have been
   * rewritten earlier. A new connection's first packet carries it only once a DNAT or REDIRECT
   * on its path rewrote it, and those make the verdict undetermined where they match; so for
   * the first packet the status is exactly false, and the line is doubted only for the rest.
   */
  public static final Ranges DNAT_STATUS = Ranges.single(ESTABLISHED).union(Ranges.single(RELATED));
  private static final Ranges ALL_V4 = allAddresses(4), ALL_V6 = allAddresses(6);

  /** Every packet of a family. */
  public static Box universe(int family) {
    Ranges a = family == 4 ? ALL_V4 : ALL_V6;
    return new Box(family, new Ranges[] {a, a, ALL_PROTO, ALL_PORTS, ALL_PORTS, ALL_STATES, ALL_MARKS});
  }

  public int family() {
    return family;
  }

  Ranges[] dims() {
    return d.clone();
  }

  public Ranges get(int dim) {
    return d[dim];
  }

  /** This box with one dimension replaced (intersected by the caller when needed). */
  public Box with(int dim, Ranges r) {
    Ranges[] c = d.clone();
    c[dim] = r;
    return new Box(family, c);
  }

  /** This box restricted to {@code r} along {@code dim}; empty result gives null. */
  public Box restrict(int dim, Ranges r) {
    Ranges x = d[dim].intersect(r);
    if (x.isEmpty()) return null;
    return x == d[dim] ? this : with(dim, x);
  }

  public boolean isEmpty() {
    for (Ranges r : d) if (r.isEmpty()) return true;
    return false;
  }

  public boolean intersects(Box o) {
    if (family != o.family) return false;
    for (int i = 0; i < DIMS; i++) if (!d[i].intersects(o.d[i])) return false;
    return true;
  }

  /** The intersection, or null when empty. */
  public Box intersect(Box o) {
    if (!intersects(o)) return null;
    Ranges[] c = new Ranges[DIMS];
    boolean mine = true, theirs = true;
    for (int i = 0; i < DIMS; i++) {
      c[i] = d[i].intersect(o.d[i]);
      mine &= c[i] == d[i];
      theirs &= c[i] == o.d[i];
    }
    // the same set either way; giving back an operand lets callers see by identity that nothing was cut
    return mine ? this : theirs ? o : new Box(family, c);
  }

  public boolean containsAll(Box o) {
    if (family != o.family) return false;
    for (int i = 0; i < DIMS; i++) if (!d[i].containsAll(o.d[i])) return false;
    return true;
  }

  /** Exact difference as disjoint boxes: piece i keeps dims < i intersected, dim i minus. */
  public List<Box> minus(Box o) {
    if (!intersects(o)) return List.of(this);
    List<Box> out = new ArrayList<>(DIMS);
    Ranges[] cur = d.clone();
    for (int i = 0; i < DIMS; i++) {
      Ranges rest = cur[i].minus(o.d[i]);
      if (!rest.isEmpty()) {
        Ranges[] piece = cur.clone();
        piece[i] = rest;
        out.add(new Box(family, piece));
      }
      cur[i] = cur[i].intersect(o.d[i]);
    }
    return out;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Box b && b.family == family && Arrays.equals(d, b.d);
  }

  @Override
  public int hashCode() {
    return family * 31 + Arrays.hashCode(d);
  }

  @Override
  public String toString() {
    return "v" + family + Arrays.toString(d);
  }
}
