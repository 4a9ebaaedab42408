package org.portolan.render;

import static org.portolan.render.Html.escape;

import java.util.List;
import java.util.Map;
import org.portolan.deployment.Firewall;
import org.portolan.diag.Diagnostic;

/**
 * The self-contained HTML report: inline CSS, the diagram as inline SVG (or Mermaid source
 * when Graphviz is missing), no scripts and no external requests — a Content-Security-Policy
 * meta tag forbids them, so a mistake shows up as a blocked request instead of a leak.
 * Responsive (tables scroll sideways on a phone) and printable. A pure function.
 */
final class HtmlReport {
  private HtmlReport() {}

  static final String CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

  /** The diagram as the report embeds it. */
  sealed interface Diagram {
    record Svg(String svg) implements Diagram {}
    /** {@code why}: why there is no SVG (Graphviz missing, or too slow for this site). */
    record MermaidSource(String source, String why) implements Diagram {}
    /** Too large to be read when drawn: only why. */
    record TooLarge(String why) implements Diagram {}
  }

  /** One diagram of the report with its heading. */
  record TitledDiagram(String title, Diagram diagram) {}

  private static final String CSS = """
      :root{--ok:#2e7d32;--partial:#e65100;--failed:#c62828;--unknown:#757575;--line:#cfd8dc;--head:#eceff1;--ink:#1c2529}
      *{box-sizing:border-box}
      body{font-family:-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;color:var(--ink);margin:0;padding:0 1rem 2rem;line-height:1.4;font-size:15px}
      header{border-bottom:3px solid #37474f;margin-bottom:1rem;padding:1rem 0 .5rem}
      h1{font-size:1.5rem;margin:0 0 .25rem}
      h2{font-size:1.2rem;margin:2rem 0 .5rem;border-bottom:1px solid var(--line);padding-bottom:.2rem}
      h3{font-size:1.05rem;margin:1.2rem 0 .4rem}
      nav{font-size:.9rem}
      nav a{margin-right:.8rem;white-space:nowrap}
      .muted{color:#546e7a}
      .scroll{overflow-x:auto;-webkit-overflow-scrolling:touch;max-width:100%}
      table{border-collapse:collapse;font-size:.85rem;min-width:100%}
      th,td{border:1px solid var(--line);padding:.3rem .45rem;text-align:left;vertical-align:top}
      th{background:var(--head);position:sticky;top:0}
      td.num{text-align:right;font-variant-numeric:tabular-nums}
      table.matrix{min-width:0}
      table.matrix th,table.matrix td{min-width:0;white-space:nowrap}
      table.matrix td a{font-weight:600;color:inherit;padding:0 .2rem}
      td.cell-ok{background:#e8f5e9} td.cell-partial{background:#fff3e0} td.cell-failed{background:#ffebee} td.cell-unknown{background:#f1f3f4}
      .cell-flows{margin:.2rem 0}
      .cell-flows div:target{outline:3px solid #37474f;outline-offset:2px;scroll-margin-top:2.5rem}
      .cell-flows summary{font-weight:600;cursor:pointer}
      a.up{font-size:.8rem;font-weight:normal;margin-left:.6rem}
      td.nowrap,th.nowrap{white-space:nowrap}
      tr.not-needed td{color:#90a4ae}
      .badge{display:inline-block;border-radius:3px;padding:0 .4rem;color:#fff;font-size:.8rem;font-weight:600;white-space:nowrap}
      .ok{background:var(--ok)} .partial{background:var(--partial)} .failed{background:var(--failed)} .unknown{background:var(--unknown)}
      .cards{display:flex;flex-wrap:wrap;gap:.5rem;margin:.5rem 0}
      .card{border:1px solid var(--line);border-radius:4px;padding:.4rem .7rem;min-width:7rem}
      .card b{display:block;font-size:1.3rem}
      dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem;margin:.5rem 0}
      dl.facts dt{font-weight:600}
      dl.facts dd{margin:0}
      .diagram{border:1px solid var(--line);border-radius:4px;padding:.5rem;overflow-x:auto;background:#fff}
      .diagram svg{max-width:none;height:auto}
      pre{background:#f5f7f8;border:1px solid var(--line);padding:.5rem;overflow-x:auto;font-size:.8rem;white-space:pre}
      ul.evidence{margin:0;padding-left:1rem}
      td.evidence{min-width:16rem;width:30%}
      #flows td.wide{min-width:9rem}
      #flows td.wide,#flows td.req,#flows td.evidence{overflow-wrap:anywhere}
      code{font-size:.85em}
      @media (max-width:700px){
        body{font-size:14px;padding:0 .5rem 1rem}
        h1{font-size:1.25rem}
        table{font-size:.8rem}
        th,td{min-width:7rem}
        td.wide{min-width:15rem}
        td.evidence{min-width:24rem}
        td.num,th.num,td.nowrap{min-width:0}
        dl.facts{grid-template-columns:1fr}
      }
      @media print{
        body{font-size:10pt;padding:0}
        nav{display:none}
        .scroll,.diagram,pre{overflow:visible}
        .diagram svg{max-width:100%}
        pre{white-space:pre-wrap;word-break:break-all}
        table{font-size:8pt}
        th{position:static}
        tr,.card{page-break-inside:avoid}
        h2{page-break-after:avoid}
        .badge{-webkit-print-color-adjust:exact;print-color-adjust:exact}
        a{color:inherit;text-decoration:none}
      }
      """;

