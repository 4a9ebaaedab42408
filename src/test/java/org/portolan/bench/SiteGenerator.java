package org.portolan.bench;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.portolan.catalog.Catalog;
import org.portolan.catalog.CatalogLoader;
import org.portolan.model.DynamicRange;
import org.portolan.model.Feature;
import org.portolan.model.PortTerm;
import org.portolan.model.Product;
import org.portolan.model.Role;

/**
 * Writes a large deployment for benchmarks: N hosts in 198.18.0.0/15 spread over ten zones,
 * every bundled product deployed once with every feature on, the hosts split evenly over all
 * of their component roles. Usage: {@code SiteGenerator HOSTS OUT.yaml}.
 */
public final class SiteGenerator {
  private SiteGenerator() {}

  public static void main(String[] args) throws IOException {
    int hosts = Integer.parseInt(args[0]);
    write(CatalogLoader.bundled(), hosts, Path.of(args[1]));
  }

  public static void write(Catalog catalog, int hostCount, Path out) throws IOException {
    if (hostCount > 130_000) throw new IllegalArgumentException("198.18.0.0/15 holds at most ~130,000 hosts");
    List<String[]> slots = new ArrayList<>(); // product, role
    for (Product p : catalog.products())
      for (Role r : p.roles()) if (!r.isExternal()) slots.add(new String[] {p.id(), r.id()});
    try (Writer w = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
      w.write("site: Generated site with " + hostCount + " hosts\nzones:\n");
      for (int z = 0; z < 10; z++) w.write("  - {name: zone" + z + "}\n");
      w.write("hosts:\n");
      for (int i = 0; i < hostCount; i++) {
        int a = i + 1;
        w.write("  - {name: h" + i + ", addresses: [198." + (18 + (a >> 16)) + "." + ((a >> 8) & 255) + "." + (a & 255) + "], zone: zone" + (i % 10) + "}\n");
      }
      w.write("firewalls:\n  - name: core\n    kind: network\n    interfaces:\n");
      for (int z = 0; z < 10; z++) w.write("      - {name: if" + z + ", zones: [zone" + z + "]}\n");
      w.write("products:\n");
      int perSlot = Math.max(1, hostCount / Math.max(1, slots.size()));
      int next = 0;
      for (Product p : catalog.products()) {
        w.write("  - product: " + p.id() + "\n    members: 4\n    roles:\n");
        for (Role r : p.roles()) {
          if (r.isExternal()) continue;
          w.write("      " + r.id() + ": [");
          for (int k = 0; k < perSlot; k++) {
            if (k > 0) w.write(", ");
            w.write("h" + (next++ % hostCount));
          }
          w.write("]\n");
        }
        if (!p.features().isEmpty()) {
          w.write("    features: {");
          w.write(String.join(", ", p.features().stream().map(Feature::name).map(n -> n + ": true").toList()));
          w.write("}\n");
        }
        // every dynamic range without a default (nfs-filer, sql-named, citrix-vendor-daemon...)
        // must be set by the deployment
        List<String> unset = p.requirements().stream().flatMap(q -> q.services().stream()).flatMap(s -> s.ports().terms().stream())
            .map(t -> t instanceof PortTerm.Dynamic d ? d.name() : null)
            .filter(n -> n != null && DynamicRange.defaultOf(n).isEmpty()).distinct().sorted().toList();
        if (!unset.isEmpty()) w.write("    dynamic: {" + String.join(", ", unset.stream().map(n -> n + ": 2046-2049").toList()) + "}\n");
      }
    }
  }
}
