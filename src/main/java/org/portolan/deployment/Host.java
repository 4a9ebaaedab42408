package org.portolan.deployment;

import inet.ipaddr.IPAddress;
import java.util.List;
import org.portolan.diag.SourcePosition;

/**
 * A named host with its addresses (IPv4 and/or IPv6, single addresses), its zone and how the
 * fleet commands reach it for management ({@link Manage#DEFAULT} when the file says nothing).
 */
public record Host(String name, List<IPAddress> addresses, String zone, SourcePosition position, Manage manage) {
  public Host {
    addresses = List.copyOf(addresses);
    zone = zone == null ? "" : zone;
    manage = manage == null ? Manage.DEFAULT : manage;
    if (addresses.isEmpty()) throw new IllegalArgumentException("host " + name + " needs at least one address");
  }

  public Host(String name, List<IPAddress> addresses, String zone, SourcePosition position) {
    this(name, addresses, zone, position, Manage.DEFAULT);
  }
}
