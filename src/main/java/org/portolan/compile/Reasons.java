package org.portolan.compile;

import java.util.List;
import java.util.TreeSet;
import org.portolan.plan.Flow;
import org.portolan.plan.Trace;

/**
 * Why a rule exists: the flows and requirements it serves, their purposes and products.
 * Merging two rules joins their reasons, so deduplication never loses a requirement.
 */
public record Reasons(List<String> flows, List<String> requirements, List<String> purposes, List<String> products) {
  public Reasons {
    flows = List.copyOf(new TreeSet<>(flows));
    requirements = List.copyOf(new TreeSet<>(requirements));
    purposes = List.copyOf(new TreeSet<>(purposes));
    products = List.copyOf(new TreeSet<>(products));
  }

  public static Reasons of(Flow flow) {
    return new Reasons(
        List.of(flow.name()),
        flow.traces().stream().map(Trace::requirementRef).filter(s -> !s.isBlank()).toList(),
        flow.traces().stream().map(Trace::purpose).filter(s -> !s.isBlank()).toList(),
        flow.traces().stream().map(Trace::product).filter(s -> !s.isBlank()).toList());
  }

  /** The reasons of several rules merged into one. */
  public static Reasons unionAll(List<Reasons> all) {
    if (all.size() == 1) return all.getFirst();
    List<String> f = new java.util.ArrayList<>(), r = new java.util.ArrayList<>(), p = new java.util.ArrayList<>(), pr = new java.util.ArrayList<>();
    for (Reasons x : all) {
      f.addAll(x.flows);
      r.addAll(x.requirements);
      p.addAll(x.purposes);
      pr.addAll(x.products);
    }
    return new Reasons(f, r, p, pr);
  }

  public Reasons union(Reasons other) {
    return new Reasons(join(flows, other.flows), join(requirements, other.requirements), join(purposes, other.purposes), join(products, other.products));
  }

  private static List<String> join(List<String> a, List<String> b) {
    var out = new java.util.ArrayList<>(a);
    out.addAll(b);
    return out;
  }

  /** "req-a, req-b": the requirement references every rule comment carries. */
  public String refs() {
    return String.join(", ", requirements.isEmpty() ? flows : requirements);
  }
}
