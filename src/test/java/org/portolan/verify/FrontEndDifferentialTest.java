package org.portolan.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.portolan.diag.Diagnostics;
import org.portolan.ingest.RulesetImporter;
import org.portolan.ingest.acl.Acl;
import org.portolan.plan.Flow;
import org.portolan.plan.FlowPlan;
import org.portolan.testing.Cli;
import org.portolan.testing.Lab;
import org.portolan.testing.NetworkTest;
import org.portolan.testing.frontends.Frontends;

/**
 * Rulesets as real front-ends write them, judged by the kernel. Each front-end runs only
 * inside the lab's server namespace (ufw with a private copy of its configuration bind-mounted
 * over /etc/ufw in a private mount namespace; ferm on a configuration in the test
 * resources; nft on nftables' shipped example and a hand-typed ruleset with the constructs
 * real rulesets use). Each ruleset is dumped three ways (iptables-save, nft list ruleset,
 * nft -j list ruleset) and every dump is verified for the same 104 flows that the client then
 * tries for real. A verdict is wrong when it is allowed or blocked and the kernel disagrees;
 * undetermined is an abstention, allowed only where the dump lacks the information.
 */
@NetworkTest
class FrontEndDifferentialTest {
  static final List<String> CLIENTS = KernelDifferentialTest.CLIENTS, SERVERS = KernelDifferentialTest.SERVERS;
  static Lab lab;
  static Lab.Host client, router, server;
  @TempDir static Path tmp;

  @BeforeAll
  static void setUp() throws Exception {
    Lab.requireTools("iptables-restore", "iptables-save", "nft", "python3");
    lab = Lab.create();
    Lab.Host[] h = KernelDifferentialTest.clientRouterServer(lab, kernelScript("listener.py"));
    client = h[0];
    router = h[1];
    server = h[2];
  }

  /** Runs a command in the server namespace with {@code stdin} (none when null); its output; fails unless it exits 0. */
  static String inServer(String stdin, String... cmd) {
    return server.exec(Lab.TIMEOUT, stdin, cmd).ok();
  }

  @AfterAll
  static void tearDown() {
    if (lab != null) lab.close();
  }

  /** One tally per front-end and dump. */
  record Tally(String label, int flows, int agree, int abstain, List<String> wrong) {
    @Override
    public String toString() {
      return String.format("%-28s flows %3d  agreements %3d  abstentions %3d  wrong %d", label, flows, agree, abstain, wrong.size());
    }
  }

  @Test
  void ufw() throws Exception {
    assumeTrue(Lab.installed("ufw"), "ufw not installed");
    Path cfg = tmp.resolve("ufw");
    Files.createDirectories(cfg);
    inServer(null, "cp", "-a", "/etc/ufw", cfg.resolve("etc-ufw").toString());
    inServer(null, "cp", "/etc/default/ufw", cfg.resolve("default-ufw").toString());
    reset();
    // never on the host: the bind mounts live in a private mount namespace inside the server's network namespace
    inServer(null, "unshare", "-m", "sh", "-ec", "mount --bind " + cfg.resolve("etc-ufw") + " /etc/ufw; mount --bind " + cfg.resolve("default-ufw") + " /etc/default/ufw; "
        + "ufw --force enable; ufw allow 1001/tcp; ufw limit 2000/tcp; ufw deny 3000; ufw allow from 198.18.1.10 to any port 5000 proto udp; "
        + "ufw reject 6000/tcp; ufw allow 4444; ufw allow 7777/udp");
    judge("ufw", true);
  }

  @Test
  void ferm() throws Exception {
    assumeTrue(Lab.installed("ferm"), "ferm not installed");
    reset();
    Path conf = copy("server.ferm");
    // --remote: ferm writes the iptables-restore script instead of loading it; it is loaded here, in the namespace
    String script = inServer(null, "ferm", "--remote", "--noflush", conf.toString());
    inServer(script, "iptables-restore");
    judge("ferm", true);
  }

