package org.portolan.ingest.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.portolan.ingest.acl.AclAssert.verdict;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.portolan.diag.Diagnostics;
import org.portolan.ingest.RulesetImporter;
import org.portolan.ingest.acl.Acl;
import org.portolan.verify.FlowResult;

/**
 * NetworkPolicy semantics as the Kubernetes documentation defines them (concepts/services-networking/
 * network-policies), each documented example restated as a case with addresses of our own:
 * kubectl and kind are not available here, so the documented behaviour is the judge.
 */
class K8sImporterTest {
  /** Pods: db 198.18.0.10 and frontend 198.18.0.11 in "default", client 198.18.1.20 in "alice" (user=alice), other 198.18.2.30 in "bob". */
  static final String PODS = """
      ---
      apiVersion: v1
      kind: Namespace
      metadata: {name: default}
      ---
      apiVersion: v1
      kind: Namespace
      metadata: {name: alice, labels: {user: alice, project: myproject}}
      ---
      apiVersion: v1
      kind: Namespace
      metadata: {name: bob, labels: {user: bob}}
      ---
      apiVersion: v1
      kind: Pod
      metadata: {name: db-0, namespace: default, labels: {role: db}}
      spec:
        containers:
          - name: redis
            ports: [{name: redis, containerPort: 6379}]
      status: {podIPs: [{ip: 198.18.0.10}, {ip: "2001:db8::10"}]}
      ---
      apiVersion: v1
      kind: Pod
      metadata: {name: web-0, namespace: default, labels: {role: frontend}}
      status: {podIP: 198.18.0.11}
      ---
      apiVersion: v1
      kind: Pod
      metadata: {name: client, namespace: alice, labels: {role: client}}
      status: {podIP: 198.18.1.20}
      ---
      apiVersion: v1
      kind: Pod
      metadata: {name: other, namespace: bob, labels: {role: client}}
      status: {podIP: 198.18.2.30}
      """;

  static Acl read(String yaml) {
    Diagnostics d = new Diagnostics();
    Acl acl = RulesetImporter.read(yaml, "np.yaml", Optional.empty(), d).orElseThrow(() -> new AssertionError(d.all()));
    assertThat(d.errors()).isEmpty();
    return acl;
  }

  static String v(Acl acl, String src, String dst, String proto, String port) {
    return verdict(acl, src, dst, proto, port).verdict().keyword();
  }

  static String policy(String name, String spec) {
    return "---\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: " + name + ", namespace: default}\nspec:\n" + spec.indent(2);
  }

  @Test
  void podsNoPolicySelectsAreOpenAndDefaultDenyIngressClosesOnlyIngress() {
    Acl open = read(PODS + policy("only-db", "podSelector: {matchLabels: {role: db}}\npolicyTypes: [Ingress]"));
    assertThat(v(open, "198.18.1.20", "198.18.0.11", "tcp", "80")).as("frontend selected by nothing").isEqualTo("allowed");
    assertThat(v(open, "198.18.1.20", "198.18.0.10", "tcp", "6379")).as("db isolated, no rule").isEqualTo("blocked");
    Acl deny = read(PODS + policy("default-deny-ingress", "podSelector: {}\npolicyTypes: [Ingress]"));
    assertThat(v(deny, "198.18.1.20", "198.18.0.11", "tcp", "80")).isEqualTo("blocked");
    assertThat(v(deny, "198.18.0.11", "198.51.100.7", "tcp", "443")).as("egress not isolated").isEqualTo("allowed");
    assertThat(v(deny, "198.18.1.20", "198.18.2.30", "tcp", "80")).as("other namespaces untouched").isEqualTo("allowed");
  }

