package org.portolan.ingest.acl;

import java.util.List;
import org.portolan.diag.Diagnostics;
import org.portolan.diag.SourcePosition;

/** How the importers read a rule with conditions Portolan does not model, said as a warning. */
public final class Unmodelled {
  private Unmodelled() {}

  /**
   * The stated reading: a rule that accepts is read as matching nothing (what it may allow is
   * reported blocked); any other rule is read without those conditions (it may block more than
   * it does). {@code acceptWord} is the vendor's name for the action ("ACCEPT", "accept").
   */
  public static Space conservative(Space match, Action action, List<String> problems, SourcePosition at, Diagnostics d, String acceptWord) {
    String what = String.join(", ", problems);
    if (action instanceof Action.Accept) {
      d.warning(at, "not modelled: " + what + "; this " + acceptWord + " rule is read as matching nothing (conservative: flows it may allow are reported blocked)");
      return Space.EMPTY;
    }
    d.warning(at, "not modelled: " + what + "; this rule is read without those conditions (conservative: it may block more than it does)");
    return match;
  }
}
