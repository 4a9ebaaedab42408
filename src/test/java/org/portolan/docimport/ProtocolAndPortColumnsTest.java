package org.portolan.docimport;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;
import org.portolan.docimport.DocImporter.Format;

/**
 * Tables whose Protocol column names application protocols, tables with several listening-port
 * columns, and prose or lead-ins that name ports not to open.
 */
class ProtocolAndPortColumnsTest {
  static Draft draft(String text, Format format) {
    return DocImporter.importText("page", text, format, "p");
  }

  static Set<String> pairs(String text, Format format) {
    return Recovery.pairs(draft(text, format).product());
  }

  @Test
  void anApplicationProtocolNamesItsTransport() {
    String page = """
        | Port | Protocol | Description |
        |----|----|----|
        | 15001 | TCP | Envoy outbound |
        | 15004 | HTTP | Debug port |
        | 15008 | H2 | HBONE mTLS tunnel port |
        | 15012 | GRPC | XDS and CA services (TLS and mTLS) |
        | 15017 | HTTPS | Webhook container port |
        | 4433 | QUIC | HTTP/3 listener |
        | 8443 | HTTP(S) | Console |
        | 9443 | WebSocket Secure | Events |
        """;
    assertThat(pairs(page, Format.MARKDOWN)).containsExactlyInAnyOrder("tcp/15001", "tcp/15004", "tcp/15008", "tcp/15012", "tcp/15017", "udp/4433",
        "tcp/8443", "tcp/9443");
    assertThat(draft(page, Format.MARKDOWN).toYaml()).contains("names the application protocol GRPC, carried over TCP");
  }

  @Test
  void aProtocolCarriedOverEitherTransportTakesWhatTheRowSaysOrIsLeftForReview() {
    String page = """
        | Port | Protocol | Description |
        |----|----|----|
        | 15053 | DNS | DNS proxy port, when capture is enabled (UDP and TCP) |
        | 5353 | DNS | Resolver for the pods |
        | 8053 | DNS | Resolver over TCP only |
        """;
    Draft d = draft(page, Format.MARKDOWN);
    assertThat(Recovery.pairs(d.product())).containsExactlyInAnyOrder("udp/15053", "tcp/15053", "tcp/8053");
    assertThat(d.reviewsOf("product")).anyMatch(r -> r.contains("'DNS' on 5353 is carried over UDP or TCP and the row does not say which"));
  }

  @Test
  void everyListeningPortColumnIsRead() {
    String adoc = """
        [cols="2,1,1,3"]
        |===
        | Port Name | Default Port Number (Unencrypted) | Default Port Number (TLS) | Description

        | `rest_port` / `ssl_rest_port`
        | 8091
        | 18091
        | Cluster administration REST/HTTP traffic

        | `epmd`
        | 4369
        | N/A
        | Erlang Port Mapper
        |===
        """;
    assertThat(pairs(adoc, Format.ASCIIDOC)).containsExactlyInAnyOrder("tcp/8091", "tcp/18091", "tcp/4369");
    String md = """
        | Service | HTTP port | HTTPS port | Port description |
        |----|----|----|----|
        | Web UI | 8080 | 8443 | redirects 8081 to the UI |
        | API | 9000 | - | REST |
        """;
    assertThat(pairs(md, Format.MARKDOWN)).containsExactlyInAnyOrder("tcp/8080", "tcp/8443", "tcp/9000");
  }

  @Test
  void portsNamedAsNotToOpenGiveNoRequirementButAReviewNote() {
    String html = """
        <html><body><h2>Port requirements</h2>
        <table><tr><th>Service</th><th>Ports</th><th>Protocol</th></tr>
        <tr><td>HTTPS</td><td>443</td><td>TCP</td></tr></table>
        <p>In addition, ports 8080, 8443 and 749 must be free, as the server uses them internally. Do not open
        these ports; leave them blocked by a firewall.</p>
        <p>The following ports are used on the loopback interface only; do not open them:</p>
        <ul><li>9443/tcp: internal API</li><li>9444/tcp: internal metrics</li></ul>
        </body></html>
        """;
    Draft d = draft(html, Format.HTML);
    assertThat(Recovery.pairs(d.product())).containsExactly("tcp/443");
    assertThat(d.reviewsOf("product")).anyMatch(r -> r.contains("tcp/8080,8443,749 named as ports not to open"));
    assertThat(d.reviewsOf("product")).anyMatch(r -> r.contains("do not open them") && r.contains("named as ports not to open"));
  }

  @Test
  void anArrowCellNamesTheInitiatorAndTheResponder() {
    String md = """
        | Component communication | Default port |
        | --- | --- |
        | Elastic Agent → Fleet Server | 8220 |
        | Fleet Server -> Elasticsearch | 9200 |
        | Fleet Server to Kibana | 5601 |
        """;
    org.portolan.model.Product p = SeedRecoveryTest.reload(draft(md, Format.MARKDOWN));
    assertThat(DocImporterTest.flow(p, "elastic-agent", "fleet-server", "tcp/8220")).isPresent();
    assertThat(DocImporterTest.flow(p, "fleet-server", "elasticsearch", "tcp/9200")).isPresent();
    assertThat(DocImporterTest.flow(p, "fleet-server", "kibana", "tcp/5601")).isPresent();
    String redirect = """
        | Port | Notes |
        | --- | --- |
        | 80 | Redirects 80 -> 443 |
        """;
    assertThat(draft(redirect, Format.MARKDOWN).product().requirements().getFirst().initiator()).isEqualTo(DraftPasses.UNKNOWN_FROM);
  }

  @Test
  void aProtocolCellSayingNAAndAnAddressInThePortCell() {
    String html = """
        <table><tr><th>Service</th><th>Default Ports Used</th><th>Protocol</th><th>Description</th></tr>
        <tr><td>ZooKeeper Server</td><td>2181</td><td>N/A</td><td>Clients connect here.</td></tr>
        <tr><td>Discovery</td><td>224.1.1.1:36699</td><td>UDP (Multicast)</td><td>Parent-child discovery</td></tr>
        <tr><td>Pods</td><td>N/A</td><td>Any</td><td>10.42.0.0/16</td></tr>
        </table>
        """;
    assertThat(pairs(html, Format.HTML)).containsExactlyInAnyOrder("tcp/2181", "udp/36699");
  }
}
