package org.portolan.change;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.portolan.ingest.acl.Acl;
import org.portolan.ingest.acl.LineSource;
import org.portolan.ingest.acl.Space;
import org.portolan.plan.Flow;
import org.portolan.plan.FlowPlan;
import org.portolan.verify.Exact;
import org.portolan.verify.Excess;
import org.portolan.verify.RuleFinding;
import org.portolan.verify.VerifyOptions;
import org.portolan.verify.VerifyResult;

/**
 * {@code --tighten}: lines that permit more than required, with the narrowed lines that keep
 * exactly the required part they accept, and shadowed and redundant lines, each with the
 * required flows that rely on it. Lines read conservatively (constructs not modelled) are
 * never proposed.
 */
final class Tighten {
  private Tighten() {}

  static List<Tightening> proposals(Acl acl, FlowPlan plan, VerifyOptions opt, VerifyResult before, Set<Integer> unmodelled, Change.Locations where) {
    Exact.Session session = new Exact.Session(acl);
    Map<LineSource, Space> required = new LinkedHashMap<>();
    Map<LineSource, Set<String>> dependents = new LinkedHashMap<>();
    for (Flow f : plan.flows()) {
      Exact.Placed p = Exact.place(acl, f, opt);
      if (p.loopback()) continue;
      for (Exact.Part x : session.decide(p, Exact.newPackets(acl, f), null)) {
        if (!x.accept()) continue;
        required.merge(x.rule(), Change.widen(x.space(), "new"), Space::plus);
        dependents.computeIfAbsent(x.rule(), k -> new LinkedHashSet<>()).add(f.name());
      }
    }
    List<Tightening> out = new ArrayList<>();
    Set<LineSource> seen = new java.util.HashSet<>();
    for (Excess e : before.excess()) {
      if (!seen.add(e.rule())) continue;
      if (e.rule().line() > 0 && unmodelled.contains(e.rule().line())) continue;
      String chain = where.chainOf(e.rule()).orElse("");
      boolean policy = where.lineOf(e.rule()).isEmpty();
      String extra = e.beyond() + " (e.g. " + e.example().proto() + " " + e.example().src() + " -> " + e.example().dst() + " port " + e.example().port() + ")";
      out.add(new Tightening(Tightening.Kind.EXCESS, chain, e.rule(), extra, policy ? Space.EMPTY : required.getOrDefault(e.rule(), Space.EMPTY),
          List.copyOf(dependents.getOrDefault(e.rule(), Set.of())),
          policy ? "an accepting policy: set it to drop once every required flow has its own line" : "replace it by the narrowed lines, which accept exactly the required flows it serves"));
    }
    for (RuleFinding r : before.shadowed()) {
      if (!seen.add(r.rule())) continue;
      if (r.rule().line() > 0 && unmodelled.contains(r.rule().line())) continue;
      Tightening.Kind k = r.kind() == RuleFinding.Kind.SHADOWED ? Tightening.Kind.SHADOWED : Tightening.Kind.REDUNDANT;
      out.add(new Tightening(k, where.chainOf(r.rule()).orElse(""), r.rule(), "", Space.EMPTY, List.copyOf(dependents.getOrDefault(r.rule(), Set.of())),
          r.note() + "; remove it"));
    }
    return out;
  }
}
