package org.portolan.verify;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.portolan.diag.Diagnostic;
import org.portolan.diag.Diagnostics;
import org.portolan.diag.SourcePosition;
import org.portolan.ingest.acl.Acl;
import org.portolan.ingest.acl.AclLine;
import org.portolan.ingest.acl.Action;
import org.portolan.ingest.acl.Addrs;
import org.portolan.ingest.acl.Box;
import org.portolan.ingest.acl.Chain;
import org.portolan.ingest.acl.LineSource;
import org.portolan.ingest.acl.Match;
import org.portolan.ingest.acl.Ranges;
import org.portolan.ingest.acl.Space;
import org.portolan.ingest.acl.Stage;
import org.portolan.model.PortRange;
import org.portolan.model.Protocol;
import org.portolan.plan.Endpoint;
import org.portolan.plan.FirewallPlacement;
import org.portolan.plan.Flow;
import org.portolan.plan.FlowPlan;

/**
 * Answers, exactly, what a ruleset does with every required flow, what it permits beyond
 * them, and which of its lines never matter. The front door of the verify stage.
 */
public final class Verifier {
  private Verifier() {}

  /** Client (source) ports of new connections: the Linux default ephemeral range. */
  public static final Ranges EPHEMERAL = Ranges.of(32768, 60999);

  /** Verifies every flow of the plan, placed with nothing known about the firewall (each flow whole). */
  public static VerifyResult verify(Acl acl, FlowPlan plan, VerifyOptions opt, List<Diagnostic> importWarnings) {
    List<FirewallPlacement.Target> targets = FirewallPlacement.place(plan, Optional.empty(), FirewallPlacement.Options.ALL, new Diagnostics());
    return verify(acl, FirewallPlacement.flows(targets), opt, importWarnings);
  }

  /** Verifies placed flows (see {@link FirewallPlacement}): each piece on the path its crossing takes. */
  public static VerifyResult verify(Acl acl, List<FirewallPlacement.PlacedFlow> flows, VerifyOptions opt, List<Diagnostic> importWarnings) {
    return verify(acl, flows, opt, importWarnings, true, f -> { });
  }

  /**
   * As above; {@code verdictsGiven} is handed the flows' results (the list the result will hold) as soon as
   * they are all given, before the excess and rule analysis, on the calling thread: the CLI starts writing
   * them there.
   */
  public static VerifyResult verify(Acl acl, List<FirewallPlacement.PlacedFlow> flows, VerifyOptions opt, List<Diagnostic> importWarnings,
      java.util.function.Consumer<List<FlowResult>> verdictsGiven) {
    return verify(acl, flows, opt, importWarnings, true, verdictsGiven);
  }

  /** As above; {@code parallel} false gives every verdict on the calling thread (the differential check that both agree). */
  static VerifyResult verify(Acl acl, List<FirewallPlacement.PlacedFlow> flows, VerifyOptions opt, List<Diagnostic> importWarnings, boolean parallel) {
    return verify(acl, flows, opt, importWarnings, parallel, f -> { });
  }

  private static VerifyResult verify(Acl acl, List<FirewallPlacement.PlacedFlow> flows, VerifyOptions opt, List<Diagnostic> importWarnings, boolean parallel,
      java.util.function.Consumer<List<FlowResult>> verdictsGiven) {
    Diagnostics d = new Diagnostics();
    Context ctx = new Context(opt.in(), opt.out(), false);
    if (flows.stream().noneMatch(p -> p.crossing() instanceof FirewallPlacement.Crossing.Through)) warnInterfaces(acl, opt, d);
    List<FlowResult> results = new ArrayList<>(flows.size());
    Map<String, List<Box>> required = new LinkedHashMap<>();
    Map<Context, Evaluator> evaluators = new java.util.concurrent.ConcurrentHashMap<>(); // by context itself: no key string per flow
    int otherFamily = 0;
    // each flow is judged on its own (the evaluators' caches are thread-safe); the results are
    // gathered in the flows' order, so the output is the same as one thread's, byte for byte
    java.util.stream.IntStream indexes = java.util.stream.IntStream.range(0, flows.size());
    if (parallel && flows.size() >= PARALLEL_FROM) indexes = indexes.parallel();
    List<Judged> judged = indexes.mapToObj(i -> judge(acl, flows.get(i), opt, evaluators)).toList();
    org.portolan.diag.Timing.mark("verdicts");
    for (Judged j : judged) results.add(j.result());
    List<FlowResult> given = List.copyOf(results); // what VerifyResult holds (a copy of an immutable list is that list)
    verdictsGiven.accept(given);
    for (Judged j : judged) {
      if (j.otherFamily()) otherFamily++;
      if (!j.required().isEmpty()) required.computeIfAbsent(j.result().path(), k -> new ArrayList<>()).addAll(j.required());
      for (Diagnostic w : j.warnings()) d.add(w);
    }
    PathHint.warn(acl, results.stream().map(FlowResult::path).collect(java.util.stream.Collectors.toCollection(java.util.TreeSet::new)), opt,
        flows.stream().anyMatch(p -> !(p.crossing() instanceof FirewallPlacement.Crossing.Unknown)), d);
    if (otherFamily > 0)
      d.warning(SourcePosition.of(acl.file()), otherFamily + " flows also have IPv" + (acl.families().contains(4) ? 6 : 4) + " endpoints; this ruleset holds IPv"
          + acl.families().iterator().next() + " rules only, so only their IPv" + acl.families().iterator().next() + " part is verified");
    List<Excess> excess = new ArrayList<>();
    List<RuleFinding> findings = new ArrayList<>();
    Evaluator ev = evaluators.computeIfAbsent(ctx, k -> new Evaluator(acl, k));
    for (var e : required.entrySet()) excess.addAll(excess(acl, ev, e.getKey(), new Required(e.getValue()), d, parallel));
    org.portolan.diag.Timing.mark("excess");
    if (opt.analyseRules()) findings.addAll(ruleFindings(acl, ev, required.keySet(), parallel));
    List<Diagnostic> warnings = new ArrayList<>(importWarnings);
    warnings.addAll(d.all());
    return new VerifyResult(acl.file(), acl.format(), given, excess, findings, warnings);
  }

