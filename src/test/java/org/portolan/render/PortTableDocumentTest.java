package org.portolan.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.portolan.catalog.Catalog;
import org.portolan.catalog.CatalogLoader;
import org.portolan.cli.Cli;
import org.portolan.deployment.Deployment;
import org.portolan.deployment.DeploymentLoader;
import org.portolan.diag.Diagnostics;
import org.portolan.model.Product;
import org.portolan.plan.FlowPlan;
import org.portolan.plan.Planner;

class PortTableDocumentTest {
  private static final Catalog FIXTURE = load();

  private static Catalog load() {
    Diagnostics d = new Diagnostics();
    Catalog c = CatalogLoader.load(List.of(Cli.resource("fixtures/catalog")), d);
    d.throwIfErrors();
    return c;
  }

  @Test
  void productTablesMatchGolden() throws Exception {
    Product demo = FIXTURE.product("demo").orElseThrow();
    Golden.assertMatches("render/doc/demo-product.md", PortTableDocument.markdown(demo));
    Golden.assertMatches("render/doc/demo-product.csv", PortTableDocument.csv(demo));
  }

  @Test
  void siteTablesMatchGolden() throws Exception {
    Diagnostics d = new Diagnostics();
    Deployment dep = DeploymentLoader.load(Cli.resource("fixtures/site.yaml"), FIXTURE, d);
    FlowPlan plan = Planner.plan(FIXTURE, dep, d);
    d.throwIfErrors();
    Golden.assertMatches("render/doc/demo-site.md", PortTableDocument.markdown(plan, dep, FIXTURE));
  }

  @Test
  void everyRequirementAppearsOnBothSides() {
    Product demo = FIXTURE.product("demo").orElseThrow();
    String csv = PortTableDocument.csv(demo);
    // web: client -> server tcp 80,443 and the configurable port: outbound on the client, inbound on the server
    assertThat(csv).contains("demo,Server,Inbound,client,tcp,\"80, 443\",Web,,");
    assertThat(csv).contains("demo,client,Outbound,Server,tcp,\"80, 443\",Web,,");
    assertThat(csv).contains("demo,client,Outbound,Server,tcp,8080 (configurable: web_port),Web,,web_port");
    assertThat(csv.lines().filter(l -> l.contains("4000, 4002, … (one per array member)")).count()).isEqualTo(4);
  }

  @Test
  void bundledProductsRenderEveryRequirement() {
    Catalog bundled = CatalogLoader.bundled();
    for (Product p : bundled.products()) {
      String md = PortTableDocument.markdown(p);
      long rows = md.lines().filter(l -> l.startsWith("| ") && !l.startsWith("| Port")).count();
      long expected = p.requirements().stream().mapToLong(q -> (long) q.services().size() * (q.loopback() ? 1 : q.responders().size() + 1)).sum();
      assertThat(rows).as(p.id()).isEqualTo(expected);
    }
  }
}
