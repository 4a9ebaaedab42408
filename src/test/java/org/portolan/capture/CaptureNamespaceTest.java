package org.portolan.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.portolan.diag.Diagnostics;
import org.portolan.plan.FlowPlan;
import org.portolan.plan.FlowsCsv;
import org.portolan.testing.Lab;
import org.portolan.testing.NetworkTest;

/**
 * The real kernel as the judge: a client and a server namespace, nft rules in the server
 * namespace that drop, reset and reject with ICMP admin-prohibited, real TCP/UDP peers, and
 * captures taken at the same time by tcpdump (pcap, micro- and nanosecond), tshark (pcapng)
 * and tshark on "any" (pcapng, Linux cooked SLL2). Each capture must be classified the way
 * the kernel behaved. A second scenario runs Samba's endpoint mapper and a client that asks
 * it (ept_map) where LSA and SAMR listen, then connects there.
 *
 * <p>{@code -Dportolan.capture.refresh=true} copies the fresh captures over the committed
 * golden inputs under src/test/resources/capture/.
 */
@NetworkTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CaptureNamespaceTest {
  static final String RULES = """
      table inet pk {
        chain input {
          type filter hook input priority 0; policy accept;
          tcp dport 81 drop
          tcp dport 82 reject with tcp reset
          tcp dport 83 reject with icmpx type admin-prohibited
          udp dport 5302 drop
        }
      }
      """;

  static final String CLIENT4 = "198.18.6.1";
  static final String SERVER4 = "198.18.6.2";
  static final String CLIENT6 = "2001:db8:6::1";
  static final String SERVER6 = "2001:db8:6::2";
  static final String CLIENT_IF = "c0", SERVER_IF = "s0";

  Path dir;
  Lab lab;
  Lab.Host client, server;
  Path pcap, pcapNano, pcapng, sll2, epm, demo;

  @BeforeAll
  void capture() throws IOException {
    Lab.requireTools("tcpdump", "tshark", "nft", "python3", "ping");
    dir = Files.createTempDirectory("pk-capture");
    lab = Lab.create();
    client = lab.host("client");
    server = lab.host("server");
    lab.link(client, CLIENT_IF, CLIENT4 + "/24", server, SERVER_IF, SERVER4 + "/24");
    client.addr(CLIENT_IF, CLIENT6 + "/64");
    server.addr(SERVER_IF, SERVER6 + "/64");
    Path peer = resource("peer.py");
    pcap = dir.resolve("basic.pcap");
    pcapNano = dir.resolve("basic-nano.pcap");
    pcapng = dir.resolve("basic.pcapng");
    sll2 = dir.resolve("sll2.pcapng");
    server.nft(RULES);
    server.start("python3", peer.toString(), "serve", "80", "5301", SERVER4, SERVER6).await("ready");
    // Each capture is ready once it holds a marker ping to the server, and is stopped once it
    // holds a second one sent after the traffic (the analysis ignores echo requests).
    List<Lab.Capture> captures = List.of(
        client.tcpdump(pcap, SERVER4, "-i", CLIENT_IF),
        client.tcpdump(pcapNano, SERVER4, "-i", CLIENT_IF, "--time-stamp-precision=nano"),
        client.tshark(pcapng, SERVER4, "-i", CLIENT_IF, "-F", "pcapng"),
        client.tshark(sll2, SERVER4, "-i", "any", "-y", "LINUX_SLL2", "-F", "pcapng"));
    client.run("python3", peer.toString(), "client", SERVER4, "80,81,82,83", "5301,5302", "3.5");
    client.run("python3", peer.toString(), "client", SERVER6, "80,83", "5301", "2");
    Lab.Capture.stopAll(captures);
    samba(peer);
    refresh(pcap, "basic-pcap/input.pcap");
    refresh(pcapNano, "basic-nano/input.pcap");
    refresh(pcapng, "basic-pcapng/input.pcapng");
    refresh(sll2, "sll2/input.pcapng");
    if (epm != null) refresh(epm, "epm/input.pcapng");
    if (demo != null && Boolean.getBoolean("portolan.capture.refresh"))
      Files.copy(demo, Path.of("src/main/resources/demo/configmgr-trace.pcapng"), StandardCopyOption.REPLACE_EXISTING);
  }

  /**
   * Samba's endpoint mapper in the server namespace. Two captures while it runs: a client
   * asking it (ept_map) where LSA and SAMR listen, then connecting there; and the demo trace,
   * a primary site server talking to a domain controller as in the ConfigMgr seed document
   * (DNS and Kerberos answered, RPC via the mapper, LDAP reset, Global Catalog dropped, SMB
   * administratively prohibited).
   */
  private void samba(Path peer) throws IOException {
    String daemon = "/usr/libexec/samba/samba-dcerpcd";
    if (!Lab.installed(daemon)) return;
    Path smb = dir.resolve("smb");
    for (String d : List.of("private", "lock", "state", "cache", "pid", "log", "ncalrpc")) Files.createDirectories(smb.resolve(d));
    Files.writeString(smb.resolve("smb.conf"), """
        [global]
          server role = standalone server
          workgroup = PK
          netbios name = PKSRV
          private dir = %1$s/private
          lock directory = %1$s/lock
          state directory = %1$s/state
          cache directory = %1$s/cache
          pid directory = %1$s/pid
          log file = %1$s/log/%%m.log
          ncalrpc dir = %1$s/ncalrpc
          interfaces = %2$s %3$s
          bind interfaces only = yes
          rpc start on demand helpers = false
        """.formatted(smb, SERVER4, DEMO_DC));
    // The demo trace uses the example site's addresses (examples/site.yaml): cm-pss, the
    // ConfigMgr primary site server, and dc-root1, a root-domain DC — one /15 on the veth.
    client.addr(CLIENT_IF, DEMO_PSS + "/15");
    server.addr(SERVER_IF, DEMO_DC + "/15");
    Lab.Proc sambaProc = server.start(daemon, "--libexec-rpcds", "-F", "--debug-stdout", "-d", "0", "-s", smb.resolve("smb.conf").toString());
    try {
      Path epmClient = resource("epm_client.py");
      // Up when the mapper names a port for LSA and for SAMR (the rpcd workers register their
      // endpoints some time after samba-dcerpcd binds 135) and that port accepts: asked before
      // the captures start, so the captures hold only the asked questions.
      try {
        Lab.await("Samba's mapper naming LSA and SAMR", Lab.TIMEOUT, () -> !sambaProc.alive()
            || client.exec("python3", epmClient.toString(), SERVER4).exit() == 0
            && client.exec("python3", epmClient.toString(), SERVER4, "12345778-1234-abcd-ef00-0123456789ac", "1").exit() == 0);
      } catch (IllegalStateException notUp) {
        return;
      }
      if (!sambaProc.alive()) return;
      Path out = dir.resolve("epm.pcapng");
      Lab.Capture cap = client.tshark(out, SERVER4, "-i", CLIENT_IF, "-F", "pcapng");
      client.run("python3", epmClient.toString(), SERVER4);
      client.run("python3", epmClient.toString(), SERVER4, "12345778-1234-abcd-ef00-0123456789ac", "1");
      cap.stop();
      epm = out;

      server.nft(DEMO_RULES);
      server.start("python3", peer.toString(), "serve", "88", "53", DEMO_DC).await("ready");
      Path demoOut = dir.resolve("demo.pcapng");
      cap = client.tshark(demoOut, SERVER4, "-i", CLIENT_IF, "-F", "pcapng");
      client.run("python3", peer.toString(), "client", DEMO_DC, "", "53", "1");
      client.run("python3", peer.toString(), "client", DEMO_DC, "88", "", "1");
      client.run("python3", epmClient.toString(), DEMO_DC);
      client.run("python3", peer.toString(), "client", DEMO_DC, "389,3268,445", "", "3.5");
      cap.stop();
      demo = demoOut;
    } finally {
      sambaProc.stop();
    }
  }

  static final String DEMO_PSS = "198.18.40.20";
  static final String DEMO_DC = "198.18.1.11";

  static final String DEMO_RULES = """
      table inet pkdemo {
        chain input {
          type filter hook input priority 0; policy accept;
          tcp dport 389 reject with tcp reset
          tcp dport 3268 drop
          tcp dport 445 reject with icmpx type admin-prohibited
        }
      }
      """;

  @AfterAll
  void cleanUp() {
    if (lab != null) lab.close();
    if (dir != null) {
      try (var files = Files.walk(dir)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
      } catch (IOException ignored) {
        // temp files only
      }
    }
  }

  static Path resource(String name) {
    return Path.of("src/test/resources/capture").resolve(name).toAbsolutePath();
  }

  private static void refresh(Path fresh, String golden) throws IOException {
    if (!Boolean.getBoolean("portolan.capture.refresh")) return;
    Path to = resource(golden);
    Files.createDirectories(to.getParent());
    Files.copy(fresh, to, StandardCopyOption.REPLACE_EXISTING);
  }

  static FlowPlan basicFlows() {
    Diagnostics d = new Diagnostics();
    FlowPlan plan = FlowsCsv.read(resource("basic-pcap/flows.csv"), d);
    assertThat(d.errors()).isEmpty();
    return plan;
  }

  /** What the kernel did, as every capture of the basic scenario must show it. */
  static void assertBasicScenario(CaptureResult r) {
    assertThat(one(r, a -> a.dst().equals(SERVER4) && a.port() == 80).outcome()).isEqualTo(AttemptOutcome.ESTABLISHED);
    assertThat(one(r, a -> a.dst().equals(SERVER6) && a.port() == 80).outcome()).isEqualTo(AttemptOutcome.ESTABLISHED);
    Attempt dropped = one(r, a -> a.port() == 81);
    assertThat(dropped.outcome()).isEqualTo(AttemptOutcome.DROPPED);
    assertThat(dropped.retransmits()).isGreaterThanOrEqualTo(2);
    assertThat(dropped.packets()).hasSize(dropped.retransmits() + 1);
    assertThat(one(r, a -> a.port() == 82).outcome()).isEqualTo(AttemptOutcome.REJECTED);
    Attempt prohibited4 = one(r, a -> a.dst().equals(SERVER4) && a.port() == 83);
    assertThat(prohibited4.outcome()).isEqualTo(AttemptOutcome.UNREACHABLE);
    assertThat(prohibited4.detail()).contains("administratively prohibited (3/13)");
    Attempt prohibited6 = one(r, a -> a.dst().equals(SERVER6) && a.port() == 83);
    assertThat(prohibited6.outcome()).isEqualTo(AttemptOutcome.UNREACHABLE);
    assertThat(prohibited6.detail()).contains("ICMPv6").contains("(1/1)");
    assertThat(one(r, a -> a.dst().equals(SERVER4) && a.port() == 5301).outcome()).isEqualTo(AttemptOutcome.ANSWERED);
    assertThat(one(r, a -> a.dst().equals(SERVER6) && a.port() == 5301).outcome()).isEqualTo(AttemptOutcome.ANSWERED);
    assertThat(one(r, a -> a.port() == 5302).outcome()).isEqualTo(AttemptOutcome.UNANSWERED);
    assertThat(r.attempts()).hasSize(9);
  }

  /** With the flows file: which flows work, which fail and why, what nothing explains. */
  static void assertBasicAttribution(CaptureResult r) {
    assertThat(status(r, "web")).isInstanceOf(FlowReport.Status.Working.class);
    assertThat(status(r, "echo")).isInstanceOf(FlowReport.Status.Working.class);
    FlowReport.Status.Failing dropped = (FlowReport.Status.Failing) status(r, "app-dropped");
    assertThat(dropped.outcome()).isEqualTo(AttemptOutcome.DROPPED);
    assertThat(dropped.evidence().getFirst().retransmits()).isGreaterThanOrEqualTo(2);
    assertThat(((FlowReport.Status.Failing) status(r, "app-reset")).outcome()).isEqualTo(AttemptOutcome.REJECTED);
    FlowReport.Status.Failing prohibited = (FlowReport.Status.Failing) status(r, "app-prohibited");
    assertThat(prohibited.outcome()).isEqualTo(AttemptOutcome.UNREACHABLE);
    assertThat(prohibited.evidence()).hasSize(2);
    assertThat(status(r, "ldap")).isInstanceOf(FlowReport.Status.NotSeen.class);
    assertThat(r.unexplained()).singleElement().satisfies(u -> {
      assertThat(u.port()).isEqualTo(5302);
      assertThat(u.outcomes()).containsEntry(AttemptOutcome.UNANSWERED, 1);
    });
    assertThat(one(r, a -> a.port() == 82).flow()).contains("app-reset");
    assertThat(r.hasFindings()).isTrue();
  }

  static void assertEpmScenario(CaptureResult r) {
    List<Attempt> mapper = r.attempts().stream().filter(a -> a.port() == 135).toList();
    List<Attempt> dynamic = r.attempts().stream().filter(a -> a.port() >= 1024).toList();
    assertThat(mapper).hasSize(2).allSatisfy(a -> assertThat(a.outcome()).isEqualTo(AttemptOutcome.ESTABLISHED));
    assertThat(dynamic).hasSize(2).allSatisfy(a -> {
      assertThat(a.outcome()).isEqualTo(AttemptOutcome.ESTABLISHED);
      assertThat(a.flow()).contains("rpc-epm");
      assertThat(a.viaEpm()).isPositive().isLessThan(a.firstPacket());
    });
    assertThat(r.stats().epmEndpoints()).isGreaterThanOrEqualTo(2);
    assertThat(r.unexplained()).isEmpty();
  }

  static Attempt one(CaptureResult r, Predicate<Attempt> which) {
    List<Attempt> found = r.attempts().stream().filter(which).toList();
    assertThat(found).as("attempts matching in %s", r.attempts()).hasSize(1);
    return found.getFirst();
  }

  static FlowReport.Status status(CaptureResult r, String flow) {
    return r.flows().stream().filter(f -> f.flow().equals(flow)).findFirst().orElseThrow().status();
  }

  @Test
  void tcpdumpPcapIsClassifiedAsTheKernelBehaved() {
    CaptureResult r = CaptureAnalysis.analyze(pcap, basicFlows());
    assertThat(r.stats().format()).isEqualTo("pcap");
    assertBasicScenario(r);
    assertBasicAttribution(r);
  }

  @Test
  void nanosecondPcapIsClassifiedTheSame() {
    assertBasicScenario(CaptureAnalysis.analyze(pcapNano, null));
  }

  @Test
  void tsharkPcapngIsClassifiedAsTheKernelBehaved() {
    CaptureResult r = CaptureAnalysis.analyze(pcapng, basicFlows());
    assertThat(r.stats().format()).isEqualTo("pcapng");
    assertBasicScenario(r);
    assertBasicAttribution(r);
  }

  @Test
  void linuxCookedSll2CaptureIsClassifiedTheSame() {
    assertBasicScenario(CaptureAnalysis.analyze(sll2, null));
  }

  static final Path DEMO_FLOWS = Path.of("src/main/resources/demo/configmgr-flows.csv");

  /** The bundled demo trace: each ConfigMgr flow to the domain controller as the nft rules decide. */
  static void assertDemoScenario(CaptureResult r) {
    assertThat(status(r, "primary-to-dc/dns")).isInstanceOf(FlowReport.Status.Working.class);
    assertThat(status(r, "primary-to-dc/kerberos")).isInstanceOf(FlowReport.Status.Working.class);
    assertThat(status(r, "primary-to-dc/rpc-epm")).isInstanceOf(FlowReport.Status.Working.class);
    assertThat(status(r, "primary-to-dc/rpc-dynamic")).isInstanceOf(FlowReport.Status.Working.class);
    assertThat(((FlowReport.Status.Failing) status(r, "primary-to-dc/ldap")).outcome()).isEqualTo(AttemptOutcome.REJECTED);
    FlowReport.Status.Failing gc = (FlowReport.Status.Failing) status(r, "primary-to-dc/global-catalog");
    assertThat(gc.outcome()).isEqualTo(AttemptOutcome.DROPPED);
    assertThat(gc.evidence().getFirst().retransmits()).isGreaterThanOrEqualTo(2);
    assertThat(((FlowReport.Status.Failing) status(r, "primary-to-dc/smb")).outcome()).isEqualTo(AttemptOutcome.UNREACHABLE);
    assertThat(status(r, "primary-to-dc/kerberos-udp")).isInstanceOf(FlowReport.Status.NotSeen.class);
    assertThat(one(r, a -> a.port() > 49151).viaEpm()).isPositive();
    assertThat(r.unexplained()).isEmpty();
  }

  /** The demo trace against the example site's own plan: attributed to ConfigMgr's requirements. */
  static void assertDemoAgainstExampleSite(CaptureResult r) {
    assertThat(one(r, a -> a.port() == 3268).flow()).hasValueSatisfying(f -> assertThat(f).contains("pss-root-dc-gc"));
    FlowReport gc = r.flows().stream().filter(f -> f.requirements().contains("configmgr/pss-root-dc-gc")).findFirst().orElseThrow();
    assertThat(gc.status()).isInstanceOfSatisfying(FlowReport.Status.Failing.class, x -> assertThat(x.outcome()).isEqualTo(AttemptOutcome.DROPPED));
    Attempt dynamic = one(r, a -> a.port() > 49151);
    assertThat(dynamic.viaEpm()).isPositive();
    assertThat(dynamic.flow().orElseThrow() + dynamic.alsoFlows()).contains("rpc-dynamic");
    assertThat(r.unexplained()).isEmpty();
  }

  static FlowPlan exampleSitePlan() {
    Diagnostics d = new Diagnostics();
    var catalog = org.portolan.catalog.CatalogLoader.load(List.of(), d);
    var site = org.portolan.deployment.DeploymentLoader.load(Path.of("examples/site.yaml"), catalog, d);
    FlowPlan plan = org.portolan.plan.Planner.plan(catalog, site, d);
    assertThat(d.errors()).isEmpty();
    return plan;
  }

  @Test
  void demoTraceShowsTheSeedDocumentsFailures() {
    assumeTrue(demo != null, "samba-dcerpcd is not installed or did not start");
    Diagnostics d = new Diagnostics();
    assertDemoScenario(CaptureAnalysis.analyze(demo, FlowsCsv.read(DEMO_FLOWS, d)));
    assertDemoAgainstExampleSite(CaptureAnalysis.analyze(demo, exampleSitePlan()));
  }

  @Test
  void endpointMapperAnswersAttributeTheDynamicPorts() {
    assumeTrue(epm != null, "samba-dcerpcd is not installed or did not start");
    Diagnostics d = new Diagnostics();
    FlowPlan plan = FlowsCsv.read(resource("epm/flows.csv"), d);
    assertEpmScenario(CaptureAnalysis.analyze(epm, plan));
  }
}
