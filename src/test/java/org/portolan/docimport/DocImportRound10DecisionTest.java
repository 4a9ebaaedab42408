package org.portolan.docimport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.portolan.docimport.ProtocolAndPortColumnsTest.pairs;

import org.junit.jupiter.api.Test;
import org.portolan.docimport.DocImporter.Format;

/**
 * Round 10: the structured readers' numbers enter the one decision ({@link
 * EvidenceScoring#decideReading}) with the sweep's evidence for the same line and number, so
 * what the sweep knows about a number covers every reader. Each case is a shape real vendor
 * pages have, in other words than any corpus page, with a near miss that must stay as it is.
 */
class DocImportRound10DecisionTest {

  // Thousands separators: "49,152 to 65,535" on port-range primers (ronbert.com "Ports"), "39,999" in
  // Symantec's SEPM port table, "10,000" in Ray's docs. One number, not a list of two ports.
  @Test
  void aNumberWithAThousandsSeparatorIsOnePortNotTwo() {
    String html = """
        <h2>Communication ports</h2>
        <table>
        <tr><th>Port</th><th>Used by</th></tr>
        <tr><td>UDP 48,211</td><td>Enforcer heartbeat</td></tr>
        <tr><td>TCP 8443</td><td>Console</td></tr>
        </table>
        """;
    assertThat(pairs(html, Format.HTML)).containsExactlyInAnyOrder("udp/48211", "tcp/8443");
  }

  @Test
  void theSameInProse() {
    String md = """
        # Network

        The relay listens on UDP port 20,001 for agent beacons.
        """;
    assertThat(pairs(md, Format.MARKDOWN)).containsExactly("udp/20001");
  }

  @Test
  void aCommaListWhoseJoinIsNoPortStaysAList() {
    String md = """
        # Network

        | Port | Protocol | Purpose |
        |------|----------|---------|
        | 80,443 | TCP | Web console |
        """;
    assertThat(pairs(md, Format.MARKDOWN)).containsExactlyInAnyOrder("tcp/80", "tcp/443");
  }

  // The RPC dynamic range stated with its numbers: CyberArk's and VMware Horizon's port tables ("135, 49152-65535 …
  // the dynamic RPC range"), BeyondTrust's Jumpoint page, and KB pages on restricting it (jonesthenetwork KBA-028:
  // "Windows Server 2008 and later | 49152–65535"). The numbers are the statement; a named dynamic range beside them
  // would say it twice and as a guess.
  @Test
  void aStatedRpcRangeIsNotAlsoAGuessedDynamicRange() {
    String html = """
        <h2>Firewall rules</h2>
        <table>
        <tr><th>Source</th><th>Destination</th><th>Protocol</th><th>Port</th><th>Notes</th></tr>
        <tr><td>Vault agent</td><td>Windows hosts</td><td>TCP</td><td>135, 50000-59999</td><td>Endpoint mapper and the dynamic RPC range configured on the hosts.</td></tr>
        </table>
        """;
    assertThat(pairs(html, Format.HTML)).containsExactlyInAnyOrder("tcp/135", "tcp/50000-59999");
  }

  @Test
  void dynamicRpcWithoutARangeIsStillTheDynamicTerm() {
    // The near miss: "negotiate dynamic RPC ports" with no numbers is the page's only statement of the range (SCCM's seed).
    String html = """
        <h2>Firewall rules</h2>
        <table>
        <tr><th>Source</th><th>Destination</th><th>Protocol</th><th>Port</th><th>Notes</th></tr>
        <tr><td>Console</td><td>Site server</td><td>TCP</td><td>135</td><td>Used to start the session and negotiate dynamic RPC ports.</td></tr>
        </table>
        """;
    assertThat(pairs(html, Format.HTML)).containsExactlyInAnyOrder("tcp/135", "tcp/dynamic(rpc)");
  }

