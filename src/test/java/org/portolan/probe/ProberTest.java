package org.portolan.probe;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.portolan.diag.Diagnostics;
import org.portolan.plan.Flow;
import org.portolan.plan.FlowsCsv;

/** Expansion, safety caps and scheduling, on loopback only (127.0.0.0/8). */
class ProberTest {
  static final ProbeOptions FAST = new ProbeOptions(Duration.ofMillis(500), 0, 32, 2000, 1000, Duration.ofSeconds(30), 8, 4, true);

  static List<Flow> flows(String rows) {
    Diagnostics d = new Diagnostics();
    var plan = FlowsCsv.read("name,src,dst,proto,ports\n" + rows, "t.csv", d);
    assertThat(d.errors()).isEmpty();
    return plan.flows();
  }

  static ProbeReport probe(ProbeOptions o, Prober.Resolver r, String rows) {
    return new Prober(o, r, (x, y) -> { }).probe(flows(rows), "tester");
  }

  @Test
  void openAndClosedOnLoopbackWithRoundTripTimes() throws Exception {
    try (ServerSocket s = new ServerSocket()) {
      s.bind(new InetSocketAddress("127.0.0.21", 0));
      int open = s.getLocalPort();
      ProbeReport r = probe(FAST, n -> List.of(), "web,127.0.0.1,127.0.0.21,tcp,%d 1\n".formatted(open));
      assertThat(r.results()).extracting(ProbeResult::state).containsExactly(ProbeState.CLOSED, ProbeState.OPEN);
      assertThat(r.results()).allSatisfy(x -> assertThat(x.rttMs()).isPresent());
      assertThat(r.allOpen()).isFalse();
    }
  }

  @Test
  void aLargeRangeIsSampledNotScannedAndSaysSo() {
    ProbeReport r = probe(FAST, n -> List.of(), "dyn,127.0.0.1,127.0.0.22,tcp,49152-65535\n");
    assertThat(r.results()).hasSize(8);
    assertThat(r.results()).extracting(x -> x.port().getAsInt()).containsExactly(49152, 49153, 49154, 49155, 49156, 49157, 49158, 49159);
    assertThat(r.results().getFirst().detail()).contains("sample: lowest 8 ports of tcp 49152-65535 (16384 ports)")
        .contains("no flow to tcp/135");
  }

  @Test
  void aSmallPortSetIsProbedPortByPort() {
    ProbeReport r = probe(FAST, n -> List.of(), "few,127.0.0.1,127.0.0.23,tcp,1-8\n");
    assertThat(r.results()).hasSize(8).allSatisfy(x -> assertThat(x.detail()).doesNotContain("sample"));
  }

  @Test
  void networksBeyondTheCapAreNotSweptAndSmallOnesSkipNetworkAndBroadcast() {
    ProbeReport r = probe(FAST, n -> List.of(), "big,127.0.0.1,127.0.1.0/24,tcp,1\nsmall,127.0.0.1,127.0.2.0/30,tcp,1\n");
    ProbeResult big = r.results().getFirst();
    assertThat(big.state()).isEqualTo(ProbeState.ERROR);
    assertThat(big.detail()).contains("256 addresses").contains("not swept");
    assertThat(r.results().subList(1, r.results().size())).extracting(ProbeResult::dst).containsExactly("127.0.2.1", "127.0.2.2");
  }

  /** A range splits into prefix blocks; each block's first and last address is a host, not a network's ends. */
  @Test
  void aRangeIsProbedWholeAndMulticastNever() {
    ProbeOptions wide = new ProbeOptions(FAST.timeout(), 0, 32, 2000, 1000, Duration.ofSeconds(30), 8, 32, true);
    ProbeReport r = probe(wide, n -> List.of(), "range,127.0.0.1,127.0.3.1-127.0.3.20,tcp,1\nmcast,127.0.0.1,224.0.0.251,udp,5353\n");
    List<ProbeResult> range = r.results().stream().filter(x -> x.name().equals("range")).toList();
    assertThat(range).extracting(ProbeResult::dst).hasSize(20).contains("127.0.3.1", "127.0.3.4", "127.0.3.8", "127.0.3.16", "127.0.3.20");
    ProbeResult mcast = r.results().stream().filter(x -> x.name().equals("mcast")).findFirst().orElseThrow();
    assertThat(mcast.state()).isEqualTo(ProbeState.ERROR);
    assertThat(mcast.detail()).contains("multicast or broadcast destination: not probed");
    ProbeResult capped = probe(FAST, n -> List.of(), "range,127.0.0.1,127.0.3.1-127.0.3.20,tcp,1\n").results().getFirst();
    assertThat(capped.detail()).contains("20 addresses").contains("not swept");
  }

