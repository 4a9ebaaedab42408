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

/** Apache Kafka (KRaft): section 7.2 "Listener Configuration", read by hand (first cell: the setting the flow comes from). */
class KafkaCatalogTest {
  static final String PAGE = "https://kafka.apache.org/39/security/listener-configuration";

  // The section names no default port; 9092 (broker listener) and 9093 (controller listener) are its examples.
  static final String LISTENERS = """
      # row                                                        | from             | to               | proto | ports | when | flags
      listeners (client listener)                                  | kafka-client     | kafka-broker     | tcp   | 9092  |      |
      inter.broker.listener.name                                   | kafka-broker     | kafka-broker     | tcp   | 9092  |      |
      controller.listener.names (requests from brokers)            | kafka-broker     | kafka-controller | tcp   | 9093  |      |
      controller.listener.names (requests from other controllers)  | kafka-controller | kafka-controller | tcp   | 9093  |      |
      """;

  @Test
  void catalogHoldsExactlyTheListenersOfTheSection() {
    Product p = SeedTable.product("kafka");
    assertSameRows(parse(LISTENERS), actualFromPage(p, Bindings.DEFAULTS, PAGE));
    SeedTable.assertPageProvenance(p, PAGE);
  }

  @Test
  void everyListenerPortIsConfigurableAndClientsNeverReachTheControllers() {
    Product p = SeedTable.product("kafka");
    assertThat(SeedTable.configurables(p))
        .isEqualTo(Map.of("kafka_client_port", "9092", "kafka_inter_broker_port", "9092", "kafka_controller_port", "9093"));
    var separate = new Bindings(Map.of("kafka_client_port", PortSet.range(9094, 9094), "kafka_controller_port", PortSet.range(19093, 19093)), 1, Map.of());
    assertThat(actualFromPage(p, separate, PAGE))
        .anyMatch(r -> r.from().equals("kafka-client") && r.ports().equals("9094"))
        .anyMatch(r -> r.from().equals("kafka-broker") && r.to().equals("kafka-broker") && r.ports().equals("9092"))
        .filteredOn(r -> r.to().equals("kafka-controller")).allMatch(r -> r.ports().equals("19093"));
    assertThat(p.requirements()).noneMatch(r -> r.initiator().equals("kafka-client") && r.responders().contains("kafka-controller"));
  }
}
