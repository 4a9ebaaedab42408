package org.portolan.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Opens the report in headless Chromium (Debian's chromium) at desktop and phone widths,
 * screenshots it, and reads Chromium's log: any console message (CSP violations are logged
 * as console errors) or failed request fails the test. A control page with an external
 * image and a script proves the log would show them. The screenshots stay in
 * target/render-screenshots/ to look at.
 */
class ChromiumReportTest {
  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  static final Path SHOTS = Path.of("target/render-screenshots");

  @TempDir static Path dir;

  @BeforeAll
  static void needChromium() throws IOException {
    assumeTrue(Files.isExecutable(CHROMIUM), "Chromium is not installed at /usr/bin/chromium (Debian package chromium); report not opened in a browser");
    Files.createDirectories(SHOTS);
  }

  record Run(int exit, String log, Path png) {
    /** Log lines that are page problems: console messages, CSP violations, failed loads. */
    List<String> problems() {
      return log.lines().filter(l -> l.contains(":CONSOLE") || l.contains("Content Security Policy") || l.contains("net::ERR_")
          || l.contains("Failed to load") || l.contains("Refused to")).toList();
    }
  }

  static Run open(Path html, int width, int height, String name) throws IOException, InterruptedException {
    Path profile = Files.createTempDirectory(dir, "profile");
    Path png = SHOTS.resolve(name + ".png").toAbsolutePath();
    Files.deleteIfExists(png);
    Path log = dir.resolve(name + ".log");
    List<String> cmd = new ArrayList<>(List.of(CHROMIUM.toString(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
        "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-extensions",
        "--user-data-dir=" + profile, "--enable-logging=stderr", "--v=0", "--hide-scrollbars",
        "--window-size=" + width + "," + height, "--screenshot=" + png, html.toUri().toString()));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    if (!p.waitFor(90, TimeUnit.SECONDS)) {
      p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      throw new AssertionError("chromium did not finish within 90 s");
    }
    return new Run(p.exitValue(), Files.readString(log, StandardCharsets.UTF_8), png);
  }

  @Test
  void theControlPageShowsThatBlockedRequestsAndScriptsWouldBeSeen() throws Exception {
    Path control = dir.resolve("control.html");
    Files.writeString(control, "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><meta http-equiv=\"Content-Security-Policy\" content=\""
        + HtmlReport.CSP.replace("'", "&#39;") + "\"></head><body><img src=\"http://198.18.0.1/x.png\"><script>console.error('x')</script></body></html>");
    Run r = open(control, 400, 300, "control");
    assertThat(r.problems()).anySatisfy(l -> assertThat(l).contains("198.18.0.1").contains("Content Security Policy"));
    assertThat(r.problems()).anySatisfy(l -> assertThat(l).contains("inline script"));
  }

  @Test
  void theReportOpensWithoutRequestsOrErrorsOnDesktopAndPhone() throws Exception {
    ReportTest.writeExample(dir);
    Path html = dir.resolve("report.html");
    Run desktop = open(html, 1280, 2400, "report-desktop");
    Run phone = open(html, 390, 2400, "report-phone");
    for (Run r : List.of(desktop, phone)) {
      assertThat(r.exit()).as("chromium exit; log:\n%s", r.log()).isZero();
      assertThat(r.problems()).as("console messages, CSP violations or failed requests").isEmpty();
      assertThat(r.png()).exists();
    }
    BufferedImage d = ImageIO.read(desktop.png().toFile());
    BufferedImage m = ImageIO.read(phone.png().toFile());
    assertThat(d.getWidth()).isEqualTo(1280);
    assertThat(m.getWidth()).isEqualTo(390);
    // the status badges are drawn in their colours: every status of the fixture is visible
    Set<Integer> colours = colours(d);
    for (Status s : Status.values())
      assertThat(colours).as("pixels of %s (%s)", s, s.colour()).contains(Integer.parseInt(s.colour().substring(1), 16));
  }

  /**
   * The demo site's report with verify results whose rules name long file paths and address
   * lists: at 1280 px the flows table fits the window and the Evidence column is readable
   * (it once started at the window's right edge). Measured by a script in a copy of the report
   * without its CSP (the report itself runs no script).
   */
  @Test
  void theEvidenceColumnFitsADesktopWindow() throws Exception {
    Path site = Path.of("examples/site.yaml");
    assumeTrue(Files.isRegularFile(site), "the bundled example site is not here");
    Path rules = dir.resolve("evidence-rules");
    assertThat(org.portolan.testing.Cli.run("compile", site.toString(), "--dialect", "iptables", "--firewall", "core-fw", "--partial", "-o", rules.toString()).code())
        .isLessThanOrEqualTo(1);
    Path verify = dir.resolve("evidence-verify.json"), html = dir.resolve("evidence-report.html");
    assertThat(org.portolan.testing.Cli.run("verify", site.toString(), "--ruleset", rules.resolve("core-fw.iptables").toString(), "--firewall", "core-fw",
        "--format", "json", "-o", verify.toString()).code()).isLessThanOrEqualTo(1);
    assertThat(org.portolan.testing.Cli.run("report", site.toString(), "--verify", verify.toString(), "-o", html.toString()).code()).isZero();
    String measure = "<script>window.addEventListener('load',()=>{const t=document.querySelector('#flows table');"
        + "const ths=[...t.querySelectorAll('thead th')];const ev=ths[ths.length-1];"
        + "document.body.setAttribute('data-m',t.offsetWidth+' '+t.parentElement.clientWidth+' '+ev.textContent+' '+ev.offsetWidth);});</script>";
    var m = java.util.regex.Pattern.compile("(\\d+) (\\d+) Evidence (\\d+)").matcher(measured(html, measure, "evidence", ""));
    assertThat(m.matches()).as("the measuring script ran").isTrue();
    int table = Integer.parseInt(m.group(1)), window = Integer.parseInt(m.group(2)), evidence = Integer.parseInt(m.group(3));
    assertThat(table).as("flows table width within the %d px it has", window).isLessThanOrEqualTo(window);
    assertThat(evidence).as("Evidence column width").isGreaterThanOrEqualTo(250);
  }

  /**
   * Issue 14: the demo site's zones as a reader sees them at 1280 px. The zone matrix (which
   * replaced the zone-to-zone diagram, illegible at this size) fits the window, its text is
   * at least 12 px, no label overlaps another, it has one linked cell per zone pair with flows,
   * and a link to a cell opens that cell's flows (as many rows as the cell says). Every text of
   * the product diagrams is drawn at least 10 px high: they scroll sideways instead of shrinking.
   */
  @Test
  void theZoneMatrixAndDiagramsAreLegibleAtDesktopWidth() throws Exception {
    Path site = Path.of("examples/site.yaml");
    assumeTrue(Files.isRegularFile(site), "the bundled example site is not here");
    org.portolan.catalog.Catalog catalog = org.portolan.catalog.CatalogLoader.bundled();
    org.portolan.diag.Diagnostics diags = new org.portolan.diag.Diagnostics();
    var dep = org.portolan.deployment.DeploymentLoader.parse(Files.readString(site), site.toString(), catalog, diags);
    var plan = org.portolan.plan.Planner.plan(catalog, dep, diags);
    var crossings = GraphBuilder.crossings(plan, java.util.Optional.of(dep));
    int pairs = crossings.flows().size();
    // the cell of the most flows, and where it is in the matrix
    var biggest = crossings.flows().entrySet().stream().max(java.util.Map.Entry.comparingByValue(java.util.Comparator.comparingInt(List::size))).orElseThrow();
    String cell = HtmlReport.cellId(crossings.zones().indexOf(biggest.getKey().get(0)), crossings.zones().indexOf(biggest.getKey().get(1)));

    Path html = dir.resolve("zones-report.html");
    assertThat(org.portolan.testing.Cli.run("report", site.toString(), "-o", html.toString()).code()).isZero();
    String measure = "<script>window.addEventListener('load',()=>setTimeout(()=>{const m={};const t=document.getElementById('zone-matrix');"
        + "m.table=t.offsetWidth;m.box=t.parentElement.clientWidth;m.links=t.querySelectorAll('td a').length;"
        + "const labels=[...t.querySelectorAll('th,td a,td .badge')];"
        + "m.font=Math.min(...labels.map(e=>parseFloat(getComputedStyle(e).fontSize)));"
        + "const over=(a,b)=>a.left<b.right-0.5&&b.left<a.right-0.5&&a.top<b.bottom-0.5&&b.top<a.bottom-0.5;"
        + "const pairs=(rs)=>{let n=0;for(let i=0;i<rs.length;i++)for(let j=i+1;j<rs.length;j++)if(over(rs[i],rs[j]))n++;return n;};"
        + "m.overlaps=pairs(labels.map(e=>e.getBoundingClientRect()));"
        + "const c=document.getElementById(location.hash.slice(1));m.open=!!(c&&c.closest('details').open);"
        + "m.rows=c?[...c.querySelectorAll('tbody tr')].filter(r=>r.getBoundingClientRect().height>0).length:-1;"
        + "const svgs=[...document.querySelectorAll('.diagram svg')];m.svgs=svgs.length;let h=99;"
        + "for(const s of svgs)for(const x of s.querySelectorAll('text'))h=Math.min(h,x.getBoundingClientRect().height);m.svgtext=Math.floor(h);"
        + "document.body.setAttribute('data-m',Object.entries(m).map(([k,v])=>k+'='+v).join(' '));},200));</script>";
    String found = measured(html, measure, "zones", "#" + cell);
    java.util.Map<String, String> m = new java.util.HashMap<>();
    for (String kv : found.split(" ")) m.put(kv.substring(0, kv.indexOf('=')), kv.substring(kv.indexOf('=') + 1));
    assertThat(Integer.parseInt(m.get("table"))).as("matrix width within the %s px it has", m.get("box")).isLessThanOrEqualTo(Integer.parseInt(m.get("box")));
    assertThat(Double.parseDouble(m.get("font"))).as("smallest matrix text, px").isGreaterThanOrEqualTo(12);
    assertThat(Integer.parseInt(m.get("overlaps"))).as("overlapping labels in the matrix").isZero();
    assertThat(Integer.parseInt(m.get("links"))).as("linked cells = zone pairs with flows").isEqualTo(pairs);
    assertThat(m.get("open")).as("the cell %s opens when its link is followed", cell).isEqualTo("true");
    assertThat(Integer.parseInt(m.get("rows"))).as("rows shown for cell %s", cell).isEqualTo(biggest.getValue().size());
    if (Diagrams.graphvizAvailable()) {
      assertThat(Integer.parseInt(m.get("svgs"))).as("product diagrams drawn").isEqualTo(dep.products().size());
      assertThat(Integer.parseInt(m.get("svgtext"))).as("smallest diagram text, px").isGreaterThanOrEqualTo(10);
    }
  }

  /**
   * Opens a copy of {@code html} without its CSP and with the measuring {@code script} (which
   * sets the body's {@code data-m}) at 1280 px, at {@code fragment}; returns data-m.
   */
  static String measured(Path html, String script, String name, String fragment) throws Exception {
    Path probe = dir.resolve(name + "-measure.html");
    Files.writeString(probe, Files.readString(html).replaceFirst("<meta http-equiv=\"Content-Security-Policy\"[^>]*>", "").replace("</body>", script + "</body>"));
    Path profile = Files.createTempDirectory(dir, "profile");
    Process p = new ProcessBuilder(List.of(CHROMIUM.toString(), "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
        "--user-data-dir=" + profile, "--window-size=1280,2000", "--virtual-time-budget=5000", "--dump-dom", probe.toUri() + fragment))
        .redirectError(ProcessBuilder.Redirect.DISCARD).start();
    String dom = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(90, TimeUnit.SECONDS)).isTrue();
    var found = java.util.regex.Pattern.compile("data-m=\"([^\"]*)\"").matcher(dom);
    assertThat(found.find()).as("the measuring script ran in %s", probe).isTrue();
    return found.group(1);
  }

