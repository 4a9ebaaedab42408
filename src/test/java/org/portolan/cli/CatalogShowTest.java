package org.portolan.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.portolan.testing.Cli;

/** A user planning a deployment needs a product's switches from `catalog show`, not only from its YAML. */
class CatalogShowTest {
  @Test
  void theTableListsFeaturesChoicesAndConfigurablePortsWithTheirDefaults() {
    Cli r = Cli.run("catalog", "show", "zenworks");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).containsPattern("FEATURE +DEFAULT +DESCRIPTION")
        .containsPattern("\\nimaging +off +Preboot services")
        .containsPattern("\\nncc-updates +on ")
        .containsPattern("CHOICE +OPTIONS +DEFAULT");
    int features = r.out().indexOf("FEATURE"), requirements = r.out().indexOf("REQUIREMENT");
    assertThat(features).isPositive().isLessThan(requirements);
  }
}
