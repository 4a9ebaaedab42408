package org.portolan.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.portolan.catalog.Catalog;
import org.portolan.catalog.CatalogLoader;
import org.portolan.deployment.Deployment;
import org.portolan.deployment.DeploymentLoader;
import org.portolan.deployment.Manage;
import org.portolan.diag.Diagnostic;
import org.portolan.diag.Diagnostics;
import org.portolan.plan.Planner;

/**
 * Inventory golden files (one folder per case under src/test/resources/fleet/inventory/, a
 * site.yaml and the expected inventory.yaml; -Dportolan.golden.update=true rewrites them,
 * a mismatch writes inventory.yaml.actual) and the manage: errors with file:line:column.
 */
class FleetInventoryTest {
  static final Path DIR = Path.of("src/test/resources/fleet/inventory");

  static Catalog catalog() {
    Diagnostics d = new Diagnostics();
    Catalog c = CatalogLoader.load(List.of(Path.of("src/test/resources/fleet/catalog")), d);
    assertThat(d.errors()).isEmpty();
    return c;
  }

  static Stream<Path> cases() throws Exception {
    return Files.list(DIR).filter(p -> Files.isRegularFile(p.resolve("site.yaml"))).sorted();
  }

  @ParameterizedTest
  @MethodSource("cases")
  void writesTheGoldenInventory(Path dir) throws Exception {
    Diagnostics d = new Diagnostics();
    Deployment dep = DeploymentLoader.parse(Files.readString(dir.resolve("site.yaml")), "site.yaml", catalog(), d);
    assertThat(d.errors()).isEmpty();
    String actual = Inventory.yaml(dep);
    Path golden = dir.resolve("inventory.yaml");
    if (Boolean.getBoolean("portolan.golden.update")) Files.writeString(golden, actual, StandardCharsets.UTF_8);
    String expected = Files.exists(golden) ? Files.readString(golden) : "";
    if (!expected.equals(actual)) Files.writeString(dir.resolve("inventory.yaml.actual"), actual, StandardCharsets.UTF_8);
    assertThat(actual).isEqualTo(expected);
  }

  @Test
  void defaultsReachTheHostByNameOverSshAndNeverByItsProbedAddress() throws Exception {
    Diagnostics d = new Diagnostics();
    Deployment dep = DeploymentLoader.parse(Files.readString(DIR.resolve("site/site.yaml")), "site.yaml", catalog(), d);
    var client = dep.host("client1").orElseThrow();
    assertThat(client.manage()).isEqualTo(Manage.DEFAULT);
    String inv = Inventory.yaml(dep);
    // client1 has no manage: entry, so no ansible_host: Ansible uses the name, not 198.18.50.10
    assertThat(inv).doesNotContain("198.18.50.10").doesNotContain("198.18.60.10");
    assertThat(dep.host("db1").orElseThrow().manage().effectivePort()).isEqualTo(5986);
  }

  @Test
  void initiatorsAndRespondersComeFromThePlan() throws Exception {
    Diagnostics d = new Diagnostics();
    Catalog c = catalog();
    Deployment dep = DeploymentLoader.parse(Files.readString(DIR.resolve("site/site.yaml")), "site.yaml", c, d);
    var plan = Planner.plan(c, dep, d);
    assertThat(Fleet.initiators(dep, plan).keySet()).containsExactly("client1", "web1", "app1");
    assertThat(Fleet.initiators(dep, plan).get("app1")).containsExactly("shop-prod/db-sql/db/tcp", "shop-prod/db-admin/db/tcp");
    assertThat(Fleet.responders(dep, plan)).containsExactly("web1", "app1", "db1", "db2");
  }

  record Bad(String entry, String at, String says) {}

  static Stream<Bad> badManage() {
    return Stream.of(
        new Bad("manage:\n      address: 198.18.1.0/24", "8:16", "one IP address or a DNS name"),
        new Bad("manage:\n      address: 'bad name!'", "8:16", "one IP address or a DNS name"),
        new Bad("manage:\n      connection: telnet", "8:7", "ssh"),
        new Bad("manage:\n      port: 70000", "8:7", "65535"),
        new Bad("manage:\n      java: relative/java", "8:13", "absolute path"),
        new Bad("manage:\n      adress: 198.18.1.1", "8:7", "adress"),
        new Bad("manage: 22", "7:5", "object"));
  }

  @ParameterizedTest
  @MethodSource("badManage")
  void badManageEntriesAreReportedAtTheirPosition(Bad c) {
    String yaml = """
        site: bad
        zones: [{name: users}]
        hosts:
          - name: client1
            addresses: [198.18.50.10]
            zone: users
            %s
        products:
          - product: shop
            roles: {client: [client1]}
        """.formatted(c.entry());
    Diagnostics d = new Diagnostics();
    Deployment dep = DeploymentLoader.parse(yaml, "bad.yaml", catalog(), d);
    assertThat(dep).isNull();
    assertThat(d.errors()).extracting(Diagnostic::render).anySatisfy(line -> assertThat(line).startsWith("bad.yaml:" + c.at() + ":").contains(c.says()));
  }
}
