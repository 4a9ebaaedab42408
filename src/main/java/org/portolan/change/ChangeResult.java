package org.portolan.change;

import java.util.List;
import org.portolan.diag.Diagnostic;
import org.portolan.ingest.acl.Acl;
import org.portolan.verify.FlowResult;

/**
 * What {@code change} found: the lines to add, the flows refused (fail closed), the optional
 * tightening, and every flow's verdict before and after the additions.
 *
 * @param after the ruleset with the additions, as the model reads it (for the after-verdicts)
 */
public record ChangeResult(Acl acl, String rulesetText, List<Addition> additions, List<Refusal> refusals, List<Tightening> tightenings,
    List<FlowResult> before, List<FlowResult> afterVerdicts, Acl after, List<Diagnostic> warnings) {
  public ChangeResult {
    additions = List.copyOf(additions);
    refusals = List.copyOf(refusals);
    tightenings = List.copyOf(tightenings);
    before = List.copyOf(before);
    afterVerdicts = List.copyOf(afterVerdicts);
    warnings = List.copyOf(warnings);
  }

  /** True when nothing is to be added and nothing was refused. */
  public boolean empty() {
    return additions.isEmpty() && refusals.isEmpty();
  }
}
