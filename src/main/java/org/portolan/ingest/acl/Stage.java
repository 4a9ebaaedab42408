package org.portolan.ingest.acl;

import java.util.Set;

/**
 * One base chain a packet traverses on a path, for the IP families it sees (an nftables
 * {@code ip} table sees IPv4 only). A packet passes a path when every stage accepts it.
 */
public record Stage(String chain, Set<Integer> families) {
  public Stage {
    families = Set.copyOf(families);
    if (families.isEmpty() || !Set.of(4, 6).containsAll(families)) throw new IllegalArgumentException("families must be 4 and/or 6");
  }

  public static Stage both(String chain) {
    return new Stage(chain, Set.of(4, 6));
  }
}
