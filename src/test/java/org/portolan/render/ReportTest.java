package org.portolan.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportTest {
  @TempDir Path dir;

  static List<Path> writeExample(Path dir) {
    return SiteReport.write(Fixtures.plan(), Optional.of(Fixtures.deployment()), Optional.of(Fixtures.catalog()), DiagramsTest.results(),
        dir.resolve("report.html"), Optional.of(dir.resolve("report.xlsx")), Optional.of(Fixtures.resource("rules")));
  }

  @Test
  void htmlIsSelfContainedAndEscaped() throws IOException {
    writeExample(dir);
    String html = Files.readString(dir.resolve("report.html"));
    assertThat(html).startsWith("<!DOCTYPE html>").contains("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src &#39;none&#39;; style-src &#39;unsafe-inline&#39;; img-src data:\">");
    assertThat(html).contains("name=\"viewport\"").contains("@media print").contains("@media (max-width:700px)");
    assertThat(html).doesNotContainIgnoringCase("<script").doesNotContainIgnoringCase("<link").doesNotContainIgnoringCase("@import");
    // every reference stays inside the document
    Matcher m = Pattern.compile("(?:src|href|xlink:href)\\s*=\\s*[\"']([^\"']*)[\"']").matcher(html);
    while (m.find()) assertThat(m.group(1)).as("reference").startsWith("#");
    assertThat(html).doesNotContain("url(");
    // user text is escaped everywhere
    assertThat(html).contains("CASA authentication &lt;fallback&gt;").doesNotContain("<fallback>");
    assertThat(html).contains("tcp/22 &lt;ssh&gt;").contains("&lt;zcm/content-http&gt; &amp; casa");
    assertThat(html).contains("Database &quot;MSSQL&quot; \\ server");
  }

  @Test
  void htmlSaysWhatEachFlowDidAndWhy() throws IOException {
    writeExample(dir);
    String html = Files.readString(dir.resolve("report.html"));
    assertThat(html).contains("<section id=\"summary\">", "<section id=\"diagram\">", "<section id=\"flows\">", "<section id=\"findings\">",
        "<section id=\"ports\">", "<section id=\"firewalls\">");
    assertThat(rowOf(html, "zcm/casa/primary-server/tcp")).contains("badge failed\">failed")
        .contains("blocked by core.nft:30 drop").contains("dropped, 3 retransmits (packet 40)");
    assertThat(rowOf(html, "zcm/db-mssql/database/tcp")).contains("badge failed\">failed").contains("closed — RST");
    assertThat(rowOf(html, "zcm/patch-cdn/patch-cdn/tcp")).contains("badge unknown\">unknown").contains("NXDOMAIN");
    assertThat(html).contains("excess rule").contains("shadowed rule").contains("unexplained traffic").contains("result for no planned flow");
    // the pxe requirement is off (imaging off): greyed; db-mssql is on (database = mssql)
    assertThat(html).containsPattern("<tr class=\"not-needed\"><td>67</td><td>UDP</td>");
    assertThat(html).containsPattern("<tr><td>1433</td><td>TCP</td><td>Outbound</td>");
    // failed and partial flows are listed first, linked to their rows
    assertThat(html).contains("<p><span class=\"badge failed\">failed</span> <a href=\"#flow-3\">#3 zcm/casa/primary-server/tcp</a>, "
        + "<a href=\"#flow-4\">#4 zcm/db-mssql/database/tcp</a></p>");
    assertThat(html).contains("<tr id=\"flow-3\">");
    // zone matrix: clients -> servers carries 3 flows, one failed and one partial
    // coloured by its worst flow and linked to its drill-down, which lists the three with their evidence, each linked to its row
    assertThat(html).containsPattern("<tr><th scope=\"row\">clients</th>(<td[^>]*>[^<]*(<a[^>]*>[^<]*</a>)?[^<]*(<span[^>]*>[^<]*</span>[^<]*)*</td>)*"
        + "<td class=\"num cell-failed\"><a href=\"#zones-(\\d+)-(\\d+)\" title=\"clients to servers\">3</a> <span class=\"badge failed\">1 failed</span> <span class=\"badge partial\">1 partial</span></td>");
    var cell = java.util.regex.Pattern.compile("title=\"clients to servers\">3</a>").matcher(html);
    assertThat(cell.find()).isTrue();
    String id = html.substring(html.lastIndexOf("href=\"#", cell.start()) + 7, cell.start() - 2);
    int block = html.lastIndexOf("<details class=\"cell-flows\">", html.indexOf("<div class=\"scroll\" id=\"" + id + "\">"));
    assertThat(block).as("drill-down block %s", id).isPositive();
    String drill = html.substring(block, html.indexOf("</table>", block));
    assertThat(drill).contains("<summary>clients → servers: 3 flows").contains("blocked by core.nft:30 drop");
    assertThat(java.util.regex.Pattern.compile("<a href=\"#flow-\\d+\">").matcher(drill).results().count()).isEqualTo(3);
    assertThat(html).doesNotContain("Zone to zone");
    assertThat(html).contains("<h3>Rules for firewall core</h3>\n<h4>core/core.nft</h4>")
        .contains("<h3>Rules for firewall server-hosts</h3>\n<h4>server-hosts/zcm1.rules</h4>");
    if (Diagrams.graphvizAvailable()) assertThat(html).contains("<div class=\"diagram\">\n<svg").doesNotContain("<?xml");
  }

  @Test
  void withoutGraphvizTheMermaidSourceIsEmbeddedAsText() {
    String html = SiteReport.html(Fixtures.plan(), Optional.of(Fixtures.deployment()), Optional.of(Fixtures.catalog()), Results.NONE, Optional.empty(), List.of());
    assertThat(html).contains("<pre class=\"mermaid-source\">---\ntitle: &quot;Example site — zcm (ZENworks mini)&quot;").contains("flowchart LR")
        .doesNotContain("<svg").doesNotContainIgnoringCase("<script");
    assertThat(html).contains("none given: every flow is shown as unknown").contains("No verify or capture results were given");
  }

  /** Issue 18: the report's Graphviz layouts run side by side (two of them meet at a barrier that a one-at-a-time report never reaches). */
  @Test
  void theDiagramsAreLaidOutSideBySide() throws Exception {
    org.junit.jupiter.api.Assumptions.assumeTrue(Runtime.getRuntime().availableProcessors() >= 2, "one core: the layouts run one at a time");
    Path site = Path.of("examples/site.yaml");
    org.junit.jupiter.api.Assumptions.assumeTrue(Files.isRegularFile(site), "the bundled example site is not here");
    var catalog = org.portolan.catalog.CatalogLoader.bundled();
    var d = new org.portolan.diag.Diagnostics();
    var dep = org.portolan.deployment.DeploymentLoader.parse(Files.readString(site), site.toString(), catalog, d);
    var plan = org.portolan.plan.Planner.plan(catalog, dep, d);
    var barrier = new java.util.concurrent.CyclicBarrier(2);
    java.util.concurrent.atomic.AtomicInteger met = new java.util.concurrent.atomic.AtomicInteger();
    String html = SiteReport.html(plan, Optional.of(dep), Optional.of(catalog), Results.NONE, Optional.of(dot -> {
      try {
        barrier.await(20, java.util.concurrent.TimeUnit.SECONDS);
        met.incrementAndGet();
      } catch (Exception e) {
        // a layout alone at the barrier: not side by side (the rest fall through once it is broken)
      }
      return "<svg><text>drawn</text></svg>";
    }), List.of());
    assertThat(met.get()).as("layouts that met another at the barrier").isGreaterThanOrEqualTo(2);
    assertThat(html).contains("<svg><text>drawn</text></svg>");
  }

  /** Issue 18: a diagram of more arrows than can be read is not laid out at all, and the report says why. */
  @Test
  void aDiagramTooLargeToReadIsNotLaidOut() {
    List<Graph.Node> nodes = new ArrayList<>();
    List<Graph.Edge> edges = new ArrayList<>();
    for (int i = 0; i <= SiteReport.MAX_READABLE_ARROWS; i++) {
      nodes.add(new Graph.Node("n" + i, "host " + i, List.of(), ""));
      edges.add(new Graph.Edge("n0", "n" + i, List.of("tcp/" + (1000 + i)), "", Optional.empty(), false));
    }
    Graph g = new Graph("big", List.of(), nodes, edges, List.of());
    java.util.concurrent.atomic.AtomicInteger layouts = new java.util.concurrent.atomic.AtomicInteger();
    HtmlReport.Diagram drawn = SiteReport.draw(g, Optional.of(dot -> { layouts.incrementAndGet(); return "<svg/>"; }));
    assertThat(layouts.get()).isZero();
    assertThat(drawn).isInstanceOfSatisfying(HtmlReport.Diagram.TooLarge.class,
        t -> assertThat(t.why()).contains((SiteReport.MAX_READABLE_ARROWS + 1) + " arrows", "zone matrix"));
    Graph small = new Graph("small", List.of(), nodes.subList(0, 3), edges.subList(0, 3), List.of());
    assertThat(SiteReport.draw(small, Optional.of(dot -> { layouts.incrementAndGet(); return "<svg/>"; }))).isInstanceOf(HtmlReport.Diagram.Svg.class);
    assertThat(layouts.get()).isOne();
  }

  @Test
  void ruleFilesBelongToTheFirewallTheyAreNamedAfter() {
    assertThat(HtmlReport.belongsTo("core.nft", "core")).isTrue();
    assertThat(HtmlReport.belongsTo("core/forward.nft", "core")).isTrue();
    assertThat(HtmlReport.belongsTo("core-iptables.rules", "core")).isTrue();
    assertThat(HtmlReport.belongsTo("core2.nft", "core")).isFalse();
    assertThat(HtmlReport.belongsTo("edge/core.nft", "core")).isFalse();
  }

  private static String rowOf(String html, String flowName) {
    int at = html.indexOf("<span class=\"muted\">" + flowName + "</span>");
    assertThat(at).as("row of %s", flowName).isPositive();
    int start = html.lastIndexOf("<tr", at);
    return html.substring(start, html.indexOf("</tr>", at));
  }

  @Test
  void workbookReadsBackWithItsSheetsHeadersAndCells() throws IOException {
    writeExample(dir);
    try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(Files.readAllBytes(dir.resolve("report.xlsx"))))) {
      List<String> names = new ArrayList<>();
      wb.forEach(s -> names.add(s.getSheetName()));
      assertThat(names).containsExactly("Summary", "Flows", "Port tables", "Findings");

      XSSFSheet flows = wb.getSheet("Flows");
      assertThat(cells(flows.getRow(0))).containsExactly("Flow", "Source", "Destination", "Protocol", "Ports", "Purpose", "Products",
          "Requirement ids", "Status", "Evidence");
      assertThat(flows.getLastRowNum()).isEqualTo(Fixtures.plan().flows().size());
      assertThat(flows.getCTWorksheet().getAutoFilter().getRef()).isEqualTo("A1:J8");
      assertThat(flows.getPaneInformation().isFreezePane()).isTrue();
      assertThat(flows.getPaneInformation().getHorizontalSplitPosition()).isEqualTo((short) 1);
      assertThat(wb.getFontAt(flows.getRow(0).getCell(0).getCellStyle().getFontIndex()).getBold()).isTrue();
      Row casa = flows.getRow(3);
      assertThat(cells(casa).subList(0, 9)).containsExactly("zcm/casa/primary-server/tcp", "workstations (198.18.20.0/24)",
          "zcm1 (198.18.10.10, 2001:db8:10::10)", "tcp", "2645", "CASA authentication <fallback>", "zen-mini", "zcm/casa", "failed");
      assertThat(casa.getCell(9).getStringCellValue()).contains("verify: blocked by core.nft:30 drop").contains("capture: ");
      // the status cell is filled with the status colour
      var fill = ((org.apache.poi.xssf.usermodel.XSSFCellStyle) casa.getCell(8).getCellStyle()).getFillForegroundXSSFColor();
      assertThat(fill.getARGBHex()).endsWithIgnoringCase(Status.FAILED.colour().substring(1));
      var okFill = ((org.apache.poi.xssf.usermodel.XSSFCellStyle) flows.getRow(1).getCell(8).getCellStyle()).getFillForegroundXSSFColor();
      assertThat(okFill.getARGBHex()).endsWithIgnoringCase(Status.OK.colour().substring(1));

      Sheet summary = wb.getSheet("Summary");
      assertThat(summary.getRow(1).getCell(1).getStringCellValue()).isEqualTo("Example site");
      assertThat(findRow(summary, "Flows failed").getCell(1).getNumericCellValue()).isEqualTo(2.0);

      Sheet ports = wb.getSheet("Port tables");
      assertThat(cells(ports.getRow(0))).startsWith("Product", "Instance", "Component", "Port", "Protocol", "Direction");
      assertThat(ports.getLastRowNum()).isEqualTo(PortTables.tables(Fixtures.product()).stream().mapToInt(t -> t.rows().size()).sum());

      Sheet findings = wb.getSheet("Findings");
      assertThat(cells(findings.getRow(0))).containsExactly("Kind", "From", "Detail");
      assertThat(findings.getRow(1).getCell(0).getStringCellValue()).isEqualTo("excess rule");
      assertThat(findings.getLastRowNum()).isEqualTo(5);
    }
  }

  private static Row findRow(Sheet s, String first) {
    for (Row r : s) if (r.getCell(0).getStringCellValue().equals(first)) return r;
    throw new AssertionError("no row " + first);
  }

  private static List<String> cells(Row r) {
    List<String> out = new ArrayList<>();
    r.forEach(c -> out.add(c.getStringCellValue()));
    return out;
  }
}