  /**
   * shorewall: its shipped one-interface example (net zone on s0) with the rules of
   * shorewall.rules appended, compiled inside the server namespace (capability detection runs
   * against that kernel) and the compiled script started there, its state and start-up log in
   * the temporary folder.
   */
  @Test
  void shorewall() throws Exception {
    assumeTrue(Lab.installed("shorewall"), "shorewall not installed");
    reset();
    Path example = Path.of("/usr/share/doc/shorewall/examples/one-interface");
    assumeTrue(Files.isDirectory(example), "shorewall's one-interface example is not installed");
    Frontends.shorewall(server, tmp.resolve("shorewall"), Map.of(
        "zones", Files.readString(example.resolve("zones")),
        "policy", Files.readString(example.resolve("policy")),
        "params", Files.readString(example.resolve("params")),
        "interfaces", Files.readString(example.resolve("interfaces")).replace("physical=eth0", "physical=s0").replace("dhcp,", ""),
        "rules", Files.readString(example.resolve("rules")) + Files.readString(copy("shorewall.rules"))));
    judge("shorewall", true);
  }

  /**
   * firewalld with either backend, inside the server namespace on a private system bus (a
   * dbus-daemon of its own, its socket under the temporary folder, DBUS_SYSTEM_BUS_ADDRESS
   * pointing at it) and a private copy of /etc/firewalld (--system-config): the default zone
   * with ports, a service defined here, a trusted zone by source, rich rules with priority,
   * reject and limit; set by firewall-cmd at run time.
   */
  @ParameterizedTest(name = "firewalld {0} backend")
  @ValueSource(strings = {"nftables", "iptables"})
  void firewalld(String backend) throws Exception {
    assumeTrue(Lab.installed("firewalld") && Lab.installed("firewall-cmd") && Lab.installed("dbus-daemon"), "firewalld or dbus-daemon not installed");
    reset();
    try (Frontends.Firewalld fw = Frontends.firewalld(server, tmp.resolve("firewalld-" + backend), backend, Map.of("services/lab.xml",
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<service><short>lab</short><port protocol=\"tcp\" port=\"4444\"/><port protocol=\"udp\" port=\"7777\"/></service>\n"))) {
      for (String c : List.of("--add-port=1001/tcp", "--add-port=2000-2500/udp", "--add-service=lab", "--zone=trusted --add-source=198.18.1.13",
          "--add-rich-rule=rule family=\"ipv4\" source address=\"198.18.1.12\" port port=\"1002\" protocol=\"tcp\" reject",
          "--add-rich-rule=rule family=\"ipv4\" source address=\"198.18.1.11\" port port=\"3000\" protocol=\"tcp\" accept limit value=\"5/m\"",
          "--add-rich-rule=rule priority=\"-10\" family=\"ipv4\" source address=\"198.18.1.10\" port port=\"2001\" protocol=\"udp\" drop",
          "--add-rich-rule=rule family=\"ipv4\" source address=\"198.18.1.8/30\" port port=\"5000-5001\" protocol=\"udp\" accept",
          "--add-rich-rule=rule family=\"ipv4\" destination address=\"198.19.2.11\" port port=\"6000\" protocol=\"tcp\" accept"))
        fw.cmd(c.startsWith("--add-rich-rule") ? new String[] {c} : c.split(" "));
      judge("firewalld (" + backend + ")", backend.equals("iptables"));
    }
  }

