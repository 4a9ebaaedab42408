package org.portolan.docimport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.portolan.docimport.ProtocolAndPortColumnsTest.pairs;

import org.junit.jupiter.api.Test;
import org.portolan.docimport.DocImporter.Format;

/**
 * Round 9, tables, lists and matrices: causes of the misses and inventions of the eighth blind
 * batch, each written as the general shape vendors' pages have, in our own words, with a
 * variant that differs from the corpus page and a near miss that must not give a pair.
 */
class DocImportRound9TablesTest {

  // ---- a text table whose header wraps over several lines before its rule (PDF text) ----

  @Test
  void aTextTableWhoseHeaderWrapsOverSeveralLinesIsReadByTheRuleUnderIt() {
    String text = """
        Listening sockets of the media server

        Ref  Transport /       Listening        Notes
             Application       Port
             Protocol
        ---  ----------------  ---------------  ---------------------
        A    TCP/HTTPS         7443 (fixed)     Operator console
        B    UDP/STUN          3480 (fixed)     Candidate discovery
        C    TCP/TLS           7100 (fixed)     Cluster link between
                                                media servers
        """;
    assertThat(pairs(text, Format.TEXT)).containsExactlyInAnyOrder("tcp/7443", "udp/3480", "tcp/7100");
  }

  @Test
  void aWrappedHeaderWithoutAnyWordAboutPortsIsNoPortTable() {
    // The same layout listing staff extensions: no column names a port, so nothing is a port.
    String text = """
        Desk  Phone            Floor /
              Extension        Building
        ----  ---------------  ----------------
        A     4431             3/North
        B     4470             2/South
        """;
    assertThat(pairs(text, Format.TEXT)).isEmpty();
  }

  // ---- a port column whose brackets hold the range the port may be moved to ----

  @Test
  void bracketsUnderAConfigurableRangeHeaderAreNotPortsInUse() {
    String text = """
        Table 3. Gateway listening ports

        No.  Port             Protocol  Use
             (Allowed
             Range)
        ---  ---------------  --------  ------------------------
        1    6060 (6000-      UDP       Call signalling
             6999)
        2    30000-30999      UDP       Voice streams
             (20000-65000)
        """;
    assertThat(pairs(text, Format.TEXT)).containsExactlyInAnyOrder("udp/6060", "udp/30000-30999");
  }

  @Test
  void aBracketThatSaysItIsConfigurableIsAnOptionInAnHtmlTableToo() {
    String html = """
        <h2>Ports of the recorder</h2>
        <table>
        <tr><th>Port</th><th>Protocol</th><th>Purpose</th></tr>
        <tr><td>8554 (configurable: 1024-65535)</td><td>TCP</td><td>Stream pull</td></tr>
        <tr><td>8555 (8556 with TLS)</td><td>TCP</td><td>Stream push</td></tr>
        </table>
        """;
    // The first bracket is a range it may be set to; the second names a port in use (kept, as before).
    assertThat(pairs(html, Format.HTML)).contains("tcp/8554", "tcp/8555", "tcp/8556").doesNotContain("tcp/1024-65535");
  }

  // ---- an application protocol inside TLS ----

  @Test
  void aProtocolThatRunsOverEitherTransportInsideTlsIsTcp() {
    String md = """
        ## Trunk ports

        | Port | Protocol | Purpose |
        |---|---|---|
        | 5071 | TLS/SIP | Secure trunk signalling |
        | 6636 | LDAP over TLS | Directory lookups |
        """;
    assertThat(pairs(md, Format.MARKDOWN)).containsExactlyInAnyOrder("tcp/5071", "tcp/6636");
  }

  @Test
  void aProtocolThatRunsOverEitherTransportAloneStillNamesNoTransport() {
    String md = """
        ## Trunk ports

        | Port | Protocol | Purpose |
        |---|---|---|
        | 5070 | SIP | Trunk signalling |
        """;
    assertThat(pairs(md, Format.MARKDOWN)).isEmpty();
  }

  // ---- a row that advises keeping its port closed ----

  @Test
  void aRowThatSaysToKeepItsPortDisabledGivesNoRequirement() {
    String md = """
        ## Management ports

        | Port | Protocol | Service | Remarks |
        |---|---|---|---|
        | 8022 | TCP | Maintenance shell | Open by default |
        | 8023 | TCP | Plain-text maintenance shell | Unencrypted; leave it disabled |
        """;
    assertThat(pairs(md, Format.MARKDOWN)).containsExactly("tcp/8022");
  }

