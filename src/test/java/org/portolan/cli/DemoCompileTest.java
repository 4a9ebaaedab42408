package org.portolan.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.portolan.compile.Dialects;
import org.portolan.diag.Diagnostics;
import org.portolan.plan.FlowPlan;

/** The demo's compile step: every dialect for every firewall, refused flows listed beside the rules. */
class DemoCompileTest {
  @Test
  void everyDialectIsWrittenAndRefusedFlowsAreListed(@TempDir Path dir) throws Exception {
    List<Path> written = DemoCommand.compileEveryDialect(org.portolan.compile.Sites.enterprisePlan(), Optional.of(org.portolan.compile.Sites.enterprise()), dir);
    for (String name : Dialects.names()) assertThat(dir.resolve(name)).isDirectory();
    assertThat(written).contains(dir.resolve("iptables/core.iptables"), dir.resolve("xlsx/core.xlsx"), dir.resolve("iptables/REFUSED.txt"));
    assertThat(Files.readString(dir.resolve("iptables/REFUSED.txt"))).contains("erp/updates/patch-cdn/tcp").contains("NOT permitted");
    assertThat(dir.resolve("markdown/REFUSED.txt")).doesNotExist();
    long before = Files.getLastModifiedTime(dir.resolve("nftables/core.nft")).toMillis();
    byte[] xlsx = Files.readAllBytes(dir.resolve("xlsx/core.xlsx"));
    Thread.sleep(2100); // zip entry times have a 2-second resolution
    DemoCommand.compileEveryDialect(org.portolan.compile.Sites.enterprisePlan(), Optional.of(org.portolan.compile.Sites.enterprise()), dir);
    assertThat(Files.getLastModifiedTime(dir.resolve("nftables/core.nft")).toMillis()).as("unchanged files are not rewritten").isEqualTo(before);
    assertThat(Files.readAllBytes(dir.resolve("xlsx/core.xlsx"))).as("the same sheet gives the same bytes").isEqualTo(xlsx);
  }

  @Test
  void everyDialectOnTheBundledExampleSite(@TempDir Path dir) throws Exception {
    Path site = Path.of("examples/site.yaml");
    org.junit.jupiter.api.Assumptions.assumeTrue(Files.exists(site), "examples/site.yaml not present");
    Diagnostics d = new Diagnostics();
    var catalog = org.portolan.catalog.CatalogLoader.load(List.of(), d);
    var dep = org.portolan.deployment.DeploymentLoader.load(site, catalog, d);
    FlowPlan plan = org.portolan.plan.Planner.plan(catalog, dep, d);
    assertThat(d.errors()).isEmpty();
    List<Path> written = DemoCommand.compileEveryDialect(plan, Optional.of(dep), dir);
    for (String name : Dialects.names()) assertThat(dir.resolve(name)).isDirectory();
    for (var fw : dep.firewalls()) {
      String prefix = fw.kind() == org.portolan.deployment.Firewall.Kind.NETWORK ? fw.name() : fw.name() + "-";
      assertThat(written).anyMatch(p -> p.getFileName().toString().startsWith(prefix) && p.getParent().getFileName().toString().equals("nftables"));
    }
    assertThat(Files.readString(dir.resolve("nftables/REFUSED.txt"))).contains("NOT permitted");
  }
}
