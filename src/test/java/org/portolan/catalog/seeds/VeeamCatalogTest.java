package org.portolan.catalog.seeds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.portolan.catalog.seeds.SeedTable.actualFromPage;
import static org.portolan.catalog.seeds.SeedTable.assertSameRows;
import static org.portolan.catalog.seeds.SeedTable.parse;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.portolan.model.Bindings;
import org.portolan.model.PortSet;
import org.portolan.model.Product;

/**
 * Veeam Backup &amp; Replication, Nutanix AHV "Ports": the Workers table and the Backup Server
 * rows of the stored copy, and the console row of the Explorers Guide, read by hand (first cell: From → To, protocol and port as the page
 * gives them).
 */
class VeeamCatalogTest {
  static final String PAGE = "https://helpcenter.veeam.com/docs/vbr/userguide/ahv_used_ports.html";
  static final String EXPLORERS = "https://helpcenter.veeam.com/docs/backup/explorers/vesql_used_ports.html";

  static final String PORTS = """
      # row                                                                   | from                | to                      | proto | ports     | when | flags
      Worker → Nutanix Prism Central and standalone clusters, TCP/HTTPS 9440  | veeam-worker        | nutanix-prism           | tcp   | 9440      |      |
      Worker → Backup server, TCP 10006                                       | veeam-worker        | veeam-backup-server     | tcp   | 10006     |      |
      Worker → Backup server, TCP 2500 to 3300                                | veeam-worker        | veeam-backup-server     | tcp   | 2500-3300 |      |
      Worker → Nutanix AHV server, TCP/iSCSI 3205, 3260                       | veeam-worker        | nutanix-ahv-cluster     | tcp   | 3205 3260 |      |
      Worker → Veeam backup repository (or gateway server), TCP 2500-3300     | veeam-worker        | veeam-repository        | tcp   | 2500-3300 |      |
      Worker → Veeam backup repository (or gateway server), TCP 6162          | veeam-worker        | veeam-repository        | tcp   | 6162      |      |
      Worker → Veeam Update Repository / Amazon CloudFront, TCP/HTTPS 443     | veeam-worker        | veeam-update-repository | tcp   | 443       |      |
      Backup server → Backup server, TCP/HTTPS 6172                           | veeam-backup-server | veeam-backup-server     | tcp   | 6172      |      | loopback
      Backup server → Worker, TCP 19000                                       | veeam-backup-server | veeam-worker            | tcp   | 19000     |      |
      Backup server → Worker, TCP/HTTPS 443                                   | veeam-backup-server | veeam-worker            | tcp   | 443       |      |
      """;

  @Test
  void catalogHoldsExactlyTheRowsOfTheStoredPage() {
    Product p = SeedTable.product("veeam");
    assertSameRows(parse(PORTS), actualFromPage(p, Bindings.DEFAULTS, PAGE));
    assertSameRows(parse("Veeam Backup & Replication console → Backup server, TCP 443 | veeam-console | veeam-backup-server | tcp | 443 | |"),
        actualFromPage(p, Bindings.DEFAULTS, EXPLORERS));
    SeedTable.assertPageProvenance(p, PAGE, EXPLORERS);
  }

  @Test
  void defaultRangesAreConfigurableAndTheUpdateRepositoryIsKnownByName() {
    Product p = SeedTable.product("veeam");
    assertThat(SeedTable.configurables(p)).isEqualTo(Map.of(
        "veeam_transport_range", "2500-3300", "veeam_metadata_range", "2500-3300", "veeam_data_mover_port", "6162"));
    var narrowed = new Bindings(Map.of("veeam_transport_range", PortSet.range(2500, 2599)), 1, Map.of());
    assertThat(actualFromPage(p, narrowed, PAGE))
        .anyMatch(r -> r.to().equals("veeam-repository") && r.ports().equals("2500-2599"))
        .noneMatch(r -> r.to().equals("veeam-repository") && r.ports().equals("2500-3300"))
        .anyMatch(r -> r.to().equals("veeam-backup-server") && r.ports().equals("2500-3300"));
    assertThat(p.role("veeam-update-repository").orElseThrow().fqdns()).containsExactly("repository.veeam.com", "*.cloudfront.net", "*.amazonaws.com");
  }
}
