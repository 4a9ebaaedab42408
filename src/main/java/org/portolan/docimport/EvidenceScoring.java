package org.portolan.docimport;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.portolan.docimport.PortEvidence.Against;
import org.portolan.docimport.PortEvidence.AgainstClue;
import org.portolan.docimport.PortEvidence.Candidate;
import org.portolan.docimport.PortEvidence.Clue;
import org.portolan.docimport.PortEvidence.Decision;
import org.portolan.docimport.PortEvidence.ExampleClue;
import org.portolan.docimport.PortEvidence.Place;
import org.portolan.docimport.PortEvidence.PortClue;
import org.portolan.docimport.PortEvidence.Strength;
import org.portolan.docimport.PortEvidence.Tier;
import org.portolan.docimport.PortEvidence.TransportClue;
import org.portolan.model.PortRange;
import org.portolan.model.PortTerm;
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

  /**
   * A structured reader's reading of one port term at a line, with what the sweep read there:
   * {@code atLine} its candidates at the line (their sentences, clues and transports), {@code
   * atLineAndBlock} those and the candidates of the code block the reader read the rule from; and
   * what the page says about the port elsewhere: {@code negatedInSection} the page's negation of
   * it under the same heading (or {@code null}), whether the page states UDP only ({@code
   * udpElsewhere}) or TCP ({@code tcpElsewhere}) for ports that hold it.
   *
   * @param term the term read, or {@code null} for an ICMP service
   * @param guessedTransport the reader gave TCP without the page saying so (its own note says it)
   * @param guessedDynamic the reader gave a dynamic range the page does not name
   */
  record Reading(int line, Protocol protocol, PortTerm term, boolean guessedTransport, boolean guessedDynamic, List<Candidate> atLine,
      List<Candidate> atLineAndBlock, String negatedInSection, boolean udpElsewhere, boolean tcpElsewhere) {
    Reading {
      Objects.requireNonNull(protocol, "protocol");
      atLine = List.copyOf(atLine);
      atLineAndBlock = List.copyOf(atLineAndBlock);
    }
  }

  /**
   * The same decision for a number a structured reader (a table, list, sentence or code reader)
   * read: its reading stands, as the reader read it, unless the sweep's evidence for the same
   * line and number, or the page's, speaks against it. Returns why it does not stand, or {@code
   * null}. Against it: a negation at the line (ICMP too); a dynamic range the page does not name;
   * a guessed TCP where the page states UDP only; a transport the page attaches to the port at the
   * line that is not the reader's; evidence against that vetoes (a version, a time, "removed"),
   * also at one end of a range; a form that is no fixed port; an example; a small number with no
   * strong port clue; the page's negation of the port under the same heading.
   */
  static String decideReading(Reading r) {
    if (r.protocol() instanceof Protocol.Icmp) {
      for (Candidate c : r.atLine()) if (vetoing(c) instanceof AgainstClue a && a.kind() == Against.NEGATION) return "the line is negated";
      return null;
    }
    if (r.term() instanceof PortTerm.Dynamic && r.guessedDynamic()) return "the page says \"dynamic\" without a range; the range would be a guess";
    if (r.term() instanceof PortTerm.Dynamic)
      // "135, 49152-65535 … the RPC dynamic range": the page states the range itself; a named dynamic range beside it says it twice.
      for (Candidate c : r.atLine())
        if (c.ports().size() >= STATED_RANGE && decide(c) instanceof Decision.Take) return "the line states the range itself (" + c.ports().notation() + ")";
    if (!(r.term() instanceof PortTerm.Fixed f)) return null;
    PortRange range = f.range();
    if (r.protocol() instanceof Protocol.Tcp && r.guessedTransport() && r.udpElsewhere() && !r.tcpElsewhere())
      // "the media ports 9000-9398" beside "9000-10999 UDP": the page's own statement of the transport, not a guessed TCP.
      return "the page states UDP, not TCP, for these ports elsewhere; TCP would be a guess";
    if (r.protocol() instanceof Protocol.Tcp || r.protocol() instanceof Protocol.Udp) {
      // "137, 138 (UDP)<br>139, 445 (TCP)": the transports written onto a port at the line are its own.
      Set<Protocol> attached = new LinkedHashSet<>();
      for (Candidate c : r.atLine()) {
        if (!c.ports().equals(range) || c.clues().stream().anyMatch(k -> k instanceof AgainstClue)) continue;
        TransportClue t = nearestTransport(c.clues());
        if (t != null && t.tier() == Tier.ATTACHED) attached.addAll(t.protocols());
        // "TCP/UDP¹" beside rows of the port's own: the sweep's resolution of the marked cell.
        if (t != null && t.tier() == Tier.FOOTNOTE && !t.protocols().contains(r.protocol())) return t.cue();
      }
      if (!attached.isEmpty() && !attached.contains(r.protocol()))
        return "the page attaches " + attached.stream().map(Protocol::keyword).sorted().collect(Collectors.joining("/")).toUpperCase(Locale.ROOT)
            + ", not " + r.protocol().keyword().toUpperCase(Locale.ROOT) + ", to this port at this line";
      if (attached.isEmpty() && !r.guessedTransport()) {
        // "67 (UDP), 69 (UDP), 111, 2049" under "TCP unless UDP is indicated": the UDP written onto 67 and 69 is not 111's.
        Set<Protocol> stated = new LinkedHashSet<>();
        for (Candidate c : r.atLine()) {
          // A year-like number ("2049") is still read; only decisive evidence against leaves the sweep's transport out.
          if (!c.ports().equals(range) || c.clues().stream().anyMatch(k -> k instanceof AgainstClue a && !a.soft())) continue;
          TransportClue t = nearestTransport(c.clues());
          if (t != null) stated.addAll(t.protocols());
        }
        if (!stated.isEmpty() && !stated.contains(r.protocol()) && attachedToOthers(r.atLine(), range, r.protocol()))
          return "the page writes " + r.protocol().keyword().toUpperCase(Locale.ROOT) + " onto other ports of this line, and states "
              + stated.stream().map(Protocol::keyword).sorted().collect(Collectors.joining("/")).toUpperCase(Locale.ROOT) + " for this one";
      }
    }
    String why = null;
    for (Candidate c : r.atLine()) {
      if (vetoing(c) == null) continue;
      if (c.ports().equals(range)) why = reason(c);
      // "5:14:37 AM" read as the range 5-14: an end that is no port makes no range.
      else if (why == null && range.from() != range.to() && c.ports().from() == c.ports().to()
          && (c.ports().from() == range.from() || c.ports().from() == range.to()) && notAPort(c))
        why = "an end of the range is no port: " + reason(c);
    }
    if (why == null) why = formAtLine(range, r.atLine());
    if (why == null) why = againstAtLine(r.protocol(), range, r.atLineAndBlock(), r.guessedTransport());
    if (why == null) why = r.negatedInSection();
    return why;
  }

  /** A range of at least this many ports, stated with its numbers, is the page's own statement of a dynamic range. */
  static final int STATED_RANGE = 1000;

  /** Another number of the line than {@code range} has {@code protocol} written onto it ("67 (UDP)"). */
  private static boolean attachedToOthers(List<Candidate> atLine, PortRange range, Protocol protocol) {
    for (Candidate o : atLine) {
      if (o.ports().equals(range)) continue;
      for (Clue k : o.clues())
        if (k instanceof TransportClue t && t.tier() == Tier.ATTACHED && t.protocols().contains(protocol)) return true;
    }
    return false;
  }

  /** The first clue of {@code c} that also takes away a reader's reading at its place, or {@code null}. */
  private static AgainstClue vetoing(Candidate c) {
    for (Clue k : c.clues()) if (k instanceof AgainstClue a && a.kind().vetoes) return a;
    return null;
  }

  /**
   * A reader's fixed port that the sweep reads, at the same line, as a form that is no fixed port:
   * a bound ("Random above 1024"), port 0 ("0 picks a free port"), a formula, the start of an
   * open-ended range. A reader that read the form as what it is wrote another term (1025+), so
   * a fixed port here is a misreading.
   */
  private static String formAtLine(PortRange r, List<Candidate> atLine) {
    for (Candidate c : atLine) {
      if (!c.ports().equals(r)) continue;
      for (Clue k : c.clues())
        if (k instanceof AgainstClue a && a.kind() == Against.FORM) return a.cue();
    }
    return null;
  }

  /**
   * What the sweep's reading of the same line says against a reader's fixed port: the line gives
   * it as an example ("for example, on port 9901"); it is a small number with no strong port
   * clue (a page number, a list mark); or the reader's transport is one the sentence does not
   * state for it ("ports 80 and 443 and the UDP range 16384-32768": UDP is the range's).
   */
  private static String againstAtLine(Protocol protocol, PortRange r, List<Candidate> atLine, boolean guessedTcp) {
    boolean single = r.from() == r.to();
    boolean strong = false;
    for (Candidate c : atLine) {
      if (!c.ports().equals(r)) continue;
      for (Clue k : c.clues()) {
        if (k instanceof ExampleClue e && (EXAMPLE_SENTENCE.matcher(c.sentence()).find() || e.cue().startsWith(PortSweep.COMMENT_ABOVE)
            || e.cue().startsWith(PortSweep.UNDER_EXAMPLE_HEADING) || e.cue().startsWith(PortSweep.EXAMPLE_VALUE))) return "the page gives it as an example (" + e.cue() + ")";
        if (k instanceof PortClue p && p.strength() == Strength.STRONG) strong = true;
      }
      if (exampleAddressOnly(c))
        // "… must be listed in X, for example X=hdfs://nn1.com:8032,webhdfs://nn3.com:50070": other systems' addresses in an example.
        return "the page gives it only as the port of an address in an example";
      if (!guessedTcp && (c.place() == Place.PROSE || c.place() == Place.LIST_ITEM)
          && (protocol instanceof Protocol.Tcp || protocol instanceof Protocol.Udp)) {
        TransportClue t = nearestTransport(c.clues());
        if (t == null && protocol instanceof Protocol.Udp && attachedElsewhere(atLine, c, protocol))
          return "the sentence states " + protocol.keyword().toUpperCase(java.util.Locale.ROOT) + " for another of its ports, not for this one";
      }
    }
    if (single && r.from() < PortSweep.SMALL && !strong) return "a small number with no port word, transport or port column beside it";
    return null;
  }

  /** The sweep's only strong reading of the number is the port of an address (host:port), and the sentence gives an example. */
  private static boolean exampleAddressOnly(Candidate c) {
    boolean example = false;
    boolean host = false;
    for (Clue k : c.clues()) {
      if (k instanceof ExampleClue) example = true;
      if (k instanceof PortClue p && p.strength() == Strength.STRONG) {
        if (!p.kind().equals("host")) return false;
        host = true;
      }
    }
    return example && host;
  }

  /**
   * A sentence that is an example as a whole ("For example, to move it to port 9901:"), says
   * any port will do ("any port of the range will do"), or shows by example how to write ports
   * into a field ("specified ports separated by commas (for example 10, 20, 30)", "a
   * comma-separated list such as 80,443"); not one that only mentions an example of something
   * else beside a port.
   */
  private static final Pattern EXAMPLE_SENTENCE = Pattern.compile(
      "(?i)^\\W*(?:for\\s+(?:example|instance)|e\\.\\s?g\\.)|\\bany\\s+(?:other\\s+)?port\\s+(?:of|in|from|within)\\s+(?:the|that|this)\\s+range|\\b(?:any|whichever)\\s+[a-z ]{0,30}\\bwill\\s+do\\b"
          + "|\\bseparated\\s+(?:by|with)\\s+(?:a\\s+)?(?:commas?|spaces?|semicolons?|dashes|hyphens?)\\b|\\b(?:comma|space|semicolon)[-\\s]separated\\b"
          + "|\\b(?:in\\s+the\\s+(?:format|form|syntax)|(?:the\\s+)?syntax\\s+(?:is|of))\\b");

  /** Another number of the same line has {@code protocol} attached to it ("the UDP port range 16384-32768"). */
  private static boolean attachedElsewhere(List<Candidate> atLine, Candidate self, Protocol protocol) {
    for (Candidate o : atLine) {
      if (o == self || o.ports().equals(self.ports())) continue;
      for (Clue k : o.clues())
        if (k instanceof TransportClue t && t.tier() == Tier.ATTACHED && t.protocols().contains(protocol)) return true;
    }
    return false;
  }

  /** Whether the sweep found {@code c} to be no port at all (a time, a date, a version), not only a port not to open. */
  private static boolean notAPort(Candidate c) {
    for (Clue k : c.clues()) if (k instanceof AgainstClue a && a.kind() == Against.NOT_A_PORT) return true;
    return false;
  }

  private static String reason(Candidate c) {
    AgainstClue a = vetoing(c);
    return a == null ? "" : a.cue();
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
