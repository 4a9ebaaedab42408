package org.portolan.ingest.acl;

import java.math.BigInteger;
import java.util.Arrays;

/**
 * An exact set of unsigned 128-bit values as sorted, disjoint, non-adjacent inclusive
 * intervals. Used for every header dimension (addresses, protocol, ports, conntrack state),
 * so one piece of arithmetic serves them all. Hand-written: IPAddress offers prefix/range
 * arithmetic on single ranges but no allocation-lean interval-set algebra over mixed values.
 * Immutable.
 */
public final class Ranges {
  /** fromHi, fromLo, toHi, toLo per interval. */
  private final long[] v;

  public static final Ranges EMPTY = new Ranges(new long[0]);

  private Ranges(long[] v) {
    this.v = v;
  }

  /** The interval [from, to] of small values (ports, protocols). */
  public static Ranges of(long from, long to) {
    if (Long.compareUnsigned(from, to) > 0) throw new IllegalArgumentException("empty interval " + from + "-" + to);
    return new Ranges(new long[] {0, from, 0, to});
  }

  public static Ranges single(long value) {
    return of(value, value);
  }

  /** The interval [(fromHi,fromLo), (toHi,toLo)] of 128-bit values. */
  public static Ranges of128(long fromHi, long fromLo, long toHi, long toLo) {
    if (cmp(fromHi, fromLo, toHi, toLo) > 0) throw new IllegalArgumentException("empty interval");
    return new Ranges(new long[] {fromHi, fromLo, toHi, toLo});
  }

  /**
   * Sorted, disjoint, non-adjacent intervals of small values given as {@code from[i]..to[i]};
   * checked, so a caller's mistake cannot break the invariant.
   */
  static Ranges ofSortedSmall(long[] from, long[] to, int n) {
    long[] v = new long[4 * n];
    for (int i = 0; i < n; i++) {
      if (Long.compareUnsigned(from[i], to[i]) > 0 || i > 0 && Long.compareUnsigned(to[i - 1] + 1, from[i]) >= 0)
        throw new IllegalArgumentException("intervals must be sorted, disjoint and not adjacent");
      v[4 * i + 1] = from[i];
      v[4 * i + 3] = to[i];
    }
    return n == 0 ? EMPTY : new Ranges(v);
  }

  /**
   * The union of many sets at once: every interval sorted, then merged in one pass
   * (O(n log n); folding {@link #union} one set at a time is quadratic for a 200,000-element set).
   */
  public static Ranges unionAll(java.util.Collection<Ranges> sets) {
    int n = 0;
    for (Ranges r : sets) n += r.v.length / 4;
    if (n == 0) return EMPTY;
    Integer[] order = new Integer[n];
    long[] all = new long[4 * n];
    int k = 0;
    for (Ranges r : sets) { System.arraycopy(r.v, 0, all, 4 * k, r.v.length); k += r.v.length / 4; }
    for (int i = 0; i < n; i++) order[i] = i;
    java.util.Arrays.sort(order, (x, y) -> cmp(all[4 * x], all[4 * x + 1], all[4 * y], all[4 * y + 1]));
    long[] out = new long[4 * n];
    int m = 0;
    for (int idx : order) {
      long fh = all[4 * idx], fl = all[4 * idx + 1], th = all[4 * idx + 2], tl = all[4 * idx + 3];
      if (m > 0) {
        long ph = out[m - 2], pl = out[m - 1];
        boolean atMax = ph == -1L && pl == -1L;
        long nh = ph + (pl == -1L ? 1 : 0), nl = pl + 1;
        if (atMax || cmp(fh, fl, nh, nl) <= 0) {
          if (cmp(th, tl, ph, pl) > 0) { out[m - 2] = th; out[m - 1] = tl; }
          continue;
        }
      }
      out[m++] = fh; out[m++] = fl; out[m++] = th; out[m++] = tl;
    }
    return new Ranges(Arrays.copyOf(out, m));
  }

  public int intervals() {
    return v.length / 4;
  }

  public boolean isEmpty() {
    return v.length == 0;
  }

  public long fromHi(int i) { return v[4 * i]; }
  public long fromLo(int i) { return v[4 * i + 1]; }
  public long toHi(int i) { return v[4 * i + 2]; }
  public long toLo(int i) { return v[4 * i + 3]; }

  static int cmp(long ah, long al, long bh, long bl) {
    int c = Long.compareUnsigned(ah, bh);
    return c != 0 ? c : Long.compareUnsigned(al, bl);
  }

  /** Above this ratio of interval counts the small set's intervals are looked up in the large one (binary search) instead of merging both. */
  private static final int GALLOP = 16;

