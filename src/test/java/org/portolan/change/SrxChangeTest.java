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
 * Change on Juniper SRX: set commands for new policies, {@code insert … before policy P}
 * where a policy blocks the flow. Applied as the SRX applies them (set lines added, an inserted
 * policy moved before P in the list), re-imported as {@code display set} would show it: every
 * required flow allowed, every other probe unchanged, change again empty.
 */
class SrxChangeTest {
  static final String EXISTING = AclAssert.resource("/change/srx/existing.set");
  static final List<String> ADDRS = List.of("198.18.1.5", "198.18.7.7", "198.19.1.10", "198.19.1.11");
  static final List<String> PORTS = List.of("tcp|22", "tcp|23", "tcp|443", "tcp|8080", "tcp|8082", "icmp|8", "icmp|0");
  static final Set<String> REQUIRED = Set.of("198.18.1.5 198.19.1.10 tcp|8080", "198.18.1.5 198.19.1.10 tcp|8082", "198.18.1.5 198.19.1.10 tcp|23", "198.18.1.5 198.19.1.10 icmp|8");
  static final VerifyOptions PAIR = VerifyOptions.DEFAULT.withPath("zones:trust>dmz");

  /** The configuration after the delta, as {@code show configuration | display set} lists it. */
  static String apply(String config, String delta) {
    return Reorder.apply(config, delta, Pattern.compile("^insert security policies (.+) policy (\\S+) before policy (\\S+)$"), "set security policies %s policy %s ");
  }


  @Test
  void newPoliciesInsertedBeforeTheBlockingPolicyOrAppended() {
    FlowPlan plan = ChangeTest.flows("""
        api,198.18.1.5,198.19.1.10,tcp,8080-8082 443
        telnet,198.18.1.5,198.19.1.10,tcp,23
        ping,198.18.1.5,198.19.1.10,icmp,8
        """);
    Diagnostics d = new Diagnostics();
    Acl before = RulesetImporter.read(EXISTING, "srx.set", Optional.empty(), d).orElseThrow();
    ChangeResult r = Change.change(before, EXISTING, plan, PAIR, d.warnings(), false);
    assertThat(r.refusals()).isEmpty();
    String delta = ChangeRequest.nativeScript(r);
    Golden.assertMatches(Golden.of("change/srx/delta.golden"), delta);
    assertThat(delta).contains("insert security policies from-zone trust to-zone dmz policy portolan-telnet-002 before policy no-telnet");
    String applied = apply(EXISTING, delta);
    Diagnostics d2 = new Diagnostics();
    Acl after = RulesetImporter.read(applied, "srx.set", Optional.empty(), d2).orElseThrow(() -> new AssertionError(d2.all()));
    assertThat(Verifier.verify(after, plan, PAIR, List.of()).allAllowed()).as(applied).isTrue();
    assertThat(ProbeGrid.verdicts(after, PAIR, ADDRS, PORTS, REQUIRED)).isEqualTo(ProbeGrid.verdicts(before, PAIR, ADDRS, PORTS, REQUIRED));
    assertThat(Change.change(after, applied, plan, PAIR, d2.warnings(), false).additions()).isEmpty();
  }
}
