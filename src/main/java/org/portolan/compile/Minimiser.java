package org.portolan.compile;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.portolan.model.PortRange;
import org.portolan.model.PortSet;
import org.portolan.model.Protocol;

/**
 * Merges rules without changing the packets they permit. Rules that agree on every field but
 * one are replaced by one rule with the union of that field: the union of {@code S×D×P1}
 * and {@code S×D×P2} is exactly {@code S×D×(P1∪P2)}. Identical rules (several requirements
 * sharing a flow) collapse into one with all their reasons. Repeats, a bounded number of
 * rounds, until nothing merges.
 */
final class Minimiser {
  private Minimiser() {}

  private static final int MAX_ROUNDS = 16;

  private record Common(Placement p, Protocol proto, boolean stateful) {}

  private record PortsKey(Common c, List<?> src, Side.Kind sk, List<?> dst, Side.Kind dk) {}

  private record DstKey(Common c, PortSet ports, List<?> src, Side.Kind sk, Side.Kind dk) {}

  private record SrcKey(Common c, PortSet ports, List<?> dst, Side.Kind dk, Side.Kind sk) {}

  private static Common common(Rule r) {
    return new Common(r.placement(), r.protocol(), r.stateful());
  }

  static List<Rule> minimise(List<Rule> rules) {
    List<Rule> cur = rules;
    for (int round = 0; round < MAX_ROUNDS; round++) {
      int before = cur.size();
      cur = mergePorts(cur);
      cur = mergeDestinations(cur);
      cur = mergeSources(cur);
      if (cur.size() == before) break;
    }
    return mergePorts(cur);
  }

  static List<Rule> mergePorts(List<Rule> rules) {
    return merge(rules, r -> new PortsKey(common(r), r.source().space(), r.source().kind(), r.destination().space(), r.destination().kind()));
  }

  static List<Rule> mergeDestinations(List<Rule> rules) {
    return merge(rules, r -> new DstKey(common(r), r.ports(), r.source().space(), r.source().kind(), r.destination().kind()));
  }

  static List<Rule> mergeSources(List<Rule> rules) {
    return merge(rules, r -> new SrcKey(common(r), r.ports(), r.destination().space(), r.destination().kind(), r.source().kind()));
  }

  /** Groups by {@code key} (first-seen order) and joins each group into one rule. */
  private static List<Rule> merge(List<Rule> rules, Function<Rule, Object> key) {
    Map<Object, List<Rule>> groups = new LinkedHashMap<>();
    for (Rule r : rules) groups.computeIfAbsent(key.apply(r), k -> new ArrayList<>(2)).add(r);
    if (groups.size() == rules.size()) return rules;
    List<Rule> out = new ArrayList<>(groups.size());
    for (List<Rule> g : groups.values()) out.add(join(g));
    return out;
  }

  /** One rule for rules that differ in at most one of source, destination and ports. */
  private static Rule join(List<Rule> g) {
    Rule first = g.getFirst();
    if (g.size() == 1) return first;
    List<Side> src = new ArrayList<>(g.size()), dst = new ArrayList<>(g.size());
    List<PortRange> ports = new ArrayList<>();
    List<Reasons> why = new ArrayList<>(g.size());
    for (Rule r : g) {
      src.add(r.source());
      dst.add(r.destination());
      ports.addAll(r.ports().ranges());
      why.add(r.reasons());
    }
    return new Rule(first.placement(), Side.unionAll(src), Side.unionAll(dst), first.protocol(), PortSet.ofRanges(ports), first.stateful(), Reasons.unionAll(why));
  }

  /** One rule per port range, for dialects without port lists (exact, never wider). */
  static List<Rule> splitPortLists(List<Rule> rules) {
    List<Rule> out = new ArrayList<>();
    for (Rule r : rules) {
      if (r.ports().ranges().size() <= 1) out.add(r);
      else for (var range : r.ports().ranges()) out.add(r.withPorts(PortSet.ofRanges(List.of(range))));
    }
    return out;
  }
}
