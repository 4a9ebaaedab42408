package org.portolan.model;

import java.util.List;

/** Services defined once and used by several products (e.g. "member to domain controller"). */
public record ServiceSet(String id, String description, List<Service> services, Provenance provenance) {
  public ServiceSet {
    if (id == null || !id.matches("[a-z][a-z0-9-]*")) throw new IllegalArgumentException("service set id must be lower-case words joined by '-', got '" + id + "'");
    services = List.copyOf(services);
    description = description == null ? "" : description;
    if (services.isEmpty()) throw new IllegalArgumentException("service set " + id + " is empty");
  }
}
