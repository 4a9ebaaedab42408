package org.portolan.model;

import java.util.List;
import java.util.Optional;

/** A product of the catalog: its roles, features, choices and flow requirements. */
public record Product(
    String id,
    String name,
    String vendor,
    String version,
    String description,
    List<Role> roles,
    List<Feature> features,
    List<Choice> choices,
    List<FlowRequirement> requirements,
    List<String> documents) {

  public Product {
    if (id == null || !id.matches("[a-z0-9][a-z0-9-]*")) throw new IllegalArgumentException("product id must be lower-case words or digits joined by '-', got '" + id + "'");
    roles = List.copyOf(roles);
    features = List.copyOf(features);
    choices = List.copyOf(choices);
    requirements = List.copyOf(requirements);
    documents = List.copyOf(documents);
    vendor = vendor == null ? "" : vendor;
    version = version == null ? "" : version;
    description = description == null ? "" : description;
  }

  public Optional<Role> role(String roleId) {
    return roles.stream().filter(r -> r.id().equals(roleId)).findFirst();
  }

  public Optional<Feature> feature(String featureName) {
    return features.stream().filter(f -> f.name().equals(featureName)).findFirst();
  }

  public Optional<Choice> choice(String choiceName) {
    return choices.stream().filter(c -> c.name().equals(choiceName)).findFirst();
  }

  public Optional<FlowRequirement> requirement(String requirementId) {
    return requirements.stream().filter(r -> r.id().equals(requirementId)).findFirst();
  }
}
