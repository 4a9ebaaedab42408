package org.portolan.docimport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.portolan.docimport.ProtocolAndPortColumnsTest.pairs;

import org.junit.jupiter.api.Test;
import org.portolan.docimport.DocImporter.Format;

/**
 * Round 10 (what pages state that we miss): causes of new-pages-9's misses, each as the general
 * shape vendors write, with a variant in other markup or wording and a near-miss that must not
 * give a pair. The pages are written here in our own words.
 */
class DocImportRound10MissesTest {

  // ---- a documented transport option with its default -------------------------------------
  // Shape: a reference of configuration options documents a transport/protocol field and its
  // default, then shows entries that leave it out. Seen on ejabberd's listen reference
  // ("transport: tcp|udp … The default is tcp"), rsyslog's omfwd ("Protocol udp/tcp [default
  // udp]"), the Kubernetes API reference ("protocol … Supports TCP, UDP, and SCTP. Default is
  // TCP") and PortQry's syntax page ("/p protocol … The default is TCP").

  @Test
  void anOptionsTransportDefaultGivesTheTransportOfEntriesWithoutOne() {
    String md = """
        # Listener options

        Each listener is a map with these keys:

        - **port**: the port number to accept connections on.
        - **transport**: *tcp|udp*. The transport protocol. The default is `tcp`.

        ```yaml
        listeners:
          -
            port: 7422
            module: relay_in
        ```
        """;
    assertThat(pairs(md, Format.MARKDOWN)).containsExactly("tcp/7422");
  }

  @Test
  void aBracketedDefaultInAnotherMarkupIsOneToo() {
    String html = """
        <h2>Collector ports</h2>
        <ul>
        <li>Port: the port of the receiving collector.</li>
        <li>Protocol udp/tcp [default udp]: the protocol used for forwarding.</li>
        </ul>
        <pre><code>forward {
            port = 6514
            target = "collector"
        }</code></pre>
        """;
    assertThat(pairs(html, Format.HTML)).containsExactly("udp/6514");
  }

  @Test
  void aTransportOptionWithoutADefaultGivesNoTransport() {
    String md = """
        # Listener options

        - **port**: the port number to accept connections on.
        - **transport**: *tcp|udp*. The transport protocol, either tcp or udp.

        ```yaml
        listeners:
          -
            port: 7422
            module: relay_in
        ```
        """;
    assertThat(pairs(md, Format.MARKDOWN)).isEmpty();
  }

  // ---- the transport field of the same configuration entry --------------------------------
  // Shape: a configuration entry names its port and, in a sibling field, its transport:
  // ejabberd's "- port: 3478 / transport: udp / module: ejabberd_stun", rsyslog's
  // 'action(type="omfwd" port="10514" protocol="tcp")', Kubernetes' "- containerPort: 53 /
  // protocol: UDP" (read before this round for manifests only).

  @Test
  void aSiblingTransportFieldGivesTheEntrysTransportAndNoOtherEntrys() {
    String md = """
        # Listener options

        The transport protocol defaults to tcp.

        ```yaml
        listeners:
          -
            port: 7478
            transport: udp
            module: beacon
          -
            port: 7479
            module: beacon
        ```
        """;
    assertThat(pairs(md, Format.MARKDOWN)).containsExactlyInAnyOrder("udp/7478", "tcp/7479");
  }

  @Test
  void aSiblingProtocolFieldOfKeyValueLinesCountsToo() {
    String rst = """
        Forwarding
        ==========

        .. code-block:: none

           action(type="forward"
                  target="collector.example.net"
                  port="10615"
                  protocol="tcp")
        """;
    assertThat(pairs(rst, Format.RST)).containsExactly("tcp/10615");
  }

  @Test
  void aTransportFieldOfANestedEntryIsNotTheEntrysOwn() {
    String md = """
        # Listener options

        ```yaml
        listeners:
          -
            port: 7480
            module: gateway
            upstreams:
              -
                name: relay
                transport: udp
        ```
        """;
    assertThat(pairs(md, Format.MARKDOWN)).doesNotContain("udp/7480");
  }

