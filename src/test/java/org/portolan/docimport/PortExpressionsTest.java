package org.portolan.docimport;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.portolan.model.Service;

class PortExpressionsTest {

  /** The expression, its context (row text), the services in catalog notation, and whether the protocol was assumed. */
  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
      TCP 636 and 3269                          |                                   | tcp/636,3269                    | false
      53/TCP/UDP                                |                                   | tcp/53 udp/53                   | false
      9094/tcp+udp                              |                                   | tcp/9094 udp/9094               | false
      TCP and UDP 53                            |                                   | tcp/53 udp/53                   | false
      ICMP 8/0                                  |                                   | icmp/8/0                        | false
      ICMP 3                                    |                                   | icmp/3                          | false
      1024/udp to 65535/udp                     |                                   | udp/1024-65535                  | false
      TCP >1023                                 |                                   | tcp/1024+                       | false
      TCP ≥ 49152                               |                                   | tcp/49152+                      | false
      6010/tcp and above                        |                                   | tcp/6010+                       | false
      TCP, UDP 2049                             |                                   | tcp/2049 udp/2049               | false
      137-139                                   |                                   | udp/137-138 tcp/139             | true
      4000/tcp, 4002/tcp ...                    |                                   | tcp/series(4000,2)              | false
      4001/tcp, 4003/tcp …                      |                                   | tcp/series(4001,2)              | false
      UDP 67 / UDP 4011                         |                                   | udp/67,4011                     | false
      WMI (DCOM) TCP 135 and 445 (initially)    |                                   | tcp/135,445                     | false
      dynamic                                   | chosen by the filer               | tcp/dynamic(nfs-filer)          | true
      TCP, UDP Dynamic                          | NFSv3 Storage - chosen by the filer | tcp/dynamic(nfs-filer) udp/dynamic(nfs-filer) | false
      TCP/UDP Dynamic (RPC)                     |                                   | tcp/dynamic(rpc) udp/dynamic(rpc) | false
      HTTPS (TCP 443)                           |                                   | tcp/443                         | false
      UDP 6901, 6902, 6905                      |                                   | udp/6901,6902,6905              | false
      UDP 6910–6930                             |                                   | udp/6910-6930                   | false
      TCP 8892, 8896, 21064                     |                                   | tcp/8892,8896,21064             | false
      Port 5950                                 |                                   | tcp/5950                        | true
      ZENworks VNC (5950)                       |                                   | tcp/5950                        | true
      TCP/UDP 88 ( Kerberos )                   |                                   | tcp/88 udp/88                   | false
      LDAP / LDAPS (TCP 389 / TCP 636)          |                                   | tcp/389,636                     | false
      53 UDP/TCP                                |                                   | udp/53 tcp/53                   | false
      TCP 80, 443                               |                                   | tcp/80,443                      | false
      ICMP                                      |                                   | icmp                            | false
      80/tcp                                    |                                   | tcp/80                          | false
      3579/udp                                  |                                   | udp/3579                        | false
      TCP 8000 (HTTP)                           |                                   | tcp/8000                        | false
      TCP 1-1024 and UDP 5000+                  |                                   | tcp/1-1024 udp/5000+            | false
      """)
  void readsVendorPortExpressions(String text, String context, String expected, boolean assumed) {
    PortExpressions.Result r = PortExpressions.parse(text, context == null ? "" : context);
    assertThat(r.services().stream().map(Service::notation).toList()).containsExactly(expected.split(" "));
    assertThat(r.protocolAssumed()).isEqualTo(assumed);
    if (assumed) assertThat(r.notes()).anySatisfy(n -> assertThat(n.message()).contains("no protocol stated"));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      Stateful
      Primary Server and Satellite devices
      Citrix Hypervisor 8.2 Cumulative Update 1
      NFSv3 Storage
      x64 build
      Port 70000
      """)
  void findsNoPortWhereThereIsNone(String text) {
    assertThat(PortExpressions.parse(text).services()).isEmpty();
  }

  @Test
  void numbersBeyondThePortRangeAreNotedNotRead() {
    var r = PortExpressions.parse("TCP 443, 70000");
    assertThat(r.services().stream().map(Service::notation)).containsExactly("tcp/443");
    assertThat(r.notes()).singleElement().satisfies(n -> {
      assertThat(n.message()).contains("70000");
      assertThat(n.offset()).isEqualTo(9);
    });
  }

  @Test
  void wellKnownServiceNamesGiveTheirPortOnlyWhenNoNumberIsWritten() {
    var named = PortExpressions.parse("SMTP and POP3");
    assertThat(named.services().stream().map(Service::notation)).containsExactly("tcp/25", "tcp/110");
    assertThat(named.fromServiceName()).isTrue();
    assertThat(named.notes()).hasSize(2);
    var numbered = PortExpressions.parse("SMTP (TCP 2525)");
    assertThat(numbered.services().stream().map(Service::notation)).containsExactly("tcp/2525");
    assertThat(numbered.fromServiceName()).isFalse();
  }

  @Test
  void dynamicWithoutContextIsMarkedAsAssumption() {
    var r = PortExpressions.parse("TCP dynamic");
    assertThat(r.services().stream().map(Service::notation)).containsExactly("tcp/dynamic(rpc)");
    assertThat(r.notes()).anySatisfy(n -> assertThat(n.message()).contains("assumed"));
  }

  @Test
  void unevenListBeforeEllipsisStaysFixed() {
    var r = PortExpressions.parse("4000/tcp, 4003/tcp, 4004/tcp ...");
    assertThat(r.services().stream().map(Service::notation)).containsExactly("tcp/4000,4003,4004");
    assertThat(r.notes()).anySatisfy(n -> assertThat(n.message()).contains("not encoded"));
  }

  @Test
  void backwardRangeIsNotSilentlyWidened() {
    var r = PortExpressions.parse("TCP 900-100");
    assertThat(r.services().stream().map(Service::notation).toList()).isEqualTo(List.of("tcp/900,100"));
    assertThat(r.notes()).anySatisfy(n -> assertThat(n.message()).contains("backwards"));
  }
}
