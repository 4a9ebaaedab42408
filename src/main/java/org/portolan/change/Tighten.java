package org.portolan.change;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.portolan.ingest.acl.Acl;
import org.portolan.ingest.acl.AclLine;
import org.portolan.ingest.acl.InterfaceMatch;
import org.portolan.ingest.acl.Action;
import org.portolan.ingest.acl.Chain;
import org.portolan.verify.Verdict;
import org.portolan.verify.Verifier;
import org.portolan.ingest.acl.LineSource;
import org.portolan.ingest.acl.Space;
import org.portolan.plan.Flow;
import org.portolan.plan.FirewallPlacement;
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

  static List<Tightening> proposals(Acl acl, Acl after, List<FirewallPlacement.PlacedFlow> plan, VerifyOptions opt, VerifyResult before, Set<Integer> unmodelled, Change.Locations where) {
    List<Tightening> safe = new ArrayList<>();
    VerifyResult withChange = Verifier.verify(after, plan, opt.withoutRuleAnalysis(), List.of());
    for (Tightening t : candidates(acl, plan, opt, before, unmodelled, where)) {
      // proposed only when, applied after the change, every flow the change allows is still allowed
      VerifyResult v = Verifier.verify(apply(after, t), plan, opt.withoutRuleAnalysis(), List.of());
      boolean keeps = true;
      for (int i = 0; i < v.flows().size(); i++)
        if (withChange.flows().get(i).verdict() instanceof Verdict.Allowed && !(v.flows().get(i).verdict() instanceof Verdict.Allowed)) keeps = false;
      if (keeps) safe.add(t);
    }
    return safe;
  }

  /** The ruleset with the tightening applied: the line removed, its narrowed replacement (with the line's interface conditions) in its place. */
  static Acl apply(Acl acl, Tightening t) {
    Chain c = acl.chains().get(t.chain());
    if (c == null) return acl;
    List<AclLine> lines = new ArrayList<>();
    for (AclLine l : c.lines()) {
      if (!l.source().equals(t.line())) { lines.add(l); continue; }
      if (!t.replacement().isEmpty()) lines.add(new AclLine(t.replacement(), l.in(), l.out(), Action.ACCEPT, new LineSource(acl.file(), 0, "narrowed from line " + t.line().line())));
    }
    Map<String, Chain> chains = new java.util.HashMap<>(acl.chains());
    chains.put(c.name(), c.withLines(lines));
    return new Acl(acl.file(), acl.format(), chains, acl.paths(), acl.implicitReturn(), acl.families());
  }

  static List<Tightening> candidates(Acl acl, List<FirewallPlacement.PlacedFlow> plan, VerifyOptions opt, VerifyResult before, Set<Integer> unmodelled, Change.Locations where) {
    Exact.Session session = new Exact.Session(acl);
    Map<LineSource, Space> required = new LinkedHashMap<>();
    Map<LineSource, Set<String>> dependents = new LinkedHashMap<>();
    for (FirewallPlacement.PlacedFlow pf : plan) {
      Flow f = pf.flow();
      Exact.Placed p = Exact.place(acl, pf, opt);
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
      AclLine original = lineAt(acl, chain, e.rule());
      if (original != null && (original.in().map(InterfaceMatch::negated).orElse(false) || original.out().map(InterfaceMatch::negated).orElse(false))) continue;
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

  /** The entry interface of the line a tightening narrows, written into its replacement. */
  static java.util.Optional<String> in(ChangeResult r, Tightening t) {
    AclLine l = lineAt(r.acl(), t.chain(), t.line());
    return l == null ? java.util.Optional.empty() : l.in().filter(i -> !i.negated()).map(InterfaceMatch::name);
  }

  static java.util.Optional<String> out(ChangeResult r, Tightening t) {
    AclLine l = lineAt(r.acl(), t.chain(), t.line());
    return l == null ? java.util.Optional.empty() : l.out().filter(i -> !i.negated()).map(InterfaceMatch::name);
  }

  static AclLine lineAt(Acl acl, String chain, LineSource s) {
    Chain c = acl.chains().get(chain);
    if (c != null) for (AclLine l : c.lines()) if (l.source().equals(s)) return l;
    return null;
  }
}
