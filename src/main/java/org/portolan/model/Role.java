package org.portolan.model;

import java.util.List;

/**
 * A component of a product (Primary Server, Managed Device…) whose hosts a deployment names,
 * or an external endpoint the vendor names by FQDN (update CDN, telemetry, licensing).
 * A {@code *.} prefix in an FQDN means "and its subdomains".
 */
public record Role(String id, String name, String description, List<String> fqdns) {
  public Role {
    if (id == null || !id.matches("[a-z][a-z0-9-]*")) throw new IllegalArgumentException("role id must be lower-case words joined by '-', got '" + id + "'");
    name = name == null || name.isBlank() ? id : name;
    description = description == null ? "" : description;
    fqdns = List.copyOf(fqdns);
  }

  public static Role component(String id, String name) {
    return new Role(id, name, "", List.of());
  }

  public boolean isExternal() {
    return !fqdns.isEmpty();
  }
}
