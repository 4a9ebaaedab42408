package org.portolan.deployment;

import java.util.List;
import java.util.Optional;

/**
 * A site: hosts, groups, zones, firewalls and the product instances deployed on them.
 * {@code externalZone} is the zone external FQDN endpoints are placed in ("internet").
 */
public record Deployment(
    String site,
    String file,
    List<Zone> zones,
    List<Host> hosts,
    List<Group> groups,
    List<Firewall> firewalls,
    List<ProductInstance> products,
    String externalZone) {

  public Deployment {
    zones = List.copyOf(zones);
    hosts = List.copyOf(hosts);
    groups = List.copyOf(groups);
    firewalls = List.copyOf(firewalls);
    products = List.copyOf(products);
    externalZone = externalZone == null || externalZone.isBlank() ? "internet" : externalZone;
  }

  public Optional<Host> host(String name) {
    return hosts.stream().filter(h -> h.name().equals(name)).findFirst();
  }

  public Optional<Group> group(String name) {
    return groups.stream().filter(g -> g.name().equals(name)).findFirst();
  }

  public Optional<Firewall> firewall(String name) {
    return firewalls.stream().filter(f -> f.name().equals(name)).findFirst();
  }
}
