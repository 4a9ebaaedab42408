package org.portolan.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Golden files under {@code src/test/resources}: on a mismatch the output is written beside
 * the expected file as {@code .actual} for review; {@code -Dportolan.golden.update=true}
 * accepts it. A golden file that does not exist yet is written and the test fails, so a new
 * golden is always looked at before it is committed.
 */
final class Golden {
  private Golden() {}

  static final Path ROOT = Path.of("src/test/resources/render");

  static void assertMatches(String resource, String actual) throws IOException {
    Path expected = Path.of("src/test/resources", resource);
    Path actualFile = expected.resolveSibling(expected.getFileName() + ".actual");
    boolean update = Boolean.getBoolean("portolan.golden.update");
    if (update || !Files.exists(expected)) {
      Files.createDirectories(expected.getParent());
      Files.writeString(expected, actual, StandardCharsets.UTF_8);
      Files.deleteIfExists(actualFile);
      assertThat(update).as("golden file %s did not exist; written now, review it and run again", expected).isTrue();
      return;
    }
    String want = Files.readString(expected, StandardCharsets.UTF_8);
    if (!want.equals(actual)) Files.writeString(actualFile, actual, StandardCharsets.UTF_8);
    else Files.deleteIfExists(actualFile);
    assertThat(actual).as("output differs from %s (see %s)", expected, actualFile).isEqualTo(want);
  }

  /** The golden {@code src/test/resources/render/<caseName>/<file>}. */
  static void assertMatches(String caseName, String file, String actual) throws IOException {
    assertMatches("render/" + caseName + "/" + file, actual);
  }

  /** A test resource of the render stage. */
  static Path resource(String name) {
    return ROOT.resolve(name);
  }
}
