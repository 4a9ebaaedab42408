package org.portolan.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;

/**
 * The one golden-file check of the tests. Golden files live under
 * {@code src/test/resources/<package>/<case>/} ({@link #of}). On a mismatch the output is
 * written beside the golden file as {@code <name>.actual} for review (and removed again once
 * the output matches); a golden file that does not exist fails the same way, so every new
 * golden is looked at before it is committed. {@code -Dportolan.golden.update=true}
 * ({@link #ACCEPT}) accepts the output: it is written as the golden file and the check passes.
 */
public final class Golden {
  private Golden() {}

  /** The one system property that accepts new output. */
  public static final String ACCEPT = "portolan.golden.update";

  /** {@code src/test/resources/<resource>}, e.g. {@code of("render/site-plain/site.dot")}. */
  public static Path of(String resource) {
    return Path.of("src/test/resources", resource);
  }

  /** Whether this run accepts new output ({@code -Dportolan.golden.update=true}). */
  public static boolean accepting() {
    return Boolean.getBoolean(ACCEPT);
  }

  /** Text output (UTF-8) must equal the golden file; on a mismatch the assertion shows the difference. */
  public static void assertMatches(Path golden, String actual) {
    Optional<String> problem = mismatch(golden, actual.getBytes(StandardCharsets.UTF_8));
    if (problem.isEmpty()) return;
    if (Files.exists(golden)) assertThat(actual).as(problem.get()).isEqualTo(read(golden));
    fail(problem.get());
  }

  /** Byte output must equal the golden file. */
  public static void assertMatches(Path golden, byte[] actual) {
    mismatch(golden, actual).ifPresent(p -> fail(p));
  }

  /**
   * Compares without failing, for a test that checks many files and reports them together:
   * empty when the output matches (or was accepted), else what is wrong, with the
   * {@code .actual} file written.
   */
  public static Optional<String> mismatch(Path golden, byte[] actual) {
    Path actualFile = golden.resolveSibling(golden.getFileName() + ".actual");
    try {
      if (accepting()) {
        Files.createDirectories(golden.toAbsolutePath().getParent());
        Files.write(golden, actual);
        Files.deleteIfExists(actualFile);
        return Optional.empty();
      }
      if (Files.exists(golden) && Arrays.equals(Files.readAllBytes(golden), actual)) {
        Files.deleteIfExists(actualFile);
        return Optional.empty();
      }
      Files.createDirectories(actualFile.toAbsolutePath().getParent());
      Files.write(actualFile, actual);
      return Optional.of(golden + (Files.exists(golden) ? " differs" : " is missing") + "; the output is in " + actualFile
          + " (look at it, then run with -D" + ACCEPT + "=true to accept it)");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String read(Path p) {
    try {
      return Files.readString(p, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
