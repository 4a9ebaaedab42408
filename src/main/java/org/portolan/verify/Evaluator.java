package org.portolan.verify;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.portolan.ingest.acl.Acl;
import org.portolan.ingest.acl.AclLine;
import org.portolan.ingest.acl.Action;
import org.portolan.ingest.acl.Box;
import org.portolan.ingest.acl.Chain;
import org.portolan.ingest.acl.InterfaceMatch;
import org.portolan.ingest.acl.LineSource;
import org.portolan.ingest.acl.Ranges;
import org.portolan.ingest.acl.Space;
import org.portolan.ingest.acl.Stage;

/**
 * Pushes a header space through an ACL path exactly: first match per chain, calls and gotos
 * into user chains, returns, policies, and several stages that must all accept. The result
 * partitions the input space into decided parts, each attributed to the deciding line.
 */
final class Evaluator {
  static final int MAX_DEPTH = 64;
  private static final Space NEW_STATE = org.portolan.ingest.acl.Match.any().state(org.portolan.ingest.acl.Ranges.single(Box.NEW), false).build();

  private final Acl acl;
  private final Context context;
  private final Map<AclLine, Space> matchCache;
  private final Map<String, ChainIndex> indexes;
  /** When not null, the space that reached and matched each line. */
  private final Map<AclLine, Space> hits;
  /** A line to read as absent (redundancy check). */
  private final AclLine skipped;
  /** When not null, evaluation stops (and {@link #evaluate} gives null) at the first final decision that accepts (true) or denies (false). */
  private final Boolean stopOn;
  /** When not null, evaluation stops (and {@link #evaluate} gives null) once this line has a hit. */
  private final AclLine stopAt;

  Evaluator(Acl acl, Context context) {
    // shared by the threads that give verdicts: the line-match cache is synchronized (it is off
    // the hot path: a chain's index keeps the matches once built), the chain indexes concurrent
    this(acl, context, java.util.Collections.synchronizedMap(new IdentityHashMap<>()), new java.util.concurrent.ConcurrentHashMap<>(), null, null, null, null);
  }

  private Evaluator(Acl acl, Context context, Map<AclLine, Space> matchCache, Map<String, ChainIndex> indexes, Map<AclLine, Space> hits, AclLine skipped, Boolean stopOn, AclLine stopAt) {
    this.acl = acl;
    this.context = context;
    this.matchCache = matchCache;
    this.indexes = indexes;
    this.hits = hits;
    this.skipped = skipped;
    this.stopOn = stopOn;
    this.stopAt = stopAt;
  }

  /** The same evaluator (sharing its caches) recording into {@code hits} the space that reaches and matches each line. */
  Evaluator recordingHits(Map<AclLine, Space> hits) {
    return new Evaluator(acl, context, matchCache, indexes, hits, skipped, stopOn, null);
  }

  /**
   * Records hits into {@code hits} and stops at the first hit on {@code line} ({@link #evaluate}
   * then gives null): whether a line is reached at all, without following what it passes on.
   * A line that calls a chain with everything would otherwise be followed through the whole
   * called chain, its space fragmenting at every line.
   */
  Evaluator recordingFirstHit(Map<AclLine, Space> hits, AclLine line) {
    return new Evaluator(acl, context, matchCache, indexes, hits, skipped, null, line);
  }

  /** The same evaluator reading {@code line} as absent. */
  Evaluator skipping(AclLine line) {
    return new Evaluator(acl, context, matchCache, indexes, null, line, null, null);
  }

  /**
   * The same evaluator reading {@code line} as absent and giving up as soon as some packet is
   * certain to end accepted ({@code stopOn} true) or denied (false): {@link #evaluate} then gives
   * null. The redundancy check of a broad line needs only that first contrary decision, not the
   * whole fragmented partition of its space by every later line.
   */
  Evaluator skipping(AclLine line, boolean stopOn) {
    return new Evaluator(acl, context, matchCache, indexes, null, line, stopOn, null);
  }