  // A transport written onto some ports of a cell ("67 (UDP), 69 (UDP), 111, 2049") under a page note "ports are TCP
  // unless UDP is indicated": Jamf Pro's port list, Apple's "TCP and UDP ports used by Apple software products"
  // ("123 (UDP)"), Kaseya's port list. The UDP is 67's and 69's; the unmarked ports take the page's TCP.
  @Test
  void aTransportWrittenOntoSomePortsOfACellIsNotTheOthers() {
    String html = """
        <p>Every port below is TCP unless UDP is specifically indicated.</p>
        <h2>Imaging services</h2>
        <table>
        <tr><th>Port</th><th>Service</th></tr>
        <tr><td>68 (UDP), 4011 (UDP), 873, 3260</td><td>DHCP, PXE, rsync, iSCSI</td></tr>
        </table>
        """;
    assertThat(pairs(html, Format.HTML)).containsExactlyInAnyOrder("udp/68", "udp/4011", "tcp/873", "tcp/3260");
  }

  @Test
  void aTransportAfterTheLastPortOfAListIsTheWholeLists() {
    // The near miss: "500, 4500 (UDP)" is one list with its transport at the end; both are UDP.
    String html = """
        <p>Every port below is TCP unless UDP is specifically indicated.</p>
        <h2>Tunnel</h2>
        <table>
        <tr><th>Port</th><th>Service</th></tr>
        <tr><td>500, 4500 (UDP)</td><td>IKE and NAT traversal</td></tr>
        </table>
        """;
    assertThat(pairs(html, Format.HTML)).containsExactlyInAnyOrder("udp/500", "udp/4500");
  }

  // A footnote mark on a transport cell ("TCP/UDP¹") that stands for a note splitting it, beside rows that give each
  // port its own transport: Backup Exec's port table (push installation). The search found no second page of the shape;
  // the rule is kept narrow for that reason: only where the page itself gives the port one transport in a row of its own.
  @Test
  void aFootnotedTransportCellTakesEachPortsOwnRow() {
    String html = """
        <h2>Agent ports</h2>
        <table>
        <tr><th>Service</th><th>Port</th><th>Port type</th></tr>
        <tr><td>Endpoint mapper</td><td>135</td><td>TCP</td></tr>
        <tr><td>Name service</td><td>137</td><td>UDP</td></tr>
        <tr><td>Remote push of the agent</td><td>135, 137</td><td>TCP/UDP <sup>2</sup></td></tr>
        </table>
        <p><sup>2</sup> The push uses each port over the transport listed in its own row.</p>
        """;
    assertThat(pairs(html, Format.HTML)).containsExactlyInAnyOrder("tcp/135", "udp/137");
  }

  @Test
  void theSameWithAStarInAMarkdownTable() {
    String md = """
        ## Agent ports

        | Service | Port | Protocol |
        |---------|------|----------|
        | Syslog | 514 | UDP |
        | Agent API | 8089 | TCP |
        | Forwarding | 514, 8089 | TCP, UDP* |

        \\* Each port keeps the transport of its own row.
        """;
    assertThat(pairs(md, Format.MARKDOWN)).containsExactlyInAnyOrder("udp/514", "tcp/8089");
  }

  @Test
  void anUnmarkedTransportCellKeepsBothTransports() {
    // The near miss: "53 | TCP/UDP" without a mark beside "53 | UDP" elsewhere states both.
    String html = """
        <h2>Resolver ports</h2>
        <table>
        <tr><th>Service</th><th>Port</th><th>Port type</th></tr>
        <tr><td>Queries</td><td>53</td><td>UDP</td></tr>
        <tr><td>Zone transfers and large answers</td><td>53</td><td>TCP/UDP</td></tr>
        </table>
        """;
    assertThat(pairs(html, Format.HTML)).containsExactlyInAnyOrder("tcp/53", "udp/53");
  }

  // iptables rules, where "-p" names the transport of the rule's "--dport": CloudStack's NFS share guide, Red Hat's NFS
  // firewall steps ("-A INPUT -p udp --dport 111"), Zabbix's "iptables -I INPUT -p tcp -m tcp --dport 10051 -j ACCEPT".
  // Several rules in one block, read as one text, must not lend each other their transports.
  @Test
  void eachIptablesRuleGivesItsOwnPortItsOwnTransport() {
    String rst = """
        Open the firewall ports
        =======================

        Add these rules at the top of the INPUT chain:

        .. parsed-literal::

           -A INPUT -s 198.18.0.0/24 -p tcp -m tcp --dport 10051 -j ACCEPT
           -A INPUT -s 198.18.0.0/24 -p udp --dport 4789 -j ACCEPT
           -A INPUT -s 198.18.0.0/24 -p tcp --dport 8472 -j ACCEPT
        """;
    assertThat(pairs(rst, Format.RST)).containsExactlyInAnyOrder("tcp/10051", "udp/4789", "tcp/8472");
  }

