package org.portolan.probe;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.portolan.rpc.EpmEndpoint;

/**
 * The outcome of a probe run: one result per probe, in flow order, and what each endpoint
 * mapper that was asked listed (keyed by destination address); when the run started and
 * finished, when the caller says ({@link #at}; null otherwise, and then not written).
 */
public record ProbeReport(List<ProbeResult> results, Map<String, List<EpmEndpoint>> endpointMaps, Instant started, Instant finished) {
  public ProbeReport {
    results = List.copyOf(results);
    endpointMaps = Map.copyOf(endpointMaps);
    if ((started == null) != (finished == null) || started != null && finished.isBefore(started))
      throw new IllegalArgumentException("a report's start and finish go together, start first");
  }

  public ProbeReport(List<ProbeResult> results, Map<String, List<EpmEndpoint>> endpointMaps) {
    this(results, endpointMaps, null, null);
  }

  /** This report, saying it ran from {@code started} to {@code finished}. */
  public ProbeReport at(Instant started, Instant finished) {
    return new ProbeReport(results, endpointMaps, started, finished);
  }

  /** True when every probe found its port open. */
  public boolean allOpen() {
    return results.stream().allMatch(r -> r.state() == ProbeState.OPEN);
  }
}
