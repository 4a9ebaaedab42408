package org.portolan.ingest.acl;

import java.util.Map;
import java.util.Optional;

/**
 * What a ruleset refers to but does not hold: the firewall host's own addresses (for address
 * types; from {@code --local} or the deployment, taken as all of them) and the members of its
 * ipsets (from {@code ipset save}, {@code --ipset FILE}): a set that is absent, or whose type
 * is not one address per member ({@code hash:ip,port}…), is empty here.
 */
public record HostFacts(Addrs local, Map<String, Optional<Addrs>> ipsets) {
  public static final HostFacts NONE = new HostFacts(Addrs.NONE, Map.of());

  public HostFacts {
    local = local == null ? Addrs.NONE : local;
    ipsets = ipsets == null ? Map.of() : Map.copyOf(ipsets);
  }
}