  /** Thrown (preallocated, without a stack trace) to end an evaluation that met its {@link #stopOn} decision. */
  private static final class Stop extends RuntimeException {
    Stop() {
      super(null, null, false, false);
    }
  }

  private static final Stop STOP = new Stop();

  /**
   * Decides every packet of {@code in} along the stages of a path. A packet must be accepted
   * by every stage that sees its family; acceptance is attributed to the last accepting line.
   * A family no stage sees is accepted unfiltered, attributed to line 0 of the file.
   */
  List<Decision> evaluate(List<Stage> stages, Space in) {
    try {
      // a flow's packets start with a mark nothing set (Box.MARK_UNSET); what the path sets is followed, and the decisions
      // are given back over every mark (a packet's header outside its mark never changes, so they stay disjoint)
      List<Decision> marked = evaluateMarked(stages, in.intersect(UNSET_MARK));
      List<Decision> out = new ArrayList<>(marked.size());
      for (Decision d : marked) out.add(d.withSpace(allMarks(d.space())));
      if (stopOn != null) for (Decision x : out) if (x.accept() == stopOn) return null;
      return out;
    } catch (Stop s) {
      return null;
    }
  }

  private static final Space UNSET_MARK = org.portolan.ingest.acl.Match.MARK_DOUBT;

  /** {@code s} with its mark dimension widened to every mark. */
  static Space allMarks(Space s) {
    // every box of a decision has one mark: boxes differ outside it
    return s.replacing(Box.MARK, Box.ALL_MARKS);
  }

  /** {@code s} after {@code set}: each box's marks mapped (a box of many marks, which a path that sets none never has, becomes unknown). */
  static Space setMark(Space s, org.portolan.ingest.acl.Action.SetMark set) {
    Space out = Space.EMPTY;
    for (Box b : s.boxes()) {
      Ranges m = b.get(Box.MARK);
      long to = m.size().equals(java.math.BigInteger.ONE) ? set.apply(m.firstLo()) : set.mask() == 0xFFFF_FFFFL ? set.xor() : Box.MARK_UNSET;
      // one box of one mark each: they differ outside the mark
      out = out.plusDisjoint(Space.of(b).replacing(Box.MARK, Ranges.single(to)));
    }
    return out;
  }

  private List<Decision> evaluateMarked(List<Stage> stages, Space in) {
    List<Decision> out = new ArrayList<>();
    List<Decision> current = List.of(new Decision(in, true, new LineSource(acl.file(), 0, "no rule of this path filters this traffic")));
    for (int si = 0; si < stages.size(); si++) {
      Stage st = stages.get(si);
      // in the last stage every decision a line makes is final: a contrary one can stop the evaluation there
      boolean watch = stopOn != null && si == stages.size() - 1;
      List<Decision> next = new ArrayList<>();
      for (Decision d : current) {
        Space mine = Space.EMPTY, passing = Space.EMPTY;
        for (Box b : d.space().boxes()) {
          if (st.families().contains(b.family())) mine = mine.plusDisjoint(Space.of(b));
          else passing = passing.plusDisjoint(Space.of(b));
        }
        if (st.firstPacketOnly()) { // nat: later packets of a connection skip it
          Space later = mine.minus(NEW_STATE);
          if (!later.isEmpty()) passing = passing.plusDisjoint(later);
          mine = mine.intersect(NEW_STATE);
        }
        if (!passing.isEmpty()) next.add(d.withSpace(passing));
        if (mine.isEmpty()) continue;
        List<Decision> decided = new ArrayList<>();
        List<Taint> taints = new ArrayList<>();
        Space returned = chain(st.chain(), mine, 0, decided, taints, watch);
        if (!returned.isEmpty()) decided.add(policy(acl.chains().get(st.chain()), returned));
        LineSource policy = acl.chains().get(st.chain()).policySource();
        for (Decision x : taints.isEmpty() ? decided : doubt(decided, taints)) {
          // a later stage that passes by its policy leaves the earlier accepting line as the reason
          if (x.accept() && (x.rule() == policy || st.auxiliary()) && (d.rule().line() > 0 || st.auxiliary())) x = new Decision(x.space(), true, d.rule(), x.doubt());
          // after a line whose action is not modelled (DNAT, REDIRECT, NOTRACK… rewrite the packet) a later stage's drop of the
          // packet as it was is no certainty: the packet it sees may differ
          if (x.denied()) out.add(d.undetermined() && d.doubt().get().unknownAction() ? x.doubted(d.doubt().get()) : x);
          else if (x.accept() && d.undetermined() && x.doubt().isEmpty()) next.add(x.doubted(d.doubt().get()));
          else next.add(x); // accepted, or undetermined: a later stage may still drop it for certain
        }
      }
      current = next;
    }
    out.addAll(current);
    return out;
  }

