package org.portolan.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.portolan.deployment.DeploymentLoader;
import org.portolan.diag.Diagnostics;
import org.portolan.model.Service;
import org.portolan.model.NotationException;

class CatalogFuzzTest {
  private static final Catalog BUNDLED = CatalogLoader.bundled();

  /** Any text gives a catalog or positioned diagnostics: never an exception, never a hang. */
  @FuzzTest(maxDuration = "30s")
  void catalogEntries(byte[] data) {
    Diagnostics d = new Diagnostics();
    CatalogLoader.fromSources(List.of(new CatalogLoader.Source("fuzz.yaml", new String(data, StandardCharsets.UTF_8), false)), d);
    assertThat(d.errors()).allSatisfy(e -> assertThat(e.position().file()).isEqualTo("fuzz.yaml"));
  }

  @FuzzTest(maxDuration = "30s")
  void deployments(byte[] data) {
    Diagnostics d = new Diagnostics();
    var dep = DeploymentLoader.parse(new String(data, StandardCharsets.UTF_8), "fuzz.yaml", BUNDLED, d);
    assertThat(dep == null).isEqualTo(d.hasErrors());
  }

  /** Service notation either parses or throws a NotationException with an offset inside the text. */
  @FuzzTest(maxDuration = "30s")
  void serviceNotation(byte[] data) {
    String text = new String(data, StandardCharsets.UTF_8);
    try {
      Service s = Service.parse(text);
      assertThat(Service.parse(s.notation())).isEqualTo(s);
    } catch (NotationException e) {
      assertThat(e.offset()).isBetween(0, Math.max(0, text.length()));
    }
  }
}