  /** Below this many flows verdicts are given on one thread: splitting costs more than it saves. */
  static final int PARALLEL_FROM = 256;

  /** One flow's verdict, the packets it requires on its path, and what it warns of. */
  private record Judged(FlowResult result, List<Box> required, boolean otherFamily, List<Diagnostic> warnings) {}

  private static Judged judge(Acl acl, FirewallPlacement.PlacedFlow placed, VerifyOptions opt, Map<Context, Evaluator> evaluators) {
    Flow f = placed.flow();
    String planFlow = placed.planFlow().name();
    Optional<String> fin = opt.in(), fout = opt.out();
    if (placed.crossing() instanceof FirewallPlacement.Crossing.Through t) {
      fin = Optional.of(t.in());
      fout = Optional.of(t.out());
    }
    String path = choosePath(acl, f, placed.crossing(), opt.withInterfaces(fin, fout));
    if (path.equals("loopback"))
      return new Judged(new FlowResult(f.name(), planFlow, placed.where(), endpoints(f.sources()), endpoints(f.destinations()), f.protocol().keyword(), portsOf(f), path,
          new Verdict.Allowed(new LineSource(acl.file(), 0, "loopback flow: it stays on the host and never crosses this firewall"))), List.of(), false, List.of());
    Diagnostics d = new Diagnostics();
    Space all = flowSpace(f, EPHEMERAL, d);
    Space fwd = only(all, acl.families());
    if (fwd.isEmpty() && !all.isEmpty())
      return new Judged(new FlowResult(f.name(), planFlow, placed.where(), endpoints(f.sources()), endpoints(f.destinations()), f.protocol().keyword(), portsOf(f), path,
          new Verdict.NotVerified(acl.file(), "this ruleset holds IPv" + acl.families().iterator().next() + " rules only")), List.of(), false, d.all());
    List<Box> required = new ArrayList<>(fwd.boxes().size());
    for (Box b : fwd.boxes()) required.add(b.get(Box.PROTO).equals(Ranges.single(6)) || b.get(Box.PROTO).equals(Ranges.single(17)) ? b.with(Box.SPORT, Box.ALL_PORTS) : b);
    Context fctx = new Context(fin, fout, f.loopback());
    return new Judged(new FlowResult(f.name(), planFlow, placed.where(), endpoints(f.sources()), endpoints(f.destinations()), f.protocol().keyword(), portsOf(f), path,
        verdict(acl, evaluators, fctx, path, f, fwd)), required, fwd != all, d.all());
  }

  private static void warnInterfaces(Acl acl, VerifyOptions opt, Diagnostics d) {
    if (opt.in().isPresent() && opt.out().isPresent()) return;
    for (Chain c : acl.chains().values())
      for (AclLine l : c.lines())
        if (l.in().filter(i -> !i.isLoopback()).isPresent() && opt.in().isEmpty() || l.out().filter(i -> !i.isLoopback()).isPresent() && opt.out().isEmpty()) {
          d.warning(new SourcePosition(acl.file(), l.source().line(), 1), "rules match interfaces but the flows' interfaces are unknown (with a deployment, name the ruleset's firewall: --firewall FW; with a flows file, give --in-interface/--out-interface): interface conditions other than 'lo' are read as satisfied");
          return;
        }
  }

