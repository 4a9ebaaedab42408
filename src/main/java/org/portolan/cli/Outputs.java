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
    writeFile(file, text);
  }

  static void writeFile(Path file, String text) {
    OutputFile.write(file, text);
  }
}
