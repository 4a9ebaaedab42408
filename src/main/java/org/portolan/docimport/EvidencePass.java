package org.portolan.docimport;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.portolan.docimport.PortEvidence.Decision;
import org.portolan.model.Condition;
import org.portolan.model.PortRange;
import org.portolan.model.PortSpec;
import org.portolan.model.PortTerm;
import org.portolan.model.Protocol;
import org.portolan.model.Provenance;
import org.portolan.model.Service;

/**
 * The evidence stage in the draft: the sweep's candidates ({@link PortSweep}) are decided
 * ({@link EvidenceScoring}) and what the structured readers did not already give enters the
 * draft: a {@link Decision.Take} as a requirement between placeholder roles, a
 * {@link Decision.Review} as a product review note naming its line. Rejections add nothing.
 */
final class EvidencePass {
  private EvidencePass() {}

  /** At most this many review notes from the sweep; the rest are counted in one more note. */
  static final int MAX_REVIEW_NOTES = 40;

  /**
   * @param candidates what the readers made (kept, first)
   * @param added requirements the evidence gave beyond them
   * @param reviews product review notes, in document order
   * @param decisions every decision, for debugging
   */
  record Result(List<Candidate> candidates, List<Candidate> added, List<String> reviews, List<Decision> decisions) {
    Result {
      candidates = List.copyOf(candidates);
      added = List.copyOf(added);
      reviews = List.copyOf(reviews);
      decisions = List.copyOf(decisions);
    }
  }

  /** A reader's refusal ("named as ports not to open … not imported"); not its failure to find a port ("no port found in …"), which the evidence may mend. */
  private static final Pattern NOT_IMPORTED_LINE = Pattern.compile("^line (\\d+): (?!no port found in ).*not imported");

  /**
   * @param productNotes the readers' product notes: a line they said they did not import ("named as ports not to open") gets nothing here either
   */
  static Result apply(SourceDocument doc, List<Candidate> readers, List<String> productNotes, Protocol pageDefault) {
    List<PortEvidence.Candidate> swept = PortSweep.sweep(doc, pageDefault);
    List<String> vetoNotes = new ArrayList<>();
    Map<String, Map<String, String>> negatedInSection = negatedInSection(swept);
    readers = veto(readers, swept, negatedInSection, vetoNotes);
    Known known = new Known();
    for (Candidate r : readers) r.services().forEach(known::add);
    Set<Integer> refusedLines = new HashSet<>();
    for (String n : productNotes) {
      Matcher m = NOT_IMPORTED_LINE.matcher(n);
      if (m.find()) refusedLines.add(Integer.parseInt(m.group(1)));
    }
    List<Decision> decisions = new ArrayList<>();
    List<Candidate> added = new ArrayList<>();
    Map<String, String> reviews = new LinkedHashMap<>();
    for (PortEvidence.Candidate c : swept) {
      Decision d = EvidenceScoring.decide(c);
      decisions.add(d);
      if (refusedLines.contains(c.line())) continue;
      switch (d) {
        case Decision.Take t -> {
          List<Service> fresh = new ArrayList<>();
          Map<String, String> negated = negatedInSection.getOrDefault(c.heading() == null ? "" : c.heading(), Map.of());
          for (Service sv : t.services()) {
            boolean refused = c.ports().from() == c.ports().to()
                && (negated.containsKey(key(sv.protocol(), c.ports().from())) || negated.containsKey(key(null, c.ports().from())));
            // A port a table row states on its own ("Enqueue Server | 3201") is its own requirement, even inside a wide range of another row.
            boolean ownRow = c.place() == PortEvidence.Place.PORT_CELL && c.ports().from() == c.ports().to();
            if (!refused && !(ownRow ? known.holdsAsStated(sv.protocol(), c.ports()) : known.covers(sv.protocol(), c.ports()))) fresh.add(sv);
          }
          if (fresh.isEmpty()) continue;
          fresh.forEach(known::add);
          added.add(requirement(doc.name(), c, fresh, t.why()));
        }
        case Decision.Review r -> {
          if (known.covers(null, c.ports())) continue;
          reviews.putIfAbsent(c.ports().notation(), "line " + c.line() + ": " + r.why() + " (\"" + DraftPasses.shorten(c.sentence())
              + "\"): not imported; add it with its transport if the product needs it open");
        }
        case Decision.Reject x -> {}
      }
    }
    List<String> notes = new ArrayList<>(vetoNotes);
    notes.addAll(reviews.values());
    if (notes.size() > MAX_REVIEW_NOTES) {
      int more = notes.size() - MAX_REVIEW_NOTES;
      notes = new ArrayList<>(notes.subList(0, MAX_REVIEW_NOTES));
      notes.add(more + " more numbers that may be ports were not imported");
    }
    List<Candidate> all = new ArrayList<>(readers);
    all.addAll(added);
    return new Result(all, added, notes, decisions);
  }