  /** Which path a flow takes; see docs/verify.md "Which chain applies". */
  static String choosePath(Acl acl, Flow f, FirewallPlacement.Crossing crossing, VerifyOptions opt) {
    Map<String, List<Stage>> p = acl.paths();
    String fw = opt.firewall().orElse("");
    if (opt.path().isPresent()) return qualify(p, opt.path().get(), fw);
    if (f.loopback() || crossing instanceof FirewallPlacement.Crossing.Loopback) return "loopback";
    if (opt.in().isPresent() && p.containsKey("in:" + opt.in().get()))
      return "in:" + opt.in().get() + (opt.out().isPresent() && p.containsKey("out:" + opt.out().get()) ? "+out:" + opt.out().get() : "");
    if (opt.out().isPresent() && p.containsKey("out:" + opt.out().get()) && !p.containsKey("forward")) return "out:" + opt.out().get();
    if (crossing instanceof FirewallPlacement.Crossing.Inbound && p.containsKey(qualify(p, "input", fw))) return qualify(p, "input", fw);
    if (crossing instanceof FirewallPlacement.Crossing.Outbound && p.containsKey(qualify(p, "output", fw))) return qualify(p, "output", fw);
    String forward = qualify(p, "forward", fw);
    if (p.containsKey(forward) && (filters(acl, forward) || !p.containsKey(qualify(p, "input", fw)))) return forward;
    String input = qualify(p, "input", fw);
    if (p.containsKey(input)) return input;
    return p.containsKey(forward) ? forward : p.keySet().stream().sorted().findFirst().orElse("forward");
  }

  private static String qualify(Map<String, List<Stage>> p, String path, String fw) {
    return !fw.isEmpty() && p.containsKey(path + ":" + fw) ? path + ":" + fw : path;
  }

  /** The stages of a path; {@code a+b} is path a then path b (an ASA in-interface list, then the out-interface list). */
  static List<Stage> stagesOf(Acl acl, String path) {
    // called per flow: one path (the usual case) is its list itself, no split, no copy (List.copyOf of an immutable list is that list)
    if (path.indexOf('+') < 0) return List.copyOf(acl.paths().getOrDefault(path, List.of()));
    List<Stage> out = new ArrayList<>();
    for (String part : path.split("\\+")) out.addAll(acl.paths().getOrDefault(part, List.of()));
    return out;
  }

  /** A path filters when one of its own stages (not shared with input: prerouting, raw, mangle) has lines or a policy other than accept. */
  private static boolean filters(Acl acl, String path) {
    List<Stage> shared = acl.paths().getOrDefault(path.startsWith("forward") ? "input" + path.substring("forward".length()) : path, List.of());
    for (Stage s : acl.paths().get(path)) {
      if (s.auxiliary() || shared.stream().anyMatch(x -> x.chain().equals(s.chain()))) continue;
      Chain c = acl.chains().get(s.chain());
      if (!c.lines().isEmpty() || !(c.policy().orElse(Action.ACCEPT) instanceof Action.Accept)) return true;
    }
    return false;
  }

  private static Space only(Space s, Set<Integer> families) {
    if (families.size() == 2 || s.boxes().stream().allMatch(b -> families.contains(b.family()))) return s;
    List<Box> keep = new ArrayList<>();
    for (Box b : s.boxes()) if (families.contains(b.family())) keep.add(b);
    return Space.union(keep);
  }

  /** The new-connection packets of a flow: state NEW, source ports {@code sport}. */
  static Space flowSpace(Flow f, Ranges sport, Diagnostics d) {
    Addrs src = addrs(f.sources(), f.name(), d), dst = addrs(f.destinations(), f.name(), d);
    Space s = Space.EMPTY;
    for (int fam : new int[] {4, 6}) {
      if (src.of(fam).isEmpty() || dst.of(fam).isEmpty()) continue;
      Match m = Match.any().family(fam).src(src, false).dst(dst, false).state(Ranges.single(Box.NEW), false);
      switch (f.protocol()) {
        case Protocol.Tcp t -> m.proto(Ranges.single(6), false).sport(sport, false).dport(ports(f), false);
        case Protocol.Udp u -> m.proto(Ranges.single(17), false).sport(sport, false).dport(ports(f), false);
        case Protocol.Icmp i -> {
          m.proto(Ranges.single(fam == 4 ? 1 : 58), false);
          if (i.type().isPresent()) m.dport(org.portolan.ingest.acl.Ports.icmp(i.type().getAsInt(), i.code()), false);
        }
        case Protocol.Ip ip -> m.proto(Ranges.single(ip.number()), false);
      }
      s = s.plus(m.build());
    }
    if (s.isEmpty() && d != null)
      d.warning(SourcePosition.of(f.traces().getFirst().provenance().document().isEmpty() ? "flows" : f.traces().getFirst().provenance().document()),
          "flow " + f.name() + ": sources and destinations share no IP family; nothing to verify");
    return s;
  }

