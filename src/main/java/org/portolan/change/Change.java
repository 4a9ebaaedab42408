package org.portolan.change;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.portolan.diag.Diagnostic;
import org.portolan.ingest.acl.Acl;
import org.portolan.ingest.acl.AclLine;
import org.portolan.ingest.acl.Action;
import org.portolan.ingest.acl.Box;
import org.portolan.ingest.acl.Chain;
import org.portolan.ingest.acl.InterfaceMatch;
import org.portolan.ingest.acl.LineSource;
import org.portolan.ingest.acl.Ranges;
import org.portolan.ingest.acl.Space;
import org.portolan.model.Protocol;
import org.portolan.plan.FirewallPlacement;
import org.portolan.plan.Flow;
import org.portolan.plan.FlowPlan;
import org.portolan.plan.Trace;
import org.portolan.verify.Exact;
import org.portolan.verify.Verdict;
import org.portolan.verify.Verifier;
import org.portolan.verify.VerifyOptions;
import org.portolan.verify.VerifyResult;

/**
 * The front door of the change stage: from a ruleset a team already has and the required
 * flows to the smallest addition that permits exactly what is missing. For every flow verify
 * finds blocked or partial, the packets still refused are pushed through the ruleset with
 * verify's exact evaluation; each refused part becomes one accept line placed right before
 * the line (or at the end of the chain whose policy) that refuses it, in the chain the packets
 * actually reach. The additions are applied to the model and evaluated again (replies, later
 * stages) until nothing required is refused. Fails closed per flow: where the verdict rests
 * on a construct the model does not read, on a NAT rewrite or on a line it cannot place, the
 * flow is refused with the reason and the line, and the rest is still written.
 */
public final class Change {
  private Change() {}

  /** Rounds of add-and-evaluate-again (new packets, then replies and later stages); each round adds only what is still refused. */
  static final int MAX_ROUNDS = 6;

  /**
   * @param rulesetText the ruleset as read (for what the model does not keep: NAT rewrites)
   * @param importWarnings the importer's warnings: lines they name are read conservatively, and never decide a change
   */
  public static ChangeResult change(Acl acl, String rulesetText, FlowPlan plan, VerifyOptions opt, List<Diagnostic> importWarnings, boolean tighten) {
    List<FirewallPlacement.Target> targets = FirewallPlacement.place(plan, Optional.empty(), FirewallPlacement.Options.ALL, new org.portolan.diag.Diagnostics());
    return change(acl, rulesetText, FirewallPlacement.flows(targets), opt, importWarnings, tighten);
  }

