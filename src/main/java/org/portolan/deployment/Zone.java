package org.portolan.deployment;

/** A security zone: the part of the network behind one firewall interface. */
public record Zone(String name, String description) {
  public Zone {
    description = description == null ? "" : description;
  }
}