  @Test
  void namesAreResolvedThenEveryAddressProbedAndUnknownNamesAreUnresolved() {
    Prober.Resolver fake = n -> switch (n) {
      case "two.test" -> List.of(InetAddress.getByName("127.0.0.24"), InetAddress.getByName("127.0.0.25"));
      default -> throw new UnknownHostException(n);
    };
    ProbeReport r = probe(FAST, fake, "n,127.0.0.1,two.test,tcp,1\nm,127.0.0.1,gone.test,tcp,1\nw,127.0.0.1,*.example.test,tcp,1\n");
    assertThat(r.results()).extracting(ProbeResult::name, ProbeResult::dst, ProbeResult::state).containsExactly(
        org.assertj.core.groups.Tuple.tuple("n", "127.0.0.24", ProbeState.CLOSED),
        org.assertj.core.groups.Tuple.tuple("n", "127.0.0.25", ProbeState.CLOSED),
        org.assertj.core.groups.Tuple.tuple("m", "gone.test", ProbeState.UNRESOLVED),
        org.assertj.core.groups.Tuple.tuple("w", "*.example.test", ProbeState.ERROR));
    assertThat(r.results().getFirst().detail()).contains("two.test resolves to 127.0.0.24");
  }

  @Test
  void aNameIsResolvedOncePerRunHoweverManyFlowsNameIt() {
    java.util.concurrent.atomic.AtomicInteger lookups = new java.util.concurrent.atomic.AtomicInteger();
    Prober.Resolver counting = n -> {
      lookups.incrementAndGet();
      if (n.equals("gone.test")) throw new UnknownHostException(n);
      return List.of(InetAddress.getByName("127.0.0.27"));
    };
    StringBuilder rows = new StringBuilder();
    for (int i = 0; i < 20; i++) rows.append("a").append(i).append(",127.0.0.1,one.test,tcp,").append(1 + i).append('\n');
    for (int i = 0; i < 5; i++) rows.append("g").append(i).append(",127.0.0.1,gone.test,tcp,1\n");
    ProbeReport r = probe(FAST, counting, rows.toString());
    assertThat(r.results()).hasSize(25);
    assertThat(r.results().stream().filter(x -> x.state() == ProbeState.UNRESOLVED)).hasSize(5);
    assertThat(lookups.get()).isEqualTo(2);
  }

  @Test
  void protocolsThatCannotBeProbedAreReportedNotSkipped() {
    ProbeReport r = probe(FAST, n -> List.of(), "gre,127.0.0.1,127.0.0.26,47,\npmtu,127.0.0.1,127.0.0.26,icmp,3/4\n");
    assertThat(r.results()).extracting(ProbeResult::state).containsExactly(ProbeState.ERROR, ProbeState.ERROR);
    assertThat(r.results().get(0).detail()).contains("IP protocol 47");
    assertThat(r.results().get(1).detail()).contains("ICMP type 3/4");
  }

  @Test
  void probesThatCannotStartBeforeMaxTimeAreErrorsAndTheRunEndsInTime() {
    ProbeOptions slow = new ProbeOptions(Duration.ofMillis(500), 0, 4, 4, 4, Duration.ofMillis(1000), 64, 4, true);
    long t0 = System.nanoTime();
    ProbeReport r = probe(slow, n -> List.of(), "many,127.0.0.1,127.0.0.27,tcp,1-12\n");
    long ms = (System.nanoTime() - t0) / 1_000_000;
    assertThat(r.results()).hasSize(12);
    Map<ProbeState, Long> by = r.results().stream().collect(java.util.stream.Collectors.groupingBy(ProbeResult::state, java.util.stream.Collectors.counting()));
    assertThat(by.get(ProbeState.CLOSED)).isBetween(3L, 5L); // 4 per second for one second
    assertThat(by.get(ProbeState.ERROR)).isEqualTo(12 - by.get(ProbeState.CLOSED));
    assertThat(r.results().getLast().detail()).contains("--max-time");
    assertThat(ms).isLessThan(1000 + 500 + 1500);
  }

