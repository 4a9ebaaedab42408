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

  // ---- a form that is no fixed port, misread by a reader -----------------------------------

  @Test
  void aBoundInAPortCellIsNoFixedPort() {
    String rst = """
        Ports
        =====

        +-------------+----------+----------------------+
        | Port        | Protocol | Usage                |
        +=============+==========+======================+
        | 7000        | tcp      | Client API           |
        +-------------+----------+----------------------+
        | Random      | tcp      | Traffic between the  |
        | above 1024  |          | members              |
        +-------------+----------+----------------------+
        """;
    assertThat(pairs(rst, Format.RST)).contains("tcp/7000").doesNotContain("tcp/1024");
  }

  @Test
  void aBoundInAnHtmlTableCellIsNoFixedPortEither() {
    String html = """
        <table>
        <tr><th>Port</th><th>Protocol</th><th>Purpose</th></tr>
        <tr><td>8300</td><td>TCP</td><td>RPC</td></tr>
        <tr><td>Any port above 40000</td><td>UDP</td><td>Media relays</td></tr>
        </table>
        """;
    assertThat(pairs(html, Format.HTML)).contains("tcp/8300").doesNotContain("udp/40000");
  }

  @Test
  void portZeroThatPicksAFreePortIsNoPort() {
    String html = """
        <h2>Options</h2>
        <dl>
        <dt>--listen-port &lt;port&gt;</dt>
        <dd><p>TCP port of the coordinator. Without it, 7400 is used; with port 0 a free port is picked.</p></dd>
        </dl>
        """;
    assertThat(pairs(html, Format.HTML)).doesNotContain("tcp/0");
  }

  @Test
  void aPortCellThatIsReallyTheNumberOneThousandTwentyFourIsStillRead() {
    String md = """
        | Port | Protocol | Purpose |
        |------|----------|---------|
        | 1024 | TCP | Control channel |
        """;
    assertThat(pairs(md, Format.MARKDOWN)).containsExactly("tcp/1024");
  }

  @Test
  void anAsciiDocPassthroughAfterAPortIsNoOpenEndedRange() {
    String adoc = """
        == Listen addresses

        [options="header"]
        |===
        | Service | Default port | Setting
        | JMX monitoring | `4637` | `xref:settings.adoc#jvm[+++jvm.additional=-Dcom.sun.management.jmxremote.port=4637+++]`
        |===

        All ports are TCP.
        """;
    assertThat(pairs(adoc, Format.ASCIIDOC)).contains("tcp/4637");
  }

  // ---- a port the page says is gone ---------------------------------------------------------

  @Test
  void aPortThePageSaysIsGoneInANewerReleaseIsNoRequirement() {
    String rst = """
        Ports and firewalls
        ===================

        A cluster serves on TCP port ``5984``.
        Port ``5986``, which 2.x used, is gone in 3.x; what it served is now under ``/_node``.
        """;
    assertThat(pairs(rst, Format.RST)).contains("tcp/5984").doesNotContain("tcp/5986");
  }

  @Test
  void aPortDroppedSinceARelease() {
    String md = """
        # Ports

        The admin API on TCP port 8092 was dropped in release 5. The console listens on TCP port 8091.
        """;
    assertThat(pairs(md, Format.MARKDOWN)).contains("tcp/8091").doesNotContain("tcp/8092");
  }

  @Test
  void somethingElseThatIsGoneLeavesThePortAlone() {
    String md = """
        # Ports

        When the connection is gone, the agent reconnects to the manager on TCP port 7400.
        """;
    assertThat(pairs(md, Format.MARKDOWN)).contains("tcp/7400");
  }

  // ---- other systems' addresses in an example -------------------------------------------------

  @Test
  void addressesOfOtherSystemsInAnExampleSettingAreNoPortsOfTheProduct() {
    String md = """
        # Secure storage

        Other secure file systems must be listed in `spark.kerberos.access.hadoopFileSystems`, for example
        `spark.kerberos.access.hadoopFileSystems=hdfs://nn1.com:8032,hdfs://nn2.com:8032,webhdfs://nn3.com:50070`.
        """;
    assertThat(pairs(md, Format.MARKDOWN)).isEmpty();
  }

  @Test
  void brokerAddressesInAnExampleOfAnotherSettingAreNoPortsEither() {
    String html = """
        <h2>Upstream brokers</h2>
        <p>List the brokers the bridge forwards to in <code>upstream.servers</code>, for instance <code>upstream.servers=tcp://b1.corp.local:9092,tcp://b2.corp.local:9093</code>.</p>
        """;
    assertThat(pairs(html, Format.HTML)).doesNotContain("tcp/9092", "tcp/9093");
  }

  @Test
  void aPlaceholderDomainIsNoExampleOfThePort() {
    String md = """
        # Coordinator

        Every worker sets `discovery.uri=http://coordinator.example.net:8411` so that it finds the coordinator.
        """;
    assertThat(pairs(md, Format.MARKDOWN)).contains("tcp/8411");
  }

  // ---- a record field is no address ---------------------------------------------------------

  @Test
  void aStatsdLineInATableIsNoAddress() {
    String md = """
        ## Chart names

        | Metric sent | Metric type | Chart |
        |-------------|-------------|-------|
        | `test.metric:100\\|c` | counter | `statsd_test.metric_counter` |
        """;
    assertThat(pairs(md, Format.MARKDOWN)).isEmpty();
  }

  @Test
  void aStatsdLineInProseIsNoAddressEither() {
    String html = """
        <h2>Sending a gauge</h2>
        <p>Send <code>queue.depth:250|g</code> to the collector to set the gauge.</p>
        """;
    assertThat(pairs(html, Format.HTML)).isEmpty();
  }

  @Test
  void anAddressBeforeATableSeparatorIsStillAnAddress() {
    String md = """
        | Endpoint | Purpose |
        |----------|---------|
        | `collector.internal:8125` over UDP | metrics |
        """;
    assertThat(pairs(md, Format.MARKDOWN)).contains("udp/8125");
  }

  // ---- one end of a range -------------------------------------------------------------------

  @Test
  void theDefaultOfAnOptionThatIsOneEndOfARangeIsNoPortOnItsOwn() {
    String rst = """
        Worker ports
        ============

        These options set the range of ports that workers use. Every port of the range must be open.

        - ``--min-worker-port``: lowest port a worker can bind to. Default: 10002.
        - ``--max-worker-port``: highest port a worker can bind to. Default: 19999.
        """;
    assertThat(pairs(rst, Format.RST)).doesNotContain("tcp/10002", "tcp/19999");
  }

  @Test
  void aBoundItemInMarkdownWithOtherWordsIsNoPortEither() {
    String md = """
        ## Media ports

        - `rtp_port_max`: the highest port the media engine may use, 32000 unless set.
        """;
    assertThat(pairs(md, Format.MARKDOWN)).doesNotContain("tcp/32000");
  }

  @Test
  void anOptionForOneListeningPortIsStillRead() {
    String rst = """
        Ports
        =====

        - ``--dashboard-port``: the TCP port the dashboard listens on. Default: 8265.
        """;
    assertThat(pairs(rst, Format.RST)).contains("tcp/8265");
  }

  // ---- ports only in command lines: a server binding every interface -----------------------

  @Test
  void aCommandBindingTheWildcardAddressStatesAListener() {
    String md = """
        ## Starting the members by hand

        The commands for three members on one machine:

        ```
        graphd --server.endpoint tcp://0.0.0.0:5101 \\
          --cluster.my-address tcp://127.0.0.1:5101 \\
          --cluster.seed tcp://127.0.0.1:5101
        graphd --server.endpoint tcp://0.0.0.0:5102 \\
          --cluster.my-address tcp://127.0.0.1:5102 \\
          --cluster.seed tcp://127.0.0.1:5101
        ```
        """;
    assertThat(pairs(md, Format.MARKDOWN)).containsExactlyInAnyOrder("tcp/5101", "tcp/5102");
  }

  @Test
  void anIpv6WildcardWithAUdpSchemeInAnRstLiteralBlock() {
    String rst = """
        Running the relay
        =================

        ::

            relayd --listen udp://[::]:4789 --upstream udp://10.1.2.3:4790
        """;
    assertThat(pairs(rst, Format.RST)).containsExactly("udp/4789");
  }

  @Test
  void aCommandConnectingToAnAddressStatesNoListener() {
    String md = """
        ## Joining the cluster

        ```
        graphctl join --seed tcp://10.0.0.5:5101 --timeout 30
        ```
        """;
    assertThat(pairs(md, Format.MARKDOWN)).isEmpty();
  }

  // ---- a --help listing: the option's name says the protocol --------------------------------

  @Test
  void aHelpListingsListenAddressTakesTheProtocolItsOptionNames() {
    String md = """
        ## Flags

        ```
        Flags:
              --log.level=info           Log filtering level.
              --http-address="0.0.0.0:10912"
                                         Listen host:port for HTTP endpoints.
              --grpc-address="0.0.0.0:10911"
                                         Listen ip:port for gRPC endpoints.
              --ingest.address="0.0.0.0:19391"
                                         Address to listen on for pushed samples.
        ```
        """;
    assertThat(pairs(md, Format.MARKDOWN)).containsExactlyInAnyOrder("tcp/10912", "tcp/10911");
  }

  @Test
  void aListenAddressWithoutHostInAnRstOptionList() {
    String rst = """
        Command line
        ============

        ::

            --https-listen-addr=:8643   serve the API over TLS
        """;
    assertThat(pairs(rst, Format.RST)).containsExactly("tcp/8643");
  }

  @Test
  void aClientAddressOptionNamingHttpIsNoListener() {
    String md = """
        ## Flags

        ```
              --http-upstream="10.0.0.9:8080"   Where to forward requests.
        ```
        """;
    assertThat(pairs(md, Format.MARKDOWN)).isEmpty();
  }

  // ---- Kubernetes manifests: a port entry without protocol is TCP ----------------------------

  @Test
  void aManifestsPortEntriesAreTcpUnlessTheySayOtherwise() {
    String md = """
        ### Resource definitions

        ```yaml
        apiVersion: apps/v1
        kind: Deployment
        spec:
          template:
            spec:
              containers:
              - name: broker
                ports:
                - containerPort: 7420
                  name: rpc
                - containerPort: 7421
                  name: gossip
                  protocol: UDP
        ```
        """;
    assertThat(pairs(md, Format.MARKDOWN)).containsExactlyInAnyOrder("tcp/7420", "udp/7421");
  }

  @Test
  void aServiceManifestInAnAsciiDocListingGivesItsNodePort() {
    String adoc = """
        == Appendix

        [source,yaml]
        ----
        apiVersion: v1
        kind: Service
        spec:
          type: NodePort
          ports:
          - name: rest
            port: 8181
            targetPort: 8181
            nodePort: 30181
        ----
        """;
    assertThat(pairs(adoc, Format.ASCIIDOC)).contains("tcp/8181", "tcp/30181");
  }

  @Test
  void anApplicationsOwnYamlWithAPortIsNoManifest() {
    String md = """
        ### Settings

        ```yaml
        database:
          host: db.internal
          port: 5432
        ```
        """;
    assertThat(pairs(md, Format.MARKDOWN)).isEmpty();
  }

  // ---- MkDocs admonitions are prose; a published mapping in prose is Docker's TCP -------------

  @Test
  void anAdmonitionBodyIsProseAndItsPublishedMappingIsTcp() {
    String md = """
        # Quick start

        !!! question "Where to go next?"

            To add HTTPS, declare a `websecure` entry point on `:8443` and publish `"8443:8443"` as the entry points page shows.
        """;
    assertThat(pairs(md, Format.MARKDOWN)).containsExactly("tcp/8443");
  }

  @Test
  void aCollapsibleAdmonitionKeepsItsTitleAndItsFencedCode() {
    String md = """
        # Entry points

        ??? example "Both TCP and UDP on port 4179"

            ```yaml
            entryPoints:
              tcpep:
                address: ":4179"
              udpep:
                address: ":4179/udp"
            ```
        """;
    assertThat(pairs(md, Format.MARKDOWN)).containsExactlyInAnyOrder("tcp/4179", "udp/4179");
  }

  @Test
  void anIndentedCodeBlockThatIsNoAdmonitionStaysCode() {
    String md = """
        # Setup

        Run the container:

            docker run --name web nginx -e PORT_HINT=8443
        """;
    assertThat(pairs(md, Format.MARKDOWN)).isEmpty();
  }

  // ---- a listen directive in a configuration file is a listener ------------------------------

  @Test
  void aReverseProxysListenDirectiveIsAListenerEvenUnderAHeadingNotAboutPorts() {
    String md = """
        ## Reverse proxy

        ```nginx
        server {
          listen 8443 ssl http2;
          server_name status.example.org;
          location / {
            proxy_pass http://127.0.0.1:3101;
          }
        }
        ```
        """;
    assertThat(pairs(md, Format.MARKDOWN)).containsExactly("tcp/8443");
  }

  @Test
  void anHaproxyBindLineInAnHtmlPreIsOneToo() {
    String html = """
        <h2>Front end</h2>
        <pre><code>frontend www
            bind 9443 ssl crt /etc/haproxy/site.pem
            default_backend app</code></pre>
        """;
    assertThat(pairs(html, Format.HTML)).containsExactly("tcp/9443");
  }
}
