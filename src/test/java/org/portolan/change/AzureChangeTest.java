package org.portolan.change;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
 * Change on an Azure NSG: new Allow rules at free priorities below the rule that blocks each
 * flow. Applied as Azure applies them (the rules join "securityRules"), re-imported: every
 * required flow allowed, every other probe unchanged, change again empty.
 */
class AzureChangeTest {
  static final String EXISTING = AclAssert.resource("/change/azure/existing.json");
  static final List<String> ADDRS = List.of("198.18.1.5", "198.18.9.9", "198.19.1.10", "198.19.1.53", "203.0.113.9");
  static final List<String> PORTS = List.of("tcp|22", "tcp|23", "tcp|443", "tcp|8443", "udp|53");
  static final Set<String> REQUIRED = Set.of("198.18.1.5 198.19.1.10 tcp|8443", "198.18.1.5 198.19.1.10 tcp|23", "198.18.1.5 198.19.1.53 udp|53", "198.18.9.9 198.19.1.53 udp|53");

  static String verdicts(Acl acl, String path) {
    return ProbeGrid.verdicts(acl, VerifyOptions.DEFAULT.withPath(path), ADDRS, PORTS, REQUIRED);
  }


  @Test
  void newAllowRulesAtFreePrioritiesBelowTheBlockingRule() throws Exception {
    FlowPlan plan = ChangeTest.flows("""
        web,198.18.1.5,198.19.1.10,tcp,443 8443
        telnet,198.18.1.5,198.19.1.10,tcp,23
        dns,198.18.1.5 198.18.9.9,198.19.1.53,udp,53
        """);
    Diagnostics d = new Diagnostics();
    Acl before = RulesetImporter.read(EXISTING, "nsg.json", Optional.empty(), d).orElseThrow();
    ChangeResult r = Change.change(before, EXISTING, plan, VerifyOptions.DEFAULT, d.warnings(), false);
    assertThat(r.refusals()).isEmpty();
    String script = ChangeRequest.nativeScript(r);
    Golden.assertMatches(Golden.of("change/azure/delta.golden"), script);
    // telnet is denied at 150: its allow takes 149; 3999 is taken, so the rules before deny-all-in (4000) take 3998 and 3997
    assertThat(script).contains("--priority 149 ").contains("--priority 3998 ").contains("--priority 3997 ").doesNotContain("--priority 3999 ")
        .contains("--resource-group rg-demo --nsg-name web-nsg");
    ObjectMapper json = new ObjectMapper();
    ObjectNode nsg = (ObjectNode) json.readTree(EXISTING);
    for (JsonNode x : json.readTree(ChangeRequest.extraFiles(r).get("change.azure.json")).get("web-nsg")) ((ArrayNode) nsg.get("securityRules")).add(x);
    String applied = json.writeValueAsString(nsg);
    Diagnostics d2 = new Diagnostics();
    Acl after = RulesetImporter.read(applied, "nsg.json", Optional.empty(), d2).orElseThrow(() -> new AssertionError(d2.all()));
    assertThat(d2.errors()).as("priorities stay unique").isEmpty();
    assertThat(Verifier.verify(after, plan, VerifyOptions.DEFAULT, List.of()).allAllowed()).as(applied).isTrue();
    assertThat(verdicts(after, "input")).isEqualTo(verdicts(before, "input"));
    assertThat(verdicts(after, "output")).isEqualTo(verdicts(before, "output"));
    assertThat(Change.change(after, applied, plan, VerifyOptions.DEFAULT, d2.warnings(), false).additions()).isEmpty();
  }

  @Test
  void singleIcmpTypesAreRefused() {
    FlowPlan plan = ChangeTest.flows("ping,198.18.1.5,198.19.1.10,icmp,8\n");
    Diagnostics d = new Diagnostics();
    Acl acl = RulesetImporter.read(EXISTING, "nsg.json", Optional.empty(), d).orElseThrow();
    ChangeResult r = Change.change(acl, EXISTING, plan, VerifyOptions.DEFAULT, d.warnings(), false);
    assertThat(r.additions()).isEmpty();
    assertThat(r.refusals()).singleElement().satisfies(x -> assertThat(x.reason()).contains("not single types"));
  }
}
