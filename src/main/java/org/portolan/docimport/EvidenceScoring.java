package org.portolan.docimport;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.portolan.docimport.PortEvidence.AgainstClue;
import org.portolan.docimport.PortEvidence.Candidate;
import org.portolan.docimport.PortEvidence.Clue;
import org.portolan.docimport.PortEvidence.Decision;
import org.portolan.docimport.PortEvidence.ExampleClue;
import org.portolan.docimport.PortEvidence.PortClue;
import org.portolan.docimport.PortEvidence.Strength;
import org.portolan.docimport.PortEvidence.Tier;
import org.portolan.docimport.PortEvidence.TransportClue;
import org.portolan.model.Protocol;
import org.portolan.model.Service;

/**
 * The one decision on every candidate number, whichever reader found it:
 * <ol>
 *   <li>decisive evidence against (a negation, a version, a date, a size, an octet …) → nothing;
 *   <li>soft evidence against (a year-like or small number) without a strong port clue → nothing;
 *   <li>port weight ≥ {@link #PORT_THRESHOLD} and a stated transport, not in an example → a requirement;
 *   <li>port weight ≥ {@link #PORT_THRESHOLD} without a stated transport, or in an example → a review note
 *       (a guessed transport would be an invented pair);
 *   <li>some port evidence and a stated transport → a review note; less → nothing.
 * </ol>
 * The weights are two: a strong clue weighs {@link Strength#STRONG}, a weak one
 * {@link Strength#WEAK}, and weak clues of one kind count once, so "the sentence speaks of
 * ports" and "the sentence says 'allow'" together reach the threshold while "ports" said twice
 * does not.
 */
final class EvidenceScoring {
  private EvidenceScoring() {}

  /** Port evidence a requirement needs: one strong clue, or weak clues of two different kinds. */
  static final int PORT_THRESHOLD = 2;

  static Decision decide(Candidate c) {
    for (Clue k : c.clues()) if (k instanceof AgainstClue a && !a.soft()) return new Decision.Reject(c, a.cue());
    Map<String, Integer> byKind = new HashMap<>();
    boolean strong = false;
    List<String> cues = new ArrayList<>();
    boolean imagePage = false;
    for (Clue k : c.clues()) {
      if (!(k instanceof PortClue p)) continue;
      if (p.kind().equals(PortSweep.IMAGE)) {
        // A marker of the page, not evidence about the number.
        imagePage = true;
        continue;
      }
      strong |= p.strength() == Strength.STRONG;
      byKind.merge(p.kind(), p.strength().weight, Math::max);
      if (!cues.contains(p.cue())) cues.add(p.cue());
    }
    for (Clue k : c.clues()) if (k instanceof AgainstClue a && !strong) return new Decision.Reject(c, a.cue());
    int weight = byKind.values().stream().mapToInt(Integer::intValue).sum();
    if (weight == 0) return new Decision.Reject(c, "no port evidence");
    TransportClue transport = nearestTransport(c.clues());
    String evidence = String.join(", ", cues);
    for (Clue k : c.clues())
      // "… when -graphiteListenAddr is set, e.g. -graphiteListenAddr=:2003": an example of a listening setting shows where the product listens.
      if (k instanceof ExampleClue e && !byKind.containsKey(PortSweep.LISTEN_ADDRESS)) return new Decision.Review(c, c.ports().notation() + " may be a port (" + evidence + "), but " + e.cue());
    if (weight >= PORT_THRESHOLD && transport != null && c.place() == PortEvidence.Place.CODE && !byKind.containsKey("section")
        && !byKind.containsKey(PortSweep.LISTEN_ADDRESS) && !byKind.containsKey(PortSweep.LISTEN) && !byKind.containsKey(PortSweep.ENTRY)
        && !byKind.containsKey(PortSweep.SRV) && !(imagePage && byKind.containsKey(PortSweep.PUBLISH)))
      // A command or configuration file under a heading that is not about ports is read as an example of its use,
      // unless it binds a listening address or says "listen" right before the number ("--server.endpoint tcp://0.0.0.0:5001",
      // nginx's "listen 443 ssl"): only a server does that; or the entry names its own transport ("port: 3478 / transport: udp"),
      // or it is an SRV record, which publishes where the service is reached, or, on a container image's own page, a published port ("docker run -p 35623:35623/udp").
      return new Decision.Review(c, c.ports().notation() + " is a port in a code block (" + evidence + ") under a heading not about ports");
    if (weight >= PORT_THRESHOLD && transport != null && transport.tier() == Tier.APPLICATION && c.ports().from() != c.ports().to())
      // "CIFS (137-139)": an application protocol names the transport of its own port, not of every port of a range beside it.
      return new Decision.Review(c, c.ports().notation() + " is stated as a port range (" + evidence + ") but only " + transport.cue() + " hints at its transport");
    if (weight >= PORT_THRESHOLD && transport != null) {
      List<Service> services = new ArrayList<>();
      for (Protocol p : ordered(transport.protocols())) services.add(Service.parse(p.keyword() + "/" + c.ports().notation()));
      return new Decision.Take(c, services, evidence + "; transport from " + transport.cue());
    }
    if (weight >= PORT_THRESHOLD) return new Decision.Review(c, c.ports().notation() + " is stated as a port (" + evidence + ") but no transport is stated");
    if (transport != null && transport.tier().compareTo(Tier.SENTENCE) <= 0)
      return new Decision.Review(c, c.ports().notation() + " may be a port (" + evidence + "; " + transport.cue() + ")");
    return new Decision.Reject(c, "weak port evidence only (" + evidence + ")");
  }

  /** The transport of the nearest tier that states one: "53/udp" beats a sentence's "TCP", a row's protocol cell beats the page default. */
  static TransportClue nearestTransport(List<Clue> clues) {
    TransportClue best = null;
    Set<Protocol> union = new LinkedHashSet<>();
    for (Clue k : clues) {
      if (!(k instanceof TransportClue t)) continue;
      if (best == null || t.tier().compareTo(best.tier()) < 0) {
        best = t;
        union.clear();
        union.addAll(t.protocols());
      } else if (t.tier() == best.tier()) union.addAll(t.protocols());
    }
    return best == null ? null : new TransportClue(best.tier(), union, best.cue());
  }

  private static List<Protocol> ordered(Set<Protocol> ps) {
    List<Protocol> out = new ArrayList<>();
    if (ps.contains(Protocol.TCP)) out.add(Protocol.TCP);
    if (ps.contains(Protocol.UDP)) out.add(Protocol.UDP);
    return out;
  }
}
