package org.portolan.compile;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.portolan.diag.Diagnostics;
import org.portolan.plan.Flow;
import org.portolan.plan.FlowPlan;
import org.portolan.plan.FlowsCsv;

class CompileFuzzTest {
  /**
   * Any flows file the reader accepts compiles in every dialect without an exception; every
   * flow is either in a rule, refused by name, or a loopback note — none is dropped silently.
   */
  @FuzzTest(maxDuration = "30s")
  void anyFlowsFileCompilesInEveryDialect(byte[] data) {
    Diagnostics read = new Diagnostics();
    FlowPlan plan = FlowsCsv.read(new String(data, StandardCharsets.UTF_8), "fuzz.csv", read);
    if (read.hasErrors() || plan.flows().size() > 50) return;
    for (Dialect dialect : Dialects.all()) {
      Diagnostics d = new Diagnostics();
      var rendered = Compiler.render(plan, Optional.empty(), dialect, CompileOptions.defaults().withPartial(true), d);
      assertThat(d.errors()).isEmpty();
      RuleSet rs = rendered.keySet().iterator().next();
      Set<String> accounted = new HashSet<>();
      rs.rules().forEach(r -> accounted.addAll(r.reasons().flows()));
      rs.refused().forEach(r -> accounted.add(r.flow()));
      for (Flow f : plan.flows()) {
        if (f.loopback()) assertThat(rs.notes()).anyMatch(n -> n.contains(f.name()));
        else assertThat(accounted).as("%s: flow %s", dialect.name(), f.name()).contains(f.name());
      }
      assertThat(rendered.get(rs)).isNotEmpty();
    }
  }
}
