package org.portolan.output;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * A folder one run writes several files into ({@code compile -o DIR}, the demo). Each file
 * is written with {@link OutputFile} (atomic, only when changed); names are relative and may
 * not leave the folder, and no folder on the way may be a symbolic link (a planted link must
 * not redirect a write elsewhere).
 *
 * <p>Stale files: the folder keeps a small manifest, {@value #MANIFEST}, of the files the
 * last run wrote. {@link #finish(boolean)} after a complete run removes the files the
 * previous run wrote that this run did not (a firewall removed from the site takes its
 * rules file with it) and returns them so the command can say so. Only files named in the
 * manifest are ever removed — never a file Portolan did not write. A partial run (one
 * {@code --firewall}) removes nothing and keeps the other entries.
 */
public final class OutputDirectory {
  /** The manifest's file name inside the folder. */
  public static final String MANIFEST = ".portolan-written";

  private final Path root;
  private final Set<String> previous;
  private final Set<String> written = new TreeSet<>();

  private OutputDirectory(Path root, Set<String> previous) {
    this.root = root;
    this.previous = previous;
  }

  /** Opens (not yet creates) the folder and reads the previous run's manifest, if any. */
  public static OutputDirectory open(Path root) {
    Path m = root.resolve(MANIFEST);
    Set<String> previous = new TreeSet<>();
    try {
      if (Files.isRegularFile(m, LinkOption.NOFOLLOW_LINKS)) {
        for (String line : Files.readAllLines(m, StandardCharsets.UTF_8)) {
          String name = line.strip();
          if (name.isEmpty() || name.startsWith("#")) continue;
          if (safe(name)) previous.add(name);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + m + ": " + OutputFile.message(e), e);
    }
    return new OutputDirectory(root, previous);
  }

  public Path root() {
    return root;
  }

  /** Writes {@code content} to {@code name} (relative, "/"-separated) and returns its path. */
  public Path write(String name, byte[] content) {
    if (!safe(name)) throw new IllegalArgumentException("output name " + name + " is not a plain relative name inside " + root);
    Path target = root.resolve(name);
    refuseLinkedFolders(name);
    OutputFile.write(target, content);
    written.add(Path.of(name).normalize().toString());
    return target;
  }

  public Path write(String name, String text) {
    return write(name, text.getBytes(StandardCharsets.UTF_8));
  }

  /** Files the previous run wrote that this run has not (so far). */
  public List<Path> stale() {
    List<Path> out = new ArrayList<>();
    for (String n : previous) if (!written.contains(n) && Files.isRegularFile(root.resolve(n), LinkOption.NOFOLLOW_LINKS)) out.add(root.resolve(n));
    return out;
  }

  /**
   * Ends the run: when {@code complete}, removes {@link #stale()} files and records exactly
   * this run's files; otherwise removes nothing and adds this run's files to the record.
   * Returns the removed files.
   */
  public List<Path> finish(boolean complete) {
    List<Path> removed = new ArrayList<>();
    Set<String> record = new TreeSet<>(written);
    if (complete) {
      for (Path p : stale()) {
        refuseLinkedFolders(root.relativize(p).toString());
        try {
          if (Files.deleteIfExists(p)) removed.add(p);
        } catch (IOException e) {
          throw new UncheckedIOException("cannot remove the stale " + p + ": " + OutputFile.message(e), e);
        }
      }
    } else {
      record.addAll(previous);
    }
    if (!written.isEmpty() || !previous.isEmpty())
      OutputFile.write(root.resolve(MANIFEST), "# Files portolan wrote here in its last run; a complete run removes those it no longer writes.\n"
          + String.join("\n", record) + (record.isEmpty() ? "" : "\n"));
    return removed;
  }

  private static boolean safe(String name) {
    if (name.isEmpty() || name.contains("\0") || name.contains("\\")) return false;
    Path p = Path.of(name);
    if (p.isAbsolute()) return false;
    for (Path part : p) if (part.toString().equals("..") || part.toString().equals(".")) return false;
    return !p.normalize().toString().equals(MANIFEST);
  }

  private void refuseLinkedFolders(String name) {
    Path p = root;
    Path rel = Path.of(name).getParent();
    if (rel == null) return;
    for (Path part : rel) {
      p = p.resolve(part);
      if (Files.isSymbolicLink(p)) {
        String why = "cannot write " + root.resolve(name) + ": the folder " + p + " is a symbolic link; refusing to write through it";
        throw new UncheckedIOException(why, new IOException(why));
      }
    }
  }
}