  private static Ranges ports(Flow f) {
    Ranges r = Ranges.EMPTY;
    for (PortRange p : f.ports().ranges()) r = r.union(Ranges.of(p.from(), p.to()));
    return r;
  }

  /**
   * Addresses of endpoints; a host name becomes its stand-in addresses ({@link Addrs#fqdn}):
   * it matches rules on any address and rules naming the same host, not rules on real
   * addresses it might resolve to.
   */
  private static Addrs addrs(List<Endpoint> eps, String flow, Diagnostics d) {
    if (eps.size() == 1 && eps.getFirst() instanceof Endpoint.Addresses x && x.blocks().size() == 1) return Addrs.of(x.blocks().getFirst()); // most flows: no unions
    Addrs a = Addrs.NONE;
    for (Endpoint e : eps) {
      switch (e) {
        case Endpoint.Addresses x -> { for (var b : x.blocks()) a = a.union(Addrs.of(b)); }
        case Endpoint.Fqdn q -> a = a.union(Addrs.fqdn(q.fqdn()));
      }
    }
    return a;
  }

  private static String endpoints(List<Endpoint> eps) {
    if (eps.size() == 1) return eps.getFirst().csvNotation();
    return String.join(" ", eps.stream().map(Endpoint::csvNotation).toList());
  }

  private static String portsOf(Flow f) {
    return f.protocol() instanceof Protocol.Icmp i ? i.typeNotation() : f.ports().notation();
  }

  static String returnPath(String path) {
    return switch (path) {
      case "input" -> "output";
      case "output" -> "input";
      default -> path.startsWith("input:") ? "output:" + path.substring(6) : path.startsWith("output:") ? "input:" + path.substring(7) : path;
    };
  }

  private static Verdict verdict(Acl acl, Map<Context, Evaluator> evaluators, Context ctx, String path, Flow f, Space fwd) {
    Evaluator ev = evaluators.computeIfAbsent(ctx, k -> new Evaluator(acl, k));
    Context back = new Context(ctx.out(), ctx.in(), ctx.loopback());
    Evaluator evBack = evaluators.computeIfAbsent(back, k -> new Evaluator(acl, k));
    List<Stage> stages = stagesOf(acl, path);
    Map<AclLine, Space> hits = new IdentityHashMap<>();
    List<Decision> ds = ev.recordingHits(hits).evaluate(stages, fwd);
    List<Decision> accepted = new ArrayList<>();
    List<BlockedPart> blocked = new ArrayList<>();
    List<Decision> doubted = new ArrayList<>();
    for (Decision x : ds) {
      if (x.accepted()) accepted.add(x);
      else if (x.denied()) blocked.add(blocked(x.space(), x.rule(), "new"));
      else doubted.add(x);
    }
    Space acceptedSpace = Space.EMPTY, doubtedSpace = Space.EMPTY;
    for (Decision x : accepted) acceptedSpace = acceptedSpace.plusDisjoint(x.space());
    for (Decision x : doubted) doubtedSpace = doubtedSpace.plusDisjoint(x.space());
    Space passing = acceptedSpace.plusDisjoint(doubtedSpace);
    // packets later in the connection: certainly dropped (blocked) or undetermined
    Space later = Space.EMPTY;
    record Later(Decision d, String traffic) {}
    List<Later> laterDoubts = new ArrayList<>();
    boolean stateful = f.protocol().hasPorts() || f.protocol() instanceof Protocol.Icmp;
    if (!acl.implicitReturn() && stateful && !passing.isEmpty()) {
      for (Decision r : evBack.evaluate(stagesOf(acl, returnPath(path)), reverse(passing))) {
        if (r.accepted()) continue;
        Space part = passing.intersect(forwardOf(r.space())).minus(later);
        if (part.isEmpty()) continue;
        if (r.undetermined()) { laterDoubts.add(new Later(r.withSpace(part), "reply")); continue; }
        later = later.plus(part);
        blocked.add(blocked(part, r.rule(), "reply"));
      }
      for (Decision r : ev.evaluate(stages, withState(passing, Box.ESTABLISHED))) {
        if (r.accepted()) continue;
        Space part = passing.intersect(withState(r.space(), -1)).minus(later);
        if (part.isEmpty()) continue;
        if (r.undetermined()) { laterDoubts.add(new Later(r.withSpace(part), "established")); continue; }
        later = later.plus(part);
        blocked.add(blocked(part, r.rule(), "established"));
      }
    }
    List<BlockedPart> open = new ArrayList<>();
    Doubt first = null;
    Space unsure = Space.EMPTY;
    for (Decision x : doubted) {
      Space part = x.space().minus(later);
      if (part.isEmpty()) continue;
      unsure = unsure.plus(part);
      if (first == null) first = x.doubt().get();
      open.add(blocked(part, x.doubt().get().line(), "new"));
    }
    for (Later l : laterDoubts) {
      Space part = l.d().space().minus(later).minus(unsure);
      if (part.isEmpty()) continue;
      unsure = unsure.plus(part);
      if (first == null) first = l.d().doubt().get();
      open.add(blocked(part, l.d().doubt().get().line(), l.traffic()));
    }
    Space allowed = acceptedSpace.minus(later).minus(unsure);
    LineSource acceptRule = null;
    for (Decision x : accepted) if (x.space().intersects(allowed) && (acceptRule == null || acceptRule.line() == 0)) acceptRule = x.rule();
    if (first != null) return new Verdict.Undetermined(first, blocked, open);
    if (blocked.isEmpty()) {
      if (acceptRule == null) return new Verdict.NotVerified(acl.file(), "flow has no packets to verify");
      List<LineSource> rated = new ArrayList<>();
      for (var h : hits.entrySet()) if (h.getKey().rate().isPresent() && !h.getValue().isEmpty()) rated.add(h.getKey().source());
      rated.sort(java.util.Comparator.comparingInt(LineSource::line));
      return new Verdict.Allowed(acceptRule, rated);
    }
    if (allowed.isEmpty()) return new Verdict.Blocked(blocked.getFirst().rule(), blocked);
    return new Verdict.Partial(acceptRule, blocked);
  }

