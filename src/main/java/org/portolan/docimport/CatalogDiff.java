package org.portolan.docimport;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.portolan.model.FlowRequirement;
import org.portolan.model.Product;
import org.portolan.model.Role;
import org.portolan.model.Service;

/**
 * What differs between two catalog entries of a product — a draft and the curated entry, or
 * the entries for two vendor versions. Requirements are matched by what they mean (initiator,
 * responders, protocol and ports), never by id: ids are names people choose.
 *
 * <p>Matching, in order: identical meaning (same roles and services) → same roles with other
 * services ("ports changed") → same services between other roles ("roles changed") → the
 * rest is removed (only in A) or added (only in B). A role map renames A's role ids first,
 * so a draft's "satellite-device" can be compared with the curated "satellite".
 */
public final class CatalogDiff {
  private CatalogDiff() {}

  /** One difference between requirement {@code a} (A side) and {@code b} (B side); either may be null. */
  public sealed interface Change {
    record Added(FlowRequirement b) implements Change {}

    record Removed(FlowRequirement a) implements Change {}

    record PortsChanged(FlowRequirement a, FlowRequirement b, Set<String> removed, Set<String> added) implements Change {}

    record RolesChanged(FlowRequirement a, FlowRequirement b) implements Change {}

    record ConditionChanged(FlowRequirement a, FlowRequirement b) implements Change {}
  }

  /** The whole comparison. */
  public record Result(Product a, Product b, int unchanged, Set<String> rolesOnlyInA, Set<String> rolesOnlyInB, List<Change> changes) {
    public Result {
      rolesOnlyInA = Set.copyOf(rolesOnlyInA);
      rolesOnlyInB = Set.copyOf(rolesOnlyInB);
      changes = List.copyOf(changes);
    }

    public boolean identical() {
      return changes.isEmpty() && rolesOnlyInA.isEmpty() && rolesOnlyInB.isEmpty();
    }
  }

  /** Compares A with B; {@code roleMap} renames A's role ids (absent: kept). */
  public static Result diff(Product a, Product b, Map<String, String> roleMap) {
    List<FlowRequirement> as = new ArrayList<>(a.requirements());
    List<FlowRequirement> bs = new ArrayList<>(b.requirements());
    List<Change> changes = new ArrayList<>();
    int unchanged = 0;
    // 1. Same meaning.
    for (var it = as.iterator(); it.hasNext(); ) {
      FlowRequirement x = it.next();
      FlowRequirement y = find(bs, x, roleMap, true, true);
      if (y == null) continue;
      it.remove();
      bs.remove(y);
      if (x.condition().notation().equals(y.condition().notation()) && x.loopback() == y.loopback()) unchanged++;
      else changes.add(new Change.ConditionChanged(x, y));
    }
    // 2. Same roles, other services.
    for (var it = as.iterator(); it.hasNext(); ) {
      FlowRequirement x = it.next();
      FlowRequirement y = bestByRoles(bs, x, roleMap);
      if (y == null) continue;
      it.remove();
      bs.remove(y);
      Set<String> xs = keys(x);
      Set<String> ys = keys(y);
      Set<String> removed = new TreeSet<>(xs);
      removed.removeAll(ys);
      Set<String> added = new TreeSet<>(ys);
      added.removeAll(xs);
      changes.add(new Change.PortsChanged(x, y, removed, added));
    }
    // 3. Same services, other roles.
    for (var it = as.iterator(); it.hasNext(); ) {
      FlowRequirement x = it.next();
      FlowRequirement y = find(bs, x, roleMap, false, true);
      if (y == null) continue;
      it.remove();
      bs.remove(y);
      changes.add(new Change.RolesChanged(x, y));
    }
    for (FlowRequirement x : as) changes.add(new Change.Removed(x));
    for (FlowRequirement y : bs) changes.add(new Change.Added(y));

    Set<String> ra = new TreeSet<>();
    for (Role r : a.roles()) ra.add(roleMap.getOrDefault(r.id(), r.id()));
    Set<String> rb = new TreeSet<>();
    for (Role r : b.roles()) rb.add(r.id());
    Set<String> onlyA = new TreeSet<>(ra);
    onlyA.removeAll(rb);
    Set<String> onlyB = new TreeSet<>(rb);
    onlyB.removeAll(ra);
    return new Result(a, b, unchanged, onlyA, onlyB, changes);
  }

  private static String from(FlowRequirement x, Map<String, String> map) {
    return map.getOrDefault(x.initiator(), x.initiator());
  }

  private static Set<String> to(FlowRequirement x, Map<String, String> map) {
    Set<String> out = new TreeSet<>();
    for (String r : x.responders()) out.add(map.getOrDefault(r, r));
    return out;
  }

