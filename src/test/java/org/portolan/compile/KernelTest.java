package org.portolan.compile;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.portolan.compile.dialect.Iptables;
import org.portolan.compile.dialect.Nftables;
import org.portolan.deployment.Deployment;
import org.portolan.diag.Diagnostics;
import org.portolan.testing.Lab;
import org.portolan.testing.NetworkTest;

/**
 * The kernel is the judge: initiators A and B and responder C in their own network
 * namespaces, joined through a router namespace. The compiled iptables and nftables rules are
 * loaded into the router (network firewall) or into C (host firewall); real listeners run in
 * C (and A, for the reverse direction). Every required flow must connect and every other
 * probe (other ports, sources, protocols, direction) must not — after a control run proves
 * that, without rules, every probe connects.
 */
@NetworkTest
class KernelTest {
  static final String PYTHON = "/usr/bin/python3";
  static final String C = "198.18.3.2";
  static final String A = "198.18.1.2";

  /** Probes from A and B and whether the rules must let them through. */
  static final Map<String, Boolean> FROM_A = new LinkedHashMap<>();
  static final Map<String, Boolean> FROM_B = new LinkedHashMap<>();
  static final Map<String, Boolean> FROM_C = new LinkedHashMap<>();

  static {
    for (int p : new int[] {80, 443, 8080, 8081, 8082}) FROM_A.put("tcp@" + C + "@" + p, true);
    FROM_A.put("udp@" + C + "@5353", true);
    FROM_A.put("icmp@" + C + "@8", true);
    for (int p : new int[] {81, 8083, 22, 9000}) FROM_A.put("tcp@" + C + "@" + p, false);
    FROM_A.put("udp@" + C + "@6000", false); // only B may
    FROM_A.put("udp@" + C + "@80", false); // tcp/80 is required, udp/80 is not
    for (int p : new int[] {8080, 8082}) FROM_B.put("tcp@" + C + "@" + p, true);
    for (int p : new int[] {6000, 6001}) FROM_B.put("udp@" + C + "@" + p, true);
    for (int p : new int[] {80, 443, 8083}) FROM_B.put("tcp@" + C + "@" + p, false); // web is A's only
    FROM_B.put("udp@" + C + "@5353", false);
    FROM_B.put("udp@" + C + "@6002", false);
    FROM_B.put("icmp@" + C + "@8", false);
    FROM_C.put("tcp@" + A + "@80", false); // the reverse direction is not required
  }

  private record Site(Lab.Host router, Lab.Host a, Lab.Host b, Lab.Host c) {}

  private static Site build(Lab n) {
    Lab.Host r = n.router("r"), a = n.host("a"), b = n.host("b"), c = n.host("c");
    n.link(r, "ina", "198.18.1.1/24", a, "eth0", "198.18.1.2/24");
    n.link(r, "inb", "198.18.2.1/24", b, "eth0", "198.18.2.2/24");
    n.link(r, "resp", "198.18.3.1/24", c, "eth0", "198.18.3.2/24");
    a.run("ip", "route", "add", "default", "via", "198.18.1.1");
    b.run("ip", "route", "add", "default", "via", "198.18.2.1");
    c.run("ip", "route", "add", "default", "via", "198.18.3.1");
    r.addr("ina", "2001:db8:1::1/64");
    a.addr("eth0", "2001:db8:1::2/64");
    r.addr("inb", "2001:db8:2::1/64");
    b.addr("eth0", "2001:db8:2::2/64");
    r.addr("resp", "2001:db8:3::1/64");
    c.addr("eth0", "2001:db8:3::2/64");
    a.run("ip", "-6", "route", "add", "default", "via", "2001:db8:1::1");
    b.run("ip", "-6", "route", "add", "default", "via", "2001:db8:2::1");
    c.run("ip", "-6", "route", "add", "default", "via", "2001:db8:3::1");
    return new Site(r, a, b, c);
  }

  static java.nio.file.Path resource(String name) {
    return java.nio.file.Path.of("src/test/resources/compile/kernel", name).toAbsolutePath();
  }

