package org.portolan.change;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
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
import org.portolan.testing.frontends.Frontends;
import org.portolan.verify.VerifyOptions;

/**
 * The kernel is the judge: an existing ruleset (written by a real front-end, or seeded random)
 * is loaded into a router namespace between a client and a server namespace; change's delta
 * is applied with the real tool (iptables-restore --noflush, nft -f); then every required
 * flow must connect through real listeners, every sampled flow that was blocked and is not
 * required must stay blocked, verify on the dump must allow every required flow, and change
 * on the dump must be empty.
 */
@NetworkTest
class ChangeKernelTest {
  /** Client and server addresses (198.18.0.0/15 only) and the router's interfaces towards them. */
  static final List<String> CLIENTS = List.of("198.18.1.10", "198.18.1.11", "198.18.1.12", "198.18.1.13");
  static final List<String> SERVERS = List.of("198.19.2.10", "198.19.2.11", "198.19.2.12", "198.19.2.13");
  static final String IN = "r0", OUT = "r1";
  static final List<Integer> PORTS = List.of(1001, 1002, 2000, 2001, 2500, 3000, 3001, 4444, 5000, 5001, 6000, 7777);
  static final int REQUIRED = 30, BLOCKED_SAMPLE = 200;
  static Lab lab;
  static Lab.Host client, router, server;
  @TempDir static Path tmp;

  @BeforeAll
  static void setUp() throws Exception {
    lab = Lab.create();
    Lab.requireTools("iptables-restore", "iptables-save", "nft", "python3");
    client = lab.host("client");
    router = lab.router("router");
    server = lab.host("server");
    lab.link(client, "c0", "198.18.1.2/24", router, IN, "198.18.1.1/24");
    lab.link(server, "s0", "198.19.2.2/24", router, OUT, "198.19.2.1/24");
    for (String a : CLIENTS) client.addr("c0", a + "/24");
    for (String a : SERVERS) server.addr("s0", a + "/24");
    client.run("ip", "route", "add", "default", "via", "198.18.1.1");
    server.run("ip", "route", "add", "default", "via", "198.19.2.1");
    server.start("python3", resource("listener.py").toString(), String.join(",", SERVERS), String.join(",", PORTS.stream().map(String::valueOf).toList()), "900").await("ready");
  }

  @AfterAll
  static void tearDown() {
    if (lab != null) lab.close();
  }

  /** The listener and prober shared by the kernel tests (src/test/resources/verify/kernel/). */
  static Path resource(String name) {
    return Cli.resource("verify/kernel/" + name);
  }

  // ---- the cases ----

  @Test
  void seededRandomIptables() throws Exception {
    for (long seed : new long[] {3, 5, 8}) judge("iptables seed " + seed, Tool.IPTABLES, () -> load(Tool.IPTABLES, randomIptables(seed)), seed);
  }

  @Test
  void seededRandomNftablesWithHandlesAndJson() throws Exception {
    for (long seed : new long[] {4, 6}) judge("nft seed " + seed, Tool.NFT, () -> load(Tool.NFT, randomNft(seed)), seed);
    judge("nft-json seed 7", Tool.NFT_JSON, () -> load(Tool.NFT, randomNft(7)), 7);
  }

  @Test
  void ufwRoutedRules() throws Exception {
    assumeTrue(Frontends.unavailable("ufw").isEmpty(), "ufw is not installed");
    ChangeResult r = judge("ufw", Tool.IPTABLES, () -> {
      reset();
      Frontends.ufw(router.name, Files.createTempDirectory(tmp, "ufw"), List.of(
          "default deny routed",
          "route allow in on r0 out on r1 from 198.18.1.10 to 198.19.2.10 port 1001 proto tcp",
          "route allow in on r0 out on r1 to 198.19.2.11 port 2000:2001 proto udp",
          "route deny in on r0 out on r1 to any port 4444 proto tcp",
          "route allow in on r0 out on r1 from 198.18.1.12 to any port 3000 proto tcp"));
    }, 11);
    // inside ufw's structure: the permits go where ufw keeps its own, not beside them
    assertThat(r.additions()).extracting(Addition::chain).containsOnly("ufw-user-forward");
  }

