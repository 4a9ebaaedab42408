package org.portolan.probe;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.portolan.diag.Diagnostics;
import org.portolan.plan.FlowPlan;
import org.portolan.plan.FlowsCsv;
import org.portolan.rpc.EndpointMapper;
import org.portolan.rpc.EpmEndpoint;
import org.portolan.testing.Lab;
import org.portolan.testing.NetworkTest;

/**
 * Probes against real servers from Debian, each in the test's namespace: Samba's endpoint
 * mapper (samba-dcerpcd with every rpcd from libexec, which registers real interfaces on
 * dynamic TCP ports), dnsmasq as DNS and TFTP server, and chrony as NTP server.
 */
@NetworkTest
class RealPeersNetTest {
  static Lab lab;
  static Lab.Host host;
  static Lab.Uplink ns;
  static Lab.Proc sp, dp, cp;
  @TempDir static Path dir;
  static String samba, dnsmasq, chrony;
  static boolean sambaUp, dnsmasqUp, chronyUp;

  @BeforeAll
  static void setUp() throws Exception {
    lab = Lab.create();
    host = lab.host("peers");
    ns = lab.uplink(host);
    samba = ns.addr(2);
    dnsmasq = ns.addr(3);
    chrony = ns.addr(4);
    host.addr(ns.hostIf(), ns.addr(3) + "/28");
    host.addr(ns.hostIf(), ns.addr(4) + "/28");

    Path s = Files.createDirectories(dir.resolve("samba"));
    for (String d : List.of("private", "lock", "state", "cache", "pid", "ncalrpc", "log")) Files.createDirectories(s.resolve(d));
    Files.writeString(s.resolve("smb.conf"), """
        [global]
          workgroup = PPTEST
          netbios name = PPEPM
          server role = standalone server
          interfaces = %1$s/28
          bind interfaces only = yes
          private dir = %2$s/private
          lock directory = %2$s/lock
          state directory = %2$s/state
          cache directory = %2$s/cache
          pid directory = %2$s/pid
          ncalrpc dir = %2$s/ncalrpc
          log file = %2$s/log/%%m.log
          load printers = no
          rpc start on demand helpers = false
        """.formatted(samba, s));
    sp = host.start("/usr/libexec/samba/samba-dcerpcd", "-s", s.resolve("smb.conf").toString(),
        "--libexec-rpcds", "-F", "--no-process-group", "--debug-stdout", "-d1");
    Path tftp = Files.createDirectories(dir.resolve("tftp"));
    dp = host.start("dnsmasq", "--no-daemon", "--conf-file=/dev/null", "--listen-address=" + dnsmasq,
        "--bind-interfaces", "--no-resolv", "--no-hosts", "--address=/x.test/198.18.0.99", "--pid-file=" + dir.resolve("dnsmasq.pid"),
        "--user=root", "--group=root", "--enable-tftp", "--tftp-root=" + tftp, "--port=53",
        "--dhcp-range=" + ns.addr(8) + "," + ns.addr(12) + ",255.255.255.240", "--dhcp-leasefile=" + dir.resolve("dnsmasq.leases"));
    Files.writeString(dir.resolve("chrony.conf"), """
        port 123
        bindaddress %s
        allow all
        local stratum 10
        cmdport 0
        pidfile %s
        driftfile %s
        """.formatted(chrony, dir.resolve("chronyd.pid"), dir.resolve("chrony.drift")));
    cp = host.start("chronyd", "-f", dir.resolve("chrony.conf").toString(), "-d", "-x", "-u", "root");
    sambaUp = listening("tcp", 135) && sp.alive() && endpointsRegistered();
    dnsmasqUp = listening("udp", 53) && dp.alive();
    chronyUp = listening("udp", 123) && cp.alive();
  }

  static final UUID LSARPC = UUID.fromString("12345778-1234-abcd-ef00-0123456789ab");

