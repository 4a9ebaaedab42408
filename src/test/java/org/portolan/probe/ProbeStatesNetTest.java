package org.portolan.probe;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.portolan.diag.Diagnostics;
import org.portolan.plan.FlowPlan;
import org.portolan.plan.FlowsCsv;
import org.portolan.testing.Cli;
import org.portolan.testing.Lab;
import org.portolan.testing.NetworkTest;

/**
 * Every probe state against the real kernel: a namespace whose nft ruleset accepts, drops,
 * rejects with a TCP reset, with ICMP port unreachable and with ICMP host unreachable, in
 * front of real listeners ({@code portolan listen} running inside the namespace).
 */
@NetworkTest
class ProbeStatesNetTest {
  static Lab lab;
  static Lab.Host host;
  static Lab.Uplink ns;
  @TempDir static Path dir;

  @BeforeAll
  static void setUp() throws Exception {
    lab = Lab.create();
    host = lab.host("a");
    ns = lab.uplink(host);
    String a = ns.addr(2);
    host.nft("""
        table ip pp {
          chain input {
            type filter hook input priority 0; policy accept;
            tcp dport 7003 drop
            tcp dport 7004 reject with tcp reset
            tcp dport 7005 reject with icmp type port-unreachable
            tcp dport 7006 reject with icmp type host-unreachable
            udp dport 5301 drop
            udp dport 5302 reject with icmp type port-unreachable
            udp dport 5304 reject with icmp type admin-prohibited
          }
        }
        """);
    Path listen = dir.resolve("listen.csv");
    Files.writeString(listen, """
        name,src,dst,proto,ports
        tcp-listeners,198.19.0.0/16,%s,tcp,7001 7003 7004 7005 7006
        dns,198.19.0.0/16,%s,udp,53
        udp-listeners,198.19.0.0/16,%s,udp,5301 5302 5304
        """.formatted(a, a, a));
    host.start(Cli.command("listen", "--flows", listen.toString(), "--as", a, "--duration", "120s")).await("ready:");
  }

  @AfterAll
  static void tearDown() {
    if (lab != null) lab.close();
  }

  @Test
  void everyStateIsClassifiedAsTheKernelAnswers() {
    String a = ns.addr(2);
    String csv = """
        name,src,dst,proto,ports
        tcp-open,%1$s,%2$s,tcp,7001
        tcp-closed-no-listener,%1$s,%2$s,tcp,7002
        tcp-drop,%1$s,%2$s,tcp,7003
        tcp-reset,%1$s,%2$s,tcp,7004
        tcp-icmp-port,%1$s,%2$s,tcp,7005
        tcp-icmp-host,%1$s,%2$s,tcp,7006
        udp-dns-open,%1$s,%2$s,udp,53
        udp-drop,%1$s,%2$s,udp,5301
        udp-reject,%1$s,%2$s,udp,5302
        udp-no-listener,%1$s,%2$s,udp,5303
        udp-admin-prohibited,%1$s,%2$s,udp,5304
        """.formatted(ns.addr(1), a);
    Diagnostics d = new Diagnostics();
    FlowPlan plan = FlowsCsv.read(csv, "states.csv", d);
    assertThat(d.hasErrors()).isFalse();
    ProbeOptions o = new ProbeOptions(Duration.ofMillis(1200), 1, 64, 500, 200, Duration.ofSeconds(60), 64, 16, true);
    ProbeReport r = new Prober(o, name -> List.of(), (x, y) -> { }).probe(plan.flows(), ns.addr(1));
    Map<String, ProbeState> states = r.results().stream().collect(Collectors.toMap(ProbeResult::name, ProbeResult::state));
    assertThat(states).as("%s", r.results()).containsExactlyInAnyOrderEntriesOf(Map.ofEntries(
        Map.entry("tcp-open", ProbeState.OPEN),
        Map.entry("tcp-closed-no-listener", ProbeState.CLOSED),
        Map.entry("tcp-drop", ProbeState.FILTERED),
        Map.entry("tcp-reset", ProbeState.CLOSED),
        Map.entry("tcp-icmp-port", ProbeState.CLOSED),
        Map.entry("tcp-icmp-host", ProbeState.FILTERED),
        Map.entry("udp-dns-open", ProbeState.OPEN),
        Map.entry("udp-drop", ProbeState.OPEN_FILTERED),
        Map.entry("udp-reject", ProbeState.CLOSED),
        Map.entry("udp-no-listener", ProbeState.CLOSED),
        Map.entry("udp-admin-prohibited", ProbeState.FILTERED)));
    ProbeResult open = r.results().stream().filter(x -> x.name().equals("tcp-open")).findFirst().orElseThrow();
    assertThat(open.rttMs()).isPresent();
    assertThat(open.port()).isEqualTo(OptionalInt.of(7001));
    assertThat(open.dst()).isEqualTo(a);
    ProbeResult drop = r.results().stream().filter(x -> x.name().equals("tcp-drop")).findFirst().orElseThrow();
    assertThat(drop.rttMs()).isEmpty();
    assertThat(r.results().stream().filter(x -> x.name().equals("udp-dns-open")).findFirst().orElseThrow().detail()).contains("DNS answer");
  }

  @Test
  void aHostThatHasAnsweredGetsTheAdaptiveTimeoutAndASecondConnect() {
    String a = ns.addr(2);
    String csv = """
        name,src,dst,proto,ports
        open,%1$s,%2$s,tcp,7001
        closed,%1$s,%2$s,tcp,7002
        reset,%1$s,%2$s,tcp,7004
        drop,%1$s,%2$s,tcp,7003
        """.formatted(ns.addr(1), a);
    Diagnostics d = new Diagnostics();
    FlowPlan plan = FlowsCsv.read(csv, "adaptive.csv", d);
    // 20 probes/s: the dropped port starts 150 ms after the first, when three answers are in
    ProbeOptions o = new ProbeOptions(Duration.ofMillis(3000), 1, 64, 20, 20, Duration.ofSeconds(60), 64, 16, true);
    ProbeReport r = new Prober(o, name -> List.of(), (x, y) -> { }).probe(plan.flows(), ns.addr(1));
    ProbeResult drop = r.results().stream().filter(x -> x.name().equals("drop")).findFirst().orElseThrow();
    assertThat(drop.state()).isEqualTo(ProbeState.FILTERED);
    assertThat(drop.detail()).contains("no answer to 2 connects within 100 ms each (adaptive timeout");
  }
}