  // ---- an examples section that is the page's statement of its listeners -------------------
  // Shape: a reference page with no defaults table ends in "Examples" that describe full
  // configurations ("Port 5222 takes c2s connections"): they state the listeners. Round 9's
  // rule (an Example heading marks an example) stays for examples that change or add to what
  // the page states ("also opens", "a second listener", "as well": DocImportRound9ProseTest).
  // Seen on ejabberd's listen reference, Prosody's port documentation (examples of the
  // c2s/s2s/http listeners) and mosquitto.conf(5)'s examples of listener blocks.

  @Test
  void anExamplesSectionDescribingAConfigurationStatesItsPorts() {
    String md = """
        # Listen modules

        ## Examples

        - Port 6222 takes client connections over TCP.
        - Port 6269 takes server-to-server connections over TCP.
        """;
    assertThat(pairs(md, Format.MARKDOWN)).containsExactlyInAnyOrder("tcp/6222", "tcp/6269");
  }

  @Test
  void anExamplesSectionInHtmlDescribingAConfigurationStatesItsPortsToo() {
    String html = """
        <h2>Examples</h2>
        <p>In this configuration the relay accepts TCP connections on port 6300 from the gateways.</p>
        """;
    assertThat(pairs(html, Format.HTML)).containsExactly("tcp/6300");
  }

  @Test
  void anExampleThatAddsAListenerIsStillAnExample() {
    String md = """
        # Ports

        The broker listens on TCP port 6672.

        ## Example

        Add another listener that takes TCP connections on port 6680.
        """;
    assertThat(pairs(md, Format.MARKDOWN)).contains("tcp/6672").doesNotContain("tcp/6680");
  }

  // ---- an entry the page says no longer runs -------------------------------------------------
  // Shape: examples keep an entry of a module the page says was removed ("Up to 20.03,
  // ejabberd_xmlrpc could also be a listener of its own; that is no longer possible"), as
  // Prosody's pages do for mod_proxy65's old options and Kafka's for zookeeper.connect.

  @Test
  void anEntryNamingARemovedModuleGivesNoPort() {
    String md = """
        # Listeners

        The transport defaults to tcp. Before 3.0, `legacy_rpc` could be a listener of its own; that is no longer possible.

        ```yaml
        listeners:
          -
            port: 7560
            module: legacy_rpc
          -
            port: 7580
            module: web_front
            handlers:
              /rpc: legacy_rpc
        ```
        """;
    assertThat(pairs(md, Format.MARKDOWN)).containsExactly("tcp/7580");
  }

  // ---- ports only in DNS SRV records -----------------------------------------------------
  // Shape: a page says which SRV records to publish; the record's third number is the port and
  // its _tcp/_udp label the transport (RFC 2782). Seen on Openfire's network configuration guide
  // (_xmpp-client._tcp … 5222), ejabberd's STUN/SIP sections (_stun._udp … 3478), Prosody's DNS
  // page and Microsoft's Skype for Business DNS requirements (_sipfederationtls._tcp … 5061).

  @Test
  void anSrvRecordsPortAndLabelGiveThePair() {
    String md = """
        # DNS

        Publish these records for the domain:

        ```
        _chat-client._tcp.example.org. 3600 IN SRV 10 5 7222 chat.example.org.
        _media._udp.example.org.       3600 IN SRV 10 5 7478 chat.example.org.
        ```
        """;
    assertThat(pairs(md, Format.MARKDOWN)).containsExactlyInAnyOrder("tcp/7222", "udp/7478");
  }

  @Test
  void anSrvRecordInAnHtmlTableCellWithoutTtlCountsToo() {
    String html = """
        <h2>Name records</h2>
        <p>Create the record <code>_relay._tcp.example.net. IN SRV 0 0 7443 relay.example.net.</code> for the relay.</p>
        """;
    assertThat(pairs(html, Format.HTML)).containsExactly("tcp/7443");
  }

