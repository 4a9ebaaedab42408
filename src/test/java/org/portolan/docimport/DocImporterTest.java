package org.portolan.docimport;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.portolan.docimport.SourceDocument.Shape;
import org.portolan.docimport.SourceDocument.Table;
import org.portolan.model.Condition;
import org.portolan.model.FlowRequirement;
import org.portolan.model.Product;
import org.portolan.model.Service;

/** Vendor pages in shapes the seeds do not have (HTML, Markdown, tab-separated), and the draft's YAML. */
class DocImporterTest {
  static final Path PAGES = Path.of("src/test/resources/docimport/pages");

  /** The requirement from {@code from} to {@code to} carrying {@code service}, if the draft has one. */
  static Optional<FlowRequirement> flow(Product p, String from, String to, String service) {
    return p.requirements().stream()
        .filter(r -> r.initiator().equals(from) && r.responders().contains(to))
        .filter(r -> r.services().stream().map(Service::notation).anyMatch(service::equals))
        .findFirst();
  }

  @Test
  void htmlTableWithRowspanHeaderAndDomainTable() {
    Draft d = DocImporter.importDocument(PAGES.resolve("acme-backup.html"), "acme-backup");
    Product p = SeedRecoveryTest.reload(d);
    assertThat(flow(p, "backup-agent", "backup-server", "tcp/${server_and_agents_tcp_8443_port:8443}")).isPresent();
    // rowspan="2": the console row has the same destination.
    assertThat(flow(p, "backup-console", "backup-server", "tcp/8443,8444")).isPresent();
    assertThat(flow(p, "backup-server", "deduplication-node", "tcp/9000+")).isPresent();
    FlowRequirement snmp = flow(p, "backup-server", "tape-library", "udp/161").orElseThrow();
    assertThat(snmp.condition()).isEqualTo(new Condition.Feature("library-monitoring"));
    assertThat(p.role("vault-acme-backup-example-com").orElseThrow().fqdns()).containsExactly("vault.acme-backup.example.com");
    // Line numbers point into the HTML source.
    assertThat(snmp.provenance().line()).isEqualTo(17);
    // The bullet list has no roles: a placeholder initiator, marked for review.
    FlowRequirement smb = flow(p, "unknown-initiator", "cloud-tier", "tcp/445").orElseThrow();
    assertThat(d.reviewsOf("requirement:" + smb.id())).anySatisfy(n -> assertThat(n).contains("initiator not stated"));
    assertThat(d.reviewsOf("role:unknown-initiator")).isNotEmpty();
  }

  @Test
  void markdownComponentTablesWithInboundAndOutbound() {
    Draft d = DocImporter.importDocument(PAGES.resolve("orbit-monitor.md"), "orbit");
    Product p = SeedRecoveryTest.reload(d);
    assertThat(flow(p, "orbit-collector", "orbit-central-server", "tcp/${orbit_collector_amqps_port:5671}")).isPresent();
    // Inbound: the component of the heading is the responder.
    assertThat(flow(p, "orbit-central-server", "orbit-collector", "tcp/9100")).isPresent();
    FlowRequirement smtp = flow(p, "orbit-central-server", "smtp-gateway", "tcp/25").orElseThrow();
    assertThat(smtp.condition()).isEqualTo(new Condition.Feature("e-mail-alerts"));
    assertThat(smtp.provenance().table()).isEqualTo("Ports used by the Orbit Central Server");
    assertThat(smtp.provenance().line()).isEqualTo(18);
    assertThat(p.feature("e-mail-alerts")).isPresent();
  }

  @Test
  void tabSeparatedTableAcrossABlankLine() {
    Draft d = DocImporter.importDocument(PAGES.resolve("kestrel-print.tsv.txt"), "kestrel");
    Product p = SeedRecoveryTest.reload(d);
    assertThat(p.requirements()).hasSize(4);
    assertThat(flow(p, "print-server", "license-server", "tcp/27000+")).isPresent();
    assertThat(flow(p, "print-server", "printer", "udp/161").orElseThrow().provenance().line()).isEqualTo(9);
  }

