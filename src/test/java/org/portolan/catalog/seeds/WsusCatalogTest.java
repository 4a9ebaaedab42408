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

/** WSUS: section 2.1 of "Step 2 - Configure WSUS", read by hand (first cell: the row or statement). */
class WsusCatalogTest {
  static final String PAGE = "https://learn.microsoft.com/en-us/windows-server/administration/windows-server-update-services/deploy/2-configure-wsus";

  static final String SECTION_2_1 = """
      # row                                                           | from                   | to                     | proto | ports     | when                      | flags
      URL list (http://)                                              | wsus-server            | microsoft-update-http  | tcp   | 80        | upstream=microsoft-update |
      URL list (https://)                                             | wsus-server            | microsoft-update-https | tcp   | 443       | upstream=microsoft-update |
      upstream and downstream servers synchronise on the configured ports | wsus-server        | upstream-wsus-server   | tcp   | 8530 8531 | upstream=wsus-server      |
      upstream and downstream servers synchronise on the configured ports | downstream-wsus-server | wsus-server        | tcp   | 8530 8531 | downstream-servers        |
      same default ports as between WSUS servers                      | wu-client              | wsus-server            | tcp   | 8530 8531 |                           |
      """;

  @Test
  void catalogHoldsExactlyTheRowsOfSection21() {
    Product p = SeedTable.product("wsus");
    assertSameRows(parse(SECTION_2_1), actualFromPage(p, Bindings.DEFAULTS, PAGE));
    SeedTable.assertPageProvenance(p, PAGE);
  }

  @Test
  void microsoftUpdateAddressesFollowTheirScheme() {
    Product p = SeedTable.product("wsus");
    assertThat(p.role("microsoft-update-http").orElseThrow().fqdns()).hasSize(10).contains("*.windowsupdate.com", "wustat.windows.com");
    assertThat(p.role("microsoft-update-https").orElseThrow().fqdns())
        .containsExactlyInAnyOrder("*.windowsupdate.microsoft.com", "*.update.microsoft.com", "download.microsoft.com", "dl.delivery.mp.microsoft.com");
  }

  @Test
  void oldWsusPortsAreABindingAway() {
    Product p = SeedTable.product("wsus");
    assertThat(SeedTable.configurables(p)).isEqualTo(Map.of("wsus_http_port", "8530", "wsus_https_port", "8531"));
    var old = new Bindings(Map.of("wsus_http_port", PortSet.range(80, 80), "wsus_https_port", PortSet.range(443, 443)), 1, Map.of());
    assertThat(actualFromPage(p, old, PAGE)).anyMatch(r -> r.from().equals("wu-client") && r.ports().equals("80 443"));
  }

  @Test
  void aServerSynchronisesFromOneUpstreamOnly() {
    Product p = SeedTable.product("wsus");
    assertThat(SeedTable.active(p, Map.of(), Map.of())).containsExactlyInAnyOrder("microsoft-update-http", "microsoft-update-https", "client-updates");
    assertThat(SeedTable.active(p, Map.of(), Map.of("upstream", "wsus-server"))).containsExactlyInAnyOrder("upstream-sync", "client-updates");
  }
}
