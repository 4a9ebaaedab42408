package org.portolan.verify;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.portolan.ingest.acl.AclLine;
import org.portolan.ingest.acl.Box;
import org.portolan.ingest.acl.Chain;
import org.portolan.ingest.acl.Ranges;
import org.portolan.ingest.acl.Space;

/**
 * Which lines of a chain can match a space at all, by destination port: a bit set of lines
 * per block of 256 ports, OR-ed over the blocks a query spans (cached per span); and by IPv4
 * destination address: a bit set per /24 (hashed into at most {@link #MAX_BUCKETS} buckets),
 * holding the lines whose destinations touch it and every line with a wide or IPv6 destination,
 * used when every destination of the query lies in one /24. Only a pre-filter — a candidate is
 * a line in both sets, and the exact test still follows — so first-match order and exactness are
 * kept. Hand-written: no interval-index library here knows first-match line order.
 */
final class ChainIndex {
  /** Index memory per chain stays under this many bytes: blocks shrink to as few as 16 ports when it allows. */
  static final long MAX_BYTES = 8L << 20;

  private final Space[] matches;
  private final long[][] byBlock;
  private final Map<Integer, long[]> cache = new java.util.concurrent.ConcurrentHashMap<>();
  private final int words;
  private final int blockBits, blocks;
  /** Per bucket of /24s: the lines that may match a destination in it (null: no line has a narrow IPv4 destination). */
  private final long[][] byNet;

  /** A line whose IPv4 destinations span more than this many /24s is a candidate for every query. */
  static final int WIDE = 64;
  static final int MAX_BUCKETS = 4096;

  ChainIndex(Chain c, Function<AclLine, Space> effective) {
    List<AclLine> lines = c.lines();
    matches = new Space[lines.size()];
    words = (lines.size() + 63) >>> 6;
    int bits = 4;
    while (bits < 16 && (65536L >> bits) * words * 8 > MAX_BYTES) bits++;
    blockBits = bits;
    blocks = 65536 >> bits;
    byBlock = new long[blocks][];
    for (int b = 0; b < blocks; b++) byBlock[b] = new long[words];
    for (int i = 0; i < lines.size(); i++) {
      matches[i] = effective.apply(lines.get(i));
      if (lines.get(i).action() instanceof org.portolan.ingest.acl.Action.Continue k && k.mark().isEmpty()) continue; // a line that sets the mark is not skipped
      for (Box b : matches[i].boxes()) {
        Ranges dp = b.get(Box.DPORT);
        for (int k = 0; k < dp.intervals(); k++) {
          int from = (int) dp.fromLo(k) >>> blockBits, to = (int) dp.toLo(k) >>> blockBits;
          for (int blk = from; blk <= to; blk++) byBlock[blk][i >>> 6] |= 1L << i;
        }
      }
    }
    byNet = netIndex(lines.size());
  }

  /** The number of buckets: one per /24 up to {@link #MAX_BUCKETS}, fewer when the bit sets would pass {@link #MAX_BYTES}. */
  private long[][] netIndex(int lines) {
    if (lines == 0) return null;
    int buckets = (int) Math.max(1, Math.min(MAX_BUCKETS, MAX_BYTES / (8L * words)));
    long[] wide = new long[words];
    long[][] net = new long[buckets][];
    boolean any = false;
    for (int i = 0; i < lines; i++) {
      java.util.BitSet mine = new java.util.BitSet();
      long span = 0;
      for (Box b : matches[i].boxes()) {
        Ranges dst = b.get(Box.DST);
        for (int k = 0; k < dst.intervals() && span <= WIDE; k++) {
          long from = dst.fromLo(k) >>> 8, to = dst.toLo(k) >>> 8;
          if (b.family() != 4 || to - from >= WIDE) { span = WIDE + 1; break; }
          span += to - from + 1;
          for (long n = from; n <= to; n++) mine.set(bucket(n, buckets));
        }
      }
      if (span > WIDE) { wide[i >>> 6] |= 1L << i; continue; }
      for (int n = mine.nextSetBit(0); n >= 0; n = mine.nextSetBit(n + 1)) {
        if (net[n] == null) net[n] = new long[words];
        net[n][i >>> 6] |= 1L << i;
        any = true;
      }
    }
    if (!any) return null;
    for (int n = 0; n < buckets; n++) {
      if (net[n] == null) { net[n] = wide; continue; }
      for (int w = 0; w < words; w++) net[n][w] |= wide[w];
    }
    return net;
  }

  private static int bucket(long net24, int buckets) {
    return (int) (net24 % buckets);
  }

  /**
   * Lines that may match {@code in} by destination address: null when any line may (the query
   * is not IPv4, or its destinations span more than one /24, or no line has a narrow one).
   */
  long[] nearDestination(Space in) {
    if (byNet == null || in.isEmpty()) return null;
    long net = -1;
    List<Box> boxes = in.boxes();
    for (int k = 0, n = boxes.size(); k < n; k++) {
      Box b = boxes.get(k);
      if (b.family() != 4) return null;
      Ranges dst = b.get(Box.DST);
      long from = dst.minLo() >>> 8, to = dst.maxLo() >>> 8;
      if (from != to || net >= 0 && net != from) return null;
      net = from;
    }
    return byNet[bucket(net, byNet.length)];
  }

  Space match(int line) {
    return matches[line];
  }

  /** Lines that may match {@code in}: the union over the port blocks its destination ports touch. */
  long[] candidates(Space in) {
    if (in.isEmpty()) return new long[words];
    long lo = Long.MAX_VALUE, hi = -1;
    for (Box b : in.boxes()) {
      Ranges dp = b.get(Box.DPORT);
      lo = Math.min(lo, dp.minLo());
      hi = Math.max(hi, dp.maxLo());
    }
    int from = (int) lo >>> blockBits, to = (int) hi >>> blockBits;
    if (from == to) return byBlock[from];
    return cache.computeIfAbsent(from * blocks + to, k -> {
      long[] out = new long[words];
      for (int blk = from; blk <= to; blk++) {
        long[] x = byBlock[blk];
        for (int w = 0; w < words; w++) out[w] |= x[w];
      }
      return out;
    });
  }

  /** The next index at or after {@code from} set in both {@code a} and {@code b} (null: in {@code a}), or -1. */
  static int next(long[] a, long[] b, int from) {
    if (b == null) return next(a, from);
    int w = from >>> 6;
    if (w >= a.length) return -1;
    long word = a[w] & b[w] & (-1L << from);
    while (true) {
      if (word != 0) return (w << 6) + Long.numberOfTrailingZeros(word);
      if (++w >= a.length) return -1;
      word = a[w] & b[w];
    }
  }

  /** The next set bit at or after {@code from}, or -1. */
  static int next(long[] bits, int from) {
    int w = from >>> 6;
    if (w >= bits.length) return -1;
    long word = bits[w] & (-1L << from);
    while (true) {
      if (word != 0) return (w << 6) + Long.numberOfTrailingZeros(word);
      if (++w >= bits.length) return -1;
      word = bits[w];
    }
  }
}
