package org.portolan.probe;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The outcome of a probe run: one result per probe, in flow order, and what each endpoint
 * mapper that was asked listed (keyed by destination address); when the run started and
 * finished, when the caller says ({@link #at}; null otherwise, and then not written).
 */
public record Report(List<ProbeResult> results, Map<String, List<EndpointMapper.Entry>> endpointMaps, Instant started, Instant finished) {
  public Report {
    results = List.copyOf(results);
    endpointMaps = Map.copyOf(endpointMaps);
    if ((started == null) != (finished == null) || started != null && finished.isBefore(started))
      throw new IllegalArgumentException("a report's start and finish go together, start first");
  }

  public Report(List<ProbeResult> results, Map<String, List<EndpointMapper.Entry>> endpointMaps) {
    this(results, endpointMaps, null, null);
  }

  /** This report, saying it ran from {@code started} to {@code finished}. */
  public Report at(Instant started, Instant finished) {
    return new Report(results, endpointMaps, started, finished);
  }

  /** True when every probe found its port open. */
  public boolean allOpen() {
    return results.stream().allMatch(r -> r.state() == ProbeState.OPEN);
  }
}