  static String render(ReportData data, List<TitledDiagram> diagrams, List<SiteReport.RulesText> rules) {
    StringBuilder b = new StringBuilder(64 * 1024);
    b.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
    b.append("<meta http-equiv=\"Content-Security-Policy\" content=\"").append(escape(CSP)).append("\">\n");
    b.append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    b.append("<meta name=\"generator\" content=\"Portolan\">\n");
    b.append("<title>Connectivity report — ").append(escape(data.site())).append("</title>\n");
    b.append("<style>\n").append(CSS).append("</style>\n</head>\n<body>\n");
    b.append("<header><h1>Connectivity report — ").append(escape(data.site())).append("</h1>\n");
    b.append("<nav>\n<a href=\"#summary\">Summary</a>\n<a href=\"#diagram\">Diagrams</a>\n<a href=\"#flows\">Flows</a>\n")
        .append("<a href=\"#findings\">Findings</a>\n").append(data.results().changes().isPresent() ? "<a href=\"#changes\">Changes</a>\n" : "")
        .append("<a href=\"#ports\">Port tables</a>\n<a href=\"#firewalls\">Firewalls</a>\n</nav></header>\n");
    summary(b, data);
    diagrams(b, data, diagrams);
    flows(b, data);
    findings(b, data);
    data.results().changes().ifPresent(c -> ChangeSection.html(b, c));
    ports(b, data);
    firewalls(b, data, rules);
    notes(b, data);
    b.append("<footer class=\"muted\"><p>Generated by Portolan from the site's deployment and the catalog; ")
        .append("statuses come from the result files listed in the summary.</p></footer>\n");
    b.append("</body>\n</html>\n");
    return b.toString();
  }

  private static void summary(StringBuilder b, ReportData d) {
    b.append("<section id=\"summary\"><h2>Summary</h2>\n<dl class=\"facts\">\n");
    fact(b, "Site", d.site());
    if (!d.deploymentFile().isEmpty()) fact(b, "Deployment", d.deploymentFile());
    d.deployment().ifPresent(dep -> {
      fact(b, "Products", String.join(", ", d.products().stream().map(p -> p.instance() + " (" + p.product().name() + ")").toList()));
      fact(b, "Zones", String.join(", ", dep.zones().stream().map(z -> z.name()).toList()));
      fact(b, "Hosts / groups", dep.hosts().size() + " / " + dep.groups().size());
    });
    fact(b, "Results", d.results().isEmpty() ? "none given: every flow is shown as unknown" : String.join("; ", d.results().sources()));
    b.append("</dl>\n<div class=\"cards\">\n");
    card(b, "flows", Integer.toString(d.flows().size()), "");
    if (d.deployment().isPresent()) card(b, "firewalls", d.networkFirewalls() + " network · " + d.hostFirewalls() + " host", "");
    for (var e : d.counts().entrySet()) card(b, e.getKey().word(), Integer.toString(e.getValue()), e.getKey().word());
    card(b, "findings", Integer.toString(d.findings().size()), "");
    b.append("</div>\n<p class=\"muted\">Status colours: ");
    for (Status s : Status.values()) b.append(badge(s)).append(' ').append(escape(s.legend())).append(" &nbsp; ");
    b.append("</p>\n</section>\n");
  }

