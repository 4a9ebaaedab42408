package org.portolan.render;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.portolan.catalog.Catalog;
import org.portolan.catalog.CatalogLoader;
import org.portolan.deployment.Deployment;
import org.portolan.deployment.DeploymentLoader;
import org.portolan.diag.Diagnostics;
import org.portolan.plan.FlowPlan;
import org.portolan.plan.Planner;

/** Writes the fixture report, and the zone DOT of a site, to a folder to look at: {@code ReportSampleMain DIR [SITE.yaml]}. */
final class ReportSampleMain {
  private ReportSampleMain() {}

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    System.out.println(ReportTest.writeExample(dir));
    if (args.length > 1) {
      Catalog c = CatalogLoader.bundled();
      Diagnostics d = new Diagnostics();
      Deployment dep = DeploymentLoader.load(Path.of(args[1]), c, d);
      FlowPlan plan = Planner.plan(c, dep, d);
      d.throwIfErrors();
      Files.writeString(dir.resolve("zones.dot"), Diagrams.zonesDot(plan, Optional.of(dep), Results.NONE));
      System.out.println(List.of(dir.resolve("zones.dot")));
    }
  }
}
