package org.portolan.ingest.acl;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.BitSet;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Interval-set algebra against brute force on a small universe, with sets of very different
 * sizes (a 100,000-member ipset against one address takes the binary-search path) and alike.
 */
class RangesTest {
  private static final int U = 4096;

  private static Ranges random(Random rnd, int intervals) {
    long[] from = new long[intervals], to = new long[intervals];
    int n = 0;
    long at = rnd.nextInt(8);
    while (n < intervals && at < U) {
      long len = rnd.nextInt(4);
      if (at + len >= U) break;
      from[n] = at;
      to[n] = at + len;
      n++;
      at += len + 2 + rnd.nextInt(Math.max(1, U / (intervals + 1) / 2));
    }
    return Ranges.ofSortedSmall(from, to, n);
  }

  private static BitSet bits(Ranges r) {
    BitSet b = new BitSet(U);
    for (int i = 0; i < r.intervals(); i++) b.set((int) r.fromLo(i), (int) r.toLo(i) + 1);
    return b;
  }

  @Test
  void lopsidedAndEvenSetsGiveTheBruteForceAnswers() {
    Random rnd = new Random(42);
    int[] sizes = {1, 2, 3, 40, 600};
    for (int round = 0; round < 400; round++) {
      Ranges a = random(rnd, sizes[rnd.nextInt(sizes.length)]), b = random(rnd, sizes[rnd.nextInt(sizes.length)]);
      BitSet and = bits(a);
      and.and(bits(b));
      BitSet minus = bits(a);
      minus.andNot(bits(b));
      assertThat(a.intersects(b)).as(a + " intersects " + b).isEqualTo(!and.isEmpty());
      assertThat(b.intersects(a)).isEqualTo(!and.isEmpty());
      assertThat(bits(a.intersect(b))).as(a + " ∩ " + b).isEqualTo(and);
      assertThat(bits(b.intersect(a))).isEqualTo(and);
      assertThat(a.intersect(b)).isEqualTo(b.intersect(a));
      assertThat(bits(a.minus(b))).as(a + " − " + b).isEqualTo(minus);
    }
  }
}
