package org.portolan.compile;

import org.portolan.model.PortSet;
import org.portolan.model.Protocol;

/**
 * One permit: packets from {@code source} to {@code destination} with this protocol and
 * destination ports (empty for protocols without ports), at {@code placement}.
 */
public record Rule(Placement placement, Side source, Side destination, Protocol protocol, PortSet ports, boolean stateful, Reasons reasons) {
  public Rule {
    if (protocol.hasPorts() == ports.isEmpty()) throw new IllegalArgumentException("ports must be given exactly for tcp and udp");
    if (source.kind() != Side.Kind.FQDN && destination.kind() != Side.Kind.FQDN && source.kind() != destination.kind())
      throw new IllegalArgumentException("a rule's source and destination share one IP version");
  }

  /** IPv6 when either side holds IPv6 blocks (an FQDN side follows the other side; FQDN to FQDN counts as IPv4). */
  public boolean ipv6() {
    return source.kind() == Side.Kind.IPV6 || destination.kind() == Side.Kind.IPV6;
  }

  public Rule withPorts(PortSet p) {
    return new Rule(placement, source, destination, protocol, p, stateful, reasons);
  }
}
