package org.portolan.change;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import java.util.Set;
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
 * Change on Windows Defender Firewall: New-NetFirewallRule Allow lines where the default
 * blocks; a flow a Block rule blocks is refused (Block beats Allow). Applied as PowerShell
 * applies it (the lines run after the existing script), re-imported: every written flow
 * allowed, every other probe unchanged, change again empty.
 */
class WindowsChangeTest {
  static final String EXISTING = AclAssert.resource("/change/windows/existing.ps1");
  static final List<String> ADDRS = List.of("198.18.1.5", "198.18.9.9", "198.19.1.10", "203.0.113.9");
  static final List<String> PORTS = List.of("tcp|22", "tcp|23", "tcp|443", "tcp|8443", "udp|53", "icmp|8", "icmp|0");
  static final Set<String> REQUIRED = Set.of("198.18.1.5 198.19.1.10 tcp|8443", "198.18.9.9 198.19.1.10 tcp|443", "198.18.9.9 198.19.1.10 tcp|8443", "198.18.9.9 198.19.1.10 udp|53", "198.18.1.5 198.19.1.10 icmp|8");

  static String verdicts(Acl acl) {
    return ProbeGrid.verdicts(acl, VerifyOptions.DEFAULT, ADDRS, PORTS, REQUIRED);
  }


  @Test
  void allowRulesWhereTheDefaultBlocksAndRefusalWhereABlockRuleDoes() {
    FlowPlan plan = ChangeTest.flows("""
        web,198.18.1.5 198.18.9.9,198.19.1.10,tcp,443 8443
        dns,198.18.9.9,198.19.1.10,udp,53
        ping,198.18.1.5,198.19.1.10,icmp,8
        telnet,198.18.1.5,198.19.1.10,tcp,23
        """);
    Diagnostics d = new Diagnostics();
    Acl before = RulesetImporter.read(EXISTING, "fw.ps1", Optional.empty(), d).orElseThrow();
    ChangeResult r = Change.change(before, EXISTING, plan, VerifyOptions.DEFAULT, d.warnings(), false);
    assertThat(r.refusals()).singleElement().satisfies(x -> {
      assertThat(x.flow()).isEqualTo("telnet");
      assertThat(x.reason()).contains("Block rule wins");
    });
    String script = ChangeRequest.nativeScript(r);
    Golden.assertMatches(Golden.of("change/windows/delta.golden"), script);
    String applied = EXISTING + script;
    Diagnostics d2 = new Diagnostics();
    Acl after = RulesetImporter.read(applied, "fw.ps1", Optional.empty(), d2).orElseThrow(() -> new AssertionError(d2.all()));
    FlowPlan written = new FlowPlan("", plan.flows().stream().filter(f -> !f.name().equals("telnet")).toList(), List.of());
    assertThat(Verifier.verify(after, written, VerifyOptions.DEFAULT, List.of()).allAllowed()).as(applied).isTrue();
    assertThat(verdicts(after)).isEqualTo(verdicts(before));
    assertThat(Change.change(after, applied, written, VerifyOptions.DEFAULT, d2.warnings(), false).additions()).isEmpty();
  }
}
