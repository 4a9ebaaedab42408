package org.portolan.model;

import java.util.List;

/** A product option with exclusive values (database = sybase | mssql | oracle) and its default. */
public record Choice(String name, String description, List<String> options, String defaultOption) {
  public Choice {
    if (name == null || !name.matches("[a-z][a-z0-9_-]*")) throw new IllegalArgumentException("choice name must be lower-case, got '" + name + "'");
    options = List.copyOf(options);
    description = description == null ? "" : description;
    if (options.size() < 2) throw new IllegalArgumentException("choice " + name + " needs at least two options");
    if (!options.contains(defaultOption)) throw new IllegalArgumentException("choice " + name + " default '" + defaultOption + "' is not one of " + options);
  }
}
