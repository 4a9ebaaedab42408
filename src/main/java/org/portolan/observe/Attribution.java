package org.portolan.observe;

import org.portolan.attribution.Attributor;
import org.portolan.attribution.Ip;

/**
 * One worker's attribution: each record to the required flows it serves (through the shared
 * {@link Attributor}, as capture does), or to an unexplained group; tallied into its own
 * {@link Aggregate}. Not thread-safe: one per worker.
 *
 * <p>Flow logs record each direction (VPC, NetFlow): a record that matches no flow but whose
 * reverse does (responder to initiator, from a required port) is that flow's reply — counted
 * as the flow's traffic (accepted, denied or unknown as the log says) and as a reply. An
 * unexplained record from a port below 1024 to one at or above it is taken as the reply of an
 * unexplained service on the lower port and grouped under that service, marked as replies
 * (a heuristic; the draft says so).
 */
final class Attribution {
  private final Attributor attributor;
  private final Naming naming;
  private final Window window;
  final Aggregate aggregate;

  Attribution(Attributor attributor, Naming naming, Window window) {
    this.attributor = attributor;
    this.naming = naming;
    this.window = window;
    this.aggregate = new Aggregate(attributor.flows().size());
  }

  void accept(LogRecord r, int fileIndex, String file) {
    Aggregate a = aggregate;
    a.records++;
    if (window.bounded()) {
      if (r.time() == LogRecord.NO_TIME) {
        a.untimed++;
        return;
      }
      if (r.end() < window.since() || r.time() >= window.until()) {
        a.outsideWindow++;
        return;
      }
    }
    if (r.time() != LogRecord.NO_TIME) {
      a.first = Math.min(a.first, r.time());
      a.last = Math.max(a.last, r.end());
    }
    a.rule(r.device(), r.rule(), r.action());
    long position = Aggregate.position(fileIndex, r.line());
    boolean ported = r.proto() == Attributor.TCP || r.proto() == Attributor.UDP;
    Attributor.Match m = attributor.match(r.srcHi(), r.srcLo(), r.dstHi(), r.dstLo(), r.proto(), ported ? r.dstPort() : 0);
    boolean reply = false;
    if (!m.explained() && ported) {
      m = attributor.match(r.dstHi(), r.dstLo(), r.srcHi(), r.srcLo(), r.proto(), r.srcPort());
      reply = m.explained();
    }
    if (m.explained()) {
      a.explained++;
      for (int i : m.flows()) flow(a.flows[i], r, reply, position, file);
      return;
    }
    boolean lowerReply = ported && r.srcPort() < 1024 && r.dstPort() >= 1024;
    int port = ported || r.proto() == 132 ? (lowerReply ? r.srcPort() : r.dstPort()) : 0;
    Aggregate.GroupKey k = lowerReply
        ? new Aggregate.GroupKey(naming.source(r.dstHi(), r.dstLo()), naming.destination(r.srcHi(), r.srcLo()), r.proto(), port)
        : new Aggregate.GroupKey(naming.source(r.srcHi(), r.srcLo()), naming.destination(r.dstHi(), r.dstLo()), r.proto(), port);
    Aggregate.Group g = a.group(k);
    if (g == null) return;
    g.add(r, lowerReply);
    if (position < g.firstPosition) {
      g.firstPosition = position;
      g.example = file + ":" + r.line() + " " + Ip.text(r.srcHi(), r.srcLo()) + ":" + r.srcPort() + " -> " + Ip.text(r.dstHi(), r.dstLo()) + ":"
          + r.dstPort();
    }
  }

  private static void flow(Aggregate.PerFlow f, LogRecord r, boolean reply, long position, String file) {
    f.add(r, reply);
    if (r.action() != Action.DENY) return;
    f.denials.merge(r.device() + "\u0000" + r.rule(), r.records(), Long::sum);
    if (f.evidence.size() < Aggregate.EVIDENCE || position < f.evidence.lastKey()) {
      f.evidence.put(position, new Aggregate.Evidence(file, r.line(), r.src(), r.srcPort(), r.dst(), r.dstPort(), r.device(), r.rule()));
      Aggregate.trim(f.evidence, Aggregate.EVIDENCE);
    }
  }
}