  @Test
  void ratesSpaceProbesToOneDestination() {
    ProbeOptions paced = new ProbeOptions(Duration.ofMillis(500), 0, 64, 1000, 20, Duration.ofSeconds(30), 64, 4, true);
    long t0 = System.nanoTime();
    probe(paced, n -> List.of(), "paced,127.0.0.1,127.0.0.28,tcp,1-11\n");
    long ms = (System.nanoTime() - t0) / 1_000_000;
    assertThat(ms).isGreaterThanOrEqualTo(480); // 11 probes at 20/s: the last starts after 500 ms
  }

  @Test
  void sourcesSelectFlowsByHostOrGroupMembership() throws Exception {
    List<Flow> f = flows("a,127.0.0.0/29,127.0.0.30,tcp,1\nb,127.0.0.9,127.0.0.30,tcp,1\nc,127.0.0.3 127.0.0.9,127.0.0.30,tcp,1\n");
    assertThat(Sources.initiatedBy(f, List.of(InetAddress.getByName("127.0.0.3")))).extracting(Flow::name).containsExactly("a", "c");
    assertThat(Sources.receivedBy(f, List.of(InetAddress.getByName("127.0.0.30")))).hasSize(3);
    assertThat(Sources.receivedBy(f, List.of(InetAddress.getByName("127.0.0.31")))).isEmpty();
  }

  @Test
  void ipv6LoopbackIsProbedToo() throws Exception {
    try (java.nio.channels.DatagramChannel udp = java.nio.channels.DatagramChannel.open(java.net.StandardProtocolFamily.INET6)) {
      udp.bind(new InetSocketAddress("::1", 0));
      int port = ((InetSocketAddress) udp.getLocalAddress()).getPort();
      ProbeReport r = probe(FAST, n -> List.of(), "v6,::1,::1,tcp,1\nv6u,::1,::1,udp,%d\n".formatted(port));
      assertThat(r.results()).extracting(ProbeResult::dst, ProbeResult::state).containsExactly(
          org.assertj.core.groups.Tuple.tuple("0:0:0:0:0:0:0:1", ProbeState.CLOSED),
          org.assertj.core.groups.Tuple.tuple("0:0:0:0:0:0:0:1", ProbeState.OPEN_FILTERED)); // a socket that never answers
    }
  }

  @Test
  void autoFindsTheHostOwningOneOfTheseAddresses() throws Exception {
    var host = new org.portolan.deployment.Host("lo-host", List.of(new inet.ipaddr.IPAddressString("127.0.0.1").getAddress()), "", null);
    var other = new org.portolan.deployment.Host("elsewhere", List.of(new inet.ipaddr.IPAddressString("198.18.0.1").getAddress()), "", null);
    var dep = new org.portolan.deployment.Deployment("s", "f", List.of(), List.of(other, host), List.of(), List.of(), List.of(), null);
    assertThat(Sources.hostOwning(dep, Sources.localAddresses())).map(org.portolan.deployment.Host::name).hasValue("lo-host");
    assertThat(Sources.hostOwning(dep, List.of(InetAddress.getByName("127.0.0.2")))).isEmpty();
  }

  @Test
  void icmpUsesPingForExactlyTheAddressOrSaysItCouldNot() {
    ProbeReport r = probe(FAST, n -> List.of(), "echo,127.0.0.1,127.0.0.1,icmp,8\n");
    ProbeResult x = r.results().getFirst();
    if (Probes.onPath("ping").isPresent()) {
      assertThat(x.state()).isEqualTo(ProbeState.OPEN);
      assertThat(x.detail()).contains("echo reply");
    } else {
      assertThat(x.state()).isEqualTo(ProbeState.ERROR);
      assertThat(x.detail()).contains("ICMP not probed: no ping command");
    }
  }
}