  /** The services of a requirement as comparable keys (see {@link ServiceKeys}). */
  static Set<String> keys(FlowRequirement x) {
    Set<String> out = new TreeSet<>();
    for (Service s : x.services()) out.addAll(ServiceKeys.of(s));
    return out;
  }

  private static FlowRequirement find(List<FlowRequirement> bs, FlowRequirement x, Map<String, String> map, boolean roles, boolean services) {
    for (FlowRequirement y : bs) {
      if (roles && (!from(x, map).equals(y.initiator()) || !to(x, map).equals(to(y, Map.of())))) continue;
      if (services && !keys(x).equals(keys(y))) continue;
      return y;
    }
    return null;
  }

  /** Same initiator and an overlapping responder set; the one sharing most services wins. */
  private static FlowRequirement bestByRoles(List<FlowRequirement> bs, FlowRequirement x, Map<String, String> map) {
    FlowRequirement best = null;
    int bestShared = -1;
    Set<String> xt = to(x, map);
    Set<String> xk = keys(x);
    for (FlowRequirement y : bs) {
      if (!from(x, map).equals(y.initiator())) continue;
      Set<String> yt = to(y, Map.of());
      Set<String> common = new LinkedHashSet<>(xt);
      common.retainAll(yt);
      if (common.isEmpty()) continue;
      Set<String> shared = new LinkedHashSet<>(xk);
      shared.retainAll(keys(y));
      if (shared.isEmpty() && !xt.equals(yt)) continue;
      if (shared.size() > bestShared) {
        best = y;
        bestShared = shared.size();
      }
    }
    return best;
  }

  /** The comparison as text for a terminal: one line per change, a summary last. */
  public static String render(Result r) {
    StringBuilder b = new StringBuilder();
    b.append("catalog diff: A = ").append(r.a().id()).append(" (").append(r.a().requirements().size()).append(" requirements), B = ")
        .append(r.b().id()).append(" (").append(r.b().requirements().size()).append(" requirements)\n");
    if (!r.rolesOnlyInA().isEmpty()) b.append("roles only in A: ").append(String.join(", ", r.rolesOnlyInA())).append('\n');
    if (!r.rolesOnlyInB().isEmpty()) b.append("roles only in B: ").append(String.join(", ", r.rolesOnlyInB())).append('\n');
    int added = 0, removed = 0, ports = 0, roles = 0, conds = 0;
    for (Change c : r.changes()) {
      switch (c) {
        case Change.Removed x -> {
          removed++;
          b.append("- removed ").append(describe(x.a())).append('\n');
        }
        case Change.Added x -> {
          added++;
          b.append("+ added   ").append(describe(x.b())).append('\n');
        }
        case Change.PortsChanged x -> {
          ports++;
          b.append("~ ports   ").append(x.a().id()).append(" -> ").append(x.b().id()).append(" (").append(roles(x.b())).append("):");
          if (!x.removed().isEmpty()) b.append(" -").append(String.join(" -", x.removed()));
          if (!x.added().isEmpty()) b.append(" +").append(String.join(" +", x.added()));
          if (x.removed().isEmpty() && x.added().isEmpty()) b.append(" responders ").append(x.a().responders()).append(" -> ").append(x.b().responders());
          b.append('\n');
        }
        case Change.RolesChanged x -> {
          roles++;
          b.append("~ roles   ").append(x.a().id()).append(" -> ").append(x.b().id()).append(" (").append(services(x.b())).append("): ")
              .append(roles(x.a())).append(" -> ").append(roles(x.b())).append('\n');
        }
        case Change.ConditionChanged x -> {
          conds++;
          b.append("~ when    ").append(x.a().id()).append(" -> ").append(x.b().id()).append(": '").append(x.a().condition().notation())
              .append(x.a().loopback() ? " loopback" : "").append("' -> '").append(x.b().condition().notation()).append(x.b().loopback() ? " loopback" : "").append("'\n");
        }
      }
    }
    b.append("summary: ").append(r.unchanged()).append(" same, ").append(ports).append(" ports changed, ").append(roles).append(" roles changed, ")
        .append(conds).append(" conditions changed, ").append(removed).append(" only in A, ").append(added).append(" only in B\n");
    return b.toString();
  }

  private static String describe(FlowRequirement x) {
    String line = x.provenance().line() > 0 ? " (" + x.provenance().document() + ":" + x.provenance().line() + ")" : "";
    return x.id() + ": " + roles(x) + " " + services(x) + line;
  }

  private static String roles(FlowRequirement x) {
    return x.initiator() + " -> " + String.join(",", x.responders());
  }

  private static String services(FlowRequirement x) {
    return String.join(" ", x.services().stream().map(Service::notation).toList());
  }
}
