package org.portolan.verify;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.portolan.compile.CompileOptions;
import org.portolan.compile.Compiler;
import org.portolan.compile.Dialects;
import org.portolan.compile.Output;
import org.portolan.compile.RuleSet;
import org.portolan.diag.Diagnostics;
import org.portolan.ingest.RulesetImporter;
import org.portolan.ingest.acl.Acl;
import org.portolan.ingest.acl.AclAssert;
import org.portolan.plan.FlowPlan;
import org.portolan.plan.FlowsCsv;

/** verify(compile(x)): every required flow allowed, nothing permitted beyond them, for every dialect verify reads. */
class CompileRoundTripTest {
  static FlowPlan plan() {
    Diagnostics d = new Diagnostics();
    FlowPlan p = FlowsCsv.read(AclAssert.resource("/verify/roundtrip/flows.csv"), "flows.csv", d);
    assertThat(d.errors()).isEmpty();
    return p;
  }

  /** Flows a dialect cannot express (compile refuses them by its capabilities: single ICMP types, GRE). */
  private static final Map<String, java.util.Set<String>> UNWRITABLE = Map.of(
      "panos", java.util.Set.of("ping"), "azure-nsg", java.util.Set.of("ping", "gre"), "gcp", java.util.Set.of("ping"), "k8s", java.util.Set.of("ping", "gre"));

  /** The round-trip plan without the flows {@code dialect} cannot express. */
  static FlowPlan plan(String dialect) {
    FlowPlan all = plan();
    java.util.Set<String> skip = UNWRITABLE.getOrDefault(dialect, java.util.Set.of());
    return new FlowPlan("", all.flows().stream().filter(f -> !skip.contains(f.name())).toList(), List.of());
  }

  /** The round trip can fail: rules compiled without the "api" flow leave it blocked, and with an extra flow show excess. */
  @ParameterizedTest
  @ValueSource(strings = {"iptables", "nftables", "asa", "srx", "panos", "azure-nsg", "gcp", "windows"})
  void aMissingOrExtraRuleIsCaught(String dialect) {
    FlowPlan all = plan(dialect);
    FlowPlan fewer = new FlowPlan("", all.flows().stream().filter(f -> !f.name().equals("api")).toList(), List.of());
    FlowPlan more = new FlowPlan("", all.flows().stream().filter(f -> !f.name().equals("dns")).toList(), List.of());
    for (var compiled : List.of(fewer, all)) {
      Diagnostics d = new Diagnostics();
      var rendered = Compiler.render(compiled, Optional.empty(), Dialects.byName(dialect).orElseThrow(), CompileOptions.defaults(), d);
      Output o = rendered.values().iterator().next().getFirst();
      Acl acl = RulesetImporter.read(new String(o.content(), StandardCharsets.UTF_8), o.fileName(), Optional.empty(), new Diagnostics()).orElseThrow();
      if (compiled == fewer) {
        VerifyResult r = Verifier.verify(acl, all, VerifyOptions.DEFAULT, List.of());
        assertThat(r.flows().stream().filter(f -> f.name().equals("api")).findFirst().orElseThrow().verdict().keyword()).isEqualTo("blocked");
      } else {
        VerifyResult r = Verifier.verify(acl, more, VerifyOptions.DEFAULT, List.of());
        assertThat(r.excess()).as(dialect + ": the dns rule is excess when dns is not required").isNotEmpty();
        assertThat(r.excess()).anySatisfy(e -> assertThat(e.example().port()).isEqualTo("53"));
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"iptables", "nftables", "asa", "srx", "panos", "azure-nsg", "gcp", "windows"})
  void everyFlowAllowedAndNoExcess(String dialect) {
    FlowPlan plan = plan(dialect);
    Diagnostics d = new Diagnostics();
    Map<RuleSet, List<Output>> rendered = Compiler.render(plan, Optional.empty(), Dialects.byName(dialect).orElseThrow(), CompileOptions.defaults(), d);
    assertThat(d.errors()).as("compile errors").isEmpty();
    Map<String, String> verdicts = new HashMap<>();
    List<Excess> excess = new ArrayList<>();
    int files = 0;
    for (var e : rendered.entrySet()) {
      for (Output o : e.getValue()) {
        Diagnostics id = new Diagnostics();
        Acl acl = RulesetImporter.read(new String(o.content(), StandardCharsets.UTF_8), o.fileName(), Optional.empty(), id)
            .orElseThrow(() -> new AssertionError(o.fileName() + ": " + id.all()));
        // an NSG without outbound rules leaves outbound to Azure's default rules, whose service tags the file cannot resolve: said, and allowed here
        assertThat(id.all().stream().filter(x -> !(dialect.equals("azure-nsg") && x.message().contains("an Azure default rule"))).toList()).as("import of %s", o.fileName()).isEmpty();
        files++;
        VerifyResult r = Verifier.verify(acl, plan, VerifyOptions.DEFAULT, List.of());
        for (FlowResult f : r.flows()) {
          // a one-family file (iptables / ip6tables) speaks only for its family
          if (f.verdict().rule().text().startsWith("not verified")) continue;
          verdicts.merge(f.name(), f.verdict().keyword(), (a, b) -> a.equals("allowed") ? a : b);
        }
        excess.addAll(r.excess());
      }
    }
    assertThat(files).isGreaterThan(0);
    assertThat(verdicts.keySet()).containsExactlyInAnyOrderElementsOf(plan.flows().stream().map(f -> f.name()).toList());
    assertThat(verdicts).allSatisfy((name, v) -> assertThat(v).as(dialect + " " + name).isEqualTo("allowed"));
    assertThat(excess).as(dialect + " excess").isEmpty();
  }

}
