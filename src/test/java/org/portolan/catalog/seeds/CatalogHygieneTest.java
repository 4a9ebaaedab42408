package org.portolan.catalog.seeds;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.portolan.model.Choice;
import org.portolan.model.Feature;
import org.portolan.model.FlowRequirement;
import org.portolan.model.Product;
import org.portolan.model.Role;

/** Nothing in the bundled catalog is declared and then never used. */
class CatalogHygieneTest {
  @Test
  void everyRoleFeatureAndChoiceOptionIsUsed() {
    for (Product p : SeedTable.bundled().products()) {
      Set<String> roles = new HashSet<>();
      Set<String> features = new HashSet<>();
      Set<String> options = new HashSet<>();
      for (FlowRequirement r : p.requirements()) {
        roles.add(r.initiator());
        roles.addAll(r.responders());
        features.addAll(r.condition().featureNames());
        r.condition().choiceValues().forEach((c, vs) -> vs.forEach(v -> options.add(c + "=" + v)));
      }
      for (Role role : p.roles()) assertThat(roles).as(p.id() + " role " + role.id() + " is used").contains(role.id());
      for (Feature f : p.features()) assertThat(features).as(p.id() + " feature " + f.name() + " is used").contains(f.name());
      for (Choice c : p.choices())
        for (String o : c.options()) assertThat(options).as(p.id() + " choice " + c.name() + "=" + o + " is used").contains(c.name() + "=" + o);
    }
  }

  /** External endpoints (known by name) only ever answer; they never start a flow. */
  @Test
  void externalRolesAreOnlyResponders() {
    for (Product p : SeedTable.bundled().products())
      for (FlowRequirement r : p.requirements())
        assertThat(p.role(r.initiator()).orElseThrow().isExternal()).as(p.id() + "/" + r.id()).isFalse();
  }

  @Test
  void theFiveSeedProductsAreBundled() {
    assertThat(SeedTable.bundled().products()).extracting(Product::id)
        .contains("zenworks", "configmgr", "1e-shopping", "tarantella", "xenserver");
  }
}