  /** The same packets in another conntrack state ({@code -1}: any state). */
  static Space withState(Space s, int state) {
    Ranges st = state < 0 ? Box.ALL_STATES : Ranges.single(state);
    Space out = Space.EMPTY;
    for (Box b : s.boxes()) out = out.plus(b.with(Box.STATE, st));
    return out;
  }

  private static BlockedPart blocked(Space s, LineSource rule, String traffic) {
    Describe.Summary sum = Describe.summary(s, false);
    return new BlockedPart(sum.src(), sum.dst(), sum.proto(), sum.ports(), rule, traffic);
  }

  /** Reply packets of accepted new-connection packets: swapped addresses and ports, state established. */
  static Space reverse(Space s) {
    Space out = Space.EMPTY;
    for (Box b : s.boxes()) {
      Ranges p = b.get(Box.PROTO);
      boolean ports = p.equals(Ranges.single(6)) || p.equals(Ranges.single(17));
      Box r = b.with(Box.SRC, b.get(Box.DST)).with(Box.DST, b.get(Box.SRC)).with(Box.STATE, Ranges.single(Box.ESTABLISHED));
      if (ports) r = r.with(Box.SPORT, b.get(Box.DPORT)).with(Box.DPORT, b.get(Box.SPORT));
      else r = r.with(Box.SPORT, Box.ALL_PORTS).with(Box.DPORT, icmpReply(b.get(Box.DPORT)));
      out = out.plus(r);
    }
    return out;
  }

  /** Echo request (8, ICMPv6 128) is answered by echo reply (0, 129); other types are read as answered in kind. */
  private static Ranges icmpReply(Ranges types) {
    if (types.equals(Ranges.of(8 * 256, 8 * 256 + 255))) return Ranges.of(0, 255);
    if (types.equals(Ranges.of(128 * 256, 128 * 256 + 255))) return Ranges.of(129 * 256, 129 * 256 + 255);
    return Box.ALL_PORTS;
  }

  /** The new-connection packets whose replies are in {@code reply} (any client port). */
  private static Space forwardOf(Space reply) {
    Space out = Space.EMPTY;
    for (Box r : reply.boxes()) {
      Ranges p = r.get(Box.PROTO);
      boolean ports = p.equals(Ranges.single(6)) || p.equals(Ranges.single(17));
      Box f = r.with(Box.SRC, r.get(Box.DST)).with(Box.DST, r.get(Box.SRC)).with(Box.STATE, Box.ALL_STATES).with(Box.SPORT, Box.ALL_PORTS);
      f = f.with(Box.DPORT, ports ? r.get(Box.SPORT) : Box.ALL_PORTS);
      out = out.plus(f);
    }
    return out;
  }

  /** Chains reachable from the auxiliary stages of a path (raw, mangle, nat): their accepting lines are not what lets a flow pass. */
  static Set<String> auxiliary(Acl acl, String path) {
    Set<String> out = new java.util.HashSet<>();
    for (Stage s : stagesOf(acl, path)) if (s.auxiliary()) out.addAll(reachableFrom(acl, List.of(s.chain())));
    return out;
  }

