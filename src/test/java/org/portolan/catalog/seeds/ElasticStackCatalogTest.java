package org.portolan.catalog.seeds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.portolan.catalog.seeds.SeedTable.actualFromPage;
import static org.portolan.catalog.seeds.SeedTable.assertSameRows;
import static org.portolan.catalog.seeds.SeedTable.parse;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.portolan.model.Bindings;
import org.portolan.model.PortSet;
import org.portolan.model.Product;

/** Elastic Stack: the rows of six Elastic pages, read by hand (first cell: the setting or table row). */
class ElasticStackCatalogTest {
  static final String NETWORK = "https://www.elastic.co/guide/en/elasticsearch/reference/current/modules-network.html";
  static final String KIBANA = "https://www.elastic.co/guide/en/kibana/current/settings.html";
  static final String BEATS_ES = "https://www.elastic.co/guide/en/beats/filebeat/current/elasticsearch-output.html";
  static final String BEATS_LS = "https://www.elastic.co/guide/en/beats/filebeat/current/logstash-output.html";
  static final String LOGSTASH_ES = "https://www.elastic.co/guide/en/logstash/current/plugins-outputs-elasticsearch.html";
  static final String FLEET = "https://www.elastic.co/guide/en/fleet/current/add-fleet-server-on-prem.html";

  // http.port and transport.port default to ranges (9200-9300, 9300-9400) of which a node binds the first free port.
  static final String NETWORK_SETTINGS = """
      # row                              | from                | to                 | proto | ports | when            | flags
      http.port                          | es-client           | elasticsearch-node | tcp   | 9200  |                 |
      transport.port                     | elasticsearch-node  | elasticsearch-node | tcp   | 9300  |                 |
      transport.port (remote clusters)   | remote-cluster-node | elasticsearch-node | tcp   | 9300  | remote-clusters |
      remote_cluster.port                | remote-cluster-node | elasticsearch-node | tcp   | 9443  | remote-clusters |
      """;

  static final String KIBANA_SETTINGS = """
      server.port          | kibana-user | kibana             | tcp | 5601 | |
      elasticsearch.hosts  | kibana      | elasticsearch-node | tcp | 9200 | |
      """;

  static final String FLEET_DEFAULT_PORTS = """
      # row                              | from          | to                 | proto | ports | when                             | flags
      Elastic Agent → Fleet Server       | elastic-agent | fleet-server       | tcp   | 8220  | fleet                            |
      Elastic Agent → Elasticsearch      | elastic-agent | elasticsearch-node | tcp   | 9200  | fleet                            |
      Elastic Agent → Logstash           | elastic-agent | logstash           | tcp   | 5044  | fleet && logstash                |
      Elastic Agent → Kibana (Fleet)     | elastic-agent | kibana             | tcp   | 5601  | fleet && fleet-kibana-enrollment |
      Fleet Server → Kibana (Fleet)      | fleet-server  | kibana             | tcp   | 5601  | fleet && fleet-kibana-enrollment |
      Fleet Server → Elasticsearch       | fleet-server  | elasticsearch-node | tcp   | 9200  | fleet                            |
      """;

  @Test
  void catalogHoldsExactlyTheRowsOfEachPage() {
    Product p = SeedTable.product("elastic-stack");
    assertSameRows(parse(NETWORK_SETTINGS), actualFromPage(p, Bindings.DEFAULTS, NETWORK));
    assertSameRows(parse(KIBANA_SETTINGS), actualFromPage(p, Bindings.DEFAULTS, KIBANA));
    assertSameRows(parse("hosts | beat | elasticsearch-node | tcp | 9200 | !logstash |"), actualFromPage(p, Bindings.DEFAULTS, BEATS_ES));
    assertSameRows(parse("hosts | beat | logstash | tcp | 5044 | logstash |"), actualFromPage(p, Bindings.DEFAULTS, BEATS_LS));
    assertSameRows(parse("hosts | logstash | elasticsearch-node | tcp | 9200 | logstash |"), actualFromPage(p, Bindings.DEFAULTS, LOGSTASH_ES));
    assertSameRows(parse(FLEET_DEFAULT_PORTS), actualFromPage(p, Bindings.DEFAULTS, FLEET));
    SeedTable.assertPageProvenance(p, NETWORK, KIBANA, BEATS_ES, BEATS_LS, LOGSTASH_ES, FLEET);
  }

  @Test
  void everyClientOfTheRestApiFollowsTheNodesHttpPort() {
    Product p = SeedTable.product("elastic-stack");
    assertThat(SeedTable.configurables(p)).isEqualTo(Map.of("es_http_port", "9200", "es_transport_port", "9300",
        "es_remote_cluster_port", "9443", "kibana_port", "5601", "logstash_beats_port", "5044", "fleet_server_port", "8220"));
    var moved = new Bindings(Map.of("es_http_port", PortSet.range(9201, 9201)), 1, Map.of());
    for (String page : new String[] {KIBANA, BEATS_ES, LOGSTASH_ES, FLEET})
      assertThat(actualFromPage(p, moved, page)).filteredOn(r -> r.to().equals("elasticsearch-node")).isNotEmpty().allMatch(r -> r.ports().equals("9201"));
    assertThat(p.requirements()).filteredOn(r -> r.responders().contains("elasticsearch-node") && !r.initiator().endsWith("node"))
        .allMatch(r -> r.services().equals(p.requirement("es-http").orElseThrow().services()));
  }

  @Test
  void aBeatShipsToLogstashOrToElasticsearchNeverBoth() {
    Product p = SeedTable.product("elastic-stack");
    assertThat(SeedTable.active(p, Map.of(), Map.of())).containsExactlyInAnyOrder("es-http", "es-transport", "kibana-ui", "kibana-elasticsearch", "beats-elasticsearch");
    assertThat(SeedTable.active(p, Map.of("logstash", true), Map.of()))
        .contains("beats-logstash", "logstash-elasticsearch").doesNotContain("beats-elasticsearch");
    assertThat(SeedTable.active(p, Map.of("fleet", true), Map.of()))
        .contains("agent-fleet-server", "agent-elasticsearch", "fleet-server-elasticsearch").doesNotContain("agent-kibana", "agent-logstash");
  }
}
