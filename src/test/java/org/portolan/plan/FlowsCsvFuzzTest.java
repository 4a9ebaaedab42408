package org.portolan.plan;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.portolan.diag.Diagnostics;

class FlowsCsvFuzzTest {
  /** Any input gives flows or positioned diagnostics, never an exception or a hang. */
  @FuzzTest(maxDuration = "20s")
  void anyInputGivesFlowsOrPositionedErrors(byte[] data) {
    Diagnostics d = new Diagnostics();
    FlowPlan plan = FlowsCsv.read(new String(data, java.nio.charset.StandardCharsets.UTF_8), "fuzz.csv", d);
    if (d.hasErrors()) assertThat(d.errors()).allSatisfy(e -> assertThat(e.position().file()).isEqualTo("fuzz.csv"));
    else assertThat(plan.flows()).allSatisfy(f -> assertThat(f.name()).isNotBlank());
  }
}
