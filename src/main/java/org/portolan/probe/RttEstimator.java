package org.portolan.probe;

import java.time.Duration;

/**
 * One destination's round-trip estimate and the TCP connect timeout it gives, nmap's rule: the
 * smoothed RTT plus four times its variation (RFC 6298 smoothing, as nmap's {@code
 * adjust_timeouts2}), never below {@link #MIN} (nmap's default {@code --min-rtt-timeout}) and
 * never above {@code --timeout}, which is also the timeout until the host has answered
 * {@link #SAMPLES} times (nmap starts at its {@code --initial-rtt-timeout}). Portolan adds one
 * margin nmap does not have: never below twice the slowest answer the host gave, so a link whose
 * delay is steady (variation near zero) is not timed out at its own RTT. Thread-safe.
 */
final class RttEstimator {
  /** nmap's default minimum RTT timeout. */
  static final Duration MIN = Duration.ofMillis(100);
  /** Answers a host must have given before its timeout adapts. */
  static final int SAMPLES = 2;

  private int samples;
  private double srtt, rttvar, slowest;

  /** Records one answer (open or closed) that took {@code ms}. */
  synchronized void add(double ms) {
    if (!(ms >= 0)) throw new IllegalArgumentException("an RTT is a non-negative number of ms, got " + ms);
    if (samples++ == 0) {
      srtt = ms;
      rttvar = ms / 2;
    } else {
      double delta = ms - srtt;
      srtt += delta / 8;
      rttvar += (Math.abs(delta) - rttvar) / 4;
    }
    slowest = Math.max(slowest, ms);
  }

  /** The connect timeout for this host now: {@code max} until it has answered {@link #SAMPLES} times. */
  synchronized Duration timeout(Duration max) {
    if (samples < SAMPLES) return max;
    long ms = (long) Math.ceil(Math.max(srtt + 4 * rttvar, 2 * slowest));
    Duration t = Duration.ofMillis(Math.max(MIN.toMillis(), ms));
    return t.compareTo(max) > 0 ? max : t;
  }

  /** What the timeout came from, for a filtered probe's detail. */
  synchronized String describe() {
    return String.format(java.util.Locale.ROOT, "%d answers, smoothed RTT %.2f ms, variation %.2f ms, slowest %.2f ms",
        samples, srtt, rttvar, slowest);
  }
}