  /** A hit on a line whose match is only an upper bound (or whose action is not modelled); {@code alt}: what the line decides when it does match. */
  private record Taint(Space hit, AclLine line, Boolean alt) {}

  /**
   * The stage's decisions with their doubts: a packet that passed a doubted line (read as not
   * matching) is certain only when every doubted line it passed would have decided the same
   * had it matched (the first one that matches decides). Otherwise it is undetermined, naming
   * the first such line.
   */
  private static List<Decision> doubt(List<Decision> decided, List<Taint> taints) {
    List<Decision> out = new ArrayList<>();
    for (Decision x : decided) {
      Space rest = x.space();
      for (Taint t : taints) {
        if (rest.isEmpty()) break;
        if (t.alt() != null && t.alt() == x.accept()) continue;
        if (!rest.intersects(t.hit())) continue;
        Space ov = rest.intersect(t.hit());
        rest = rest.minus(t.hit());
        out.add(new Decision(ov, x.accept(), x.rule(), Optional.of(doubtOf(t, x))));
      }
      if (!rest.isEmpty()) out.add(x.withSpace(rest));
    }
    return out;
  }

  private static Doubt doubtOf(Taint t, Decision x) {
    String construct = t.line().doubt().orElse(t.line().action() instanceof Action.Unknown u ? u.what() : "a condition that is not modelled");
    String ifMatches = t.alt() == null ? "not modelled" : t.alt() ? "accepted by it" : "blocked by it";
    String otherwise = (x.accept() ? "accepted" : "blocked") + (x.rule().line() > 0 ? " by line " + x.rule().line() : "");
    return new Doubt(t.line().source(), construct, "if line " + t.line().source().line() + " matches: " + ifMatches + "; if not: " + otherwise,
        t.line().action() instanceof Action.Unknown);
  }

  private static Decision policy(Chain base, Space s) {
    Action p = base.policy().orElse(Action.ACCEPT);
    boolean accept = switch (p) {
      case Action.Accept a -> true;
      case Action.Drop d -> false;
      case Action.Reject r -> false;
      case Action.Call c -> throw new IllegalStateException("policy cannot call");
      case Action.Goto g -> throw new IllegalStateException("policy cannot goto");
      case Action.Return r -> throw new IllegalStateException("policy cannot return");
      case Action.Continue c -> throw new IllegalStateException("policy cannot continue");
      case Action.Unknown u -> throw new IllegalStateException("policy cannot be unknown");
    };
    return new Decision(s, accept, base.policySource());
  }

  private static Space unknownMark(Space s) {
    return s.replacing(Box.MARK, Ranges.single(Box.MARK_UNSET));
  }