  private static void listen(Site s) {
    List<String> c = new ArrayList<>(List.of(PYTHON, resource("listen.py").toString(), "90"));
    for (int p : new int[] {80, 443, 8080, 8081, 8082, 81, 8083, 22, 9000}) c.add("tcp:" + p);
    for (int p : new int[] {5353, 6000, 6001, 6002, 80}) c.add("udp:" + p);
    s.c().start(c.toArray(String[]::new)).await("ready");
    s.a().start(PYTHON, resource("listen.py").toString(), "90", "tcp:80").await("ready");
  }

  private static Map<String, Boolean> probe(Lab.Host ns, Map<String, Boolean> probes) {
    List<String> cmd = new ArrayList<>(List.of(PYTHON, resource("probe.py").toString(), "1.5"));
    cmd.addAll(probes.keySet());
    Lab.Result r = ns.exec(cmd.toArray(String[]::new));
    Map<String, Boolean> got = new LinkedHashMap<>();
    for (String line : r.out().split("\n")) {
      String[] f = line.trim().split(" ");
      if (f.length == 2) got.put(f[0], f[1].equals("ok"));
    }
    assertThat(got.keySet()).as("probe output from %s: %s %s", ns, r.out(), r.err()).containsExactlyInAnyOrderElementsOf(probes.keySet());
    return got;
  }

  private static Map<String, Boolean> all(boolean value, Map<String, Boolean> m) {
    Map<String, Boolean> out = new LinkedHashMap<>();
    m.keySet().forEach(k -> out.put(k, value));
    return out;
  }

  static final String C6 = "2001:db8:3::2";
  static final Map<String, Boolean> FROM_A6 = new LinkedHashMap<>();
  static final Map<String, Boolean> FROM_B6 = new LinkedHashMap<>();

  static {
    FROM_A6.put("tcp@" + C6 + "@80", true);
    FROM_A6.put("tcp@" + C6 + "@443", true);
    FROM_A6.put("udp@" + C6 + "@5353", true);
    FROM_A6.put("tcp@" + C6 + "@81", false);
    FROM_A6.put("udp@" + C6 + "@6000", false);
    FROM_A6.put("udp@" + C6 + "@80", false);
    FROM_A6.put("tcp@" + C + "@80", false); // the IPv4 twin is not required
    FROM_B6.put("tcp@" + C6 + "@80", false);
    FROM_B6.put("udp@" + C6 + "@5353", false);
  }

  /** IPv6: the same judgement with IPv6 flows (ip6tables-restore, nftables inet table). */
  private static void judge6(String file, String loader, boolean intoResponder) throws Exception {
    try (Lab n = Lab.create()) {
      Site s = build(n);
      listen(s);
      assertThat(probe(s.a(), FROM_A6)).as("control run from A, no rules").isEqualTo(all(true, FROM_A6));
      assertThat(probe(s.b(), FROM_B6)).as("control run from B, no rules").isEqualTo(all(true, FROM_B6));
      List<String> load = loader.equals("nft") ? List.of("nft", "-f", "-") : List.of("ip6tables-restore");
      (intoResponder ? s.c() : s.router()).exec(Lab.TIMEOUT, file, load.toArray(String[]::new)).ok();
      if (loader.equals("ip6tables")) (intoResponder ? s.c() : s.router()).iptables(V4_DROP_ALL);
      assertThat(probe(s.a(), FROM_A6)).as("from A with rules:\n%s", file).isEqualTo(FROM_A6);
      assertThat(probe(s.b(), FROM_B6)).as("from B with rules:\n%s", file).isEqualTo(FROM_B6);
    }
  }

  /** With ip6tables only IPv6 is filtered; the IPv4 twin probe needs the (empty) IPv4 rule set loaded too. */
  static final String V4_DROP_ALL = "*filter\n:INPUT DROP [0:0]\n:FORWARD DROP [0:0]\n:OUTPUT ACCEPT [0:0]\n-A INPUT -i lo -j ACCEPT\n-A INPUT -m conntrack --ctstate ESTABLISHED,RELATED -j ACCEPT\n-A FORWARD -m conntrack --ctstate ESTABLISHED,RELATED -j ACCEPT\nCOMMIT\n";