  @Test
  void theTtlPriorityAndWeightOfAnSrvRecordAreNoPorts() {
    String md = """
        # DNS

        ```
        _chat-client._tcp.example.org. 3600 IN SRV 10 20 7222 chat.example.org.
        ```
        """;
    assertThat(pairs(md, Format.MARKDOWN)).containsExactly("tcp/7222");
  }

  // ---- a table's alternative-port column, and a "Proto" column ------------------------------
  // Shape: "Proto | Port | Alt | Assignment" (ISC's Kea ports KB: a port below 1024 for the same
  // listener), "Port | Alternate Port" (Cisco's CUCM TCP/UDP port usage), "Default port |
  // Fallback port"; the protocol column headed "Proto" (Kea, netstat-style tables, Cisco's ASA
  // guides), and its "Both" cell.

  @Test
  void anAltColumnOfPortNumbersGivesTheSameListenersSecondPort() {
    String html = """
        <h2>Management ports</h2>
        <table>
        <thead><tr><th>Proto</th><th>Port</th><th>Alt</th><th>Assignment</th></tr></thead>
        <tbody>
        <tr><td>TCP</td><td>9100</td><td>910</td><td>control API</td></tr>
        <tr><td>Both</td><td>9153</td><td>953</td><td>name updates</td></tr>
        </tbody>
        </table>
        """;
    assertThat(pairs(html, Format.HTML)).containsExactlyInAnyOrder("tcp/9100", "tcp/910", "tcp/9153", "udp/9153", "tcp/953", "udp/953");
  }

  @Test
  void anAlternatePortColumnInMarkdownCountsToo() {
    String md = """
        # Ports

        | Service | Protocol | Port | Alternate port |
        |---|---|---|---|
        | Web UI | TCP | 9443 | 9444 |
        """;
    assertThat(pairs(md, Format.MARKDOWN)).containsExactlyInAnyOrder("tcp/9443", "tcp/9444");
  }

  @Test
  void anAlternativeColumnOfNamesGivesNoPort() {
    String md = """
        # Ports

        | Protocol | Port | Alternative |
        |---|---|---|
        | TCP | 9443 | a Unix socket |
        """;
    assertThat(pairs(md, Format.MARKDOWN)).containsExactly("tcp/9443");
  }

  // ---- the port of a server the product must reach, named by its protocol -------------------
  // Shape: a setting's description names the server's protocol and its standard port: "without
  // it, the standard MySQL port, 3306, is used" (Apache Guacamole's Docker page), "the SMTP
  // server port" / "Database port, 5432 unless set" (authentik's configuration), "636 for LDAP
  // over SSL (LDAPS)" (Guacamole, Jamf Pro's LDAP ports), "the PostgreSQL port 5432"
  // (Atlassian's database connection pages). A protocol that runs over either transport (LDAP,
  // DNS) names none: no pair.

  @Test
  void theStandardPortOfANamedTcpProtocolSetOffByCommasIsAPair() {
    String md = """
        # Settings

        `DB_PORT`
        : Port the portal uses to reach its database. Without it, the standard PostgreSQL port, 5432, is used.
        """;
    assertThat(pairs(md, Format.MARKDOWN)).containsExactly("tcp/5432");
  }

  @Test
  void aPortForANamedProtocolOverTlsInHtmlIsAPair() {
    String html = """
        <h2>Directory</h2>
        <p>Directory ports: the portal connects to 636 for LDAP over TLS.</p>
        <p>Mail goes out through the SMTP port 587 of your relay.</p>
        """;
    assertThat(pairs(html, Format.HTML)).containsExactlyInAnyOrder("tcp/636", "tcp/587");
  }

  @Test
  void aProtocolThatRunsOverEitherTransportNamesNone() {
    String md = """
        # Settings

        `LDAP_PORT`
        : Port of your directory. Without it, the standard LDAP port, 389, is used, or 1389 for unencrypted LDAP.
        """;
    assertThat(pairs(md, Format.MARKDOWN)).isEmpty();
  }

