package org.portolan.verify;

import java.util.List;
import org.portolan.ingest.acl.LineSource;

/**
 * A line that never decides anything ({@code shadowed}: earlier lines take all it matches,
 * or its chain is never reached) or whose removal would change nothing ({@code redundant}).
 */
public record RuleFinding(Kind kind, LineSource rule, String path, List<LineSource> by, String note) {
  public enum Kind { SHADOWED, REDUNDANT }

  public RuleFinding {
    by = List.copyOf(by);
  }
}
