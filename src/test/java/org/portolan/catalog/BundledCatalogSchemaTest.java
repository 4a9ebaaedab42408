package org.portolan.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.portolan.diag.Diagnostics;
import org.portolan.schema.SchemaValidator;
import org.portolan.schema.YamlDocument;

/**
 * The build's validation of the bundled catalog: at run time the bundled files skip the schema
 * validator (CatalogLoader), so every one of them must pass it here.
 */
class BundledCatalogSchemaTest {
  @Test
  void everyBundledFilePassesItsSchema() {
    List<CatalogLoader.Source> sources = CatalogLoader.bundledSources();
    assertThat(sources).hasSizeGreaterThan(1);
    for (CatalogLoader.Source s : sources) {
      Diagnostics d = new Diagnostics();
      YamlDocument doc = YamlDocument.parse(s.text(), s.name(), d).orElseThrow();
      String schema = doc.root().has("service_sets") ? SchemaValidator.SERVICE_SETS : SchemaValidator.CATALOG;
      assertThat(SchemaValidator.validate(doc, schema, d)).as(s.name() + ": " + d.errors()).isTrue();
    }
  }

  @Test
  void aUserCatalogFileIsStillValidated() {
    String bad = "product: p\nname: P\nroles: [{id: a}]\nrequirements: []\nbogus_key: 1\n";
    Diagnostics user = new Diagnostics();
    CatalogLoader.fromSources(List.of(new CatalogLoader.Source("p.yaml", bad, false)), user);
    assertThat(user.errors()).anySatisfy(e -> assertThat(e.message()).contains("bogus_key"));
  }
}
