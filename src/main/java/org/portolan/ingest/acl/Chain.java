package org.portolan.ingest.acl;

import java.util.List;
import java.util.Optional;

/**
 * An ordered list of lines. A base chain has a policy (accept or drop) applied to what falls
 * through; a user chain has none and returns to its caller.
 */
public record Chain(String name, List<AclLine> lines, Optional<Action> policy, LineSource policySource) {
  public Chain {
    lines = List.copyOf(lines);
    policy = policy == null ? Optional.empty() : policy;
    if (policy.isPresent() && !policy.get().terminal())
      throw new IllegalArgumentException("chain " + name + ": a policy must accept, drop or reject");
    if (policy.isPresent() && policySource == null) throw new IllegalArgumentException("chain " + name + ": a policy needs a source");
  }
}
