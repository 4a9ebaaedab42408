package org.portolan.diag;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SourceTextTest {
  @Test
  void aByteOrderMarkIsDropped() {
    byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, 'n', 'a', 'm', 'e'};
    assertThat(SourceText.decode(bom, "f.csv")).isEqualTo("name");
  }

  @Test
  void latin1IsAnInputErrorAtItsLineColumnAndOffset() {
    byte[] text = "site: x\nname: caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1);
    assertThatThrownBy(() -> SourceText.decode(text, "site.yaml")).isInstanceOf(InvalidInputException.class)
        .hasMessage("site.yaml:2:10: error: not UTF-8: byte 0xE9 at byte offset 17; save the file as UTF-8 (it looks like Latin-1 or Windows-1252)");
  }

  @Test
  void utf8AfterMultiByteCharactersCountsColumnsInCharacters() {
    byte[] text = "\u00e9\u00e9 \u00ff".getBytes(StandardCharsets.UTF_8);
    text[text.length - 1] = (byte) 0xFF;
    assertThatThrownBy(() -> SourceText.decode(text, "f")).hasMessageStartingWith("f:1:4: error: not UTF-8: byte 0xC3 at byte offset 5");
  }

  /** Lines as the regex split gives them, on every mix of breaks. */
  @org.junit.jupiter.api.Test
  void linesAreTheRegexSplitsLines() {
    java.util.Random rnd = new java.util.Random(18);
    String[] parts = {"a", "", "\r", "\n", "\r\n", "bc d", "\r\r\n", "\n\r"};
    java.util.List<String> texts = new java.util.ArrayList<>(java.util.List.of("", "x", "\n", "\r", "\r\n", "a\r\nb", "a\n\nb\n", "\r\n\r\n"));
    for (int i = 0; i < 5_000; i++) {
      StringBuilder b = new StringBuilder();
      for (int k = rnd.nextInt(12); k > 0; k--) b.append(parts[rnd.nextInt(parts.length)]);
      texts.add(b.toString());
    }
    for (String t : texts) org.assertj.core.api.Assertions.assertThat(SourceText.lines(t)).as(t.replace("\r", "\\r").replace("\n", "\\n")).containsExactly(t.split("\r?\n|\r", -1));
  }
}