  @Test
  void aRowThatKeepsItsPortClosedOnlyUntilAFeatureIsUsedStillStatesIt() {
    String md = """
        ## Management ports

        | Port | Protocol | Service | Remarks |
        |---|---|---|---|
        | 4161 | UDP | Monitoring agent | Keep it closed unless monitoring is set up |
        """;
    assertThat(pairs(md, Format.MARKDOWN)).containsExactly("udp/4161");
  }

  // ---- a matrix whose columns are directions, each cell a list of "N (what)" items ----

  @Test
  void aMatrixOfDirectionColumnsGivesEveryListedPortWithThePagesStatedTransport() {
    String html = """
        <h2>Service ports</h2>
        <p>All components talk to each other over HTTPS.</p>
        <table>
        <tr><th>Component</th><th>Incoming</th><th>Outgoing</th></tr>
        <tr><td>Indexer</td><td><p>7301 (search API)</p><p>7302 (replication)</p></td><td><p>7401 (metrics store)</p></td></tr>
        <tr><td>Scheduler</td><td><ul><li>7350 (jobs API)</li><li>Any port in the range 7500 - 7510 (workers)</li></ul></td><td><p>-</p></td></tr>
        </table>
        """;
    assertThat(pairs(html, Format.HTML)).contains("tcp/7301", "tcp/7302", "tcp/7401", "tcp/7350", "tcp/7500", "tcp/7510")
        .doesNotContain("udp/7301", "tcp/7499", "tcp/7511").hasSize(15);
  }

  @Test
  void aMatrixOfDirectionColumnsOnAPageThatStatesNoTransportGivesNoPair() {
    // The same matrix with nothing saying TCP or UDP: a guessed transport would be an invented pair.
    String html = """
        <h2>Service ports</h2>
        <table>
        <tr><th>Component</th><th>Incoming</th><th>Outgoing</th></tr>
        <tr><td>Indexer</td><td><p>7301 (search API)</p><p>7302 (replication)</p></td><td><p>7401 (metrics store)</p></td></tr>
        </table>
        """;
    assertThat(pairs(html, Format.HTML)).isEmpty();
  }

  @Test
  void directionColumnsOfCountsAreNoPortMatrix() {
    String html = """
        <h2>Service ports</h2>
        <p>All components talk to each other over HTTPS.</p>
        <table>
        <tr><th>Component</th><th>Inbound</th><th>Outbound</th></tr>
        <tr><td>Indexer</td><td>Up to 40 requests per second from clients</td><td>About 12 batches an hour</td></tr>
        </table>
        """;
    assertThat(pairs(html, Format.HTML)).isEmpty();
  }

  // ---- ports built from an instance number ("47NN", "6NN10") with Default and Range columns ----

  @Test
  void anInstanceNumberPortGivesItsDefaultAndTheBlockItsRangeStates() {
    String text = """
        Network ports of the broker

        All ports are TCP unless they are marked /UDP.

        Service            Port       Default    Range (min-max)    Comment
        ------------------ ---------- ---------- ------------------ ------------------------
        Broker listener    47NN       4700       4700-4799          Client sessions
        Broker admin       6NN10      60010      60010-69910        One port in every hundred
                                                                    of the range
        Replication        47NN/UDP   4700/UDP   4700-4799/UDP      Heartbeats between peers
        """;
    assertThat(pairs(text, Format.TEXT)).contains("tcp/4700", "tcp/4700-4799", "tcp/60010", "udp/4700", "udp/4700-4799")
        .doesNotContain("tcp/60010-69910", "tcp/60110", "udp/60010");
  }

  @Test
  void anInstanceNumberColumnWithoutADefaultNumberGivesNothing() {
    // The pattern alone ("47NN") is no port: without a Default number there is nothing stated to open.
    String text = """
        All ports are TCP unless they are marked /UDP.

        Service            Port       Default    Comment
        ------------------ ---------- ---------- ------------------------
        Broker listener    47NN       Not set    Chosen at installation
        Broker admin       48NN       Not set    Chosen at installation
        """;
    assertThat(pairs(text, Format.TEXT)).isEmpty();
  }

  @Test
  void aNarrowFirstColumnWrappedUnderItsRowIsPartOfThatRow() {
    // "Relay" over "(encrypted)" and a service name under the port: one row, not two.
    String text = """
        All ports are TCP unless they are marked /UDP.

        Service            Port       Default    Comment
        ------------------ ---------- ---------- ------------------------
        Relay              52NN       5200       Relay traffic
        (encrypted)        relaysNN              between sites
        Console            9443       9443       Administration
        """;
    assertThat(pairs(text, Format.TEXT)).containsExactlyInAnyOrder("tcp/5200", "tcp/9443");
  }