  static org.portolan.plan.FlowPlan v6Plan() {
    var a = Fixtures.ep("hosta6", "za", "2001:db8:1::2");
    var c = Fixtures.ep("hostc6", "zc", "2001:db8:3::2");
    return new org.portolan.plan.FlowPlan("Kernel site v6", List.of(
        Fixtures.flow("web6", List.of(a), List.of(c), org.portolan.model.Protocol.TCP, org.portolan.model.PortSet.of(80, 443), Fixtures.trace("shop", "web6", "Web UI over IPv6")),
        Fixtures.flow("dns6", List.of(a), List.of(c), org.portolan.model.Protocol.UDP, org.portolan.model.PortSet.of(5353), Fixtures.trace("shop", "dns6", "Name service over IPv6"))), List.of());
  }

  private static String compile6(Dialect dialect, String suffix) {
    Diagnostics d = new Diagnostics();
    var rendered = Compiler.render(v6Plan(), Optional.empty(), dialect, CompileOptions.defaults(), d);
    assertThat(d.all()).isEmpty();
    return rendered.values().iterator().next().stream().filter(o -> o.fileName().endsWith(suffix)).findFirst()
        .map(o -> new String(o.content(), StandardCharsets.UTF_8)).orElseThrow();
  }

  @Test
  void ipv6Ip6tablesOnTheRouterAndOnTheResponder() throws Exception {
    String rules = compile6(new Iptables(), ".ip6tables");
    judge6(rules, "ip6tables", false);
    judge6(rules, "ip6tables", true);
  }

  @Test
  void ipv6NftablesOnTheRouterAndOnTheResponder() throws Exception {
    String rules = compile6(new Nftables(), ".nft");
    judge6(rules, "nft", false);
    judge6(rules, "nft", true);
  }

  /** Builds the site, proves all probes connect without rules, loads the rules, checks the verdicts. */
  private static void judge(String file, String loader, boolean intoResponder) throws Exception {
    // Through the router C may not open connections to A; with only C's host firewall (inbound
    // rules) C's own connections go out and their replies come back through conntrack.
    judgeIn(file, loader, intoResponder ? "c" : "router", FROM_A, FROM_B, intoResponder ? all(true, FROM_C) : FROM_C);
  }

  /** Loads {@code file} into the namespace named by {@code where} and checks the three probe sets. */
  private static void judgeIn(String file, String loader, String where, Map<String, Boolean> fromA, Map<String, Boolean> fromB, Map<String, Boolean> fromC) throws Exception {
    try (Lab n = Lab.create()) {
      Site s = build(n);
      listen(s);
      assertThat(probe(s.a(), fromA)).as("control run from A, no rules").isEqualTo(all(true, fromA));
      assertThat(probe(s.b(), fromB)).as("control run from B, no rules").isEqualTo(all(true, fromB));
      assertThat(probe(s.c(), fromC)).as("control run from C, no rules").isEqualTo(all(true, fromC));
      Lab.Host target = switch (where) {
        case "c" -> s.c();
        case "a" -> s.a();
        default -> s.router();
      };
      List<String> load = loader.equals("nft") ? List.of("nft", "-f", "-") : List.of("iptables-restore");
      target.exec(Lab.TIMEOUT, file, load.toArray(String[]::new)).ok();
      assertThat(probe(s.a(), fromA)).as("from A with rules:\n%s", file).isEqualTo(fromA);
      assertThat(probe(s.b(), fromB)).as("from B with rules:\n%s", file).isEqualTo(fromB);
      assertThat(probe(s.c(), fromC)).as("from C with rules:\n%s", file).isEqualTo(fromC);
    }
  }

  private static String compileOne(Dialect dialect, Optional<Deployment> dep, String suffix) {
    Diagnostics d = new Diagnostics();
    var rendered = Compiler.render(Fixtures.kernelPlan(), dep, dialect, CompileOptions.defaults(), d);
    assertThat(d.all()).isEmpty();
    assertThat(rendered).hasSize(dep.isPresent() && dep.get().firewalls().getFirst().kind() == org.portolan.deployment.Firewall.Kind.HOST ? 1 : 1);
    return rendered.values().iterator().next().stream().filter(o -> o.fileName().endsWith(suffix)).findFirst()
        .map(o -> new String(o.content(), StandardCharsets.UTF_8)).orElseThrow();
  }

  static final Deployment NETWORK = Fixtures.kernelDeployment(Fixtures.network("core", Fixtures.iface("ina", "za"), Fixtures.iface("inb", "zb"), Fixtures.iface("resp", "zc")));
  static final Deployment HOST = Fixtures.kernelDeployment(Fixtures.hostFirewall("hostfw", "hostc"));

