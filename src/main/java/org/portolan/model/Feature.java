package org.portolan.model;

/** An optional feature of a product that switches requirements on, with its default. */
public record Feature(String name, String description, boolean enabledByDefault) {
  public Feature {
    if (name == null || !name.matches("[a-z][a-z0-9_-]*")) throw new IllegalArgumentException("feature name must be lower-case, got '" + name + "'");
    description = description == null ? "" : description;
  }
}
