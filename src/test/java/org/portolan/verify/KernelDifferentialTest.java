package org.portolan.verify;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.portolan.diag.Diagnostics;
import org.portolan.ingest.RulesetImporter;
import org.portolan.ingest.acl.Acl;
import org.portolan.model.AddressBlocks;
import org.portolan.model.PortSet;
import org.portolan.model.Protocol;
import org.portolan.model.Provenance;
import org.portolan.plan.Endpoint;
import org.portolan.plan.Flow;
import org.portolan.plan.FlowPlan;
import org.portolan.plan.Trace;
import org.portolan.testing.Cli;
import org.portolan.testing.Lab;
import org.portolan.testing.NetworkTest;

/**
 * The kernel is the judge: seeded random rulesets are loaded with the real iptables-restore
 * and nft into a router namespace between a client and a server namespace; the real tool
 * output (iptables-save, nft -j list ruleset, nft list ruleset) is imported; for random
 * flows verify's verdict must equal what real connection attempts through the router show.
 */
@NetworkTest
class KernelDifferentialTest {
  static final int FLOWS_PER_RULESET = 150;
  /** Seeds whose rulesets allow some flows and block others (checked by eye: 39-104 of 160 allowed). */
  static final long[] IPTABLES_SEEDS = {11, 12, 13, 14}, NFT_SEEDS = {21, 24, 28, 29};
  static final List<String> CLIENTS = List.of("198.18.1.10", "198.18.1.11", "198.18.1.12", "198.18.1.13");
  static final List<String> SERVERS = List.of("198.19.2.10", "198.19.2.11", "198.19.2.12", "198.19.2.13");
  /** The router's interface towards the clients and towards the servers. */
  static final String IN = "r0", OUT = "r1";

  static Lab lab;
  static Lab.Host client, router, server;
  @TempDir static Path tmp;

  /** A client — router — server lab; the echo listeners in the server namespace. */
  @BeforeAll
  static void setUp() throws Exception {
    Lab.requireTools("iptables-restore", "iptables-save", "nft", "python3");
    lab = Lab.create();
    Lab.Host[] h = clientRouterServer(lab, resource("listener.py"));
    client = h[0];
    router = h[1];
    server = h[2];
  }

  /** A client and a server namespace joined by a router, listeners on every port of {@link RandomRuleset#PORTS} at the servers. */
  static Lab.Host[] clientRouterServer(Lab lab, Path listener) throws Exception {
    Lab.Host client = lab.host("client"), router = lab.router("router"), server = lab.host("server");
    lab.link(client, "c0", "", router, IN, "198.18.1.1/24");
    lab.link(server, "s0", "", router, OUT, "198.19.2.1/24");
    for (String a : CLIENTS) client.addr("c0", a + "/24");
    for (String a : SERVERS) server.addr("s0", a + "/24");
    client.run("ip", "route", "add", "default", "via", "198.18.1.1");
    server.run("ip", "route", "add", "default", "via", "198.19.2.1");
    String ports = String.join(",", RandomRuleset.PORTS.stream().map(String::valueOf).toList());
    server.start("python3", listener.toString(), String.join(",", SERVERS), ports, "300").await("ready");
    return new Lab.Host[] {client, router, server};
  }

  @AfterAll
  static void tearDown() {
    if (lab != null) lab.close();
  }

  /** The listener and prober shared by the kernel tests (src/test/resources/verify/kernel/). */
  static Path resource(String name) {
    return Cli.resource("verify/kernel/" + name);
  }

  @Test
  void iptablesVerdictsEqualTheKernel() throws Exception {
    List<String> disagreements = new ArrayList<>();
    int compared = 0;
    for (long seed : IPTABLES_SEEDS) {
      router.run("nft", "flush", "ruleset");
      router.run("conntrack", "-F"); // no connection an earlier seed allowed is still established
      router.iptables(RandomRuleset.iptables(seed));
      String saved = router.run("iptables-save");
      compared += compare("iptables seed " + seed, saved, RulesetImporter.Format.IPTABLES, seed, disagreements);
    }
    assertThat(compared).isEqualTo(4 * FLOWS_PER_RULESET);
    assertThat(disagreements).as("verify vs kernel").isEmpty();
  }

  @Test
  void nftablesVerdictsEqualTheKernelFromJsonAndText() throws Exception {
    List<String> disagreements = new ArrayList<>();
    int compared = 0;
    for (long seed : NFT_SEEDS) {
      router.run("nft", "flush", "ruleset");
      router.run("conntrack", "-F"); // no connection an earlier seed allowed is still established
      router.nft(RandomRuleset.nft(seed));
      String json = router.run("nft", "-j", "list", "ruleset");
      String text = router.run("nft", "list", "ruleset");
      compared += compare("nft-json seed " + seed, json, RulesetImporter.Format.NFT_JSON, seed, disagreements, text);
    }
    assertThat(compared).isEqualTo(4 * FLOWS_PER_RULESET);
    assertThat(disagreements).as("verify vs kernel").isEmpty();
  }

