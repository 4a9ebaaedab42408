package org.portolan.verify;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.portolan.ingest.acl.Acl;
import org.portolan.ingest.acl.AclLine;
import org.portolan.ingest.acl.Box;
import org.portolan.ingest.acl.LineSource;
import org.portolan.ingest.acl.Space;
import org.portolan.ingest.acl.Stage;
import org.portolan.plan.Flow;

/**
 * The exact evaluation verify uses, opened for the change stage: where a flow is placed, its
 * packets as a header space, and which line decides each part of a space on a path. The
 * same code answers verify's verdicts, so change and verify cannot disagree.
 */
public final class Exact {
  private Exact() {}

  /** Where a flow is evaluated: the path and the interfaces it enters and leaves by, when known. */
  public record Placed(String path, Optional<String> in, Optional<String> out, boolean loopback) {
    /** The same placement for the reply direction. */
    public Placed reply() {
      return new Placed(Verifier.returnPath(path), out, in, loopback);
    }
  }

  /** A part of a space and what the path decides for it, by which line. */
  public record Part(Space space, boolean accept, LineSource rule) {}

  /** Where a placed flow is evaluated: the same path and interfaces verify takes for it. */
  public static Placed place(Acl acl, org.portolan.plan.FirewallPlacement.PlacedFlow placed, VerifyOptions opt) {
    Optional<String> in = opt.in(), out = opt.out();
    if (placed.crossing() instanceof org.portolan.plan.FirewallPlacement.Crossing.Through t) {
      in = Optional.of(t.in());
      out = Optional.of(t.out());
    }
    String path = Verifier.choosePath(acl, placed.flow(), placed.crossing(), opt.withInterfaces(in, out));
    return new Placed(path, in, out, placed.flow().loopback() || path.equals("loopback"));
  }

  /** The flow's new-connection packets (Linux ephemeral client ports), in the families the ruleset speaks for. */
  public static Space newPackets(Acl acl, Flow f) {
    Space all = Verifier.flowSpace(f, Verifier.EPHEMERAL, null);
    List<Box> keep = new ArrayList<>();
    for (Box b : all.boxes()) if (acl.families().contains(b.family())) keep.add(b);
    return keep.size() == all.boxes().size() ? all : Space.union(keep);
  }

  /** Decides parts of spaces on paths of one ruleset; evaluators (and their chain indexes) are kept per placement. */
  public static final class Session {
    private final Acl acl;
    private final Map<Context, Evaluator> evaluators = new java.util.HashMap<>();

    public Session(Acl acl) {
      this.acl = acl;
    }

    /** Decides every packet of {@code s} on the placed path; {@code hits}, when not null, receives what reaches and matches each line. */
    public List<Part> decide(Placed p, Space s, Map<AclLine, Space> hits) {
      Context c = new Context(p.in(), p.out(), p.loopback());
      Evaluator ev = evaluators.computeIfAbsent(c, k -> new Evaluator(acl, k));
      if (hits != null) ev = ev.recordingHits(hits);
      List<Part> out = new ArrayList<>();
      for (Decision d : ev.evaluate(Verifier.stagesOf(acl, p.path()), s)) out.add(new Part(d.space(), d.accept(), d.rule()));
      return out;
    }

    /** The line's match with its interface conditions decided for the placement. */
    public Space effective(Placed p, AclLine line) {
      Context c = new Context(p.in(), p.out(), p.loopback());
      return evaluators.computeIfAbsent(c, k -> new Evaluator(acl, k)).effective(line);
    }
  }

  /** Reply packets of new-connection packets: addresses and ports swapped, state established. */
  public static Space replies(Space s) {
    return Verifier.reverse(s);
  }

  /** The same packets in another conntrack state ({@code -1}: any state). */
  public static Space withState(Space s, int state) {
    return Verifier.withState(s, state);
  }

  public static List<Stage> stages(Acl acl, String path) {
    return Verifier.stagesOf(acl, path);
  }

  /** Chains a path can reach, in call order. */
  public static Set<String> reachable(Acl acl, String path) {
    return Verifier.reachable(acl, path);
  }
}
