package org.portolan.docimport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.portolan.docimport.ProtocolAndPortColumnsTest.pairs;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.portolan.docimport.DocImporter.Format;
import org.portolan.docimport.PortEvidence.Decision;
import org.portolan.model.Service;

/**
 * Round 8: causes of the inventions on the seventh blind batch, each as a shape. The evidence
 * stage decides, and what a structured reader read passes that decision: a reader's port the
 * sweep reads as an example, a page number, or a port whose sentence gives its transport to
 * another port is not imported.
 */
class DocImportRound8Test {

  @Test
  void aTransportAttachedToALaterRangeIsNotTheTransportOfThePortsBeforeIt() {
    String md = """
        # Cloud setup

        When you create the machine, add inbound rules so that it accepts connections on ports 80 and 443 and on the UDP port range 20000-25000.
        """;
    assertThat(pairs(md, Format.MARKDOWN)).doesNotContain("udp/80", "udp/443").contains("udp/20000-25000");
  }

  @Test
  void aPortPickedOutOfARangeForATestIsNotARequirementOfItsOwn() {
    String md = """
        # Checking the forwarding

        The media range 20000-25000/udp must be forwarded. To check it, listen for UDP on port 21500 (any port of the range will do):
        """;
    assertThat(pairs(md, Format.MARKDOWN)).contains("udp/20000-25000").doesNotContain("udp/21500");
  }

  @Test
  void aSentenceThatIsAnExampleAsAWholeGivesNoRequirementEvenWhenAReaderReadsIt() {
    String md = """
        # Assigning ports by hand

        Each process can be moved to a port of your choice.

        For example, to move the second renderer process to port 7702:

        ```
        toolctl set-port --process renderer --index 1 7702
        ```
        """;
    assertThat(pairs(md, Format.MARKDOWN)).doesNotContain("tcp/7702");
  }

  @Test
  void aPrefixLengthAfterAnAddressPlaceholderTheMarkupBlankedIsNoPort() {
    String html = """
        <h2>Firewall ports between nodes</h2>
        <pre><code>firewall-cmd --permanent --add-rich-rule='rule family=ipv4 source address=&lt;peer_address&gt;/24 port port=7100-7200 protocol=tcp accept'</code></pre>
        """;
    assertThat(pairs(html, Format.HTML)).contains("tcp/7100-7200").doesNotContain("tcp/24");
  }

  @Test
  void pageNumbersOfAConvertedDocumentAreNoPorts() {
    String text = """
        Network ports of the suite

        4 ---------------------------------------------------------------- Ports used by the suite

        The dispatcher listens on TCP port 3610.

        7
        """;
    assertThat(pairs(text, Format.TEXT)).containsExactly("tcp/3610");
  }

  @Test
  void anAsciiDocCellSpanningRowsGivesItsTransportToEveryRowItCovers() {
    String adoc = """
        .Ports between the nodes
        [cols="1,1,3",options="header"]
        |===
        |Protocol
        |Port
        |Description

        .3+|TCP
        |`2380`
        |Peer traffic

        |`7000`-`7099`
        |Agents

        |`8200`
        |Vault

        .2+|UDP
        |`8472`
        |Overlay

        |`51820`
        |Tunnel

        |TCP/UDP
        |`30000`-`30100`
        |Node ports
        |===
        """;
    assertThat(pairs(adoc, Format.ASCIIDOC))
        .containsExactlyInAnyOrder("tcp/2380", "tcp/7000-7099", "tcp/8200", "udp/8472", "udp/51820", "tcp/30000-30100", "udp/30000-30100");
  }

  @Test
  void anAsciiDocCellSpanningColumnsFillsTheColumnsItCovers() {
    String adoc = """
        [cols="1,1,3",options="header"]
        |===
        |Protocol |Port |Description
        |TCP |9443 |Console
        2+|see the table above |Nothing here
        |UDP |4789 |Overlay
        |===
        """;
    assertThat(pairs(adoc, Format.ASCIIDOC)).containsExactlyInAnyOrder("tcp/9443", "udp/4789");
  }

  @Test
  void furtherPortsNamedInARowsDescriptionTakeTheRowsTransport() {
    String html = """
        <table><tr><th>Port</th><th>Protocol</th><th>Purpose</th></tr>
        <tr><td>7001</td><td>HTTPS</td><td>Console of the first instance. Every further instance needs one of its own. Additional ports will be 7002, 7003, etc.</td></tr>
        <tr><td>7100</td><td>UDP</td><td>Heartbeat between the instances</td></tr></table>
        """;
    assertThat(pairs(html, Format.HTML)).containsExactlyInAnyOrder("tcp/7001", "tcp/7002", "tcp/7003", "udp/7100");
    // The evidence stage itself takes them, whichever reader also does.
    List<String> taken = PortSweep.sweep(DocImporter.read("page", html, Format.HTML), null).stream().map(EvidenceScoring::decide)
        .filter(d -> d instanceof Decision.Take).flatMap(d -> ((Decision.Take) d).services().stream()).map(Service::notation).toList();
    assertThat(taken).contains("tcp/7002", "tcp/7003");
  }