  @Test
  void theDocumentedExamplePolicy() {
    // the docs' test-network-policy: role=db accepts 6379/TCP from an ipBlock with except, from namespaces project=myproject,
    // and from role=frontend pods of its own namespace; and may send 5978/TCP to an ipBlock only
    Acl acl = read(PODS + policy("test-network-policy", """
        podSelector:
          matchLabels: {role: db}
        policyTypes: [Ingress, Egress]
        ingress:
          - from:
              - ipBlock:
                  cidr: 203.0.113.0/24
                  except: [203.0.113.128/25]
              - namespaceSelector:
                  matchLabels: {project: myproject}
              - podSelector:
                  matchLabels: {role: frontend}
            ports:
              - protocol: TCP
                port: 6379
        egress:
          - to:
              - ipBlock: {cidr: 198.51.100.0/24}
            ports:
              - {protocol: TCP, port: 5978}
        """));
    assertThat(v(acl, "203.0.113.5", "198.18.0.10", "tcp", "6379")).isEqualTo("allowed");
    assertThat(v(acl, "203.0.113.200", "198.18.0.10", "tcp", "6379")).as("except").isEqualTo("blocked");
    assertThat(v(acl, "198.18.1.20", "198.18.0.10", "tcp", "6379")).as("namespace project=myproject").isEqualTo("allowed");
    assertThat(v(acl, "198.18.2.30", "198.18.0.10", "tcp", "6379")).as("namespace bob not selected").isEqualTo("blocked");
    assertThat(v(acl, "198.18.0.11", "198.18.0.10", "tcp", "6379")).as("frontend of the policy's namespace").isEqualTo("allowed");
    assertThat(v(acl, "198.18.0.11", "198.18.0.10", "tcp", "6380")).isEqualTo("blocked");
    assertThat(v(acl, "198.18.0.11", "198.18.0.10", "udp", "6379")).isEqualTo("blocked");
    assertThat(v(acl, "198.18.0.10", "198.51.100.9", "tcp", "5978")).isEqualTo("allowed");
    assertThat(v(acl, "198.18.0.10", "198.51.100.9", "tcp", "5979")).as("egress isolated").isEqualTo("blocked");
    assertThat(v(acl, "198.18.0.10", "198.18.0.11", "tcp", "80")).as("db may not reach the frontend").isEqualTo("blocked");
    assertThat(v(acl, "198.18.0.11", "198.51.100.9", "tcp", "80")).as("frontend egress not isolated").isEqualTo("allowed");
  }

  @Test
  void namespaceAndPodSelectorInOnePeerIsAndInTwoPeersIsOr() {
    String and = """
        podSelector: {matchLabels: {role: db}}
        ingress:
          - from:
              - namespaceSelector: {matchLabels: {user: alice}}
                podSelector: {matchLabels: {role: client}}
        """;
    String or = """
        podSelector: {matchLabels: {role: db}}
        ingress:
          - from:
              - namespaceSelector: {matchLabels: {user: alice}}
              - podSelector: {matchLabels: {role: client}}
        """;
    Acl a = read(PODS + policy("and", and)), o = read(PODS + policy("or", or));
    assertThat(v(a, "198.18.1.20", "198.18.0.10", "tcp", "6379")).isEqualTo("allowed");
    assertThat(v(a, "198.18.2.30", "198.18.0.10", "tcp", "6379")).as("role=client but namespace bob").isEqualTo("blocked");
    assertThat(v(o, "198.18.1.20", "198.18.0.10", "tcp", "6379")).isEqualTo("allowed");
    // OR: any pod of alice, or role=client pods of the policy's own namespace (default, where there are none): bob's client is still out
    assertThat(v(o, "198.18.2.30", "198.18.0.10", "tcp", "6379")).isEqualTo("blocked");
    assertThat(v(o, "198.18.0.11", "198.18.0.10", "tcp", "6379")).as("frontend is not role=client").isEqualTo("blocked");
    // no ports: every port and protocol, ICMP too
    assertThat(v(a, "198.18.1.20", "198.18.0.10", "icmp", "8")).isEqualTo("allowed");
  }

  @Test
  void policiesAddUpAndPolicyTypesAreInferred() {
    // no policyTypes and egress rules: Ingress and Egress; the ingress side has no rules, so ingress is denied
    Acl acl = read(PODS + policy("egress-dns", """
        podSelector: {matchLabels: {role: frontend}}
        egress:
          - ports: [{protocol: UDP, port: 53}]
        """) + policy("web-in", """
        podSelector: {matchLabels: {role: frontend}}
        ingress:
          - ports: [{port: 443}]
        """));
    assertThat(v(acl, "198.18.0.11", "198.51.100.53", "udp", "53")).isEqualTo("allowed");
    assertThat(v(acl, "198.18.0.11", "198.51.100.53", "tcp", "443")).isEqualTo("blocked");
    assertThat(v(acl, "198.51.100.1", "198.18.0.11", "tcp", "443")).as("the second policy adds to the first's isolation").isEqualTo("allowed");
    assertThat(v(acl, "198.51.100.1", "198.18.0.11", "tcp", "80")).isEqualTo("blocked");
    // an empty egress list does not make a policy an Egress policy
    Acl e = read(PODS + policy("no-egress-rules", "podSelector: {}\negress: []"));
    assertThat(v(e, "198.18.0.11", "198.51.100.53", "udp", "53")).isEqualTo("allowed");
    assertThat(v(e, "198.51.100.53", "198.18.0.11", "udp", "53")).isEqualTo("blocked");
  }