  @Test
  void aPortStatedInARowOfItsOwnIsKeptInsideAnotherRowsWideRange() {
    String md = """
        ## Ports

        | Service | Port | Default | Protocol |
        |---|---|---|---|
        | Media relay | Relay port range | 40000-40999 | UDP |
        | Relay control | Control port | 40443 | UDP |
        """;
    assertThat(pairs(md, Format.MARKDOWN)).containsExactlyInAnyOrder("udp/40000-40999", "udp/40443");
  }

  // ---- a "Service" column of numbers beside a protocol column ----

  @Test
  void aServiceColumnOfNumbersBesideAProtocolColumnIsThePortColumn() {
    String html = """
        <h3>Accepted by default</h3>
        <table>
        <tr><th>Transport</th><th>Service</th><th>Meaning</th></tr>
        <tr><td>VRRP</td><td>N/A</td><td>N/A</td></tr>
        <tr><td>UDP</td><td>3784</td><td>BFD</td></tr>
        <tr><td>TCP</td><td>179</td><td>BGP</td></tr>
        </table>
        """;
    assertThat(pairs(html, Format.HTML)).containsExactlyInAnyOrder("udp/3784", "tcp/179");
  }

  @Test
  void aServiceColumnOfNamesIsNoPortColumn() {
    String html = """
        <h3>Accepted by default</h3>
        <table>
        <tr><th>Transport</th><th>Service</th><th>Meaning</th></tr>
        <tr><td>UDP</td><td>BFD</td><td>Fast failure detection</td></tr>
        <tr><td>TCP</td><td>Release 2</td><td>Peering</td></tr>
        </table>
        """;
    assertThat(pairs(html, Format.HTML)).isEmpty();
  }

  // ---- a cell holding an HTML list of "port - what" items ----

  @Test
  void eachItemOfAListInACellIsReadOnItsOwnAndNamesItsProtocolAtItsEnd() {
    String md = """
        ## Ports between the nodes

        | From | To | Needs |
        |---|---|---|
        | Agents | Collector | Open these ports on the collector.<ul><li>2201 - SSH</li><li>8808 - Ingest API HTTPS</li><li>8809 - Cluster gossip</li></ul>Once the initial setup is done SSH is no longer needed, but it helps for support. |
        """;
    // 8809 names no protocol: a review note, not a guessed TCP.
    assertThat(pairs(md, Format.MARKDOWN)).containsExactlyInAnyOrder("tcp/2201", "tcp/8808");
  }

  @Test
  void aListCellWhoseNoteRemovesItsPortsStillGivesNone() {
    // The same list with a note that says the ports are gone for good: a negation, whatever the list.
    String md = """
        ## Ports between the nodes

        | From | To | Needs |
        |---|---|---|
        | Agents | Collector | Open these ports on the collector.<ul><li>2201 - SSH</li><li>8808 - Ingest API HTTPS</li></ul> |
        | Agents | Collector | Port 8810 (HTTPS) was removed in release 4. |
        """;
    assertThat(pairs(md, Format.MARKDOWN)).containsExactlyInAnyOrder("tcp/2201", "tcp/8808");
  }

  @Test
  void anItemThatOnlyMentionsAProductBeforeItsPortsPurposeGetsNoTransportFromIt() {
    // statsd runs over UDP, but here it names the product whose admin page the port serves.
    String md = """
        ## Ports

        Starting the stack publishes these ports:

        - 9125: the statsd exporter admin page
        """;
    assertThat(pairs(md, Format.MARKDOWN)).doesNotContain("udp/9125");
  }

  // ---- one port column per release; model numbers; "over TCP on all of these ports" ----

  @Test
  void everyReleaseColumnOfAPortTableIsReadWithTheTransportThePageStatesForAll() {
    String html = """
        <h1>Ports of the console</h1>
        <p>The console talks to its agents over TCP on all of these ports. On the X-300 and X-700 appliances the
        ports are the same.</p>
        <table>
        <tr><th>Connection</th><th>Port in Console 2.x</th><th>Port in Console 3.x and later</th><th>Description</th></tr>
        <tr><td>Agent to console</td><td>6120</td><td>6120</td><td>Check-in</td></tr>
        <tr><td>Agent to console</td><td>N/A</td><td>6143 (3.2 and later)</td><td>Updates</td></tr>
        <tr><td>Console to agent</td><td>6190</td><td>6121</td><td>Wake-up</td></tr>
        </table>
        """;
    // The appliance models are no ports.
    assertThat(pairs(html, Format.HTML)).containsExactlyInAnyOrder("tcp/6120", "tcp/6143", "tcp/6190", "tcp/6121");
  }

