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
}
