package org.portolan.docimport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.portolan.docimport.ProtocolAndPortColumnsTest.pairs;

import org.junit.jupiter.api.Test;
import org.portolan.docimport.DocImporter.Format;

/**
 * A knowledge-base article's own metadata (view and vote counts, the date and time it was last
 * updated) sits under a title that asks about ports; its numbers are no ports, while the ports
 * the article states, in slash lists and ranges, still are.
 */
class DocImportArticleMetadataTest {

  @Test
  void anArticlesCountsAndUpdateTimeAreNoPorts() {
    String html = """
        <h1>Which TCP ports does the replication link need?</h1>
        <ul class="meta">
          <li>Views: 412</li>
          <li>Votes: 2</li>
          <li>Last Updated: 10/22/2024, 5:14:37 AM</li>
        </ul>
        <h2>Answer</h2>
        <table>
        <tr><th>Port</th><th>Purpose</th></tr>
        <tr><td>11104 (TCP)</td><td>intercluster replication</td></tr>
        </table>
        """;
    assertThat(pairs(html, Format.HTML)).containsExactly("tcp/11104");
  }

  @Test
  void aYearFirstSlashDateInMarkdownIsNoPortEither() {
    String md = """
        # Ports used by the sync agent

        Published 2023/04/05 · Downloads: 1873

        The agent listens on TCP port 7443.
        """;
    assertThat(pairs(md, Format.MARKDOWN)).containsExactly("tcp/7443");
  }

  @Test
  void aSlashListOfPortsAndARangeAreStillPorts() {
    String md = """
        # Firewall

        Open TCP 80/443/8443 to the portal, and TCP ports 5000-5014 to the workers.
        """;
    assertThat(pairs(md, Format.MARKDOWN)).contains("tcp/80", "tcp/443", "tcp/8443", "tcp/5000", "tcp/5014");
  }
}
