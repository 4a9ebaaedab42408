package org.portolan.change;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
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
 * Change on PAN-OS: set commands for new security rules, {@code move … before RULE} where a
 * rule denies the flow. Applied as PAN-OS applies them (set lines added, a moved rule placed
 * before RULE), re-imported: every required flow allowed, every other probe unchanged, change
 * again empty; single ICMP types refused.
 */
class PanOsChangeTest {
  static final String EXISTING = AclAssert.resource("/change/panos/existing.set");
  static final List<String> ADDRS = List.of("198.18.1.5", "198.18.7.7", "198.19.1.10", "198.19.1.11");
  static final List<String> PORTS = List.of("tcp|22", "tcp|23", "tcp|443", "tcp|8080", "tcp|8082", "udp|53");
  static final Set<String> REQUIRED = Set.of("198.18.1.5 198.19.1.10 tcp|8080", "198.18.1.5 198.19.1.10 tcp|8082", "198.18.1.5 198.19.1.10 tcp|23");
  static final VerifyOptions PAIR = VerifyOptions.DEFAULT.withPath("zones:trust>dmz");

  static String apply(String config, String delta) {
    return Reorder.apply(config, delta, Pattern.compile("^move (.*)security rules (\\S+) before (\\S+)$"), "set %ssecurity rules %s ");
  }


  @Test
  void newRulesMovedBeforeTheDenyingRuleOrAppended() {
    FlowPlan plan = ChangeTest.flows("""
        api,198.18.1.5,198.19.1.10,tcp,8080-8082 443
        telnet,198.18.1.5,198.19.1.10,tcp,23
        """);
    Diagnostics d = new Diagnostics();
    Acl before = RulesetImporter.read(EXISTING, "pa.set", Optional.empty(), d).orElseThrow();
    ChangeResult r = Change.change(before, EXISTING, plan, PAIR, d.warnings(), false);
    assertThat(r.refusals()).isEmpty();
    String delta = ChangeRequest.nativeScript(r);
    Golden.assertMatches(Golden.of("change/panos/delta.golden"), delta);
    assertThat(delta).contains("move rulebase security rules portolan-telnet-002 before no-telnet");
    String applied = apply(EXISTING, delta);
    Diagnostics d2 = new Diagnostics();
    Acl after = RulesetImporter.read(applied, "pa.set", Optional.empty(), d2).orElseThrow(() -> new AssertionError(d2.all()));
    assertThat(Verifier.verify(after, plan, PAIR, List.of()).allAllowed()).as(applied).isTrue();
    assertThat(ProbeGrid.verdicts(after, PAIR, ADDRS, PORTS, REQUIRED)).isEqualTo(ProbeGrid.verdicts(before, PAIR, ADDRS, PORTS, REQUIRED));
    assertThat(Change.change(after, applied, plan, PAIR, d2.warnings(), false).additions()).isEmpty();
  }

  @Test
  void singleIcmpTypesAreRefused() {
    Diagnostics d = new Diagnostics();
    Acl acl = RulesetImporter.read(EXISTING, "pa.set", Optional.empty(), d).orElseThrow();
    ChangeResult r = Change.change(acl, EXISTING, ChangeTest.flows("ping,198.18.1.5,198.19.1.10,icmp,8\n"), PAIR, d.warnings(), false);
    assertThat(r.additions()).isEmpty();
    assertThat(r.refusals()).singleElement().satisfies(x -> assertThat(x.reason()).contains("not single types"));
  }
}
