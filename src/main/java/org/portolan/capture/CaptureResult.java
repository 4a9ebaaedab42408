package org.portolan.capture;

import java.util.List;

/**
 * Everything {@link CaptureAnalysis#analyze} found: attempts, per-flow verdicts, unexplained traffic.
 * {@code attempts} is empty when they were streamed to a sink instead; {@code planned} is false
 * when no flow plan was given (then {@code flows} and {@code unexplained} are empty).
 */
public record CaptureResult(boolean planned, List<Attempt> attempts, List<FlowReport> flows, List<Unexplained> unexplained, CaptureStats stats) {
  public CaptureResult {
    attempts = List.copyOf(attempts);
    flows = List.copyOf(flows);
    unexplained = List.copyOf(unexplained);
  }

  /** True when a required flow that appears in the capture fails (or, without a plan, any attempt fails). */
  public boolean hasFindings() {
    if (!planned) return stats.failed() > 0;
    return flows.stream().anyMatch(f -> f.status() instanceof FlowReport.Status.Failing);
  }
}
