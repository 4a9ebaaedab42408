package org.portolan.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.portolan.catalog.CatalogLoader;
import org.portolan.deployment.Deployment;
import org.portolan.deployment.DeploymentLoader;
import org.portolan.diag.Diagnostics;
import org.portolan.plan.FlowPlan;
import org.portolan.plan.Planner;

/** The demo's capture and probe steps write what the demo folder promises. */
class DemoRunsTest {
  @TempDir Path dir;

  @Test
  void captureCopiesTheTraceAndFlowsAndWritesBothReports() throws Exception {
    List<Path> files = DemoRuns.capture(dir.resolve("capture"));
    assertThat(files).extracting(p -> p.getFileName().toString()).containsExactly("configmgr-trace.pcapng", "configmgr-flows.csv", "capture.json", "capture.txt");
    assertThat(files).allSatisfy(f -> assertThat(f).isRegularFile());
    assertThat(Files.readString(files.get(3))).contains("FAILING    primary-to-dc/smb");
    assertThat(Files.readString(files.get(2))).contains("\"attempts\"");
  }

  @Test
  void theProbeRehearsalWritesItsFourFilesAndStaysOnLoopback() throws Exception {
    Diagnostics d = new Diagnostics();
    var catalog = CatalogLoader.bundled();
    Deployment dep = DeploymentLoader.parse(DemoCommand.bundled("examples/site.yaml"), "site.yaml", catalog, d);
    FlowPlan plan = Planner.plan(catalog, dep, d);
    assertThat(d.errors()).isEmpty();
    List<InetAddress> pss = dep.host("cm-pss").orElseThrow().addresses().stream().map(a -> a.withoutPrefixLength().toInetAddress()).toList();
    List<Path> files = DemoRuns.probeRehearsal(plan, pss, "cm-pss", dir);
    assertThat(files).extracting(p -> dir.relativize(p).toString())
        .containsExactly("probe/rehearsal.txt", "probe/rehearsal.json", "probe/rehearsal-junit.xml", "probe/listen.txt");
    assertThat(Files.readString(files.getFirst())).contains("Nothing leaves this machine").doesNotContain("filtered");
    assertThat(Files.readString(files.get(3))).contains("listening").contains("127.77.");
  }
}
