package org.portolan.model;

import java.util.List;

/**
 * One thing a product needs from the network: the initiator role opens connections to the
 * responder roles on these services, when the condition holds. Return traffic of a stateful
 * requirement is implied and never a requirement of its own.
 *
 * @param loopback the flow stays on the host (e.g. a local agent on 127.0.0.1): no firewall rule
 * @param serviceSets the shared service sets the services were taken from, for display
 */
public record FlowRequirement(
    String id,
    String initiator,
    List<String> responders,
    List<Service> services,
    String purpose,
    Condition condition,
    boolean stateful,
    boolean loopback,
    List<String> serviceSets,
    Provenance provenance) {

  public FlowRequirement {
    if (id == null || !id.matches("[a-z0-9][a-z0-9-]*")) throw new IllegalArgumentException("requirement id must be lower-case words joined by '-', got '" + id + "'");
    responders = List.copyOf(responders);
    services = List.copyOf(services);
    serviceSets = List.copyOf(serviceSets);
    if (responders.isEmpty()) throw new IllegalArgumentException("requirement " + id + " needs at least one responder");
    if (services.isEmpty()) throw new IllegalArgumentException("requirement " + id + " needs at least one service");
    purpose = purpose == null ? "" : purpose;
    condition = condition == null ? Condition.ALWAYS : condition;
    provenance = provenance == null ? Provenance.NONE : provenance;
  }
}
