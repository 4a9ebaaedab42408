package org.portolan.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.portolan.catalog.Catalog;
import org.portolan.catalog.CatalogLoader;
import org.portolan.deployment.Deployment;
import org.portolan.deployment.DeploymentLoader;
import org.portolan.diag.Diagnostics;
import org.portolan.diag.Timing;
import org.portolan.plan.FlowPlan;
import org.portolan.plan.FlowsCsv;
import org.portolan.plan.Planner;

/**
 * Loads what commands work on: a deployment (with the catalog) or a flows CSV, resolved to a
 * flow plan. Errors become an {@code InvalidInputException} (exit 3) with every diagnostic.
 */
final class Inputs {
  private Inputs() {}

  /** A resolved plan and, when it came from a deployment, the deployment and catalog. */
  record Loaded(FlowPlan plan, Optional<Deployment> deployment, Optional<Catalog> catalog) {}

  static Loaded load(Path deployment, Path flows, List<Path> catalogDirs) {
    if ((deployment == null) == (flows == null))
      throw new UsageException("give either a DEPLOYMENT file or --flows FLOWS.csv (exactly one)");
    Path file = deployment != null ? deployment : flows;
    if (!Files.isRegularFile(file)) throw new UsageException("no such file: " + file);
    Diagnostics d = new Diagnostics();
    if (flows != null) {
      FlowPlan plan = FlowsCsv.read(flows, d);
      d.throwIfErrors();
      return new Loaded(plan, Optional.empty(), Optional.empty());
    }
    Timing.mark("arguments");
    Catalog catalog = CatalogLoader.load(catalogDirs, d);
    d.throwIfErrors();
    Timing.mark("catalog");
    Deployment dep = DeploymentLoader.load(deployment, catalog, d);
    d.throwIfErrors();
    Timing.mark("deployment");
    FlowPlan plan = Planner.plan(catalog, dep, d);
    d.throwIfErrors();
    Timing.mark("plan");
    return new Loaded(plan, Optional.of(dep), Optional.of(catalog));
  }

  static Catalog catalog(List<Path> catalogDirs) {
    Timing.mark("arguments");
    Diagnostics d = new Diagnostics();
    Catalog c = CatalogLoader.load(catalogDirs, d);
    d.throwIfErrors();
    Timing.mark("catalog");
    return c;
  }
}
