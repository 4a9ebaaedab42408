package org.portolan.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
    name = "capture",
    mixinStandardHelpOptions = true,
    description = {
      "Read a pcap or pcapng trace, classify every connection attempt (established, rejected,",
      "unreachable, dropped, incomplete; UDP answered, unanswered) and, given a plan, say for",
      "each required flow whether it was seen working, seen failing (why, which packets) or not",
      "seen, and list traffic no requirement explains.",
      "",
      "Exit: 0 every seen required flow works (no plan: every attempt worked), 1 findings,",
      "3 malformed capture or plan."
    })
final class CaptureCommand implements Callable<Integer> {
  enum Format { table, json }

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Parameters(index = "0", paramLabel = "FILE", description = "pcap or pcapng capture")
  Path file;

  @Parameters(index = "1", arity = "0..1", paramLabel = "DEPLOYMENT", description = "deployment YAML whose flow plan the capture is checked against")
  Path deployment;

  @Option(names = "--flows", paramLabel = "FLOWS.csv", description = "flows file to check the capture against (instead of a deployment)")
  Path flows;

  @Option(names = "--format", defaultValue = "table", description = "table or json (default: ${DEFAULT-VALUE})")
  Format format;

  @Mixin CatalogOptions catalogOptions;

  @Override
  public Integer call() {
    return CaptureDirect.run(file, deployment, flows, catalogOptions.dirs, format, spec.commandLine().getOut());
  }
}
