package org.portolan.deployment;

import java.util.List;
import java.util.Optional;
import org.portolan.diag.SourcePosition;

/**
 * A firewall of the site. A network firewall separates zones, one or more per interface;
 * a host firewall runs on the named hosts (all hosts when {@code hosts} is empty).
 */
public record Firewall(String name, Kind kind, String dialect, List<Interface> interfaces, List<String> hosts, SourcePosition position) {
  public enum Kind { NETWORK, HOST }

  /** An interface (or security zone binding) of a network firewall and the zones behind it. */
  public record Interface(String name, List<String> zones) {
    public Interface {
      zones = List.copyOf(zones);
    }
  }

  public Firewall {
    interfaces = List.copyOf(interfaces);
    hosts = List.copyOf(hosts);
    dialect = dialect == null ? "" : dialect;
  }

  /** The interface behind which {@code zone} lies, if any. */
  public Optional<Interface> interfaceFor(String zone) {
    return interfaces.stream().filter(i -> i.zones().contains(zone)).findFirst();
  }
}