  @Test
  void fermRuleset() throws Exception {
    assumeTrue(Frontends.unavailable("ferm").isEmpty(), "ferm is not installed");
    String script = Frontends.ferm(Files.createTempDirectory(tmp, "ferm"), """
        domain ip table filter {
          chain INPUT policy ACCEPT;
          chain FORWARD {
            policy DROP;
            mod conntrack ctstate (ESTABLISHED RELATED) ACCEPT;
            mod conntrack ctstate INVALID DROP;
            interface r0 outerface r1 jump from-clients;
          }
          chain from-clients {
            proto tcp dport 1001 saddr 198.18.1.10 ACCEPT;
            proto udp dport (2000 3000) daddr 198.19.2.12 ACCEPT;
            proto tcp dport 4444 DROP;
            proto tcp dport (5000 5001) saddr (198.18.1.11 198.18.1.12) ACCEPT;
          }
        }
        """);
    ChangeResult r = judge("ferm", Tool.IPTABLES, () -> load(Tool.IPTABLES, script), 13);
    assertThat(r.additions()).extracting(Addition::chain).containsOnly("from-clients");
  }

  /**
   * shorewall on the router: a zone per side (cli on r0, srv on r1), policy cli → srv DROP,
   * rules in its NEW section; compiled and started in the router's namespace.
   */
  @Test
  void shorewallZones() throws Exception {
    assumeTrue(Frontends.unavailable("shorewall").isEmpty(), "shorewall is not installed");
    ChangeResult r = judge("shorewall", Tool.IPTABLES, () -> {
      reset();
      Frontends.shorewall(router, Files.createTempDirectory(tmp, "shorewall"), Map.of(
          "zones", "fw\tfirewall\ncli\tipv4\nsrv\tipv4\n",
          "interfaces", "?FORMAT 2\ncli\tr0\t-\nsrv\tr1\t-\n",
          "policy", "$FW\tall\tACCEPT\ncli\tsrv\tDROP\nall\tall\tREJECT\n",
          "rules", """
              ?SECTION NEW
              ACCEPT	cli:198.18.1.10	srv:198.19.2.10	tcp	1001
              ACCEPT	cli	srv:198.19.2.11	udp	2000:2001
              DROP	cli	srv	tcp	4444
              ACCEPT	cli:198.18.1.12	srv	tcp	3000
              REJECT	cli:198.18.1.11	srv	tcp	5000
              ACCEPT	cli	srv	tcp,udp	5000
              """));
    }, 17);
    // in the zone pair's chain, before the '-g reject' a refused flow goes by: never in shorewall's shared action chains
    assertThat(r.additions()).extracting(Addition::chain).containsOnly("cli-srv");
  }

  /**
   * firewalld on the router with either backend: a zone per side (clients on r0, servers on
   * r1) and a policy clients → servers with target REJECT, a port, rich rules with addresses
   * and one with priority that drops. Written into its private configuration before the start.
   */
  @ParameterizedTest(name = "firewalld {0} backend")
  @ValueSource(strings = {"nftables", "iptables"})
  void firewalldPolicy(String backend) throws Exception {
    assumeTrue(Frontends.unavailable("firewalld").isEmpty() && Frontends.unavailable("dbus-daemon").isEmpty(), "firewalld or dbus-daemon is not installed");
    String xml = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n";
    Map<String, String> files = Map.of(
        "zones/clients.xml", xml + "<zone><short>clients</short><interface name=\"r0\"/></zone>\n",
        "zones/servers.xml", xml + "<zone><short>servers</short><interface name=\"r1\"/></zone>\n",
        "policies/c2s.xml", xml + """
            <policy target="REJECT"><short>c2s</short><ingress-zone name="clients"/><egress-zone name="servers"/>
              <port protocol="udp" port="2000-2001"/>
              <rule family="ipv4"><source address="198.18.1.10"/><destination address="198.19.2.10"/><port protocol="tcp" port="1001"/><accept/></rule>
              <rule family="ipv4"><source address="198.18.1.12"/><port protocol="tcp" port="3000"/><accept/></rule>
              <rule family="ipv4"><destination address="198.19.2.11"/><port protocol="tcp" port="5000-5001"/><accept/></rule>
              <rule priority="-5" family="ipv4"><source address="198.18.1.11"/><port protocol="udp" port="2000"/><drop/></rule>
            </policy>
            """);
    Tool tool = backend.equals("iptables") ? Tool.IPTABLES : Tool.NFT;
    Frontends.Firewalld[] fw = new Frontends.Firewalld[1];
    try {
      ChangeResult r = judge("firewalld " + backend, tool, () -> {
        reset();
        fw[0] = Frontends.firewalld(router, Files.createTempDirectory(tmp, "firewalld"), backend, files);
      }, backend.equals("iptables") ? 19 : 23);
      // in the policy's own chains (its allow chain; its pre chain before the priority drop), never in firewalld's base chains
      assertThat(r.additions()).extracting(Addition::chain).isNotEmpty().allSatisfy(c -> assertThat(c).matches("(inet firewalld filter_FWD_policy_|FWD_)c2s_(allow|pre)"));
    } finally {
      if (fw[0] != null) fw[0].close();
    }
  }

