package org.portolan.docimport;

import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.portolan.model.PortRange;
import org.portolan.model.Protocol;
import org.portolan.model.Service;

/**
 * The values of the evidence stage: every number of a document that could be a port, as a
 * {@link Candidate} with the {@link Clue}s found around it, and the one {@link Decision} made
 * on it. {@link PortSweep} finds them, {@link EvidenceScoring} decides, {@link EvidencePass}
 * puts the decisions into the draft.
 */
final class PortEvidence {
  private PortEvidence() {}

  /** Where in the layout a number stands. */
  enum Place { PROSE, LIST_ITEM, HEADING, CODE, PORT_CELL, CELL }

  /** What the text around a number says about it. Port and transport evidence are kept apart. */
  sealed interface Clue {
    String cue();
  }

  /** How surely a clue says "this number is a port". Two weak clues of different kinds weigh as one strong one. */
  enum Strength {
    WEAK(1), STRONG(2);

    final int weight;

    Strength(int weight) {
      this.weight = weight;
    }
  }

  /**
   * The number is a port: "port 8080", {@code 8080/tcp}, {@code host:8080}, a cell of a
   * listening-port column (strong); a listen/open/firewall verb or the word "ports" elsewhere
   * in the sentence, a heading about ports (weak). {@code kind} keeps weak clues of one kind from
   * adding up.
   */
  record PortClue(Strength strength, String kind, String cue) implements Clue {
    PortClue {
      Objects.requireNonNull(strength, "strength");
      Objects.requireNonNull(kind, "kind");
      Objects.requireNonNull(cue, "cue");
    }
  }

  /**
   * How near to the number a transport was stated; only the nearest tier that says one counts.
   * {@code FOOTNOTE}: a row's transport cell carries a footnote mark, and the page gives the port
   * its transport in a row of its own.
   */
  enum Tier { ATTACHED, FOOTNOTE, ROW, SENTENCE, SECTION, APPLICATION, PAGE }

  /** The text states the transport: "8080/tcp", a TCP/UDP column, "allow both TCP and UDP", "HTTPS" (TCP), "TCP unless noted". */
  record TransportClue(Tier tier, Set<Protocol> protocols, String cue) implements Clue {
    TransportClue {
      Objects.requireNonNull(tier, "tier");
      Objects.requireNonNull(cue, "cue");
      protocols = Set.copyOf(protocols);
      if (protocols.isEmpty()) throw new IllegalArgumentException("a transport clue names a protocol");
    }
  }

  /** The kinds of evidence against. */
  enum Against {
    /** "removed", "no longer used", "must be free", "does not constitute a port", a refusing lead-in: the page says it is not to be opened. */
    NEGATION(true, false),
    /** "legacy", "instead of", "not used by …", "deprecated": doubt enough to add nothing, not to take away a reader's reading. */
    DOUBT(false, false),
    /** A version, a date, a size, duration or count, an address octet, a footnote or list mark: the number is no port at all. */
    NOT_A_PORT(true, false),
    /** An open-ended start, a bound, the whole port space, a formula, a source-port column: not a fixed port, though a reader may read it as another term. */
    FORM(false, false),
    /** "You can set the system to use port 80": a value the page says may be chosen, not the one the product uses. */
    OPTION(true, false),
    /** A year-like or small number: outweighed by a strong port clue. */
    SOFT(false, true);

    /** It also takes away what a structured reader read at the same place. */
    final boolean vetoes;
    final boolean soft;

    Against(boolean vetoes, boolean soft) {
      this.vetoes = vetoes;
      this.soft = soft;
    }
  }

  /** The number is not a port to open, and why. */
  record AgainstClue(Against kind, String cue) implements Clue {
    AgainstClue {
      Objects.requireNonNull(kind, "kind");
      Objects.requireNonNull(cue, "cue");
    }

    boolean soft() {
      return kind.soft;
    }
  }

  /** "e.g. 8080", "a sample configuration": may be a port, but the page does not say it is this product's. */
  record ExampleClue(String cue) implements Clue {}

  /**
   * A number that could be a port, with its evidence.
   *
   * @param line the 1-based line of the input where it stands
   * @param sentence the sentence, line or cell it was read from, for notes
   * @param heading the heading over it, or {@code null}
   */
  record Candidate(int line, PortRange ports, Place place, String sentence, String heading, List<Clue> clues) {
    Candidate {
      Objects.requireNonNull(ports, "ports");
      Objects.requireNonNull(place, "place");
      Objects.requireNonNull(sentence, "sentence");
      clues = List.copyOf(clues);
      if (line < 1) throw new IllegalArgumentException("line must be 1-based: " + line);
    }
  }

  /** The one decision on a candidate. */
  sealed interface Decision {
    Candidate candidate();

    /** Strong port evidence and a stated transport: a requirement. */
    record Take(Candidate candidate, List<Service> services, String why) implements Decision {
      public Take {
        services = List.copyOf(services);
        if (services.isEmpty()) throw new IllegalArgumentException("a requirement needs a service");
      }
    }

    /** Port evidence without a stated transport, or weak or example evidence: a {@code # REVIEW:} note naming the line. */
    record Review(Candidate candidate, String why) implements Decision {}

    /** Evidence against, or no port evidence: nothing enters the draft; the reason is kept for debugging. */
    record Reject(Candidate candidate, String why) implements Decision {}
  }
}
