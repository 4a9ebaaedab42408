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

  private static final Pattern NOT_IMPORTED_LINE = Pattern.compile("^line (\\d+): .*not imported");

  /**
   * @param productNotes the readers' product notes: a line they said they did not import ("named as ports not to open") gets nothing here either
   */
  static Result apply(SourceDocument doc, List<Candidate> readers, List<String> productNotes, Protocol pageDefault) {
    List<Service> known = new ArrayList<>();
    for (Candidate r : readers) known.addAll(r.services());
    Set<Integer> refusedLines = new HashSet<>();
    for (String n : productNotes) {
      Matcher m = NOT_IMPORTED_LINE.matcher(n);
      if (m.find()) refusedLines.add(Integer.parseInt(m.group(1)));
    }
    List<Decision> decisions = new ArrayList<>();
    List<Candidate> added = new ArrayList<>();
    Map<String, String> reviews = new LinkedHashMap<>();
    for (PortEvidence.Candidate c : PortSweep.sweep(doc, pageDefault)) {
      Decision d = EvidenceScoring.decide(c);
      decisions.add(d);
      if (refusedLines.contains(c.line())) continue;
      switch (d) {
        case Decision.Take t -> {
          List<Service> fresh = new ArrayList<>();
          for (Service sv : t.services()) if (!covered(known, sv.protocol(), c.ports())) fresh.add(sv);
          if (fresh.isEmpty()) continue;
          known.addAll(fresh);
          added.add(requirement(doc.name(), c, fresh, t.why()));
        }
        case Decision.Review r -> {
          if (covered(known, null, c.ports())) continue;
          reviews.putIfAbsent(c.ports().notation(), "line " + c.line() + ": " + r.why() + " (\"" + DraftPasses.shorten(c.sentence())
              + "\"): not imported; add it with its transport if the product needs it open");
        }
        case Decision.Reject x -> {}
      }
    }
    List<String> notes = new ArrayList<>(reviews.values());
    if (notes.size() > MAX_REVIEW_NOTES) {
      int more = notes.size() - MAX_REVIEW_NOTES;
      notes = new ArrayList<>(notes.subList(0, MAX_REVIEW_NOTES));
      notes.add(more + " more numbers that may be ports were not imported");
    }
    List<Candidate> all = new ArrayList<>(readers);
    all.addAll(added);
    return new Result(all, added, notes, decisions);
  }

  /** A service of {@code known} (of {@code protocol}, or of any when {@code null}) already holds every port of {@code r}, in whatever term it was written. */
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