  /**
   * samba-dcerpcd registers its rpcd workers' endpoints some time after it binds 135: waits
   * (bounded) until the mapper names lsarpc over TCP and every dynamic TCP port Samba listens
   * on, as the tests below then require.
   */
  static boolean endpointsRegistered() {
    try {
      Lab.await("samba-dcerpcd's endpoints registered", Lab.TIMEOUT, () -> {
        try {
          List<EpmEndpoint> entries = EndpointMapper.lookup(new InetSocketAddress(samba, 135), Duration.ofSeconds(5));
          Set<Integer> advertised = entries.stream().filter(e -> e.protocol().equals("ncacn_ip_tcp") && e.port().isPresent())
              .map(e -> e.port().getAsInt()).filter(p -> p >= 1024).collect(Collectors.toCollection(TreeSet::new));
          boolean lsa = entries.stream().anyMatch(e -> e.iface().equals(LSARPC) && e.protocol().equals("ncacn_ip_tcp"));
          return lsa && !advertised.isEmpty() && advertised.equals(sambaDynamicPorts());
        } catch (java.io.IOException notYet) {
          return false; // the mapper is still starting
        }
      });
      return true;
    } catch (IllegalStateException notUp) {
      return false;
    }
  }

  /** True once something listens on the port in the peers' namespace (bounded), false after the timeout. */
  static boolean listening(String proto, int port) {
    try {
      host.awaitListening(proto, port, Lab.TIMEOUT);
      return true;
    } catch (IllegalStateException notUp) {
      return false;
    }
  }

  @AfterAll
  static void tearDown() {
    if (lab != null) lab.close();
  }

  static ProbeReport probe(String csv) {
    Diagnostics d = new Diagnostics();
    FlowPlan plan = FlowsCsv.read(csv, "peers.csv", d);
    assertThat(d.errors()).isEmpty();
    ProbeOptions o = new ProbeOptions(Duration.ofMillis(2000), 1, 64, 500, 200, Duration.ofSeconds(60), 64, 16, true);
    return new Prober(o, name -> List.of(), (x, y) -> { }).probe(plan.flows(), ns.addr(1));
  }

  /** TCP ports Samba listens on in the namespace, above 1023 (its dynamic RPC ports). */
  static Set<Integer> sambaDynamicPorts() {
    Set<Integer> out = new TreeSet<>();
    for (String line : host.run("ss", "-H", "-lnt").split("\n")) {
      String[] f = line.trim().split("\\s+");
      if (f.length < 4 || !f[3].startsWith(samba + ":")) continue;
      int port = Integer.parseInt(f[3].substring(f[3].lastIndexOf(':') + 1));
      if (port >= 1024) out.add(port);
    }
    return out;
  }

  @Test
  void endpointMapperListsSambasInterfacesAndTheirDynamicPorts() throws Exception {
    assertThat(sambaUp).as("samba-dcerpcd did not start: %s", sp.output()).isTrue();
    List<EpmEndpoint> entries = EndpointMapper.lookup(new InetSocketAddress(samba, 135), Duration.ofSeconds(5));
    assertThat(entries).anySatisfy(e -> {
      assertThat(e.iface()).isEqualTo(UUID.fromString("e1af8308-5d1f-11c9-91a4-08002b14a0fa"));
      assertThat(e.protocol()).isEqualTo("ncacn_ip_tcp");
      assertThat(e.port()).hasValue(135);
      assertThat(e.versionMajor()).isEqualTo(3);
      assertThat(e.annotation()).isEqualTo("epmapper");
    });
    // lsarpc (12345778-1234-abcd-ef00-0123456789ab v0) is served over TCP by rpcd_lsad
    assertThat(entries).anySatisfy(e -> {
      assertThat(e.iface()).isEqualTo(UUID.fromString("12345778-1234-abcd-ef00-0123456789ab"));
      assertThat(e.protocol()).isEqualTo("ncacn_ip_tcp");
      assertThat(e.ip()).hasValue(samba);
    });
    Set<Integer> advertised = entries.stream().filter(e -> e.protocol().equals("ncacn_ip_tcp") && e.port().isPresent())
        .map(e -> e.port().getAsInt()).filter(p -> p >= 1024).collect(Collectors.toCollection(TreeSet::new));
    assertThat(advertised).isNotEmpty().isEqualTo(sambaDynamicPorts());

    // paging with the entry handle (3 entries per call) returns the same list
    List<EpmEndpoint> paged = EndpointMapper.lookup(new InetSocketAddress(samba, 135), Duration.ofSeconds(5), 3);
    assertThat(paged).containsExactlyInAnyOrderElementsOf(entries);
  }

