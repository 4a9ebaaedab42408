package org.portolan.ingest.acl;

import inet.ipaddr.IPAddress;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a ruleset refers to but does not hold: the firewall host's own addresses (for address
 * types; from {@code --local} or the deployment, taken as all of them), the directed broadcast
 * addresses of its interfaces when their prefixes are known, and the members of its ipsets
 * (from {@code ipset save}, {@code --ipset FILE}): one address per member in {@code ipsets},
 * tuples ({@code hash:ip,port}…) in {@code tuples}; a set that is absent, or whose type is not
 * modelled, is empty in {@code ipsets} and absent from {@code tuples}.
 *
 * @param broadcast the subnet broadcast addresses of every IPv4 interface of the host; empty
 *     when some interface's prefix is not known (then any non-local unicast address may be a
 *     broadcast address to the host)
 */
public record HostFacts(Addrs local, Optional<Addrs> broadcast, Map<String, Optional<Addrs>> ipsets, Map<String, IpsetTuples> tuples) {
  public static final HostFacts NONE = new HostFacts(Addrs.NONE, Map.of());

  public HostFacts {
    local = local == null ? Addrs.NONE : local;
    broadcast = broadcast == null ? Optional.empty() : broadcast;
    ipsets = ipsets == null ? Map.of() : Map.copyOf(ipsets);
    tuples = tuples == null ? Map.of() : Map.copyOf(tuples);
    if (broadcast.isPresent() && local.isEmpty()) throw new IllegalArgumentException("broadcast addresses are known only with the host's own addresses");
  }

  public HostFacts(Addrs local, Map<String, Optional<Addrs>> ipsets) {
    this(local, Optional.empty(), ipsets, Map.of());
  }

  /**
   * The facts of a host whose addresses are {@code addresses}: an address with a prefix and
   * host bits ({@code 198.19.2.10/24}, as {@code ip addr} prints it) is that one address on
   * that subnet; a prefix block ({@code 198.19.2.0/24}) is a block of own addresses whose
   * subnets are not known; a bare address is one own address on an unknown subnet. The
   * broadcast addresses are known when every IPv4 address is in the first form.
   */
  public static HostFacts of(List<IPAddress> addresses, Map<String, Optional<Addrs>> ipsets) {
    return of(addresses, ipsets, Map.of());
  }

  /** As {@link #of(List, Map)}, with the ipsets whose members are tuples. */
  public static HostFacts of(List<IPAddress> addresses, Map<String, Optional<Addrs>> ipsets, Map<String, IpsetTuples> tuples) {
    Addrs local = Addrs.NONE, bc = Addrs.NONE;
    boolean prefixesKnown = true, anyV4 = false;
    for (IPAddress a : addresses) {
      boolean iface = isInterfaceAddress(a);
      local = local.union(Addrs.of(iface ? a.withoutPrefixLength() : a.isPrefixed() ? a.toPrefixBlock() : a));
      if (!a.isIPv4()) continue;
      anyV4 = true;
      if (!iface) prefixesKnown = false;
      // a /31 and a /32 have no broadcast address (RFC 3021)
      else if (a.getNetworkPrefixLength() <= 30) bc = bc.union(Addrs.of(a.toPrefixBlock().getUpper().withoutPrefixLength()));
    }
    return new HostFacts(local, prefixesKnown && anyV4 ? Optional.of(bc) : Optional.empty(), ipsets, tuples);
  }

  /** An address with a prefix length and host bits set: an interface's address on its subnet. */
  public static boolean isInterfaceAddress(IPAddress a) {
    return a.isPrefixed() && !a.isMultiple();
  }
}
