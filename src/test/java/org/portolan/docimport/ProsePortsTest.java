package org.portolan.docimport;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.portolan.model.Protocol;
import org.portolan.model.Service;

/** The sentence shapes vendors use to state ports, and the numbers that are not ports. */
class ProsePortsTest {
  static String read(String text) {
    return String.join(" ", ProsePorts.read(text, true, true, null).stream()
        .flatMap(s -> s.services().stream()).map(Service::notation).toList());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      The proxy listens on TCP 8443.                                           | tcp/8443
      Open port 2377/tcp on managers.                                          | tcp/2377
      TCP and UDP port 7946 for communication among nodes                      | tcp/7946 udp/7946
      Open ports 7946 TCP/UDP between the nodes.                               | tcp/7946 udp/7946
      The default port is 4646.                                                | tcp/4646
      Web interface: 8006 (TCP, HTTP/1.1 over TLS)                             | tcp/8006
      22000/TCP: TCP based sync protocol traffic                               | tcp/22000
      4567 is reserved for replication traffic over TCP and UDP.               | tcp/4567 udp/4567
      The server needs port 6443 and 9345 to be accessible.                    | tcp/6443,9345
      Ports 6443, 2379, and 2380 should be opened between cluster nodes.       | tcp/6443,2379,2380
      NodePort services use ports in the range 30000-32767.                    | tcp/30000-32767
      corosync cluster traffic: 5405-5412 UDP                                  | udp/5405-5412
      5672, 5671: used by AMQP 0-9-1 clients                                   | tcp/5672,5671
      HTTP API (Default 4646). Used by clients and servers. TCP only.          | tcp/4646
      The signaling server listens on `127.0.0.1:8080` and needs no rule.      | tcp/8080
      Point the clients at https://db.example.com:8443/api over the VPN.       | tcp/8443
      Its peers connect to http://10.0.0.1:2380 and to [::1]:9000 locally.     | tcp/2380,9000
      A Redis TCP port serves clients, for example ``6379``, plus the port obtained by adding 10000 to it, so ``16379`` in the example. | tcp/6379,16379
      Defaults such as 9090 are fine for the metrics port.                     | tcp/9090
      The official ports are 2379 for client requests and 2380 for peer traffic. | tcp/2379,2380
      Members talk on ports 8300 (RPC) and 8301 (gossip) over TCP.             | tcp/8300,8301
      The JMX client then reconnects on a randomly chosen port (1024+).        | tcp/1024+
      ``2383`` -- the default instance of Analysis Services (TCP).             | tcp/2383
      """)
  void readsThePortsASentenceStates(String sentence, String expected) {
    assertThat(read(sentence)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      Requires Kubernetes 1.27 or later and 4 GB of RAM.
      Installation takes about 5 minutes on 2 CPUs.
      Use Ubuntu 22.04 or RHEL 9 with kernel 5.4.
      The API answers 404 when the key is wrong.
      Allow at least 100 slots per virtual server.
      The web console uses HTTPS and the agent reports over DNS.
      If you move the Admin UI to another port, for example 946, update the firewall.
      Release 3.4 came out at 10:30 on 2024-05-01.
      ICMP is not needed and may be blocked.
      """)
  void numbersThatAreNotPortsAndNamesWithoutNumbersGiveNothing(String sentence) {
    assertThat(read(sentence)).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      All ports are TCP unless otherwise noted.          | tcp
      Ports listed are UDP unless noted otherwise.       | udp
      All port numbers below use UDP.                    | udp
      """)
  void thePageDefaultProtocol(String text, String protocol) {
    assertThat(ProsePorts.defaultProtocol(text)).isEqualTo(protocol.equals("udp") ? Protocol.UDP : Protocol.TCP);
  }

  @org.junit.jupiter.api.Test
  void theSentenceNamesWhoListensAndWhoConnects() {
    ProsePorts.Statement s = ProsePorts.read("The Zabbix agent listens on port 10050 for checks from the monitoring servers.", true, true, null).getFirst();
    assertThat(s.responder()).isEqualTo("Zabbix agent");
    assertThat(s.initiator()).isEqualTo("monitoring servers");
    assertThat(ProsePorts.read("It only needs to be opened on manager nodes: TCP 2377.", true, true, null).getFirst().responder()).isEqualTo("manager nodes");
    assertThat(s.services()).isEqualTo(List.of(Service.tcp(10050)));
  }

  @org.junit.jupiter.api.Test
  void icmpNamedInRunningTextIsReadAndItsTypeIsNeverAPort() {
    List<Service> echo = ProsePorts.read("The gateway also answers ICMP echo requests from the monitoring host.", false, false, null).getFirst().services();
    assertThat(echo).containsExactly(new Service(Protocol.Icmp.ofType(8), org.portolan.model.PortSpec.NONE));
    assertThat(ProsePorts.read("ICMP must not be blocked between the nodes.", false, false, null).getFirst().services().getFirst().protocol())
        .isInstanceOf(Protocol.Icmp.class);
    // "ICMP 3" is a type: no tcp/3 beside it.
    List<Service> typed = ProsePorts.read("Allow ICMP 3 and TCP port 22 from the monitoring host.", false, false, null).getFirst().services();
    assertThat(typed).containsExactlyInAnyOrder(Service.tcp(22), new Service(Protocol.Icmp.ofType(3), org.portolan.model.PortSpec.NONE));
    assertThat(ProsePorts.read("The gateway uses ICMP, but never from outside.", false, false, null)).isEmpty();
  }

  @org.junit.jupiter.api.Test
  void aLoopbackAddressMarksTheStatementAndLegacyPortsAreMarkedNotOpened() {
    assertThat(ProsePorts.read("The API listens on 127.0.0.1:4711 only.", false, false, null).getFirst().loopback()).isTrue();
    assertThat(ProsePorts.read("The API listens on 0.0.0.0:4711.", false, false, null).getFirst().loopback()).isFalse();
    ProsePorts.Statement old = ProsePorts.read("Some older code and documentation still name ports 4001 and 7001.", false, false, null).getFirst();
    assertThat(old.legacy()).isTrue();
    assertThat(ProsePorts.read("A normal TCP port is used to serve clients on port 6379.", false, false, null).getFirst().legacy()).isFalse();
    assertThat(ProsePorts.read("UDP: 5353 (older Bonjour/Avahi network discovery)", true, true, null).getFirst().legacy()).isFalse();
  }

  @org.junit.jupiter.api.Test
  void aPortTableCellStatesPortsAfterOnOrVia() {
    assertThat(ProsePorts.read("Behind a proxy on 443", false, false, Protocol.TCP, true).getFirst().services()).containsExactly(Service.tcp(443));
    assertThat(ProsePorts.read("Behind a proxy on 443", false, false, Protocol.TCP, false)).isEmpty();
    assertThat(ProsePorts.read("Runs on 2 nodes at least", false, false, Protocol.TCP, true)).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      The Management Center web UI listens on TCP 8080 (8443 with TLS) on its host. | tcp/8080,8443
      The console listens on port 8080, or on 8443 when TLS is enabled.            | tcp/8080,8443
      The dashboard is served on port 3000 (or port 3443 over HTTPS).              | tcp/3000,3443
      Members talk on ports 8300 (RPC) and 8301 (gossip) over TCP.                 | tcp/8300,8301
      """)
  void portsInParenthesesAndAlternativesAreRead(String sentence, String expected) {
    assertThat(read(sentence)).isEqualTo(expected);
  }

