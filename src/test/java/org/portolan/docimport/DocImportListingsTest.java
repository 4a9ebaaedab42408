package org.portolan.docimport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.portolan.docimport.ProtocolAndPortColumnsTest.pairs;

import org.junit.jupiter.api.Test;
import org.portolan.docimport.DocImporter.Format;

/**
 * Round 10b (ports in preformatted listings): pages whose ports sit in listings rather than in
 * sentences or data tables, each as the general shape vendors write, with a variant and a near
 * miss that must not give a pair. The pages are written here in our own words.
 */
class DocImportListingsTest {

  // ---- a services-file listing, in a knowledge-base article's field table -------------------
  // Shape: knowledge-base articles (RSA Link, Broadcom, ServiceNow KBs) frame the article as a
  // two-column table of fields ("Applies To", "Issue", "Resolution") and give the ports as lines
  // of a services file in a <pre> inside the resolution cell: "name  port/proto  # comment".

  @Test
  void aServicesListingInAKnowledgeBaseFieldTableGivesItsPorts() {
    String html = """
        <h1>Which ports does the directory agent need?</h1>
        <table>
        <tr><th>Applies To</th><td>Directory Agent 3.x</td></tr>
        <tr><th>Resolution</th><td>
        <p><b>Between the hub and its spokes.</b></p>
        <pre>
        dirsync_hub     7301/tcp    # hub replication
        dirsync_spoke   7302/tcp    # spoke replication
        dirlocate       7310/udp    # locator broadcast
        </pre>
        <p><b>Clients.</b></p>
        <pre>
        dirquery        7320/tcp    # directory queries
        dirsync_hub     7301/tcp    # old client sync - not used since 2.0, leave closed
        </pre>
        </td></tr>
        </table>
        """;
    // 7301 is needed between hub and spokes; the clients' listing turns away only its own line.
    assertThat(pairs(html, Format.HTML)).containsExactlyInAnyOrder("tcp/7301", "tcp/7302", "udp/7310", "tcp/7320");
  }

  @Test
  void aServicesListingWithAliasesUnderAHeadingNotAboutPortsIsReadToo() {
    String md = """
        # Installation

        Add these entries to the services file of each node:

        ```
        gridmgr     4410/tcp    gridmgrd      # grid manager
        gridmon     4411/udp                  # monitor heartbeats
        ```
        """;
    assertThat(pairs(md, Format.MARKDOWN)).containsExactlyInAnyOrder("tcp/4410", "udp/4411");
  }

  @Test
  void aLoneServicesLineInACommandsOutputIsNoListing() {
    String md = """
        # Looking up a service name

        The services file maps names to numbers:

        ```
        $ grep -w ssh /etc/services
        ssh         22/tcp      # SSH Remote Login Protocol
        ```
        """;
    assertThat(pairs(md, Format.MARKDOWN)).isEmpty();
  }

  @Test
  void aDataTableWithACommandInACellStaysATable() {
    String html = """
        <h2>Firewall ports</h2>
        <table>
        <tr><th>Port</th><th>Protocol</th><th>How to open it</th></tr>
        <tr><td>8650</td><td>TCP</td><td><pre>ufw allow 8650/tcp</pre></td></tr>
        <tr><td>8651</td><td>UDP</td><td>not needed on a single node</td></tr>
        </table>
        """;
    assertThat(pairs(html, Format.HTML)).contains("tcp/8650").doesNotContain("tcp/8651");
  }

  // ---- a command's output table in a listing ------------------------------------------------
  // Shape: storage and appliance blogs and guides show the product's own list of services as the
  // output of its CLI ("isi network firewall services list", "show service-ports"): a header with
  // a rule of dashes, column-aligned rows, a second transport on a line of its own under the first.

