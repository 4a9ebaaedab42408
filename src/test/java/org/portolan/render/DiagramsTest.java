package org.portolan.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.portolan.plan.Endpoint;
import org.portolan.plan.Flow;
import org.portolan.plan.FlowPlan;
import org.portolan.testing.Golden;

class DiagramsTest {
  static Results results() {
    return Results.read(Optional.of(Fixtures.resource("results/verify.json")), Optional.of(Fixtures.resource("results/probe.json")),
        Optional.of(Fixtures.resource("results/capture.json")));
  }

  @Test
  void productGoldens() throws IOException {
    Golden.assertMatches(Golden.of("render/product-zen-mini/product.dot"), Diagrams.dot(Fixtures.product()));
    Golden.assertMatches(Golden.of("render/product-zen-mini/product.mmd"), Diagrams.mermaid(Fixtures.product()));
  }

  @Test
  void siteGoldensWithoutResults() throws IOException {
    Golden.assertMatches(Golden.of("render/site-plain/site.dot"), Diagrams.dot(Fixtures.plan(), Optional.of(Fixtures.deployment()), Results.NONE));
    Golden.assertMatches(Golden.of("render/site-plain/site.mmd"), Diagrams.mermaid(Fixtures.plan(), Optional.of(Fixtures.deployment()), Results.NONE));
  }

  @Test
  void siteGoldensWithResults() throws IOException {
    Results r = results();
    Golden.assertMatches(Golden.of("render/site-results/site.dot"), Diagrams.dot(Fixtures.plan(), Optional.of(Fixtures.deployment()), r));
    Golden.assertMatches(Golden.of("render/site-results/site.mmd"), Diagrams.mermaid(Fixtures.plan(), Optional.of(Fixtures.deployment()), r));
  }

  @Test
  void zoneGoldens() throws IOException {
    Golden.assertMatches(Golden.of("render/site-zones/zones.dot"), Diagrams.zonesDot(Fixtures.plan(), Optional.of(Fixtures.deployment()), results()));
    Golden.assertMatches(Golden.of("render/site-zones/zones.mmd"), Diagrams.zonesMermaid(Fixtures.plan(), Optional.of(Fixtures.deployment()), results()));
  }

  @Test
  void zoneArrowsCountTheFlowsThatCross() {
    Graph g = GraphBuilder.zones(Fixtures.plan(), Optional.of(Fixtures.deployment()), results());
    assertThat(g.looseNodes()).extracting(Graph.Node::label).containsExactly("zone servers", "zone clients");
    assertThat(g.clusters()).singleElement().satisfies(c -> assertThat(c.nodes()).extracting(Graph.Node::label).containsExactly("internet (external)"));
    int crossings = g.edges().stream().mapToInt(e -> Integer.parseInt(e.lines().getFirst().split(" ")[0])).sum();
    assertThat(crossings).isEqualTo(Fixtures.plan().flows().size()); // each fixture flow has one source and one destination zone
    assertThat(g.edges()).allSatisfy(e -> assertThat(e.lines().getFirst()).endsWith(e.status().orElseThrow().word()));
    assertThat(GraphBuilder.shorten("tcp 80,443,2645,8080,9090", 16)).isEqualTo("tcp 80,443,2645…");
  }

  @Test
  void everyFlowHasAnEdgeFromEachSourceToEachDestinationColouredByItsStatus() {
    Results r = results();
    FlowPlan plan = Fixtures.plan();
    Graph g = GraphBuilder.deployment(plan, Optional.of(Fixtures.deployment()), r);
    Map<String, String> idOf = Stream.concat(g.clusters().stream().flatMap(c -> c.nodes().stream()), g.looseNodes().stream())
        .collect(Collectors.toMap(Graph.Node::label, Graph.Node::id));
    for (Flow f : plan.flows())
      for (Endpoint s : f.sources())
        for (Endpoint d : f.destinations())
          assertThat(g.edges()).as("edge for %s", f.name()).anySatisfy(e -> {
            assertThat(e.from()).isEqualTo(idOf.get(s.name()));
            assertThat(e.to()).isEqualTo(idOf.get(d.name()));
            assertThat(e.tooltip().lines().toList()).contains(f.name());
            assertThat(e.status()).contains(r.status(f.name()));
          });
    // the fixtures give each status at least once, so the colours are really exercised
    assertThat(plan.flows().stream().map(f -> r.status(f.name())).collect(Collectors.toSet())).containsExactlyInAnyOrder(Status.values());
  }

