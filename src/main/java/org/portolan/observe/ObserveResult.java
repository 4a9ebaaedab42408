package org.portolan.observe;

import java.util.List;

/**
 * What {@code observe} found in the logs: per required flow seen working, seen denied, seen
 * without a verdict, or not seen in the window; traffic no requirement explains, grouped into
 * candidate requirements; per-rule hit counts where the log names rules; malformed records
 * with their positions. Times are epoch milliseconds, {@code null} when unknown.
 */
public record ObserveResult(
    boolean planned, List<Input> inputs, Window window, Stats stats, List<FlowObservation> flows, List<Candidate> unexplained,
    long unexplainedOverflow, List<RuleHits> rules, long rulesOverflow, List<Malformed> malformed) {
  public ObserveResult {
    inputs = List.copyOf(inputs);
    flows = List.copyOf(flows);
    unexplained = List.copyOf(unexplained);
    rules = List.copyOf(rules);
    malformed = List.copyOf(malformed);
  }

  /** One log file (or UDP collector) and the format it was read as. */
  public record Input(String name, String format) {}

  /**
   * @param records flow records read (each may stand for several connections)
   * @param skipped lines or records that carry no flow (other syslog messages, NODATA, templates, headers)
   * @param malformed records that could not be read (the first ones are listed with positions)
   */
  public record Stats(long records, long skipped, long malformed, long outsideWindow, long untimed, long explained, Long first, Long last) {}

  public enum Status {
    /** Seen and accepted (or answered), never denied. */
    WORKING,
    /** At least one record was denied. */
    DENIED,
    /** Seen, but the log gives no verdict (NetFlow, LOG lines without a verdict prefix): undetermined. */
    SEEN,
    /** No record in the window. */
    NOT_SEEN;

    public String keyword() {
      return switch (this) {
        case WORKING -> "working";
        case DENIED -> "denied";
        case SEEN -> "seen_undetermined";
        case NOT_SEEN -> "not_seen";
      };
    }
  }

  /** Where a required flow was denied: the device and rule the log names ("" when it names none). */
  public record Denial(String device, String rule, long records) {}

  /** One denied record as evidence: file and line, the 5-tuple, device and rule. */
  public record Evidence(String file, long line, String src, int srcPort, String dst, int dstPort, String device, String rule) {}

  public record FlowObservation(
      String flow, List<String> requirements, String src, String dst, String proto, String ports, Status status, long records, long accepted,
      long denied, long unknown, long replies, long packets, long bytes, Long first, Long last, List<Denial> denials, List<Evidence> evidence) {
    public FlowObservation {
      requirements = List.copyOf(requirements);
      denials = List.copyOf(denials);
      evidence = List.copyOf(evidence);
    }
  }

  /**
   * Traffic no requirement explains, as a candidate requirement: source (site group or host with
   * its zone, or a /24 outside the site) to destination (host, or address), protocol and port.
   */
  public record Candidate(
      String src, String dst, String proto, int port, long records, long accepted, long denied, long unknown, long replies, long packets,
      long bytes, Long first, Long last, String example) {}

  public record RuleHits(String device, String rule, long accepted, long denied, long unknown) {}

  /** True when a required flow was seen denied. */
  public boolean hasFindings() {
    return flows.stream().anyMatch(f -> f.status() == Status.DENIED);
  }
}
