package org.portolan.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Golden files under {@code src/test/resources/render/<case>/}: on a mismatch the output is
 * written beside the expected file as {@code .actual}; {@code -Dportolan.golden.update=true}
 * rewrites the expected file instead.
 */
final class Golden {
  private Golden() {}

  static final Path ROOT = Path.of("src/test/resources/render");

  static void assertMatches(String caseName, String file, String actual) throws IOException {
    Path expected = ROOT.resolve(caseName).resolve(file);
    Path actualFile = expected.resolveSibling(file + ".actual");
    if (Boolean.getBoolean("portolan.golden.update")) {
      Files.createDirectories(expected.getParent());
      Files.writeString(expected, actual, StandardCharsets.UTF_8);
      Files.deleteIfExists(actualFile);
      return;
    }
    String want = Files.exists(expected) ? Files.readString(expected, StandardCharsets.UTF_8) : null;
    if (!actual.equals(want)) {
      Files.createDirectories(expected.getParent());
      Files.writeString(actualFile, actual, StandardCharsets.UTF_8);
    } else {
      Files.deleteIfExists(actualFile);
    }
    assertThat(want).as("golden %s (actual output written to %s; accept with -Dportolan.golden.update=true)", expected, actualFile)
        .isEqualTo(actual);
  }

  static Path resource(String name) {
    return ROOT.resolve(name);
  }
}
