package org.portolan.docimport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.portolan.docimport.ProtocolAndPortColumnsTest.draft;
import static org.portolan.docimport.ProtocolAndPortColumnsTest.pairs;

import org.junit.jupiter.api.Test;
import org.portolan.docimport.DocImporter.Format;

/**
 * Table and code layouts of the fifth round (causes of the new-pages-4 misses): protocol-labelled
 * port cells, one interaction over several field rows, rST cells spanning rows, AsciiDoc
 * conditionals and attribute ranges, a blank Protocol cell, cloud firewall rules in code.
 */
class DocImportLayoutsTest {
  @Test
  void aPortCellOfProtocolLabelledListsTakesEachListsTransport() {
    String page = """
        <table><thead><tr><th>Microservice</th><th>Port</th></tr></thead><tbody>
        <tr><td>Access</td><td><p>HTTP: 8040, 8015</p><p>gRPC: 8045, 8016</p></td></tr>
        <tr><td>Relay</td><td><p>TCP: 7000</p><p>UDP: 7001-7003</p></td></tr>
        </tbody></table>
        """;
    assertThat(pairs(page, Format.HTML)).containsExactlyInAnyOrder("tcp/8040", "tcp/8015", "tcp/8045", "tcp/8016", "tcp/7000", "udp/7001", "udp/7002",
        "udp/7003");
  }

  @Test
  void aLabelThatNamesNoTransportIsNotGuessed() {
    String page = """
        | Service | Port |
        |---|---|
        | Name server | DNS: 8600 |
        """;
    assertThat(pairs(page, Format.MARKDOWN)).isEmpty();
  }

  @Test
  void anInteractionGivenOverSeveralFieldRowsIsOneRow() {
    String page = """
        <table><thead><tr><th>Interaction</th><th>Type</th><th>Connection</th><th>Description</th></tr></thead><tbody>
        <tr><td rowspan="3">a</td><td rowspan="3">REST API traffic</td><td>Default port</td><td>9081</td></tr>
        <tr><td>Protocol</td><td>HTTPS. Secure connection can be turned off.</td></tr>
        <tr><td>Origination</td><td>A client of the API</td></tr>
        <tr><td rowspan="3">b</td><td rowspan="3">New information message</td><td>Default port</td><td>52311</td></tr>
        <tr><td>Protocol</td><td>UDP</td></tr>
        <tr><td>Origination</td><td>The parent relay</td></tr>
        <tr><td rowspan="3">c</td><td rowspan="3">Directory</td><td>Default port</td><td>389 or 636 (for SSL)</td></tr>
        <tr><td>Protocol</td><td>TCP (LDAP/LDAPS)</td></tr>
        <tr><td>Origination</td><td>Web Reports</td></tr>
        </tbody></table>
        """;
    assertThat(pairs(page, Format.HTML)).containsExactlyInAnyOrder("tcp/9081", "udp/52311", "tcp/389", "tcp/636");
  }

  @Test
  void anRstGridCellSpanningRowsGoesToEveryRowItCovers() {
    String page = """
        Ports
        -----

        +-----------+-----------+----------------+---------------------------+
        | Component | Port      | Protocol       | Purpose                   |
        +===========+===========+================+===========================+
        |           | 1514      | TCP (default)  | Agent connection          |
        +           +           +----------------+---------------------------+
        | Server    |           | UDP (optional) | Agent connection          |
        +           +-----------+----------------+---------------------------+
        |           | 1515      | TCP            | Enrollment                |
        +-----------+-----------+----------------+---------------------------+
        | Indexer   | 9300-9302 | TCP            | Cluster                   |
        +-----------+-----------+----------------+---------------------------+
        """;
    assertThat(pairs(page, Format.RST)).containsExactlyInAnyOrder("tcp/1514", "udp/1514", "tcp/1515", "tcp/9300", "tcp/9301", "tcp/9302");
  }

  @Test
  void asciiDocConditionalRowsAttributeTitlesAndAttributeRangesAreRead() {
    String page = """
        = Ports

        .{ProjectServer} incoming traffic
        [cols="20%,20%,60%",options="header"]
        |====
        | Port | Protocol | Description
        | 67 | UDP | DHCP
        ifdef::satellite[]
        | 1883 | TCP | MQTT
        endif::[]
        | 5910{range}5912 | TCP | Consoles
        |====
        """;
    assertThat(pairs(page, Format.ASCIIDOC)).containsExactlyInAnyOrder("udp/67", "tcp/1883", "tcp/5910", "tcp/5911", "tcp/5912");
  }

  @Test
  void aBlankProtocolCellIsNotReadAsTcp() {
    String page = """
        | Port | Protocol | Description |
        |---|---|---|
        | 443 | TCP | API |
        | 623 |  | Power management |
        """;
    Draft d = draft(page, Format.MARKDOWN);
    assertThat(Recovery.pairs(d.product())).containsExactly("tcp/443");
    assertThat(d.reviewsOf("product")).anyMatch(r -> r.contains("'623' has an empty Protocol cell"));
  }

  @Test
  void aCloudFirewallRuleInCodeGivesItsPorts() {
    String code = """
        gcloud compute firewall-rules create allow-control-plane \\
          --network "$NETWORK" \\
          --allow "tcp:8443,tcp:8089,udp:9000-9001" \\
          --source-ranges "$CIDR"
        gcloud compute firewall-rules create out --direction=EGRESS --allow tcp:25
        gcloud compute firewall-rules describe allow-control-plane --allow tcp:1
        """;
    assertThat(CodePortsTest.read(code, false)).isEqualTo("tcp/8443 tcp/8089 udp/9000-9001");
  }

  @org.junit.jupiter.params.ParameterizedTest(name = "{0}")
  @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', textBlock = """
      The customary port for encrypted connections is 9142.                     | tcp/9142
      Shard-aware ports: `native_shard_aware_transport_port` (19042 by default).  | tcp/19042
      It forwards to the nodes' HTTP port, 7990 by default.                     | tcp/7990
      The TLS port is off by default; for it, 19142 is the usual choice of port. | tcp/19142
      """)
  void aNumberSaidToBeTheDefaultOrCustomaryPortIsRead(String sentence, String expected) {
    assertThat(ProsePortsTest.read(sentence)).isEqualTo(expected);
  }

  @org.junit.jupiter.params.ParameterizedTest(name = "{0}")
  @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', textBlock = """
      Unless the destination is a port bound on localhost (such as `127.0.0.1:80`), the rule does not match.
      Clients may use any address, for example http://10.0.0.1:8080, as the port is forwarded.
      Versions before 6.0 listened for Thrift on port 9160 when it was enabled.
      """)
  void anExampleAddressOrAPortOfOlderVersionsIsNoPortToOpen(String sentence) {
    assertThat(ProsePorts.read(sentence, true, true, null)).allMatch(st -> st.services().isEmpty() || st.notToOpen());
  }

  @Test
  void bulletsInsideACellAreListItemsUnderTheirLeadIn() {
    String cell = "The check tries these protocols and TCP ports against the source server: ; \u2022 SOCKS4, SOCKS5: 1081, 1080 ; "
        + "\u2022 Wingate, Telnet, Cisco: 23 ; \u2022 HTTP CONNECT: 6588 ; You can turn the check off.";
    assertThat(ProsePortsTest.read(cell)).isEqualTo("tcp/1081,1080 tcp/23 tcp/6588");
  }
}
