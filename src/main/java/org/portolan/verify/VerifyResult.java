package org.portolan.verify;

import java.util.List;
import org.portolan.diag.Diagnostic;

/** Everything verify found: per-flow verdicts, excess permissions, shadowed/redundant lines, warnings. */
public record VerifyResult(String ruleset, String format, List<FlowResult> flows, List<Excess> excess, List<RuleFinding> shadowed, List<Diagnostic> warnings) {
  public VerifyResult {
    flows = List.copyOf(flows);
    excess = List.copyOf(excess);
    shadowed = List.copyOf(shadowed);
    warnings = List.copyOf(warnings);
  }

  public boolean allAllowed() {
    return flows.stream().allMatch(f -> f.verdict() instanceof Verdict.Allowed);
  }
}
