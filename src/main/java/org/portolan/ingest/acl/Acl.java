package org.portolan.ingest.acl;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A vendor-independent ruleset: named chains and, per path (e.g. {@code input},
 * {@code forward}, {@code output}, {@code in:outside}), the stages a packet traverses.
 *
 * @param format the importer that produced it (iptables, nftables, asa, aws)
 * @param implicitReturn true when the device is stateful by itself and lets reply traffic of
 *     a permitted connection through without rules (ASA, AWS security groups); false when the
 *     rules themselves must accept replies (iptables, nftables: ct state established)
 * @param families the IP families the ruleset speaks for (iptables-save holds one family;
 *     traffic of the other is not verified against it)
 */
public record Acl(String file, String format, Map<String, Chain> chains, Map<String, List<Stage>> paths, boolean implicitReturn, java.util.Set<Integer> families) {
  public Acl(String file, String format, Map<String, Chain> chains, Map<String, List<Stage>> paths, boolean implicitReturn) {
    this(file, format, chains, paths, implicitReturn, java.util.Set.of(4, 6));
  }

  public Acl {
    families = java.util.Set.copyOf(families);
    chains = Map.copyOf(chains);
    paths = Map.copyOf(paths);
    for (var e : paths.entrySet())
      for (Stage s : e.getValue())
        if (!chains.containsKey(s.chain())) throw new IllegalArgumentException("path " + e.getKey() + " names unknown chain " + s.chain());
  }

  public Optional<Chain> chain(String name) {
    return Optional.ofNullable(chains.get(name));
  }
}