  /** "In this example, 9999 is the new port number": the page calls the number of the text before it an example. */
  private static final Pattern DECLARED_EXAMPLE = Pattern.compile("(?i)\\bin\\s+(?:this|the|that)\\s+example\\b");

  /**
   * Per heading, the ports the page negates under it ("port 8750 is no longer used") or calls an
   * example ("In this example, 9999 is the new port number"), keyed by {@link #key}, with the reason.
   */
  private static Map<String, Map<String, String>> negatedInSection(List<PortEvidence.Candidate> swept) {
    Map<String, Map<String, String>> out = new java.util.HashMap<>();
    for (PortEvidence.Candidate c : swept)
      if (c.ports().from() == c.ports().to() && DECLARED_EXAMPLE.matcher(c.sentence()).find())
        for (PortEvidence.Clue k : c.clues())
          if (k instanceof PortEvidence.ExampleClue e && e.cue().startsWith(PortSweep.EXAMPLE_VALUE))
            out.computeIfAbsent(c.heading() == null ? "" : c.heading(), x -> new java.util.HashMap<>())
                .putIfAbsent(key(null, c.ports().from()), "the page calls " + c.ports().from() + " an example at line " + c.line());
    for (PortEvidence.Candidate c : swept)
      for (PortEvidence.Clue k : c.clues())
        // A line of a listing that turns its port away ("securidprop 5510/tcp # legacy, leave closed") speaks of that line
        // only: another listing of the section may need the same port open.
        if (k instanceof PortEvidence.AgainstClue a && a.kind() == PortEvidence.Against.NEGATION && c.place() != PortEvidence.Place.CODE) {
          // "UDP 11211 must not be opened": only the transport the negation names, when it names one.
          PortEvidence.TransportClue t = EvidenceScoring.nearestTransport(c.clues());
          List<Protocol> which = t != null && t.tier() == PortEvidence.Tier.ATTACHED ? List.copyOf(t.protocols()) : java.util.Collections.singletonList(null);
          for (Protocol pr : which)
            for (int p = c.ports().from(); p <= c.ports().to() && p - c.ports().from() < 64; p++)
              out.computeIfAbsent(c.heading() == null ? "" : c.heading(), x -> new java.util.HashMap<>()).putIfAbsent(key(pr, p), a.cue() + " at line " + c.line());
          break;
        }
    return out;
  }