  // ---- a container image's own page: its published ports under any heading ----------------
  // Shape: a Docker image's README ("Docker image for running the UrBackup server", "Coturn TURN
  // server Docker image", Docker Hub's official images such as postgres or nginx: "How to use
  // this image") starts the image with "-p" flags: the published ports are the image's, whatever
  // the heading says. On other pages a docker command under a setup heading stays an example
  // (CodePortsTest), and a bare YAML list item ("- \"3600\"", a sleep's seconds) is no published port.

  @Test
  void publishedPortsOfADockerRunOnAnImagesPageArePairs() {
    String md = """
        Docker image for running the relay server.

        ## Running

            docker run -d --name relay -p 47413-47415:47413-47415 -p 47623:47623/udp relay-server
        """;
    assertThat(pairs(md, Format.MARKDOWN)).containsExactlyInAnyOrder("tcp/47413", "tcp/47414", "tcp/47415", "udp/47623");
  }

  @Test
  void aPublishFlagInReStructuredTextCountsToo() {
    String rst = """
        Relay container image
        =====================

        Starting the container
        ----------------------

        .. code-block:: console

           $ podman run --detach --publish 9180:9180 relay
        """;
    assertThat(pairs(rst, Format.RST)).containsExactly("tcp/9180");
  }

  @Test
  void aDockerRunUnderARunningHeadingOfAPageAboutSomethingElseIsAnExample() {
    String md = """
        # Monitoring the relay

        ## Running

            docker run -d --name dash -p 47500:47500 dashboard
        """;
    assertThat(pairs(md, Format.MARKDOWN)).isEmpty();
  }

  @Test
  void aBareYamlListItemInAManifestIsNoPublishedPort() {
    String md = """
        ## Testing the registry

        ```yaml
        apiVersion: v1
        kind: Pod
        spec:
          containers:
            - name: probe
              command:
                - sleep
                - "3600"
        ```
        """;
    assertThat(pairs(md, Format.MARKDOWN)).isEmpty();
  }

  // ---- a protocol that runs over either transport, on a page that names its default ---------
  // Shape: "All port numbers listed are TCP unless UDP is specifically indicated" (Jamf Pro's
  // network ports), "All ports are TCP unless otherwise noted" (Bitdefender GravityZone's
  // communication ports, Citrix's port tables) above rows whose protocol column says "LDAP" or
  // "LDAP, LDAPS": the page says which transport; without such a sentence the row stays a
  // review note. "1024 or greater" is a bound, not a port.

  @Test
  void anEitherProtocolRowTakesThePagesStatedDefault() {
    String html = """
        <p>All port numbers listed are TCP unless UDP is specifically indicated.</p>
        <table>
        <tr><th>Port</th><th>Protocol</th><th>Connection</th></tr>
        <tr><td>3268/3269</td><td>LDAP or LDAPS</td><td>Server to the Global Catalog</td></tr>
        <tr><td>1024 or greater</td><td>LDAP</td><td>Server to the proxy, chosen when you configure it</td></tr>
        </table>
        """;
    assertThat(pairs(html, Format.HTML)).containsExactlyInAnyOrder("tcp/3268", "tcp/3269");
  }

  @Test
  void anEitherProtocolRowInMarkdownWithTheDefaultNotedCountsToo() {
    String md = """
        # Ports

        All ports are TCP unless otherwise noted.

        | Port | Protocol | Purpose |
        |---|---|---|
        | 88 | Kerberos | Authentication against the domain controllers |
        """;
    assertThat(pairs(md, Format.MARKDOWN)).containsExactly("tcp/88");
  }

  @Test
  void anEitherProtocolRowWithoutAPageDefaultGivesNoPair() {
    String md = """
        # Ports

        | Port | Protocol | Purpose |
        |---|---|---|
        | 88 | Kerberos | Authentication against the domain controllers |
        """;
    assertThat(pairs(md, Format.MARKDOWN)).isEmpty();
  }
}