  private static void fact(StringBuilder b, String term, String value) {
    b.append("<dt>").append(escape(term)).append("</dt><dd>").append(escape(value)).append("</dd>\n");
  }

  private static void card(StringBuilder b, String label, String value, String cls) {
    b.append("<div class=\"card\"><b>").append(escape(value)).append("</b>");
    if (cls.isEmpty()) b.append(escape(label));
    else b.append("<span class=\"badge ").append(cls).append("\">").append(escape(label)).append("</span>");
    b.append("</div>\n");
  }

  static String badge(Status s) {
    return "<span class=\"badge " + s.word() + "\">" + s.word() + "</span>";
  }

  private static void diagrams(StringBuilder b, ReportData data, List<TitledDiagram> diagrams) {
    b.append("<section id=\"diagram\"><h2>Connection diagrams</h2>\n");
    if (data.crossings().isPresent() && !diagrams.isEmpty()) b.append("<p class=\"muted\">First the zones and the flows that cross between them (what the firewalls ")
        .append("must let through), then a diagram of each product instance with its hosts and groups.</p>\n");
    data.crossings().ifPresent(c -> zoneMatrix(b, data, c, data.results()));
    for (TitledDiagram t : diagrams) {
      if (diagrams.size() > 1 || data.crossings().isPresent()) b.append("<h3>").append(escape(t.title())).append("</h3>\n");
      switch (t.diagram()) {
        case Diagram.Svg s -> b.append("<div class=\"diagram\">\n").append(Graphviz.inlineSvg(s.svg())).append("\n</div>\n");
        case Diagram.MermaidSource m -> b.append("<p class=\"muted\">").append(escape(m.why())).append(" The diagram ")
            .append("is therefore given as Mermaid source: paste it into any Mermaid viewer.</p>\n")
            .append("<pre class=\"mermaid-source\">").append(escape(m.source())).append("</pre>\n");
        case Diagram.TooLarge t2 -> b.append("<p class=\"muted\">").append(escape(t2.why())).append("</p>\n");
      }
    }
    b.append("</section>\n");
  }

