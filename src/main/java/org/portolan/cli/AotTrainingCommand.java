package org.portolan.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.portolan.diag.ExitCode;
import picocli.CommandLine.Command;

/**
 * The training run the launcher records a JDK AOT cache from (JEP 483/514/515): the commands a
 * user runs cold, on the bundled example, into a temporary folder that is removed afterwards.
 * It sends no traffic (the demo's loopback rehearsal is left out). Hidden: not a user command.
 */
@Command(name = "aot-training", hidden = true, description = "Exercise the commands once for the launcher's AOT cache.")
final class AotTrainingCommand implements Callable<Integer> {
  @Override
  public Integer call() throws IOException {
    Path dir = Files.createTempDirectory("portolan-aot");
    try {
      String site = dir.resolve("demo/site.yaml").toString();
      run("demo", "--no-rehearsal", "-o", dir.resolve("demo").toString());
      for (List<String> args : List.of(
          List.of("--version"), List.of("--help"), List.of("catalog", "list"), List.of("catalog", "show", "zenworks"),
          List.of("catalog", "show", "configmgr", "--format", "json"), List.of("plan", site), List.of("plan", site, "--format", "json"),
          List.of("plan", site, "--format", "csv"), List.of("doc", "xenserver"), List.of("doc", site, "--format", "csv"),
          List.of("compile", site, "--dialect", "iptables", "-o", dir.resolve("compile").toString()),
          List.of("import-doc", "--help"), List.of("verify", "--help"), List.of("probe", "--help")))
        run(args.toArray(String[]::new));
      return ExitCode.OK;
    } finally {
      try (Stream<Path> files = Files.walk(dir)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      } catch (IOException | UncheckedIOException ignored) {
        // a temporary folder; the system cleans it eventually
      }
    }
  }

  private static void run(String... args) {
    Main.run(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()), args);
  }
}