  @Test
  void endPortSctpAndAPodToPodFlowNeedsBothSides() {
    Acl acl = read(PODS + policy("range", """
        podSelector: {matchLabels: {role: db}}
        ingress:
          - ports:
              - {protocol: TCP, port: 32000, endPort: 32768}
              - {protocol: SCTP, port: 9}
        """) + policy("front-out", """
        podSelector: {matchLabels: {role: frontend}}
        policyTypes: [Egress]
        egress:
          - to: [{podSelector: {matchLabels: {role: db}}}]
            ports: [{protocol: TCP, port: 32000}]
        """));
    assertThat(v(acl, "198.51.100.1", "198.18.0.10", "tcp", "32768")).isEqualTo("allowed");
    assertThat(v(acl, "198.51.100.1", "198.18.0.10", "tcp", "32769")).isEqualTo("blocked");
    // Portolan's flows name SCTP without ports: a rule for one SCTP port allows part of it
    assertThat(v(acl, "198.51.100.1", "198.18.0.10", "sctp", "")).isEqualTo("partial");
    assertThat(v(acl, "198.18.0.11", "198.18.0.10", "tcp", "32000")).as("egress and ingress both allow").isEqualTo("allowed");
    assertThat(v(acl, "198.18.0.11", "198.18.0.10", "tcp", "32001")).as("ingress allows, egress does not").isEqualTo("blocked");
    assertThat(v(acl, "2001:db8:9::1", "2001:db8::10", "tcp", "32000")).as("the db pod's IPv6 address").isEqualTo("allowed");
    assertThat(v(acl, "2001:db8:9::1", "2001:db8::10", "tcp", "31999")).isEqualTo("blocked");
  }

  @Test
  void namedPortsResolveAgainstThePodsContainersOrAreUndetermined() {
    String spec = "podSelector: {matchLabels: {role: db}}\ningress:\n  - ports: [{port: redis}]";
    Acl acl = read(PODS + policy("named", spec));
    assertThat(v(acl, "198.51.100.1", "198.18.0.10", "tcp", "6379")).isEqualTo("allowed");
    assertThat(v(acl, "198.51.100.1", "198.18.0.10", "tcp", "6380")).isEqualTo("blocked");
    // egress to an ipBlock by name: the far side's container ports are unknown
    Acl out = read(PODS + policy("named-out", "podSelector: {matchLabels: {role: db}}\npolicyTypes: [Egress]\negress:\n  - to: [{ipBlock: {cidr: 198.51.100.0/24}}]\n    ports: [{port: https}]"));
    FlowResult r = verdict(out, "198.18.0.10", "198.51.100.1", "tcp", "443");
    assertThat(r.verdict().keyword()).isEqualTo("undetermined");
    assertThat(r.verdict().toString()).contains("named port 'https'");
    assertThat(v(out, "198.18.0.10", "198.51.100.1", "udp", "443")).as("the name is TCP: UDP is decided").isEqualTo("blocked");
  }

  @Test
  void selectorsWithoutPodsOrNamespaceLabelsAreUndeterminedNamingTheLine() {
    String only = policy("db", "podSelector: {matchLabels: {role: db}}\ningress:\n  - from: [{ipBlock: {cidr: 203.0.113.0/24}}]");
    Diagnostics d = new Diagnostics();
    Acl acl = RulesetImporter.read(only, "np.yaml", Optional.empty(), d).orElseThrow();
    assertThat(d.warnings()).anySatisfy(w -> assertThat(w.message()).contains("no Pods"));
    FlowResult r = verdict(acl, "198.51.100.1", "198.18.0.10", "tcp", "6379");
    assertThat(r.verdict().keyword()).isEqualTo("undetermined");
    assertThat(r.verdict().rule().line()).as("spec.podSelector").isEqualTo(6);
    assertThat(r.verdict().toString()).contains("no Pods");
    // the namespace of a pod has no Namespace object: a selector on its labels is unknown, one on its name is not
    String pods = PODS.replace("metadata: {name: bob, labels: {user: bob}}", "metadata: {name: carol}");
    String byLabel = policy("ns", "podSelector: {}\ningress:\n  - from: [{namespaceSelector: {matchLabels: {user: bob}}}]");
    Acl l = read(pods.replace("namespace: bob", "namespace: dave") + byLabel);
    assertThat(v(l, "198.18.2.30", "198.18.0.11", "tcp", "80")).isEqualTo("undetermined");
    String byName = policy("ns", "podSelector: {}\ningress:\n  - from: [{namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: dave}}}]");
    Acl n = read(pods.replace("namespace: bob", "namespace: dave") + byName);
    assertThat(v(n, "198.18.2.30", "198.18.0.11", "tcp", "80")).isEqualTo("allowed");
    assertThat(v(n, "198.18.1.20", "198.18.0.11", "tcp", "80")).isEqualTo("blocked");
  }

