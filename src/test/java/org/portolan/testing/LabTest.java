package org.portolan.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The lab itself: hosts, links, rules, processes and captures against the real kernel; nothing left behind. */
@NetworkTest
class LabTest {
  static final String RULES = "table inet t { chain i { type filter hook input priority 0; policy accept; udp dport 9 drop; }; }";

  @Test
  void linkedHostsTalkRulesApplyAndCapturesHoldEverySentPacket(@TempDir Path dir) {
    Lab.requireTools("nft", "tcpdump", "python3");
    String a, b;
    try (Lab lab = Lab.create()) {
      Lab.Host client = lab.host("client"), server = lab.router("server");
      a = client.name;
      b = server.name;
      lab.link(client, "c0", "198.18.6.1/24", server, "s0", "198.18.6.2/24");
      server.nft(RULES);
      Lab.Proc echo = server.start("python3", "-u", "-c", """
          import socket
          s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); s.bind(("198.18.6.2", 7)); print("ready")
          while True:
              d, p = s.recvfrom(100); s.sendto(d, p)
          """).await("ready");
      server.awaitListening("udp", 7, Duration.ofSeconds(10));
      Path pcap = dir.resolve("x.pcap");
      // "ip": a new link's IPv6 multicast listener reports may arrive at any time, also after the stop marker
      Lab.Capture cap = client.tcpdump(pcap, "198.18.6.2", "-i", "c0", "ip");
      String send = """
          import socket, sys
          s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); s.settimeout(1)
          for port in (7, 9):
              s.sendto(b"x", ("198.18.6.2", port))
              try: s.recvfrom(10); print(port, "answered")
              except OSError: print(port, "silent")
          """;
      assertThat(client.run("python3", "-c", send)).isEqualTo("7 answered\n9 silent\n");
      cap.stop();
      String packets = client.run("tcpdump", "-n", "-r", pcap.toString());
      assertThat(packets.lines().filter(l -> l.contains("198.18.6.2.7:"))).hasSize(1);
      assertThat(packets.lines().filter(l -> l.contains("198.18.6.2.9:"))).hasSize(1);
      assertThat(packets.lines().filter(l -> l.contains("ICMP echo request"))).as("the start and stop markers").hasSizeGreaterThanOrEqualTo(2);
      assertThat(packets.lines().toList().getLast()).as("the stop marker comes after the traffic").contains("ICMP echo");
      assertThat(echo.alive()).isTrue();
      assertThat(client.exec("false").exit()).isEqualTo(1);
      assertThatThrownBy(() -> client.run("false")).hasMessageContaining("false failed (1)");
      assertThatThrownBy(() -> echo.await("never", Duration.ofMillis(300))).hasMessageContaining("did not print 'never'");
    }
    assertThat(Lab.exec(Duration.ofSeconds(10), null, java.util.List.of("ip", "netns", "list")).ok()).doesNotContain(a).doesNotContain(b);
  }

  @Test
  void twoLabsNeverShareANameAndCloseRemovesEvenAfterAFailure() {
    String first;
    try (Lab one = Lab.create(); Lab two = Lab.create()) {
      first = one.host("x").name;
      assertThat(two.host("x").name).isNotEqualTo(first);
      Lab.Host h = one.host("y");
      h.start("sleep", "600");
      assertThatThrownBy(() -> h.run("sh", "-c", "exit 3")).isInstanceOf(IllegalStateException.class);
    }
    assertThat(Lab.exec(Duration.ofSeconds(10), null, java.util.List.of("ip", "netns", "list")).ok()).doesNotContain(first);
  }
}
