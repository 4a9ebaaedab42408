package org.portolan.observe;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;
import org.portolan.testing.Cli;
import org.portolan.testing.Lab;
import org.portolan.testing.NetworkTest;

/**
 * NetFlow v5, v9 and IPFIX from the real producer: Debian's softflowd watches the server's
 * interface while a client talks to it through the server's own nftables firewall (web and a
 * UDP echo answered, TCP 2222 and UDP 5514 dropped, UDP 5353 unexplained); its export packets
 * go over an uplink to a collector socket in this JVM (the code behind {@code observe
 * udp:ADDR:PORT}) and into a tcpdump capture read back by the CLI as a pcap of exports.
 *
 * <p>softflowd 1.1.0 opens libpcap with timeout 0, and on this kernel a TPACKET_V3 block with
 * packets in it is then handed over only once it is full (its retire timer never fires):
 * packets are counted by libpcap but not processed. The test therefore pushes non-IP filler
 * frames (EtherType 0x88B5, local experimental; softflowd counts them as ignored and makes no
 * flow of them) until softflowd has processed every packet it had received, then expires all
 * flows through its control socket and collects exactly the export packets it says it sent.
 */
@NetworkTest
class SoftflowdTest {
  static final String CLIENT = "198.18.7.1", SERVER = "198.18.7.2";
  static final String FLOWS = """
      name,src,dst,proto,ports
      web,198.18.7.1,198.18.7.2,tcp,8080
      echo,198.18.7.1,198.18.7.2,udp,7007
      blocked,198.18.7.1,198.18.7.2,tcp,2222
      syslog,198.18.7.1,198.18.7.2,udp,5514
      ldap,198.18.7.1,198.18.7.2,tcp,389
      """;
  static final String SERVER_RULES = """
      table inet sf {
        chain input {
          type filter hook input priority 0; policy accept;
          tcp dport 2222 drop
          udp dport 5514 drop
        }
      }
      """;
  static final String ECHO = """
      import socket
      s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); s.bind(('198.18.7.2', 7007)); print('echo ready', flush=True)
      while True:
          d, a = s.recvfrom(2048); s.sendto(d, a)
      """;
  static final String TRAFFIC = """
      import socket, urllib.request
      for i in range(3): urllib.request.urlopen('http://198.18.7.2:8080/').read()
      s = socket.socket(); s.settimeout(1.5); print('2222', s.connect_ex(('198.18.7.2', 2222))); s.close()
      u = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); u.settimeout(5)
      u.sendto(b'ping', ('198.18.7.2', 7007)); print('echo', u.recv(100))
      for i in range(2): u.sendto(b'<13>dropped', ('198.18.7.2', 5514))
      u.sendto(b'x', ('198.18.7.2', 5353))
      """;
  /** Non-IP frames from the client's interface: they fill softflowd's capture block and make no flow. */
  static final String FILLER = """
      import socket, sys
      s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW); s.bind(('c0', 0))
      frame = b'\\xff' * 6 + s.getsockname()[4] + b'\\x88\\xb5' + b'\\0' * 100
      for i in range(int(sys.argv[1])): s.send(frame)
      """;
  static final Pattern EXPORTED = Pattern.compile("Flows exported: (\\d+) \\((\\d+) records\\) in (\\d+) packets");