  /**
   * Flows from each zone (rows) to each zone (columns): what every firewall between them must
   * pass. A cell with flows is coloured by its worst status and links to its drill-down: the
   * cell's flows with their evidence, each linked to its row of the flows table. It replaces
   * the zone-to-zone diagram, whose labels Graphviz cannot keep legible on a real site.
   */
  private static void zoneMatrix(StringBuilder b, ReportData d, GraphBuilder.Crossings c, Results results) {
    if (c.zones().isEmpty()) return;
    Map<String, Integer> index = new java.util.HashMap<>();
    Map<String, ReportData.FlowRow> rows = new java.util.HashMap<>();
    for (int i = 0; i < d.flows().size(); i++) {
      index.putIfAbsent(d.flows().get(i).name(), i + 1);
      rows.putIfAbsent(d.flows().get(i).name(), d.flows().get(i));
    }
    List<String> zones = c.zones();
    b.append("<h3>Zone matrix</h3>\n<p class=\"muted\">Number of required flows from the zone of the row to the zone of the column")
        .append(results.isEmpty() ? "" : ", with how many of them failed or partly failed; a cell takes the colour of its worst flow")
        .append(". Choose a number for that cell's flows and their evidence.</p>\n");
    b.append("<div class=\"scroll\"><table class=\"matrix\" id=\"zone-matrix\">\n<thead><tr><th>from \\ to</th>");
    for (String z : zones) b.append("<th scope=\"col\">").append(escape(z)).append("</th>");
    b.append("</tr></thead>\n<tbody>\n");
    for (int i = 0; i < zones.size(); i++) {
      String from = zones.get(i);
      b.append("<tr><th scope=\"row\">").append(escape(from)).append("</th>");
      for (int j = 0; j < zones.size(); j++) {
        List<org.portolan.plan.Flow> flows = c.flows().getOrDefault(List.of(from, zones.get(j)), List.of());
        if (flows.isEmpty()) {
          b.append("<td class=\"num muted\">·</td>");
          continue;
        }
        Status worst = results.isEmpty() ? Status.UNKNOWN : worst(flows, results);
        b.append("<td class=\"num cell-").append(results.isEmpty() ? "none" : worst.word()).append("\"><a href=\"#").append(cellId(i, j))
            .append("\" title=\"").append(escape(from + " to " + zones.get(j))).append("\">").append(flows.size()).append("</a>");
        if (!results.isEmpty()) {
          long failed = flows.stream().filter(f -> results.status(f.name()) == Status.FAILED).count();
          long partial = flows.stream().filter(f -> results.status(f.name()) == Status.PARTIAL).count();
          if (failed > 0) b.append(" <span class=\"badge failed\">").append(failed).append(" failed</span>");
          if (partial > 0) b.append(" <span class=\"badge partial\">").append(partial).append(" partial</span>");
        }
        b.append("</td>");
      }
      b.append("</tr>\n");
    }
    b.append("</tbody></table></div>\n");
    // the drill-down: one block per cell with flows, in the matrix's order
    b.append("<div class=\"cells\"><p class=\"muted\">The flows of each cell:</p>\n");
    for (int i = 0; i < zones.size(); i++)
      for (int j = 0; j < zones.size(); j++) {
        List<org.portolan.plan.Flow> flows = c.flows().getOrDefault(List.of(zones.get(i), zones.get(j)), List.of());
        if (flows.isEmpty()) continue;
        // closed until asked for: a link to the cell opens it (browsers open the <details> that holds a link's target)
        b.append("<details class=\"cell-flows\"><summary>").append(escape(zones.get(i))).append(" → ")
            .append(escape(zones.get(j))).append(": ").append(flows.size()).append(flows.size() == 1 ? " flow" : " flows")
            .append(" <a class=\"up\" href=\"#zone-matrix\">back to the matrix</a></summary>\n");
        b.append("<div class=\"scroll\" id=\"").append(cellId(i, j)).append("\"><table>\n<thead><tr><th class=\"num\">#</th><th>Status</th><th>Flow</th><th>Service</th><th>Evidence</th></tr></thead>\n<tbody>\n");
        for (org.portolan.plan.Flow f : flows) {
          ReportData.FlowRow r = rows.get(f.name());
          int n = index.get(f.name());
          b.append("<tr><td class=\"num\"><a href=\"#flow-").append(n).append("\">").append(n).append("</a></td><td>").append(badge(r.status()))
              .append("</td><td class=\"req\">").append(escape(r.name())).append("</td><td class=\"nowrap\">").append(escape(r.protocol()))
              .append(' ').append(escape(r.ports())).append("</td><td class=\"evidence\">");
          evidence(b, r, d.results());
          b.append("</td></tr>\n");
        }
        b.append("</tbody></table></div>\n</details>\n");
      }
    b.append("</div>\n");
  }

  static String cellId(int from, int to) {
    return "zones-" + (from + 1) + "-" + (to + 1);
  }

  /** Failed, then partial; a cell of ok flows with one that no result names is unknown, never ok. */
  private static Status worst(List<org.portolan.plan.Flow> flows, Results results) {
    Status worst = Status.UNKNOWN;
    boolean unknown = false;
    for (org.portolan.plan.Flow f : flows) {
      Status s = results.status(f.name());
      unknown |= s == Status.UNKNOWN;
      worst = Status.worse(worst, s);
    }
    return worst == Status.OK && unknown ? Status.UNKNOWN : worst;
  }

  private static void evidence(StringBuilder b, ReportData.FlowRow f, Results results) {
    if (f.evidence().isEmpty()) {
      b.append("<span class=\"muted\">").append(results.isEmpty() ? "—" : "no result names this flow").append("</span>");
      return;
    }
    b.append("<ul class=\"evidence\">");
    for (Evidence e : f.evidence())
      b.append("<li>").append(badge(e.status())).append(' ').append(escape(e.kind())).append(": ").append(escape(e.summary())).append("</li>");
    b.append("</ul>");
  }

