package org.portolan.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.portolan.diag.ExitCode;
import org.portolan.render.SiteReport;
import org.portolan.render.Results;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
    name = "report",
    mixinStandardHelpOptions = true,
    description = {
      "Write one self-contained HTML report of a site (summary, connection diagram, required flows with",
      "their status and evidence, findings, port tables per product and component, firewalls and their",
      "rules), and optionally an XLSX workbook for change boards. The HTML makes no external requests."
    })
final class ReportCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(index = "0", arity = "0..1", paramLabel = "DEPLOYMENT", description = "The site's deployment YAML file.")
  Path deployment;

  @Option(names = "--flows", paramLabel = "FLOWS.csv", description = "Report on a flows file instead of a deployment.")
  Path flows;

  @Option(names = {"-o", "--output"}, required = true, paramLabel = "report.html", description = "The HTML file to write.")
  Path output;

  @Option(names = "--xlsx", paramLabel = "report.xlsx", description = "Also write the workbook (Summary, Flows, Port tables, Findings).")
  Path xlsx;

  @Option(names = "--rules", paramLabel = "DIR", description = "Folder of compiled rules to include, each file verbatim.")
  Path rules;

  @Mixin ResultOptions results;

  @Option(names = "--change", paramLabel = "C.json", description = "A change result (portolan change --format json) for the \"Changes\" section.")
  Path change;

  @Mixin CatalogOptions catalogOptions;

  @Override
  public Integer call() {
    if (rules != null && !Files.isDirectory(rules)) throw new UsageException("--rules needs a folder; not found: " + rules);
    Results results = this.results.read();
    if (change != null) results = results.withChanges(org.portolan.render.ChangeSection.read(change));
    Inputs.Loaded in = Inputs.load(deployment, flows, catalogOptions.dirs);
    List<Path> written = SiteReport.write(in.plan(), in.deployment(), in.catalog(), results, output, Optional.ofNullable(xlsx), Optional.ofNullable(rules));
    for (Path p : written) spec.commandLine().getOut().println("wrote " + p);
    return ExitCode.OK;
  }
}