  /** Evaluates one chain; decided parts go to {@code out}; returns what the chain returns. */
  private Space chain(String name, Space in, int depth, List<Decision> out, List<Taint> taints, boolean watch) {
    if (depth > MAX_DEPTH) throw new IllegalStateException("chain calls nest deeper than " + MAX_DEPTH + " at " + name + " (a loop?)");
    Chain c = acl.chains().get(name);
    if (c == null) throw new IllegalStateException("unknown chain " + name);
    ChainIndex index = indexes.computeIfAbsent(name, k -> new ChainIndex(c, this::effective));
    long[] candidates = index.candidates(in), near = index.nearDestination(in);
    Space rest = in, returned = Space.EMPTY;
    for (int li = ChainIndex.next(candidates, near, 0); li >= 0; li = ChainIndex.next(candidates, near, li + 1)) {
      AclLine line = c.lines().get(li);
      if (rest.isEmpty()) break;
      if (line == skipped) continue;
      Space m = index.match(li);
      if (m.isEmpty() || !rest.intersects(m)) continue;
      Space hit = rest.intersect(m);
      if (hit.isEmpty()) continue;
      if (hits != null) hits.merge(line, allMarks(hit), Space::plusDisjoint);
      if (line == stopAt) throw STOP;
      if (line.rate().isPresent() && !line.rate().get().firstConnectionMatches()) continue; // over the rate: not the first connection
      if (line.action() instanceof Action.Unknown) { taints.add(new Taint(hit, line, null)); continue; }
      Space unsure = line.doubt().isPresent() && !(line.action() instanceof Action.Continue) ? hit.intersect(line.doubtRegion()) : Space.EMPTY;
      if (!unsure.isEmpty()) {
        // may or may not match: read as not matching, and remember what it would decide
        taints.add(new Taint(unsure, line, switch (line.action()) {
          case Action.Accept a -> Boolean.TRUE;
          case Action.Drop x -> Boolean.FALSE;
          case Action.Reject x -> Boolean.FALSE;
          case Action.Call x -> null;
          case Action.Goto x -> null;
          case Action.Return x -> null;
          case Action.Continue x -> null;
          case Action.Unknown x -> null;
        }));
        hit = hit.minus(line.doubtRegion());
        if (hit.isEmpty()) continue;
        m = hit; // only the certain part is taken from what goes on
      }
      switch (line.action()) {
        case Action.Accept a -> { if (watch && stopOn) throw STOP; rest = rest.minus(m); out.add(new Decision(hit, true, line.source())); }
        case Action.Drop d -> { if (watch && !stopOn) throw STOP; rest = rest.minus(m); out.add(new Decision(hit, false, line.source())); }
        case Action.Reject r -> { if (watch && !stopOn) throw STOP; rest = rest.minus(m); out.add(new Decision(hit, false, line.source())); }
        case Action.Call call -> {
          rest = rest.minus(m);
          rest = rest.plusDisjoint(chain(call.chain(), hit, depth + 1, out, taints, watch));
        }
        case Action.Goto g -> {
          rest = rest.minus(m);
          returned = returned.plusDisjoint(chain(g.chain(), hit, depth + 1, out, taints, watch));
        }
        case Action.Return r -> { rest = rest.minus(m); returned = returned.plusDisjoint(hit); }
        case Action.Continue k -> {
          if (k.mark().isPresent()) {
            // the mark is set for what follows; where the line is doubted, whether it was set is not known
            Space doubted = line.doubt().isPresent() ? hit.intersect(line.doubtRegion()) : Space.EMPTY;
            Space sure = doubted.isEmpty() ? hit : hit.minus(doubted);
            rest = rest.minus(hit).plusDisjoint(setMark(sure, k.mark().get())).plusDisjoint(unknownMark(doubted));
          }
        }
        case Action.Unknown u -> { }
      }
    }
    return returned.plusDisjoint(rest);
  }

  /** The line's match with its interface conditions decided against the context. */
  Space effective(AclLine line) {
    if (line.in().isEmpty() && line.out().isEmpty()) return line.match();
    return matchCache.computeIfAbsent(line, l -> ifaceOk(l.in(), context.in()) && ifaceOk(l.out(), context.out()) ? l.match() : Space.EMPTY);
  }

  private boolean ifaceOk(Optional<InterfaceMatch> cond, Optional<String> actual) {
    if (cond.isEmpty()) return true;
    if (actual.isPresent()) return cond.get().matches(actual.get());
    if (cond.get().isLoopback()) return context.loopback() != cond.get().negated();
    return true;
  }
}
