package org.portolan.ingest.acl;

import java.util.Set;

/**
 * One base chain a packet traverses on a path, for the IP families it sees (an nftables
 * {@code ip} table sees IPv4 only). A packet passes a path when every stage accepts it.
 *
 * @param auxiliary a table that can drop or rewrite but does not filter by purpose (iptables
 *     raw, mangle, nat; nft nat chains): its accepting lines are never named as the reason a
 *     flow passes
 * @param firstPacketOnly the stage sees only the first packet of a connection (nat)
 */
public record Stage(String chain, Set<Integer> families, boolean auxiliary, boolean firstPacketOnly) {
  public Stage {
    families = Set.copyOf(families);
    if (families.isEmpty() || !Set.of(4, 6).containsAll(families)) throw new IllegalArgumentException("families must be 4 and/or 6");
  }

  public Stage(String chain, Set<Integer> families) {
    this(chain, families, false, false);
  }

  public static Stage both(String chain) {
    return new Stage(chain, Set.of(4, 6));
  }
}
