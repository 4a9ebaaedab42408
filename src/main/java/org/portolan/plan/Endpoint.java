package org.portolan.plan;

import inet.ipaddr.IPAddress;
import java.util.List;
import java.util.stream.Collectors;
import org.portolan.model.AddressBlocks;

/** One side of a concrete flow: named addresses (hosts, groups) or an external FQDN. */
public sealed interface Endpoint {
  /** Host or group name as the deployment writes it (or the address text in a flows file). */
  String name();

  /** The zone the deployment places it in; empty when unknown (flows files). */
  String zone();

  /** Hosts or networks: prefix blocks, single hosts as /32 or /128. */
  record Addresses(String name, String zone, List<IPAddress> blocks) implements Endpoint {
    public Addresses {
      blocks = List.copyOf(blocks);
      zone = zone == null ? "" : zone;
      if (blocks.isEmpty()) throw new IllegalArgumentException("endpoint " + name + " has no addresses");
    }

    public String notation() {
      if (blocks.size() == 1) return AddressBlocks.notation(blocks.getFirst()); // most endpoints: no stream
      return blocks.stream().map(AddressBlocks::notation).collect(Collectors.joining(" "));
    }
  }

  /** An endpoint known by name only (update CDNs, telemetry); {@code *.example.com} includes subdomains. */
  record Fqdn(String name, String zone, String fqdn) implements Endpoint {
    public Fqdn {
      zone = zone == null ? "" : zone;
      fqdn = AddressBlocks.normalizeFqdn(fqdn);
    }

    public boolean wildcard() {
      return fqdn.startsWith("*.");
    }
  }

  /** What the flows CSV writes for this endpoint. */
  default String csvNotation() {
    return switch (this) {
      case Addresses a -> a.notation();
      case Fqdn f -> f.fqdn();
    };
  }
}
