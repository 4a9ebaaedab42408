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
