package org.portolan.compile;

import inet.ipaddr.IPAddress;
import java.util.List;
import java.util.Optional;

/**
 * @param firewall compile only this firewall of the deployment (empty: all)
 * @param outbound host firewalls also get outbound rules on the initiating hosts
 * @param resolve resolve FQDN endpoints at compile time for dialects without FQDN objects
 * @param partial write what the dialect can express and list the rest, instead of failing
 * @param resolver name resolution used by {@code resolve}
 * @param manage management stations: every host firewall also accepts SSH (tcp/22) from them
 *     to the host's own addresses, so that writing its rules does not lock out its admins
 */
public record CompileOptions(Optional<String> firewall, boolean outbound, boolean resolve, boolean partial, Resolver resolver, List<IPAddress> manage) {
  /** The management SSH port {@code manage} opens. */
  public static final int MANAGE_PORT = 22;

  public CompileOptions(Optional<String> firewall, boolean outbound, boolean resolve, boolean partial, Resolver resolver) {
    this(firewall, outbound, resolve, partial, resolver, List.of());
  }

  /** Resolves a host name to its addresses; empty when it does not resolve. */
  @FunctionalInterface
  public interface Resolver {
    List<IPAddress> resolve(String fqdn);
  }

  public CompileOptions {
    firewall = firewall == null ? Optional.empty() : firewall;
    if (resolver == null) resolver = CompileOptions::systemResolve;
    manage = manage == null ? List.of() : List.copyOf(manage);
  }

  public CompileOptions withManage(List<IPAddress> stations) {
    return new CompileOptions(firewall, outbound, resolve, partial, resolver, stations);
  }

  public static CompileOptions defaults() {
    return new CompileOptions(Optional.empty(), false, false, false, null);
  }

  public CompileOptions withPartial(boolean p) {
    return new CompileOptions(firewall, outbound, resolve, p, resolver, manage);
  }

  /** The system resolver (java.net.InetAddress): what the firewall host would get. */
  static List<IPAddress> systemResolve(String fqdn) {
    try {
      return java.util.Arrays.stream(java.net.InetAddress.getAllByName(fqdn))
          .map(a -> new inet.ipaddr.IPAddressString(a.getHostAddress().replaceAll("%.*$", "")).getAddress())
          .filter(java.util.Objects::nonNull)
          .map(a -> a.toPrefixBlock(a.getBitCount()))
          .distinct()
          .toList();
    } catch (java.net.UnknownHostException e) {
      return List.of();
    }
  }
}