  /** The change for flows already placed on the firewall (see {@link FirewallPlacement}), each piece on the path verify takes for it. */
  public static ChangeResult change(Acl acl, String rulesetText, List<FirewallPlacement.PlacedFlow> flows, VerifyOptions opt, List<Diagnostic> importWarnings, boolean tighten) {
    VerifyOptions vopt = tighten ? opt : opt.withoutRuleAnalysis();
    VerifyResult before = Verifier.verify(acl, flows, vopt, importWarnings);
    Set<Integer> unmodelled = unmodelledLines(importWarnings);
    Optional<LineSource> rewrite = Rewrites.find(acl, rulesetText);
    Locations where = new Locations(acl);

    List<Refusal> refusals = new ArrayList<>();
    Map<Integer, FirewallPlacement.PlacedFlow> pending = new LinkedHashMap<>();
    for (int i = 0; i < flows.size(); i++) {
      Flow f = flows.get(i).flow();
      Verdict v = before.flows().get(i).verdict();
      if (v instanceof Verdict.Allowed) continue;
      if (v instanceof Verdict.NotVerified n) {
        refusals.add(new Refusal(f.name(), "not verified: " + n.reason(), v.rule()));
        continue;
      }
      if (v.keyword().equals("undetermined")) {
        refusals.add(new Refusal(f.name(), "the verdict is undetermined: " + v.rule().text(), v.rule()));
        continue;
      }
      if (rewrite.isPresent()) {
        refusals.add(new Refusal(f.name(), "the ruleset rewrites addresses before filtering (NAT); which addresses the filter sees is not known here", rewrite.get()));
        continue;
      }
      pending.put(i, flows.get(i));
    }

    Optional<Delta> dialect = Delta.known(acl.format());
    Work work = new Work(acl);
    List<Addition> additions = new ArrayList<>();
    Set<String> refused = new HashSet<>();
    Map<Integer, Exact.Placed> placedOf = new HashMap<>();
    for (int round = 0; round < MAX_ROUNDS && !pending.isEmpty(); round++) {
      Acl current = work.acl();
      Exact.Session session = new Exact.Session(current);
      Round index = new Round(current);
      List<Addition> found = new ArrayList<>();
      Map<Integer, FirewallPlacement.PlacedFlow> still = new LinkedHashMap<>();
      for (var e : pending.entrySet()) {
        Flow f = e.getValue().flow();
        Exact.Placed p = placedOf.computeIfAbsent(e.getKey(), k -> Exact.place(acl, e.getValue(), opt));
        if (p.loopback()) continue;
        List<Missing> missing = new ArrayList<>();
        Map<AclLine, Space> hits = new IdentityHashMap<>();
        Space need = Exact.newPackets(acl, f);
        Space accepted = Space.EMPTY;
        for (Exact.Part x : session.decide(p, need, hits)) {
          if (x.accept()) accepted = accepted.plusDisjoint(x.space());
          else missing.add(new Missing(x.space(), x.rule(), "new", p));
        }
        boolean stateful = f.protocol().hasPorts() || f.protocol() instanceof Protocol.Icmp;
        if (!acl.implicitReturn() && stateful && !accepted.isEmpty()) {
          for (Exact.Part x : session.decide(p.reply(), Exact.replies(accepted), hits))
            if (!x.accept()) missing.add(new Missing(x.space(), x.rule(), "reply", p.reply()));
          for (Exact.Part x : session.decide(p, Exact.withState(accepted, Box.ESTABLISHED), hits))
            if (!x.accept()) missing.add(new Missing(x.space(), x.rule(), "established", p));
        }
        if (missing.isEmpty()) continue;
        Optional<Refusal> no = refusal(f, missing, hits, unmodelled, where, acl);
        if (no.isPresent()) {
          refusals.add(no.get());
          refused.add(f.name());
          continue;
        }
        Optional<Refusal> inexpressible = Optional.empty();
        for (Missing m : missing) {
          Space accept = widen(m.space(), m.traffic());
          Optional<String> why = accept.isEmpty() ? Optional.empty() : dialect.flatMap(x -> x.cannotWrite(acl, rulesetText, where.chainOf(m.rule()).orElse(""), m.rule(), accept));
          if (why.isPresent() && inexpressible.isEmpty()) inexpressible = Optional.of(new Refusal(f.name(), why.get(), m.rule()));
        }
        if (inexpressible.isPresent()) {
          refusals.add(inexpressible.get());
          refused.add(f.name());
          continue;
        }
        String verdictBefore = before.flows().get(e.getKey()).verdict().keyword();
        for (Missing m : missing) {
          Space accept = widen(m.space(), m.traffic());
          if (accept.isEmpty()) continue;
          Target t = target(m, hits, index, where);
          found.add(new Addition(f.name(), requirements(f), rows(f), t.chain(), t.before(), m.rule(),
              accept, hookIn(m.placed()), hookOut(m.placed()), m.traffic(), verdictBefore));
        }
        still.put(e.getKey(), e.getValue());
      }
      work.addAll(found);
      additions.addAll(found);
      pending = still;
    }
    for (FirewallPlacement.PlacedFlow pf : pending.values())
      if (!refused.contains(pf.flow().name()))
        refusals.add(new Refusal(pf.flow().name(), "still refused after " + MAX_ROUNDS + " rounds of additions; the ruleset's structure is not one change can follow", new LineSource(acl.file(), 0, "")));

    Acl after = work.acl();
    VerifyResult afterResult = Verifier.verify(after, flows, opt.withoutRuleAnalysis(), List.of());
    List<Tightening> tightenings = tighten ? Tighten.proposals(acl, after, flows, opt, before, unmodelled, where) : List.of();
    return new ChangeResult(acl, rulesetText, additions, refusals, tightenings, before.flows(), afterResult.flows(), after, importWarnings);
  }

