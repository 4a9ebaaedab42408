package org.portolan.output;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutputFileTest {
  @Test
  void writesCreatesFoldersAndLeavesNoTemporaryFile(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("a/b/rules.txt");
    assertThat(OutputFile.write(f, "one\n")).isTrue();
    assertThat(Files.readString(f)).isEqualTo("one\n");
    assertThat(OutputFile.write(f, "two, longer\n")).isTrue();
    assertThat(Files.readString(f)).isEqualTo("two, longer\n");
    try (var s = Files.list(f.getParent())) {
      assertThat(s.map(p -> p.getFileName().toString())).containsExactly("rules.txt");
    }
  }

  @Test
  void unchangedContentLeavesTheFileAndItsTimeAlone(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("rules.txt");
    OutputFile.write(f, "same\n");
    FileTime old = FileTime.fromMillis(1_000_000_000_000L);
    Files.setLastModifiedTime(f, old);
    assertThat(OutputFile.write(f, "same\n")).isFalse();
    assertThat(Files.getLastModifiedTime(f)).isEqualTo(old);
  }

  @Test
  void aReplacedFileKeepsItsMode(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("secret.rules");
    Files.writeString(f, "old");
    Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-------"));
    OutputFile.write(f, "new");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(f))).isEqualTo("rw-------");
  }

  @Test
  void refusesToWriteThroughASymbolicLinkAndLeavesTheVictimAlone(@TempDir Path dir) throws Exception {
    Path victim = dir.resolve("victim");
    Files.writeString(victim, "precious");
    Path link = dir.resolve("out.rules");
    Files.createSymbolicLink(link, victim);
    assertThatThrownBy(() -> OutputFile.write(link, "attacker's rules")).isInstanceOf(UncheckedIOException.class)
        .hasMessageContaining("out.rules").hasMessageContaining("symbolic link");
    assertThat(Files.readString(victim)).isEqualTo("precious");
    assertThat(Files.isSymbolicLink(link)).isTrue();
  }

  @Test
  void refusesADirectoryAtTheName(@TempDir Path dir) throws Exception {
    Files.createDirectory(dir.resolve("x"));
    assertThatThrownBy(() -> OutputFile.write(dir.resolve("x"), "t")).hasMessageContaining("not a regular file");
  }

  /**
   * A full disk: the old file must stay whole. The file system is a 64 KiB tmpfs in a mount
   * namespace of its own (unshare -m), so nothing on the host is mounted; a child JVM fills it.
   */
  @Test
  void aFullDiskLeavesTheOldFileWhole(@TempDir Path dir) throws Exception {
    assumeTrue(Files.isExecutable(Path.of("/usr/bin/unshare")) && "root".equals(System.getProperty("user.name")), "needs root and unshare");
    Path mnt = Files.createDirectory(dir.resolve("mnt"));
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process p = new ProcessBuilder("/usr/bin/unshare", "-m", "sh", "-c",
        "mount --make-rprivate / && mount -t tmpfs -o size=64k tmpfs \"$0\" && exec \"$1\" -cp \"$2\" \"$3\" \"$0\"",
        mnt.toString(), java, System.getProperty("java.class.path"), FullDisk.class.getName()).redirectErrorStream(true).start();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("child finished").isTrue();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(out).contains("refused: ").contains("old file whole: true").contains("left behind: []");
    assertThat(p.exitValue()).as(out).isZero();
  }

  /**
   * kill -9 in the middle of a write: the file is the old one or the whole new one, never a
   * prefix. The child JVM rewrites a 64 MB file; the test kills it as soon as the write has
   * started (a temporary file appears, or the target changes size).
   */
  @Test
  void aKilledWriteLeavesTheOldFileOrTheWholeNewOne(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("big.rules");
    String old = "old\n".repeat(1000);
    Files.writeString(f, old);
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process p = new ProcessBuilder(java, "-Xmx512m", "-cp", System.getProperty("java.class.path"), BigWrite.class.getName(), f.toString())
        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    try {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (System.nanoTime() < deadline && p.isAlive() && !writing(dir, f, old.length())) Thread.onSpinWait();
      p.destroyForcibly(); // SIGKILL
      assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    } finally {
      p.destroyForcibly();
    }
    long size = Files.size(f);
    assertThat(size).as("size after kill -9").isIn((long) old.length(), (long) BigWrite.SIZE);
    if (size == old.length()) assertThat(Files.readString(f)).isEqualTo(old);
  }

  private static boolean writing(Path dir, Path f, long oldSize) {
    try (var s = Files.list(dir)) {
      return s.anyMatch(x -> x.getFileName().toString().endsWith(".tmp")) || Files.size(f) != oldSize;
    } catch (java.io.IOException e) {
      return false;
    }
  }

  /** Rewrites the file named by args[0] with {@link #SIZE} bytes. */
  public static final class BigWrite {
    static final int SIZE = 64 << 20;

    public static void main(String[] args) {
      byte[] content = new byte[SIZE];
      java.util.Arrays.fill(content, (byte) 'n');
      OutputFile.write(Path.of(args[0]), content);
    }
  }

  /** Runs inside the namespace: a good 40 KB file, then a 50 KB replacement that cannot fit beside it. */
  public static final class FullDisk {
    public static void main(String[] args) throws Exception {
      Path f = Path.of(args[0], "rules.txt");
      String good = "-A INPUT -j ACCEPT\n".repeat(2000) + "COMMIT\n";
      OutputFile.write(f, good);
      try {
        OutputFile.write(f, "-A INPUT -p tcp -j ACCEPT\n".repeat(2000) + "COMMIT\n");
        System.out.println("written?!");
      } catch (UncheckedIOException e) {
        System.out.println("refused: " + e.getMessage());
      }
      System.out.println("old file whole: " + Files.readString(f).equals(good));
      try (var s = Files.list(f.getParent())) {
        System.out.println("left behind: " + s.map(p -> p.getFileName().toString()).filter(n -> !n.equals("rules.txt")).toList());
      }
    }
  }

  @Test
  void aStreamedWriteReplacesLeavesAnUnchangedFileAloneAndKeepsTheOldOneOnFailure(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("out.json");
    assertThat(OutputFile.write(f, w -> { for (int i = 0; i < 100_000; i++) w.write(i + "\n"); })).isTrue();
    assertThat(Files.readAllLines(f)).hasSize(100_000).endsWith("99999");
    FileTime old = FileTime.fromMillis(1_000_000_000_000L);
    Files.setLastModifiedTime(f, old);
    assertThat(OutputFile.write(f, w -> { for (int i = 0; i < 100_000; i++) w.write(i + "\n"); })).isFalse();
    assertThat(Files.getLastModifiedTime(f)).isEqualTo(old);
    assertThatThrownBy(() -> OutputFile.write(f, w -> {
      w.write("half");
      throw new java.io.IOException("disk full");
    })).isInstanceOf(UncheckedIOException.class).hasMessageContaining("out.json").hasMessageContaining("disk full");
    assertThat(Files.readAllLines(f)).hasSize(100_000);
    try (var s = Files.list(dir)) {
      assertThat(s.map(p -> p.getFileName().toString())).containsExactly("out.json");
    }
  }

  @Test
  void aWriteOfBytesReplacesLeavesAnUnchangedFileAloneAndKeepsTheOldOneOnFailure(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("out.json");
    byte[] piece = "r\u00e9gle\n".getBytes(StandardCharsets.UTF_8);
    assertThat(OutputFile.writeBytes(f, o -> { for (int i = 0; i < 100_000; i++) o.write(piece); })).isTrue();
    assertThat(Files.readAllLines(f)).hasSize(100_000).allMatch("r\u00e9gle"::equals);
    FileTime old = FileTime.fromMillis(1_000_000_000_000L);
    Files.setLastModifiedTime(f, old);
    assertThat(OutputFile.writeBytes(f, o -> { for (int i = 0; i < 100_000; i++) o.write(piece); })).isFalse();
    assertThat(Files.getLastModifiedTime(f)).isEqualTo(old);
    // an I/O error or any other failure half-way (a worker's, rethrown): the old file stays whole, no temporary file is left
    assertThatThrownBy(() -> OutputFile.writeBytes(f, o -> {
      o.write(new byte[1 << 20]);
      throw new java.io.IOException("disk full");
    })).isInstanceOf(UncheckedIOException.class).hasMessageContaining("out.json").hasMessageContaining("disk full");
    assertThatThrownBy(() -> OutputFile.writeBytes(f, o -> {
      o.write(new byte[1 << 20]);
      throw new IllegalStateException("a worker failed");
    })).isInstanceOf(IllegalStateException.class);
    assertThat(Files.readAllLines(f)).hasSize(100_000);
    try (var s = Files.list(dir)) {
      assertThat(s.map(p -> p.getFileName().toString())).containsExactly("out.json");
    }
  }
}
