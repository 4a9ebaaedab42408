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

  // ---- a section that is an example -------------------------------------------------------

  @Test
  void aPortSetUnderAnExampleHeadingIsAnExampleValue() {
    String html = """
        <h2>Configuring the admin listener</h2>
        <p>The console listens for HTTPS on TCP port 7443 by default.</p>
        <h2>Example</h2>
        <p>The following command also opens the plain HTTP listener on port 7080:</p>
        <pre><code>consolectl set http.port 7080</code></pre>
        """;
    assertThat(pairs(html, Format.HTML)).contains("tcp/7443").doesNotContain("tcp/7080");
  }

  @Test
  void anExampleHeadingInMarkdownWithATitleIsOneToo() {
    String md = """
        # Ports

        The broker listens on TCP port 5672.

        ## Example: a second listener

        To add a listener, tell the broker to listen on TCP port 5680 as well.
        """;
    assertThat(pairs(md, Format.MARKDOWN)).contains("tcp/5672").doesNotContain("tcp/5680");
  }

  @Test
  void aSectionNamedAfterExamplesOfSomethingElseStillStatesPorts() {
    String md = """
        ## Example deployments behind a firewall

        Every deployment must allow TCP port 5672 from the clients.
        """;
    assertThat(pairs(md, Format.MARKDOWN)).contains("tcp/5672");
  }

  // ---- an example of another port than the product's own ----------------------------------

  @Test
  void anExampleOfAnotherPortForASecondInstanceIsNoRequirement() {
    String html = """
        <h3>Registering the service</h3>
        <ol>
        <li><p>Add a line to <code>/etc/services</code>:</p>
        <pre><code>relayd       4100/tcp      # relay daemon</code></pre>
        <p>If 4100 is taken, or a second relay on the same host should listen on its own port, add another entry, for example:</p>
        <pre><code>relayd2      4190/tcp      # second relay</code></pre></li>
        </ol>
        """;
    assertThat(pairs(html, Format.HTML)).contains("tcp/4100").doesNotContain("tcp/4190");
  }

  @Test
  void anExampleAfterMovingToADifferentPortInProseIsNoRequirement() {
    String md = """
        # Network

        The dashboard listens on TCP port 3000. To run it on a different port, set `DASH_PORT`, for example to TCP 3300.
        """;
    assertThat(pairs(md, Format.MARKDOWN)).contains("tcp/3000").doesNotContain("tcp/3300");
  }

  @Test
  void anExampleOfTheProductsOwnPortIsStillRead() {
    String md = """
        # Network

        Each node needs its own port open to the others, for example TCP 7946 for gossip.
        """;
    assertThat(pairs(md, Format.MARKDOWN)).contains("tcp/7946");
  }
}
