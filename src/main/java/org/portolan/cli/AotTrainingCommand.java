package org.portolan.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.portolan.diag.ExitCode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * The training runs the launcher records its JDK AOT caches from (JEP 483/514/515): one per
 * command, on the bundled example, into a temporary folder that is removed afterwards. One cache
 * per command because a JVM started with a cache loads and links every class in it before
 * {@code main}: a single cache trained over all commands made {@code --version} load the
 * 6,000 classes of the demo and cost more than no cache at all (BENCHMARKS.md, Start-up). It
 * sends no traffic (the demo's loopback rehearsal is left out), except probe's: that one probes
 * only sockets it opens itself on 127.0.0.1 ({@link LoopbackTargets}). Hidden: not a user command.
 */
@Command(name = "aot-training", hidden = true, description = "Exercise a command once for the launcher's AOT cache.")
final class AotTrainingCommand implements Callable<Integer> {
  /** The commands with a training of their own; the launcher keeps this list too. */
  static final List<String> TRAINED = List.of("version", "help", "catalog", "plan", "doc", "compile", "verify", "change", "diagram",
      "report", "capture", "capture-plan", "demo", "probe");

  @Parameters(arity = "0..1", paramLabel = "COMMAND", description = "the command to train (one of TRAINED); default: all")
  String command;

  @Override
  public Integer call() throws IOException {
    Path dir = Files.createTempDirectory("portolan-aot");
    try {
      try (Training t = training(command == null ? "all" : command, dir)) {
        for (List<String> args : t.steps()) run(args.toArray(String[]::new));
      }
      return ExitCode.OK;
    } finally {
      try (Stream<Path> files = Files.walk(dir)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      } catch (IOException | UncheckedIOException ignored) {
        // a temporary folder; the system cleans it eventually
      }
    }
  }

  /** A training: its command lines, and the loopback sockets they probe (probe's only), closed afterwards. */
  record Training(List<List<String>> steps, java.util.Optional<LoopbackTargets> targets) implements AutoCloseable {
    @Override
    public void close() {
      targets.ifPresent(LoopbackTargets::close);
    }
  }

  /** The training of {@code name}: inputs its command lines need are written into {@code dir}. */
  static Training training(String name, Path dir) throws IOException {
    if (name.equals("probe")) {
      LoopbackTargets targets = LoopbackTargets.open();
      Path flows = dir.resolve("probe-flows.csv");
      Files.writeString(flows, targets.flowsCsv());
      // the UDP silent socket waits out the timeout: short, so the training stays short
      List<String> probe = List.of("probe", "--flows", flows.toString(), "--timeout", "200ms");
      List<List<String>> steps = new ArrayList<>();
      steps.add(probe);
      steps.add(concat(probe, "--format", "json", "-o", dir.resolve("probe.json").toString()));
      steps.add(concat(probe, "--format", "details"));
      return new Training(steps, java.util.Optional.of(targets));
    }
    return new Training(steps(name, dir), java.util.Optional.empty());
  }

  private static List<String> concat(List<String> a, String... b) {
    List<String> out = new ArrayList<>(a);
    out.addAll(List.of(b));
    return out;
  }

  private static List<List<String>> steps(String name, Path dir) throws IOException {
    Path siteFile = dir.resolve("site.yaml");
    Files.writeString(siteFile, DemoCommand.bundled(DemoCommand.SITE));
    String site = siteFile.toString();
    String rules = dir.resolve("rules").toString();
    List<String> compile = List.of("compile", site, "--dialect", "iptables", "--partial", "-o", rules);
    String ruleset = dir.resolve("rules/core-fw.iptables").toString();
    List<List<String>> steps = new ArrayList<>();
    switch (name) {
      case "version" -> steps.add(List.of("--version"));
      case "help" -> steps.add(List.of("--help"));
      case "catalog" -> steps.addAll(List.of(List.of("catalog", "list"), List.of("catalog", "show", "zenworks"),
          List.of("catalog", "show", "configmgr", "--format", "json")));
      case "plan" -> steps.addAll(List.of(List.of("plan", site), List.of("plan", site, "--format", "json"), List.of("plan", site, "--format", "csv")));
      case "doc" -> steps.addAll(List.of(List.of("doc", "xenserver"), List.of("doc", site), List.of("doc", site, "--format", "csv")));
      case "compile" -> {
        Path flows = flowsCsv(site, dir);
        steps.add(compile);
        steps.add(List.of("compile", "--flows", flows.toString(), "--dialect", "iptables", "--partial", "-o", dir.resolve("flows-rules").toString()));
        steps.add(List.of("compile", site, "--dialect", "nftables", "--partial", "-o", dir.resolve("nft").toString()));
      }
      case "verify" -> {
        steps.add(compile);
        steps.add(List.of("verify", site, "--firewall", "core-fw", "--ruleset", ruleset));
        steps.add(List.of("verify", site, "--firewall", "core-fw", "--ruleset", ruleset, "--format", "json"));
        // a ruleset against a flows CSV, no deployment: the path of bench/verify.sh, whose CSV reader, import thread
        // and streamed JSON were otherwise loaded from the jar at every run (142 classes outside the cache)
        Path flows = flowsCsv(site, dir);
        steps.add(List.of("verify", "--ruleset", ruleset, "--flows", flows.toString(), "--format", "json", "-o", dir.resolve("v.json").toString()));
      }
      case "change" -> {
        steps.add(compile);
        steps.add(List.of("change", site, "--firewall", "core-fw", "--ruleset", ruleset, "-o", dir.resolve("change").toString()));
      }
      case "diagram" -> steps.addAll(List.of(List.of("diagram", site, "-o", dir.resolve("d.dot").toString()),
          List.of("diagram", site, "--format", "mermaid", "-o", dir.resolve("d.mmd").toString())));
      case "report" -> steps.add(List.of("report", site, "-o", dir.resolve("r.html").toString()));
      // Two caches for capture: without a plan (the trace alone) it loads no catalog, YAML or CSV
      // classes, and a cache trained with a plan cost a plain capture 0.04 s more CPU at start
      // (BENCHMARKS.md, "Capture: the whole process near its limit"); the launcher picks by its
      // arguments.
      case "capture" -> {
        Path trace = DemoRuns.trace(Files.createDirectories(dir.resolve("capture")));
        steps.add(List.of("capture", trace.toString()));
        steps.add(List.of("capture", trace.toString(), "--format", "json"));
      }
      case "capture-plan" -> {
        List<Path> files = DemoRuns.capture(dir.resolve("capture"));
        steps.add(List.of("capture", files.get(0).toString(), "--flows", files.get(1).toString()));
        steps.add(List.of("capture", files.get(0).toString(), "--flows", files.get(1).toString(), "--format", "json"));
      }
      case "demo" -> steps.add(List.of("demo", "--no-rehearsal", "-o", dir.resolve("demo").toString()));
      default -> { // every command: the cache for the commands without their own
        steps.add(List.of("demo", "--no-rehearsal", "-o", dir.resolve("demo").toString()));
        String demoSite = dir.resolve("demo/site.yaml").toString();
        for (List<String> args : List.of(List.of("--version"), List.of("--help"), List.of("catalog", "list"), List.of("plan", demoSite),
            List.of("import-doc", "--help"), List.of("verify", "--help"), List.of("probe", "--help"), List.of("listen", "--help"),
            List.of("fleet", "--help"), List.of("results", "--help"), List.of("observe", "--help")))
          steps.add(args);
      }
    }
    return steps;
  }

  /** The bundled site's flows as {@code plan --format csv} writes them, in {@code dir/flows.csv}. */
  private static Path flowsCsv(String site, Path dir) throws IOException {
    Path flows = dir.resolve("flows.csv");
    StringWriter csv = new StringWriter();
    Main.run(new PrintWriter(csv), new PrintWriter(new StringWriter()), "plan", site, "--format", "csv");
    Files.writeString(flows, csv.toString());
    return flows;
  }

  private static void run(String... args) {
    Main.run(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()), args);
  }
}
