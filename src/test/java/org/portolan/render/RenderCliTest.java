package org.portolan.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.portolan.diag.ExitCode;
import org.portolan.testing.Cli;

/** {@code portolan diagram} and {@code portolan report} driven through the CLI front door. */
class RenderCliTest {
  static final String FLOWS = Fixtures.resource("cli/flows.csv").toString();
  static final String VERIFY = Fixtures.resource("results/verify.json").toString();

  @TempDir Path dir;

  @Test
  void mermaidOfAFlowsFile() {
    Cli o = Cli.run("diagram", "--flows", FLOWS, "--format", "mermaid");
    assertThat(o.code()).as(o.err()).isEqualTo(ExitCode.OK);
    assertThat(o.out()).contains("flowchart LR").contains("novell.cdn.lumension.com").contains("tcp 80,443,2645");
    assertThat(o.out().lines().filter(l -> l.contains("-->|"))).hasSize(3);
  }

  @Test
  void dotColouredByVerifyResultsWrittenToAFile() throws Exception {
    Path file = dir.resolve("d.dot");
    Cli o = Cli.run("diagram", "--flows", FLOWS, "--verify", VERIFY, "-o", file.toString());
    assertThat(o.code()).as(o.err()).isEqualTo(ExitCode.OK);
    assertThat(o.out()).isEmpty();
    String dot = Files.readString(file);
    assertThat(dot).startsWith("digraph portolan {");
    assertThat(dot.lines().filter(l -> l.contains("tcp 2645"))).singleElement().asString().contains(Status.FAILED.colour());
    assertThat(dot.lines().filter(l -> l.contains("tcp 80,443"))).singleElement().asString().contains(Status.OK.colour());
  }

  @Test
  void zoneViewOfASite() {
    Cli o = Cli.run("diagram", Fixtures.resource("site/site.yaml").toString(), "--zones", "--verify", VERIFY);
    assertThat(o.code()).as(o.err()).isEqualTo(ExitCode.OK);
    assertThat(o.out()).contains("label=\"Zone to zone: Render test site\"").contains("zone clients").contains("zone servers");
    assertThat(Cli.run("diagram", "zenworks", "--zones").code()).isEqualTo(ExitCode.USAGE);
  }

  @Test
  void svgWhenGraphvizIsThereAndExit4WhenItIsNot() {
    if (Diagrams.graphvizAvailable()) {
      Cli o = Cli.run("diagram", "--flows", FLOWS, "--format", "svg");
      assertThat(o.code()).as(o.err()).isEqualTo(ExitCode.OK);
      assertThat(o.out()).contains("<svg").contains("</svg>");
    }
    String before = System.getProperty("portolan.dot");
    System.setProperty("portolan.dot", "/nonexistent/dot");
    try {
      Cli o = Cli.run("diagram", "--flows", FLOWS, "--format", "svg");
      assertThat(o.code()).isEqualTo(ExitCode.RUNTIME);
      assertThat(o.err()).contains("install graphviz").contains("--format dot or mermaid");
    } finally {
      if (before == null) System.clearProperty("portolan.dot"); else System.setProperty("portolan.dot", before);
    }
  }

  @Test
  void badResultFilesAndOptionsGiveDistinctExitCodes() {
    Cli malformed = Cli.run("diagram", "--flows", FLOWS, "--verify", Fixtures.resource("results/malformed.json").toString());
    assertThat(malformed.code()).isEqualTo(ExitCode.INVALID_INPUT);
    assertThat(malformed.err()).contains("malformed.json:3:16: error: malformed JSON");
    Cli format = Cli.run("diagram", "--flows", FLOWS, "--format", "png");
    assertThat(format.code()).isEqualTo(ExitCode.USAGE);
    Cli productWithResults = Cli.run("diagram", "zenworks", "--verify", VERIFY);
    assertThat(productWithResults.code()).isEqualTo(ExitCode.USAGE);
    assertThat(productWithResults.err()).contains("colour a deployment's diagram");
    Cli noTarget = Cli.run("diagram");
    assertThat(noTarget.code()).isEqualTo(ExitCode.USAGE);
    Cli noOutput = Cli.run("report", "--flows", FLOWS);
    assertThat(noOutput.code()).isEqualTo(ExitCode.USAGE);
    assertThat(noOutput.err()).contains("-o");
  }

  @Test
  void reportOfAFlowsFileWithWorkbookAndRules() throws Exception {
    Path html = dir.resolve("out/report.html"), xlsx = dir.resolve("out/report.xlsx");
    Cli o = Cli.run("report", "--flows", FLOWS, "--verify", VERIFY, "--capture", Fixtures.resource("results/capture.json").toString(),
        "-o", html.toString(), "--xlsx", xlsx.toString(), "--rules", Fixtures.resource("rules").toString());
    assertThat(o.code()).as(o.err()).isEqualTo(ExitCode.OK);
    assertThat(o.err()).isEmpty();
    assertThat(o.out()).contains("wrote " + html).contains("wrote " + xlsx);
    String text = Files.readString(html);
    assertThat(text).contains("CASA &lt;fallback&gt;, when Tomcat is busy").contains("No catalog products: the plan came from a flows file.")
        .contains("ip saddr 198.18.20.0/24");
    assertThat(Files.size(xlsx)).isPositive();
  }

  @Test
  void reportTakesSeveralProbeAndCaptureFilesAndFilesRedundantRulesApart() throws Exception {
    Path second = dir.resolve("probe-from-client.json");
    Files.writeString(second, """
        {"probes": [{"name": "zcm/casa/primary-server/tcp", "src": "198.18.20.7", "dst": "198.18.10.10", "proto": "tcp", "port": 2645, "state": "filtered"}]}""");
    Path verify = dir.resolve("verify.json");
    Files.writeString(verify, """
        {"flows": [], "excess": [], "warnings": [], "shadowed": [
          {"kind": "redundant", "rule": {"file": "core.save", "line": 7, "text": "-A FORWARD -p tcp --dport 80 -j ACCEPT"}, "path": "forward", "by": [], "note": "without it the same packets are accepted anyway"},
          {"kind": "shadowed", "rule": {"file": "core.save", "line": 9, "text": "-A FORWARD -p tcp --dport 81 -j ACCEPT"}, "path": "forward", "by": [], "note": "earlier lines decide every packet it matches"}]}""");
    Path html = dir.resolve("report.html");
    String capture = Fixtures.resource("results/capture.json").toString();
    Cli o = Cli.run("report", "--flows", FLOWS, "--probe", Fixtures.resource("results/probe.json").toString(), "--probe", second.toString(),
        "--capture", capture, "--capture", capture, "--verify", verify.toString(), "-o", html.toString());
    assertThat(o.code()).as(o.err()).isEqualTo(ExitCode.OK);
    String text = Files.readString(html);
    assertThat(text).contains("probe: " + second).contains("198.18.20.7 → 198.18.10.10 tcp/2645: filtered").contains("tcp/443: open");
    assertThat(text).contains("<td class=\"nowrap\">redundant rule</td><td>verify</td><td class=\"wide\"><code>core.save:7")
        .contains("<td class=\"nowrap\">shadowed rule</td><td>verify</td><td class=\"wide\"><code>core.save:9");
  }
}
