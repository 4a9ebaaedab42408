package org.portolan.catalog.seeds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.portolan.catalog.seeds.SeedTable.actual;
import static org.portolan.catalog.seeds.SeedTable.assertSameRows;
import static org.portolan.catalog.seeds.SeedTable.parse;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.portolan.model.Bindings;
import org.portolan.model.PortSet;
import org.portolan.model.Product;

/** Seed 003: Tarantella, four pipe tables (Source | Destination | Destination port | Purpose). */
class TarantellaSeedTest {
  static final String DOCUMENT = "003_8cd35d8221901768.txt";

  /**
   * Read with a two-member array: the Netlet series give 4000 4002 and 4001 4003. The Netlet
   * applet runs in the browser on the client machine, so the three Netlet rows are loopback.
   */
  static final String TABLE = """
      # line | source             | destination        | proto | ports       | when           | flags
      4      | client             | web-server         | tcp   | 80          |                |
      5      | client             | web-server         | tcp   | 443         |                |
      6      | client             | tarantella-server  | tcp   | 3144        |                |
      7      | client             | tarantella-server  | tcp   | 5307        | security-pack  |
      10     | tarantella-server  | application-server | tcp   | 22          |                |
      11     | tarantella-server  | application-server | tcp   | 23          |                |
      # binds only if WINS services are enabled
      12     | application-server | tarantella-server  | udp   | 137         | wins           |
      13     | tarantella-server  | windows-server     | udp   | 137         | nt-login       |
      # binds whether or not client drive mapping is enabled
      14     | application-server | tarantella-server  | tcp   | 139         |                |
      15     | tarantella-server  | windows-server     | tcp   | 139         | nt-login       |
      16     | tarantella-server  | ldap-server        | tcp   | 389         | ldap           |
      17     | tarantella-server  | application-server | tcp   | 512         |                |
      18     | tarantella-server  | application-server | tcp   | 513         |                |
      19     | tarantella-server  | application-server | tcp   | 514         |                |
      20     | application-server | tarantella-server  | tcp   | 515         |                |
      21     | tarantella-server  | ldap-server        | tcp   | 636         | ldap           |
      22     | tarantella-server  | securid-server     | udp   | 1024-65535  | securid        |
      23     | tarantella-server  | application-server | tcp   | 3389        |                |
      24     | tarantella-server  | application-server | tcp   | 3579        |                |
      25     | application-server | tarantella-server  | udp   | 3579        |                |
      26     | securid-server     | tarantella-server  | udp   | 5500        | securid        |
      27     | tarantella-server  | application-server | tcp   | 5999        |                |
      28     | application-server | tarantella-server  | tcp   | 6010-65535  |                |
      31     | tarantella-server  | tarantella-server  | tcp   | 5427        |                |
      34     | portal-server      | web-server         | tcp   | 80          | sun-one-portal |
      35     | portal-server      | tarantella-server  | tcp   | 3144        | sun-one-portal |
      36     | client             | netlet-applet      | tcp   | 4000 4002   | sun-one-portal | loopback
      37     | client             | netlet-applet      | tcp   | 4001 4003   | sun-one-portal | loopback
      38     | native-client      | netlet-applet      | tcp   | 8087        | sun-one-portal | loopback
      39     | portal-server      | tarantella-server  | tcp   | 30144       | sun-one-portal |
      """;

  static final Bindings TWO_MEMBERS = new Bindings(Map.of(), 2, Map.of());

  @Test
  void catalogHoldsExactlyTheRowsOfTheFourTables() {
    Product p = SeedTable.product("tarantella");
    assertSameRows(parse(TABLE), actual(p, TWO_MEMBERS));
    SeedTable.assertProvenance(p, DOCUMENT, 39);
  }

  @Test
  void netletSeriesGrowsWithTheArray() {
    Product p = SeedTable.product("tarantella");
    var login = p.requirement("netlet-login").orElseThrow().services().getFirst().ports();
    assertThat(login.resolve(Bindings.DEFAULTS)).isEqualTo(PortSet.of(4000));
    assertThat(login.resolve(new Bindings(Map.of(), 4, Map.of()))).isEqualTo(PortSet.of(4000, 4002, 4004, 4006));
    var apps = p.requirement("netlet-applications").orElseThrow().services().getFirst().ports();
    assertThat(apps.resolve(new Bindings(Map.of(), 3, Map.of()))).isEqualTo(PortSet.of(4001, 4003, 4005));
    assertThatThrownBy(() -> login.resolve(new Bindings(Map.of(), 40000, Map.of()))).hasMessageContaining("beyond 65535");
  }

  @Test
  void optionalPartsAreFeaturesOffByDefault() {
    Product p = SeedTable.product("tarantella");
    assertThat(SeedTable.defaults(p)).isEqualTo(Map.of(
        "security-pack", false, "wins", false, "nt-login", false, "ldap", false, "securid", false, "sun-one-portal", false));
  }
}
