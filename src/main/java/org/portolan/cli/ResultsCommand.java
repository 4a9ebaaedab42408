package org.portolan.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.portolan.diag.ExitCode;
import org.portolan.fleet.Fleet;
import org.portolan.fleet.SiteResult;
import org.portolan.render.Results;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "results", mixinStandardHelpOptions = true,
    description = {"Work with result files. 'results merge' joins probe results into one site result."},
    subcommands = {ResultsCommand.Merge.class})
final class ResultsCommand implements Runnable {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new picocli.CommandLine.ParameterException(spec.commandLine(), "missing command: merge");
  }

  @Command(name = "merge", mixinStandardHelpOptions = true,
      description = {
        "Merge probe results (from 'probe --format json' on several hosts, or earlier merged",
        "results) into one site result: every probe with the host that probed it (its 'src') and",
        "when (the file's finished_at; null when the file does not say), a 'hosts' list, and the",
        "hosts earlier merges listed as not probed. 'report' and 'diagram' read it with --probe.",
        "",
        "Exit codes: 0 merged, 2 usage error, 3 invalid input (a file that is not a probe result)."})
  static final class Merge implements Callable<Integer> {
    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "RESULT.json", description = "probe results to merge")
    List<Path> files;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "write here instead of standard output")
    Path output;

    @Option(names = "--site", paramLabel = "NAME", description = "the site's name to record")
    String site;

    @Override
    public Integer call() {
      // the same reader report and diagram use: a file that is not a probe result is refused with its JSON path
      Results.read(List.of(), files, List.of());
      List<SiteResult.Part> parts = new ArrayList<>();
      for (Path f : files) {
        try {
          JsonNode root = new com.fasterxml.jackson.databind.ObjectMapper().readTree(f.toFile());
          parts.add(new SiteResult.Part(f.toString(), root, Optional.empty(), Optional.empty(), Optional.empty()));
        } catch (IOException e) {
          throw new UncheckedIOException("cannot read " + f + ": " + e.getMessage(), e);
        }
      }
      String text = SiteResult.text(SiteResult.merge(site, parts, List.of()));
      if (output == null) Outputs.write(spec.commandLine().getOut(), null, text);
      else org.portolan.output.OutputFile.write(output, text);
      return ExitCode.OK;
    }
  }
}
