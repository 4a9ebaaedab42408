package org.portolan.catalog.seeds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.portolan.catalog.seeds.SeedTable.active;
import static org.portolan.catalog.seeds.SeedTable.actual;
import static org.portolan.catalog.seeds.SeedTable.assertSameRows;
import static org.portolan.catalog.seeds.SeedTable.parse;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.portolan.model.Bindings;
import org.portolan.model.PortSet;
import org.portolan.model.Product;

/**
 * Seed 002: 1E Shopping, one table per component. "Outbound" makes the component the
 * initiator, "Inbound" the responder. The Website's "TCP 80 Inbound" (line 15) is the same
 * connection as the client's (59) and the receiver's (50) "Outbound" rows; the client's WMI
 * "Inbound" (60) is the receiver's WMI "Outbound" to remote clients (51).
 */
class ShoppingSeedTest {
  static final String DOCUMENT = "002_aece048799c39b1b.txt";

  /** Default configurable ports; WMI (DCOM) = 135, 445 and the RPC dynamic range 49152-65535. */
  static final String TABLE = """
      # line | initiator          | responder               | proto | ports               | when                | flags
      # Shopping Website
      16     | website            | shopping-database       | tcp   | 1433                |                     |
      17     | website            | domain-controller       | tcp   | 389                 |                     |
      # the note on line 17: "unsecured (389 and 3268) ports on the domain controller are not blocked"
      17     | website            | domain-controller       | tcp   | 3268                |                     |
      18     | website            | domain-controller       | tcp   | 636 3269            |                     |
      18     | domain-controller  | website                 | tcp   | 636 3269            | ldaps-inbound       |
      # Shopping Central Service
      23     | central-service    | activeefficiency-server | tcp   | 80                  |                     |
      24     | central-service    | domain-controller       | tcp   | 389                 |                     |
      25     | central-service    | shopping-database       | tcp   | 1433                |                     |
      27     | central-service    | configmgr-site-database | tcp   | 1433                | !rbac               |
      28     | central-service    | sms-provider            | tcp   | 135 445 49152-65535 |                     |
      29     | central-service    | smtp-gateway            | tcp   | 25                  |                     |
      30     | central-service    | pop3-server             | tcp   | 110                 | lab-pop3            |
      31     | central-service    | appclarity-server       | tcp   | 8335                | appclarity          |
      32     | central-service    | domain-controller       | tcp   | 636 3269            |                     |
      32     | domain-controller  | central-service         | tcp   | 636 3269            | ldaps-inbound       |
      # Shopping Admin Console
      39     | admin-console      | shopping-database       | tcp   | 1433                |                     |
      40     | admin-console      | configmgr-site-database | tcp   | 1433                | !rbac               |
      41     | admin-console      | domain-controller       | tcp   | 389                 |                     |
      42     | admin-console      | sms-provider            | tcp   | 135 445 49152-65535 |                     |
      43     | admin-console      | domain-controller       | tcp   | 636 3269            |                     |
      43     | domain-controller  | admin-console           | tcp   | 636 3269            | ldaps-inbound       |
      # Shopping receiver (line 50 is also the Website's line 15)
      50     | receiver           | website                 | tcp   | 80                  |                     |
      # the SMS Provider "exists on the local server"
      51     | receiver           | receiver                | tcp   | 135 445 49152-65535 |                     | loopback
      52     | receiver           | configmgr-site-database | tcp   | 1433                | remote-configmgr-db |
      # Shopping clients (line 59 is also the Website's line 15; line 60 is the receiver's line 51 to remote clients)
      59     | client             | website                 | tcp   | 80                  |                     |
      60     | receiver           | client                  | tcp   | 135 445 49152-65535 | policy-refresh      |
      61     | client             | smtp-gateway            | tcp   | 25                  | lab-pop3            |
      61     | client             | pop3-server             | tcp   | 110                 | lab-pop3            |
      62     | client             | domain-controller       | tcp   | 389                 |                     |
      63     | client             | domain-controller       | tcp   | 636 3269            |                     |
      63     | domain-controller  | client                  | tcp   | 636 3269            | ldaps-inbound       |
      64     | client             | client                  | tcp   | 8000                |                     | loopback
      """;

  @Test
  void catalogHoldsExactlyTheRowsOfTheFiveTables() {
    Product p = SeedTable.product("1e-shopping");
    assertSameRows(parse(TABLE), actual(p, Bindings.DEFAULTS));
    SeedTable.assertProvenance(p, DOCUMENT, 64);
  }

  @Test
  void configurableColumnBecomesVariablesWithTheDocumentedDefaults() {
    Product p = SeedTable.product("1e-shopping");
    assertThat(SeedTable.configurables(p)).isEqualTo(Map.of(
        "website_port", "80",
        "shopping_db_port", "1433",
        "activeefficiency_port", "80",
        "configmgr_db_port", "1433",
        "smtp_port", "25",
        "pop3_port", "110",
        "client_smtp_port", "25",
        "client_pop3_port", "110",
        "tachyon_agent_port", "8000"));
  }

  @Test
  void oneWebsitePortOverrideMovesBothEndsOfTheConnection() {
    Product p = SeedTable.product("1e-shopping");
    Bindings b = new Bindings(Map.of("website_port", PortSet.of(8080)), 1, Map.of());
    for (String id : new String[] {"client-website-http", "receiver-website-http"})
      assertThat(p.requirement(id).orElseThrow().services().getFirst().ports().resolve(b)).as(id).isEqualTo(PortSet.of(8080));
  }

  @Test
  void rbacReplacesSqlToTheConfigMgrDatabaseWithWmi() {
    Product p = SeedTable.product("1e-shopping");
    assertThat(active(p, Map.of(), Map.of())).contains("central-configmgr-db", "console-configmgr-db", "central-sms-provider-wmi");
    assertThat(active(p, Map.of("rbac", true), Map.of()))
        .doesNotContain("central-configmgr-db", "console-configmgr-db")
        .contains("central-sms-provider-wmi", "console-sms-provider-wmi", "receiver-configmgr-db");
  }

  @Test
  void wmiUsesTheSharedSet() {
    Product p = SeedTable.product("1e-shopping");
    for (String id : new String[] {"central-sms-provider-wmi", "console-sms-provider-wmi", "receiver-local-sms-provider-wmi", "receiver-client-wmi"})
      assertThat(p.requirement(id).orElseThrow().serviceSets()).as(id).containsExactly("wmi-dcom");
  }
}