  /** A refused part of a flow: the packets, the line that refuses them, which packets of the connection, and where they are evaluated. */
  record Missing(Space space, LineSource rule, String traffic, Exact.Placed placed) {}

  /** Why a flow's change cannot be placed safely, if it cannot. */
  static Optional<Refusal> refusal(Flow f, List<Missing> missing, Map<AclLine, Space> hits, Set<Integer> unmodelled, Locations where, Acl acl) {
    for (var h : hits.entrySet()) {
      AclLine l = h.getKey();
      if (l.source().line() > 0 && unmodelled.contains(l.source().line()) && !(l.action() instanceof Action.Accept) && !(l.action() instanceof Action.Continue))
        return Optional.of(new Refusal(f.name(), "the verdict depends on a line whose conditions are not modelled (read conservatively); where the addition belongs cannot be told", l.source()));
    }
    for (Missing m : missing) {
      if (m.rule().line() > 0 && unmodelled.contains(m.rule().line()))
        return Optional.of(new Refusal(f.name(), "the line that blocks it has conditions that are not modelled", m.rule()));
      if (where.chainOf(m.rule()).isEmpty())
        return Optional.of(new Refusal(f.name(), "the line that blocks it cannot be told apart from an equal line in another chain, or is in no chain the model knows ("
            + m.rule().text() + "); a dump with one rule per line (nft -a list ruleset, iptables-save) tells them apart", m.rule()));
    }
    return Optional.empty();
  }

  /** Where an addition goes: a chain, and the line it goes before (empty: the end of the chain). */
  record Target(String chain, Optional<LineSource> before) {}

  /**
   * Where the accept for a refused part goes. Right before the refusing line (or at the end of
   * the chain whose policy refuses) is always correct; but when the packets passed through a
   * user chain that holds the ruleset's permits (ufw's {@code ufw-user-input}, firewalld's
   * {@code filter_IN_public_allow}) and came back out of it, the accept goes there — at its
   * end, or before the RETURN line every refused packet leaves by — so the change follows
   * the ruleset's own structure. The chain with the most permits (accept lines naming
   * addresses or tcp/udp ports, not conntrack-state or ICMP housekeeping) wins; on a tie the
   * one reached last (the innermost).
   */
  static Target target(Missing m, Map<AclLine, Space> hits, Round round, Locations where) {
    Target direct = new Target(where.chainOf(m.rule()).orElseThrow(), where.lineOf(m.rule()));
    Set<String> entered = new HashSet<>();
    Map<String, List<AclLine>> hitIn = new HashMap<>();
    for (var h : hits.entrySet()) {
      AclLine l = h.getKey();
      if (l.action() instanceof Action.Call call && h.getValue().containsAll(m.space())) entered.add(call.chain());
      if (h.getValue().intersects(m.space())) hitIn.computeIfAbsent(round.chainOf.get(l), k -> new ArrayList<>()).add(l);
    }
    Target best = null;
    int bestPermits = 0;
    // in call order, so the choice is the same on every run
    for (String name : round.reachable(m.placed().path())) {
      if (!entered.contains(name)) continue;
      Chain c = round.acl.chains().get(name);
      if (c == null || c.policy().isPresent() || c.name().equals(direct.chain())) continue;
      int permits = round.permits.getOrDefault(name, 0);
      if (permits == 0 || permits < bestPermits) continue;
      // how the refused packets leave the chain: at its end, or all by one RETURN line; or they
      // never leave it, refused inside a chain one of its lines jumps or goes to (shorewall's
      // '-g reject'): then the accept goes right before that line, not into the shared chain
      Optional<LineSource> exit = Optional.empty(), into = Optional.empty();
      boolean ok = true;
      for (AclLine l : hitIn.getOrDefault(name, List.of())) {
        switch (l.action()) {
          case Action.Return r -> {
            if (exit.isEmpty() && hits.get(l).containsAll(m.space())) exit = Optional.of(l.source());
            else ok = false;
          }
          case Action.Goto g -> {
            if (into.isEmpty() && hits.get(l).containsAll(m.space()) && round.leadsTo(g.chain(), direct.chain())) into = Optional.of(l.source());
            else ok = false;
          }
          case Action.Accept a -> ok = false;
          case Action.Drop d -> ok = false;
          case Action.Reject x -> ok = false;
          case Action.Call x -> {
            if (hits.get(l).containsAll(m.space()) && round.leadsTo(x.chain(), direct.chain())) {
              if (into.isEmpty()) into = Optional.of(l.source());
              else ok = false;
            }
          }
          case Action.Continue x -> { }
          case Action.Unknown x -> ok = false; // an action the model does not know: never a place to add before
        }
      }
      if (into.isPresent()) exit = into;
      if (!ok || exit.isPresent() && where.chainOf(exit.get()).isEmpty()) continue;
      best = new Target(c.name(), exit);
      bestPermits = permits;
    }
    return best != null ? best : direct;
  }

