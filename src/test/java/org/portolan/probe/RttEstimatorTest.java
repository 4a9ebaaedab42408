package org.portolan.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RttEstimatorTest {
  static final Duration MAX = Duration.ofMillis(1500);

  @Test
  void theFullTimeoutUntilTheHostHasAnsweredTwice() {
    RttEstimator e = new RttEstimator();
    assertThat(e.timeout(MAX)).isEqualTo(MAX);
    e.add(0.4);
    assertThat(e.timeout(MAX)).isEqualTo(MAX);
    e.add(0.5);
    assertThat(e.timeout(MAX)).isEqualTo(Duration.ofMillis(100));
  }

  @Test
  void aSubMillisecondLinkGetsNmapsMinimum() {
    RttEstimator e = new RttEstimator();
    for (int i = 0; i < 100; i++) e.add(0.2 + (i % 7) * 0.1);
    assertThat(e.timeout(MAX)).isEqualTo(RttEstimator.MIN);
  }

  @Test
  void aSteadySlowLinkIsNeverTimedOutAtItsOwnRtt() {
    // 300 ms every time: the variation decays to zero, so nmap's rule alone would time out at
    // the RTT itself; twice the slowest answer keeps a margin
    RttEstimator e = new RttEstimator();
    for (int i = 0; i < 200; i++) e.add(300);
    assertThat(e.timeout(MAX)).isEqualTo(Duration.ofMillis(600));
  }

  @Test
  void aJitteryLinkWaitsItsVariationToo() {
    RttEstimator e = new RttEstimator();
    // answers of 1 ms and 100 ms in turn: srtt ≈ 43 ms, variation ≈ 53 ms, so srtt + 4 x
    // variation (≈ 254 ms) is more than twice the slowest answer (200 ms) and sets the timeout
    for (int i = 0; i < 6; i++) {
      e.add(1);
      e.add(100);
    }
    assertThat(e.timeout(MAX).toMillis()).isBetween(250L, 260L);
  }

  @Test
  void neverAboveTheGivenTimeout() {
    RttEstimator e = new RttEstimator();
    e.add(900);
    e.add(1000);
    assertThat(e.timeout(MAX)).isEqualTo(MAX);
    assertThat(e.timeout(Duration.ofMillis(50))).isEqualTo(Duration.ofMillis(50));
  }

  @Test
  void aNegativeOrNanRttIsRefused() {
    RttEstimator e = new RttEstimator();
    assertThatThrownBy(() -> e.add(-1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> e.add(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
  }
}