  /**
   * fail2ban with each banaction: fail2ban-server in the server namespace with a private copy
   * of /etc/fail2ban (its socket, pid file and database under the temporary folder, Debian's
   * jail.d left out), one jail guarding tcp 1001, 1002 and 3000 behind a host firewall that
   * accepts the rest; two clients banned with {@code banip}, so the ban rules land in the
   * kernel as the banaction writes them.
   */
  @ParameterizedTest(name = "fail2ban banaction {0}")
  @ValueSource(strings = {"iptables-multiport", "iptables-ipset[type=multiport]", "nftables"})
  void fail2ban(String banaction) throws Exception {
    assumeTrue(Lab.installed("fail2ban-server") && Lab.installed("fail2ban-client"), "fail2ban not installed");
    reset();
    inServer(null, "sh", "-ec", "ipset destroy 2>/dev/null || true");
    inServer("*filter\n:INPUT DROP [0:0]\n:FORWARD DROP [0:0]\n:OUTPUT ACCEPT [0:0]\n-A INPUT -m conntrack --ctstate ESTABLISHED,RELATED -j ACCEPT\n"
        + "-A INPUT -p tcp -m multiport --dports 1001,1002,3000,4444 -j ACCEPT\n-A INPUT -p udp -j ACCEPT\nCOMMIT\n", "iptables-restore");
    Path dir = tmp.resolve("fail2ban-" + banaction.replaceAll("\\W", "_"));
    Path conf = dir.resolve("conf");
    Files.createDirectories(dir);
    inServer(null, "cp", "-a", "/etc/fail2ban", conf.toString());
    inServer(null, "sh", "-ec", "rm -f " + conf.resolve("jail.d") + "/*");
    Path socket = dir.resolve("fail2ban.sock"), log = dir.resolve("auth.log");
    Files.writeString(log, "");
    Files.writeString(conf.resolve("fail2ban.local"), "[Definition]\nloglevel = INFO\nlogtarget = STDOUT\nsocket = %s\npidfile = %s\ndbfile = %s\n"
        .formatted(socket, dir.resolve("fail2ban.pid"), dir.resolve("fail2ban.sqlite3")));
    Files.writeString(conf.resolve("jail.local"), "[DEFAULT]\nbackend = polling\nbantime = 1h\n\n[lab]\nenabled = true\nfilter = sshd\nlogpath = %s\nbanaction = %s\nport = 1001,1002,3000\nprotocol = tcp\n"
        .formatted(log, banaction));
    List<String> client = List.of("fail2ban-client", "-c", conf.toString(), "-s", socket.toString());
    Lab.Proc f2b = null;
    try {
      f2b = server.start("fail2ban-server", "-f", "-x", "-c", conf.toString(), "-s", socket.toString(), "-p", dir.resolve("fail2ban.pid").toString());
      Lab.Proc daemon = f2b;
      Lab.await("fail2ban-server answering on its socket", Lab.TIMEOUT, () -> {
        if (!daemon.alive()) throw new IllegalStateException("fail2ban-server ended:\n" + daemon.output());
        Lab.Result r = server.exec(Lab.TIMEOUT, null, concat(client, "ping"));
        return r.exit() == 0 && r.out().contains("pong");
      });
      inServer(null, concat(client, "set", "lab", "banip", "198.18.1.10", "198.18.1.12"));
      // the actions run in the server's own thread: wait until both bans are in the kernel
      try {
        Lab.await("both bans in the kernel", Lab.TIMEOUT, () -> {
          String k = inServer(null, "nft", "list", "ruleset") + (Lab.installed("ipset") ? server.exec(Lab.TIMEOUT, null, "ipset", "save").out() : "");
          return k.contains("198.18.1.10") && k.contains("198.18.1.12");
        });
      } catch (IllegalStateException e) {
        throw new IllegalStateException(e.getMessage() + "; fail2ban-server printed:\n" + daemon.output(), e);
      }
      if (banaction.contains("ipset")) ipsetSave = inServer(null, "ipset", "save");
      // iptables-save cannot hold the nftables banaction's own table: that one is dumped by nft only
      judge("fail2ban " + banaction, !banaction.equals("nftables"));
    } finally {
      if (f2b != null) {
        server.exec(Lab.TIMEOUT, null, concat(client, "stop"));
        f2b.stop();
      }
      server.exec(Lab.TIMEOUT, null, "sh", "-c", "iptables -F; iptables -X; nft flush ruleset; ipset destroy");
    }
  }

  private static String[] concat(List<String> head, String... tail) {
    List<String> all = new ArrayList<>(head);
    all.addAll(List.of(tail));
    return all.toArray(String[]::new);
  }

