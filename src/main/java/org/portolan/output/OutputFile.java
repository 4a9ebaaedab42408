package org.portolan.output;

import java.io.BufferedOutputStream;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.util.Arrays;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Writes one output file so that it is either the old file or the whole new one, never a
 * truncated mix: the bytes go to a temporary file in the same directory, are forced to disk,
 * and the temporary file is renamed over the target (an atomic {@code rename(2)}); a full
 * disk or a killed run leaves the old file and at most a {@code .NAME.*.tmp} beside it.
 * A file whose content is already the same is not touched (its time stamp stays, so
 * {@code make} and configuration management see no change). A symbolic link, directory or
 * device at the target name is refused, never followed or replaced.
 */
public final class OutputFile {
  private OutputFile() {}

  /** Writes {@code text} as UTF-8; see {@link #write(Path, byte[])}. */
  public static boolean write(Path file, String text) {
    return write(file, text.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Writes {@code content} to {@code file}, creating missing parent folders. Returns false
   * when the file already held exactly this content (and was left alone).
   *
   * @throws UncheckedIOException naming the file: it could not be written, or is a symbolic
   *     link or not a regular file
   */
  public static boolean write(Path file, byte[] content) {
    return replace(file, target -> sameContent(target, content), ch -> {
      ByteBuffer b = ByteBuffer.wrap(content);
      while (b.hasRemaining()) ch.write(b);
    });
  }

  /** Text written piece by piece to a {@link Writer}, for outputs too large to hold as one string. */
  @FunctionalInterface
  public interface Content {
    void writeTo(Writer out) throws IOException;
  }

  /**
   * Like {@link #write(Path, byte[])}, but streamed: {@code content} writes UTF-8 text into
   * the temporary file, so the output is never held in memory whole. The same guarantees: all
   * or nothing, an unchanged file left alone (compared on disk), links refused.
   */
  public static boolean write(Path file, Content content) {
    return replace(file, null, ch -> {
      Writer w = new BufferedWriter(new OutputStreamWriter(Channels.newOutputStream(ch), StandardCharsets.UTF_8), 1 << 16);
      content.writeTo(w);
      w.flush();
    });
  }

  /** Bytes written piece by piece to an {@link OutputStream}, for large outputs made as bytes (no text to encode). */
  @FunctionalInterface
  public interface Bytes {
    void writeTo(OutputStream out) throws IOException;
  }

  /** Like {@link #write(Path, Content)}, for content that is bytes already. */
  public static boolean writeBytes(Path file, Bytes content) {
    return replace(file, null, ch -> {
      OutputStream o = new BufferedOutputStream(Channels.newOutputStream(ch), 1 << 16);
      content.writeTo(o);
      o.flush();
    });
  }

  private interface Check {
    boolean test(Path target) throws IOException;
  }

  private interface Body {
    void write(FileChannel ch) throws IOException;
  }

  /**
   * The one way a file is replaced: {@code body} fills a temporary file beside the target, which
   * is forced to disk and renamed over it. {@code unchanged} (null: compare on disk afterwards)
   * says before any writing that the target already holds the content.
   */
  private static boolean replace(Path file, Check unchanged, Body body) {
    Path target = file.toAbsolutePath();
    Path dir = target.getParent();
    try {
      refuseLinkOrSpecial(target);
      boolean exists = Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS);
      if (exists && unchanged != null && unchanged.test(target)) return false;
      Files.createDirectories(dir);
      Path temp = createTemp(dir, target.getFileName().toString());
      try {
        try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.WRITE)) {
          body.write(ch);
          ch.force(true);
        }
        if (exists && unchanged == null && Files.mismatch(target, temp) == -1) return false;
        keepPermissions(target, temp);
        refuseLinkOrSpecial(target);
        try {
          Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
          throw new IOException("the file system cannot rename atomically in " + dir, e);
        }
      } finally {
        Files.deleteIfExists(temp);
      }
      syncDirectory(dir);
      return true;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file + ": " + message(e), e);
    }
  }

  static void refuseLinkOrSpecial(Path target) throws IOException {
    if (Files.isSymbolicLink(target))
      throw new IOException("it is a symbolic link (to " + Files.readSymbolicLink(target) + "); refusing to write through it — remove the link or choose another name");
    if (Files.exists(target, LinkOption.NOFOLLOW_LINKS) && !Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS))
      throw new IOException("it exists and is not a regular file");
  }

  private static boolean sameContent(Path target, byte[] content) throws IOException {
    if (Files.size(target) != content.length) return false;
    return Arrays.equals(Files.readAllBytes(target), content);
  }

  /** A new empty file beside the target; created with the process's umask like any other file (createTempFile would make it 0600). */
  private static Path createTemp(Path dir, String name) throws IOException {
    String base = "." + (name.length() > 100 ? name.substring(0, 100) : name) + ".";
    for (int i = 0; ; i++) {
      Path temp = dir.resolve(base + Long.toUnsignedString(ThreadLocalRandom.current().nextLong(), 36) + ".tmp");
      try {
        Files.newByteChannel(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE).close();
        return temp;
      } catch (FileAlreadyExistsException e) {
        if (i >= 16) throw e;
      }
    }
  }

  /** A replaced file keeps its mode (a rules file someone made 0600 stays 0600). */
  private static void keepPermissions(Path target, Path temp) throws IOException {
    if (!Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS)) return;
    PosixFileAttributeView view = Files.getFileAttributeView(target, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
    if (view == null) return;
    Files.setPosixFilePermissions(temp, view.readAttributes().permissions());
  }

  /** The rename itself is durable only once the directory is synced (where the platform allows opening one). */
  private static void syncDirectory(Path dir) {
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    } catch (IOException | UnsupportedOperationException ignored) {
      // not every file system lets a directory be opened; the data itself is already on disk
    }
  }

  static String message(IOException e) {
    if (e instanceof java.nio.file.FileSystemException f && f.getReason() != null) return f.getReason();
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }
}