  private static void flows(StringBuilder b, ReportData d) {
    b.append("<section id=\"flows\"><h2>Required flows</h2>\n");
    if (d.flows().isEmpty()) {
      b.append("<p>The plan has no flows.</p></section>\n");
      return;
    }
    if (!d.results().isEmpty()) attention(b, d);
    b.append("<div class=\"scroll\"><table>\n<thead><tr><th class=\"num\">#</th><th>Status</th><th>Source</th><th>Destination</th><th>Proto</th>")
        .append("<th>Ports</th><th>Purpose</th><th>Requirement</th><th>Evidence</th></tr></thead>\n<tbody>\n");
    int i = 1;
    for (ReportData.FlowRow f : d.flows()) {
      b.append("<tr id=\"flow-").append(i).append("\"><td class=\"num\">").append(i).append("</td><td>").append(badge(f.status())).append("</td>");
      cell(b, ReportData.endpoints(f.sources(), 3));
      cell(b, ReportData.endpoints(f.destinations(), 3));
      b.append("<td class=\"nowrap\">").append(escape(f.protocol())).append("</td>");
      cell(b, f.ports());
      b.append("<td class=\"wide\">").append(escape(f.purpose())).append("</td>");
      b.append("<td class=\"req\">").append(escape(f.requirements())).append("<br><span class=\"muted\">").append(escape(f.name())).append("</span></td>");
      b.append("<td class=\"evidence\">");
      evidence(b, f, d.results());
      b.append("</td></tr>\n");
      i++;
    }
    b.append("</tbody></table></div>\n</section>\n");
  }

  /** The failed and partial flows first, linked to their rows: what a change board asks about. */
  private static void attention(StringBuilder b, ReportData d) {
    for (Status s : List.of(Status.FAILED, Status.PARTIAL)) {
      StringBuilder links = new StringBuilder();
      int i = 1;
      for (ReportData.FlowRow f : d.flows()) {
        if (f.status() == s) links.append(links.isEmpty() ? "" : ", ").append("<a href=\"#flow-").append(i).append("\">#").append(i)
            .append(' ').append(escape(f.name())).append("</a>");
        i++;
      }
      if (!links.isEmpty()) b.append("<p>").append(badge(s)).append(' ').append(links).append("</p>\n");
    }
  }

  private static void cell(StringBuilder b, String text) {
    b.append("<td>").append(escape(text)).append("</td>");
  }

  private static void findings(StringBuilder b, ReportData d) {
    b.append("<section id=\"findings\"><h2>Findings</h2>\n");
    if (d.findings().isEmpty()) {
      b.append("<p>").append(d.results().isEmpty() ? "No verify or capture results were given, so nothing was looked for."
          : "No excess, shadowed or redundant rules, no warnings and no unexplained traffic.").append("</p></section>\n");
      return;
    }
    b.append("<div class=\"scroll\"><table>\n<thead><tr><th>Kind</th><th>From</th><th>Detail</th></tr></thead>\n<tbody>\n");
    for (Finding f : d.findings()) {
      b.append("<tr><td class=\"nowrap\">").append(escape(f.kind().label())).append("</td>");
      cell(b, f.source());
      b.append("<td class=\"wide\"><code>").append(escape(f.text())).append("</code></td></tr>\n");
    }
    b.append("</tbody></table></div>\n</section>\n");
  }

  private static void ports(StringBuilder b, ReportData d) {
    b.append("<section id=\"ports\"><h2>Port tables per product and component</h2>\n");
    if (d.products().isEmpty()) {
      b.append("<p>No catalog products: the plan came from a flows file.</p></section>\n");
      return;
    }
    for (ReportData.ProductSection p : d.products()) {
      b.append("<h3>").append(escape(p.instance())).append(": ").append(escape(p.product().name()));
      if (!p.product().vendor().isEmpty()) b.append(" <span class=\"muted\">(").append(escape(p.product().vendor())).append(")</span>");
      b.append("</h3>\n");
      b.append("<p class=\"muted\">Greyed rows are not needed at this site: their condition is off or a role is not deployed.</p>\n");
      if (!p.features().isEmpty() || !p.choices().isEmpty()) {
        b.append("<p class=\"muted\">Settings: ");
        for (Map.Entry<String, Boolean> f : p.features().entrySet())
          b.append(escape(f.getKey())).append(": ").append(f.getValue() ? "on" : "off").append(" &nbsp; ");
        for (Map.Entry<String, String> c : p.choices().entrySet())
          b.append(escape(c.getKey())).append(" = ").append(escape(c.getValue())).append(" &nbsp; ");
        b.append("</p>\n");
      }
      for (PortTables.Table t : p.tables()) {
        b.append("<h4>Ports used by the ").append(escape(t.component().name())).append("</h4>\n");
        if (t.rows().isEmpty()) {
          b.append("<p class=\"muted\">No network flows.</p>\n");
          continue;
        }
        b.append("<div class=\"scroll\"><table>\n<thead><tr>");
        for (String h : PortTables.HEADER.subList(1, PortTables.HEADER.size())) b.append("<th>").append(escape(h)).append("</th>");
        b.append("</tr></thead>\n<tbody>\n");
        for (PortTables.Row r : t.rows()) {
          b.append(p.needed(r) ? "<tr>" : "<tr class=\"not-needed\">");
          for (String c : r.cells().subList(1, PortTables.HEADER.size())) cell(b, c);
          b.append("</tr>\n");
        }
        b.append("</tbody></table></div>\n");
      }
    }
    b.append("</section>\n");
  }

