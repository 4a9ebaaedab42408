package org.portolan.catalog.seeds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.portolan.catalog.seeds.SeedTable.active;
import static org.portolan.catalog.seeds.SeedTable.actual;
import static org.portolan.catalog.seeds.SeedTable.assertSameRows;
import static org.portolan.catalog.seeds.SeedTable.parse;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.portolan.model.Bindings;
import org.portolan.model.Product;

/** Seed 000: ZENworks Configuration Management, Table 3-3, read row by row. */
class ZenworksSeedTest {
  static final String DOCUMENT = "000_9265f1c1d68c9237.txt";

  /*
   * Read from the document. "Stateful" cells exist on the TCP rows 80, 443, 2645, 389/636,
   * 2638, 1433, 1521 and 998 only: every other row is stateless. "Open on X" names the
   * responder; "between X and Y" and the purpose name the initiator.
   */
  static final String TABLE = """
      # line | initiator       | responder               | proto | ports     | when                             | flags
      13     | managed-device  | primary-server          | tcp   | 80        |                                  |
      13     | managed-device  | satellite               | tcp   | 80        |                                  |
      # patch content over HTTP from the Akamai CDN
      21     | primary-server  | patch-cdn               | tcp   | 80        | patch-management                 |
      23     | managed-device  | primary-server          | tcp   | 443       |                                  |
      # system updates from NCC and PRU, "by default" over 443
      31     | primary-server  | ncc-update-server       | tcp   | 443       | ncc-updates                      |
      # license information from Lumension, checksum data from the CDN, over HTTPS
      33     | primary-server  | lumension-licensing     | tcp   | 443       | patch-management                 |
      33     | primary-server  | patch-cdn               | tcp   | 443       | patch-management                 |
      35     | managed-device  | primary-server          | tcp   | 2645      |                                  |
      43     | primary-server  | directory-server        | tcp   | 389 636   |                                  |
      51     | primary-server  | database-server         | tcp   | 2638      | database=sybase                  |
      59     | primary-server  | database-server         | tcp   | 1433      | database=mssql                   |
      67     | primary-server  | database-server         | tcp   | 1521      | database=oracle                  |
      75     | pxe-device      | primary-server          | tcp   | 998       | imaging                          |
      75     | pxe-device      | imaging-satellite       | tcp   | 998       | imaging                          |
      # 67 if the server is not also a DHCP server, otherwise BINL 4011
      83     | pxe-device      | primary-server          | udp   | 67        | imaging && !server-is-dhcp       | stateless
      83     | pxe-device      | imaging-satellite       | udp   | 67        | imaging && !server-is-dhcp       | stateless
      83     | pxe-device      | primary-server          | udp   | 4011      | imaging && server-is-dhcp        | stateless
      83     | pxe-device      | imaging-satellite       | udp   | 4011      | imaging && server-is-dhcp        | stateless
      89     | pxe-device      | primary-server          | udp   | 69        | imaging                          | stateless
      89     | pxe-device      | imaging-satellite       | udp   | 69        | imaging                          | stateless
      95     | pxe-device      | primary-server          | udp   | 13331     | imaging                          | stateless
      95     | pxe-device      | imaging-satellite       | udp   | 13331     | imaging                          | stateless
      101    | admin-console   | managed-device          | tcp   | 5950      |                                  | stateless
      107    | managed-device  | admin-console           | tcp   | 5550      |                                  | stateless
      # CIFS 137-139: NetBIOS name/datagram are UDP, session is TCP
      113    | primary-server  | discovery-target        | udp   | 137-138   | discovery                        | stateless
      113    | primary-server  | discovery-target        | tcp   | 139       | discovery                        | stateless
      113    | winproxy        | discovery-target        | udp   | 137-138   | discovery                        | stateless
      113    | winproxy        | discovery-target        | tcp   | 139       | discovery                        | stateless
      113    | primary-server  | cifs-image-server       | udp   | 137-138   | imaging && third-party-images    | stateless
      113    | primary-server  | cifs-image-server       | tcp   | 139       | imaging && third-party-images    | stateless
      # ICMP echo to find devices
      119    | primary-server  | discovery-target        | icmp  | 8         | discovery                        | stateless
      119    | winproxy        | discovery-target        | icmp  | 8         | discovery                        | stateless
      125    | primary-server  | managed-device          | tcp   | 7628      |                                  | stateless
      131    | primary-server  | managed-device          | udp   | 1761      |                                  | stateless
      135    | admin-console   | remote-management-proxy | tcp   | 5750      |                                  | stateless
      """;

  @Test
  void catalogHoldsExactlyTheRowsOfTable33() {
    Product p = SeedTable.product("zenworks");
    assertSameRows(parse(TABLE), actual(p, Bindings.DEFAULTS));
    SeedTable.assertProvenance(p, DOCUMENT, 138);
  }

  @Test
  void databaseIsOneChoiceOfThree() {
    Product p = SeedTable.product("zenworks");
    assertThat(p.choice("database")).hasValueSatisfying(c -> {
      assertThat(c.options()).containsExactly("sybase", "mssql", "oracle");
      assertThat(c.defaultOption()).isEqualTo("sybase");
    });
    assertThat(active(p, Map.of(), Map.of("database", "oracle")))
        .contains("database-oracle").doesNotContain("database-sybase", "database-mssql");
    assertThat(active(p, Map.of(), Map.of()))
        .contains("database-sybase").doesNotContain("database-oracle", "database-mssql");
  }

  @Test
  void proxyDhcpUsesPort67UnlessTheServerIsAlsoTheDhcpServer() {
    Product p = SeedTable.product("zenworks");
    assertThat(active(p, Map.of("imaging", true), Map.of())).contains("proxy-dhcp", "tftp").doesNotContain("proxy-dhcp-binl");
    assertThat(active(p, Map.of("imaging", true, "server-is-dhcp", true), Map.of())).contains("proxy-dhcp-binl").doesNotContain("proxy-dhcp");
    assertThat(active(p, Map.of("server-is-dhcp", true), Map.of())).doesNotContain("proxy-dhcp", "proxy-dhcp-binl", "tftp", "imaging");
  }

  @Test
  void patchCdnIsAnExternalEndpointByName() {
    Product p = SeedTable.product("zenworks");
    assertThat(p.role("patch-cdn")).hasValueSatisfying(r -> assertThat(r.fqdns()).containsExactly("novell.cdn.lumension.com"));
    // The document names no host for these two: the deployment must supply them.
    assertThat(p.role("lumension-licensing")).hasValueSatisfying(r -> assertThat(r.isExternal()).isFalse());
    assertThat(p.role("ncc-update-server")).hasValueSatisfying(r -> assertThat(r.isExternal()).isFalse());
  }
}
