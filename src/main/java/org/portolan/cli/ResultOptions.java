package org.portolan.cli;

import java.nio.file.Path;
import java.util.Optional;
import org.portolan.render.Results;
import picocli.CommandLine.Option;

/** {@code --verify/--probe/--capture}: the result files that colour diagrams and reports. */
final class ResultOptions {
  @Option(names = "--verify", paramLabel = "R.json", description = "verify results (JSON).")
  Path verify;

  @Option(names = "--probe", paramLabel = "P.json", description = "probe results (JSON).")
  Path probe;

  @Option(names = "--capture", paramLabel = "C.json", description = "capture results (JSON).")
  Path capture;

  boolean any() {
    return verify != null || probe != null || capture != null;
  }

  Results read() {
    return Results.read(Optional.ofNullable(verify), Optional.ofNullable(probe), Optional.ofNullable(capture));
  }
}
