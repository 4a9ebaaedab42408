package org.portolan.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The writer thread gives its sink every attempt, in order, before close returns, and raises the sink's failure. */
class SinkThreadTest {
  static Attempt attempt(long n) {
    return FirstPacketOrderTest.at(n);
  }

  @Test
  void everyAttemptReachesTheSinkInOrderBeforeCloseReturns() {
    for (int count : new int[] {0, 1, 511, 512, 513, 20_000}) {
      List<Long> seen = new ArrayList<>();
      try (SinkThread t = new SinkThread(a -> seen.add(a.firstPacket()))) {
        for (long i = 1; i <= count; i++) t.accept(attempt(i));
      }
      assertThat(seen).as("%d attempts", count).hasSize(count);
      for (int i = 0; i < count; i++) assertThat(seen.get(i)).isEqualTo(i + 1L);
    }
  }

  @Test
  void whatWasHandedOverIsWrittenEvenWhenTheAnalysisFails() {
    List<Long> seen = new ArrayList<>();
    assertThatThrownBy(() -> {
      try (SinkThread t = new SinkThread(a -> seen.add(a.firstPacket()))) {
        for (long i = 1; i <= 700; i++) t.accept(attempt(i));
        throw new CaptureFormatException(1234, "truncated");
      }
    }).isInstanceOf(CaptureFormatException.class);
    assertThat(seen).hasSize(700);
  }

  @Test
  void theSinksFailureIsRaisedByClose() {
    List<Long> seen = new ArrayList<>();
    assertThatThrownBy(() -> {
      try (SinkThread t = new SinkThread(a -> {
        if (a.firstPacket() == 600) throw new UncheckedIOException(new java.io.IOException("broken pipe"));
        seen.add(a.firstPacket());
      })) {
        for (long i = 1; i <= 5_000; i++) t.accept(attempt(i));
      }
    }).isInstanceOf(UncheckedIOException.class).hasMessageContaining("broken pipe");
    assertThat(seen).hasSize(599);
  }
}
