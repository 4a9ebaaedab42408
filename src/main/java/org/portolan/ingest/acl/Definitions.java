package org.portolan.ingest.acl;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BinaryOperator;
import org.portolan.diag.SourcePosition;

/**
 * Named objects and groups of a set-command configuration (an SRX address book or
 * application set, PAN-OS address and service objects and groups), resolved on demand.
 * A name may be defined by several lines (their values are united); a group names members,
 * which are objects or groups. Resolution says which name it could not resolve.
 *
 * @param <T> the value of an object (addresses, or a header space)
 */
public final class Definitions<T> {
  private record Def<T>(List<T> values, List<String> members, SourcePosition at) {}

  private final Map<String, Def<T>> defs = new LinkedHashMap<>();
  private final T empty;
  private final BinaryOperator<T> union;

  public Definitions(T empty, BinaryOperator<T> union) {
    this.empty = empty;
    this.union = union;
  }

  private Def<T> def(String name, SourcePosition at) {
    return defs.computeIfAbsent(name, k -> new Def<>(new ArrayList<>(), new ArrayList<>(), at));
  }

  /** Adds a value to object {@code name}. */
  public void value(String name, T value, SourcePosition at) {
    def(name, at).values().add(value);
  }

  /** Adds member {@code member} to group {@code name}. */
  public void member(String name, String member, SourcePosition at) {
    def(name, at).members().add(member);
  }

  public boolean contains(String name) {
    return defs.containsKey(name);
  }

  public Optional<SourcePosition> where(String name) {
    return Optional.ofNullable(defs.get(name)).map(Def::at);
  }

  /** The result of resolving a name: its value, or the first name that is unknown or part of a loop. */
  public record Resolved<T>(Optional<T> value, String problem) {}

  public Resolved<T> resolve(String name) {
    return resolve(name, new ArrayList<>());
  }

  private Resolved<T> resolve(String name, List<String> stack) {
    Def<T> d = defs.get(name);
    if (d == null) return new Resolved<>(Optional.empty(), "'" + name + "' is not defined");
    if (stack.contains(name) || stack.size() > 40) return new Resolved<>(Optional.empty(), "'" + name + "' contains itself (" + String.join(" > ", stack) + " > " + name + ")");
    stack.add(name);
    T v = empty;
    for (T x : d.values()) v = union.apply(v, x);
    for (String m : d.members()) {
      Resolved<T> r = resolve(m, stack);
      if (r.value().isEmpty()) { stack.removeLast(); return r; }
      v = union.apply(v, r.value().get());
    }
    stack.removeLast();
    return new Resolved<>(Optional.of(v), "");
  }
}