  /**
   * Marks set earlier on the path (mangle MARK in PREROUTING, nft meta mark set at priority
   * mangle) and matched in the filter: exact where the path set the mark, undetermined where
   * nothing did (the mark a packet arrives with is not known here).
   */
  @Test
  void marksSetOnThePath() throws Exception {
    reset();
    inServer("*mangle\n:PREROUTING ACCEPT [0:0]\n:INPUT ACCEPT [0:0]\n:FORWARD ACCEPT [0:0]\n:OUTPUT ACCEPT [0:0]\n:POSTROUTING ACCEPT [0:0]\n"
        // .10 and .11 get a known mark; .12 and .13 only bits of an unknown one (undetermined), unless tcp 1001 sets it whole
        + "-A PREROUTING -s 198.18.1.10/31 -j MARK --set-mark 0x0\n-A PREROUTING -s 198.18.1.12/31 -j MARK --set-xmark 0x2/0xff\n"
        + "-A PREROUTING -p tcp -m tcp --dport 1001 -j MARK --set-mark 0x1\n-A PREROUTING -s 198.18.1.11 -p tcp -m tcp --dport 2000:3000 -j MARK --set-mark 0x2\n"
        + "-A PREROUTING -p udp -m udp --dport 5000:6000 -j MARK --or-mark 0x10\nCOMMIT\n"
        + "*filter\n:INPUT DROP [0:0]\n:FORWARD DROP [0:0]\n:OUTPUT ACCEPT [0:0]\n-A INPUT -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT\n"
        + "-A INPUT -m mark --mark 0x1 -j ACCEPT\n-A INPUT -p tcp -m mark --mark 0x2/0x2 -j ACCEPT\n-A INPUT -m mark ! --mark 0x0/0x10 -j ACCEPT\n"
        + "-A INPUT -p tcp -m tcp --dport 4444 -j ACCEPT\nCOMMIT\n", "iptables-restore");
    Tally ipt = judge("marks (iptables)", true);
    assertThat(ipt.agree()).as("flows whose mark the path set are decided").isGreaterThan(50);
    reset();
    inServer("""
        table inet m {
          chain pre {
            type filter hook prerouting priority mangle; policy accept;
            ip saddr 198.18.1.10/31 meta mark set 0x0
            ip saddr 198.18.1.12/31 meta mark set meta mark or 0x2
            tcp dport 1001 meta mark set 0x1
            ip saddr 198.18.1.11 tcp dport 2000-3000 meta mark set 0x2
            ip saddr 198.18.1.10 udp dport 5000-6000 meta mark set 0x15
          }
          chain in {
            type filter hook input priority 0; policy drop;
            ct state established,related accept
            meta mark 0x1 accept
            meta mark { 0x2, 0x3 } tcp dport != 3000 accept
            meta mark & 0xfffffff0 == 0x10 udp dport != 5500 accept
            meta mark and 0xffff0000 != 0x0 accept
            tcp dport 4444 accept
          }
        }
        """, "nft", "-f", "-");
    Tally nft = judge("marks (nft)", false);
    assertThat(nft.agree()).as("flows whose mark the path set are decided").isGreaterThan(50);
  }

  @Test
  void nftablesShippedExampleAndHandTyped() throws Exception {
    reset();
    inServer(null, "nft", "-f", "/usr/share/doc/nftables/examples/workstation.nft");
    Tally w = judge("nftables workstation.nft", false);
    assertThat(w.agree()).isGreaterThan(0);
    reset();
    inServer(null, "nft", "-f", copy("hand.nft").toString());
    judge("hand-typed nft", false);
  }

  /** The listener and prober of {@link KernelDifferentialTest}. */
  static Path kernelScript(String name) {
    return Cli.resource("verify/kernel/" + name);
  }

  /** The server namespace's 'ipset save' at the time of the dumps (empty when it has none). */
  static String ipsetSave = "";

  static org.portolan.ingest.iptables.IpsetSave.Sets ipsets() {
    Diagnostics d = new Diagnostics();
    var sets = org.portolan.ingest.iptables.IpsetSave.read(ipsetSave, "ipset.save", d);
    assertThat(d.errors()).as("ipset save").isEmpty();
    return sets;
  }

  private static void reset() {
    inServer(null, "nft", "flush", "ruleset");
    inServer(null, "conntrack", "-F"); // no connection an earlier case allowed is still established
    ipsetSave = "";
  }

