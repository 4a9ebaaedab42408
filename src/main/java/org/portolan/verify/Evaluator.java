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
import org.portolan.ingest.acl.Space;
import org.portolan.ingest.acl.Stage;

/**
 * Pushes a header space through an ACL path exactly: first match per chain, calls and gotos
 * into user chains, returns, policies, and several stages that must all accept. The result
 * partitions the input space into decided parts, each attributed to the deciding line.
 */
final class Evaluator {
  static final int MAX_DEPTH = 64;

  private final Acl acl;
  private final Context context;
  private final Map<AclLine, Space> matchCache = new IdentityHashMap<>();
  /** When not null, the space that reached and matched each line. */
  private Map<AclLine, Space> hits;
  /** A line to read as absent (redundancy check). */
  private AclLine skipped;

  Evaluator(Acl acl, Context context) {
    this.acl = acl;
    this.context = context;
  }

  Evaluator recordingHits(Map<AclLine, Space> hits) {
    this.hits = hits;
    return this;
  }

  Evaluator skipping(AclLine line) {
    this.skipped = line;
    return this;
  }

  /**
   * Decides every packet of {@code in} along the stages of a path. A packet must be accepted
   * by every stage that sees its family; acceptance is attributed to the last accepting line.
   * A family no stage sees is accepted unfiltered, attributed to line 0 of the file.
   */
  List<Decision> evaluate(List<Stage> stages, Space in) {
    List<Decision> out = new ArrayList<>();
    List<Decision> current = List.of(new Decision(in, true, new LineSource(acl.file(), 0, "no rule of this path filters this traffic")));
    for (Stage st : stages) {
      List<Decision> next = new ArrayList<>();
      for (Decision d : current) {
        Space mine = Space.EMPTY, passing = Space.EMPTY;
        for (Box b : d.space().boxes()) {
          if (st.families().contains(b.family())) mine = mine.plusDisjoint(Space.of(b));
          else passing = passing.plusDisjoint(Space.of(b));
        }
        if (!passing.isEmpty()) next.add(new Decision(passing, true, d.rule()));
        if (mine.isEmpty()) continue;
        List<Decision> decided = new ArrayList<>();
        Space returned = chain(st.chain(), mine, 0, decided);
        if (!returned.isEmpty()) decided.add(policy(acl.chains().get(st.chain()), returned));
        LineSource policy = acl.chains().get(st.chain()).policySource();
        for (Decision x : decided) {
          if (!x.accept()) out.add(x);
          // a later stage that passes by its policy leaves the earlier accepting line as the reason
          else next.add(x.rule() == policy && d.rule().line() > 0 ? new Decision(x.space(), true, d.rule()) : x);
        }
      }
      current = next;
    }
    out.addAll(current);
    return out;
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
    };
    return new Decision(s, accept, base.policySource());
  }

  private final Map<String, ChainIndex> indexes = new java.util.HashMap<>();

  /** Evaluates one chain; decided parts go to {@code out}; returns what the chain returns. */
  private Space chain(String name, Space in, int depth, List<Decision> out) {
    if (depth > MAX_DEPTH) throw new IllegalStateException("chain calls nest deeper than " + MAX_DEPTH + " at " + name + " (a loop?)");
    Chain c = acl.chains().get(name);
    if (c == null) throw new IllegalStateException("unknown chain " + name);
    ChainIndex index = indexes.computeIfAbsent(name, k -> new ChainIndex(c, this::effective));
    long[] candidates = index.candidates(in);
    Space rest = in, returned = Space.EMPTY;
    for (int li = ChainIndex.next(candidates, 0); li >= 0; li = ChainIndex.next(candidates, li + 1)) {
      AclLine line = c.lines().get(li);
      if (rest.isEmpty()) break;
      if (line == skipped) continue;
      Space m = index.match(li);
      if (m.isEmpty() || !rest.intersects(m)) continue;
      Space hit = rest.intersect(m);
      if (hit.isEmpty()) continue;
      if (hits != null) hits.merge(line, hit, Space::plusDisjoint);
      switch (line.action()) {
        case Action.Accept a -> { rest = rest.minus(m); out.add(new Decision(hit, true, line.source())); }
        case Action.Drop d -> { rest = rest.minus(m); out.add(new Decision(hit, false, line.source())); }
        case Action.Reject r -> { rest = rest.minus(m); out.add(new Decision(hit, false, line.source())); }
        case Action.Call call -> {
          rest = rest.minus(m);
          rest = rest.plusDisjoint(chain(call.chain(), hit, depth + 1, out));
        }
        case Action.Goto g -> {
          rest = rest.minus(m);
          returned = returned.plusDisjoint(chain(g.chain(), hit, depth + 1, out));
        }
        case Action.Return r -> { rest = rest.minus(m); returned = returned.plusDisjoint(hit); }
        case Action.Continue k -> { }
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
