package org.portolan.ingest.k8s;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.portolan.diag.Diagnostic;
import org.portolan.diag.Diagnostics;
import org.portolan.ingest.RulesetImporter;
import org.portolan.ingest.acl.Acl;
import org.portolan.ingest.acl.AclAssert;
import org.portolan.testing.Golden;
import org.portolan.verify.FlowResult;
import org.portolan.verify.VerifyOptions;

/**
 * Golden case: {@code kubectl get networkpolicy,pod,namespace,service -A -o yaml} of a small
 * shop namespace is detected, imported, and probes are judged on the path a pod-to-pod packet
 * takes (egress of the source, then ingress of the destination). Reviewed by eye when it changes.
 */
class K8sGoldenTest {
  /** source | destination | protocol | port, with why in the golden file's terms. */
  private static final List<String> PROBES = List.of(
      "198.18.1.5|198.19.1.10|tcp|443", "198.18.1.5|198.19.1.10|tcp|8000", "198.18.1.5|198.19.1.10|tcp|80", "198.18.2.5|198.19.1.10|tcp|443",
      "198.19.9.9|198.19.1.10|tcp|8000", "198.19.1.10|198.19.0.53|udp|53", "198.19.1.10|198.19.0.53|tcp|53", "198.19.1.10|198.51.100.7|tcp|443",
      "198.19.1.10|198.19.1.20|tcp|8081", "198.19.1.10|198.19.1.20|tcp|8085", "198.19.1.20|198.19.1.10|tcp|8000", "198.51.100.7|198.19.1.20|tcp|22", "198.19.9.9|198.19.1.20|tcp|22",
      "198.19.0.53|198.19.9.9|udp|53", "2001:db8:1::5|2001:db8:19::10|tcp|443");

  @Test
  void sampleImportsAndJudgesProbes() {
    Diagnostics d = new Diagnostics();
    String content = AclAssert.resource("/ingest/k8s/sample.yaml");
    Acl acl = RulesetImporter.read(content, "sample.yaml", Optional.empty(), d).orElseThrow(() -> new AssertionError(d.all()));
    StringBuilder b = new StringBuilder("format: ").append(RulesetImporter.detect(content).map(RulesetImporter.Format::keyword).orElse("?")).append('\n');
    b.append("paths: ").append(String.join(" ", acl.paths().keySet().stream().sorted().toList())).append('\n');
    for (Diagnostic x : d.all()) b.append(x.severity().toString().toLowerCase(java.util.Locale.ROOT)).append(' ').append(x.position()).append(": ").append(x.message()).append('\n');
    for (String p : PROBES) {
      String[] f = p.split("\\|");
      FlowResult r = AclAssert.verdict(acl, VerifyOptions.DEFAULT, f[0], f[1], f[2], f[3]);
      b.append(f[0]).append(" -> ").append(f[1]).append(' ').append(f[2]).append(' ').append(f[3]).append(" = ").append(r.verdict().keyword())
          .append(" by line ").append(r.verdict().rule().line()).append(": ").append(r.verdict().rule().text()).append('\n');
    }
    Golden.assertMatches(Golden.of("ingest/k8s/sample.golden"), b.toString());
  }
}