  @ParameterizedTest(name = "softflowd -v {0}")
  @ValueSource(ints = {5, 9, 10})
  void exportsOfRealTrafficThroughARealFirewall(int version, @TempDir Path dir) throws Exception {
    Lab.requireTools("softflowd", "softflowctl", "nft", "tcpdump", "python3");
    Path flows = dir.resolve("flows.csv"), pcap = dir.resolve("exports.pcap"), ctl = dir.resolve("softflowd.ctl");
    Files.writeString(flows, FLOWS);
    ObserveResult collected;
    try (Lab lab = Lab.create()) {
      Lab.Host client = lab.host("client"), server = lab.host("server");
      lab.link(client, "c0", CLIENT + "/24", server, "s0", SERVER + "/24");
      Lab.Uplink up = lab.uplink(server);
      server.nft(SERVER_RULES);
      server.start("python3", "-u", "-m", "http.server", "8080", "--bind", SERVER).await("Serving HTTP");
      server.start("python3", "-u", "-c", ECHO).await("echo ready");
      try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(InetAddress.getByName(up.addr(1)), 0))) {
        socket.setReceiveBufferSize(1 << 20);
        Lab.Capture cap = server.tcpdump(pcap, up.addr(1), "-i", up.hostIf(), "udp port " + socket.getLocalPort() + " or icmp");
        server.start("softflowd", "-d", "-i", "s0", "-v", Integer.toString(version), "-n", up.addr(1) + ":" + socket.getLocalPort(),
            "-c", ctl.toString(), "-p", dir.resolve("softflowd.pid").toString()).await("starting data collection");
        String out = client.run("python3", "-c", TRAFFIC);
        assertThat(out).contains("echo b'ping'").doesNotContain("2222 0"); // the SYN to 2222 was dropped: no connection
        long received = stat(server, ctl, "Packets received by libpcap: (\\d+)");
        for (int round = 0; round < 40 && processed(server, ctl) < received; round++) client.run("python3", "-c", FILLER, "500");
        assertThat(processed(server, ctl)).as("softflowd processed every packet it received").isGreaterThanOrEqualTo(received);
        server.run("softflowctl", "-c", ctl.toString(), "expire-all");
        Matcher m = EXPORTED.matcher(server.run("softflowctl", "-c", ctl.toString(), "statistics"));
        assertThat(m.find()).isTrue();
        long packets = Long.parseLong(m.group(3));
        assertThat(packets).isPositive();
        collected = Observer.observe(List.of(), List.of(new Collector(socket, Duration.ofSeconds(30), packets, Duration.ofSeconds(5))),
            Partial.plan(FLOWS, "flows.csv"), Observer.Options.defaults());
        cap.stop();
        server.run("softflowctl", "-c", ctl.toString(), "shutdown");
      }
    }
    assertThat(collected.stats().malformed()).as("%s", collected.malformed()).isZero();
    ObserveResult.FlowObservation web = flow(collected, "web");
    assertThat(web.status()).as("the handshake's flags (SYN, ACK, no RST) say it worked").isEqualTo(ObserveResult.Status.WORKING);
    assertThat(web.replies()).as("the server's direction is the flow's reply").isPositive();
    assertThat(web.first()).as("the flow's start time, from sysUpTime (v5, v9) or systemInitTimeMilliseconds (IPFIX options)").isNotNull();
    assertThat(Math.abs(web.first() - System.currentTimeMillis())).isLessThan(Duration.ofMinutes(5).toMillis());
    ObserveResult.FlowObservation blocked = flow(collected, "blocked");
    assertThat(blocked.status()).as("SYNs only: NetFlow gives no verdict, and none is guessed").isEqualTo(ObserveResult.Status.SEEN);
    assertThat(blocked.replies()).isZero();
    assertThat(blocked.packets()).as("the SYN and its retransmissions").isPositive();
    ObserveResult.FlowObservation echo = flow(collected, "echo"), syslog = flow(collected, "syslog");
    assertThat(echo.status()).isEqualTo(ObserveResult.Status.SEEN);
    assertThat(echo.replies()).as("the echo answered").isEqualTo(1);
    assertThat(syslog.status()).isEqualTo(ObserveResult.Status.SEEN);
    assertThat(syslog.replies()).as("dropped: never answered").isZero();
    assertThat(syslog.packets()).isEqualTo(2);
    assertThat(flow(collected, "ldap").status()).isEqualTo(ObserveResult.Status.NOT_SEEN);
    assertThat(collected.unexplained()).extracting(c -> c.proto() + "/" + c.port()).contains("udp/5353");
    assertThat(collected.unexplained()).extracting(c -> c.proto() + "/" + c.port()).doesNotContain("tcp/8080", "udp/7007", "tcp/2222", "udp/5514");

    // the same export packets from the capture, through the CLI: the same result
    Cli cli = Cli.run("observe", pcap.toString(), "--flows", flows.toString(), "--format", "json");
    assertThat(cli.code()).as(cli.err()).isZero();
    ObjectMapper json = new ObjectMapper();
    JsonNode fromPcap = json.readTree(cli.out()), fromUdp = json.readTree(ObserveJson.write(collected));
    assertThat(fromPcap.at("/inputs/0/format").asText()).isEqualTo("netflow");
    for (JsonNode r : List.of(fromPcap, fromUdp)) r.withArray("unexplained").forEach(c -> ((ObjectNode) c).remove("example")); // names the input
    for (String part : List.of("/flows", "/unexplained", "/stats")) assertThat(fromPcap.at(part)).as(part).isEqualTo(fromUdp.at(part));
  }

  private static long processed(Lab.Host server, Path ctl) {
    String s = server.run("softflowctl", "-c", ctl.toString(), "statistics");
    return number(s, "Packets processed: (\\d+)") + number(s, "Ignored packets: (\\d+)");
  }

  private static long stat(Lab.Host server, Path ctl, String regex) {
    return number(server.run("softflowctl", "-c", ctl.toString(), "statistics"), regex);
  }

  private static long number(String text, String regex) {
    Matcher m = Pattern.compile(regex).matcher(text);
    if (!m.find()) throw new IllegalStateException("no " + regex + " in softflowctl's statistics:\n" + text);
    return Long.parseLong(m.group(1));
  }

  private static ObserveResult.FlowObservation flow(ObserveResult r, String name) {
    return r.flows().stream().filter(f -> f.flow().equals(name)).findFirst().orElseThrow();
  }
}
