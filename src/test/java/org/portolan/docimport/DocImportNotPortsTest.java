package org.portolan.docimport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.portolan.docimport.ProtocolAndPortColumnsTest.pairs;

import org.junit.jupiter.api.Test;
import org.portolan.docimport.DocImporter.Format;

/**
 * Round 10b: numbers that are not ports on pages that do list ports: the month and day of an
 * ISO date, the page numbers of a table of contents. Each case is a shape real pages have, in
 * other words than any corpus page, with a near miss that must stay as it is.
 */
class DocImportNotPortsTest {

  // ISO dates in a tab-separated overview line: STIG viewers ("STIG Date<TAB>2025-05-14"), vendor
  // release notes ("Published 2024-03-18"), KB pages ("Last updated 2023-11-02"). "2025-05-14" is one
  // date, not port 2025 and a range 5-14.
  @Test
  void theMonthAndDayOfAnIsoDateAreNoPortRange() {
    String text = """
        Firewall rules must allow the agent to reach its server.

        Description

        The agent connects to the server over TCP port 9443.

        Guide Date
        Acme Agent Hardening Guide\t2024-03-18
        """;
    assertThat(pairs(text, Format.TEXT)).containsExactly("tcp/9443");
  }

  @Test
  void theSameDateInProse() {
    String md = """
        # Ports

        Port list as of 2024-03-18: the collector listens on UDP port 2055.
        """;
    assertThat(pairs(md, Format.MARKDOWN)).containsExactly("udp/2055");
  }

  @Test
  void aRangeAfterAYearLikeNumberIsStillARange() {
    String md = """
        # Ports

        The media relays use UDP ports 2000-2010.
        The signalling service listens on TCP 2048-2049.
        """;
    assertThat(pairs(md, Format.MARKDOWN)).contains("udp/2000", "udp/2005", "udp/2010", "tcp/2048", "tcp/2049");
  }

  // PDF-to-text tables of contents: each entry ends in its page number, "FortiGate open ports 6",
  // "Network ports ........ 14" (Fortinet's and Cisco's port guides, VMware's PDF reference guides).
  @Test
  void thePageNumbersOfATableOfContentsAreNoPorts() {
    String text = """
        Appliance Port Reference

        CONTENTS

        Overview 3
        Appliance open ports 7
        Collector open ports 11
        Agent open ports 18

        Appliance open ports

        Purpose                 Protocol/Port
          Web console           TCP/443
          Syslog intake         UDP/514
        """;
    assertThat(pairs(text, Format.TEXT)).containsExactlyInAnyOrder("tcp/443", "udp/514");
  }

  @Test
  void dotLeadersBeforeAPageNumberGiveNoPort() {
    String md = """
        # Reference

        TCP listening ports .............. 27

        The console listens on TCP port 8443.
        """;
    assertThat(pairs(md, Format.MARKDOWN)).containsExactly("tcp/8443");
  }

  @Test
  void aPortsSectionAfterTheContentsIsReadAsBefore() {
    String text = """
        Contents

        Ports 4

        Ports

        The appliance listens on TCP port 22 for SSH and on port 8080 for the API.
        """;
    assertThat(pairs(text, Format.TEXT)).contains("tcp/22", "tcp/8080");
  }

  // IP protocol numbers beside ports: VRRP "IP protocol 112" (Infoblox, F5, Palo Alto HA pages), OSPF 89, GRE 47,
  // ESP 50 in VPN port lists. A protocol number is no TCP or UDP port, even where the sentence says "port".
  @Test
  void anIpProtocolNumberIsNoPort() {
    String md = """
        # Firewall ports

        Note: GRE tunnels use IP protocol 47 and need no TCP or UDP port. Allow IP protocol number 47 between the routers.
        The tunnel controller listens on TCP port 8470.
        """;
    assertThat(pairs(md, Format.MARKDOWN)).containsExactly("tcp/8470");
  }

  @Test
  void theSameInAHtmlNote() {
    String html = """
        <h2>Ports</h2>
        <p>The HA heartbeat uses UDP port 7302.</p>
        <p><b>Note:</b> VRRP uses IP protocol 112; it has no TCP or UDP port.</p>
        """;
    assertThat(pairs(html, Format.HTML)).containsExactly("udp/7302");
  }

  @Test
  void aPortAfterTheWordProtocolIsStillAPort() {
    String md = """
        # Ports

        The IP protocol gateway listens on TCP port 3128, and the protocol translator on UDP port 4789.
        """;
    assertThat(pairs(md, Format.MARKDOWN)).containsExactlyInAnyOrder("tcp/3128", "udp/4789");
  }

