package org.portolan.fleet;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The Java runtime fleet ships to hosts without a Java 25: made with {@code jlink} from the
 * controller's own JDK on first use, with only the modules probe and listen need
 * ({@link #MODULES}: {@code java.base} for sockets and files, {@code jdk.zipfs} to read the
 * bundled catalog out of the jar), packed as {@code runtime/…} in a .tar.gz and cached per
 * Java version under {@code ~/.cache/portolan/} (or {@code $XDG_CACHE_HOME/portolan/}).
 * The image is for the controller's operating system and architecture (Linux x86-64 here).
 */
public final class RuntimeImage {
  private RuntimeImage() {}

  /** Checked by running probe and listen on the image alone (docs/fleet.md). */
  public static final List<String> MODULES = List.of("java.base", "jdk.zipfs");

  /** The cached image for this Java, made now if missing; empty (with the reason) when this Java cannot link. */
  public static Result ensure(Path cacheDir) {
    Path javaHome = Path.of(System.getProperty("java.home"));
    Path jlink = javaHome.resolve("bin/jlink");
    String version = Runtime.version().toString().replaceAll("[^A-Za-z0-9.+_-]", "_");
    Path archive = cacheDir.resolve("runtime-" + version + "-" + String.join("+", MODULES) + ".tar.gz");
    if (Files.isRegularFile(archive)) return new Result(Optional.of(archive), false, "");
    if (!Files.isExecutable(jlink)) return new Result(Optional.empty(), false, "no jlink in " + javaHome + " (a JRE, not a JDK)");
    try {
      Files.createDirectories(cacheDir);
      Path work = Files.createTempDirectory(cacheDir, "jlink-");
      try {
        Path image = work.resolve("runtime");
        run(List.of(jlink.toString(), "--add-modules", String.join(",", MODULES), "--strip-debug", "--no-header-files",
            "--no-man-pages", "--compress=zip-6", "--output", image.toString()), work);
        Path tmp = work.resolve("runtime.tar.gz");
        run(List.of("tar", "-C", work.toString(), "-czf", tmp.toString(), "runtime"), work);
        Files.move(tmp, archive, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        return new Result(Optional.of(archive), true, "");
      } finally {
        delete(work);
      }
    } catch (IOException e) {
      return new Result(Optional.empty(), false, e.getMessage());
    }
  }

  /** The archive if there is one, whether it was made now, and why there is none. */
  public record Result(Optional<Path> archive, boolean made, String problem) {}

  private static void run(List<String> cmd, Path dir) throws IOException {
    Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
    try {
      p.getOutputStream().close();
      byte[] out = p.getInputStream().readAllBytes();
      if (!p.waitFor(5, TimeUnit.MINUTES)) {
        p.destroyForcibly();
        throw new IOException(cmd.getFirst() + " did not finish within 5 minutes");
      }
      if (p.exitValue() != 0) throw new IOException(String.join(" ", cmd) + " failed: " + new String(out).strip());
    } catch (InterruptedException e) {
      p.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }

  static void delete(Path dir) {
    if (!Files.exists(dir)) return;
    try (var walk = Files.walk(dir)) {
      walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> {
        try {
          Files.deleteIfExists(p);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
    } catch (IOException | UncheckedIOException e) {
      // best effort: a temp folder left behind is named in no result
    }
  }

  /** The default cache folder. */
  public static Path defaultCache() {
    String xdg = System.getenv("XDG_CACHE_HOME");
    return (xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache")).resolve("portolan");
  }
}
