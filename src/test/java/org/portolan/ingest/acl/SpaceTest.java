package org.portolan.ingest.acl;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The algebra against brute force: random boxes over small value ranges, every operation's
 * result compared point by point with the same operation on explicit sets of points.
 */
class SpaceTest {
  static final int V = 6; // values 0..5 in each of the dimensions we vary

  static Ranges randomRanges(Random r) {
    Ranges x = Ranges.EMPTY;
    int n = 1 + r.nextInt(2);
    for (int i = 0; i < n; i++) {
      int a = r.nextInt(V), b = a + r.nextInt(V - a);
      x = x.union(Ranges.of(a, b));
    }
    return x;
  }

  static Box randomBox(Random r) {
    Box b = Box.universe(4);
    for (int dim : new int[] {Box.SRC, Box.DST, Box.DPORT, Box.STATE}) b = b.with(dim, randomRanges(r));
    return b.with(Box.PROTO, Ranges.single(6)).with(Box.SPORT, Ranges.single(0));
  }

  static Space randomSpace(Random r) {
    List<Box> boxes = new ArrayList<>();
    for (int i = 0; i < 1 + r.nextInt(3); i++) boxes.add(randomBox(r));
    return Space.union(boxes);
  }

  /** All points (src, dst, dport, state) of a space within the small universe. */
  static Set<List<Integer>> points(Space s) {
    Set<List<Integer>> out = new HashSet<>();
    for (int a = 0; a < V; a++) for (int b = 0; b < V; b++) for (int c = 0; c < V; c++) for (int d = 0; d < V; d++) {
      for (Box x : s.boxes()) {
        if (x.get(Box.SRC).contains(0, a) && x.get(Box.DST).contains(0, b) && x.get(Box.DPORT).contains(0, c) && x.get(Box.STATE).contains(0, d)
            && x.get(Box.PROTO).contains(0, 6) && x.get(Box.SPORT).contains(0, 0)) {
          out.add(List.of(a, b, c, d));
          break;
        }
      }
    }
    return out;
  }

  static void assertDisjoint(Space s) {
    List<Box> b = s.boxes();
    for (int i = 0; i < b.size(); i++) for (int j = i + 1; j < b.size(); j++) assertThat(b.get(i).intersects(b.get(j))).as("boxes %s and %s overlap", b.get(i), b.get(j)).isFalse();
  }

  @Test
  void operationsAreExactAgainstBruteForce() {
    Random r = new Random(42);
    for (int round = 0; round < 400; round++) {
      Space a = randomSpace(r), b = randomSpace(r);
      Set<List<Integer>> pa = points(a), pb = points(b);
      Set<List<Integer>> union = new HashSet<>(pa); union.addAll(pb);
      Set<List<Integer>> inter = new HashSet<>(pa); inter.retainAll(pb);
      Set<List<Integer>> minus = new HashSet<>(pa); minus.removeAll(pb);
      Space u = a.plus(b), i = a.intersect(b), m = a.minus(b);
      assertThat(points(u)).isEqualTo(union);
      assertThat(points(i)).isEqualTo(inter);
      assertThat(points(m)).isEqualTo(minus);
      assertDisjoint(a); assertDisjoint(u); assertDisjoint(i); assertDisjoint(m);
      assertThat(a.containsAll(b)).isEqualTo(pa.containsAll(pb));
      assertThat(a.intersects(b)).isEqualTo(!inter.isEmpty());
    }
  }

  @Test
  void rangesHandleTheEdgesOf128BitValues() {
    Ranges all = Ranges.of128(0, 0, -1L, -1L);
    Ranges top = Ranges.of128(-1L, -10L, -1L, -1L);
    Ranges rest = all.minus(top);
    assertThat(rest.intervals()).isEqualTo(1);
    assertThat(rest.toHi(0)).isEqualTo(-1L);
    assertThat(rest.toLo(0)).isEqualTo(-11L);
    assertThat(rest.union(top)).isEqualTo(all);
    // crossing the 64-bit boundary: [2^64 - 1, 2^64] minus {2^64 - 1}
    Ranges cross = Ranges.of128(0, -1L, 1, 0);
    Ranges less = cross.minus(Ranges.of128(0, -1L, 0, -1L));
    assertThat(less).isEqualTo(Ranges.of128(1, 0, 1, 0));
    assertThat(cross.size().toString()).isEqualTo("2");
  }

  @Test
  void addressesParseAsTheKernelReadsThem() {
    assertThat(Addrs.parse("198.18.0.7/24").orElseThrow().v4()).isEqualTo(Ranges.of(0xC6120000L, 0xC61200FFL));
    assertThat(Addrs.parse("198.18.1.1-198.18.1.9").orElseThrow().v4()).isEqualTo(Ranges.of(0xC6120101L, 0xC6120109L));
    assertThat(Addrs.parse("2001:db8::/32").orElseThrow().v6().size()).isEqualTo(java.math.BigInteger.ONE.shiftLeft(96));
    assertThat(Addrs.parse("not-an-address")).isEmpty();
    assertThat(Addrs.parse("198.18.1.9-198.18.1.1")).isEmpty();
  }
}
