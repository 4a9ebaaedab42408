package org.portolan.catalog.seeds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.portolan.catalog.seeds.SeedTable.actualFromPage;
import static org.portolan.catalog.seeds.SeedTable.assertSameRows;
import static org.portolan.catalog.seeds.SeedTable.parse;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.portolan.model.Bindings;
import org.portolan.model.Product;

/** HashiCorp Vault: the tcp listener's two addresses, read by hand from the listener parameters. */
class VaultCatalogTest {
  static final String PAGE = "https://developer.hashicorp.com/vault/docs/configuration/listener/tcp";

  static final String PARAMETERS = """
      # row                              | from         | to           | proto | ports | when    | flags
      address (127.0.0.1:8200)           | vault-client | vault-server | tcp   | 8200  |         |
      cluster_address (127.0.0.1:8201)   | vault-server | vault-server | tcp   | 8201  | cluster |
      """;

  @Test
  void catalogHoldsExactlyTheListenerAddresses() {
    Product p = SeedTable.product("vault");
    assertSameRows(parse(PARAMETERS), actualFromPage(p, Bindings.DEFAULTS, PAGE));
    SeedTable.assertPageProvenance(p, PAGE);
  }

  @Test
  void bothPortsAreConfigurableAndTheClusterPortOnlyBetweenServers() {
    Product p = SeedTable.product("vault");
    assertThat(SeedTable.configurables(p)).isEqualTo(Map.of("vault_api_port", "8200", "vault_cluster_port", "8201"));
    assertThat(SeedTable.active(p, Map.of(), Map.of())).containsExactly("api");
    assertThat(SeedTable.active(p, Map.of("cluster", true), Map.of())).containsExactlyInAnyOrder("api", "cluster");
  }
}
