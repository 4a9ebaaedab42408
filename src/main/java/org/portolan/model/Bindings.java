package org.portolan.model;

import java.util.Map;
import java.util.Optional;

/**
 * What a deployment says about one product instance that port terms need: overrides of
 * configurable ports, the array member count, and the dynamic ranges in use.
 */
public record Bindings(Map<String, PortSet> ports, int members, Map<String, PortSet> dynamic) {
  public static final Bindings DEFAULTS = new Bindings(Map.of(), 1, Map.of());

  public Bindings {
    ports = Map.copyOf(ports);
    dynamic = Map.copyOf(dynamic);
    if (members < 1) throw new IllegalArgumentException("members must be at least 1, got " + members);
  }

  public Optional<PortSet> configured(String variable) {
    return Optional.ofNullable(ports.get(variable));
  }

  public PortSet dynamicRange(String name) {
    PortSet set = dynamic.get(name);
    if (set != null) return set;
    return DynamicRange.defaultOf(name).orElseThrow(() -> new IllegalArgumentException(
        "dynamic range '" + name + "' has no default; set it in the deployment under 'dynamic: {" + name + ": FROM-TO}'"));
  }
}
