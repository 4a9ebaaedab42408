package org.portolan.change;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
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
 * Change on GCP firewall rules: new allow rules at a priority before the rule that blocks
 * each flow. Applied as the API applies them (the rule objects join the list), re-imported:
 * every required flow allowed, every other probe unchanged, change again empty.
 */
class GcpChangeTest {
  static final String EXISTING = AclAssert.resource("/change/gcp/existing.json");
  static final List<String> ADDRS = List.of("198.18.1.5", "198.18.7.7", "198.19.1.10", "198.19.1.11", "198.19.1.53", "203.0.113.9");
  static final List<String> PORTS = List.of("tcp|22", "tcp|23", "tcp|25", "tcp|443", "tcp|8443", "udp|53");
  static final Set<String> REQUIRED = Set.of("198.18.1.5 198.19.1.10 tcp|443", "198.18.1.5 198.19.1.10 tcp|8443", "198.18.1.5 198.19.1.10 tcp|23",
      "198.18.1.5 198.19.1.53 udp|53", "198.18.7.7 198.19.1.53 udp|53");

  static Acl read(String text) {
    Diagnostics d = new Diagnostics();
    return RulesetImporter.read(text, "rules.json", Optional.empty(), d).orElseThrow(() -> new AssertionError(d.all()));
  }

  static String verdicts(Acl acl, String path) {
    return ProbeGrid.verdicts(acl, VerifyOptions.DEFAULT.withPath(path), ADDRS, PORTS, REQUIRED);
  }


  @Test
  void newAllowRulesBeforeTheBlockingRuleAllowExactlyTheMissingFlows() throws Exception {
    FlowPlan plan = ChangeTest.flows("""
        web,198.18.1.0/24,198.19.1.10,tcp,443 8443
        telnet,198.18.1.5,198.19.1.10,tcp,23
        dns,198.18.0.0/16,198.19.1.53,udp,53
        """);
    Diagnostics d = new Diagnostics();
    Acl before = RulesetImporter.read(EXISTING, "rules.json", Optional.empty(), d).orElseThrow();
    ChangeResult r = Change.change(before, EXISTING, plan, VerifyOptions.DEFAULT, d.warnings(), false);
    assertThat(r.refusals()).isEmpty();
    Golden.assertMatches(Golden.of("change/gcp/delta.golden"), ChangeRequest.nativeScript(r));
    String rules = ChangeRequest.extraFiles(r).get("change.gcp.json");
    // telnet is denied at priority 900: its allow comes at 899; the others fall to the implied deny
    assertThat(rules).contains("\"priority\" : 899").contains("\"priority\" : 65534").contains("\"8443\"").as("443 is allowed already").doesNotContain("\"443\"");
    ObjectMapper json = new ObjectMapper();
    ArrayNode all = (ArrayNode) json.readTree(EXISTING);
    for (JsonNode x : json.readTree(rules)) all.add(x);
    String applied = json.writeValueAsString(all);
    Acl after = read(applied);
    assertThat(Verifier.verify(after, plan, VerifyOptions.DEFAULT, List.of()).allAllowed()).as(applied).isTrue();
    assertThat(verdicts(after, "input")).isEqualTo(verdicts(before, "input"));
    assertThat(verdicts(after, "output")).isEqualTo(verdicts(before, "output"));
    assertThat(Change.change(after, applied, plan, VerifyOptions.DEFAULT, List.of(), false).additions()).isEmpty();
  }

  @Test
  void egressWithASourceAndADenyAtPriorityZeroAreRefused() {
    String zero = EXISTING.replace("\"priority\": 900", "\"priority\": 0");
    FlowPlan plan = ChangeTest.flows("telnet,198.18.1.5,198.19.1.10,tcp,23\nmail,198.19.1.10,203.0.113.9,tcp,25\n");
    Diagnostics d = new Diagnostics();
    Acl acl = RulesetImporter.read(zero, "rules.json", Optional.empty(), d).orElseThrow();
    ChangeResult in = Change.change(acl, zero, plan, VerifyOptions.DEFAULT, d.warnings(), false);
    assertThat(in.refusals()).anySatisfy(x -> assertThat(x.reason()).contains("priority 0"));
    ChangeResult out = Change.change(acl, zero, plan, VerifyOptions.DEFAULT.withPath("output"), d.warnings(), false);
    assertThat(out.refusals()).anySatisfy(x -> assertThat(x.reason()).contains("cannot name source addresses"));
    assertThat(out.additions()).isEmpty();
  }
}
