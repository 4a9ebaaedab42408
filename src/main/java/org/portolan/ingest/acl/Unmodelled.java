package org.portolan.ingest.acl;

import java.util.List;
import org.portolan.diag.Diagnostics;
import org.portolan.diag.SourcePosition;

/** How the importers read a rule with conditions Portolan does not model, said as a warning. */
public final class Unmodelled {
  private Unmodelled() {}

  /**
   * The line read with the modelled conditions only, as an upper bound of what it matches, and
   * doubting the rest: a verdict that depends on whether those conditions hold is
   * undetermined, naming this line (see {@link AclLine#doubt()}). A rule that only counts or
   * logs (no verdict) changes nothing either way and is kept without a warning.
   */
  public static AclLine doubtful(AclLine line, List<String> problems, SourcePosition at, Diagnostics d) {
    String what = String.join(", ", problems);
    // a line that goes on changes nothing, unless it sets the mark: then what it matches decides what mark follows
    if (line.action() instanceof Action.Continue c && c.mark().isEmpty()) return line;
    d.warning(at, "not modelled: " + what + "; a verdict that depends on this line is undetermined");
    return line.doubting(what);
  }
}