  private static void firewalls(StringBuilder b, ReportData d, List<SiteReport.RulesText> rules) {
    b.append("<section id=\"firewalls\"><h2>Firewalls and rules</h2>\n");
    d.deployment().ifPresent(dep -> {
      if (dep.firewalls().isEmpty()) {
        b.append("<p>The deployment names no firewalls.</p>\n");
        return;
      }
      b.append("<div class=\"scroll\"><table>\n<thead><tr><th>Firewall</th><th>Kind</th><th>Dialect</th><th>Interfaces / hosts</th></tr></thead>\n<tbody>\n");
      for (Firewall fw : dep.firewalls()) {
        String where = switch (fw.kind()) {
          case NETWORK -> String.join("; ", fw.interfaces().stream().map(i -> i.name() + ": " + String.join(", ", i.zones())).toList());
          case HOST -> fw.hosts().isEmpty() ? "every host" : String.join(", ", fw.hosts());
        };
        b.append("<tr>");
        cell(b, fw.name());
        cell(b, fw.kind().name().toLowerCase(java.util.Locale.ROOT));
        cell(b, fw.dialect());
        cell(b, where);
        b.append("</tr>\n");
      }
      b.append("</tbody></table></div>\n");
    });
    if (rules.isEmpty()) b.append("<p class=\"muted\">No compiled rules were given (<code>--rules DIR</code>).</p>\n");
    // files named after a firewall (core.nft, core/…, core-iptables.rules) go under its heading
    List<String> firewalls = d.deployment().map(dep -> dep.firewalls().stream().map(Firewall::name).toList()).orElse(List.of());
    java.util.Set<SiteReport.RulesText> shown = new java.util.HashSet<>();
    for (String fw : firewalls) {
      List<SiteReport.RulesText> mine = rules.stream().filter(r -> !shown.contains(r) && belongsTo(r.name(), fw)).toList();
      if (mine.isEmpty()) continue;
      b.append("<h3>Rules for firewall ").append(escape(fw)).append("</h3>\n");
      for (SiteReport.RulesText r : mine) rulesFile(b, r);
      shown.addAll(mine);
    }
    List<SiteReport.RulesText> rest = rules.stream().filter(r -> !shown.contains(r)).toList();
    if (!rest.isEmpty() && !shown.isEmpty()) b.append("<h3>Other rule files</h3>\n");
    for (SiteReport.RulesText r : rest) rulesFile(b, r);
    b.append("</section>\n");
  }

  private static void rulesFile(StringBuilder b, SiteReport.RulesText r) {
    b.append("<h4>").append(escape(r.name())).append("</h4>\n<pre>").append(escape(r.text())).append("</pre>\n");
  }

  /** "core.nft", "core/forward.nft", "core-iptables.rules" belong to firewall "core"; "core2.nft" does not. */
  static boolean belongsTo(String relativePath, String firewall) {
    String first = relativePath.replace('\\', '/').split("/", 2)[0];
    if (first.equals(firewall)) return true;
    if (!first.startsWith(firewall) || first.length() == firewall.length()) return false;
    char next = first.charAt(firewall.length());
    return next == '.' || next == '-' || next == '_';
  }

  private static void notes(StringBuilder b, ReportData d) {
    if (d.plan().notes().isEmpty()) return;
    b.append("<section id=\"notes\"><h2>Planning notes</h2>\n<ul>\n");
    for (Diagnostic n : d.plan().notes()) b.append("<li>").append(escape(org.portolan.plan.PlanWriter.note(n))).append("</li>\n");
    b.append("</ul>\n</section>\n");
  }
}
