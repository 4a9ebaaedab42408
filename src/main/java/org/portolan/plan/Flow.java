package org.portolan.plan;

import java.util.List;
import org.portolan.model.PortSet;
import org.portolan.model.Protocol;

/**
 * A concrete flow: any of the sources may open connections to any of the destinations with
 * this protocol to these destination ports. {@code ports} is empty for protocols without
 * ports. Every flow carries at least one {@link Trace} saying which requirement it serves.
 */
public record Flow(
    String name,
    List<Endpoint> sources,
    List<Endpoint> destinations,
    Protocol protocol,
    PortSet ports,
    boolean stateful,
    boolean loopback,
    List<Trace> traces) {

  public Flow {
    if (name == null || name.isBlank()) throw new IllegalArgumentException("a flow needs a name");
    sources = List.copyOf(sources);
    destinations = List.copyOf(destinations);
    traces = List.copyOf(traces);
    if (sources.isEmpty() || destinations.isEmpty()) throw new IllegalArgumentException("flow " + name + " needs sources and destinations");
    if (protocol.hasPorts() && ports.isEmpty()) throw new IllegalArgumentException("flow " + name + " needs destination ports for " + protocol.keyword());
    if (!protocol.hasPorts() && !ports.isEmpty()) throw new IllegalArgumentException("flow " + name + ": " + protocol.keyword() + " has no ports");
    if (traces.isEmpty()) throw new IllegalArgumentException("flow " + name + " must say which requirement it serves");
  }
}