  @Test
  void statusesFollowTheEvidence() {
    Results r = results();
    assertThat(r.status("zcm/content-http/primary-server/tcp")).isEqualTo(Status.OK);      // allowed + open + open
    assertThat(r.status("zcm/content-http/satellite/tcp")).isEqualTo(Status.PARTIAL);      // verify partial
    assertThat(r.status("zcm/casa/primary-server/tcp")).isEqualTo(Status.FAILED);          // blocked, capture dropped
    assertThat(r.status("zcm/db-mssql/database/tcp")).isEqualTo(Status.FAILED);            // allowed, but the probe found it closed
    assertThat(r.status("zcm/patch-cdn/patch-cdn/tcp")).isEqualTo(Status.UNKNOWN);         // unresolved
    assertThat(r.status("zcm/ping/managed-device/icmp")).isEqualTo(Status.OK);             // capture answered
    assertThat(r.status("zcm/rpc/managed-device/tcp")).isEqualTo(Status.PARTIAL);          // 135 open, 49152 filtered
  }

  @Test
  void dotArrowsCarryTheirStatusColourAndTheLegendExplainsAll() {
    Results r = results();
    String dot = Diagrams.dot(Fixtures.plan(), Optional.of(Fixtures.deployment()), r);
    List<String> edgeLines = dot.lines().filter(l -> l.contains(" -> ")).toList();
    assertThat(edgeLines).isNotEmpty();
    for (String l : edgeLines) {
      Status s = Stream.of(Status.values()).filter(st -> l.contains("\\n" + st.word() + "\"")).findFirst().orElseThrow();
      assertThat(l).contains("color=\"" + s.colour() + "\"");
    }
    for (Status s : Status.values()) assertThat(dot).contains(s.colour()).contains(s.legend());
  }

  @Test
  void externalEndpointsStandApartAndConditionalRequirementsAreDashed() {
    Graph p = GraphBuilder.product(Fixtures.product());
    Graph.Cluster external = p.clusters().stream().filter(Graph.Cluster::external).findFirst().orElseThrow();
    assertThat(external.nodes()).extracting(Graph.Node::label).containsExactly("Patch content CDN");
    assertThat(p.clusters().stream().filter(c -> !c.external()).flatMap(c -> c.nodes().stream()).map(Graph.Node::label))
        .doesNotContain("Patch content CDN");
    assertThat(p.edges()).filteredOn(Graph.Edge::dashed).extracting(e -> String.join(" / ", e.lines()))
        .containsExactlyInAnyOrder("udp 67,4011 / if imaging", "tcp 1433 / if database=mssql");
    assertThat(p.edges()).filteredOn(e -> !e.dashed()).allSatisfy(e -> assertThat(e.lines()).hasSize(1));
    // services of one arrow are merged per protocol
    assertThat(p.edges()).extracting(e -> e.lines().getFirst())
        .contains("tcp 80,443,2645", "tcp 135,dynamic(rpc) · icmp 8", "tcp 80,443,4000,4002,…,6010+", "tcp 7628 (agent_port) (loopback)");

    Graph site = GraphBuilder.deployment(Fixtures.plan(), Optional.of(Fixtures.deployment()), Results.NONE);
    assertThat(site.clusters()).extracting(Graph.Cluster::label)
        .containsExactly("zone servers", "zone clients", "zone internet — external endpoints");
    assertThat(site.clusters().getLast().external()).isTrue();
    assertThat(site.edges()).allSatisfy(e -> assertThat(e.status()).isEmpty());
    assertThat(site.legend()).isEmpty();
  }

  @Test
  void outputIsTheSameWhateverTheOrderOfTheInput() {
    FlowPlan plan = Fixtures.plan();
    List<Flow> reversed = new java.util.ArrayList<>(plan.flows());
    java.util.Collections.reverse(reversed);
    FlowPlan shuffled = new FlowPlan(plan.site(), reversed, plan.notes());
    assertThat(Diagrams.dot(shuffled, Optional.of(Fixtures.deployment()), results()))
        .isEqualTo(Diagrams.dot(plan, Optional.of(Fixtures.deployment()), results()));
  }