  @Test
  void anRtspProtocolCellIsReadAsTcp() {
    String html = """
        <table><tr><th>Port</th><th>Protocol</th><th>Purpose</th></tr>
        <tr><td>8554</td><td>RTSP</td><td>Live streams from the cameras</td></tr></table>
        """;
    assertThat(pairs(html, Format.HTML)).containsExactly("tcp/8554");
  }

  @Test
  void aStandardsNameWithALetterAndADotIsNoPort() {
    String html = """
        <table><tr><th>Port</th><th>Protocol</th><th>Description</th></tr>
        <tr><td>1719</td><td>UDP</td><td>H.323 gatekeeper RAS port</td></tr>
        <tr><td>5061</td><td>TCP</td><td>SIP over TLS, X.509 certificates required</td></tr></table>
        """;
    assertThat(pairs(html, Format.HTML)).containsExactlyInAnyOrder("udp/1719", "tcp/5061");
    // Nothing for the review notes either: the evidence stage rejects them as numbers that are no port.
    assertThat(PortSweep.sweep(DocImporter.read("page", html, Format.HTML), null).stream().map(EvidenceScoring::decide)
        .filter(d -> d.candidate().ports().from() == 323 || d.candidate().ports().from() == 509))
        .isNotEmpty().allMatch(d -> d instanceof Decision.Reject r && r.why().contains("standard"));
  }

  @Test
  void aRuleUnderACommentThatSaysToPutYourOwnPortThereIsNotARequirement() {
    String md = """
        # Firewall rules

        ```
        # remote shell: replace it with the port your sshd listens on
        -A INPUT -p tcp -m state --state NEW --dport 2222 -j ACCEPT
        # signalling
        -A INPUT -p udp -m udp --dport 5070 -j ACCEPT
        ```
        """;
    assertThat(pairs(md, Format.MARKDOWN)).contains("udp/5070").doesNotContain("tcp/2222");
  }

  @Test
  void aPortRangeWrappedOverTwoLinesOfATextTableIsOneRange() {
    String text = """
        Ports used by the gateway

        Port      Protocol   Process          Purpose
        7400      TCP        Gateway          Management connection from
                                              the console.
        52001 -   HTTP       Gateway          Push channel for the mobile
        52050                                 clients.
        7600      UDP        Gateway          Discovery.
        """;
    assertThat(pairs(text, Format.TEXT)).containsExactlyInAnyOrder("tcp/7400", "tcp/52001-52050", "udp/7600");
  }

  @Test
  void aPortThePageSaysCanBeChosenInsteadIsNotTheOneInUse() {
    String md = """
        # Ports

        | Service | Port | Protocol | Comment |
        |---|---|---|---|
        | Web | 8800 | TCP | After setup you can configure the server to use port 81 instead. |
        """;
    assertThat(pairs(md, Format.MARKDOWN)).containsExactly("tcp/8800");
    String prose = "# Ports\n\nThe console listens on TCP port 9440. You can change it to use port 9441 when 9440 is taken.\n";
    assertThat(pairs(prose, Format.MARKDOWN)).containsExactly("tcp/9440");
  }

  @Test
  void numbersUnderADefaultColumnBesideAPortColumnOfNamesAreThePorts() {
    String html = """
        <table><tr><th>Port</th><th>Default</th><th>Description</th></tr>
        <tr><td>Collector intake port</td><td>6100</td><td>TCP port the collector opens for the probes.</td></tr>
        <tr><td>Probe discovery port</td><td>6101</td><td>UDP port the probes listen on for discovery broadcasts.</td></tr>
        <tr><td>Console port (3.2 and later)</td><td>6443</td><td>The console's web interface.</td></tr></table>
        """;
    Draft d = DocImporter.importText("page", html, Format.HTML, "p");
    assertThat(Recovery.pairs(d.product())).containsExactlyInAnyOrder("tcp/6100", "udp/6101");
    // A row without a stated transport is a review note, never a guessed TCP.
    assertThat(d.reviewsOf("product")).anyMatch(r -> r.contains("6443") && r.contains("no transport is stated"));
  }
}
