package org.portolan.ingest.acl;

/** Where an ACL line came from: the ruleset file, its 1-based line, and the line's text. */
public record LineSource(String file, int line, String text) {
  public LineSource {
    if (file == null || file.isBlank()) throw new IllegalArgumentException("a line source needs a file");
    if (line < 0) throw new IllegalArgumentException("line must be >= 0");
    text = text == null ? "" : text.strip();
  }
}