  // ---- the judge ----

  enum Tool { IPTABLES, NFT, NFT_JSON }

  static void load(Tool t, String ruleset) {
    reset();
    if (t == Tool.IPTABLES) router.iptables(ruleset);
    else router.nft(ruleset);
  }

  static void reset() {
    router.run("nft", "flush", "ruleset");
    // The router's connection table too: the namespaces serve every seed, and a UDP flow a
    // previous seed allowed stays ESTABLISHED for 120 s. A later probe whose ephemeral source
    // port happens to be the same then passes a "ct state established accept" rule and looks
    // opened by the delta (seen under load: one blocked UDP flow "connected" after a delta that
    // did not touch it, and was blocked again under the put-back original ruleset).
    router.run("conntrack", "-F");
  }

  /** Puts back a ruleset {@link #dump} took. */
  static void restore(Tool t, String dumped) {
    reset();
    switch (t) {
      case IPTABLES -> router.iptables(dumped);
      case NFT -> router.nft(dumped);
      case NFT_JSON -> router.exec(Lab.TIMEOUT, dumped, "nft", "-j", "-f", "-").ok();
    }
  }

  static String dump(Tool t) {
    return switch (t) {
      case IPTABLES -> router.run("iptables-save");
      case NFT -> router.run("nft", "-a", "list", "ruleset");
      case NFT_JSON -> router.run("nft", "-j", "list", "ruleset");
    };
  }

  record Probe(String id, String src, String dst, String proto, int port) {}

  /** Loads the existing ruleset into the router. */
  interface Install {
    void run() throws Exception;
  }

  private ChangeResult judge(String label, Tool tool, Install install, long seed) throws Exception {
    install.run();
    List<Probe> universe = new ArrayList<>();
    for (String c : CLIENTS) for (String s : SERVERS) for (String p : List.of("tcp", "udp")) for (int port : PORTS)
      universe.add(new Probe("p" + universe.size(), c, s, p, port));
    Map<String, Boolean> before = probe(universe, label + "-before");
    Random rnd = new Random(seed * 31);
    List<Probe> shuffled = new ArrayList<>(universe);
    java.util.Collections.shuffle(shuffled, rnd);
    List<Probe> required = shuffled.subList(0, REQUIRED);
    List<Probe> blocked = shuffled.subList(REQUIRED, shuffled.size()).stream().filter(p -> !before.get(p.id())).toList();
    assertThat(required.stream().filter(p -> before.get(p.id())).count()).as(label + ": some required flows are open before the change").isGreaterThan(0);
    assertThat(required.stream().filter(p -> !before.get(p.id())).count()).as(label + ": some required flows are missing before the change").isGreaterThan(0);
    assertThat(blocked.size()).as(label + ": blocked, not required flows to sample").isGreaterThanOrEqualTo(BLOCKED_SAMPLE);

    FlowPlan plan = plan(label, required);
    String existing = dump(tool);
    Files.writeString(tmp.resolve(label.replace(' ', '-') + ".existing"), existing);
    ChangeResult r = change(label, existing, tool, plan);
    assertThat(r.refusals()).as(label + ": refusals").isEmpty();
    assertThat(r.additions()).as(label + ": additions").isNotEmpty();
    String delta = ChangeRequest.nativeScript(r);
    Files.writeString(tmp.resolve(label.replace(' ', '-') + ".delta"), delta);
    if (tool == Tool.IPTABLES) router.exec(Lab.TIMEOUT, delta, "iptables-restore", "--noflush").ok();
    else router.nft(delta);

    List<Probe> again = new ArrayList<>(required);
    again.addAll(blocked);
    Map<String, Boolean> after = probe(again, label + "-after");
    List<String> wrong = new ArrayList<>();
    // A required flow that fails is tried once more before it counts: a lost answer is not a block,
    // and a flow the delta did not open fails both times.
    List<Probe> failed = required.stream().filter(p -> !after.get(p.id())).toList();
    Map<String, Boolean> retried = failed.isEmpty() ? Map.of() : probe(failed, label + "-after-again");
    for (Probe p : failed) if (!retried.get(p.id())) wrong.add("required " + p + " does not connect");
    String applied = dump(tool);
    // A blocked flow that connects now was either opened by the delta (the defect this test looks
    // for) or never blocked: its first attempt lost an answer on a loaded machine (seen once, a UDP
    // flow whose chain the delta did not touch). The kernel tells which: the original ruleset is put
    // back and only those flows are tried again; a flow that connects there too was never blocked.
    // Five flows that stayed blocked go with them every time, and must fail again: the put-back
    // ruleset is the original (and this path is exercised on every run, not only when it matters).
    List<Probe> opened = blocked.stream().filter(p -> after.get(p.id())).toList();
    List<Probe> control = blocked.stream().filter(p -> !after.get(p.id())).limit(5).toList();
    List<Probe> recheck = new ArrayList<>(opened);
    recheck.addAll(control);
    restore(tool, existing);
    Map<String, Boolean> underOriginal = probe(recheck, label + "-recheck");
    restore(tool, applied);
    for (Probe p : control) assertThat(underOriginal.get(p.id())).as(label + ": " + p + " under the put-back original ruleset").isFalse();
    for (Probe p : opened)
      if (underOriginal.get(p.id())) System.out.printf("%s: %s connects under the original ruleset too: its first attempt was lost, not blocked%n", label, p);
      else wrong.add("not required " + p + " was blocked and now connects");
    assertThat(wrong).as(label + ": kernel after the delta\n" + delta).isEmpty();

    ChangeResult second = change(label + " (after)", applied, tool, plan);
    assertThat(second.before()).as(label + ": verify on the result").allSatisfy(f -> assertThat(f.verdict().keyword()).as(f.name()).isEqualTo("allowed"));
    assertThat(second.additions()).as(label + ": change on the result is empty").isEmpty();
    assertThat(ChangeRequest.nativeScript(second)).isEmpty();
    System.out.printf("%s: %d required (%d open before), %d lines added, %d blocked flows stayed blocked%n", label, required.size(),
        required.stream().filter(p -> before.get(p.id())).count(), delta.lines().filter(l -> !l.startsWith("#") && !l.startsWith("*") && !l.equals("COMMIT")).count(), blocked.size());
    return r;
  }

