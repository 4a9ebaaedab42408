package org.portolan.docimport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.portolan.docimport.ProtocolAndPortColumnsTest.pairs;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.portolan.docimport.DocImporter.Format;
import org.portolan.docimport.PortEvidence.Decision;

/**
 * The evidence stage: every number a candidate, one decision for each, and the structured
 * readers' results passed through the same evidence. Each case is a shape, not a page: what
 * a number beside it says, and what the decision must be.
 */
class EvidenceScoringTest {
  private static Draft draft(String text, Format format) {
    return DocImporter.importText("page", text, format, "p");
  }

  private static List<Decision> decisions(String text, Format format) {
    SourceDocument doc = DocImporter.read("page", text, format);
    return PortSweep.sweep(doc, null).stream().map(EvidenceScoring::decide).toList();
  }

  @Test
  void portsNamedInOneSentenceTakeTheTransportsAStatementInParenthesesGivesThem() {
    String md = """
        # TURN

        1. Make sure the firewall lets traffic in on the ports it listens on. Out of the box these are 3478 and 5349
           (allow both TCP and UDP on them) and 49152-65535 for the UDP relay.
        """;
    assertThat(pairs(md, Format.MARKDOWN)).containsExactlyInAnyOrder("tcp/3478", "udp/3478", "tcp/5349", "udp/5349", "udp/49152-65535");
  }

  @Test
  void aTransportStatedInTheNextSentenceReachesBackToThePorts() {
    String md = """
        # Relay

        Open the firewall for the relay on ports 3478 and 5349. Allow both TCP and UDP on them.
        """;
    assertThat(pairs(md, Format.MARKDOWN)).containsExactlyInAnyOrder("tcp/3478", "udp/3478", "tcp/5349", "udp/5349");
  }

  @Test
  void aPortWithoutAStatedTransportIsDecidedAsAReviewNoteNotARequirement() {
    List<Decision> d = decisions("Open port 8448 on the firewall for federation traffic.\n", Format.TEXT);
    assertThat(d).singleElement().isInstanceOfSatisfying(Decision.Review.class, r -> assertThat(r.why()).contains("no transport is stated"));
  }

  @Test
  void aGuessedTcpForPortsThePageCallsUdpElsewhereIsNotImported() {
    String html = """
        <table><tr><th>Port</th><th>Protocol</th><th>Purpose</th></tr><tr><td>9000-10999</td><td>UDP</td><td>RTP media</td></tr></table>
        <h2>Firewall checker</h2>
        <p>The checker tests port 5090 (TCP) and the media ports 9000-9398 from the servers.</p>
        """;
    assertThat(pairs(html, Format.HTML)).containsExactlyInAnyOrder("udp/9000-10999", "tcp/5090");
  }

  @Test
  void aPortCellThatSaysOnlyDynamicGivesAReviewNoteNotAGuessedRange() {
    String html = """
        <table><tr><th>Remote application</th><th>Protocol</th><th>Port</th></tr>
        <tr><td>SQL Server</td><td>TCP</td><td>1433</td></tr><tr><td>SQL Server</td><td>TCP</td><td>Dynamic</td></tr></table>
        """;
    Draft d = draft(html, Format.HTML);
    assertThat(Recovery.pairs(d.product())).containsExactly("tcp/1433");
    assertThat(d.reviewsOf("product")).anyMatch(r -> r.contains("tcp/dynamic(rpc)") && r.contains("without a range"));
  }

  @Test
  void transportsInsideParenthesesAfterAPortAreItsOwnNotTheNextPorts() {
    String html = "<ul><li>Outbound DNS (53, UDP and TCP) and NTP (123/udp) from every server.</li></ul>";
    assertThat(pairs(html, Format.HTML)).containsExactlyInAnyOrder("tcp/53", "udp/53", "udp/123");
  }

  @Test
  void aFootnoteMarkAfterAPortInAPortCellIsNoPort() {
    String html = """
        <table><thead><tr><th>Remote application</th><th>Protocol</th><th>Port</th><th>Direction</th></tr></thead><tbody>
        <tr><td>PI AF server</td><td>TCP</td><td>1433 <sup>(2)</sup></td><td>Inbound</td></tr>
        <tr><td>Domain Controller</td><td>TCP/UDP</td><td>389 <sup>(5)</sup></td><td>Outbound</td></tr>
        </tbody></table>
        <p>(2) A dynamic port can be configured instead.</p>
        """;
    Draft d = draft(html, Format.HTML);
    assertThat(Recovery.pairs(d.product())).containsExactlyInAnyOrder("tcp/1433", "tcp/389", "udp/389");
    assertThat(d.reviewsOf("product")).anyMatch(r -> r.contains("tcp/2 read by a table or sentence reader, but not imported: a footnote mark"));
  }

  @Test
  void aRowThatSaysItsNumbersAreNotPortsGivesNothing() {
    String html = """
        <table><tr><th>From (Sender)</th><th>To (Listener)</th><th>Destination Port</th><th>Purpose</th></tr>
        <tr><td>Endpoint</td><td>Server</td><td>7 / ICMP</td><td>Internet Control Message Protocol (ICMP). This protocol number carries echo-related
        traffic. It does not constitute a port as indicated in the column heading.</td></tr>
        <tr><td>Gateway</td><td>Server</td><td>47, 50, 51</td><td>GRE, ESP, AH. These protocol numbers carry encrypted IPSec traffic. They do not
        constitute a port as indicated in the column heading.</td></tr>
        <tr><td>Phone</td><td>Server</td><td>2000 / TCP</td><td>SCCP.</td></tr>
        </table>
        """;
    assertThat(pairs(html, Format.HTML)).containsExactly("tcp/2000");
  }

