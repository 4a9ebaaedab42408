package org.portolan.render;

/**
 * Something the results found beyond the required flows: a rule that allows more than any
 * requirement needs, a shadowed rule (it never decides a packet), a redundant rule (removing it
 * changes nothing), a warning, traffic no requirement explains, or a
 * result that names no flow of the plan.
 */
public record Finding(Kind kind, String source, String text) {
  public enum Kind {
    EXCESS("excess rule"),
    SHADOWED("shadowed rule"),
    REDUNDANT("redundant rule"),
    WARNING("warning"),
    UNEXPLAINED("unexplained traffic"),
    UNMATCHED("result for no planned flow");

    private final String label;

    Kind(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }
  }

  public Finding {
    if (kind == null || text == null || text.isBlank()) throw new IllegalArgumentException("a finding needs a kind and a text");
    source = source == null ? "" : source;
  }
}
