package org.portolan.capture;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The connection table against the access-ordered {@link LinkedHashMap} it replaced: the same
 * random mix of lookups, insertions and removals (many tuples colliding on few addresses and
 * ports, so probe runs are long and removals shift them) must find the same entries and keep
 * them in the same least-recently-used order.
 */
class ConnectionTableTest {
  static final class E extends ConnectionTable.Entry {
    E(Key k) {
      super(k);
    }
  }

  @Test
  void behavesLikeAnAccessOrderedLinkedHashMap() {
    SplittableRandom rnd = new SplittableRandom(18);
    ConnectionTable<E> table = new ConnectionTable<>();
    LinkedHashMap<Key, E> model = new LinkedHashMap<>(16, 0.75f, true);
    int removed = 0, found = 0;
    for (int step = 0; step < 200_000; step++) {
      Key k = new Key(rnd.nextInt(2), 0xFFFF_0000_0000L | rnd.nextInt(40), 0, 0xFFFF_0000_0000L | rnd.nextInt(40),
          (rnd.nextInt(3) << 16) | rnd.nextInt(3), rnd.nextBoolean() ? Decoded.TCP : Decoded.UDP);
      E got = table.get(k.aHi(), k.aLo(), k.bHi(), k.bLo(), k.ports(), k.proto());
      assertThat(got).isSameAs(model.get(k));
      if (got != null) found++;
      switch (rnd.nextInt(4)) {
        case 0, 1 -> {
          if (got == null) {
            E e = new E(k);
            table.put(e);
            model.put(k, e);
          }
        }
        case 2 -> {
          if (got != null) {
            table.remove(got);
            model.remove(k);
            removed++;
          }
        }
        case 3 -> {
          E eldest = table.eldest();
          if (eldest != null) {
            assertThat(eldest).isSameAs(model.values().iterator().next());
            table.remove(eldest);
            model.remove(eldest.key);
            removed++;
          }
        }
        default -> throw new IllegalStateException();
      }
      assertThat(table.size()).isEqualTo(model.size());
      if (step % 5_000 == 0) assertThat(table.values()).containsExactlyElementsOf(new ArrayList<>(model.values()));
    }
    assertThat(found).as("lookups that hit").isGreaterThan(10_000);
    assertThat(removed).as("removals").isGreaterThan(10_000);
    List<E> all = table.values();
    assertThat(all).containsExactlyElementsOf(new ArrayList<>(model.values()));
    table.clear();
    assertThat(table.size()).isZero();
    assertThat(table.eldest()).isNull();
    for (E e : all) assertThat(table.get(e.key.aHi(), e.key.aLo(), e.key.bHi(), e.key.bLo(), e.key.ports(), e.key.proto())).isNull();
  }
}