  /**
   * The structured readers' candidates enter the one decision: each port term a reader read is a
   * {@link EvidenceScoring.Reading} with the sweep's candidates at its line (and its code block)
   * and what the page says of the port elsewhere, and {@link EvidenceScoring#decideReading}
   * decides it. A term it does not take is taken out and said in a review note; a candidate left
   * with no service is dropped.
   */
  private static List<Candidate> veto(List<Candidate> readers, List<PortEvidence.Candidate> swept, Map<String, Map<String, String>> negatedInSection,
      List<String> notes) {
    // What the sweep read at each line: an example, the ports it saw strong evidence for, and each sentence's own transport.
    Map<Integer, List<PortEvidence.Candidate>> sweptAtLine = new java.util.HashMap<>();
    // A code reader names a rule by its block's first line; its own text finds the sweep's reading of it.
    Map<String, List<PortEvidence.Candidate>> sweptCode = new java.util.HashMap<>();
    for (PortEvidence.Candidate c : swept) {
      sweptAtLine.computeIfAbsent(c.line(), x -> new ArrayList<>()).add(c);
      if (c.place() == PortEvidence.Place.CODE) sweptCode.computeIfAbsent(DraftPasses.shorten(c.sentence()), x -> new ArrayList<>()).add(c);
    }
    // Where the page states UDP only for a port: a reader's UDP service it did not guess, or a candidate whose nearest transport is UDP.
    List<PortRange> udpOnly = new ArrayList<>();
    List<PortRange> tcpStated = new ArrayList<>();
    for (PortEvidence.Candidate c : swept) {
      PortEvidence.TransportClue t = EvidenceScoring.nearestTransport(c.clues());
      if (t == null || c.clues().stream().anyMatch(k -> k instanceof PortEvidence.AgainstClue)) continue;
      if (t.protocols().equals(Set.of(Protocol.UDP))) udpOnly.add(c.ports());
      if (t.protocols().contains(Protocol.TCP)) tcpStated.add(c.ports());
    }
    for (Candidate r : readers)
      for (Service sv : r.services())
        if (sv.protocol() instanceof Protocol.Udp && sv.ports() != null)
          for (PortTerm t : sv.ports().terms()) if (t instanceof PortTerm.Fixed f) udpOnly.add(f.range());
    List<Candidate> out = new ArrayList<>();
    for (Candidate r : readers) {
      int line = r.provenance().line();
      Set<String> guessed = guessedTcp(r.notes());
      boolean guessedDynamic = r.notes().stream().anyMatch(n -> n.contains(GUESSED_DYNAMIC));
      String section = r.provenance().table() == null || r.provenance().table().startsWith("text at line") || r.provenance().table().startsWith("table at line")
          ? "" : r.provenance().table();
      Map<String, String> negated = negatedInSection.getOrDefault(section, Map.of());
      List<PortEvidence.Candidate> here = sweptAtLine.getOrDefault(line, List.of());
      String row = r.provenance().row();
      List<PortEvidence.Candidate> hereWithCode = here;
      if (row != null && sweptCode.containsKey(row.strip())) {
        hereWithCode = new ArrayList<>(here);
        hereWithCode.addAll(sweptCode.get(row.strip()));
      }
      List<Service> kept = new ArrayList<>();
      for (Service sv : r.services()) {
        if (sv.protocol() instanceof Protocol.Icmp || sv.ports() == null || sv.ports().terms().isEmpty()) {
          String why = sv.protocol() instanceof Protocol.Icmp
              ? EvidenceScoring.decideReading(new EvidenceScoring.Reading(line, sv.protocol(), null, false, false, here, here, null, false, false)) : null;
          if (why == null) kept.add(sv);
          else notes.add("line " + line + ": " + sv.notation() + " read by a table or sentence reader, but not imported: " + why);
          continue;
        }
        List<PortTerm> terms = new ArrayList<>();
        for (PortTerm t : sv.ports().terms()) {
          String negatedWhy = null;
          boolean udpElsewhere = false;
          boolean tcpElsewhere = false;
          if (t instanceof PortTerm.Fixed f) {
            // Only where it counts (a guessed TCP): a scan of the page's ports per term would make a page of many rows quadratic.
            if (sv.protocol() instanceof Protocol.Tcp && guessed.contains(f.range().notation())) {
              udpElsewhere = within(udpOnly, f.range());
              tcpElsewhere = within(tcpStated, f.range());
            }
            if (f.range().from() == f.range().to()) {
              negatedWhy = negated.get(key(sv.protocol(), f.range().from()));
              if (negatedWhy == null) negatedWhy = negated.get(key(null, f.range().from()));
            }
          }
          String why = EvidenceScoring.decideReading(new EvidenceScoring.Reading(line, sv.protocol(), t, t instanceof PortTerm.Fixed f && guessed.contains(f.range().notation()),
              guessedDynamic, here, hereWithCode, negatedWhy, udpElsewhere, tcpElsewhere));
          if (why == null) terms.add(t);
          else notes.add("line " + line + ": " + sv.protocol().keyword() + "/" + t.notation() + " read by a table or sentence reader, but not imported: " + why);
        }
        if (terms.size() == sv.ports().terms().size()) kept.add(sv);
        else if (!terms.isEmpty()) kept.add(new Service(sv.protocol(), PortSpec.of(terms.toArray(PortTerm[]::new))));
      }
      if (kept.isEmpty()) continue;
      out.add(kept.equals(r.services()) ? r : r.withServices(kept));
    }
    return out;
  }

