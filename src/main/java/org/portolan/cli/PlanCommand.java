package org.portolan.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.portolan.diag.ExitCode;
import org.portolan.plan.FlowPlan;
import org.portolan.plan.PlanWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "plan", mixinStandardHelpOptions = true,
    description = {"Resolve a deployment into concrete flows, each with the requirement it came from.",
        "csv writes the flows-CSV exchange format that compile, verify, probe and capture read."})
final class PlanCommand implements Callable<Integer> {
  enum Format { table, json, csv }

  @Parameters(index = "0", paramLabel = "DEPLOYMENT", description = "Deployment YAML file.")
  Path deployment;

  @Option(names = "--format", defaultValue = "table", description = "table, json or csv (default: ${DEFAULT-VALUE}).")
  Format format;

  @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write to FILE instead of standard output.")
  Path output;

  @Mixin CatalogOptions catalog;

  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    FlowPlan plan = Inputs.load(deployment, null, catalog.dirs).plan();
    String text = switch (format) {
      case table -> PlanWriter.table(plan);
      case json -> PlanWriter.json(plan);
      case csv -> PlanWriter.csv(plan);
    };
    Outputs.write(spec.commandLine().getOut(), output, text);
    return ExitCode.OK;
  }
}
