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

  /** Per heading, the ports the page negates under it ("port 8750 is no longer used"), keyed by {@link #key}, with the reason. */
  private static Map<String, Map<String, String>> negatedInSection(List<PortEvidence.Candidate> swept) {
    Map<String, Map<String, String>> out = new java.util.HashMap<>();
    for (PortEvidence.Candidate c : swept)
      for (PortEvidence.Clue k : c.clues())
        if (k instanceof PortEvidence.AgainstClue a && a.kind() == PortEvidence.Against.NEGATION) {
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
   * The structured readers' candidates pass the same evidence: a fixed port the sweep saw at the
   * same line and found to be no port to open (a footnote mark, a version, "does not constitute a
   * port", "removed") is taken out, and so is one the page negates under the same heading ("port
   * 8750 is no longer used"); an ICMP service goes with a line the page negates. What is taken out
   * is said in a review note. A candidate left with no service is dropped.
   */
  private static List<Candidate> veto(List<Candidate> readers, List<PortEvidence.Candidate> swept, Map<String, Map<String, String>> negatedInSection,
      List<String> notes) {
    Map<Integer, List<PortEvidence.Candidate>> vetoedAtLine = new java.util.HashMap<>();
    Set<Integer> negatedLines = new HashSet<>();
    for (PortEvidence.Candidate c : swept)
      for (PortEvidence.Clue k : c.clues())
        if (k instanceof PortEvidence.AgainstClue a && a.kind().vetoes) {
          vetoedAtLine.computeIfAbsent(c.line(), x -> new ArrayList<>()).add(c);
          if (a.kind() == PortEvidence.Against.NEGATION) negatedLines.add(c.line());
          break;
        }
    // What the sweep read at each line: an example, the ports it saw strong evidence for, and each sentence's own transport.
    Map<Integer, List<PortEvidence.Candidate>> sweptAtLine = new java.util.HashMap<>();
    // A code reader names a rule by its block's first line; its own text finds the sweep's reading of it.
    Map<String, List<PortEvidence.Candidate>> sweptCode = new java.util.HashMap<>();
    for (PortEvidence.Candidate c : swept) {
      sweptAtLine.computeIfAbsent(c.line(), x -> new ArrayList<>()).add(c);
      if (c.place() == PortEvidence.Place.CODE) sweptCode.computeIfAbsent(DraftPasses.shorten(c.sentence()), x -> new ArrayList<>()).add(c);
    }
    // Where the page states UDP only for a port (a reader's UDP service it did not guess, or a candidate whose nearest transport is UDP),
    // and the transports it attaches to a port at a line ("137, 138 (UDP)<br>139, 445 (TCP)"): a reader's other transport for it there crosses them.
    List<PortRange> udpOnly = new ArrayList<>();
    List<PortRange> tcpStated = new ArrayList<>();
    Map<Integer, Map<PortRange, Set<Protocol>>> attachedAtLine = new java.util.HashMap<>();
    for (PortEvidence.Candidate c : swept) {
      PortEvidence.TransportClue t = EvidenceScoring.nearestTransport(c.clues());
      if (t == null || c.clues().stream().anyMatch(k -> k instanceof PortEvidence.AgainstClue)) continue;
      if (t.protocols().equals(Set.of(Protocol.UDP))) udpOnly.add(c.ports());
      if (t.protocols().contains(Protocol.TCP)) tcpStated.add(c.ports());
      if (t.tier() == PortEvidence.Tier.ATTACHED)
        attachedAtLine.computeIfAbsent(c.line(), x -> new java.util.HashMap<>()).computeIfAbsent(c.ports(), x -> new HashSet<>()).addAll(t.protocols());
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
      List<Service> kept = new ArrayList<>();
      for (Service sv : r.services()) {
        if (sv.protocol() instanceof Protocol.Icmp) {
          if (negatedLines.contains(line)) notes.add("line " + line + ": " + sv.notation() + " read by a table or sentence reader, but not imported: the line is negated");
          else kept.add(sv);
          continue;
        }
        if (sv.ports() == null || sv.ports().terms().isEmpty()) {
          kept.add(sv);
          continue;
        }
        List<PortTerm> terms = new ArrayList<>();
        for (PortTerm t : sv.ports().terms()) {
          String why = null;
          if (t instanceof PortTerm.Dynamic && guessedDynamic) why = "the page says \"dynamic\" without a range; the range would be a guess";
          if (t instanceof PortTerm.Fixed f && sv.protocol() instanceof Protocol.Tcp && guessed.contains(f.range().notation())
              && within(udpOnly, f.range()) && !within(tcpStated, f.range()))
            // "the media ports 9000-9398" beside "9000-10999 UDP": the page's own statement of the transport, not a guessed TCP.
            why = "the page states UDP, not TCP, for these ports elsewhere; TCP would be a guess";
          if (why == null && t instanceof PortTerm.Fixed f && (sv.protocol() instanceof Protocol.Tcp || sv.protocol() instanceof Protocol.Udp)) {
            Set<Protocol> attached = attachedAtLine.getOrDefault(line, Map.of()).get(f.range());
            if (attached != null && !attached.contains(sv.protocol()))
              why = "the page attaches " + attached.stream().map(Protocol::keyword).sorted().collect(java.util.stream.Collectors.joining("/")).toUpperCase(java.util.Locale.ROOT)
                  + ", not " + sv.protocol().keyword().toUpperCase(java.util.Locale.ROOT) + ", to this port at this line";
          }
          if (why == null && t instanceof PortTerm.Fixed f) {
            for (PortEvidence.Candidate c : vetoedAtLine.getOrDefault(line, List.of()))
              if (c.ports().equals(f.range())) why = reason(c);
              // "5:14:37 AM" read as the range 5-14: an end that is no port makes no range.
              else if (why == null && f.range().from() != f.range().to() && c.ports().from() == c.ports().to()
                  && (c.ports().from() == f.range().from() || c.ports().from() == f.range().to()) && notAPort(c))
                why = "an end of the range is no port: " + reason(c);
            if (why == null) why = formAtLine(f.range(), sweptAtLine.getOrDefault(line, List.of()));
            if (why == null) {
              List<PortEvidence.Candidate> here = sweptAtLine.getOrDefault(line, List.of());
              String row = r.provenance().row();
              if (row != null && sweptCode.containsKey(row.strip())) {
                here = new ArrayList<>(here);
                here.addAll(sweptCode.get(row.strip()));
              }
              why = againstAtLine(sv, f.range(), here, guessed.contains(f.range().notation()));
            }
            if (why == null && f.range().from() == f.range().to()) why = negated.get(key(sv.protocol(), f.range().from()));
            if (why == null && f.range().from() == f.range().to()) why = negated.get(key(null, f.range().from()));
          }
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

  /**
   * A reader's fixed port that the sweep reads, at the same line, as a form that is no fixed port:
   * a bound ("Random above 1024"), port 0 ("0 picks a free port"), a formula, the start of an
   * open-ended range. A reader that read the form as what it is wrote another term (1025+), so
   * a fixed port here is a misreading.
   */
  private static String formAtLine(PortRange r, List<PortEvidence.Candidate> atLine) {
    for (PortEvidence.Candidate c : atLine) {
      if (!c.ports().equals(r)) continue;
      for (PortEvidence.Clue k : c.clues())
        if (k instanceof PortEvidence.AgainstClue a && a.kind() == PortEvidence.Against.FORM) return a.cue();
    }
    return null;
  }

  /**
   * What the sweep's reading of the same line says against a reader's fixed port: the line gives
   * it as an example ("for example, on port 9901"); it is a small number with no strong port
   * clue (a page number, a list mark); or the reader's transport is one the sentence does not
   * state for it ("ports 80 and 443 and the UDP range 16384-32768": UDP is the range's).
   */
  private static String againstAtLine(Service sv, PortRange r, List<PortEvidence.Candidate> atLine, boolean guessedTcp) {
    boolean single = r.from() == r.to();
    boolean strong = false;
    for (PortEvidence.Candidate c : atLine) {
      if (!c.ports().equals(r)) continue;
      for (PortEvidence.Clue k : c.clues()) {
        if (k instanceof PortEvidence.ExampleClue e && (EXAMPLE_SENTENCE.matcher(c.sentence()).find() || e.cue().startsWith(PortSweep.COMMENT_ABOVE)
            || e.cue().startsWith(PortSweep.UNDER_EXAMPLE_HEADING))) return "the page gives it as an example (" + e.cue() + ")";
        if (k instanceof PortEvidence.PortClue p && p.strength() == PortEvidence.Strength.STRONG) strong = true;
      }
      if (exampleAddressOnly(c))
        // "… must be listed in X, for example X=hdfs://nn1.com:8032,webhdfs://nn3.com:50070": other systems' addresses in an example.
        return "the page gives it only as the port of an address in an example";
      if (!guessedTcp && (c.place() == PortEvidence.Place.PROSE || c.place() == PortEvidence.Place.LIST_ITEM)
          && (sv.protocol() instanceof Protocol.Tcp || sv.protocol() instanceof Protocol.Udp)) {
        PortEvidence.TransportClue t = EvidenceScoring.nearestTransport(c.clues());
        if (t == null && sv.protocol() instanceof Protocol.Udp && attachedElsewhere(atLine, c, sv.protocol()))
          return "the sentence states " + sv.protocol().keyword().toUpperCase(java.util.Locale.ROOT) + " for another of its ports, not for this one";
      }
    }
    if (single && r.from() < PortSweep.SMALL && !strong) return "a small number with no port word, transport or port column beside it";
    return null;
  }

  /** The sweep's only strong reading of the number is the port of an address (host:port), and the sentence gives an example. */
  private static boolean exampleAddressOnly(PortEvidence.Candidate c) {
    boolean example = false;
    boolean host = false;
    for (PortEvidence.Clue k : c.clues()) {
      if (k instanceof PortEvidence.ExampleClue) example = true;
      if (k instanceof PortEvidence.PortClue p && p.strength() == PortEvidence.Strength.STRONG) {
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
  private static boolean attachedElsewhere(List<PortEvidence.Candidate> atLine, PortEvidence.Candidate self, Protocol protocol) {
    for (PortEvidence.Candidate o : atLine) {
      if (o == self || o.ports().equals(self.ports())) continue;
      for (PortEvidence.Clue k : o.clues())
        if (k instanceof PortEvidence.TransportClue t && t.tier() == PortEvidence.Tier.ATTACHED && t.protocols().contains(protocol)) return true;
    }
    return false;
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

  /** Whether the sweep found {@code c} to be no port at all (a time, a date, a version), not only a port not to open. */
  private static boolean notAPort(PortEvidence.Candidate c) {
    for (PortEvidence.Clue k : c.clues()) if (k instanceof PortEvidence.AgainstClue a && a.kind() == PortEvidence.Against.NOT_A_PORT) return true;
    return false;
  }

  private static String reason(PortEvidence.Candidate c) {
    for (PortEvidence.Clue k : c.clues()) if (k instanceof PortEvidence.AgainstClue a && a.kind().vetoes) return a.cue();
    return "";
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
