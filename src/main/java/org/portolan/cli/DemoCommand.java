package org.portolan.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.portolan.catalog.Catalog;
import org.portolan.catalog.CatalogLoader;
import org.portolan.deployment.Deployment;
import org.portolan.deployment.DeploymentLoader;
import org.portolan.diag.Diagnostics;
import org.portolan.diag.ExitCode;
import org.portolan.model.Product;
import org.portolan.plan.FlowPlan;
import org.portolan.plan.PlanWriter;
import org.portolan.plan.Planner;
import org.portolan.render.PortTableDocument;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "demo", mixinStandardHelpOptions = true,
    description = {"Run the main job on the bundled example site (all five seed products in one site)",
        "and write every result into a folder: the flow plan, port tables per product and for the site,",
        "firewall rules in every dialect, verification, capture diagnosis and the HTML report."})
final class DemoCommand implements Callable<Integer> {
  static final String SITE = "examples/site.yaml";

  @Option(names = {"-o", "--output"}, paramLabel = "DIR", defaultValue = "portolan-demo",
      description = "Folder to write into (default: ${DEFAULT-VALUE}); files whose content is unchanged are left alone.")
  Path dir;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    Diagnostics d = new Diagnostics();
    Catalog catalog = CatalogLoader.bundled();
    Deployment site = DeploymentLoader.parse(bundled(SITE), "bundled:" + SITE, catalog, d);
    d.throwIfErrors();
    FlowPlan plan = Planner.plan(catalog, site, d);
    d.throwIfErrors();

    List<Path> written = new ArrayList<>();
    written.add(write("site.yaml", bundled(SITE)));
    written.add(write("plan/flows.csv", PlanWriter.csv(plan)));
    written.add(write("plan/plan.json", PlanWriter.json(plan)));
    written.add(write("plan/plan.txt", PlanWriter.table(plan)));
    written.add(write("ports/site.md", PortTableDocument.markdown(plan, site, catalog)));
    for (Product p : catalog.products()) written.add(write("ports/" + p.id() + ".md", PortTableDocument.markdown(p)));

    out.println("Portolan demo: " + site.site());
    out.println("  " + site.products().size() + " product instances, " + site.hosts().size() + " hosts, "
        + site.groups().size() + " groups, " + site.firewalls().size() + " firewalls");
    out.println("  " + plan.flows().size() + " concrete flows resolved from the catalog");
    out.println("Wrote " + written.size() + " files under " + dir.toAbsolutePath().normalize() + ":");
    for (Path p : written) out.println("  " + dir.relativize(p));
    return ExitCode.OK;
  }

  private Path write(String relative, String text) {
    Path p = dir.resolve(relative);
    Outputs.writeFile(p, text);
    return p;
  }

  static String bundled(String resource) {
    try (InputStream in = DemoCommand.class.getResourceAsStream("/" + resource)) {
      if (in == null) throw new IllegalStateException(resource + " is missing from the jar");
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
