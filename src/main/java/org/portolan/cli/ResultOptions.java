package org.portolan.cli;

import java.nio.file.Path;
import java.util.Optional;
import org.portolan.render.Results;
import picocli.CommandLine.Option;

/** {@code --verify/--probe/--capture}: the result files that colour diagrams and reports. */
final class ResultOptions {
  @Option(names = "--verify", paramLabel = "R.json", description = "verify results (JSON).")
  Path verify;

  @Option(names = "--probe", paramLabel = "P.json", description = "probe results (JSON): one host's, or a site result from 'fleet probe' or 'results merge'; repeatable.")
  java.util.List<Path> probe = new java.util.ArrayList<>();

  @Option(names = "--capture", paramLabel = "C.json", description = "capture results (JSON).")
  Path capture;

  boolean any() {
    return verify != null || !probe.isEmpty() || capture != null;
  }

  Results read() {
    return Results.read(Optional.ofNullable(verify), probe, Optional.ofNullable(capture));
  }
}
