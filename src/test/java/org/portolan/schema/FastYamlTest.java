package org.portolan.schema;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.portolan.catalog.CatalogLoader;

/**
 * FastYaml against Jackson/SnakeYAML, token for token: on every YAML file of the repository and
 * on thousands of mutations of them (characters inserted or deleted, lines shifted, doubled or
 * dropped), FastYaml either declines the text or gives exactly Jackson's tokens, texts, lines
 * and columns — and never accepts a text Jackson refuses.
 */
class FastYamlTest {
  private static final YAMLFactory YAML = YAMLFactory.builder().build();
  private static final String[] INSERTS = {" ", "  ", ":", ": ", "-", "- ", "#", " #", "'", "\"", "[", "]", "{", "}", ",", ", ",
      "\n", "\n  ", "a", "0", "&a ", "*a", "!", "|", ">", "?", "~", ".", "1", "-1", "0x1", "yes", "null", "1.5", "''", "\\", ">-\n", "|\n", "> #c\n", "|-\n"};

  /** Jackson's tokens as "KIND text line:column" lines (no position for an end). */
  private static List<String> jackson(String text) throws IOException {
    List<String> out = new ArrayList<>();
    try (JsonParser p = YAML.createParser(text)) {
      for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
        String value = t == JsonToken.FIELD_NAME ? p.currentName() : t.isScalarValue() ? p.getText() : "";
        boolean end = t == JsonToken.END_ARRAY || t == JsonToken.END_OBJECT;
        var loc = p.currentTokenLocation();
        out.add(t + " " + value + (end ? "" : " " + loc.getLineNr() + ":" + loc.getColumnNr()));
      }
    }
    return out;
  }

  private static List<String> fast(FastYaml.Tokens t) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < t.size; i++) {
      JsonToken k = t.kind[i];
      boolean end = k == JsonToken.END_ARRAY || k == JsonToken.END_OBJECT;
      out.add(k + " " + (t.text[i] == null ? "" : t.text[i]) + (end ? "" : " " + (int) (t.at[i] >>> 32) + ":" + (int) t.at[i]));
    }
    return out;
  }

  /** True when FastYaml read the text (and then it matched Jackson). */
  private static boolean sameAsJackson(String text) {
    FastYaml.Tokens t = FastYaml.tokens(text);
    if (t == null) return false;
    List<String> expected;
    try {
      expected = jackson(text);
    } catch (IOException | RuntimeException e) {
      throw new AssertionError("FastYaml read a text Jackson refuses (" + e.getMessage() + "):\n" + text, e);
    }
    assertThat(fast(t)).as("tokens of:\n%s", text).isEqualTo(expected);
    return true;
  }

  private static List<String> repositoryYaml() throws IOException {
    List<String> texts = new ArrayList<>();
    for (String dir : List.of("examples", "src/test/resources", "src/main/resources/catalog", "docs")) {
      if (!Files.isDirectory(Path.of(dir))) continue;
      try (Stream<Path> s = Files.walk(Path.of(dir))) {
        for (Path p : s.filter(f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".yml")).sorted().toList())
          texts.add(Files.readString(p));
      }
    }
    return texts;
  }

  @Test
  void aGeneratedSiteIsReadFastAndExactly() throws IOException {
    Path site = Files.createTempFile("site", ".yaml");
    try {
      org.portolan.bench.SiteGenerator.write(CatalogLoader.bundled(), 500, site);
      assertThat(sameAsJackson(Files.readString(site))).as("the benchmark's site is in the subset").isTrue();
    } finally {
      Files.delete(site);
    }
  }

  @Test
  void everyFileOfTheRepositoryIsReadAsJacksonReadsItOrLeftToJackson() throws IOException {
    List<String> texts = repositoryYaml();
    assertThat(texts).hasSizeGreaterThan(20);
    long fast = texts.stream().filter(FastYamlTest::sameAsJackson).count();
    assertThat(fast).as("files in the subset").isGreaterThan(5);
  }

  @Test
  void mutatedFilesAreReadAsJacksonReadsThemOrLeftToJackson() throws IOException {
    List<String> texts = repositoryYaml();
    texts.add("a: 1\nb: [x, 'y''z', \"w\", -5, +7, 0, ~, null, yes, Off, 1.5, .inf, 1e3, 12345678901]\nc: {d: e, f: [g]}\n"
        + "h:\n- i: j\n  k: l\n-  m: n\n- [o]\n- - p\n  # c\n    # c\nq:   'r'   # c\ns: t:u v # w\nx: 'y' #z\n");
    texts.add("a: >-\n  one\n  two\n\n  three\n    four\n  five\n\nb: |\n  x\n   y\n\n\n  # z\nc:\n  - >\n    p q\n\n    r\n  - |-\n    s\n  - k: >-\n      t\n\n\n    l: u\nd: |\n  end");
    Random r = new Random(18);
    int read = 0, total = 0;
    for (String base : texts) {
      if (base.length() > 40_000) base = base.substring(0, 40_000);
      for (int k = 0; k < 150; k++) {
        String m = mutate(base, r);
        total++;
        if (sameAsJackson(m)) read++;
      }
    }
    // enough mutations stay in the subset for the comparison to mean something
    assertThat(read).as("mutations read by FastYaml of " + total).isGreaterThan(total / 10);
  }

  private static String mutate(String s, Random r) {
    if (s.isEmpty()) return s;
    StringBuilder b = new StringBuilder(s);
    int edits = 1 + r.nextInt(2);
    for (int e = 0; e < edits; e++) {
      int at = r.nextInt(b.length());
      switch (r.nextInt(5)) {
        case 0 -> b.insert(at, INSERTS[r.nextInt(INSERTS.length)]);
        case 1 -> b.deleteCharAt(at);
        case 2 -> { // shift a line's indentation
          int start = b.lastIndexOf("\n", at) + 1;
          if (r.nextBoolean()) b.insert(start, r.nextBoolean() ? " " : "  ");
          else if (b.length() > start && b.charAt(start) == ' ') b.deleteCharAt(start);
        }
        case 3 -> { // drop a line
          int start = b.lastIndexOf("\n", at) + 1;
          int end = b.indexOf("\n", at);
          b.delete(start, end < 0 ? b.length() : end + 1);
        }
        default -> { // double a line
          int start = b.lastIndexOf("\n", at) + 1;
          int end = b.indexOf("\n", at);
          String line = b.substring(start, end < 0 ? b.length() : end + 1);
          b.insert(start, line.endsWith("\n") ? line : line + "\n");
        }
      }
      if (b.isEmpty()) break;
    }
    return b.toString();
  }
}