  /** What one round of additions looks up about the ruleset as it stands: each line's chain, each chain's permits, each path's chains. */
  static final class Round {
    final Acl acl;
    final Map<AclLine, String> chainOf = new IdentityHashMap<>();
    final Map<String, Integer> permits = new HashMap<>();
    private final Map<String, Set<String>> reachable = new HashMap<>();

    Round(Acl acl) {
      this.acl = acl;
      for (Chain c : acl.chains().values())
        for (AclLine l : c.lines()) {
          chainOf.put(l, c.name());
          if (permit(l)) permits.merge(c.name(), 1, Integer::sum);
        }
    }

    /** Whether chain {@code to} is {@code from} or reached from it by jumps and gotos. */
    boolean leadsTo(String from, String to) {
      Set<String> seen = new HashSet<>();
      List<String> todo = new ArrayList<>(List.of(from));
      while (!todo.isEmpty()) {
        String c = todo.removeLast();
        if (c.equals(to)) return true;
        Chain chain = acl.chains().get(c);
        if (chain == null || !seen.add(c)) continue;
        for (AclLine l : chain.lines()) {
          if (l.action() instanceof Action.Call x) todo.add(x.chain());
          if (l.action() instanceof Action.Goto g) todo.add(g.chain());
        }
      }
      return false;
    }

    Set<String> reachable(String path) {
      return reachable.computeIfAbsent(path, p -> Exact.reachable(acl, p));
    }
  }

  /** An accept line of the ruleset that names addresses or tcp/udp destination ports: a permit, not housekeeping. */
  static boolean permit(AclLine l) {
    if (!(l.action() instanceof Action.Accept) || l.source().line() == 0) return false;
    for (Box b : l.match().boxes()) {
      Ranges p = b.get(Box.PROTO);
      boolean ports = (p.equals(Ranges.single(6)) || p.equals(Ranges.single(17))) && !b.get(Box.DPORT).equals(Box.ALL_PORTS);
      if (ports || !b.get(Box.SRC).equals(Box.allAddresses(b.family())) || !b.get(Box.DST).equals(Box.allAddresses(b.family()))) return true;
    }
    return false;
  }

  /** The entry interface, where the path's hook knows one (not on output). */
  static Optional<String> hookIn(Exact.Placed p) {
    return p.path().startsWith("output") ? Optional.empty() : p.in();
  }

  /** The exit interface, where the path's hook knows one (not on input). */
  static Optional<String> hookOut(Exact.Placed p) {
    return p.path().startsWith("input") ? Optional.empty() : p.out();
  }

  /** Lines the importer read conservatively (constructs not modelled): no change rests on them. */
  static Set<Integer> unmodelledLines(List<Diagnostic> warnings) {
    Set<Integer> out = new HashSet<>();
    for (Diagnostic d : warnings) {
      String m = d.message();
      if (d.position().line() > 0 && (m.contains("not modelled") || m.contains("read as DROP") || m.contains("conservative"))) out.add(d.position().line());
    }
    return out;
  }

  /**
   * The packets to accept for a refused part: source ports of new and established packets,
   * and the client ports of replies, are any (a requirement names destination ports only);
   * the conntrack state stays exactly the refused one.
   */
  static Space widen(Space s, String traffic) {
    List<Box> out = new ArrayList<>();
    for (Box b : s.boxes()) {
      Ranges p = b.get(Box.PROTO);
      boolean ports = p.equals(Ranges.single(6)) || p.equals(Ranges.single(17));
      Box w = b;
      if (ports) w = traffic.equals("reply") ? w.with(Box.DPORT, Box.ALL_PORTS) : w.with(Box.SPORT, Box.ALL_PORTS);
      out.add(w);
    }
    return Space.union(Boxes.merge(out));
  }