  @Test
  void matchExpressionsAndJsonListAsKubectlWritesIt() {
    String json = """
        {"apiVersion": "v1", "kind": "List", "items": [
          {"apiVersion": "networking.k8s.io/v1", "kind": "NetworkPolicy", "metadata": {"name": "x", "namespace": "default"},
           "spec": {"podSelector": {"matchExpressions": [{"key": "role", "operator": "In", "values": ["db", "cache"]}]},
                    "ingress": [{"from": [{"podSelector": {"matchExpressions": [{"key": "role", "operator": "NotIn", "values": ["db"]}]}}]}]}},
          {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "a", "namespace": "default", "labels": {"role": "db"}}, "status": {"podIP": "198.18.0.10"}},
          {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "b", "namespace": "default", "labels": {"role": "web"}}, "status": {"podIP": "198.18.0.11"}},
          {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "c", "namespace": "default", "labels": {"role": "db"}}, "status": {"podIP": "198.18.0.12"}}]}
        """;
    assertThat(RulesetImporter.detect(json)).contains(RulesetImporter.Format.K8S);
    Acl acl = read(json);
    assertThat(v(acl, "198.18.0.11", "198.18.0.10", "tcp", "1")).isEqualTo("allowed");
    assertThat(v(acl, "198.18.0.12", "198.18.0.10", "tcp", "1")).as("role=db is NotIn").isEqualTo("blocked");
    assertThat(v(acl, "198.51.100.1", "198.18.0.10", "tcp", "1")).as("not a pod").isEqualTo("blocked");
    assertThat(v(acl, "198.51.100.1", "198.18.0.11", "tcp", "1")).as("web is not selected").isEqualTo("allowed");
  }

  @Test
  void errorsNameLineAndColumn() {
    Diagnostics d = new Diagnostics();
    String bad = policy("p", "podSelector: {}\ningress:\n  - ports:\n      - protocol: ICMP\n        port: 8");
    assertThat(RulesetImporter.read(bad, "np.yaml", Optional.empty(), d)).isEmpty();
    assertThat(d.errors()).singleElement().satisfies(e -> {
      assertThat(e.position().toString()).isEqualTo("np.yaml:9:21");
      assertThat(e.message()).contains("TCP, UDP or SCTP");
    });
    Diagnostics s = new Diagnostics();
    assertThat(RulesetImporter.read("kind: NetworkPolicy\nmetadata:\n  name: [x\n", "s.yaml", Optional.of(RulesetImporter.Format.K8S), s)).isEmpty();
    assertThat(s.errors().getFirst().position().line()).isEqualTo(3);
    assertThat(s.errors().getFirst().message()).startsWith("not valid YAML");
    Diagnostics c = new Diagnostics();
    String cidr = policy("p", "podSelector: {}\ningress:\n  - from:\n      - ipBlock: {cidr: 10.0.0.0/33}");
    assertThat(RulesetImporter.read(cidr, "c.yaml", Optional.empty(), c)).isEmpty();
    assertThat(c.errors().getFirst().position().line()).isEqualTo(9);
    assertThat(c.errors().getFirst().message()).contains("not a CIDR");
    Diagnostics k = new Diagnostics();
    assertThat(RulesetImporter.read(policy("p", "podSelector: {}\npodSelector: {}"), "k.yaml", Optional.empty(), k)).isEmpty();
    assertThat(k.errors().getFirst().message()).containsIgnoringCase("duplicate");
    assertThat(k.errors().getFirst().position().line()).as("the second podSelector").isEqualTo(7);
  }
}
