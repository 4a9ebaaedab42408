package org.portolan.docimport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.portolan.docimport.ProtocolAndPortColumnsTest.pairs;

import org.junit.jupiter.api.Test;
import org.portolan.docimport.DocImporter.Format;

/**
 * A transport written onto the ports it belongs to ("137, 138 (UDP)", "8500 / TCP and UDP") is
 * theirs alone: a reader that takes the cell's transports for every port in it crosses them.
 */
class AttachedTransportTest {

  @Test
  void eachPartOfACellKeepsItsOwnBracketedTransport() {
    String html = """
        <h2>Ports used for remote deployment</h2>
        <table>
        <tr><th>Port</th><th>Service</th><th>From</th><th>To</th></tr>
        <tr><td>137, 138 (UDP)<br>139, 445 (TCP)</td><td>NetBIOS, SMB</td><td>Relay</td><td>Windows targets</td></tr>
        </table>
        """;
    assertThat(pairs(html, Format.HTML)).containsExactlyInAnyOrder("udp/137", "udp/138", "tcp/139", "tcp/445");
  }

  @Test
  void theSameInAMarkdownCellWithBracketedTransportsBeforeTheBreak() {
    String md = """
        ## Ports for agent push

        | Port | Purpose |
        |------|---------|
        | 500, 4500 (UDP)<br/>8443 (TCP) | IPsec tunnel, then the enrolment API |
        """;
    assertThat(pairs(md, Format.MARKDOWN)).containsExactlyInAnyOrder("udp/500", "udp/4500", "tcp/8443");
  }

  @Test
  void bothTransportsWrittenAfterASlashStayBoth() {
    String html = """
        <h2>Port descriptions</h2>
        <table>
        <tr><th>From</th><th>To</th><th>Destination port</th><th>Purpose</th></tr>
        <tr><td>Node</td><td>Node</td><td>8500 / TCP and UDP</td><td>replication</td></tr>
        <tr><td>Node</td><td>Node</td><td>9094/tcp+udp</td><td>cluster gossip</td></tr>
        </table>
        """;
    assertThat(pairs(html, Format.HTML)).contains("tcp/8500", "udp/8500", "tcp/9094", "udp/9094");
  }
}
