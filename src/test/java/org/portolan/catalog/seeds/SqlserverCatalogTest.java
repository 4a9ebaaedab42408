package org.portolan.catalog.seeds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.portolan.catalog.seeds.SeedTable.actualFromPage;
import static org.portolan.catalog.seeds.SeedTable.assertSameRows;
import static org.portolan.catalog.seeds.SeedTable.parse;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.portolan.model.Bindings;
import org.portolan.model.PortSet;
import org.portolan.model.Product;

/**
 * SQL Server Database Engine: the page's "Ports used by the Database Engine" table and the
 * database mirroring endpoint page, read by hand (first cell: the row as the page labels it).
 */
class SqlserverCatalogTest {
  static final String FIREWALL = "https://learn.microsoft.com/en-us/sql/sql-server/install/configure-the-windows-firewall-to-allow-sql-server-access";
  static final String ENDPOINT = "https://learn.microsoft.com/sql/database-engine/database-mirroring/the-database-mirroring-endpoint-sql-server";

  /** Read with a named instance fixed on 50123 and its DAC on 50124 (the page gives no default for either). */
  static final String DATABASE_ENGINE = """
      # row                                                     | from       | to         | proto | ports | when                                                | flags
      SQL Server default instance running over TCP              | sql-client | sql-server | tcp   | 1433  | instance=default                                    |
      SQL Server named instances in the default configuration   | sql-client | sql-server | tcp   | 50123 | instance=named                                      |
      SQL Server Browser service                                | sql-client | sql-server | udp   | 1434  | browser && instance=named                            |
      Dedicated Admin Connection                                | sql-admin  | sql-server | tcp   | 1434  | remote-dac && instance=default                       |
      Dedicated Admin Connection                                | sql-admin  | sql-server | tcp   | 50124 | remote-dac && instance=named                         |
      SQL Server instance running over an HTTP endpoint         | sql-client | sql-server | tcp   | 80    | http-endpoint                                       |
      SQL Server instance running over an HTTP endpoint         | sql-client | sql-server | tcp   | 443   | http-endpoint                                       |
      SQL Server default instance running over an HTTPS endpoint| sql-client | sql-server | tcp   | 443   | http-endpoint && instance=default                    |
      Service Broker                                            | sql-server | sql-server | tcp   | 4022  | service-broker                                      |
      Database Mirroring                                        | sql-server | sql-server | tcp   | 5022  | database-mirroring                                  |
      Transact-SQL debugger                                     | sql-server | sql-admin  | tcp   | 135   | tsql-debugger                                       |
      """;

  static final String MIRRORING_ENDPOINT = """
      Always On availability groups use the database mirroring endpoint | sql-server | sql-server | tcp | 5022 | availability-groups |
      """;

  static final Bindings NAMED = new Bindings(Map.of(), 1, Map.of("sql-named", PortSet.range(50123, 50123), "sql-dac-named", PortSet.range(50124, 50124)));

  @Test
  void catalogHoldsExactlyTheRowsOfTheDatabaseEngineTable() {
    Product p = SeedTable.product("sqlserver");
    assertSameRows(parse(DATABASE_ENGINE), actualFromPage(p, NAMED, FIREWALL));
    assertSameRows(parse(MIRRORING_ENDPOINT), actualFromPage(p, NAMED, ENDPOINT));
    SeedTable.assertPageProvenance(p, FIREWALL, ENDPOINT);
  }

  @Test
  void aNamedInstanceHasNoAssumedPort() {
    Product p = SeedTable.product("sqlserver");
    var named = p.requirement("named-instance").orElseThrow().services().getFirst().ports();
    assertThatThrownBy(() -> named.resolve(Bindings.DEFAULTS)).hasMessageContaining("sql-named");
  }

  @Test
  void byDefaultOnlyTheDefaultInstanceIsReachable() {
    Product p = SeedTable.product("sqlserver");
    assertThat(SeedTable.active(p, Map.of(), Map.of())).containsExactly("default-instance");
    assertThat(SeedTable.active(p, Map.of("browser", true), Map.of("instance", "named"))).containsExactlyInAnyOrder("named-instance", "browser");
    // the Browser alone does not open anything for a default instance
    assertThat(SeedTable.active(p, Map.of("browser", true), Map.of())).containsExactly("default-instance");
  }

  @Test
  void clientAccessIsTheSharedSetWithAConfigurablePort() {
    Product p = SeedTable.product("sqlserver");
    assertThat(p.requirement("default-instance").orElseThrow().serviceSets()).containsExactly("sql-server-client");
    assertThat(SeedTable.configurables(p)).containsEntry("sql_port", "1433").containsEntry("mirroring_endpoint_port", "5022")
        .containsEntry("service_broker_port", "4022");
  }
}