  @Test
  void aCommandsOutputTableInAPreGivesItsRows() {
    String html = """
        <p>The appliance comes with predefined services. To list them, run:</p>
        <pre># vaultctl firewall services list
        Service Name     Port   Protocol  Aliases
        ------------------------------------------
        vault-api        8200   TCP       -
        vault-dns        8600   TCP       consul-dns
                                UDP
        vault-sync       8201   TCP       -
        ------------------------------------------
        Total: 3</pre>
        """;
    assertThat(pairs(html, Format.HTML)).containsExactlyInAnyOrder("tcp/8200", "tcp/8600", "udp/8600", "tcp/8201");
  }

  @Test
  void anOutputTableRuledWithEqualsSignsIsOneToo() {
    String html = """
        <h3>Checking the services</h3>
        <pre>appliance# show service ports
        Protocol   Port    Service
        ========   =====   ==================
        UDP        4789    overlay transport
        TCP        9440    management console
        </pre>
        """;
    assertThat(pairs(html, Format.HTML)).containsExactlyInAnyOrder("udp/4789", "tcp/9440");
  }

  @Test
  void aSocketListingWithoutARuleStaysCode() {
    String html = """
        <h3>Checking what the host runs</h3>
        <pre>$ ss -tln
        State    Recv-Q   Send-Q   Local Address:Port   Peer Address:Port
        LISTEN   0        128      0.0.0.0:5432         0.0.0.0:*
        LISTEN   0        128      0.0.0.0:6379         0.0.0.0:*
        </pre>
        """;
    assertThat(pairs(html, Format.HTML)).isEmpty();
  }

  // ---- a reStructuredText grid table of settings whose value column gives a type -------------
  // Shape: Sphinx user guides (FreeNAS/TrueNAS, Ceph dashboards, many appliance guides) list a
  // service's settings in ".. table::" grid tables "Setting | Value | Description", the Value
  // column saying the field's type ("integer", "string") and the description its default port.

  @Test
  void aSettingsGridTableGivesTheDefaultPortItsDescriptionStates() {
    String rst = """
        Relay
        -----

        .. table:: Relay Configuration Options
           :class: longtable

           +-------------+-----------+--------------------------------------------------+
           | Setting     | Value     | Description                                      |
           +=============+===========+==================================================+
           | TCP Port    | integer   | port the relay listens on; the default is *7444* |
           +-------------+-----------+--------------------------------------------------+
           | Status Port | string    | UDP port for status queries (default *7445*)     |
           +-------------+-----------+--------------------------------------------------+
           | Workers     | integer   | number of workers; the default is *8*            |
           +-------------+-----------+--------------------------------------------------+
        """;
    assertThat(pairs(rst, Format.RST)).containsExactlyInAnyOrder("tcp/7444", "udp/7445");
  }

  @Test
  void aDefaultGivenAfterTheNumberIsOneToo() {
    String rst = """
        .. table:: Shell Options

           +-----------+-----------+------------------------------------------+
           | Setting   | Value     | Description                              |
           +===========+===========+==========================================+
           | TCP Port  | integer   | port for shell connections; *2022* by    |
           |           |           | default                                  |
           +-----------+-----------+------------------------------------------+
        """;
    assertThat(pairs(rst, Format.RST)).containsExactly("tcp/2022");
  }

  @Test
  void aPortSettingWhoseDefaultMeansAnyPortAndAnExampleInATipGiveNone() {
    String rst = """
        .. table:: Transfer Options

           +-------------------+-----------+-------------------------------------------------+
           | Setting           | Value     | Description                                     |
           +===================+===========+=================================================+
           | Lowest data port  | integer   | the default of *0* means any port above 1023    |
           +-------------------+-----------+-------------------------------------------------+

        .. tip:: To change the data port to, for example, *40000*, enter it
           above and connect with :command:`ssh -p 40000`.

        .. note:: Behind NAT, set both data port values to a small range, for
           example *41000* and *41100*.
        """;
    assertThat(pairs(rst, Format.RST)).isEmpty();
  }
}
