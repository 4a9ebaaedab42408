package org.portolan.ingest.acl;

import java.util.Locale;
import java.util.Optional;

/**
 * Address types as the kernel's routing table gives them ({@code -m addrtype}, nft
 * {@code fib daddr type}), from the host's own addresses: {@code local} is taken as all of them
 * ({@code --local}, or the deployment's host). LOCAL is those and loopback (but loopback's
 * broadcast 127.255.255.255); MULTICAST 224.0.0.0/4 and ff00::/8; BROADCAST 255.255.255.255,
 * 127.255.255.255 and the directed broadcast of each subnet the host is on — when its
 * interfaces' prefixes are known ({@link HostFacts#broadcast}) exactly those, otherwise any
 * other address that is not local, loopback or multicast may be one; UNICAST the rest. Where
 * the type is not certain the line is doubted there ({@link #of}).
 */
public final class AddressTypes {
  private AddressTypes() {}

  /** The addresses surely of the type, and those that may be. */
  public record Reading(Addrs sure, Addrs maybe) {}

  private static final Addrs LOOPBACK = Addrs.parse("127.0.0.0/8").orElseThrow().union(Addrs.parse("::1").orElseThrow());
  private static final Addrs MULTICAST = Addrs.parse("224.0.0.0/4").orElseThrow().union(Addrs.parse("ff00::/8").orElseThrow());
  // the limited broadcast, and loopback's (the kernel's local table: "broadcast 127.255.255.255 dev lo")
  private static final Addrs LIMITED = Addrs.parse("255.255.255.255").orElseThrow().union(Addrs.parse("127.255.255.255").orElseThrow());
  private static final Addrs UNSPEC = Addrs.parse("0.0.0.0").orElseThrow().union(Addrs.parse("::").orElseThrow());

  /** Empty for a type that is not modelled (ANYCAST, BLACKHOLE, PROHIBIT, THROW, NAT, XRESOLVE, UNREACHABLE). */
  public static Optional<Reading> of(String type, Addrs local) {
    return of(type, new HostFacts(local, java.util.Map.of()));
  }

  /** Empty for a type that is not modelled; {@code host}: its own addresses and, when known, its broadcast addresses. */
  public static Optional<Reading> of(String type, HostFacts host) {
    Addrs local = host.local();
    Addrs loc = local.union(LOOPBACK).minus(LIMITED);
    Addrs notBroadcast = loc.union(MULTICAST).union(UNSPEC).union(LIMITED);
    Addrs v6 = new Addrs(Ranges.EMPTY, Addrs.ANY.v6());
    return switch (type.toUpperCase(Locale.ROOT)) {
      case "LOCAL" -> Optional.of(new Reading(loc, local.isEmpty() ? Addrs.ANY.minus(loc) : Addrs.NONE));
      case "MULTICAST" -> Optional.of(new Reading(MULTICAST, Addrs.NONE));
      case "UNSPEC" -> Optional.of(new Reading(UNSPEC, Addrs.NONE));
      // IPv6 has no broadcast
      case "BROADCAST" -> host.broadcast().isPresent()
          ? Optional.of(new Reading(LIMITED.union(host.broadcast().get()).minus(local), Addrs.NONE))
          : Optional.of(new Reading(LIMITED, Addrs.ANY.minus(notBroadcast).minus(v6)));
      case "UNICAST" -> host.broadcast().isPresent()
          ? Optional.of(new Reading(Addrs.ANY.minus(notBroadcast).minus(host.broadcast().get()), Addrs.NONE))
          : local.isEmpty()
          ? Optional.of(new Reading(Addrs.NONE, Addrs.ANY.minus(notBroadcast)))
          : Optional.of(new Reading(v6.minus(loc).minus(MULTICAST).minus(UNSPEC), Addrs.ANY.minus(notBroadcast).minus(v6)));
      default -> Optional.empty();
    };
  }
}
