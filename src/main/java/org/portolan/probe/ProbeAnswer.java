package org.portolan.probe;

import java.util.OptionalDouble;

/** The raw finding of one probe before it is attached to its target. */
record ProbeAnswer(ProbeState state, OptionalDouble rttMs, String detail) {
  static ProbeAnswer of(ProbeState state, long startNanos, String detail) {
    double ms = Math.round((System.nanoTime() - startNanos) / 10_000.0) / 100.0;
    return new ProbeAnswer(state, OptionalDouble.of(ms), detail);
  }

  static ProbeAnswer silent(ProbeState state, String detail) {
    return new ProbeAnswer(state, OptionalDouble.empty(), detail);
  }
}