  @Test
  void readerFindsEveryShapeOfTheSeeds() {
    record Case(String seed, Shape shape, int tables) {}
    for (Case c : List.of(new Case("000_9265f1c1d68c9237.txt", Shape.FIELD_PER_LINE, 1), new Case("001_780ae704f9cdb8c3.txt", Shape.PORT_LIST, 1),
        new Case("002_aece048799c39b1b.txt", Shape.TAB, 5), new Case("003_8cd35d8221901768.txt", Shape.PIPE, 4),
        new Case("004_dcdfe747987f93cb.txt", Shape.SPACE_ALIGNED, 6))) {
      Path seed = SeedRecoveryTest.SEEDS.resolve(c.seed());
      org.junit.jupiter.api.Assumptions.assumeTrue(java.nio.file.Files.exists(seed), "seed documents not found");
      SourceDocument doc = DocImporter.read(c.seed(), readString(seed), DocImporter.Format.TEXT);
      List<Table> tables = doc.blocks().stream().filter(b -> b instanceof Table).map(b -> (Table) b).toList();
      assertThat(tables).as(c.seed()).hasSize(c.tables()).allSatisfy(t -> assertThat(t.shape()).isEqualTo(c.shape()));
    }
  }

  @Test
  void spaceAlignedRowsSplitNamesAndFillBlankCellsFromAbove() {
    String text = """
        Source Destination Type Port Details
        Alpha hosts Alpha hosts TCP 80 Pool traffic
        \u00a0 License Server TCP 27000 Licences
        \u00a0 \u00a0 TCP 7279 Check-out
        Beta appliance Alpha hosts TCP 8012 Balancing
        """;
    SourceDocument doc = DocImporter.read("t.txt", text, DocImporter.Format.TEXT);
    Table t = (Table) doc.blocks().getFirst();
    assertThat(t.rows().stream().map(SourceDocument.Row::cells).toList()).containsExactly(
        List.of("Alpha hosts", "Alpha hosts", "TCP", "80", "Pool traffic"),
        List.of("Alpha hosts", "License Server", "TCP", "27000", "Licences"),
        List.of("Alpha hosts", "License Server", "TCP", "7279", "Check-out"),
        List.of("Beta appliance", "Alpha hosts", "TCP", "8012", "Balancing"));
    assertThat(t.rows().get(3).notes()).isEmpty();
  }

  @Test
  void aSplitTheReaderHadToGuessIsNoted() {
    String text = """
        Source Destination Type Port Details
        Gamma box Delta box TCP 99 Something
        """;
    Table t = (Table) DocImporter.read("t.txt", text, DocImporter.Format.TEXT).blocks().getFirst();
    assertThat(t.rows().getFirst().notes()).singleElement().satisfies(n -> assertThat(n).contains("guessed"));
  }

  @Test
  void draftYamlParsesBackAndCarriesReviewComments() throws Exception {
    Path seed = SeedRecoveryTest.SEEDS.resolve("002_aece048799c39b1b.txt");
    org.junit.jupiter.api.Assumptions.assumeTrue(java.nio.file.Files.exists(seed), "seed documents not found");
    Draft d = DocImporter.importDocument(seed, "shopping-draft");
    String yaml = d.toYaml();
    JsonNode root = new ObjectMapper(new YAMLFactory()).readTree(yaml);
    assertThat(root.get("product").asText()).isEqualTo("shopping-draft");
    assertThat(root.get("requirements").size()).isEqualTo(d.product().requirements().size());
    long comments = yaml.lines().filter(l -> l.strip().startsWith("# REVIEW: ")).count();
    assertThat(comments).isEqualTo(d.reviewCount());
    // Quotes, colons and braces in purposes survive the round trip.
    for (int i = 0; i < root.get("requirements").size(); i++)
      assertThat(root.get("requirements").get(i).path("purpose").asText()).isEqualTo(d.product().requirements().get(i).purpose());
    // The loopback row and a negated feature.
    assertThat(yaml).contains("loopback: true").contains("when: {not: {feature: rbac}}");
  }

