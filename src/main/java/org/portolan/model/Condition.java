package org.portolan.model;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/** When a requirement applies: feature toggles and choices of a product instance. */
public sealed interface Condition {
  Always ALWAYS = new Always();

  boolean holds(Map<String, Boolean> features, Map<String, String> choices);

  /** Human notation: "appclarity", "!rbac", "database=oracle", "a && b". Empty for always. */
  String notation();

  record Always() implements Condition {
    public boolean holds(Map<String, Boolean> f, Map<String, String> c) { return true; }
    public String notation() { return ""; }
  }

  record Feature(String name) implements Condition {
    public boolean holds(Map<String, Boolean> f, Map<String, String> c) { return f.getOrDefault(name, false); }
    public String notation() { return name; }
  }

  record Choice(String name, Set<String> values) implements Condition {
    public Choice {
      values = Set.copyOf(values);
      if (values.isEmpty()) throw new IllegalArgumentException("choice condition on '" + name + "' needs at least one value");
    }
    public boolean holds(Map<String, Boolean> f, Map<String, String> c) { return values.contains(c.get(name)); }
    public String notation() {
      return values.size() == 1 ? name + "=" + values.iterator().next() : name + " in {" + String.join(",", new TreeSet<>(values)) + "}";
    }
  }

  record Not(Condition inner) implements Condition {
    public boolean holds(Map<String, Boolean> f, Map<String, String> c) { return !inner.holds(f, c); }
    public String notation() { return inner instanceof Feature ? "!" + inner.notation() : "!(" + inner.notation() + ")"; }
  }

  record All(List<Condition> parts) implements Condition {
    public All { parts = List.copyOf(parts); }
    public boolean holds(Map<String, Boolean> f, Map<String, String> c) { return parts.stream().allMatch(p -> p.holds(f, c)); }
    public String notation() { return parts.stream().map(Condition::notation).collect(Collectors.joining(" && ")); }
  }

  record AnyOf(List<Condition> parts) implements Condition {
    public AnyOf { parts = List.copyOf(parts); }
    public boolean holds(Map<String, Boolean> f, Map<String, String> c) { return parts.stream().anyMatch(p -> p.holds(f, c)); }
    public String notation() { return "(" + parts.stream().map(Condition::notation).collect(Collectors.joining(" || ")) + ")"; }
  }

  /** Every feature and choice name the condition mentions, to check them against the product. */
  default Set<String> featureNames() {
    return switch (this) {
      case Always a -> Set.of();
      case Feature f -> Set.of(f.name());
      case Choice c -> Set.of();
      case Not n -> n.inner().featureNames();
      case All a -> a.parts().stream().flatMap(p -> p.featureNames().stream()).collect(Collectors.toSet());
      case AnyOf a -> a.parts().stream().flatMap(p -> p.featureNames().stream()).collect(Collectors.toSet());
    };
  }

  default Map<String, Set<String>> choiceValues() {
    return switch (this) {
      case Always a -> Map.of();
      case Feature f -> Map.of();
      case Choice c -> Map.of(c.name(), c.values());
      case Not n -> n.inner().choiceValues();
      case All a -> merge(a.parts());
      case AnyOf a -> merge(a.parts());
    };
  }

  private static Map<String, Set<String>> merge(List<Condition> parts) {
    return parts.stream().flatMap(p -> p.choiceValues().entrySet().stream())
        .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> {
          Set<String> s = new TreeSet<>(a); s.addAll(b); return s;
        }));
  }
}
