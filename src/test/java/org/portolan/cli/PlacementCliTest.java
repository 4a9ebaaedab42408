package org.portolan.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.portolan.testing.Cli;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.portolan.catalog.CatalogLoader;
import org.portolan.deployment.DeploymentLoader;
import org.portolan.diag.Diagnostics;
import org.portolan.plan.FirewallPlacement;
import org.portolan.plan.Flow;
import org.portolan.plan.FlowPlan;
import org.portolan.plan.Planner;
import org.portolan.render.Finding;
import org.portolan.render.Results;

/**
 * compile and verify place flows the same way (FirewallPlacement). verify splits a flow that
 * crosses a network firewall at several interface pairs into pieces; the report folds every
 * piece back onto its plan flow (issue 11 item 1, issue 14 "a new user" 1).
 */
class PlacementCliTest {
  static final Path SITE = Path.of("examples/site.yaml");

  @Test
  void everyVerifyResultFoldsOntoAPlanFlowAndEveryCrossingFlowHasOne(@TempDir Path dir) throws Exception {
    Assumptions.assumeTrue(Files.isRegularFile(SITE), "the bundled example site is not here");
    assertThat(Cli.run("compile", SITE.toString(), "--dialect", "iptables", "--firewall", "core-fw", "--partial", "-o", dir.toString()).code()).isLessThanOrEqualTo(1);
    Path json = dir.resolve("core-fw.json");
    Cli v = Cli.run("verify", SITE.toString(), "--ruleset", dir.resolve("core-fw.iptables").toString(), "--firewall", "core-fw", "--format", "json", "-o", json.toString());
    assertThat(v.code()).as(v.err()).isLessThanOrEqualTo(1);
    assertThat(Files.readString(json)).as("the demo site has flows crossing core-fw at several interface pairs").contains(" [eth2>eth1]\"");

    Diagnostics d = new Diagnostics();
    var catalog = CatalogLoader.bundled();
    var site = DeploymentLoader.load(SITE, catalog, d);
    FlowPlan plan = Planner.plan(catalog, site, d);
    assertThat(d.errors()).isEmpty();
    Results results = Results.read(Optional.of(json), Optional.empty(), Optional.empty());

    assertThat(results.findings(plan)).noneMatch(f -> f.kind() == Finding.Kind.UNMATCHED);
    List<FirewallPlacement.Target> targets = FirewallPlacement.place(plan, Optional.of(site), FirewallPlacement.Options.ALL.withFirewall("core-fw"), d);
    List<Flow> crossing = plan.flows().stream().filter(f -> !FirewallPlacement.unplaced(plan, targets).contains(f)).toList();
    assertThat(crossing).hasSizeGreaterThan(100);
    assertThat(crossing).allSatisfy(f -> assertThat(results.evidence(f.name())).as(f.name()).isNotEmpty());
    // a flow split in two reads as one row: both verdicts under the plan flow
    assertThat(results.evidence("zcm/content-http/primary-server/tcp")).extracting(org.portolan.render.Evidence::summary)
        .satisfiesExactlyInAnyOrder(e -> assertThat(e).startsWith("[eth2>eth1] "), e -> assertThat(e).startsWith("[wan0>eth1] "));
  }

  @Test
  void oneHostOfAHostFirewallIsVerifiedAgainstTheRulesCompiledForIt(@TempDir Path dir) throws Exception {
    Assumptions.assumeTrue(Files.isRegularFile(SITE), "the bundled example site is not here");
    assertThat(Cli.run("compile", SITE.toString(), "--dialect", "iptables", "--firewall", "linux-servers", "--partial", "-o", dir.toString()).code())
        .isLessThanOrEqualTo(1);
    String rules = dir.resolve("linux-servers-zcm1.iptables").toString();
    Cli one = Cli.run("verify", SITE.toString(), "--ruleset", rules, "--firewall", "linux-servers-zcm1", "--no-rule-analysis");
    assertThat(one.code()).as(one.out() + one.err()).isZero();
    assertThat(one.out()).contains("allowed  zcm/").doesNotContain("tarantella/").contains("do not cross firewall linux-servers-zcm1");
    // the whole host firewall against one host's rules: the other hosts' flows are blocked, and a warning says how to pick one host
    Cli all = Cli.run("verify", SITE.toString(), "--ruleset", rules, "--firewall", "linux-servers", "--no-rule-analysis");
    assertThat(all.code()).isEqualTo(1);
    assertThat(all.out()).contains("[tta1 in]").contains("give --firewall linux-servers-zcm1");
    Cli nope = Cli.run("verify", SITE.toString(), "--ruleset", rules, "--firewall", "nope");
    assertThat(nope.code()).isEqualTo(2);
    assertThat(nope.err()).contains("linux-servers-portal1");
  }
}
