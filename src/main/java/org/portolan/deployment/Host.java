package org.portolan.deployment;

import inet.ipaddr.IPAddress;
import java.util.List;
import org.portolan.diag.SourcePosition;

/** A named host with its addresses (IPv4 and/or IPv6, single addresses) and its zone. */
public record Host(String name, List<IPAddress> addresses, String zone, SourcePosition position) {
  public Host {
    addresses = List.copyOf(addresses);
    zone = zone == null ? "" : zone;
    if (addresses.isEmpty()) throw new IllegalArgumentException("host " + name + " needs at least one address");
  }
}