  @Test
  void theReportPrintsToPdf() throws Exception {
    ReportTest.writeExample(dir);
    Path pdf = SHOTS.resolve("report.pdf").toAbsolutePath();
    Files.deleteIfExists(pdf);
    Path profile = Files.createTempDirectory(dir, "profile");
    Process p = new ProcessBuilder(List.of(CHROMIUM.toString(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync", "--user-data-dir=" + profile,
        "--no-pdf-header-footer", "--print-to-pdf=" + pdf, dir.resolve("report.html").toUri().toString()))
        .redirectErrorStream(true).redirectOutput(dir.resolve("print.log").toFile()).start();
    if (!p.waitFor(90, TimeUnit.SECONDS)) {
      p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      throw new AssertionError("chromium did not finish printing within 90 s");
    }
    assertThat(p.exitValue()).isZero();
    String text = new String(Files.readAllBytes(pdf), StandardCharsets.ISO_8859_1);
    assertThat(text).startsWith("%PDF-");
    // several pages of letter/A4: the print stylesheet lets tables break across pages
    long pages = java.util.regex.Pattern.compile("/Type\\s*/Page[^s]").matcher(text).results().count();
    assertThat(pages).isBetween(3L, 20L);
  }

  private static Set<Integer> colours(BufferedImage img) {
    Set<Integer> out = new HashSet<>();
    for (int y = 0; y < img.getHeight(); y += 1)
      for (int x = 0; x < img.getWidth(); x += 2) out.add(img.getRGB(x, y) & 0xffffff);
    return out;
  }
}