  /** Chains a path can reach, in call order. */
  static Set<String> reachable(Acl acl, String path) {
    return reachableFrom(acl, stagesOf(acl, path).stream().map(Stage::chain).toList());
  }

  static Set<String> reachableFrom(Acl acl, List<String> start) {
    Set<String> seen = new LinkedHashSet<>();
    Deque<String> todo = new ArrayDeque<>(start);
    while (!todo.isEmpty()) {
      String c = todo.poll();
      if (!seen.add(c)) continue;
      for (AclLine l : acl.chains().get(c).lines()) {
        switch (l.action()) {
          case Action.Call call -> todo.add(call.chain());
          case Action.Goto g -> todo.add(g.chain());
          case Action.Accept a -> { }
          case Action.Drop x -> { }
          case Action.Reject x -> { }
          case Action.Return x -> { }
          case Action.Continue x -> { }
          case Action.Unknown x -> { }
        }
      }
    }
    return seen;
  }

  private static final Space NEW_ONLY = Match.any().state(Ranges.single(Box.NEW), false).build();

  /** The required new-connection packets of a path, as possibly overlapping boxes indexed by destination-port block. */
  static final class Required {
    static final int BITS = 4;
    final List<Box> boxes;
    final Map<Integer, List<Integer>> byBlock = new HashMap<>();
    final Map<Long, List<Integer>> byPort = new HashMap<>();

    Required(List<Box> required) {
      this.boxes = mergedBySource(required);
      for (int i = 0; i < boxes.size(); i++) {
        Ranges dp = boxes.get(i).get(Box.DPORT);
        if (dp.minLo() == dp.maxLo()) {
          byPort.computeIfAbsent(dp.minLo(), k -> new ArrayList<>()).add(i);
          continue;
        }
        for (int blk = (int) dp.minLo() >>> BITS; blk <= (int) dp.maxLo() >>> BITS; blk++)
          byBlock.computeIfAbsent(blk, k -> new ArrayList<>()).add(i);
      }
    }

    /**
     * The same packets in fewer boxes: boxes equal in every dimension but the source become one
     * box over the union of their sources (exact). 30,000 flows from single hosts to one service
     * are then one subtraction, not 30,000, each copying a line's 200,000-address source set.
     */
    static List<Box> mergedBySource(List<Box> boxes) {
      Map<AllButSource, List<Box>> groups = new LinkedHashMap<>();
      for (Box b : boxes) groups.computeIfAbsent(new AllButSource(b), k -> new ArrayList<>(1)).add(b);
      if (groups.size() == boxes.size()) return boxes;
      List<Box> out = new ArrayList<>(groups.size());
      for (List<Box> g : groups.values()) {
        if (g.size() == 1) { out.add(g.getFirst()); continue; }
        List<Ranges> srcs = new ArrayList<>(g.size());
        for (Box b : g) srcs.add(b.get(Box.SRC));
        out.add(g.getFirst().with(Box.SRC, Ranges.unionAll(srcs)));
      }
      return out;
    }

    /**
     * The key boxes are merged by: the family and every dimension but the source (a class of its own, not
     * a list of them: 100,000 keys, on one thread while the other core waits).
     */
    private static final class AllButSource {
      private final Box box;
      private final int hash;

      AllButSource(Box box) {
        this.box = box;
        int h = box.family();
        for (int dim = 0; dim < Box.DIMS; dim++) if (dim != Box.SRC) h = 31 * h + box.get(dim).hashCode();
        this.hash = h;
      }

      @Override
      public int hashCode() {
        return hash;
      }

      @Override
      public boolean equals(Object o) {
        if (!(o instanceof AllButSource k) || k.hash != hash || k.box.family() != box.family()) return false;
        for (int dim = 0; dim < Box.DIMS; dim++) if (dim != Box.SRC && !box.get(dim).equals(k.box.get(dim))) return false;
        return true;
      }
    }

    /** {@code s} without the required packets. */
    Space subtractFrom(Space s) {
      java.util.BitSet seen = new java.util.BitSet();
      for (Box b : s.boxes()) {
        Ranges dp = b.get(Box.DPORT);
        for (int blk = (int) dp.minLo() >>> BITS; blk <= (int) dp.maxLo() >>> BITS; blk++)
          for (int i : byBlock.getOrDefault(blk, List.of())) seen.set(i);
        if (dp.size().intValue() <= 4096) {
          for (int k = 0; k < dp.intervals(); k++)
            for (long port = dp.fromLo(k); port <= dp.toLo(k); port++)
              for (int i : byPort.getOrDefault(port, List.of())) seen.set(i);
        } else {
          for (var e : byPort.entrySet()) if (dp.contains(0, e.getKey())) for (int i : e.getValue()) seen.set(i);
        }
      }
      Space out = s;
      for (int i = seen.nextSetBit(0); i >= 0 && !out.isEmpty(); i = seen.nextSetBit(i + 1)) if (out.intersects(boxes.get(i))) out = out.minus(boxes.get(i));
      return out;
    }
  }

