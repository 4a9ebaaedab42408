package org.portolan.capture;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The reorder window hands attempts out in the order a PriorityQueue by first packet does. */
class FirstPacketOrderTest {
  static Attempt at(long first) {
    return new Attempt("198.18.0.1", 40000, "198.18.0.2", "tcp", 443, AttemptOutcome.ESTABLISHED, 0, first, List.of(first), "x",
        Optional.empty(), List.of(), 0);
  }

  @Test
  void pollsInFirstPacketOrderLikeAPriorityQueue() {
    SplittableRandom rnd = new SplittableRandom(5);
    FirstPacketOrder heap = new FirstPacketOrder();
    PriorityQueue<Attempt> model = new PriorityQueue<>(Comparator.comparingLong(Attempt::firstPacket));
    List<Long> got = new ArrayList<>(), want = new ArrayList<>();
    long next = 1;
    for (int i = 0; i < 50_000; i++) {
      Attempt a = at(next + rnd.nextInt(3000)); // decided out of order, as attempts are
      next += 1 + rnd.nextInt(2);
      if (model.stream().anyMatch(m -> m.firstPacket() == a.firstPacket())) continue;
      heap.add(a);
      model.add(a);
      if (model.size() > 700) {
        got.add(heap.poll().firstPacket());
        want.add(model.poll().firstPacket());
      }
    }
    while (!model.isEmpty()) {
      got.add(heap.poll().firstPacket());
      want.add(model.poll().firstPacket());
    }
    assertThat(heap.isEmpty()).isTrue();
    assertThat(got).hasSizeGreaterThan(10_000).isEqualTo(want);
  }
}
