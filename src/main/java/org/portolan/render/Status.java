package org.portolan.render;

/**
 * What the results say about a required flow, as the diagrams colour it and the report
 * lists it. Every status has a word as well as a colour, so nothing depends on colour alone.
 */
public enum Status {
  /** Allowed by the ruleset, open when probed, working in the capture. */
  OK("ok", "allowed / open / working", "#2e7d32"),
  /** Partly allowed, open|filtered, unanswered or incomplete, or the sources disagree. */
  PARTIAL("partial", "partial / open|filtered", "#e65100"),
  /** Blocked, closed, filtered, rejected or dropped. */
  FAILED("failed", "blocked / closed / filtered / failing", "#c62828"),
  /** No result says anything about this flow. */
  UNKNOWN("unknown", "no result", "#757575");

  private final String word;
  private final String legend;
  private final String colour;

  Status(String word, String legend, String colour) {
    this.word = word;
    this.legend = legend;
    this.colour = colour;
  }

  /** One lower-case word: ok, partial, failed, unknown. */
  public String word() {
    return word;
  }

  /** What the colour means, for legends. */
  public String legend() {
    return legend;
  }

  /** CSS / Graphviz colour, "#rrggbb". */
  public String colour() {
    return colour;
  }

  /**
   * Combines the statuses several pieces of evidence of one kind give (e.g. one probe per
   * port): all ok is ok, all failed is failed, any other mix is partial; unknown is ignored.
   */
  static Status mix(Iterable<Status> statuses) {
    boolean ok = false, failed = false, partial = false;
    for (Status s : statuses) {
      switch (s) {
        case OK -> ok = true;
        case FAILED -> failed = true;
        case PARTIAL -> partial = true;
        case UNKNOWN -> { }
      }
    }
    if (partial || ok && failed) return PARTIAL;
    if (failed) return FAILED;
    if (ok) return OK;
    return UNKNOWN;
  }

  /** The worse of two statuses across kinds of evidence: failed, partial, ok, unknown. */
  static Status worse(Status a, Status b) {
    return rank(a) >= rank(b) ? a : b;
  }

  private static int rank(Status s) {
    return switch (s) {
      case UNKNOWN -> 0;
      case OK -> 1;
      case PARTIAL -> 2;
      case FAILED -> 3;
    };
  }
}
