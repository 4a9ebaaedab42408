package org.portolan.docimport;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.portolan.docimport.DocImporter.Format;
import org.portolan.model.Service;

/** Ports a code block gives as the product's own (firewall rules, published ports, listen addresses), and the numbers in code that are not. */
class CodePortsTest {
  static String read(String code, boolean presented) {
    return String.join(" ", CodePorts.read(code, presented).stream().flatMap(s -> s.services().stream()).map(Service::notation).toList());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      firewall-cmd --permanent --add-port=2379-2380/tcp        | tcp/2379-2380
      sudo firewall-cmd --zone=public --add-port=8472/udp      | udp/8472
      sudo ufw allow 6443/tcp                                  | tcp/6443
      ufw allow proto udp from 10.0.0.0/8 to any port 51820    | udp/51820
      iptables -A INPUT -p tcp --dport 9100 -j ACCEPT          | tcp/9100
      -A INPUT -p udp -m multiport --dports 10000:20000,5060 -j ACCEPT | udp/10000-20000 udp/5060
      ports=38465:38467/tcp                                    | tcp/38465-38467
      EXPOSE 8080 8443/udp                                     | tcp/8080 udp/8443
      docker run -d -p 9093:9093 -p 9094:9094/udp prom/alertmanager | tcp/9093 udp/9094
      alertmanager --cluster.listen-address=0.0.0.0:9094       | tcp/9094
      prometheus --web.listen-address=:9090                    | tcp/9090
      listen_port = 4000                                       | tcp/4000
      elastic-agent install --fleet-server-port=8220           | tcp/8220
      netsh advfirewall firewall add rule name="SQL" dir=in action=allow protocol=TCP localport=1433 | tcp/1433
      netsh firewall set portopening UDP 1434 "SQL Browser"    | udp/1434
      New-NetFirewallRule -DisplayName SQL -Direction Inbound -Protocol TCP -LocalPort 4022 -Action Allow | tcp/4022
      """)
  void readsThePortsACodeLineGivesAsTheProducts(String line, String expected) {
    assertThat(read(line, true)).isEqualTo(expected);
  }

  @Test
  void readsAUfwApplicationProfileWithSeveralProtocols() {
    assertThat(read("ports=80,443/tcp|53/udp", true)).isEqualTo("tcp/80 tcp/443 udp/53");
  }

  @Test
  void readsTheHostSideOfAComposePortsList() {
    String compose = """
        services:
          loki:
            image: grafana/loki
            ports:
              - "3100:3100"
              - 9095:9095
              - "127.0.0.1:7946:7946/udp"
            environment:
              - LOG_LEVEL=3
        """;
    assertThat(read(compose, true)).isEqualTo("tcp/3100 tcp/9095 udp/7946");
    assertThat(CodePorts.read(compose, true).getLast().loopback()).isTrue();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      psql --host db.example.com --port 5432
      app --db-port=5432 --redis-port=6379
      proxy_pass http://127.0.0.1:8080;
      curl http://localhost:9200/_cluster/health
      <port port-count="20" auto-increment="true">5701</port>
      timeout: 30
      -A INPUT -p tcp --dport 23 -j DROP
      """)
  void otherNumbersInCodeAreNotPorts(String line) {
    assertThat(read(line, true)).isEmpty();
  }

  @Test
  void outsideAPortSectionOnlyFirewallRulesCount() {
    assertThat(read("docker run -p 3000:3000 grafana/grafana", false)).isEmpty();
    assertThat(read("firewall-cmd --add-port=3000/tcp", false)).isEqualTo("tcp/3000");
  }

  @Test
  void aPageWhosePortsAreOnlyInACodeBlockGetsThemMarkedForReview() {
    String md = """
        # Alertmanager high availability

        ## Ports

        Each instance listens for the web UI and API, and gossips with its peers:

        ```yaml
        services:
          alertmanager:
            ports:
              - "9093:9093"
              - "9094:9094"
              - "9094:9094/udp"
        ```
        """;
    Draft d = DocImporter.importText("am.md", md, Format.MARKDOWN, "am");
    assertThat(Recovery.pairs(d.product())).containsExactlyInAnyOrder("tcp/9093", "tcp/9094", "udp/9094");
    assertThat(d.toYaml()).contains("in a code block").contains("confirm it is a port of this product");
    // Under a heading about setup, not ports, a docker command is an example.
    assertThat(Recovery.pairs(DocImporter.importText("x.md", "# Setup\n\n```\ndocker run -p 3000:3000 grafana\n```\n", Format.MARKDOWN, "x").product())).isEmpty();
  }
}