  @Test
  void iptablesWithIpsets() throws Exception {
    assumeTrue(Lab.installed("ipset"), "ipset not installed");
    reset();
    inServer(null, "sh", "-ec", "ipset destroy 2>/dev/null || true; ipset create banned hash:ip; ipset add banned 198.18.1.12; ipset add banned 203.0.113.9 timeout 0 2>/dev/null || true; "
        + "ipset create nets hash:net; ipset add nets 198.18.1.8/30; ipset create svc hash:ip,port; ipset add svc 198.19.2.10,tcp:1002; "
        // sets of tuples: each field is the packet's source or destination as the rule's flags say
        + "ipset create np hash:net,port; ipset add np 198.18.1.10/31,udp:3000; ipset add np 198.18.1.13,tcp:2000; "
        + "ipset create ipi hash:ip,port,ip; ipset add ipi 198.19.2.11,tcp:4444,198.18.1.13; ipset add ipi 198.19.2.13,tcp:4444,198.18.1.13; "
        + "ipset create ipn hash:ip,port,net; ipset add ipn 198.19.2.12,udp:6000,198.18.1.8/30; ipset add ipn 198.19.2.10,udp:6000,198.18.1.10; "
        + "ipset create ni hash:net,iface; ipset add ni 198.18.1.0/24,s0");
    inServer("*filter\n:INPUT DROP [0:0]\n:FORWARD DROP [0:0]\n:OUTPUT ACCEPT [0:0]\n-A INPUT -m conntrack --ctstate ESTABLISHED,RELATED -j ACCEPT\n"
        + "-A INPUT -m set --match-set banned src -j DROP\n"
        // fewer flags than the set has fields: the kernel matches nothing
        + "-A INPUT -m set --match-set ipn dst,dst -j DROP\n-A INPUT -m set --match-set np src,dst -j ACCEPT\n-A INPUT -m set --match-set ipi dst,dst,src -j ACCEPT\n"
        + "-A INPUT -p udp -m udp --dport 6000 -m set ! --match-set ipn dst,dst,src -j DROP\n"
        // an interface field is not modelled: udp 7777 abstains
        + "-A INPUT -p udp -m udp --dport 7777 -m set --match-set ni src,src -j DROP\n"
        + "-A INPUT -p tcp -m set --match-set nets src -m tcp --dport 1001 -j ACCEPT\n"
        + "-A INPUT -p udp -m set ! --match-set nets src -j DROP\n-A INPUT -p tcp -m set --match-set svc dst,dst -j ACCEPT\n-A INPUT -p udp -j ACCEPT\nCOMMIT\n", "iptables-restore");
    ipsetSave = inServer(null, "ipset", "save");
    judge("ipset", true);
    inServer(null, "sh", "-ec", "iptables -F; ipset destroy");
  }

