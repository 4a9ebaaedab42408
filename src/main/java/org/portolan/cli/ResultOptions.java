package org.portolan.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.portolan.render.Results;
import picocli.CommandLine.Option;

/** {@code --verify/--probe/--capture/--observe}: the result files that colour diagrams and reports; each may be given several times. */
final class ResultOptions {
  @Option(names = "--verify", paramLabel = "R.json", description = "verify results (JSON); repeat for several firewalls.")
  List<Path> verify = new ArrayList<>();

  @Option(names = "--probe", paramLabel = "P.json", description = "probe results (JSON); repeat for probes from several hosts; a site result from 'fleet probe' or 'results merge' counts as one.")
  List<Path> probe = new ArrayList<>();

  @Option(names = "--capture", paramLabel = "C.json", description = "capture results (JSON); repeat for several traces.")
  List<Path> capture = new ArrayList<>();

  @Option(names = "--observe", paramLabel = "O.json", description = "observe results (JSON) from flow and firewall logs; repeat for several.")
  List<Path> observe = new ArrayList<>();

  boolean any() {
    return !verify.isEmpty() || !probe.isEmpty() || !capture.isEmpty() || !observe.isEmpty();
  }

  Results read() {
    return Results.read(verify, probe, capture, observe);
  }
}