  static List<String> requirements(Flow f) {
    List<String> out = new ArrayList<>();
    for (Trace t : f.traces()) if (!t.requirementRef().isBlank() && !out.contains(t.requirementRef())) out.add(t.requirementRef());
    return out;
  }

  static List<String> rows(Flow f) {
    List<String> out = new ArrayList<>();
    for (Trace t : f.traces()) {
      String n = t.provenance().notation();
      if (!n.isBlank() && !out.contains(n)) out.add(n);
    }
    return out;
  }

  /** Where each line and policy of the original ruleset sits: its chain and index. */
  static final class Locations {
    private final Map<LineSource, String> chain = new HashMap<>();
    private final Map<LineSource, Integer> index = new HashMap<>();
    private final Set<LineSource> policies = new HashSet<>();
    /** Line sources that name lines in more than one chain (a one-line JSON dump with equal rules): never a position. */
    private final Set<LineSource> ambiguous = new HashSet<>();

    Locations(Acl acl) {
      for (Chain c : acl.chains().values()) {
        for (int i = 0; i < c.lines().size(); i++) {
          LineSource s = c.lines().get(i).source();
          if (chain.putIfAbsent(s, c.name()) == null) index.put(s, i);
          else if (!chain.get(s).equals(c.name())) ambiguous.add(s);
        }
        if (c.policy().isPresent() && c.policySource() != null && !chain.containsKey(c.policySource())) {
          chain.put(c.policySource(), c.name());
          policies.add(c.policySource());
        }
      }
    }

    Optional<String> chainOf(LineSource s) {
      return ambiguous.contains(s) ? Optional.empty() : Optional.ofNullable(chain.get(s));
    }

    /** The line itself, or empty for a policy (the addition goes to the end of the chain). */
    Optional<LineSource> lineOf(LineSource s) {
      return policies.contains(s) ? Optional.empty() : Optional.of(s);
    }

    /** 0-based index of a line in its chain of the original ruleset. */
    int indexOf(LineSource s) {
      return index.getOrDefault(s, -1);
    }
  }

  /** The ruleset with the additions so far, as the model reads it. */
  static final class Work {
    private final Map<String, Chain> chains;
    private final Acl base;

    Work(Acl acl) {
      this.base = acl;
      this.chains = new HashMap<>(acl.chains());
    }

    /** Inserts the additions of one round: per chain one pass, each before its line or at the end. */
    void addAll(List<Addition> additions) {
      Map<String, List<Addition>> byChain = new LinkedHashMap<>();
      for (Addition a : additions) byChain.computeIfAbsent(a.chain(), k -> new ArrayList<>()).add(a);
      for (var e : byChain.entrySet()) {
        Chain c = chains.get(e.getKey());
        Map<LineSource, List<AclLine>> before = new HashMap<>();
        List<AclLine> atEnd = new ArrayList<>();
        for (Addition a : e.getValue()) {
          AclLine line = new AclLine(a.accept(), a.in().map(i -> new InterfaceMatch(i, false)), a.out().map(o -> new InterfaceMatch(o, false)), Action.ACCEPT,
              new LineSource(base.file(), 0, "added by portolan change for " + a.flow() + " (" + a.why() + ")"));
          if (a.before().isPresent()) before.computeIfAbsent(a.before().get(), k -> new ArrayList<>()).add(line);
          else atEnd.add(line);
        }
        List<AclLine> lines = new ArrayList<>(c.lines().size() + e.getValue().size());
        for (AclLine l : c.lines()) {
          List<AclLine> ins = l.source().line() > 0 ? before.remove(l.source()) : null;
          if (ins != null) lines.addAll(ins);
          lines.add(l);
        }
        for (List<AclLine> rest : before.values()) lines.addAll(rest); // a line not found (never: additions name lines of this chain)
        lines.addAll(atEnd);
        chains.put(c.name(), c.withLines(lines));
      }
    }

    Acl acl() {
      return new Acl(base.file(), base.format(), chains, base.paths(), base.implicitReturn(), base.families());
    }
  }
}
