package org.portolan.deployment;

import java.util.List;
import java.util.Map;
import org.portolan.diag.SourcePosition;
import org.portolan.model.Bindings;
import org.portolan.model.PortSet;

/**
 * A product deployed at the site: which hosts and groups play each role, which features are
 * on, which choices are made, configurable-port overrides, array member count and dynamic
 * ranges. A role mapped to an empty list is deliberately not deployed: its flows are left
 * out and the plan says so.
 */
public record ProductInstance(
    String product,
    String instance,
    Map<String, List<String>> roles,
    Map<String, Boolean> features,
    Map<String, String> choices,
    Map<String, PortSet> ports,
    int members,
    Map<String, PortSet> dynamic,
    Map<String, Proxy> via,
    SourcePosition position) {

  /** An explicit (forward) proxy that clients of an external role talk to instead: a deployment host and its TCP port. */
  public record Proxy(String host, int port, SourcePosition position) {
    public Proxy {
      if (port < 1 || port > 65535) throw new IllegalArgumentException("proxy port must be 1-65535, got " + port);
    }

    public String notation() {
      return host + ":" + port;
    }
  }

  public ProductInstance {
    roles = Map.copyOf(roles);
    features = Map.copyOf(features);
    choices = Map.copyOf(choices);
    ports = Map.copyOf(ports);
    dynamic = Map.copyOf(dynamic);
    via = Map.copyOf(via);
    instance = instance == null || instance.isBlank() ? product : instance;
  }

  public Bindings bindings() {
    return new Bindings(ports, members, dynamic);
  }
}