  private int compare(String label, String dump, RulesetImporter.Format format, long seed, List<String> disagreements, String... alsoText) throws IOException {
    Diagnostics d = new Diagnostics();
    Acl acl = RulesetImporter.read(dump, label, Optional.of(format), d).orElseThrow(() -> new AssertionError(label + ": " + d.all()));
    assertThat(d.errors()).as(label + " import errors").isEmpty();
    assertThat(d.warnings()).as(label + " import warnings (everything generated is modelled)").isEmpty();
    Random rnd = new Random(seed * 7919);
    List<Flow> flows = new ArrayList<>();
    StringBuilder probes = new StringBuilder();
    Map<String, String> probeLine = new HashMap<>();
    for (int i = 0; i < FLOWS_PER_RULESET; i++) {
      String src = CLIENTS.get(rnd.nextInt(CLIENTS.size()));
      String dst = SERVERS.get(rnd.nextInt(SERVERS.size()));
      String proto = rnd.nextBoolean() ? "tcp" : "udp";
      int port = RandomRuleset.PORTS.get(rnd.nextInt(RandomRuleset.PORTS.size()));
      String name = "f" + i;
      flows.add(flow(name, src, dst, proto, port));
      probeLine.put(name, name + " " + src + " " + dst + " " + proto + " " + port);
      probes.append(probeLine.get(name)).append('\n');
    }
    FlowPlan plan = new FlowPlan(label, flows, List.of());
    VerifyOptions opt = VerifyOptions.DEFAULT.withPath("forward").withInterfaces(Optional.of(IN), Optional.of(OUT)).withoutRuleAnalysis();
    VerifyResult model = Verifier.verify(acl, plan, opt, List.of());
    Path probeFile = tmp.resolve("probes-" + seed + ".txt");
    Files.writeString(probeFile, probes);
    Map<String, String> kernel = new HashMap<>();
    String probed = client.exec(Duration.ofSeconds(150), null, "timeout", "120", "python3", resource("prober.py").toString(), probeFile.toString(), "1.0").ok();
    for (String line : probed.lines().toList()) {
      String[] p = line.split(" ", 2);
      kernel.put(p[0], p[1]);
    }
    // A flow verify allows and the kernel failed is tried once more before it counts as a
    // disagreement: a lost answer on a loaded machine is not a block (these rulesets have no rate
    // limits, so a second attempt meets the same rules), and a flow the kernel blocks fails again.
    StringBuilder again = new StringBuilder();
    for (FlowResult r : model.flows())
      if (r.verdict() instanceof Verdict.Allowed && !"ok".equals(kernel.get(r.name())))
        again.append(probeLine.get(r.name())).append('\n');
    if (!again.isEmpty()) {
      Path againFile = tmp.resolve("probes-" + seed + "-again.txt");
      Files.writeString(againFile, again);
      for (String line : client.exec(Duration.ofSeconds(150), null, "timeout", "120", "python3", resource("prober.py").toString(), againFile.toString(), "1.0").ok().lines().toList()) {
        String[] p = line.split(" ", 2);
        kernel.put(p[0], p[1]);
      }
    }
    for (FlowResult r : model.flows()) {
      String k = kernel.get(r.name());
      if (k == null) { disagreements.add(label + " " + r.name() + ": no kernel result"); continue; }
      boolean kernelAllows = k.equals("ok");
      boolean modelAllows = r.verdict() instanceof Verdict.Allowed;
      if (kernelAllows != modelAllows || r.verdict() instanceof Verdict.Partial)
        disagreements.add(label + " " + r.name() + " " + r.proto() + " " + r.src() + " -> " + r.dst() + ":" + r.ports() + ": kernel " + k
            + ", verify " + r.verdict().keyword() + " by line " + r.verdict().rule().line() + " " + r.verdict().rule().text() + " " + r.verdict().blockedParts());
    }
    for (String text : alsoText) {
      Diagnostics dt = new Diagnostics();
      Acl fromText = RulesetImporter.read(text, label + " (text)", Optional.of(RulesetImporter.Format.NFT), dt).orElseThrow(() -> new AssertionError(label + " text: " + dt.all()));
      assertThat(dt.all()).as(label + " text import diagnostics").isEmpty();
      VerifyResult t = Verifier.verify(fromText, plan, opt, List.of());
      for (int i = 0; i < flows.size(); i++)
        if (!t.flows().get(i).verdict().keyword().equals(model.flows().get(i).verdict().keyword()))
          disagreements.add(label + " " + flows.get(i).name() + ": text import says " + t.flows().get(i).verdict().keyword() + ", JSON import " + model.flows().get(i).verdict().keyword());
    }
    System.out.printf("%s: %d flows, %d allowed by the kernel%n", label, flows.size(), kernel.values().stream().filter("ok"::equals).count());
    return flows.size();
  }

  static Flow flow(String name, String src, String dst, String proto, int port) {
    return new Flow(name, List.of(new Endpoint.Addresses(src, "", AddressBlocks.parse(src))), List.of(new Endpoint.Addresses(dst, "", AddressBlocks.parse(dst))),
        Protocol.parse(proto), PortSet.of(port), true, false, List.of(new Trace("", "", name, "", "", "", "", Provenance.NONE)));
  }

}