  // Ports a page keeps "for reference": a section headed "Ports no longer used" / "Removed ports" (Check Point's
  // sk52421, Citrix and Veeam port pages keep such lists), or a row whose note says "not used since 9.0".
  @Test
  void aSectionHeadedNoLongerUsedListsNoPortsToOpen() {
    String html = """
        <h2>Management ports</h2>
        <ul><li>TCP 9440 - management console</li></ul>
        <h3>Ports no longer used</h3>
        <ul>
        <li>TCP 9330 (old_sync) - the replication daemon, dropped in 5.2.</li>
        <li>UDP 9331 (old_beacon) - replaced by the TCP heartbeat.</li>
        </ul>
        """;
    assertThat(pairs(html, Format.HTML)).containsExactly("tcp/9440");
  }

  @Test
  void aRowNotUsedSinceAReleaseIsNoPortToOpen() {
    String html = """
        <h2>Server ports</h2>
        <table>
        <tr><th>Port</th><th>Protocol</th><th>Service</th><th>Notes</th></tr>
        <tr><td>9440</td><td>TCP</td><td>Console</td><td>&nbsp;</td></tr>
        <tr><td>9330</td><td>TCP</td><td>Old sync</td><td>Not used since 5.2; listed for completeness.</td></tr>
        </table>
        """;
    assertThat(pairs(html, Format.HTML)).containsExactly("tcp/9440");
  }

  @Test
  void aPortUsedInOneReleaseOnlyIsStillAPort() {
    String html = """
        <h2>Server ports</h2>
        <table>
        <tr><th>Port</th><th>Protocol</th><th>Service</th><th>Notes</th></tr>
        <tr><td>9440</td><td>TCP</td><td>Console</td><td>&nbsp;</td></tr>
        <tr><td>9330</td><td>TCP</td><td>Sync</td><td>Used since 5.2; not used by clients.</td></tr>
        </table>
        <h3>Ports no longer needed after setup</h3>
        <p>After the initial setup SSH on TCP port 22 is no longer needed.</p>
        """;
    assertThat(pairs(html, Format.HTML)).contains("tcp/9440", "tcp/9330");
  }

  // The client's ephemeral source range stated once for a whole table: Skype for Business Edge, Infoblox NIOS and
  // Webex Video Mesh port pages ("the source port of every row is any port (1024-65535)"). It says where the
  // client's packets come from; only the destination ports are opened.
  @Test
  void theClientsSourcePortRangeIsNoPortToOpen() {
    String md = """
        # Firewall ports

        The source port of every connection is any unprivileged port (1024-65535) unless a row names one.

        | Port | Protocol | Purpose |
        |------|----------|---------|
        | 8443 | TCP | Management console |
        """;
    assertThat(pairs(md, Format.MARKDOWN)).containsExactly("tcp/8443");
  }

  @Test
  void aDestinationPortNamedAfterTheSourcePortIsStillAPort() {
    String md = """
        # Firewall ports

        Clients connect from any source port to the destination TCP port 8443 on the console.
        """;
    assertThat(pairs(md, Format.MARKDOWN)).containsExactly("tcp/8443");
  }

  // What old guides told readers to open: "Old install guides told partners to forward UDP 70 through 72", "older
  // manuals list TCP 8081" (ConnectWise, Kaseya and Veeam pages keep such notes under their legacy sections).
  @Test
  void whatOldGuidesToldReadersToOpenIsNoPort() {
    String md = """
        # Agent ports

        The agent reaches the server on TCP port 443.

        Older setup manuals told admins to forward UDP 6070 through 6072. Current agents never use them.
        """;
    assertThat(pairs(md, Format.MARKDOWN)).containsExactly("tcp/443");
  }

  @Test
  void whatTheCurrentGuideSaysIsStillAPort() {
    String md = """
        # Agent ports

        The install guide tells admins to forward UDP 6075 to the server for agent heartbeats.
        """;
    assertThat(pairs(md, Format.MARKDOWN)).containsExactly("udp/6075");
  }

  // Fact tables, one per port ("Port | Purpose | ... | Firewall status"), as ConnectWise's and other MSP firewall guides
  // write them: a "Firewall status: Closed" row says the port the table describes stays closed.
  @Test
  void aFactTableWhoseStatusIsClosedOpensNothing() {
    String html = """
        <h2>Old relay</h2>
        <table><tbody>
        <tr><td>Port</td><td>6090/UDP</td></tr>
        <tr><td>Purpose</td><td>Relay signalling</td></tr>
        <tr><td>Firewall status</td><td>Closed</td></tr>
        </tbody></table>
        <h2>Web</h2>
        <table><tbody>
        <tr><td>Port</td><td>443/TCP</td></tr>
        <tr><td>Firewall status</td><td>Open 443/TCP</td></tr>
        </tbody></table>
        """;
    assertThat(pairs(html, Format.HTML)).containsExactly("tcp/443");
  }
}
