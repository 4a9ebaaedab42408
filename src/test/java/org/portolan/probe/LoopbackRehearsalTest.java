package org.portolan.probe;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.portolan.catalog.Catalog;
import org.portolan.catalog.CatalogLoader;
import org.portolan.deployment.Deployment;
import org.portolan.deployment.DeploymentLoader;
import org.portolan.diag.Diagnostics;
import org.portolan.plan.FlowPlan;
import org.portolan.plan.Planner;

/** The demo's rehearsal on the bundled example site: everything on loopback, everything open. */
class LoopbackRehearsalTest {
  @Test
  void theConfigMgrPrimarySiteRehearsesOnLoopbackOnly() throws IOException {
    Diagnostics d = new Diagnostics();
    Catalog catalog = CatalogLoader.bundled();
    String site;
    try (InputStream in = LoopbackRehearsalTest.class.getResourceAsStream("/examples/site.yaml")) {
      site = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    Deployment dep = DeploymentLoader.parse(site, "site.yaml", catalog, d);
    FlowPlan plan = Planner.plan(catalog, dep, d);
    assertThat(d.errors()).isEmpty();
    var host = dep.host("cm-pss").orElseThrow();
    LoopbackRehearsal.Result r = LoopbackRehearsal.run(plan, Sources.addresses(host), java.time.Duration.ofMillis(500));
    assertThat(r.report().results()).isNotEmpty();
    assertThat(r.report().results()).allSatisfy(x -> {
      assertThat(x.dst()).startsWith("127.77.");
      assertThat(x.state()).as("%s", x).isEqualTo(ProbeState.OPEN);
      // the evidence says why its addresses are 127.x, and which real address each stands for
      assertThat(x.detail()).contains("loopback rehearsal: " + x.dst() + " stands in for ", "nothing left this machine");
    });
    assertThat(r.bindings()).isNotEmpty().allSatisfy(b -> assertThat(b.address().isLoopbackAddress()).isTrue());
  }
}