  private static Path copy(String name) throws IOException {
    Path p = tmp.resolve(name);
    try (InputStream in = FrontEndDifferentialTest.class.getResourceAsStream("/verify/frontends/" + name)) {
      Files.copy(in, p, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
    return p;
  }

  /** 4 clients × tcp/udp × 12 ports (each once: rate conditions judge first connections) and 8 more to other servers. */
  static List<Flow> flows() {
    Random rnd = new Random(4711);
    List<Flow> out = new ArrayList<>();
    for (String src : CLIENTS)
      for (String proto : List.of("tcp", "udp"))
        for (int port : RandomRuleset.PORTS)
          out.add(KernelDifferentialTest.flow("f" + out.size(), src, SERVERS.get(rnd.nextInt(SERVERS.size())), proto, port));
    for (int i = 0; i < 8; i++)
      out.add(KernelDifferentialTest.flow("f" + out.size(), CLIENTS.get(i % 4), SERVERS.get(3 - i % 4), i < 4 ? "tcp" : "udp", i % 2 == 0 ? 1001 : 5001));
    return out;
  }

  /** Dumps three ways, probes for real, verifies each dump; fails on any wrong verdict. Returns the tally of the first dump. */
  private static Tally judge(String frontEnd, boolean iptablesMade) throws Exception {
    List<Flow> flows = flows();
    StringBuilder probes = new StringBuilder();
    for (Flow f : flows) {
      String src = f.sources().getFirst().csvNotation(), dst = f.destinations().getFirst().csvNotation();
      probes.append(f.name()).append(' ').append(src).append(' ').append(dst).append(' ').append(f.protocol().keyword()).append(' ').append(f.ports().notation()).append('\n');
    }
    Path probeFile = tmp.resolve("probes-" + frontEnd.replaceAll("\\W", "_") + ".txt");
    Files.writeString(probeFile, probes);
    Map<String, String> dumps = new java.util.LinkedHashMap<>();
    if (iptablesMade) dumps.put("iptables-save", inServer(null, "iptables-save"));
    dumps.put("nft list ruleset", inServer(null, "nft", "list", "ruleset"));
    dumps.put("nft -j list ruleset", inServer(null, "nft", "-j", "list", "ruleset"));
    Map<String, String> kernel = new HashMap<>();
    String probed = client.exec(java.time.Duration.ofSeconds(150), null, "timeout", "120", "python3", kernelScript("prober.py").toString(), probeFile.toString(), "1.0").ok();
    for (String line : probed.lines().toList()) {
      String[] p = line.split(" ", 2);
      kernel.put(p[0], p[1]);
    }
    FlowPlan plan = new FlowPlan(frontEnd, flows, List.of());
    VerifyOptions opt = VerifyOptions.DEFAULT.withPath("input").withInterfaces(Optional.of("s0"), Optional.empty()).withoutRuleAnalysis();
    List<Tally> tallies = new ArrayList<>();
    for (var dump : dumps.entrySet()) {
      String label = frontEnd + " (" + dump.getKey() + ")";
      Diagnostics d = new Diagnostics();
      RulesetImporter.Format format = dump.getKey().equals("iptables-save") ? RulesetImporter.Format.IPTABLES
          : dump.getKey().contains("-j") ? RulesetImporter.Format.NFT_JSON : RulesetImporter.Format.NFT;
      // the server's own addresses as 'ip addr' shows them: with their /24, so its subnet's broadcast address is known
      List<inet.ipaddr.IPAddress> own = SERVERS.stream().map(a -> new inet.ipaddr.IPAddressString(a + "/24").getAddress()).toList();
      Acl acl = RulesetImporter.read(dump.getValue(), label, Optional.of(format), org.portolan.ingest.acl.HostFacts.of(own, ipsets().single(), ipsets().tuples()), d).orElseThrow(() -> new AssertionError(label + ": " + d.all()));
      VerifyResult r = Verifier.verify(acl, plan, opt, List.of());
      int agree = 0, abstain = 0;
      List<String> wrong = new ArrayList<>();
      Map<String, Integer> why = new java.util.TreeMap<>();
      for (FlowResult f : r.flows()) {
        String k = kernel.get(f.name());
        assertThat(k).as(label + " " + f.name() + " kernel result").isNotNull();
        boolean kernelAllows = k.equals("ok");
        switch (f.verdict()) {
          case Verdict.Undetermined u -> {
            abstain++;
            why.merge("line " + u.doubt().line().line() + " `" + u.doubt().line().text() + "`: " + u.doubt().construct(), 1, Integer::sum);
          }
          case Verdict.Allowed a -> { if (kernelAllows) agree++; else wrong.add(describe(f, k)); }
          case Verdict.Blocked b -> { if (!kernelAllows) agree++; else wrong.add(describe(f, k)); }
          case Verdict.Partial p -> wrong.add(describe(f, k));
          case Verdict.NotVerified n -> wrong.add(describe(f, k));
        }
      }
      Tally t = new Tally(label, flows.size(), agree, abstain, wrong);
      System.out.println("front-end differential: " + t);
      // every abstention names its line: printed so a reader can judge whether the dump lacked the information
      why.forEach((line, n) -> System.out.println("  abstained " + n + "× on " + line));
      tallies.add(t);
    }
    for (Tally t : tallies) assertThat(t.wrong()).as(t.label() + " wrong verdicts").isEmpty();
    for (Tally t : tallies) assertThat(t.flows()).isGreaterThanOrEqualTo(100);
    return tallies.getFirst();
  }

  private static String describe(FlowResult f, String kernel) {
    return f.name() + " " + f.proto() + " " + f.src() + " -> " + f.dst() + ":" + f.ports() + ": kernel " + kernel + ", verify " + f.verdict().keyword()
        + " by line " + f.verdict().rule().line() + " " + f.verdict().rule().text();
  }
}
