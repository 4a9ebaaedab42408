package org.portolan.docimport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.portolan.docimport.ProtocolAndPortColumnsTest.draft;
import static org.portolan.docimport.ProtocolAndPortColumnsTest.pairs;

import org.junit.jupiter.api.Test;
import org.portolan.docimport.DocImporter.Format;

/**
 * Round 9 (prose, code lines, evidence against): causes of the eighth blind batch's misses and
 * inventions in running text and command lines, each as the general shape vendors write, with
 * a variant in other markup or wording and a near-miss that must not give a pair.
 */
class DocImportRound9ProseTest {

  // ---- an example of how to type ports into a field ------------------------------------

  @Test
  void numbersShowingHowToWritePortsIntoAFieldAreNoPorts() {
    String html = """
        <h2>Adding a firewall exception</h2>
        <ol>
        <li>Type a name and choose the direction, the protocol and the port(s): all ports, a range of ports, or specified ports separated by commas (for example 10, 20, 30).</li>
        </ol>
        """;
    assertThat(pairs(html, Format.HTML)).isEmpty();
  }

  @Test
  void aCommaSeparatedListGivenByExampleInMarkdownIsNoPortEither() {
    String md = """
        # Allowed ports

        In the *Ports* box, list the ports to allow as a comma-separated list, e.g. 8080, 8443, 9000.
        """;
    assertThat(pairs(md, Format.MARKDOWN)).isEmpty();
  }

  @Test
  void aPortStatedBesideTheFieldSyntaxIsStillRead() {
    String md = """
        # Allowed ports

        Ports are separated by commas in the policy editor.
        The console listens on TCP port 4343, for example for the administrators' browsers.
        """;
    assertThat(pairs(md, Format.MARKDOWN)).contains("tcp/4343");
  }

  // ---- "e.g." ends no sentence ------------------------------------------------------------

  @Test
  void anExampleAfterEgIsPartOfItsSentence() {
    String md = """
        ## Coordination service

        Set `cluster.coordination.hosts` to a comma-separated list of host:port pairs, one per coordination server
        (e.g. "10.0.0.5:2281" or "10.0.0.5:3100,10.0.0.6:3101,10.0.0.7:3102").
        """;
    assertThat(pairs(md, Format.MARKDOWN)).isEmpty();
  }

  @Test
  void anExampleOfAListeningSettingShowsWhereTheProductListens() {
    String md = """
        ### Optional listeners

        - StatsD input when `-statsdListenAddr` is set, e.g. `-statsdListenAddr=:8125`. It listens on both TCP and UDP at the given address.
        """;
    assertThat(pairs(md, Format.MARKDOWN)).containsExactlyInAnyOrder("tcp/8125", "udp/8125");
  }

  @Test
  void anExampleOfAClientSettingIsNoListener() {
    String md = """
        ### Optional listeners

        - Point the agent at the collector with `-collectorAddr`, e.g. `-collectorAddr=collector.example.com:5514`. It sends over UDP.
        """;
    assertThat(pairs(md, Format.MARKDOWN)).doesNotContain("udp/5514");
  }
}
