package org.portolan.probe;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.portolan.diag.ExitCode;
import org.portolan.testing.Cli;

/** The probe and listen commands through the CLI front door, on loopback only. */
class ProbeCommandTest {
  @TempDir Path dir;
  static final Path SITE = Path.of("src/test/resources/probe/cli/site.yaml");
  static final Path CATALOG = Path.of("src/test/resources/probe/cli/catalog");

  Path csv(String rows) throws Exception {
    Path p = dir.resolve("flows.csv");
    Files.writeString(p, "name,src,dst,proto,ports\n" + rows);
    return p;
  }

  @Test
  void usageErrorsExitTwo() throws Exception {
    assertThat(Cli.run("probe").code()).isEqualTo(ExitCode.USAGE);
    Path f = csv("a,127.0.0.1,127.0.0.2,tcp,1\n");
    Cli both = Cli.run("probe", SITE.toString(), "--flows", f.toString(), "--as", "client1");
    assertThat(both.code()).isEqualTo(ExitCode.USAGE);
    assertThat(both.err()).contains("exactly one");
    Cli badTimeout = Cli.run("probe", "--flows", f.toString(), "--timeout", "soon");
    assertThat(badTimeout.code()).isEqualTo(ExitCode.USAGE);
    assertThat(badTimeout.err()).contains("--timeout: expected a duration");
    Cli noAs = Cli.run("probe", SITE.toString(), "--catalog", CATALOG.toString());
    assertThat(noAs.code()).isEqualTo(ExitCode.USAGE);
    assertThat(noAs.err()).contains("--as HOST");
    assertThat(Cli.run("probe", "--flows", f.toString(), "--format", "xml").code()).isEqualTo(ExitCode.USAGE);
    assertThat(Cli.run("probe", "--flows", f.toString(), "--concurrency", "0").code()).isEqualTo(ExitCode.USAGE);
    Cli unknownHost = Cli.run("probe", SITE.toString(), "--catalog", CATALOG.toString(), "--as", "nosuchhost");
    assertThat(unknownHost.code()).isEqualTo(ExitCode.USAGE);
  }

  @Test
  void aBadFlowsFileExitsThreeWithItsPosition() throws Exception {
    Path f = csv("a,127.0.0.1,127.0.0.2,tcp,99999\n");
    Cli r = Cli.run("probe", "--flows", f.toString());
    assertThat(r.code()).isEqualTo(ExitCode.INVALID_INPUT);
    assertThat(r.err()).contains("flows.csv:2:").contains("column 'ports'");
  }

  @Test
  void allOpenExitsZeroAndAClosedPortExitsOne() throws Exception {
    try (ServerSocket s = new ServerSocket()) {
      s.bind(new InetSocketAddress("127.0.0.63", 0));
      Path f = csv("web,127.0.0.1,127.0.0.63,tcp,%d\nother,127.0.0.9,127.0.0.63,tcp,1\n".formatted(s.getLocalPort()));
      Cli open = Cli.run("probe", "--flows", f.toString(), "--from", "127.0.0.1");
      assertThat(open.code()).as(open.err()).isEqualTo(ExitCode.OK);
      assertThat(open.out()).contains("open").contains("web").doesNotContain("other").contains("1 of 1 probes open");
      Cli all = Cli.run("probe", "--flows", f.toString(), "--format", "junit");
      assertThat(all.code()).isEqualTo(ExitCode.FINDINGS);
      var doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
          .parse(new ByteArrayInputStream(all.out().getBytes(StandardCharsets.UTF_8)));
      assertThat(doc.getDocumentElement().getAttribute("tests")).isEqualTo("2");
      assertThat(doc.getDocumentElement().getAttribute("failures")).isEqualTo("1");
      assertThat(doc.getElementsByTagName("failure").item(0).getAttributes().getNamedItem("type").getNodeValue()).isEqualTo("closed");
    }
  }

  @Test
  void nothingToProbeIsAFinding() throws Exception {
    Path f = csv("a,127.0.0.1,127.0.0.2,tcp,1\n");
    Cli r = Cli.run("probe", "--flows", f.toString(), "--from", "127.0.0.99");
    assertThat(r.code()).isEqualTo(ExitCode.FINDINGS);
    assertThat(r.err()).contains("nothing to probe");
  }

  @Test
  void deploymentProbeTestsTheFlowsTheHostInitiatesAgainstListen() throws Exception {
    try (Listener l = Listener.start(
        org.portolan.plan.FlowsCsv.read("name,src,dst,proto,ports\nw,127.0.0.61,127.0.0.62,tcp,40301\nd,127.0.0.61,127.0.0.62,udp,53\n", "x", new org.portolan.diag.Diagnostics()).flows(),
        List.of(InetAddress.getByName("127.0.0.62")), 64, 16)) {
      Cli r = Cli.run("probe", SITE.toString(), "--catalog", CATALOG.toString(), "--as", "client1", "--format", "json", "-o", dir.resolve("r.json").toString());
      assertThat(r.code()).as(r.err()).isEqualTo(ExitCode.OK);
      var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(dir.resolve("r.json").toFile());
      assertThat(json.get("probes")).hasSize(2);
      assertThat(json.get("probes").findValuesAsText("src")).containsOnly("client1");
      assertThat(json.get("probes").findValuesAsText("state")).containsOnly("open");
      assertThat(json.get("probes").findValuesAsText("name")).allSatisfy(n -> assertThat(n).startsWith("loopback-app/"));
    }
    // the server initiates nothing
    Cli server = Cli.run("probe", SITE.toString(), "--catalog", CATALOG.toString(), "--as", "server1");
    assertThat(server.code()).isEqualTo(ExitCode.FINDINGS);
    assertThat(server.err()).contains("nothing to probe");
  }

  @Test
  void listenBindsWhatTheHostMustAcceptForItsDuration() {
    Cli r = Cli.run("listen", SITE.toString(), "--catalog", CATALOG.toString(), "--as", "server1", "--duration", "200ms");
    assertThat(r.code()).as(r.err()).isEqualTo(ExitCode.OK);
    assertThat(r.out()).contains("listening  tcp/40301").contains("listening  udp/53").contains("answering DNS")
        .contains("ready: 2 sockets bound, 0 not bound");
  }

  @Test
  void listenReportsAPortInUseAndExitsOne() throws Exception {
    try (ServerSocket s = new ServerSocket()) {
      s.bind(new InetSocketAddress("127.0.0.62", 40301));
      Cli r = Cli.run("listen", SITE.toString(), "--catalog", CATALOG.toString(), "--as", "server1", "--duration", "100ms");
      assertThat(r.code()).isEqualTo(ExitCode.FINDINGS);
      assertThat(r.out()).contains("NOT BOUND  tcp/40301").contains("in use by another program");
    }
  }
}
