package org.portolan.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.portolan.catalog.Catalog;
import org.portolan.catalog.CatalogLoader;
import org.portolan.deployment.Deployment;
import org.portolan.deployment.DeploymentLoader;
import org.portolan.diag.Diagnostics;
import org.portolan.diag.ExitCode;
import org.portolan.model.FlowRequirement;
import org.portolan.model.Product;
import org.portolan.model.Role;
import org.portolan.plan.FlowPlan;
import org.portolan.plan.Planner;
import org.portolan.testing.Cli;

/** The renderers on the bundled catalog (every product) and on a site that deploys ZENworks. */
class BundledCatalogRenderTest {
  static final Catalog CATALOG = CatalogLoader.bundled();
  static final Path SITE = Fixtures.resource("site/site.yaml");

  @TempDir Path dir;

  @Test
  void everyProductDiagramHasEveryRoleAndAnArrowPerRequirementAndResponder() {
    assertThat(CATALOG.products()).hasSizeGreaterThanOrEqualTo(5);
    for (Product p : CATALOG.products()) {
      Graph g = GraphBuilder.product(p);
      Map<String, String> id = Stream.concat(g.clusters().stream().flatMap(c -> c.nodes().stream()), g.looseNodes().stream())
          .collect(Collectors.toMap(Graph.Node::tooltip, Graph.Node::id));
      assertThat(id.keySet()).as(p.id()).containsExactlyInAnyOrderElementsOf(p.roles().stream().map(Role::id).toList());
      Set<String> externalIds = g.clusters().stream().filter(Graph.Cluster::external).flatMap(c -> c.nodes().stream()).map(Graph.Node::tooltip)
          .collect(Collectors.toSet());
      assertThat(externalIds).as(p.id()).containsExactlyInAnyOrderElementsOf(p.roles().stream().filter(Role::isExternal).map(Role::id).toList());
      Set<Graph.Edge> used = new HashSet<>();
      for (FlowRequirement r : p.requirements())
        for (String responder : r.responders()) {
          List<Graph.Edge> edges = g.edges().stream().filter(e -> e.from().equals(id.get(r.initiator())) && e.to().equals(id.get(responder))
              && List.of(e.tooltip().split(", ")).contains(r.id())).toList();
          assertThat(edges).as("%s %s -> %s", p.id(), r.id(), responder).singleElement()
              .satisfies(e -> assertThat(e.dashed()).isEqualTo(!r.condition().notation().isEmpty()));
          used.add(edges.getFirst());
        }
      assertThat(used).as("%s: no arrow without a requirement", p.id()).hasSameSizeAs(g.edges());
      if (Diagrams.graphvizAvailable()) assertThat(Diagrams.svg(Diagrams.dot(p))).as(p.id()).contains("</svg>");
    }
  }

  @Test
  void everyProductHasPortTablesForItsComponents() {
    for (Product p : CATALOG.products()) {
      List<PortTables.Table> tables = PortTables.tables(p);
      assertThat(tables).extracting(t -> t.component().id())
          .containsExactlyElementsOf(p.roles().stream().filter(r -> !r.isExternal()).map(Role::id).toList());
      // every service of every requirement appears at its initiator
      for (FlowRequirement r : p.requirements()) {
        if (p.role(r.initiator()).orElseThrow().isExternal()) continue;
        long atInitiator = tables.stream().filter(t -> t.component().id().equals(r.initiator())).flatMap(t -> t.rows().stream())
            .filter(row -> row.requirement().equals(r.id())).count();
        // one row per service and responder (a flow to itself is one Loopback row)
        long expected = (long) r.services().size() * r.responders().size();
        assertThat(atInitiator).as("%s/%s", p.id(), r.id()).isEqualTo(expected);
      }
      assertThat(PortTables.markdown(p)).contains("## Ports used by the ");
    }
  }

  @Test
  void aZenworksSiteReportsEveryPlannedFlow() throws Exception {
    Diagnostics d = new Diagnostics();
    Deployment dep = DeploymentLoader.load(SITE, CATALOG, d);
    FlowPlan plan = Planner.plan(CATALOG, dep, d);
    d.throwIfErrors();
    assertThat(plan.flows()).isNotEmpty();

    Path html = dir.resolve("r.html"), xlsx = dir.resolve("r.xlsx");
    Cli o = Cli.run("report", SITE.toString(), "-o", html.toString(), "--xlsx", xlsx.toString());
    assertThat(o.code()).as(o.err()).isEqualTo(ExitCode.OK);
    String text = Files.readString(html);
    for (var f : plan.flows()) assertThat(text).contains("<span class=\"muted\">" + Html.escape(f.name()) + "</span>");
    assertThat(text).contains("<h3>zcm: ZENworks Configuration Management");
    try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(Files.readAllBytes(xlsx)))) {
      assertThat(wb.getSheet("Flows").getLastRowNum()).isEqualTo(plan.flows().size());
      long needed = 0;
      var ports = wb.getSheet("Port tables");
      for (int i = 1; i <= ports.getLastRowNum(); i++) if (ports.getRow(i).getCell(10).getStringCellValue().equals("yes")) needed++;
      // each planned (non-loopback) flow appears as needed at its initiator and at its responder
      assertThat(needed).isPositive().isLessThan(ports.getLastRowNum());
    }

    Cli m = Cli.run("diagram", SITE.toString(), "--format", "mermaid");
    assertThat(m.code()).as(m.err()).isEqualTo(ExitCode.OK);
    assertThat(m.out()).contains("subgraph c1[\"zone servers\"]").contains("workstations");
    Cli product = Cli.run("diagram", "zenworks");
    assertThat(product.code()).as(product.err()).isEqualTo(ExitCode.OK);
    assertThat(product.out()).contains("novell.cdn.lumension.com").contains("style=dashed");
    Cli unknown = Cli.run("diagram", "no-such-product");
    assertThat(unknown.code()).isEqualTo(ExitCode.USAGE);
    assertThat(unknown.err()).contains("no product 'no-such-product'").contains("zenworks");
    assertThat(Optional.of(dep).map(Deployment::site)).contains("Render test site");
  }
}
