package org.portolan.capture;

import java.util.List;

/**
 * What the capture says about one required flow of the plan.
 *
 * @param flow the flow's name (flows-CSV row name or plan flow name)
 * @param requirements the requirement references the flow serves ({@code instance/requirement})
 * @param attempts how many attempts matched the flow
 */
public record FlowReport(
    String flow, List<String> requirements, String src, String dst, String proto, String ports, int attempts, Status status) {
  public FlowReport {
    requirements = List.copyOf(requirements);
  }

  /** Seen and working, seen and failing (why, with evidence), or not seen at all. */
  public sealed interface Status {
    /** Every attempt worked; {@code firstPacket} is the first working attempt's first frame. */
    record Working(long firstPacket) implements Status {}

    /**
     * At least one attempt failed.
     *
     * @param reason the most frequent failing outcome in words
     * @param working how many attempts did work (e.g. from other sources)
     * @param evidence up to five failing attempts
     */
    record Failing(AttemptOutcome outcome, String reason, int working, List<Attempt> evidence) implements Status {
      public Failing {
        evidence = List.copyOf(evidence);
      }
    }

    /** No attempt matched the flow in this capture. */
    record NotSeen() implements Status {}

    default String keyword() {
      return switch (this) {
        case Working w -> "working";
        case Failing f -> "failing";
        case NotSeen n -> "not_seen";
      };
    }
  }
}
