package org.portolan.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import org.portolan.output.OutputFile;

/** Writes command output to a file ({@link OutputFile}: atomically, only when changed, never through a link) or to standard output. */
final class Outputs {
  private Outputs() {}

  static void write(PrintWriter out, Path file, String text) {
    if (file == null) {
      out.print(text);
      out.flush();
      return;
    }
    Path parent = file.toAbsolutePath().getParent();
    // -o FILE names a file in a folder that exists: a typo must not become a tree of new folders
    if (parent != null && !java.nio.file.Files.isDirectory(parent))
      throw new UsageException("-o " + file + ": the folder " + parent + " does not exist; create it first or write elsewhere");
    writeFile(file, text);
  }

  static void writeFile(Path file, String text) {
    OutputFile.write(file, text);
  }
}
