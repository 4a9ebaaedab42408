package org.portolan.verify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.portolan.testing.Cli;

/** The CLI front door: exit codes, formats, and the JSON result against its published schema. */
class VerifyCommandTest {
  @TempDir Path dir;

  Path copy(String resource, String name) throws IOException {
    Path p = dir.resolve(name);
    try (InputStream in = getClass().getResourceAsStream(resource)) {
      Files.copy(in, p);
    }
    return p;
  }

  Path write(String name, String text) throws IOException {
    return Files.writeString(dir.resolve(name), text);
  }

  static Path exampleSite() {
    Path site = Path.of("examples/site.yaml");
    org.junit.jupiter.api.Assumptions.assumeTrue(Files.isRegularFile(site), "the bundled example site is not here");
    return site;
  }

  /** A core firewall that lets web traffic from eth2 to eth1 only. */
  Path coreRules() throws IOException {
    return write("core.save", "*filter\n:FORWARD DROP [0:0]\n-A FORWARD -m conntrack --ctstate ESTABLISHED,RELATED -j ACCEPT\n"
        + "-A FORWARD -i eth2 -o eth1 -p tcp -m multiport --dports 80,443 -j ACCEPT\nCOMMIT\n");
  }

  @Test
  void findingsGiveExitOneAndTheTableNamesTheDecidingLines() throws IOException {
    Cli r = Cli.run("verify", "--ruleset", copy("/ingest/iptables/sample.save", "r.save").toString(), "--flows", copy("/verify/cli/flows.csv", "f.csv").toString());
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.out()).contains("partial  web", "blocked  ssh", "line 11: -A WEB -p tcp -m tcp --dport 443 -j REJECT", "1 of 3 flows allowed",
        "shadowed line 10");
  }

  @Test
  void everyFlowAllowedGivesExitZeroUnlessFailOnExcess() throws IOException {
    Path rules = write("ok.save", "*filter\n:FORWARD DROP [0:0]\n-A FORWARD -m conntrack --ctstate ESTABLISHED -j ACCEPT\n-A FORWARD -s 198.18.1.5/32 -d 198.19.0.0/24 -p tcp -m tcp --dport 22 -j ACCEPT\nCOMMIT\n");
    Path flows = write("ok.csv", "name,src,dst,proto,ports\nssh,198.18.1.5,198.19.0.10,tcp,22\n");
    assertThat(Cli.run("verify", "--ruleset", rules.toString(), "--flows", flows.toString()).code()).isEqualTo(0);
    Cli strict = Cli.run("verify", "--ruleset", rules.toString(), "--flows", flows.toString(), "--fail-on", "excess");
    assertThat(strict.code()).isEqualTo(1);
    // per source block, and the example is a host address (never the network address)
    assertThat(strict.out()).contains("permits from 198.18.1.5: tcp 22 to 198.19.0.0/29 198.19.0.8/31 198.19.0.11-198.19.0.255", "e.g. tcp 198.18.1.5 -> 198.19.0.1 port 22");
  }

  @Test
  void jsonFollowsThePublishedSchema() throws IOException {
    Cli r = Cli.run("verify", "--ruleset", copy("/ingest/asa/sample.cfg", "a.cfg").toString(), "--flows", copy("/verify/cli/flows.csv", "f.csv").toString(), "--format", "json");
    assertThat(r.code()).isEqualTo(0);
    JsonNode json = new ObjectMapper().readTree(r.out());
    String schema;
    try (InputStream in = getClass().getResourceAsStream("/schemas/verify-result.schema.json")) {
      schema = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    var messages = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(schema).validate(json);
    assertThat(messages).isEmpty();
    List<String> keys = new ArrayList<>();
    json.fieldNames().forEachRemaining(keys::add);
    assertThat(keys).containsExactly("flows", "excess", "shadowed", "warnings");
    assertThat(json.at("/flows/0/verdict").asText()).isEqualTo("allowed");
    assertThat(json.at("/flows/2/verdict").asText()).isEqualTo("allowed");
    assertThat(json.at("/flows/2/rule/line").asInt()).isEqualTo(33);
    assertThat(json.at("/shadowed/0/rule/line").asInt()).isEqualTo(37);
    assertThat(json.at("/warnings/0/line").asInt()).isEqualTo(39);
  }

  @Test
  void junitAndSarifForPipelines() throws IOException {
    String rules = copy("/ingest/iptables/sample.save", "r.save").toString(), flows = copy("/verify/cli/flows.csv", "f.csv").toString();
    Cli junit = Cli.run("verify", "--ruleset", rules, "--flows", flows, "--format", "junit");
    assertThat(junit.out()).contains("tests=\"3\" failures=\"2\"", "<testcase classname=\"forward\" name=\"dns\"/>", "<failure type=\"blocked\"");
    JsonNode sarif = new ObjectMapper().readTree(Cli.run("verify", "--ruleset", rules, "--flows", flows, "--format", "sarif").out());
    assertThat(sarif.at("/version").asText()).isEqualTo("2.1.0");
    assertThat(sarif.at("/runs/0/results/0/ruleId").asText()).isEqualTo("flow-partial");
    assertThat(sarif.at("/runs/0/results/0/locations/0/physicalLocation/region/startLine").asInt()).isEqualTo(11);
  }

  @Test
  void deploymentPlacementSplitsFlowsPerInterfacePair() throws IOException {
    Path site = exampleSite();
    Path rules = coreRules();
    Cli r = Cli.run("verify", site.toString(), "--ruleset", rules.toString(), "--firewall", "core-fw", "--no-rule-analysis");
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.out()).contains("allowed  zcm/content-http/primary-server/tcp [eth2>eth1]", "blocked  zcm/content-http/primary-server/tcp [wan0>eth1]",
        "do not cross firewall core-fw", "holds IPv4 rules only");
    assertThat(Cli.run("verify", site.toString(), "--ruleset", rules.toString(), "--firewall", "nope").code()).isEqualTo(2);
  }

  /** Issue 14: with the deployment given but not --firewall, the interface warning names --firewall (not only --in-interface). */
  @Test
  void theInterfaceWarningNamesFirewallWhenTheDeploymentIsGiven() throws IOException {
    Path site = exampleSite();
    Path rules = coreRules();
    Cli r = Cli.run("verify", site.toString(), "--ruleset", rules.toString(), "--no-rule-analysis");
    String warning = (r.out() + r.err()).lines().filter(l -> l.contains("interfaces are unknown")).findFirst().orElseThrow();
    assertThat(warning).contains("core.save:4:1", "--firewall FW");
    // and which firewalls the deployment has, to choose from
    assertThat(r.out() + r.err()).contains("give --firewall core-fw, edge-fw");
  }

  @Test
  void usageErrorsGiveExitTwo() throws IOException {
    String flows = copy("/verify/cli/flows.csv", "f.csv").toString();
    assertThat(Cli.run("verify", "--flows", flows).code()).isEqualTo(2);
    Cli r = Cli.run("verify", "--ruleset", copy("/ingest/iptables/sample.save", "r.save").toString(), "--flows", flows, "--ruleset-format", "pf");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("--ruleset-format");
    assertThat(Cli.run("verify", "--ruleset", dir.resolve("missing").toString(), "--flows", flows).code()).isEqualTo(2);
  }

  @Test
  void badRulesetGivesExitThreeWithPosition() throws IOException {
    Path bad = write("bad.save", "*filter\n:FORWARD DROP [0:0]\n-A FORWARD -p tcp --dport\nCOMMIT\n");
    Cli r = Cli.run("verify", "--ruleset", bad.toString(), "--flows", copy("/verify/cli/flows.csv", "f.csv").toString());
    assertThat(r.code()).isEqualTo(3);
    assertThat(r.err()).contains("bad.save:3:19: error: expected a value after --dport");
    Path unknown = write("what.txt", "hello\n");
    Cli u = Cli.run("verify", "--ruleset", unknown.toString(), "--flows", copy("/verify/cli/flows.csv", "g.csv").toString());
    assertThat(u.code()).isEqualTo(3);
    assertThat(u.err()).contains("cannot tell the ruleset format");
  }

  /** shorewall's anti-smurf line: exact with the host's interface address and prefix, undetermined with the bare address. */
  @Test
  void anInterfaceAddressTellsTheSubnetsBroadcast() throws IOException {
    Path rules = write("smurf.save", "*filter\n:INPUT DROP [0:0]\n-A INPUT -m addrtype --src-type BROADCAST -j DROP\n-A INPUT -p tcp -j ACCEPT\nCOMMIT\n");
    Path flows = write("in.csv", "name,src,dst,proto,ports\nweb,198.18.1.5,198.19.0.10,tcp,443\n");
    Cli exact = Cli.run("verify", "--ruleset", rules.toString(), "--flows", flows.toString(), "--local", "198.19.0.10/24");
    assertThat(exact.code()).as(exact.out()).isEqualTo(0);
    Cli bare = Cli.run("verify", "--ruleset", rules.toString(), "--flows", flows.toString(), "--local", "198.19.0.10");
    assertThat(bare.code()).isEqualTo(1);
    assertThat(bare.out()).contains("undetermined", "line 3");
  }

  /**
   * With enough flows for the JSON to be rendered in pieces from the moment the verdicts are given, the file
   * written is what standard output gets; a file that cannot be written gives exit 4 and leaves nothing behind.
   */
  @Test
  void jsonOfManyFlowsToAFileIsStandardOutputAndAFailedWriteLeavesNothing() throws IOException {
    StringBuilder csv = new StringBuilder("name,src,dst,proto,ports\n");
    int n = 5 * VerifyJson.CHUNK + 17;
    for (int i = 0; i < n; i++) csv.append("f").append(i).append(",198.18.").append(i / 250).append('.').append(i % 250 + 1).append(",198.19.0.10,tcp,").append(i % 3 == 0 ? 22 : 80).append('\n');
    Path flows = write("many.csv", csv.toString());
    Path rules = write("r.save", "*filter\n:FORWARD DROP [0:0]\n-A FORWARD -m conntrack --ctstate ESTABLISHED -j ACCEPT\n-A FORWARD -d 198.19.0.10/32 -p tcp -m tcp --dport 22 -j ACCEPT\nCOMMIT\n");
    Cli stdout = Cli.run("verify", "--ruleset", rules.toString(), "--flows", flows.toString(), "--format", "json");
    assertThat(stdout.code()).isEqualTo(1);
    Path out = dir.resolve("out/v.json");
    Cli file = Cli.run("verify", "--ruleset", rules.toString(), "--flows", flows.toString(), "--format", "json", "-o", out.toString());
    assertThat(file.code()).isEqualTo(1);
    assertThat(Files.readString(out)).isEqualTo(stdout.out());
    JsonNode doc = new ObjectMapper().readTree(out.toFile());
    assertThat(doc.get("flows")).hasSize(n);
    assertThat(doc.get("flows").get(n - 1).get("name").asText()).isEqualTo("f" + (n - 1));
    assertThat(doc.get("flows").get(3).get("verdict").asText()).isEqualTo("allowed");
    assertThat(doc.get("flows").get(4).get("verdict").asText()).isEqualTo("blocked");

    Path taken = Files.createDirectories(dir.resolve("taken"));
    Cli failed = Cli.run("verify", "--ruleset", rules.toString(), "--flows", flows.toString(), "--format", "json", "-o", taken.toString());
    assertThat(failed.code()).isEqualTo(4);
    assertThat(failed.err()).contains("cannot write", "taken");
    try (var left = Files.list(dir)) {
      assertThat(left.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("many.csv", "r.save", "out", "taken");
    }
  }
}
