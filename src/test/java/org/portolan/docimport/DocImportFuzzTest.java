package org.portolan.docimport;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.nio.charset.StandardCharsets;
import org.portolan.model.Service;

class DocImportFuzzTest {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  /** Any text, read as plain text or HTML, gives a draft whose YAML parses; never an exception or a hang. */
  @FuzzTest(maxDuration = "20s")
  void anyDocumentGivesAParsableDraft(byte[] data) throws Exception {
    String text = new String(data, StandardCharsets.UTF_8);
    for (DocImporter.Format f : DocImporter.Format.values()) {
      Draft d = DocImporter.importText("fuzz.txt", text, f, "fuzz");
      assertThat(YAML.readTree(d.toYaml()).get("product").asText()).isEqualTo("fuzz");
      d.product().requirements().forEach(r -> assertThat(r.provenance().line()).isPositive());
      d.warnings().forEach(w -> assertThat(w.position().file()).isEqualTo("fuzz.txt"));
    }
  }

  /** Any sentence gives valid services from the prose reader, never an exception. */
  @FuzzTest(maxDuration = "20s")
  void anySentenceGivesValidProseStatements(byte[] data) {
    String text = new String(data, StandardCharsets.UTF_8);
    for (ProsePorts.Statement st : ProsePorts.read(text, true, true, null))
      for (Service s : st.services()) assertThat(Service.parse(s.notation())).isEqualTo(s);
  }

  /** Any port expression gives services in valid catalog notation, with notes positioned inside the text. */
  @FuzzTest(maxDuration = "20s")
  void anyPortExpressionGivesValidServices(byte[] data) {
    String text = new String(data, StandardCharsets.UTF_8);
    PortExpressions.Result r = PortExpressions.parse(text, text);
    for (Service s : r.services()) assertThat(Service.parse(s.notation())).isEqualTo(s);
    r.notes().forEach(n -> assertThat(n.offset()).isBetween(0, text.length()));
  }
}