  /** The first interval of {@code b} at or after index {@code j} (a multiple of 4) that ends at or after (h, l); {@code b.length} if none. */
  private static int seek(long[] b, int j, long h, long l) {
    int lo = j >>> 2, hi = b.length >>> 2;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (cmp(b[4 * mid + 2], b[4 * mid + 3], h, l) < 0) lo = mid + 1;
      else hi = mid;
    }
    return 4 * lo;
  }

  /** True when the two sets share a value; allocates nothing. */
  public boolean intersects(Ranges o) {
    int i = 0, j = 0;
    long[] a = v, b = o.v;
    if (a.length > 0 && b.length > 0 && (b.length >= GALLOP * a.length || a.length >= GALLOP * b.length)) {
      long[] small = a.length < b.length ? a : b, big = small == a ? b : a;
      for (int k = 0; k < small.length; k += 4) {
        j = seek(big, j, small[k], small[k + 1]);
        if (j >= big.length) return false;
        if (cmp(big[j], big[j + 1], small[k + 2], small[k + 3]) <= 0) return true;
      }
      return false;
    }
    while (i < a.length && j < b.length) {
      // a_i.to < b_j.from -> advance i
      if (cmp(a[i + 2], a[i + 3], b[j], b[j + 1]) < 0) i += 4;
      else if (cmp(b[j + 2], b[j + 3], a[i], a[i + 1]) < 0) j += 4;
      else return true;
    }
    return false;
  }

  public Ranges intersect(Ranges o) {
    if (o == this) return this;
    long[] a = v, b = o.v;
    if (a.length == 4 && b.length == 4) {
      // one interval each (most dimensions of most boxes): no scratch array, and one of the two
      // given back when it lies within the other, so a box that a line's match contains is not copied
      boolean loA = cmp(a[0], a[1], b[0], b[1]) >= 0, hiA = cmp(a[2], a[3], b[2], b[3]) <= 0;
      if (loA && hiA) return this;
      if (!loA && !hiA) return o;
      long lh = loA ? a[0] : b[0], ll = loA ? a[1] : b[1], hh = hiA ? a[2] : b[2], hl = hiA ? a[3] : b[3];
      return cmp(lh, ll, hh, hl) <= 0 ? new Ranges(new long[] {lh, ll, hh, hl}) : EMPTY;
    }
    if (a.length > 0 && b.length > 0 && (b.length >= GALLOP * a.length || a.length >= GALLOP * b.length)) return intersectGalloping(o);
    long[] out = new long[Math.max(0, a.length + b.length)];
    int n = 0, i = 0, j = 0;
    while (i < a.length && j < b.length) {
      boolean loA = cmp(a[i], a[i + 1], b[j], b[j + 1]) >= 0;
      long lh = loA ? a[i] : b[j], ll = loA ? a[i + 1] : b[j + 1];
      boolean hiA = cmp(a[i + 2], a[i + 3], b[j + 2], b[j + 3]) <= 0;
      long hh = hiA ? a[i + 2] : b[j + 2], hl = hiA ? a[i + 3] : b[j + 3];
      if (cmp(lh, ll, hh, hl) <= 0) {
        out[n++] = lh; out[n++] = ll; out[n++] = hh; out[n++] = hl;
      }
      if (hiA) i += 4; else j += 4;
    }
    if (n == a.length && Arrays.equals(a, 0, n, out, 0, n)) return this;
    return n == 0 ? EMPTY : new Ranges(Arrays.copyOf(out, n));
  }

  /** As {@link #seek}, walking: the usual case, both sets of similar size. */
  private static int skip(long[] b, int j, long h, long l) {
    while (j < b.length && cmp(b[j + 2], b[j + 3], h, l) < 0) j += 4;
    return j;
  }

  /** {@link #intersect} when one set has far fewer intervals: each of them is looked up in the other. */
  private Ranges intersectGalloping(Ranges o) {
    long[] a = v, b = o.v;
    long[] small = a.length < b.length ? a : b, big = small == a ? b : a;
    long[] out = new long[small.length + 8];
    int n = 0, j = 0;
    for (int k = 0; k < small.length; k += 4) {
      j = seek(big, j, small[k], small[k + 1]);
      for (int x = j; x < big.length && cmp(big[x], big[x + 1], small[k + 2], small[k + 3]) <= 0; x += 4) {
        boolean loBig = cmp(big[x], big[x + 1], small[k], small[k + 1]) >= 0;
        boolean hiBig = cmp(big[x + 2], big[x + 3], small[k + 2], small[k + 3]) <= 0;
        if (n + 4 > out.length) out = Arrays.copyOf(out, 2 * out.length);
        out[n++] = loBig ? big[x] : small[k];
        out[n++] = loBig ? big[x + 1] : small[k + 1];
        out[n++] = hiBig ? big[x + 2] : small[k + 2];
        out[n++] = hiBig ? big[x + 3] : small[k + 3];
      }
    }
    if (n == a.length && Arrays.equals(a, 0, n, out, 0, n)) return this;
    return n == 0 ? EMPTY : new Ranges(Arrays.copyOf(out, n));
  }

  public Ranges minus(Ranges o) {
    if (o.v.length == 0 || v.length == 0) return this;
    long[] a = v, b = o.v;
    long[] out = new long[a.length + b.length + 4];
    int n = 0, j = 0;
    boolean changed = false;
    for (int i = 0; i < a.length; i += 4) {
      long ch = a[i], cl = a[i + 1];
      long eh = a[i + 2], el = a[i + 3];
      boolean alive = true;
      j = b.length >= GALLOP * a.length ? seek(b, j, ch, cl) : skip(b, j, ch, cl);
      int k = j;
      while (alive && k < b.length && cmp(b[k], b[k + 1], eh, el) <= 0) {
        changed = true;
        if (cmp(b[k], b[k + 1], ch, cl) > 0) {
          // keep [c, b.from - 1]
          long ph = b[k], pl = b[k + 1] - 1;
          if (b[k + 1] == 0) ph--;
          out[n++] = ch; out[n++] = cl; out[n++] = ph; out[n++] = pl;
        }
        if (cmp(b[k + 2], b[k + 3], eh, el) >= 0) {
          alive = false;
        } else {
          cl = b[k + 3] + 1;
          ch = b[k + 2] + (cl == 0 ? 1 : 0);
          k += 4;
        }
      }
      if (alive) {
        out[n++] = ch; out[n++] = cl; out[n++] = eh; out[n++] = el;
      }
    }
    if (!changed) return this;
    return n == 0 ? EMPTY : new Ranges(Arrays.copyOf(out, n));
  }

  public Ranges union(Ranges o) {
    if (o.v.length == 0) return this;
    if (v.length == 0) return o;
    long[] a = v, b = o.v;
    long[] out = new long[a.length + b.length];
    int n = 0, i = 0, j = 0;
    while (i < a.length || j < b.length) {
      long[] src;
      int at;
      if (j >= b.length || i < a.length && cmp(a[i], a[i + 1], b[j], b[j + 1]) <= 0) {
        src = a; at = i; i += 4;
      } else {
        src = b; at = j; j += 4;
      }
      if (n > 0) {
        long th = out[n - 2], tl = out[n - 1];
        long nh = th + (tl == -1L ? 1 : 0), nl = tl + 1; // to + 1 (may wrap at max: then always adjacent)
        boolean atMax = th == -1L && tl == -1L;
        if (atMax || cmp(src[at], src[at + 1], nh, nl) <= 0) {
          if (cmp(src[at + 2], src[at + 3], th, tl) > 0) {
            out[n - 2] = src[at + 2];
            out[n - 1] = src[at + 3];
          }
          continue;
        }
      }
      out[n++] = src[at]; out[n++] = src[at + 1]; out[n++] = src[at + 2]; out[n++] = src[at + 3];
    }
    return new Ranges(Arrays.copyOf(out, n));
  }

  public boolean containsAll(Ranges o) {
    return o.minus(this).isEmpty();
  }

  public boolean contains(long hi, long lo) {
    for (int i = 0; i < v.length; i += 4) {
      if (cmp(hi, lo, v[i], v[i + 1]) >= 0 && cmp(hi, lo, v[i + 2], v[i + 3]) <= 0) return true;
    }
    return false;
  }

  /** Lowest value of the set (fails when empty). */
  public long firstHi() { return v[0]; }
  public long firstLo() { return v[1]; }

  /** Number of values, as a BigInteger (addresses can be 2^128). */
  public BigInteger size() {
    BigInteger s = BigInteger.ZERO;
    for (int i = 0; i < v.length; i += 4) s = s.add(toBig(v[i + 2], v[i + 3]).subtract(toBig(v[i], v[i + 1])).add(BigInteger.ONE));
    return s;
  }

  static BigInteger toBig(long hi, long lo) {
    return new BigInteger(Long.toUnsignedString(hi)).shiftLeft(64).add(new BigInteger(Long.toUnsignedString(lo)));
  }

  /** Smallest and largest value of the first 64 low bits, for quick bounds (small dimensions only). */
  public long minLo() { return v[1]; }
  public long maxLo() { return v[v.length - 1]; }

  @Override
  public boolean equals(Object o) {
    return o instanceof Ranges r && Arrays.equals(v, r.v);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(v);
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("[");
    for (int i = 0; i < v.length; i += 4) {
      if (i > 0) sb.append(' ');
      if (v[i] == 0 && v[i + 2] == 0) sb.append(Long.toUnsignedString(v[i + 1])).append(v[i + 1] == v[i + 3] ? "" : "-" + Long.toUnsignedString(v[i + 3]));
      else sb.append(toBig(v[i], v[i + 1]).toString(16)).append('-').append(toBig(v[i + 2], v[i + 3]).toString(16));
    }
    return sb.append(']').toString();
  }
}