  @Test
  void aPortThePageSaysIsNoLongerUsedUnderTheSameHeadingIsNotImported() {
    String html = """
        <h2>Redundancy</h2>
        <p>In version 7.9, redundancy used its own connection on port 8750 (TCP). From 8.0 on, redundant pairs talk over the gateway
        network and port 8750 is no longer used.</p>
        <p>The gateway network listens on TCP port 8060.</p>
        """;
    assertThat(pairs(html, Format.HTML)).containsExactly("tcp/8060");
  }

  @Test
  void aNegationThatNamesATransportTakesAwayOnlyThatTransport() {
    String html = """
        <h2>Memcached</h2>
        <table><tr><th>Port</th><th>Protocol</th><th>Service</th></tr><tr><td>11211</td><td>TCP</td><td>memcached</td></tr></table>
        <p>Its UDP listener is switched off and UDP 11211 must not be opened at all.</p>
        """;
    assertThat(pairs(html, Format.HTML)).containsExactly("tcp/11211");
  }

  @Test
  void aListItemThatSaysItsPortWasRemovedGivesNothing() {
    String html = """
        <h2>Ports</h2>
        <table><tr><th>Port</th><th>Protocol</th><th>Service</th></tr><tr><td>7306</td><td>TCP</td><td>MySQL</td></tr></table>
        <p>Ports of older releases:</p>
        <ul><li>7307 (logger MySQL): removed together with the old logger database.</li></ul>
        """;
    assertThat(pairs(html, Format.HTML)).containsExactly("tcp/7306");
  }

  @Test
  void theNumbersOfAPacketTraceAreNoPorts() {
    String text = """
        Network trace of a successful bind

        Tcp: Flags=......S., SrcPort=52702, DstPort=DCE endpoint resolution(135), PayloadLen=0, Seq=722369472, Ack=0, Win=8192 {TCP:36, IPv4:7}
        """;
    assertThat(decisions(text, Format.TEXT)).noneMatch(d -> d instanceof Decision.Take);
  }

  @Test
  void aSlashBetweenTwoPortsIsAListAndAfterAnAddressAPrefixLength() {
    assertThat(decisions("Allow TCP ports 80/443 from 10.0.0.0/8.\n", Format.TEXT)).filteredOn(d -> d instanceof Decision.Take)
        .extracting(d -> d.candidate().ports().notation()).containsExactlyInAnyOrder("80", "443");
  }

  @Test
  void boundsYearsSizesAndVersionsAreNoPortsEvenBesidePortWords() {
    String text = "Ports above >1023 are ephemeral. The 2019 release opened TCP ports faster; allow 512 MB for the port cache in version 8080.\n";
    assertThat(decisions(text, Format.TEXT)).noneMatch(d -> d instanceof Decision.Take);
  }

  @Test
  void aComposePublishedPortUnderAHeadingAboutPortsIsTcpUnlessItSaysUdp() {
    String md = """
        # Ports

        ```yaml
        services:
          relay:
            ports:
              - "8443:8443"
              - "3478:3478/udp"
        ```
        """;
    assertThat(pairs(md, Format.MARKDOWN)).containsExactlyInAnyOrder("tcp/8443", "udp/3478");
  }

  @Test
  void aListeningAddressOnEveryInterfaceIsAPortAndTheNextSentenceGivesItsTransports() {
    String md = """
        # Ingestion

        - Graphite plaintext protocol when `-graphiteListenAddr` is set, e.g. `-graphiteListenAddr=:2003`. It listens on both TCP and UDP at the given address.
        """;
    assertThat(pairs(md, Format.MARKDOWN)).containsExactlyInAnyOrder("tcp/2003", "udp/2003");
  }

  @Test
  void aComposePortsListIsAListOfPublishedPortsUnderAnyHeading() {
    String md = """
        # Launch the proxy

        ```yaml
        services:
          proxy:
            image: proxy:v3
            ports:
              # The HTTP port
              - "80:80"
              - "8080:8080"
            volumes:
              - /var/run/docker.sock:/var/run/docker.sock
        ```
        """;
    assertThat(pairs(md, Format.MARKDOWN)).containsExactlyInAnyOrder("tcp/80", "tcp/8080");
  }

  @Test
  void aRefusalThatPointsBackPastASentenceWithoutNumbersStillReachesThePort() {
    String html = """
        <h2>Agent port</h2>
        <p>The agent still opens the port set in its ownPort property (9090 by default). It was used by the old bidirectional protocol.
        Now the server never connects to this port and it does not need to be opened in any firewall.</p>
        <pre>
        ## Port to start the agent on
        ownPort=9090
        </pre>
        <h2>Server</h2>
        <p>Agents connect to the server on TCP port 8111.</p>
        """;
    assertThat(pairs(html, Format.HTML)).containsExactly("tcp/8111");
  }
}
