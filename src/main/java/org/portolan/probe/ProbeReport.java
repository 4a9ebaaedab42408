package org.portolan.probe;

import java.util.List;
import java.util.Map;
import org.portolan.rpc.EpmEndpoint;

/**
 * The outcome of a probe run: one result per probe, in flow order, and what each endpoint
 * mapper that was asked listed (keyed by destination address).
 */
public record ProbeReport(List<ProbeResult> results, Map<String, List<EpmEndpoint>> endpointMaps) {
  public ProbeReport {
    results = List.copyOf(results);
    endpointMaps = Map.copyOf(endpointMaps);
  }

  /** True when every probe found its port open. */
  public boolean allOpen() {
    return results.stream().allMatch(r -> r.state() == ProbeState.OPEN);
  }
}
