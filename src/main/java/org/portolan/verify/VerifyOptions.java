package org.portolan.verify;

import java.util.Optional;
import java.util.function.Function;
import org.portolan.plan.Flow;
import org.portolan.ingest.acl.Addrs;

/**
 * How flows are placed on the ruleset.
 *
 * @param path force one path for every flow (input, forward, output, in:IFACE, ingress…)
 * @param firewall the firewall (or security group) the ruleset belongs to, when the file holds several
 * @param local the firewall's own addresses: flows to them take {@code input}, from them {@code output}
 * @param in interface where flows enter, when known
 * @param out interface where flows leave, when known
 * @param analyseRules also list shadowed and redundant lines (one evaluation per line)
 * @param placement per-flow interfaces, overriding {@code in}/{@code out} when present
 */
public record VerifyOptions(Optional<String> path, Optional<String> firewall, Addrs local, Optional<String> in, Optional<String> out, boolean analyseRules,
    Function<Flow, Optional<Interfaces>> placement) {
  public static final VerifyOptions DEFAULT = new VerifyOptions(Optional.empty(), Optional.empty(), Addrs.NONE, Optional.empty(), Optional.empty(), true, f -> Optional.empty());

  /** Per flow: the interfaces it enters and leaves by (from a deployment's zones). */
  public record Interfaces(Optional<String> in, Optional<String> out) {}

  public VerifyOptions {
    local = local == null ? Addrs.NONE : local;
    placement = placement == null ? f -> Optional.empty() : placement;
  }

  public VerifyOptions withPath(String p) {
    return new VerifyOptions(Optional.of(p), firewall, local, in, out, analyseRules, placement);
  }

  public VerifyOptions withInterfaces(Optional<String> i, Optional<String> o) {
    return new VerifyOptions(path, firewall, local, i, o, analyseRules, placement);
  }

  public VerifyOptions withoutRuleAnalysis() {
    return new VerifyOptions(path, firewall, local, in, out, false, placement);
  }
}