  @org.junit.jupiter.api.Test
  void anAlternativePortCarriesItsConditionAsANote() {
    ProsePorts.Statement st = ProsePorts.read("The web UI listens on TCP 8080 (8443 with TLS).", false, false, null).getFirst();
    assertThat(st.notes()).anyMatch(n -> n.startsWith("8443") && n.contains("with TLS"));
    ProsePorts.Statement or = ProsePorts.read("The console listens on port 8080, or on 8443 when TLS is enabled.", false, false, null).getFirst();
    assertThat(or.notes()).anyMatch(n -> n.startsWith("8443") && n.contains("when tls is enabled"));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      In addition, ports 8080, 8443 and 749 must be free, as IdM uses them internally.
      Ports 8080 and 8443 must not be in use by another service.
      Do not open ports 6060 and 6061 to the network.
      Port 7001 is not required and can stay blocked.
      Port 4001 is deprecated.
      Port 9999 is closed by default and need not be opened.
      Leave ports 2000-2010 blocked at the firewall.
      Port 5555 is no longer used.
      """)
  void refusedPortsAreMarkedNotToOpen(String sentence) {
    List<ProsePorts.Statement> st = ProsePorts.read(sentence, false, false, null);
    assertThat(st).isNotEmpty().allMatch(ProsePorts.Statement::notToOpen);
  }

  @org.junit.jupiter.api.Test
  void aRefusalInTheNextSentenceCoversTheSentenceBeforeAndARequirementStaysOne() {
    List<ProsePorts.Statement> st = ProsePorts.read("IdM uses ports 8080 and 8443 internally. Do not open these ports; leave them blocked.", false, false, null);
    assertThat(st).hasSize(1).allMatch(ProsePorts.Statement::refused);
    assertThat(ProsePorts.read("Port 8080 must be open and must not be in use by another service.", false, false, null).getFirst().refused()).isFalse();
    assertThat(ProsePorts.read("Port 8080 must not be blocked.", false, false, null).getFirst().refused()).isFalse();
    assertThat(ProsePorts.read("The agent listens on port 8080. Open it between the nodes.", false, false, null).getFirst().refused()).isFalse();
  }

  @org.junit.jupiter.api.Test
  void anItemOpeningWithANumberIsAPortWhenItNamesTcpOrUdpOutsideAPortSection() {
    assertThat(ProsePorts.read("``2383`` -- the default instance of Analysis Services (TCP).", true, false, null).getFirst().services())
        .containsExactly(Service.tcp(2383));
    assertThat(ProsePorts.read("3 -- the number of replicas to keep.", true, false, null)).isEmpty();
  }
}
