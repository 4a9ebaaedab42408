package org.portolan.verify;

import java.util.List;
import org.portolan.ingest.acl.LineSource;

/**
 * A line that never decides anything ({@code shadowed}: earlier lines take all it matches,
 * or its chain is never reached) or whose removal would change nothing ({@code redundant}).
 * {@code verified} is false when the finding rests on a line whose construct is not modelled.
 */
public record RuleFinding(Kind kind, LineSource rule, String path, List<LineSource> by, String note, boolean verified) {
  public enum Kind { SHADOWED, REDUNDANT }

  public RuleFinding {
    by = List.copyOf(by);
  }

  public RuleFinding(Kind kind, LineSource rule, String path, List<LineSource> by, String note) {
    this(kind, rule, path, by, note, true);
  }
}
