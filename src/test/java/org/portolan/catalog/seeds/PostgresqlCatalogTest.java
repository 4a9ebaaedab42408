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

/** PostgreSQL: the connection settings' port and the standby's primary_conninfo, read by hand. */
class PostgresqlCatalogTest {
  static final String CONNECTION = "https://postgresql.org/docs/13/runtime-config-connection.html";
  static final String STANDBY = "https://postgresql.org/docs/9.2/standby-settings.html";

  @Test
  void catalogHoldsExactlyTheRowsOfBothPages() {
    Product p = SeedTable.product("postgresql");
    assertSameRows(parse("port (integer) | pg-client | pg-primary | tcp | 5432 | |"), actualFromPage(p, Bindings.DEFAULTS, CONNECTION));
    assertSameRows(parse("primary_conninfo (string) | pg-standby | pg-primary | tcp | 5432 | streaming-replication |"),
        actualFromPage(p, Bindings.DEFAULTS, STANDBY));
    SeedTable.assertPageProvenance(p, CONNECTION, STANDBY);
  }

  @Test
  void oneServerPortServesClientsAndStandbys() {
    Product p = SeedTable.product("postgresql");
    assertThat(SeedTable.configurables(p)).isEqualTo(Map.of("pg_port", "5432"));
    var moved = new Bindings(Map.of("pg_port", PortSet.range(6432, 6432)), 1, Map.of());
    assertThat(actualFromPage(p, moved, STANDBY)).allMatch(r -> r.ports().equals("6432"));
    assertThat(SeedTable.active(p, Map.of(), Map.of())).containsExactly("client");
  }
}
