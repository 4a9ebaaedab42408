package org.portolan.ingest;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.portolan.diag.Diagnostic;
import org.portolan.diag.Diagnostics;
import org.portolan.ingest.acl.Acl;
import org.portolan.ingest.acl.AclAssert;
import org.portolan.testing.Golden;
import org.portolan.verify.FlowResult;
import org.portolan.verify.VerifyOptions;

/**
 * Golden cases of the vendor importers: each sample (as the vendor's tool writes it) is
 * detected, imported, and a fixed list of probe flows is judged on named paths; the golden
 * file holds the detected format, every diagnostic, and each probe's verdict with the deciding
 * rule. Reviewed by eye when it changes.
 */
class VendorImportGoldenTest {
  /** path | source | destination | protocol | ports, one probe per entry. */
  private static final List<String> PROBES = List.of(
      "zones:trust>dmz|198.18.1.5|198.19.1.10|tcp|443", "zones:trust>dmz|198.18.2.15|198.19.1.10|tcp|80", "zones:trust>dmz|2001:db8:1::5|2001:db8:19::10|tcp|443",
      "zones:trust>dmz|198.18.1.5|198.19.1.10|tcp|23", "zones:trust>dmz|198.18.1.5|198.19.1.10|tcp|8080", "zones:trust>dmz|198.18.1.5|198.19.1.10|icmp|8",
      "zones:untrust>dmz|203.0.113.9|198.19.1.10|udp|53", "zones:untrust>dmz|203.0.113.9|198.19.1.10|tcp|53", "forward|198.18.1.5|198.19.1.10|icmp|8",
      "input|198.18.1.5|198.19.1.10|tcp|443", "input|198.18.2.5|198.19.1.10|tcp|80", "input|198.18.1.5|198.19.1.10|tcp|23", "input|10.1.1.1|198.19.1.10|tcp|22",
      "input|198.18.9.9|198.19.1.10|icmp|8", "input|203.0.113.9|198.19.1.10|tcp|22", "input:tag:web|198.18.1.5|198.19.1.10|tcp|80",
      "input:tag:web|198.18.1.5|198.19.1.10|tcp|443", "input:tag:web|198.18.1.200|198.19.1.10|tcp|443", "input|198.18.1.5|198.19.1.10|udp|1500",
      "output|198.19.1.10|198.18.5.5|udp|53", "output|198.19.1.10|198.51.100.7|tcp|443", "output:sa:app@demo.iam.gserviceaccount.com|198.19.1.10|198.51.100.7|tcp|443");

  @ParameterizedTest
  @CsvSource({"srx/sample.set, zones:", "panos/sample.set, zones:|forward", "azure/sample.json, input|output", "gcp/sample.json, input|output", "windows/sample.json, input|output"})
  void sampleImportsAndJudgesProbes(String sample, String pathPrefixes) {
    Diagnostics d = new Diagnostics();
    String content = AclAssert.resource("/ingest/" + sample);
    Acl acl = RulesetImporter.read(content, sample, Optional.empty(), d).orElseThrow(() -> new AssertionError(d.all()));
    StringBuilder b = new StringBuilder("format: ").append(RulesetImporter.detect(content).map(RulesetImporter.Format::keyword).orElse("?")).append('\n');
    b.append("paths: ").append(String.join(" ", acl.paths().keySet().stream().sorted().toList())).append('\n');
    for (Diagnostic x : d.all()) b.append(x.severity().toString().toLowerCase(java.util.Locale.ROOT)).append(' ').append(x.position()).append(": ").append(x.message()).append('\n');
    for (String p : PROBES) {
      String[] f = p.split("\\|");
      if (!acl.paths().containsKey(f[0]) || List.of(pathPrefixes.split("\\|")).stream().noneMatch(f[0]::startsWith)) continue;
      FlowResult r = AclAssert.verdict(acl, VerifyOptions.DEFAULT.withPath(f[0]), f[1], f[2], f[3], f[4]);
      b.append(f[0]).append(": ").append(f[1]).append(" -> ").append(f[2]).append(' ').append(f[3]).append(' ').append(f[4]).append(" = ").append(r.verdict().keyword())
          .append(" by line ").append(r.verdict().rule().line()).append(": ").append(r.verdict().rule().text()).append('\n');
    }
    Golden.assertMatches(Golden.of("ingest/" + sample.substring(0, sample.indexOf('/')) + "/sample.golden"), b.toString());
  }
}