  static ChangeResult change(String label, String dump, Tool tool, FlowPlan plan) {
    Diagnostics d = new Diagnostics();
    RulesetImporter.Format f = switch (tool) {
      case IPTABLES -> RulesetImporter.Format.IPTABLES;
      case NFT -> RulesetImporter.Format.NFT;
      case NFT_JSON -> RulesetImporter.Format.NFT_JSON;
    };
    Acl acl = RulesetImporter.read(dump, label, Optional.of(f), d).orElseThrow(() -> new AssertionError(label + ": " + d.all()));
    VerifyOptions opt = VerifyOptions.DEFAULT.withPath("forward").withInterfaces(Optional.of(IN), Optional.of(OUT)).withoutRuleAnalysis();
    return Change.change(acl, dump, plan, opt, d.warnings(), false);
  }

  private Map<String, Boolean> probe(List<Probe> probes, String name) throws IOException {
    StringBuilder b = new StringBuilder();
    for (Probe p : probes) b.append(p.id()).append(' ').append(p.src()).append(' ').append(p.dst()).append(' ').append(p.proto()).append(' ').append(p.port()).append('\n');
    Path f = tmp.resolve(name.replace(' ', '-') + ".probes");
    Files.writeString(f, b);
    Map<String, Boolean> out = new HashMap<>();
    for (String line : client.run("timeout", "120", "python3", resource("prober.py").toString(), f.toString(), "1.0").lines().toList()) {
      String[] x = line.split(" ", 2);
      out.put(x[0], x[1].equals("ok"));
    }
    assertThat(out).as(name + ": a kernel result for every probe").hasSize(probes.size());
    return out;
  }

  static FlowPlan plan(String label, List<Probe> probes) {
    List<Flow> flows = new ArrayList<>();
    for (Probe p : probes) flows.add(flow(p.id(), p.src(), p.dst(), p.proto(), p.port()));
    return new FlowPlan(label, flows, List.of());
  }

  static Flow flow(String name, String src, String dst, String proto, int port) {
    return new Flow(name, List.of(new Endpoint.Addresses(src, "", AddressBlocks.parse(src))), List.of(new Endpoint.Addresses(dst, "", AddressBlocks.parse(dst))),
        Protocol.parse(proto), PortSet.of(port), true, false, List.of(new Trace("", "", "req-" + name, "", "", "", "", new Provenance("vendor.md", "Ports", "row " + name, 3))));
  }