  @Test
  void probeAsksTheMapperThenProbesExactlyTheDynamicPortsItNames() throws Exception {
    assertThat(sambaUp).as("samba-dcerpcd did not start").isTrue();
    ProbeReport r = probe("""
        name,src,dst,proto,ports
        rpc-epm,%1$s,%2$s,tcp,135
        rpc-dynamic,%1$s,%2$s,tcp,49152-65535
        """.formatted(ns.addr(1), samba));
    ProbeResult epm = r.results().getFirst();
    assertThat(epm.state()).isEqualTo(ProbeState.OPEN);
    assertThat(epm.detail()).contains("endpoint mapper:").contains("TCP ports");
    List<ProbeResult> dynamic = r.results().stream().filter(x -> x.name().equals("rpc-dynamic")).toList();
    assertThat(dynamic).allSatisfy(x -> {
      assertThat(x.state()).isEqualTo(ProbeState.OPEN);
      assertThat(x.detail()).contains("dynamic: verified via endpoint mapper");
    });
    Set<Integer> probed = dynamic.stream().map(x -> x.port().getAsInt()).collect(Collectors.toCollection(TreeSet::new));
    assertThat(probed).isEqualTo(sambaDynamicPorts().stream().filter(p -> p >= 49152).collect(Collectors.toCollection(TreeSet::new)));
    assertThat(r.endpointMaps()).containsKey(samba);
  }

  @Test
  void dnsmasqAnswersDnsOverUdpAndTcpAndTftpFromItsTransferPort() {
    assertThat(dnsmasqUp).as("dnsmasq did not start: %s", dp.output()).isTrue();
    ProbeReport r = probe("""
        name,src,dst,proto,ports
        dns-udp,%1$s,%2$s,udp,53
        dns-tcp,%1$s,%2$s,tcp,53
        tftp,%1$s,%2$s,udp,69
        """.formatted(ns.addr(1), dnsmasq));
    assertThat(r.results()).extracting(ProbeResult::name, ProbeResult::state).containsExactly(
        org.assertj.core.groups.Tuple.tuple("dns-udp", ProbeState.OPEN),
        org.assertj.core.groups.Tuple.tuple("dns-tcp", ProbeState.OPEN),
        org.assertj.core.groups.Tuple.tuple("tftp", ProbeState.OPEN));
    assertThat(r.results().get(0).detail()).startsWith("DNS answer");
    assertThat(r.results().get(2).detail()).startsWith("TFTP answer");
  }

  @Test
  void dnsmasqAnswersADhcpInformAtTheClientPort() {
    assertThat(dnsmasqUp).as("dnsmasq did not start: %s", dp.output()).isTrue();
    ProbeReport r = probe("""
        name,src,dst,proto,ports
        dhcp,%1$s,%2$s,udp,67
        """.formatted(ns.addr(1), dnsmasq));
    assertThat(r.results().getFirst().state()).as("%s %s", r.results(), dp.output()).isEqualTo(ProbeState.OPEN);
    assertThat(r.results().getFirst().detail()).startsWith("DHCP answer");
  }

  @Test
  void chronyAnswersNtp() {
    assertThat(chronyUp).as("chronyd did not start: %s", cp.output()).isTrue();
    ProbeReport r = probe("""
        name,src,dst,proto,ports
        ntp,%1$s,%2$s,udp,123
        """.formatted(ns.addr(1), chrony));
    assertThat(r.results().getFirst().state()).as("%s", r.results()).isEqualTo(ProbeState.OPEN);
    assertThat(r.results().getFirst().detail()).startsWith("NTP answer (48 bytes)");
  }
}