  @Test
  void aLargeSiteIsDrawnByRole() {
    List<Endpoint> clients = new java.util.ArrayList<>(), servers = new java.util.ArrayList<>();
    for (int i = 0; i < 20; i++) clients.add(new Endpoint.Addresses("pc" + i, "clients", org.portolan.model.AddressBlocks.parse("198.18.20." + (i + 1))));
    for (int i = 0; i < 10; i++) servers.add(new Endpoint.Addresses("srv" + i, i < 5 ? "servers" : "dmz", org.portolan.model.AddressBlocks.parse("198.18.10." + (i + 1))));
    org.portolan.plan.Trace t = new org.portolan.plan.Trace("p", "inst", "web", "client", "web-server", "", "", null);
    FlowPlan plan = new FlowPlan("Big", List.of(
        new Flow("inst/web/web-server/tcp", clients, servers, org.portolan.model.Protocol.TCP, org.portolan.model.PortSet.of(443), true, false, List.of(t))), List.of());
    Graph g = GraphBuilder.deployment(plan, Optional.empty(), Results.NONE);
    assertThat(g.title()).contains("grouped by role");
    assertThat(g.edges()).singleElement().satisfies(e -> assertThat(e.lines()).containsExactly("tcp 443"));
    assertThat(g.clusters()).extracting(Graph.Cluster::label).containsExactly("zone clients", "several zones");
    assertThat(g.clusters().getFirst().nodes()).singleElement().satisfies(n -> {
      assertThat(n.label()).isEqualTo("inst: client");
      assertThat(n.details()).hasSize(GraphBuilder.MAX_DETAIL_LINES).endsWith("… 17 more");
      assertThat(n.tooltip().split(" ")).hasSize(20);
    });
    // 150 arrows or fewer: drawn host by host
    FlowPlan small = new FlowPlan("Small", List.of(
        new Flow("inst/web/web-server/tcp", clients.subList(0, 15), servers, org.portolan.model.Protocol.TCP, org.portolan.model.PortSet.of(443), true, false, List.of(t))), List.of());
    assertThat(GraphBuilder.deployment(small, Optional.empty(), Results.NONE).edges()).hasSize(150);
  }

  @Test
  void loopbackFlowsAreLoopsOnTheirHostAndCrossNoZone() {
    org.portolan.plan.Trace t = new org.portolan.plan.Trace("p", "inst", "agent", "device", "device", "", "", null);
    Endpoint lo = new Endpoint.Addresses("loopback", "", org.portolan.model.AddressBlocks.parse("127.0.0.1"));
    FlowPlan plan = new FlowPlan("S", List.of(new Flow("inst/agent/device/tcp", List.of(Fixtures.zcm1()), List.of(lo),
        org.portolan.model.Protocol.TCP, org.portolan.model.PortSet.of(7628), true, true, List.of(t))), List.of());
    Graph g = GraphBuilder.deployment(plan, Optional.of(Fixtures.deployment()), Results.NONE);
    assertThat(g.clusters().stream().flatMap(c -> c.nodes().stream())).extracting(Graph.Node::label).containsExactly("zcm1");
    assertThat(g.looseNodes()).isEmpty();
    assertThat(g.edges()).singleElement().satisfies(e -> {
      assertThat(e.from()).isEqualTo(e.to());
      assertThat(e.lines()).containsExactly("tcp 7628 (loopback)");
    });
    assertThat(GraphBuilder.zones(plan, Optional.of(Fixtures.deployment()), Results.NONE).edges()).isEmpty();
  }

  @Test
  void dotQuotingEscapesQuotesBackslashesAndLineBreaks() {
    assertThat(DotWriter.quote("a\"b\\c\nd\re")).isEqualTo("\"a\\\"b\\\\c\\nde\"");
    assertThat(DotWriter.quote("x\\N\\l")).isEqualTo("\"x\\\\N\\\\l\"");
  }

  @Test
  void mermaidQuotingUsesEntityCodes() {
    assertThat(MermaidWriter.quote("a\"b|c<d>&#e\nf")).isEqualTo("\"a#quot;b#124;c#lt;d#gt;#amp;#35;e<br/>f\"");
  }

  @Test
  void graphvizReadsTheDotAndDrawsTheEscapedNamesAsWritten() {
    assumeTrue(Diagrams.graphvizAvailable(), "Graphviz 'dot' is not installed (Debian: graphviz); SVG not checked");
    String svg = Diagrams.svg(Diagrams.dot(Fixtures.product()));
    assertThat(svg).contains("<svg").contains("Database &quot;MSSQL&quot; \\ server").contains("if imaging");
    String site = Diagrams.svg(Diagrams.dot(Fixtures.plan(), Optional.of(Fixtures.deployment()), results()));
    assertThat(site).contains("novell.cdn.lumension.com").contains(Status.FAILED.colour()).contains("Legend");
  }

  @Test
  void missingGraphvizIsAClearError() {
    String before = System.getProperty("portolan.dot");
    System.setProperty("portolan.dot", "/nonexistent/dot");
    try {
      assertThat(Diagrams.graphvizAvailable()).isFalse();
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> Diagrams.svg("digraph{}"))
          .isInstanceOf(Diagrams.GraphvizMissingException.class).hasMessageContaining("install graphviz");
    } finally {
      if (before == null) System.clearProperty("portolan.dot"); else System.setProperty("portolan.dot", before);
    }
  }
}