  /** Above this many boxes a policy's excess is not computed (a warning says so): the space fragments too much. */
  static final int MAX_POLICY_BOXES = 20_000;

  /** Lines (and accepting policies) that permit new connections no requirement on this path needs. */
  static List<Excess> excess(Acl acl, Evaluator ev, String path, Required required, Diagnostics d) {
    return excess(acl, ev, path, required, d, true);
  }

  static List<Excess> excess(Acl acl, Evaluator ev, String path, Required required, Diagnostics d, boolean parallel) {
    List<Stage> stages = stagesOf(acl, path);
    List<Excess> out = new ArrayList<>();
    Set<String> aux = auxiliary(acl, path);
    Set<String> chains = reachable(acl, path);
    // each accepting line's excess is its own evaluation (the evaluator's caches are thread-safe): all of them
    // on every core, then taken in the chains' order with the policies, which warn, on this thread
    List<AclLine> accepting = new ArrayList<>();
    for (String c : chains)
      if (!aux.contains(c)) for (AclLine l : acl.chains().get(c).lines()) if (l.action() instanceof Action.Accept) accepting.add(l);
    List<Optional<Excess>> byLine = inOrder(accepting, parallel, l -> Optional.ofNullable(lineExcess(ev, stages, path, required, l)));
    int next = 0;
    for (String c : chains) {
      Chain chain = acl.chains().get(c);
      if (!aux.contains(c)) for (AclLine l : chain.lines()) if (l.action() instanceof Action.Accept) byLine.get(next++).ifPresent(out::add);
      if (chain.policy().orElse(Action.DROP) instanceof Action.Accept && !aux.contains(c) && stages.stream().anyMatch(s -> s.chain().equals(c))) {
        Space mine = Space.EMPTY;
        boolean sure = true;
        for (Decision dd : ev.evaluate(stages, NEW_ONLY))
          if (dd.accept() && dd.rule().equals(chain.policySource())) {
            mine = mine.plusDisjoint(dd.space());
            sure &= !dd.undetermined();
          }
        if (mine.boxes().size() > MAX_POLICY_BOXES) {
          d.warning(new SourcePosition(acl.file(), chain.policySource().line(), 0), "what the accept policy of " + c + " lets through fragments into "
              + mine.boxes().size() + " boxes; its excess is not itemised");
          continue;
        }
        mine = required.subtractFrom(mine).intersect(chain.policyScope());
        if (!mine.isEmpty()) out.add(excessOf(chain.policySource(), path, mine, sure));
      }
    }
    return out;
  }

  /** What the accepting line {@code l} permits beyond the requirements, or null. */
  private static Excess lineExcess(Evaluator ev, List<Stage> stages, String path, Required required, AclLine l) {
    Space x = required.subtractFrom(ev.effective(l).intersect(NEW_ONLY));
    if (x.isEmpty()) return null;
    Space mine = Space.EMPTY, maybe = Space.EMPTY;
    if (l.doubt().isPresent()) {
      // what it may accept: every packet that may reach it with a match (an upper bound, not verified)
      Map<AclLine, Space> hits = new IdentityHashMap<>();
      ev.recordingHits(hits).evaluate(stages, x);
      maybe = hits.getOrDefault(l, Space.EMPTY);
    } else {
      for (Decision dd : ev.evaluate(stages, x)) {
        if (!dd.accept() || !dd.rule().equals(l.source())) continue;
        if (dd.undetermined()) maybe = maybe.plusDisjoint(dd.space());
        else mine = mine.plusDisjoint(dd.space());
      }
    }
    if (!mine.isEmpty()) return excessOf(l.source(), path, mine, true);
    if (!maybe.isEmpty()) return excessOf(l.source(), path, maybe, false);
    return null;
  }

  /** {@code f} of every item, in the items' order; on every core when {@code parallel} and there are enough of them. */
  private static <T, R> List<R> inOrder(List<T> items, boolean parallel, java.util.function.Function<T, R> f) {
    if (!parallel || items.size() < 2) return items.stream().map(f).toList();
    return items.parallelStream().map(f).toList();
  }

  private static Excess excessOf(LineSource rule, String path, Space s, boolean verified) {
    return new Excess(rule, path, Describe.beyond(s), Describe.example(s), verified);
  }

  /** Shadowed and redundant lines on the analysed paths; lines in chains no path reaches are shadowed. */
  static List<RuleFinding> ruleFindings(Acl acl, Evaluator base, Set<String> paths) {
    return ruleFindings(acl, base, paths, true);
  }