  @Test
  void flowsFileIptablesAsNetworkFirewall() throws Exception {
    judge(compileOne(new Iptables(), Optional.empty(), ".iptables"), "iptables", false);
  }

  @Test
  void flowsFileIptablesAsHostFirewall() throws Exception {
    judge(compileOne(new Iptables(), Optional.empty(), ".iptables"), "iptables", true);
  }

  @Test
  void flowsFileNftablesAsNetworkFirewall() throws Exception {
    judge(compileOne(new Nftables(), Optional.empty(), ".nft"), "nft", false);
  }

  @Test
  void flowsFileNftablesAsHostFirewall() throws Exception {
    judge(compileOne(new Nftables(), Optional.empty(), ".nft"), "nft", true);
  }

  @Test
  void deploymentIptablesOnTheRouterBoundToInterfaces() throws Exception {
    String rules = compileOne(new Iptables(), Optional.of(NETWORK), ".iptables");
    assertThat(rules).contains("-A FORWARD -i ina -o resp").contains("-A FORWARD -i inb -o resp");
    judge(rules, "iptables", false);
  }

  @Test
  void deploymentNftablesOnTheRouterBoundToInterfaces() throws Exception {
    String rules = compileOne(new Nftables(), Optional.of(NETWORK), ".nft");
    assertThat(rules).contains("iifname \"ina\" oifname \"resp\"");
    judge(rules, "nft", false);
  }

  @Test
  void deploymentHostFirewallIptablesOnTheResponder() throws Exception {
    judge(compileOne(new Iptables(), Optional.of(HOST), ".iptables"), "iptables", true);
  }

  @Test
  void deploymentHostFirewallNftablesOnTheResponder() throws Exception {
    judge(compileOne(new Nftables(), Optional.of(HOST), ".nft"), "nft", true);
  }

  /**
   * Host firewall on the initiator A with --outbound: A's own outbound rules let out exactly
   * A's required flows (and A accepts nothing inbound: C cannot reach A); B is not filtered.
   */
  @Test
  void outboundHostFirewallOnTheInitiator() throws Exception {
    Deployment dep = Fixtures.kernelDeployment(Fixtures.hostFirewall("hostfw", "hosta"));
    for (Dialect dialect : List.<Dialect>of(new Iptables(), new Nftables())) {
      Diagnostics d = new Diagnostics();
      var rendered = Compiler.render(Fixtures.kernelPlan(), Optional.of(dep), dialect, new CompileOptions(Optional.empty(), true, false, false, null), d);
      assertThat(d.all()).isEmpty();
      String file = rendered.values().iterator().next().stream().filter(o -> o.fileName().endsWith(dialect.name().equals("nftables") ? ".nft" : ".iptables")).findFirst()
          .map(o -> new String(o.content(), StandardCharsets.UTF_8)).orElseThrow();
      assertThat(file).contains(dialect.name().equals("nftables") ? "chain output" : ":OUTPUT DROP");
      judgeIn(file, dialect.name().equals("nftables") ? "nft" : "iptables", "a", FROM_A, all(true, FROM_B), FROM_C);
    }
  }

  /**
   * {@code compile --manage A}: C's host firewall keeps SSH (a TCP/22 listener on C) from the
   * management station A, and from nowhere else (B); every other verdict is unchanged. Without
   * --manage A's SSH is dropped like any port the plan does not require (the other tests).
   */
  @Test
  void manageKeepsSshFromTheStationOnlyOnAHostFirewall() throws Exception {
    Map<String, Boolean> fromA = new LinkedHashMap<>(FROM_A), fromB = new LinkedHashMap<>(FROM_B);
    fromA.put("tcp@" + C + "@22", true);
    fromB.put("tcp@" + C + "@22", false);
    var station = new inet.ipaddr.IPAddressString(A + "/32").getAddress();
    for (Dialect dialect : List.<Dialect>of(new Iptables(), new Nftables())) {
      boolean nft = dialect.name().equals("nftables");
      Diagnostics d = new Diagnostics();
      var rendered = Compiler.render(Fixtures.kernelPlan(), Optional.of(HOST), dialect, CompileOptions.defaults().withManage(List.of(station)), d);
      assertThat(d.all()).isEmpty();
      String file = rendered.values().iterator().next().stream().filter(o -> o.fileName().endsWith(nft ? ".nft" : ".iptables")).findFirst()
          .map(o -> new String(o.content(), StandardCharsets.UTF_8)).orElseThrow();
      assertThat(file).contains("portolan/manage");
      judgeIn(file, nft ? "nft" : "iptables", "c", fromA, fromB, all(true, FROM_C));
    }
  }

