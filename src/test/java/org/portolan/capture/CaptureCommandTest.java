package org.portolan.capture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.portolan.cli.Main;
import org.portolan.diag.ExitCode;
import org.portolan.testing.Cli;

/** The CLI's exit codes and messages, driven through {@link Main#run}. */
class CaptureCommandTest {
  @TempDir Path dir;

  static final String DEMO = "src/main/resources/demo/configmgr-trace.pcapng";
  static final String DEMO_FLOWS = "src/main/resources/demo/configmgr-flows.csv";

  @Test
  void failingRequiredFlowsExitOneAndNameTheEvidence() {
    Cli r = Cli.run("capture", DEMO, "--flows", DEMO_FLOWS);
    assertThat(r.code()).isEqualTo(ExitCode.FINDINGS);
    assertThat(r.out()).contains("FAILING    primary-to-dc/global-catalog").contains("dropped, 3 retransmits")
        .contains("not seen   primary-to-dc/kerberos-udp");
  }

  @Test
  void everySeenRequiredFlowWorkingExitsZeroEvenWithFlowsNotSeen() throws IOException {
    Path flows = dir.resolve("working.csv");
    Files.writeString(flows, """
        name,src,dst,proto,ports
        dns,198.18.40.20,198.18.1.11,udp,53
        rpc,198.18.40.20,198.18.1.11,tcp,135
        unused,198.18.40.20,198.18.1.12,tcp,22
        """);
    Cli r = Cli.run("capture", DEMO, "--flows", flows.toString(), "--format", "json");
    assertThat(r.code()).isEqualTo(ExitCode.OK);
    assertThat(r.out()).contains("\"status\" : \"not_seen\"").contains("\"via_epm\" : 23")
        .contains("\"flow\" : \"rpc\",\n    \"src_port\"");
    assertThat(r.out()).contains("\"port\" : 3268"); // the dropped GC attempt is unexplained here, not a finding
  }

  @Test
  void withoutAPlanFailedAttemptsAreFindings() {
    Cli r = Cli.run("capture", "src/test/resources/capture/epm/input.pcapng");
    assertThat(r.code()).isEqualTo(ExitCode.OK);
    assertThat(r.out()).doesNotContain("REQUIRED FLOWS");
    assertThat(Cli.run("capture", DEMO).code()).isEqualTo(ExitCode.FINDINGS);
  }

  @Test
  void aTruncatedCaptureExitsThreeWithTheByteOffset() throws IOException {
    byte[] whole = Files.readAllBytes(Path.of(DEMO));
    Path cut = dir.resolve("cut.pcapng");
    Files.write(cut, Arrays.copyOf(whole, 1040)); // inside the 100-byte block at 1000
    Cli r = Cli.run("capture", cut.toString());
    assertThat(r.code()).isEqualTo(ExitCode.INVALID_INPUT);
    assertThat(r.err()).startsWith(cut + ": error: byte offset 1004: truncated block: declares 100 bytes, 40 remain in the file");
  }

  @Test
  void usageErrorsExitTwo() {
    assertThat(Cli.run("capture").code()).isEqualTo(ExitCode.USAGE);
    assertThat(Cli.run("capture", "/nonexistent/x.pcap").code()).isEqualTo(ExitCode.USAGE);
    assertThat(Cli.run("capture", DEMO, "--format", "xml").code()).isEqualTo(ExitCode.USAGE);
  }

  @Test
  void aBadFlowsFileExitsThree() throws IOException {
    Path flows = dir.resolve("bad.csv");
    Files.writeString(flows, "name,src,dst,proto,ports\nx,198.18.6.1,198.18.6.2,tcp,99999\n");
    Cli r = Cli.run("capture", DEMO, "--flows", flows.toString());
    assertThat(r.code()).isEqualTo(ExitCode.INVALID_INPUT);
    assertThat(r.err()).contains("bad.csv:2");
  }

  @Test
  void theBundledDemoTraceShowsTheScenario() throws IOException {
    Path trace = dir.resolve("trace.pcapng");
    Path flows = dir.resolve("flows.csv");
    try (var t = CaptureCommandTest.class.getResourceAsStream("/demo/configmgr-trace.pcapng");
         var f = CaptureCommandTest.class.getResourceAsStream("/demo/configmgr-flows.csv")) {
      Files.write(trace, t.readAllBytes());
      Files.write(flows, f.readAllBytes());
    }
    CaptureResult r = CaptureAnalysis.analyze(trace, org.portolan.plan.FlowsCsv.read(flows, new org.portolan.diag.Diagnostics()));
    CaptureNamespaceTest.assertDemoScenario(r);
  }

  @Test
  void aDeploymentsPlanAttributesToItsRequirementsAndCountsTheFlowsNotSeen() {
    Cli r = Cli.run("capture", DEMO, "examples/site.yaml");
    assertThat(r.code()).isEqualTo(ExitCode.FINDINGS);
    assertThat(r.out()).contains("tcp/3268  dropped        3  configmgr/pss-root-dc-gc/root-dc/tcp")
        .contains("FAILING    configmgr/pss-root-dc-gc/root-dc/tcp").containsPattern("not seen   \\d+ more required flows");
  }
}
