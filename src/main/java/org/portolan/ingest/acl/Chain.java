package org.portolan.ingest.acl;

import java.util.List;
import java.util.Optional;

/**
 * An ordered list of lines. A base chain has a policy (accept or drop) applied to what falls
 * through; a user chain has none and returns to its caller.
 *
 * <p>{@code policyScope} is where an accepting policy speaks for the device: outside it the
 * device does not filter at all (Kubernetes NetworkPolicy: a packet to an address that is no
 * pod), so what the policy lets through there is not "permitted beyond the requirements".
 * Every packet for other formats.
 */
public record Chain(String name, List<AclLine> lines, Optional<Action> policy, LineSource policySource, Space policyScope) {
  public Chain(String name, List<AclLine> lines, Optional<Action> policy, LineSource policySource) {
    this(name, lines, policy, policySource, Space.universe());
  }

  /** The same chain with other lines. */
  public Chain withLines(List<AclLine> lines) {
    return new Chain(name, lines, policy, policySource, policyScope);
  }

  public Chain {
    policyScope = policyScope == null ? Space.universe() : policyScope;
    lines = List.copyOf(lines);
    policy = policy == null ? Optional.empty() : policy;
    if (policy.isPresent() && !policy.get().terminal())
      throw new IllegalArgumentException("chain " + name + ": a policy must accept, drop or reject");
    if (policy.isPresent() && policySource == null) throw new IllegalArgumentException("chain " + name + ": a policy needs a source");
  }
}
