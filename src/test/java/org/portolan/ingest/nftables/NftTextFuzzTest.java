package org.portolan.ingest.nftables;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.portolan.diag.Diagnostic;
import org.portolan.diag.Diagnostics;
import org.portolan.ingest.RulesetImporter;
import org.portolan.ingest.acl.Acl;
import org.portolan.ingest.acl.AclAssert;
import org.portolan.verify.Verifier;
import org.portolan.verify.VerifyOptions;

class NftTextFuzzTest {
  /** Any input gives a ruleset or errors with a position in this file; never an exception, a hang or an OOM. */
  @FuzzTest(maxDuration = "30s")
  void anyInputGivesARulesetOrPositionedErrors(byte[] data) {
    String text = new String(data, StandardCharsets.UTF_8);
    Diagnostics d = new Diagnostics();
    Optional<Acl> acl = RulesetImporter.read(text, "fuzz.in", Optional.of(RulesetImporter.Format.NFT), d);
    for (Diagnostic x : d.all()) assertThat(x.position().file()).isEqualTo("fuzz.in");
    if (acl.isEmpty()) {
      assertThat(d.errors()).isNotEmpty();
      assertThat(d.errors()).allSatisfy(e -> assertThat(e.position().line() > 0 || !e.message().isBlank()).isTrue());
      return;
    }
    assertThat(d.errors()).isEmpty();
    // the imported ruleset can be evaluated
    var plan = new org.portolan.plan.FlowPlan("", List.of(AclAssert.flow("198.18.1.1", "198.19.0.1", "tcp", "80")), List.of());
    assertThat(Verifier.verify(acl.get(), plan, VerifyOptions.DEFAULT.withoutRuleAnalysis(), d.warnings()).flows()).hasSize(1);
  }
}
