package org.portolan.render;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs Graphviz {@code dot -Tsvg}. The executable is looked up on PATH (system property
 * {@code portolan.dot} names another one, used by tests to simulate its absence).
 */
final class Graphviz {
  private Graphviz() {}

  static final int TIMEOUT_SECONDS = 120;

  static Optional<Path> find() {
    String override = System.getProperty("portolan.dot");
    if (override != null) {
      Path p = Path.of(override);
      return Files.isExecutable(p) ? Optional.of(p) : Optional.empty();
    }
    String path = System.getenv("PATH");
    if (path == null) return Optional.empty();
    for (String dir : path.split(java.io.File.pathSeparator)) {
      if (dir.isBlank()) continue;
      Path p = Path.of(dir, "dot");
      if (Files.isExecutable(p)) return Optional.of(p);
    }
    return Optional.empty();
  }

  static boolean available() {
    return find().isPresent();
  }

  /** SVG for DOT text; throws {@link Diagrams.GraphvizMissingException} when Graphviz is absent, UncheckedIOException when it fails. */
  static String svg(String dot) {
    Path exe = find().orElseThrow(() -> new Diagrams.GraphvizMissingException(
        "SVG needs Graphviz's 'dot', which is not installed or not on PATH; install graphviz (Debian/Ubuntu: apt-get install graphviz) or use --format dot or mermaid"));
    try {
      Process p = new ProcessBuilder(List.of(exe.toString(), "-Tsvg")).redirectErrorStream(false).start();
      CompletableFuture<byte[]> out = CompletableFuture.supplyAsync(() -> readAll(p.getInputStream()));
      CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> readAll(p.getErrorStream()));
      try (OutputStream in = p.getOutputStream()) {
        in.write(dot.getBytes(StandardCharsets.UTF_8));
      }
      if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new UncheckedIOException(new IOException("Graphviz dot did not finish within " + TIMEOUT_SECONDS + " s"));
      }
      String svg = new String(out.join(), StandardCharsets.UTF_8);
      if (p.exitValue() != 0)
        throw new UncheckedIOException(new IOException("Graphviz dot failed (exit " + p.exitValue() + "): " + new String(err.join(), StandardCharsets.UTF_8).strip()));
      return svg;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run Graphviz " + exe + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new UncheckedIOException(new IOException("interrupted while running Graphviz"));
    }
  }

  private static byte[] readAll(InputStream s) {
    try (s; ByteArrayOutputStream b = new ByteArrayOutputStream()) {
      s.transferTo(b);
      return b.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The {@code <svg>} element alone (no XML prolog, DOCTYPE or comments before it), for inlining in HTML. */
  static String inlineSvg(String svg) {
    int start = svg.indexOf("<svg");
    return start < 0 ? svg : svg.substring(start).strip();
  }
}