  // ---- PDF text: blank lines between the rows, a row default, running footers ----

  @Test
  void aTextTableWithBlankLinesBetweenItsRowsTakesTheTransportTheLeadInGivesEveryRow() {
    String text = """
        Daemon ports

                 Unless a row says otherwise, the port is a TCP port.

                 Table 2-1            Daemon ports

                  Daemon                Port        Direction              Description

                  syncd                 17310       Bidirectional          Replication between
                                                                           the vaults.

                  auditd                17320       Vault to console       Audit records,
                                                                           sent every 15 minutes.

        Vault network ports                                                                       7

        Vault network ports                                                                       8
        """;
    assertThat(pairs(text, Format.TEXT)).containsExactlyInAnyOrder("tcp/17310", "tcp/17320");
  }

  @Test
  void aRepeatedLineEndingInTheSameNumberIsNoRunningFooter() {
    // The same words ending in the same port on two lines is a repeated statement, not a page number.
    String text = """
        Unless a row says otherwise, the port is a TCP port.

        Replication listener port      17310

        Replication listener port      17310
        """;
    assertThat(pairs(text, Format.TEXT)).contains("tcp/17310");
  }

  // ---- a bracketed transport after a list of ports ----

  @Test
  void aBracketedTransportAfterTheLastPortOfAListIsTheWholeLists() {
    String html = """
        <h3>Outbound</h3>
        <table>
        <tr><th>Host</th><th>Purpose</th></tr>
        <tr><td>Archive share 2049, 20048-20050 (UDP)</td><td>Log archive on an NFS share</td></tr>
        </table>
        """;
    assertThat(pairs(html, Format.HTML)).contains("udp/2049", "udp/20048", "udp/20050").doesNotContain("tcp/2049", "tcp/20048");
  }

  @Test
  void aBracketedTransportAfterAPortThatEndsNoListIsOnlyItsOwn() {
    // "… release 7, then 2049 (UDP)": the 7 is no list item of the port.
    String md = """
        ## Outbound

        Since release 7 the archive uses port 2049 (UDP).
        """;
    assertThat(pairs(md, Format.MARKDOWN)).containsExactly("udp/2049");
  }

  // ---- "Port (names) | Default": the port's name or what it carries gives the transport ----

  @Test
  void aPortNamesTableTakesTheTransportFromThePortsNameOrWhatTheRowSaysItCarries() {
    String html = """
        <table>
        <tr><th>Port</th><th>Default</th><th>Description</th></tr>
        <tr><td>Directory UDP port</td><td>3899</td><td>Lookups; the TCP fallback is on the TCP port below.</td></tr>
        <tr><td>Portal port</td><td>7443</td><td>Browsers reach the portal over HTTPS on this port.</td></tr>
        <tr><td>Sync port</td><td>7444</td><td>Remote sites fetch their settings here.</td></tr>
        </table>
        """;
    // 7444 says neither: a review note, no guessed TCP.
    assertThat(pairs(html, Format.HTML)).contains("udp/3899", "tcp/7443").doesNotContain("tcp/3899", "udp/7443", "udp/7444");
  }

  // ---- an alternative port in brackets after a port with its transport ----

  @Test
  void anAlternativePortInBracketsTakesTheTransportOfThePortBeforeIt() {
    String md = """
        ## Required ports

        - Outbound UDP port 1812 - RADIUS authentication (some servers listen on 1645 instead)
        """;
    assertThat(pairs(md, Format.MARKDOWN)).contains("udp/1812", "udp/1645").doesNotContain("tcp/1645");
  }

  @Test
  void aBracketThatOffersNoAlternativeGivesItsNumberNoTransport() {
    // "(see section 1645)": no "also", "instead" or "or": the bracket is no alternative port.
    String md = """
        ## Required ports

        - Outbound UDP port 1812 - RADIUS authentication (see note 1645 in the guide)
        """;
    assertThat(pairs(md, Format.MARKDOWN)).contains("udp/1812").doesNotContain("udp/1645");
  }
}