  /** What one line's evaluations found; applied to the findings in the lines' order. */
  private sealed interface LineAnalysis {
    /** Its interfaces are not those of the flows: it applies to other traffic. */
    record OtherTraffic() implements LineAnalysis {}
    record Shadowed(RuleFinding finding) implements LineAnalysis {}
    /** Reached; {@code redundant} null when its redundancy is not judged (it passes packets on, or is doubted). */
    record Reached(RuleFinding redundant, boolean judged) implements LineAnalysis {}
  }

  static List<RuleFinding> ruleFindings(Acl acl, Evaluator base, Set<String> paths, boolean parallel) {
    Map<LineSource, RuleFinding> shadowed = new LinkedHashMap<>(), redundant = new LinkedHashMap<>();
    Set<LineSource> decisive = new java.util.HashSet<>();
    for (String path : paths) {
      List<Stage> stages = stagesOf(acl, path);
      Set<String> chains = reachable(acl, path);
      Set<String> aux = auxiliary(acl, path);
      for (String c : chains) {
        List<AclLine> lines = acl.chains().get(c).lines();
        // each line's evaluations depend on the ruleset alone: they run on every core; what they found is applied
        // below in the lines' order, exactly as one line after the other (a line found decisive by an earlier
        // line of the same source is skipped there, its analysis unused)
        List<Integer> todo = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) if (!(lines.get(i).action() instanceof Action.Continue) && !decisive.contains(lines.get(i).source())) todo.add(i);
        List<LineAnalysis> found = inOrder(todo, parallel, i -> analyse(base, stages, path, aux.contains(c), lines, i));
        for (int k = 0; k < todo.size(); k++) {
          AclLine l = lines.get(todo.get(k));
          if (decisive.contains(l.source())) continue;
          switch (found.get(k)) {
            case LineAnalysis.OtherTraffic o -> { }
            case LineAnalysis.Shadowed x -> shadowed.putIfAbsent(l.source(), x.finding());
            case LineAnalysis.Reached r -> {
              decisive.add(l.source());
              shadowed.remove(l.source());
              if (!r.judged()) continue;
              if (r.redundant() != null) redundant.putIfAbsent(l.source(), r.redundant());
              else redundant.remove(l.source());
            }
          }
        }
      }
    }
    List<RuleFinding> out = new ArrayList<>(shadowed.values());
    for (var r : redundant.values()) if (!shadowed.containsKey(r.rule())) out.add(r);
    return out;
  }

  /** Whether line {@code i} of a chain is reached on {@code path}, and if it is whether it is redundant. */
  private static LineAnalysis analyse(Evaluator ev, List<Stage> stages, String path, boolean auxChain, List<AclLine> lines, int i) {
    AclLine l = lines.get(i);
    Space m = ev.effective(l);
    Map<AclLine, Space> hits = new IdentityHashMap<>();
    // a line that only passes packets on (a call, a goto, a return) needs only to be reached; a deciding line its whole hit
    if (!m.isEmpty()) (l.action().terminal() ? ev.recordingHits(hits) : ev.recordingFirstHit(hits, l)).evaluate(stages, m);
    Space hit = hits.get(l);
    if ((hit == null || hit.isEmpty()) && m.isEmpty() && !l.match().isEmpty()) return new LineAnalysis.OtherTraffic();
    if (hit == null || hit.isEmpty()) {
      List<LineSource> by = new ArrayList<>();
      for (int k = 0; k < i && by.size() < 3; k++) if (!(lines.get(k).action() instanceof Action.Continue) && ev.effective(lines.get(k)).intersects(m)) by.add(lines.get(k).source());
      return new LineAnalysis.Shadowed(new RuleFinding(RuleFinding.Kind.SHADOWED, l.source(), path, by,
          m.isEmpty() ? "matches nothing" : "earlier lines decide every packet it matches"));
    }
    if (!l.action().terminal() || l.doubt().isPresent() || auxChain && l.action() instanceof Action.Accept) return new LineAnalysis.Reached(null, false); // a doubted line is read as not matching: its redundancy cannot be judged
    boolean accept = l.action() instanceof Action.Accept;
    Set<LineSource> by = new LinkedHashSet<>();
    boolean sure = true;
    List<Decision> without = ev.skipping(l, !accept).evaluate(stages, hit); // null: some packet would be decided otherwise
    if (without == null) return new LineAnalysis.Reached(null, true);
    for (Decision x : without) {
      sure &= !x.undetermined();
      if (by.size() < 3) by.add(x.rule());
    }
    return new LineAnalysis.Reached(new RuleFinding(RuleFinding.Kind.REDUNDANT, l.source(), path, List.copyOf(by),
        "without it the same packets are " + (accept ? "accepted" : "blocked") + " anyway", sure), true);
  }
}
