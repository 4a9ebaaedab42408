package org.portolan.catalog.seeds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.portolan.catalog.seeds.SeedTable.actualFromPage;
import static org.portolan.catalog.seeds.SeedTable.assertSameRows;
import static org.portolan.catalog.seeds.SeedTable.parse;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.portolan.model.Bindings;
import org.portolan.model.Product;

/**
 * ConfigMgr site system roles: the encoded sections of Microsoft's "Ports used in
 * Configuration Manager", read by hand (first cell: the row's ports as the section lists
 * them; {@code <-->} sections appear in both directions). RPC DYNAMIC is the Windows default
 * 49152-65535 (Note 6).
 */
class ConfigmgrSiteSystemsCatalogTest {
  static final String PAGE = "https://learn.microsoft.com/en-us/mem/configmgr/core/plan-design/hierarchy/ports";
  static final String S = "site-systems";

  static final String SECTIONS = """
      # row                                              | from                  | to                          | proto | ports              | when                                  | flags
      Client notification 10123 / HTTP 80 / HTTPS 443    | site-client           | management-point            | tcp   | 80 443 10123       | site-systems                          |
      HTTP 80 / HTTPS 443 / Express updates 8005         | site-client           | distribution-point          | tcp   | 80 443 8005        | site-systems                          |
      SMB 445 / Multicast protocol 63000-64000           | site-client           | distribution-point          | tcp   | 445                | site-systems && multicast             |
      SMB 445 / Multicast protocol 63000-64000           | site-client           | distribution-point          | udp   | 63000-64000        | site-systems && multicast             |
      DHCP 67 and 68 / TFTP 69 / BINL 4011               | site-client           | distribution-point          | udp   | 67 68 69 4011      | site-systems && pxe                   |
      Global catalog LDAP 3268                           | site-client           | child-dc                    | tcp   | 3268               | site-systems                          |
      HTTP 80 or 8530 / HTTPS 443 or 8531                | site-client           | software-update-point       | tcp   | 8530 8531          | site-systems                          |
      HTTP 80 / HTTPS 443                                | distribution-point    | management-point            | tcp   | 80 443             | site-systems                          |
      LDAP / LDAPS / Global catalog LDAP / RPC Endpoint Mapper / RPC | management-point | child-dc             | tcp   | 135 389 636 3268 49152-65535 | site-systems                |
      LDAP / LDAPS / Global catalog LDAP / RPC Endpoint Mapper / RPC | management-point | child-dc             | udp   | 389 636            | site-systems                          |
      RPC Endpoint mapper 135 / RPC DYNAMIC / SMB 445    | management-point      | primary-site-server         | tcp   | 135 445 49152-65535 | site-systems                         |
      RPC Endpoint mapper 135 / RPC DYNAMIC / SMB 445    | primary-site-server   | management-point            | tcp   | 135 445 49152-65535 | site-systems                         |
      SQL over TCP 1433                                  | management-point      | site-database-server        | tcp   | 1433               | site-systems                          |
      SMB 445 / RPC Endpoint Mapper 135 / RPC DYNAMIC    | primary-site-server   | distribution-point          | tcp   | 135 445 49152-65535 | site-systems                         |
      SMB 445 / RPC Endpoint Mapper 135 / RPC DYNAMIC    | primary-site-server   | distribution-point          | udp   | 135                | site-systems                          |
      LDAP / LDAPS / Global catalog LDAP / RPC Endpoint Mapper / RPC | primary-site-server | child-dc          | tcp   | 135 389 636 3268 49152-65535 | site-systems                |
      LDAP / LDAPS / Global catalog LDAP / RPC Endpoint Mapper / RPC | primary-site-server | child-dc          | udp   | 389 636            | site-systems                          |
      SQL over TCP 1433                                  | primary-site-server   | site-database-server        | tcp   | 1433               | site-systems                          |
      During installation: SMB 445 / RPC Endpoint Mapper 135 / RPC DYNAMIC | primary-site-server | site-database-server | tcp | 135 445 49152-65535 | site-systems && remote-database-setup |
      During installation: SMB 445 / RPC Endpoint Mapper 135 / RPC DYNAMIC | primary-site-server | site-database-server | udp | 135            | site-systems && remote-database-setup |
      SQL over TCP 1433                                  | primary-site-server   | wsus-database-server        | tcp   | 1433               | site-systems && wsus-maintenance      |
      SMB 445 / HTTP 80 or 8530 / HTTPS 443 or 8531      | primary-site-server   | software-update-point       | tcp   | 445 8530 8531      | site-systems                          |
      SMB 445 / HTTP 80 or 8530 / HTTPS 443 or 8531      | software-update-point | primary-site-server         | tcp   | 445 8530 8531      | site-systems                          |
      HTTP 80                                            | software-update-point | sup-internet                | tcp   | 80                 | site-systems && sup-upstream=microsoft-update |
      HTTP 80 or 8530 / HTTPS 443 or 8531                | software-update-point | upstream-wsus-server        | tcp   | 8530 8531          | site-systems && sup-upstream=wsus-server |
      SQL Server service 1433 / SQL Server Service Broker 4022 | site-database-server | parent-site-database-server | tcp | 1433 4022     | site-systems && intersite-replication |
      SQL Server service 1433 / SQL Server Service Broker 4022 | parent-site-database-server | site-database-server | tcp | 1433 4022     | site-systems && intersite-replication |
      """;

  @Test
  void catalogHoldsExactlyTheRowsOfTheEncodedSections() {
    Product p = SeedTable.product("configmgr");
    assertSameRows(parse(SECTIONS), actualFromPage(p, Bindings.DEFAULTS, PAGE));
    SeedTable.assertPageProvenance(p, PAGE);
  }

  @Test
  void siteSystemsLeaveTheTrustScenarioAsItWas() {
    Product p = SeedTable.product("configmgr");
    assertThat(SeedTable.active(p, Map.of(), Map.of())).allMatch(id -> id.startsWith("cas-") || id.startsWith("pss-"));
    assertThat(SeedTable.active(p, Map.of(S, true), Map.of())).contains("client-mp", "mp-sql", "site-sup", "sup-internet")
        .doesNotContain("client-dp-pxe", "sup-upstream", "sql-sql");
  }

  @Test
  void sharedSetsCarryTheSqlAndWsusPorts() {
    Product p = SeedTable.product("configmgr");
    assertThat(p.requirement("mp-sql").orElseThrow().serviceSets()).containsExactly("sql-server-client");
    assertThat(p.requirement("client-sup").orElseThrow().serviceSets()).containsExactly("wsus-client");
    assertThat(p.requirement("mp-dc").orElseThrow().serviceSets()).containsExactly("configmgr-to-dc");
    assertThat(SeedTable.configurables(p)).containsEntry("client_notification_port", "10123").containsEntry("express_updates_port", "8005")
        .containsEntry("sql_port", "1433").containsEntry("wsus_http_port", "8530");
  }
}
