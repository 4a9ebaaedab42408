package org.portolan.probe;

import java.util.OptionalDouble;

/** The raw finding of one probe before it is attached to its target. */
record Outcome(ProbeState state, OptionalDouble rttMs, String detail) {
  static Outcome of(ProbeState state, long startNanos, String detail) {
    double ms = Math.round((System.nanoTime() - startNanos) / 10_000.0) / 100.0;
    return new Outcome(state, OptionalDouble.of(ms), detail);
  }

  static Outcome silent(ProbeState state, String detail) {
    return new Outcome(state, OptionalDouble.empty(), detail);
  }
}