  @Test
  void theSameInAFencedShellBlock() {
    String md = """
        ## Firewall ports

        ```sh
        iptables -A INPUT -p udp --dport 1812 -j ACCEPT
        iptables -A INPUT -p tcp --dport 2083 -j ACCEPT
        ```
        """;
    assertThat(pairs(md, Format.MARKDOWN)).containsExactlyInAnyOrder("udp/1812", "tcp/2083");
  }

  @Test
  void aSourcePortOfARuleIsNoPortToOpen() {
    // The near miss: "--sport" is where the peer's packets come from; only the "--dport" rule is a port to open.
    String md = """
        ## Firewall ports

        ```sh
        iptables -A INPUT -p udp --sport 123 -j ACCEPT
        iptables -A INPUT -p tcp --dport 2083 -j ACCEPT
        ```
        """;
    assertThat(pairs(md, Format.MARKDOWN)).containsExactly("tcp/2083");
  }

  // An example value of a port the reader chooses: Deep Security's "the proxy port is whatever you configure (for example
  // TCP 3128 for a Squid proxy)", BeyondTrust's "the TCP ports you list in the tunnel definition (for example 1433 …)",
  // Backup Exec's "set a static port …, for example 1125", and its "In this example, 9999 is the new port number".
  @Test
  void anExampleOfAPortTheReaderChoosesIsNoPortOfTheProduct() {
    String html = """
        <h2>Firewall ports</h2>
        <table>
        <tr><th>Port</th><th>Purpose</th></tr>
        <tr><td>TCP 8443</td><td>Console</td></tr>
        <tr><td>Outbound proxy</td><td>The port you set for your HTTP proxy, e.g. TCP 8888 for Privoxy.</td></tr>
        </table>
        """;
    assertThat(pairs(html, Format.HTML)).containsExactly("tcp/8443");
  }

  @Test
  void aServicesFileLineFollowedByInThisExampleIsAnExample() {
    String html = """
        <h2>Changing the NDMP port</h2>
        <p>Edit the services file and change the ndmp line:</p>
        <pre>ndmp 12000/tcp # Network Data Management Protocol</pre>
        <p>In this example, 12000 is the new port number.</p>
        """;
    assertThat(pairs(html, Format.HTML)).isEmpty();
  }

  @Test
  void anExampleThatGivesTheDefaultStaysAPort() {
    // The near miss: "the listener port of each database, for example TCP 1433" (CyberArk CPM) and "the port used to serve
    // clients, for example 6379" (Redis cluster) name the port the product uses, not a value to choose.
    String html = """
        <h2>Ports the agent needs</h2>
        <ul><li>Databases: the listener port of each one, for example TCP 5432 for PostgreSQL.</li></ul>
        """;
    assertThat(pairs(html, Format.HTML)).containsExactly("tcp/5432");
  }

  // An option that is one end of a range, described in a paragraph under its list item: ejabberd's listener options
  // ("turn_max_port … The default is 65535."), coturn's "max-port" ("Upper bound of the UDP relay endpoints. Default: 65535"),
  // Ray's "--max-worker-port … Default: 19999".
  @Test
  void theDefaultOfARangesEndInTheParagraphUnderItsItemIsNoPort() {
    String md = """
        ## relay listener options

        - **relay_max_port**: *Integer*

            Highest port that relay allocations use.
            The default is 60999.

        - **relay_min_port**: *Integer*

            Lowest port that relay allocations use. Default: 50000.
        """;
    assertThat(pairs(md, Format.MARKDOWN)).isEmpty();
  }

  @Test
  void theDefaultOfAPortOptionStaysAPort() {
    // The near miss: an option that is the port itself keeps its default.
    String md = """
        ## relay listener options

        - **relay_port**: *Integer*

            The port clients connect to over TCP. The default is 5349.
        """;
    assertThat(pairs(md, Format.MARKDOWN)).containsExactly("tcp/5349");
  }
}