  // ---- seeded random existing rulesets: user chains jumped to with interface conditions, accepts, drops, returns ----

  static String addr(Random rnd, List<String> hosts, String net) {
    return switch (rnd.nextInt(4)) {
      case 0 -> net;
      case 1 -> hosts.get(rnd.nextInt(hosts.size())).replaceFirst("\\.\\d+$", "." + (8 + 4 * rnd.nextInt(2))) + "/30";
      default -> hosts.get(rnd.nextInt(hosts.size()));
    };
  }

  static String randomIptables(long seed) {
    Random rnd = new Random(seed);
    StringBuilder b = new StringBuilder("*filter\n:INPUT ACCEPT [0:0]\n:FORWARD DROP [0:0]\n:OUTPUT ACCEPT [0:0]\n:fw-tcp - [0:0]\n:fw-udp - [0:0]\n");
    boolean conntrack = rnd.nextInt(4) > 0;
    if (conntrack) b.append("-A FORWARD -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT\n");
    b.append("-A FORWARD -i r0 -o r1 -p tcp -j fw-tcp\n-A FORWARD -i r0 -o r1 -p udp -j fw-udp\n");
    if (!conntrack) b.append("-A FORWARD -i r1 -o r0 -m conntrack --ctstate ESTABLISHED -p tcp -m tcp --sport 1001:3000 -j ACCEPT\n");
    for (String proto : List.of("tcp", "udp")) {
      int n = 5 + rnd.nextInt(5);
      for (int i = 0; i < n; i++) {
        String chain = "fw-" + proto;
        StringBuilder l = new StringBuilder("-A ").append(chain);
        if (rnd.nextBoolean()) l.append(" -s ").append(addr(rnd, CLIENTS, "198.18.1.0/24"));
        if (rnd.nextBoolean()) l.append(" -d ").append(addr(rnd, SERVERS, "198.19.2.0/24"));
        l.append(" -p ").append(proto).append(" -m ").append(proto).append(" --dport ").append(PORTS.get(rnd.nextInt(PORTS.size())));
        int a = rnd.nextInt(10);
        l.append(a < 6 ? " -j ACCEPT" : a < 9 ? " -j DROP" : " -j RETURN");
        b.append(l).append('\n');
      }
    }
    b.append("-A FORWARD -p tcp -m tcp --dport ").append(PORTS.get(rnd.nextInt(PORTS.size()))).append(" -j REJECT --reject-with tcp-reset\n");
    b.append("COMMIT\n");
    return b.toString();
  }

  static String randomNft(long seed) {
    Random rnd = new Random(seed);
    StringBuilder b = new StringBuilder("table inet filter {\n");
    Map<String, List<String>> chains = new LinkedHashMap<>();
    for (String proto : List.of("tcp", "udp")) {
      List<String> lines = new ArrayList<>();
      int n = 5 + rnd.nextInt(5);
      for (int i = 0; i < n; i++) {
        StringBuilder l = new StringBuilder();
        if (rnd.nextBoolean()) l.append("ip saddr ").append(addr(rnd, CLIENTS, "198.18.1.0/24")).append(' ');
        if (rnd.nextBoolean()) l.append("ip daddr ").append(addr(rnd, SERVERS, "198.19.2.0/24")).append(' ');
        l.append(proto).append(" dport ").append(PORTS.get(rnd.nextInt(PORTS.size())));
        int a = rnd.nextInt(10);
        l.append(a < 6 ? " accept" : a < 9 ? " drop" : " return");
        lines.add(l.toString());
      }
      chains.put("from_clients_" + proto, lines);
    }
    for (var e : chains.entrySet()) {
      b.append("  chain ").append(e.getKey()).append(" {\n");
      for (String l : e.getValue()) b.append("    ").append(l).append('\n');
      b.append("  }\n");
    }
    b.append("  chain forward {\n    type filter hook forward priority filter; policy drop;\n");
    boolean conntrack = rnd.nextInt(4) > 0;
    if (conntrack) b.append("    ct state established,related accept\n");
    else b.append("    iifname \"r1\" oifname \"r0\" ct state established tcp sport 1001-3000 accept\n");
    b.append("    iifname \"r0\" oifname \"r1\" meta l4proto tcp jump from_clients_tcp\n");
    b.append("    iifname \"r0\" oifname \"r1\" meta l4proto udp jump from_clients_udp\n");
    b.append("    tcp dport ").append(PORTS.get(rnd.nextInt(PORTS.size()))).append(" reject with tcp reset\n");
    b.append("  }\n}\n");
    return b.toString();
  }
}
