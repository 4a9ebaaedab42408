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
 * per block of 256 ports, OR-ed over the blocks a query spans (cached per span). Only a
 * pre-filter — the exact test still follows — so first-match order and exactness are kept.
 */
final class ChainIndex {
  /** Index memory per chain stays under this many bytes: blocks shrink to as few as 16 ports when it allows. */
  static final long MAX_BYTES = 8L << 20;

  private final Space[] matches;
  private final long[][] byBlock;
  private final Map<Integer, long[]> cache = new java.util.concurrent.ConcurrentHashMap<>();
  private final int words;
  private final int blockBits, blocks;

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
