package org.portolan.verify;

import java.util.Optional;

/**
 * How flows are evaluated on the ruleset. Where each flow crosses the firewall (interfaces,
 * to or from the host itself) comes from {@link org.portolan.plan.FirewallPlacement}.
 *
 * @param path force one path for every flow (input, forward, output, in:IFACE, ingress…)
 * @param firewall the firewall (or security group) the ruleset belongs to, when the file holds several
 * @param in interface where flows enter, when the placement does not say
 * @param out interface where flows leave, when the placement does not say
 * @param analyseRules also list shadowed and redundant lines (one evaluation per line)
 */
public record VerifyOptions(Optional<String> path, Optional<String> firewall, Optional<String> in, Optional<String> out, boolean analyseRules) {
  public static final VerifyOptions DEFAULT = new VerifyOptions(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), true);

  public VerifyOptions withPath(String p) {
    return new VerifyOptions(Optional.of(p), firewall, in, out, analyseRules);
  }

  public VerifyOptions withInterfaces(Optional<String> i, Optional<String> o) {
    return new VerifyOptions(path, firewall, i, o, analyseRules);
  }

  public VerifyOptions withoutRuleAnalysis() {
    return new VerifyOptions(path, firewall, in, out, false);
  }
}