  @Test
  void databaseAlternativesBecomeAChoice() {
    Draft d = DocImporter.importDocument(SeedRecoveryTest.SEEDS.resolve("000_9265f1c1d68c9237.txt"), "zen");
    Product p = SeedRecoveryTest.reload(d);
    assertThat(p.choice("database").orElseThrow().options()).containsExactly("sybase", "mssql", "oracle");
    assertThat(flow(p, "primary-server", "database-server", "tcp/1433").orElseThrow().condition())
        .isEqualTo(new Condition.Choice("database", java.util.Set.of("mssql")));
    assertThat(d.reviewsOf("choice:database")).singleElement().satisfies(n -> assertThat(n).contains("Sybase (TCP 2638)"));
    // Rows about other things stay unconditional.
    assertThat(flow(p, "primary-server", "directory-server", "tcp/389,636").orElseThrow().condition()).isEqualTo(Condition.ALWAYS);
  }

  @Test
  void noPortTableGivesAnEmptyDraftThatSaysSo() {
    Draft d = DocImporter.importText("prose.txt", "Nothing to see here.\n\nJust prose.\n", DocImporter.Format.TEXT, "empty");
    assertThat(d.product().requirements()).isEmpty();
    assertThat(d.reviewsOf("product")).anySatisfy(n -> assertThat(n).contains("no port table"));
  }

