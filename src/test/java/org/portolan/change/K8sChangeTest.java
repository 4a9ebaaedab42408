package org.portolan.change;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.portolan.diag.Diagnostics;
import org.portolan.ingest.RulesetImporter;
import org.portolan.ingest.acl.Acl;
import org.portolan.ingest.acl.AclAssert;
import org.portolan.plan.FlowPlan;
import org.portolan.testing.Golden;
import org.portolan.verify.Verifier;
import org.portolan.verify.VerifyOptions;

/**
 * Change on Kubernetes NetworkPolicies: the delta is new policies; applying it is adding its
 * documents to the cluster's (kubectl apply), so the test appends them to the input, imports
 * again, and requires every required flow allowed, every other probe's verdict unchanged, and
 * a second change empty. The delta is a golden file, reviewed by eye.
 */
class K8sChangeTest {
  static final String CLUSTER = AclAssert.resource("/ingest/k8s/sample.yaml");

  /** Pod, external and excepted addresses × common ports: what must not change. */
  static final List<String> ADDRS = List.of("198.18.1.5", "198.18.2.5", "198.19.1.10", "198.19.1.20", "198.19.0.53", "198.19.9.9", "198.51.100.7");
  static final List<String> PORTS = List.of("tcp|22", "tcp|80", "tcp|443", "tcp|8000", "tcp|8081", "udp|53");

  /** The required flows among the probes (they change from blocked to allowed; nothing else may). */
  static final java.util.Set<String> REQUIRED = java.util.Set.of("198.18.1.5 198.19.1.10 tcp|80", "198.19.1.10 198.51.100.7 tcp|443", "198.19.1.20 198.19.1.10 tcp|8000",
      "198.19.1.10 198.19.0.53 udp|53");

  static Acl read(String text) {
    Diagnostics d = new Diagnostics();
    return RulesetImporter.read(text, "cluster.yaml", Optional.empty(), d).orElseThrow(() -> new AssertionError(d.all()));
  }

  static String verdicts(Acl acl, FlowPlan required) {
    return ProbeGrid.verdicts(acl, VerifyOptions.DEFAULT, ADDRS, PORTS, REQUIRED);
  }


  @Test
  void deltaIsNewPoliciesThatAllowExactlyTheMissingFlows() {
    FlowPlan plan = ChangeTest.flows("""
        web80,198.18.1.5,198.19.1.10,tcp,80
        out443,198.19.1.10,198.51.100.7,tcp,443
        api-web,198.19.1.20,198.19.1.10,tcp,8000
        dns,198.19.1.10,198.19.0.53,udp,53
        ping,198.18.1.5,198.19.1.10,icmp,8
        """);
    Diagnostics d = new Diagnostics();
    Acl before = RulesetImporter.read(CLUSTER, "cluster.yaml", Optional.empty(), d).orElseThrow();
    ChangeResult r = Change.change(before, CLUSTER, plan, VerifyOptions.DEFAULT, d.warnings(), false);
    // ICMP cannot be said in NetworkPolicy: refused, never widened to "every protocol"
    assertThat(r.refusals()).singleElement().satisfies(x -> {
      assertThat(x.flow()).isEqualTo("ping");
      assertThat(x.reason()).contains("TCP, UDP and SCTP only");
    });
    String delta = ChangeRequest.nativeScript(r);
    Golden.assertMatches(Golden.of("change/k8s/delta.golden"), delta);
    assertThat(delta).as("dns is allowed already").doesNotContain("dns —");

    String applied = CLUSTER + "\n" + delta;
    Acl after = read(applied);
    FlowPlan wanted = new FlowPlan("", plan.flows().stream().filter(f -> !f.name().equals("ping")).toList(), List.of());
    assertThat(Verifier.verify(after, wanted, VerifyOptions.DEFAULT, List.of()).allAllowed()).as(applied).isTrue();
    assertThat(verdicts(after, wanted)).as("every other verdict as before").isEqualTo(verdicts(before, wanted));
    Diagnostics d2 = new Diagnostics();
    Acl again = RulesetImporter.read(applied, "cluster.yaml", Optional.empty(), d2).orElseThrow();
    assertThat(Change.change(again, applied, wanted, VerifyOptions.DEFAULT, d2.warnings(), false).additions()).isEmpty();
  }

  @Test
  void podsNoLabelTellsApartAreRefused() {
    // two pods with the same labels: a policy cannot select one of them only
    String twin = CLUSTER.replace("- apiVersion: v1\n  kind: Service", """
        - apiVersion: v1
          kind: Pod
          metadata:
            labels:
              app: api
            name: api-1
            namespace: shop
          status:
            podIPs:
            - ip: 198.19.1.21
        - apiVersion: v1
          kind: Service""");
    FlowPlan plan = ChangeTest.flows("one,198.51.100.7,198.19.1.21,tcp,22\n");
    Diagnostics d = new Diagnostics();
    Acl acl = RulesetImporter.read(twin, "cluster.yaml", Optional.empty(), d).orElseThrow();
    ChangeResult r = Change.change(acl, twin, plan, VerifyOptions.DEFAULT, d.warnings(), false);
    assertThat(r.additions()).isEmpty();
    assertThat(r.refusals()).singleElement().satisfies(x -> assertThat(x.reason()).contains("no label selector"));
  }
}