  /**
   * A flow of an IP protocol number (GRE, 47: {@code ip/47} in the catalog) compiled for C's
   * host firewall lets protocol 47 from A through and nothing else: not ESP (50) from A, not
   * GRE from B, not A's TCP, UDP or ICMP. Raw sockets in A, B and C; a control run without
   * rules proves every packet would arrive. (Protocol 0, which iptables reads as every
   * protocol, is refused by the model: see ProtocolTest.)
   */
  @Test
  void anIpProtocolNumberPassesThatProtocolOnly() throws Exception {
    var a = Fixtures.ep("hosta", "za", A);
    var c = Fixtures.ep("hostc", "zc", C);
    var plan = new org.portolan.plan.FlowPlan("Kernel site, GRE", List.of(Fixtures.flow("gre", List.of(a), List.of(c), new org.portolan.model.Protocol.Ip(47),
        org.portolan.model.PortSet.EMPTY, Fixtures.trace("vpn", "gre", "GRE tunnel"))), List.of());
    Map<String, Boolean> others = new LinkedHashMap<>();
    others.put("tcp@" + C + "@80", false);
    others.put("udp@" + C + "@5353", false);
    others.put("icmp@" + C + "@8", false);
    for (Dialect dialect : List.<Dialect>of(new Iptables(), new Nftables())) {
      boolean nft = dialect.name().equals("nftables");
      Diagnostics d = new Diagnostics();
      var rendered = Compiler.render(plan, Optional.of(HOST), dialect, CompileOptions.defaults(), d);
      assertThat(d.all()).isEmpty();
      String file = rendered.values().iterator().next().stream().filter(o -> o.fileName().endsWith(nft ? ".nft" : ".iptables")).findFirst()
          .map(o -> new String(o.content(), StandardCharsets.UTF_8)).orElseThrow();
      try (Lab n = Lab.create()) {
        Site s = build(n);
        listen(s);
        String raw = resource("raw.py").toString();
        Lab.Proc recv = s.c().start(PYTHON, raw, "recv", "90", "50", "47").await("ready");
        // control: without rules every packet arrives
        s.a().run(PYTHON, raw, "send", C, "50", "47");
        recv.await("got 47 #1 from " + A).await("got 50 #1 from " + A);
        s.b().run(PYTHON, raw, "send", C, "47");
        recv.await("got 47 #2 from 198.18.2.2");
        assertThat(probe(s.a(), others)).as("control run from A, no rules").isEqualTo(all(true, others));
        s.c().exec(Lab.TIMEOUT, file, (nft ? List.of("nft", "-f", "-") : List.of("iptables-restore")).toArray(String[]::new)).ok();
        // ESP, then GRE from B, then GRE from A: the last is let through, and what was sent before it would have been read before it
        s.a().run(PYTHON, raw, "send", C, "50");
        s.b().run(PYTHON, raw, "send", C, "47");
        s.a().run(PYTHON, raw, "send", C, "47");
        recv.await("got 47 #3 from " + A);
        assertThat(recv.output()).as("%s rules:\n%s", dialect.name(), file).doesNotContain("got 50 #2").doesNotContain("got 47 #4");
        assertThat(probe(s.a(), others)).as("TCP, UDP and ICMP from A with %s rules:\n%s", dialect.name(), file).isEqualTo(others);
      }
    }
  }

  /** The judge can fail: a rule widened by hand (udp 5353 to 5353-6000) lets A reach udp/6000, and the test sees it. */
  @Test
  void aWidenedRuleIsCaught() {
    String rules = compileOne(new Iptables(), Optional.empty(), ".iptables");
    String widened = rules.replace("--dport 5353 ", "--dport 5353:6000 ");
    assertThat(widened).isNotEqualTo(rules);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> judge(widened, "iptables", false))
        .isInstanceOf(AssertionError.class).hasMessageContaining("udp@198.18.3.2@6000");
  }
}
