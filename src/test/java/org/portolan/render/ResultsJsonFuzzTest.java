package org.portolan.render;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import org.portolan.diag.Diagnostics;

class ResultsJsonFuzzTest {
  /** Any bytes give results or errors naming the file, never an exception; evidence only from a clean read. */
  @FuzzTest(maxDuration = "20s")
  void anyInputGivesResultsOrNamedErrors(byte[] data) {
    String text = new String(data, StandardCharsets.UTF_8);
    for (String kind : new String[] {"verify", "probe", "capture"}) {
      Diagnostics d = new Diagnostics();
      Results r = switch (kind) {
        case "verify" -> ResultsJson.verify(text, "fuzz.json", d);
        case "probe" -> ResultsJson.probe(text, "fuzz.json", d);
        default -> ResultsJson.capture(text, "fuzz.json", d);
      };
      assertThat(d.all()).allSatisfy(e -> assertThat(e.position().file()).isEqualTo("fuzz.json"));
      for (Evidence e : r.evidence()) {
        assertThat(e.kind()).isEqualTo(kind);
        assertThat(e.summary()).isNotNull();
      }
      for (Finding f : r.findings()) assertThat(f.text()).isNotBlank();
    }
  }
}
