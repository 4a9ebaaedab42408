package org.portolan.probe;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The listener on loopback: binds, answers, never steals a port, respects its caps. */
class ListenerTest {
  @Test
  void aPortInUseIsReportedAndLeftToItsOwner() throws Exception {
    InetAddress a = InetAddress.getByName("127.0.0.41");
    try (ServerSocket owner = new ServerSocket()) {
      owner.bind(new InetSocketAddress(a, 0));
      int taken = owner.getLocalPort();
      var flows = ProberTest.flows("svc,127.0.0.1,127.0.0.41,tcp,%d\n".formatted(taken));
      try (Listener l = Listener.start(flows, List.of(a), 64, 10)) {
        assertThat(l.bindings()).singleElement().satisfies(b -> {
          assertThat(b.bound()).isFalse();
          assertThat(b.detail()).startsWith("in use by another program");
        });
      }
      assertThat(owner.isBound()).isTrue();
    }
  }

  /** 198.18.0.0/15 is configured on no interface of the test machine's root namespace. */
  @Test
  void anAddressThisHostDoesNotHaveIsSaidSo() throws Exception {
    InetAddress a = InetAddress.getByName("198.18.250.9");
    var flows = ProberTest.flows("svc,127.0.0.1,198.18.250.9,tcp,40444\n");
    try (Listener l = Listener.start(flows, List.of(a), 64, 10)) {
      assertThat(l.bindings()).singleElement().satisfies(b -> {
        assertThat(b.bound()).isFalse();
        assertThat(b.detail()).startsWith("this host has no address 198.18.250.9");
      });
    }
  }

  @Test
  void listenerCapsAndLargeRangesAreReported() throws Exception {
    InetAddress a = InetAddress.getByName("127.0.0.42");
    var flows = ProberTest.flows("dyn,127.0.0.1,127.0.0.42,tcp,40100-40999\nudp,127.0.0.1,127.0.0.42,udp,40100-40101\n");
    try (Listener l = Listener.start(flows, List.of(a), 4, 5)) {
      assertThat(l.bindings()).hasSize(6);
      assertThat(l.bindings().subList(0, 4)).allSatisfy(b -> assertThat(b.detail()).contains("lowest 4 ports of 40100-40999"));
      assertThat(l.bindings().stream().filter(Listener.Binding::bound)).hasSize(5);
      assertThat(l.bindings().getLast().detail()).contains("--max-listeners 5");
    }
  }

  @Test
  void probeAgainstListenerFindsEveryProtocolOpen() throws Exception {
    InetAddress a = InetAddress.getByName("127.0.0.43");
    var flows = ProberTest.flows("""
        dns,127.0.0.1,127.0.0.43,udp,53
        ntp,127.0.0.1,127.0.0.43,udp,123
        cldap,127.0.0.1,127.0.0.43,udp,389
        nbns,127.0.0.1,127.0.0.43,udp,137
        krb,127.0.0.1,127.0.0.43,udp,88
        snmp,127.0.0.1,127.0.0.43,udp,161
        tftp,127.0.0.1,127.0.0.43,udp,69
        pxe,127.0.0.1,127.0.0.43,udp,4011
        other,127.0.0.1,127.0.0.43,udp,40200
        web,127.0.0.1,127.0.0.43,tcp,40201
        """);
    try (Listener l = Listener.start(flows, List.of(a), 64, 64)) {
      assertThat(l.bindings()).allSatisfy(b -> assertThat(b.bound()).as("%s", b).isTrue());
      ProbeOptions o = new ProbeOptions(Duration.ofMillis(1000), 1, 16, 500, 500, Duration.ofSeconds(20), 64, 4, true);
      ProbeReport r = new Prober(o, n -> List.of(), (x, y) -> { }).probe(flows, "127.0.0.1");
      assertThat(r.results()).allSatisfy(x -> assertThat(x.state()).as("%s", x).isEqualTo(ProbeState.OPEN));
      long until = System.nanoTime() + 30_000_000_000L; // a TCP accept may trail the client's completed handshake (bounded; a busy machine may be slow)
      while (l.served().containsValue(0L) && System.nanoTime() < until) Thread.sleep(20);
      assertThat(l.served().values()).allSatisfy(n -> assertThat(n).isGreaterThanOrEqualTo(1L));
    }
  }
}
