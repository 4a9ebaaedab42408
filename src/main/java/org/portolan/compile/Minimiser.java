package org.portolan.compile;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.portolan.model.PortSet;
import org.portolan.model.Protocol;

/**
 * Merges rules without changing the packets they permit. Two permits that agree on every
 * field but one are replaced by one permit with the union of that field: the union of
 * {@code S×D×P1} and {@code S×D×P2} is exactly {@code S×D×(P1∪P2)}. Identical rules
 * (several requirements sharing a flow) collapse into one with all their reasons. Repeats
 * until nothing merges.
 */
final class Minimiser {
  private Minimiser() {}

  private static final int MAX_ROUNDS = 16;

  private record PortsKey(Placement p, Protocol proto, boolean stateful, List<String> src, Side.Kind sk, List<String> dst, Side.Kind dk) {}

  private record DstKey(Placement p, Protocol proto, boolean stateful, PortSet ports, List<String> src, Side.Kind sk, Side.Kind dk) {}

  private record SrcKey(Placement p, Protocol proto, boolean stateful, PortSet ports, List<String> dst, Side.Kind dk, Side.Kind sk) {}

  static List<Rule> minimise(List<Rule> rules) {
    List<Rule> cur = rules;
    for (int round = 0; round < MAX_ROUNDS; round++) {
      int before = cur.size();
      cur = mergePorts(cur);
      cur = mergeDestinations(cur);
      cur = mergeSources(cur);
      cur = mergePorts(cur);
      if (cur.size() == before) break;
    }
    return cur;
  }

  static List<Rule> mergePorts(List<Rule> rules) {
    Map<PortsKey, Rule> out = new LinkedHashMap<>();
    for (Rule r : rules) {
      var k = new PortsKey(r.placement(), r.protocol(), r.stateful(), r.source().space(), r.source().kind(), r.destination().space(), r.destination().kind());
      out.merge(k, r, (a, b) -> new Rule(a.placement(), a.source().union(b.source()), a.destination().union(b.destination()), a.protocol(), a.ports().union(b.ports()), a.stateful(), a.reasons().union(b.reasons())));
    }
    return new ArrayList<>(out.values());
  }

  static List<Rule> mergeDestinations(List<Rule> rules) {
    Map<DstKey, Rule> out = new LinkedHashMap<>();
    for (Rule r : rules) {
      var k = new DstKey(r.placement(), r.protocol(), r.stateful(), r.ports(), r.source().space(), r.source().kind(), r.destination().kind());
      out.merge(k, r, (a, b) -> new Rule(a.placement(), a.source().union(b.source()), a.destination().union(b.destination()), a.protocol(), a.ports(), a.stateful(), a.reasons().union(b.reasons())));
    }
    return new ArrayList<>(out.values());
  }

  static List<Rule> mergeSources(List<Rule> rules) {
    Map<SrcKey, Rule> out = new LinkedHashMap<>();
    for (Rule r : rules) {
      var k = new SrcKey(r.placement(), r.protocol(), r.stateful(), r.ports(), r.destination().space(), r.destination().kind(), r.source().kind());
      out.merge(k, r, (a, b) -> new Rule(a.placement(), a.source().union(b.source()), a.destination().union(b.destination()), a.protocol(), a.ports(), a.stateful(), a.reasons().union(b.reasons())));
    }
    return new ArrayList<>(out.values());
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
