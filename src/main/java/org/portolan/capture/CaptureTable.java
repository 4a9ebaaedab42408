package org.portolan.capture;

import static org.portolan.output.FixedColumns.left;
import static org.portolan.output.FixedColumns.rest;
import static org.portolan.output.FixedColumns.right;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.portolan.output.FixedColumns;

/** Renders a capture result as plain-text tables for people: attempts, flows, unexplained. */
public final class CaptureTable {
  private CaptureTable() {}

  /** Beyond this many, flows not seen are counted, not listed (a site plan has hundreds). */
  static final int MAX_NOT_SEEN_LISTED = 20;

  public static void write(CaptureResult r, PrintWriter out) {
    Stream s = open(out);
    r.attempts().forEach(s::attempt);
    s.finish(r);
  }

  /** Attempt rows: packet, attempt, service, outcome, retransmits, flow. */
  private static final FixedColumns ATTEMPTS = FixedColumns.of(left(8), left(40), left(9), left(11), right(4), rest(2));
  /** Unexplained rows: packet, attempt, service, outcomes. */
  private static final FixedColumns UNEXPLAINED = FixedColumns.of(left(8), left(40), left(9), rest(1));

  public static Stream open(PrintWriter out) {
    out.println(ATTEMPTS.line("PACKET", "ATTEMPT", "PROTO", "OUTCOME", "RETX", "FLOW"));
    return new Stream(out);
  }

  /** A table being written: attempt rows first, then the flow verdicts and unexplained traffic. */
  public static final class Stream {
    private final PrintWriter out;

    private Stream(PrintWriter out) {
      this.out = out;
    }

    public void attempt(Attempt a) {
      out.println(ATTEMPTS.line(a.firstPacket(), a.src() + " > " + a.dst(), a.proto() + "/" + a.port(),
          a.outcome().keyword(), a.retransmits(), a.flow().orElse("-") + (a.viaEpm() > 0 ? " (port from endpoint mapper, packet " + a.viaEpm() + ")" : "")));
    }

    public void finish(CaptureResult r) {
      CaptureStats s = r.stats();
      out.printf(Locale.ROOT, "%n%d packets (%s), %d attempts, %d failed%s%n", s.packets(), s.format(), s.attempts(), s.failed(),
          s.evicted() > 0 ? ", " + s.evicted() + " evicted from the full connection table" : "");
      if (!r.planned()) {
        out.flush();
        return;
      }
      out.printf("%nREQUIRED FLOWS%n");
      List<FlowReport> notSeen = r.flows().stream().filter(f -> f.status() instanceof FlowReport.Status.NotSeen).toList();
      boolean listNotSeen = notSeen.size() <= MAX_NOT_SEEN_LISTED;
      for (FlowReport f : r.flows()) {
        String head = switch (f.status()) {
          case FlowReport.Status.Working w -> "working   ";
          case FlowReport.Status.Failing x -> "FAILING   ";
          case FlowReport.Status.NotSeen n -> "not seen  ";
        };
        if (f.status() instanceof FlowReport.Status.NotSeen && !listNotSeen) continue;
        out.printf(Locale.ROOT, "%s %s  (%s %s > %s, %d %s)%n", head, f.flow(), f.proto() + (f.ports().isEmpty() ? "" : "/" + f.ports()), f.src(), f.dst(),
            f.attempts(), f.attempts() == 1 ? "attempt" : "attempts");
        if (f.status() instanceof FlowReport.Status.Failing x) {
          out.printf("           %s%n", x.reason());
          for (Attempt a : x.evidence())
            out.printf(Locale.ROOT, "           packet %d: %s > %s/%d %s, %d retransmits; %s; packets %s%n", a.firstPacket(), a.src(), a.dst(), a.port(),
                a.outcome().keyword(), a.retransmits(), a.detail(), a.packets());
        }
      }
      if (!listNotSeen) out.printf("not seen   %d more required flows have no attempt in this trace (listed with --format json)%n", notSeen.size());
      out.printf("%nUNEXPLAINED (no required flow covers it)%n");
      if (r.unexplained().isEmpty()) out.println("none");
      for (Unexplained u : r.unexplained()) {
        StringBuilder o = new StringBuilder();
        for (Map.Entry<AttemptOutcome, Integer> e : new TreeMap<>(u.outcomes()).entrySet())
          o.append(o.isEmpty() ? "" : ", ").append(e.getValue()).append(' ').append(e.getKey().keyword());
        out.println(UNEXPLAINED.line(u.firstPacket(), u.src() + " > " + u.dst(), u.proto() + "/" + u.port(), o));
      }
      if (s.unexplainedOverflow() > 0) out.printf("… and %d more unexplained attempts not listed%n", s.unexplainedOverflow());
      out.flush();
    }
  }
}
