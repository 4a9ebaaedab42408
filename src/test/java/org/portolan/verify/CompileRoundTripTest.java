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
  @ValueSource(strings = {"iptables", "nftables", "asa", "srx", "panos", "azure-nsg", "gcp", "windows", "k8s"})
  void aMissingOrExtraRuleIsCaught(String dialect) {
    FlowPlan all = plan(dialect);
    FlowPlan fewer = new FlowPlan("", all.flows().stream().filter(f -> !f.name().equals("api")).toList(), List.of());
    FlowPlan more = new FlowPlan("", all.flows().stream().filter(f -> !f.name().equals("dns")).toList(), List.of());
    for (var compiled : List.of(fewer, all)) {
      Diagnostics d = new Diagnostics();
      var rendered = Compiler.render(compiled, Optional.empty(), Dialects.byName(dialect).orElseThrow(), CompileOptions.defaults(), d);
      Output o = rendered.values().iterator().next().getFirst();
      Acl acl = RulesetImporter.read(withPods(dialect, new String(o.content(), StandardCharsets.UTF_8), all), o.fileName(), Optional.empty(), new Diagnostics()).orElseThrow();
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
  @ValueSource(strings = {"iptables", "nftables", "asa", "srx", "panos", "azure-nsg", "gcp", "windows", "k8s"})
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
        Acl acl = RulesetImporter.read(withPods(dialect, new String(o.content(), StandardCharsets.UTF_8), plan), o.fileName(), Optional.empty(), id)
            .orElseThrow(() -> new AssertionError(o.fileName() + ": " + id.all()));
        // an NSG without outbound rules leaves outbound to Azure's default rules, whose service tags the file cannot resolve: said, and allowed here
        // Windows' RPCEPMap/RPC keywords (compile writes them for dynamic RPC, as Windows' own rules do) name
        // ports the host's endpoint mapper assigns at run time: verify says so and abstains, never guesses
        assertThat(id.all().stream().filter(x -> !(dialect.equals("azure-nsg") && x.message().contains("an Azure default rule")))
            .filter(x -> !(dialect.equals("windows") && x.message().contains("endpoint mapper assigns at run time"))).toList()).as("import of %s", o.fileName()).isEmpty();
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
    Map<String, org.portolan.plan.Flow> byName = new HashMap<>();
    plan.flows().forEach(f -> byName.put(f.name(), f));
    assertThat(verdicts).allSatisfy((name, v) -> {
      boolean rpcKeyword = dialect.equals("windows") && v.equals("undetermined")
          && byName.get(name).traces().stream().anyMatch(t -> t.purpose().toLowerCase(java.util.Locale.ROOT).contains("rpc"));
      if (!rpcKeyword) assertThat(v).as(dialect + " " + name).isEqualTo("allowed");
    });
    // an excess that rests on a doubted keyword line is "not verified", never claimed
    assertThat(excess.stream().filter(x -> !(dialect.equals("windows") && !x.verified())).toList()).as(dialect + " excess").isEmpty();
  }


  /**
   * NetworkPolicies select pods by label, not address: for k8s the cluster's pods are added as
   * {@code kubectl get pods -o yaml} would list them, one pod per address of each destination
   * endpoint, labelled as compile's header asks ({@code portolan.org/endpoint=<endpoint>}).
   */
  static String withPods(String dialect, String policies, FlowPlan plan) {
    if (!dialect.equals("k8s")) return policies;
    Map<String, String> labelOf = new java.util.TreeMap<>();
    for (org.portolan.plan.Flow f : plan.flows()) {
      if (f.loopback()) continue;
      for (org.portolan.plan.Endpoint e : f.destinations()) {
        if (!(e instanceof org.portolan.plan.Endpoint.Addresses a)) continue;
        String label = org.portolan.compile.dialect.KubernetesNetworkPolicy.endpointLabel(a.name());
        for (inet.ipaddr.IPAddress b : a.blocks()) {
          assertThat(b.getCount().intValue()).as("pods of %s", a.name()).isLessThanOrEqualTo(256);
          for (inet.ipaddr.IPAddress ip : b.withoutPrefixLength().getIterable()) {
            String prev = labelOf.put(ip.toCanonicalString(), label);
            assertThat(prev == null || prev.equals(label)).as("%s is one pod of one endpoint", ip).isTrue();
          }
        }
      }
    }
    StringBuilder b = new StringBuilder(policies);
    int n = 0;
    for (var e : labelOf.entrySet())
      b.append("\n---\napiVersion: v1\nkind: Pod\nmetadata: {name: pod-").append(n++).append(", namespace: default, labels: {portolan.org/endpoint: \"")
          .append(e.getValue()).append("\"}}\nstatus: {podIPs: [{ip: \"").append(e.getKey()).append("\"}]}\n");
    return b.toString();
  }
}