  private static String readString(Path p) {
    try {
      return java.nio.file.Files.readString(p);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void plainTextTableWithSectionRowsAndContinuationLines(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
    Path page = dir.resolve("ports.txt");
    java.nio.file.Files.writeString(page, """
        Firewall ports

        Port      Description
        Public Ports
        22        SSH port.
        Cluster Ports
        7000      Inter-node traffic. See the description of port
                  7199.
        7199      JMX monitoring; the client then reconnects on a random
                  port (1024+).
        """);
    Draft d = DocImporter.importDocument(page, "sections");
    Product p = SeedRecoveryTest.reload(d);
    assertThat(Recovery.pairs(p)).containsExactlyInAnyOrder("tcp/22", "tcp/7000", "tcp/7199", "tcp/1024+");
    // The cross-reference to port 7199 stays on its own row; the section rows are not ports.
    assertThat(p.requirements().stream().filter(r -> r.services().contains(Service.tcp(7000))).findFirst().orElseThrow().services())
        .containsExactly(Service.tcp(7000));
    assertThat(d.toYaml()).contains("'Public Ports'").doesNotContain("tcp/0");
  }

  @Test
  void aNotesCellPortBesideThePortCellIsReadWithTheRowProtocol(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
    Path page = dir.resolve("ports.md");
    java.nio.file.Files.writeString(page, """
        # Network requirements

        | Service     | Port(s) | Protocol | Notes                        |
        |-------------|---------|----------|------------------------------|
        | Web and API | 8065    | TCP      | Behind a proxy on 443        |
        | Metrics     | 8067    | TCP      | Scraped every 15 s by 2 hosts |
        """);
    Draft d = DocImporter.importDocument(page, "notes-cell");
    Product p = SeedRecoveryTest.reload(d);
    assertThat(Recovery.pairs(p)).containsExactlyInAnyOrder("tcp/8065", "tcp/443", "tcp/8067");
    assertThat(d.toYaml()).contains("tcp/443 read from the row's text");
  }

  @Test
  void anAcronymKeepsItsFinalSInTheRoleId() {
    assertThat(RoleNames.id("NATS")).isEqualTo("nats");
    assertThat(RoleNames.id("Worker Nodes")).isEqualTo("worker-node");
    assertThat(RoleNames.id("monitoring servers")).isEqualTo("monitoring-server");
  }

  @Test
  void aHeadingThatIsOnlyAPortTitlesTheParagraphUnderIt(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
    Path page = dir.resolve("ports.md");
    java.nio.file.Files.writeString(page, """
        # Ports

        ## Enabled ports

        ### `8086`

        The default port of the HTTP service.

        ### 8089

        The default port of the UDP listener.

        ## Sizing

        Plan 4 cores per node.
        """);
    Product p = SeedRecoveryTest.reload(DocImporter.importDocument(page, "headings"));
    assertThat(Recovery.pairs(p)).containsExactlyInAnyOrder("tcp/8086", "udp/8089");
  }

  @Test
  void captionRowUdpOrTcpHeaderAndPortsInTheProtocolColumn(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
    Path html = dir.resolve("ports.html");
    java.nio.file.Files.writeString(html, """
        <table>
        <tr><td colspan="3"><b>TABLE 1: Protocols</b></td></tr>
        <tr><td><b>Protocol</b></td><td><b>UDP or TCP</b></td><td><b>Port</b></td></tr>
        <tr><td>LDAP</td><td>Both</td><td>389</td></tr>
        <tr><td>RPC</td><td>TCP</td><td>&gt;1023</td></tr>
        </table>
        """);
    assertThat(Recovery.pairs(SeedRecoveryTest.reload(DocImporter.importDocument(html, "caption")))).containsExactlyInAnyOrder("tcp/389", "udp/389", "tcp/1024+");
    Path md = dir.resolve("outbound.md");
    java.nio.file.Files.writeString(md, """
        ## Outbound from the server

        | Destination | Protocol | When |
        |---|---|---|
        | Public DNS | UDP 53 | Resolving host names |
        | Link previews | TCP 80/443 | If enabled |
        """);
    assertThat(Recovery.pairs(SeedRecoveryTest.reload(DocImporter.importDocument(md, "outbound")))).containsExactlyInAnyOrder("udp/53", "tcp/80", "tcp/443");
  }

  @Test
  void conditionsFromAWhenColumnAWhenClauseAndADisabledHeading(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
    Path page = dir.resolve("ports.md");
    java.nio.file.Files.writeString(page, """
        # Server ports

        | Destination | Protocol | When |
        |---|---|---|
        | Push service | TCP 443 | Push notifications, if enabled |
        | Public DNS | UDP 53 | Resolving host names |

        Sessions use TCP port 2598 when session reliability is enabled.

        * `5349/tcp` for TURN over TLS, if you configure it

        ## Disabled ports

        ### 4242

        The default port of the OpenTSDB service.
        """);
    Draft d = DocImporter.importDocument(page, "conditions");
    Product p = SeedRecoveryTest.reload(d);
    assertThat(flow(p, "unknown-initiator", "push-service", "tcp/443").orElseThrow().condition()).isEqualTo(new Condition.Feature("push-notifications"));
    assertThat(p.requirements().stream().filter(r -> r.services().contains(Service.udp(53))).findFirst().orElseThrow().condition()).isEqualTo(Condition.ALWAYS);
    assertThat(p.requirements().stream().filter(r -> r.services().contains(Service.tcp(2598))).findFirst().orElseThrow().condition())
        .isEqualTo(new Condition.Feature("session-reliability"));
    assertThat(d.toYaml()).contains("condition not encoded here: \"if you configure it\"").contains("under the heading 'Disabled ports': off by default");
  }

  @Test
  void aRowsTextThatRestatesItsPortOrPointsAtAnotherRowAddsNothing(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
    Path page = dir.resolve("ports.md");
    java.nio.file.Files.writeString(page, """
        # Ports

        | Port | Protocol | Purpose |
        |---|---|---|
        | 443 | TCP | Web console |
        | 67 | UDP | Proxy DHCP. The standard DHCP port (67) is used unless the server runs DHCP. |
        | 7628 | TCP | Agent tokens, when the server listening on port 443 is busy. |
        """);
    Draft d = DocImporter.importDocument(page, "restated");
    Product p = SeedRecoveryTest.reload(d);
    assertThat(Recovery.pairs(p)).containsExactlyInAnyOrder("tcp/443", "udp/67", "tcp/7628");
    assertThat(p.requirements().stream().filter(r -> r.services().contains(Service.tcp(7628))).findFirst().orElseThrow().services())
        .containsExactly(Service.tcp(7628));
    assertThat(d.toYaml()).contains("another row states it");
  }
}
