package org.portolan.capture;

import java.util.Map;

/** Attempts no required flow explains, grouped by source, destination, protocol and port. */
public record Unexplained(String src, String dst, String proto, int port, int attempts, long firstPacket, Map<AttemptOutcome, Integer> outcomes) {
  public Unexplained {
    outcomes = Map.copyOf(outcomes);
  }
}