  private static boolean within(List<PortRange> ranges, PortRange r) {
    for (PortRange k : ranges) if (k.from() <= r.from() && r.to() <= k.to()) return true;
    return false;
  }

  private static final Pattern GUESSED_TCP = Pattern.compile("no protocol stated: TCP assumed for (\\S+)$");
  private static final String GUESSED_DYNAMIC = "\"dynamic\" without saying which range";

  /** The ports a reader gave TCP without the page saying so (its own notes say it). */
  private static Set<String> guessedTcp(List<String> notes) {
    Set<String> out = new HashSet<>();
    for (String n : notes) {
      Matcher m = GUESSED_TCP.matcher(n);
      if (m.find() && m.group(1) != null) out.add(m.group(1));
    }
    return out;
  }

  private static String key(Protocol p, int port) {
    return (p == null ? "any" : p.keyword()) + "/" + port;
  }

  /**
   * The ports the draft already has: single ports in a hash set, the other terms (ranges,
   * open-ended, series, configurable) in a list, so a page of many single ports is checked in
   * linear time.
   */
  private static final class Known {
    private final Set<String> singles = new HashSet<>();
    private final List<Service> others = new ArrayList<>();

    void add(Service sv) {
      if (sv.ports() != null && sv.ports().terms().size() == 1 && sv.ports().terms().getFirst() instanceof PortTerm.Fixed f && f.range().from() == f.range().to()) {
        singles.add(key(sv.protocol(), f.range().from()));
        singles.add(key(null, f.range().from()));
      } else others.add(sv);
    }

    /**
     * As {@link #covers}, but a wide range ({@value ServiceKeys#EXPAND_UP_TO}+ ports, read as a block)
     * does not stand for a single port stated in a row of its own.
     */
    boolean holdsAsStated(Protocol protocol, PortRange r) {
      if (r.from() == r.to() && singles.contains(key(protocol, r.from()))) return true;
      List<Service> narrow = new ArrayList<>();
      for (Service sv : others) {
        if (sv.ports() == null) continue;
        boolean wide = sv.ports().terms().stream().anyMatch(t -> t instanceof PortTerm.Fixed f && f.range().size() > ServiceKeys.EXPAND_UP_TO);
        if (!wide) narrow.add(sv);
      }
      return covered(narrow, protocol, r);
    }

    /** Some service (of {@code protocol}, or of any when {@code null}) already holds every port of {@code r}, in whatever term it was written. */
    boolean covers(Protocol protocol, PortRange r) {
      if (r.from() == r.to() && singles.contains(key(protocol, r.from()))) return true;
      return covered(others, protocol, r);
    }
  }

  private static boolean covered(List<Service> known, Protocol protocol, PortRange r) {
    for (Service sv : known) {
      if (protocol != null && !sv.protocol().equals(protocol) || sv.ports() == null) continue;
      for (PortTerm t : sv.ports().terms()) {
        boolean holds = switch (t) {
          case PortTerm.Fixed f -> f.range().from() <= r.from() && r.to() <= f.range().to();
          case PortTerm.OpenEnded o -> o.from() <= r.from();
          case PortTerm.Series x -> r.from() == r.to() && r.from() >= x.start() && (r.from() - x.start()) % Math.max(1, x.step()) == 0;
          case PortTerm.Configurable k -> k.defaultPorts().ranges().stream().anyMatch(d -> d.from() <= r.from() && r.to() <= d.to());
          case PortTerm.Dynamic d -> false;
        };
        if (holds) return true;
      }
    }
    return false;
  }

  private static Candidate requirement(String document, PortEvidence.Candidate c, List<Service> services, String why) {
    List<String> notes = new ArrayList<>();
    notes.add("read by the evidence sweep at line " + c.line() + ": " + why);
    notes.add("initiator not stated in the document");
    notes.add("responder not stated in the document");
    Provenance source = new Provenance(document, c.heading() == null ? "text at line " + c.line() : c.heading(), DraftPasses.shorten(c.sentence()), c.line());
    String label = "port " + c.ports().notation();
    return new Candidate(label, DraftPasses.UNKNOWN_FROM, List.of(DraftPasses.UNKNOWN_TO), services, c.sentence(), Condition.ALWAYS, false, true, false,
        source, notes);
  }
}
