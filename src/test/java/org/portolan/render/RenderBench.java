package org.portolan.render;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;
import org.portolan.bench.SiteGenerator;
import org.portolan.catalog.Catalog;
import org.portolan.catalog.CatalogLoader;
import org.portolan.deployment.Deployment;
import org.portolan.deployment.DeploymentLoader;
import org.portolan.diag.Diagnostics;
import org.portolan.plan.FlowPlan;
import org.portolan.plan.Planner;

/**
 * Render benchmark (not part of {@code mvn verify}): for generated sites of several sizes,
 * the median time to build DOT, Mermaid, the HTML report (SVG given) and the workbook, side
 * by side with Graphviz {@code dot -Tsvg} laying out the same DOT. Prints a Markdown table.
 * Usage: {@code RenderBench HOSTS...}.
 */
final class RenderBench {
  private RenderBench() {}

  static final int WARMUP = 5, RUNS = 7;

  public static void main(String[] args) throws Exception {
    Catalog catalog = CatalogLoader.bundled();
    System.out.println("| hosts | flows | arrows | DOT ms | Mermaid ms | Graphviz dot -Tsvg ms (same DOT) | Graphviz / DOT | HTML ms (6 diagrams, SVG given) | XLSX ms |");
    System.out.println("|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    for (String a : args) {
      int hosts = Integer.parseInt(a);
      Path site = Files.createTempFile("bench-site", ".yaml");
      try {
        SiteGenerator.write(catalog, hosts, site);
        Diagnostics d = new Diagnostics();
        Deployment dep = DeploymentLoader.load(site, catalog, d);
        FlowPlan plan = Planner.plan(catalog, dep, d);
        d.throwIfErrors();
        Optional<Deployment> od = Optional.of(dep);
        String dot = Diagrams.dot(plan, od, Results.NONE);
        int arrows = (int) dot.lines().filter(l -> l.contains(" -> ")).count();
        String svg = Diagrams.svg(dot);
        double tDot = median(() -> Diagrams.dot(plan, od, Results.NONE));
        double tMmd = median(() -> Diagrams.mermaid(plan, od, Results.NONE));
        double tHtml = median(() -> SiteReport.html(plan, od, Optional.of(catalog), Results.NONE, Optional.of(x -> svg), List.of()));
        double tXlsx = median(() -> SiteReport.xlsx(plan, od, Optional.of(catalog), Results.NONE));
        double tGv = median(() -> Diagrams.svg(dot));
        System.out.printf(Locale.ROOT, "| %d | %d | %d | %.1f | %.1f | %.1f | %.0f× | %.1f | %.1f |%n",
            hosts, plan.flows().size(), arrows, tDot, tMmd, tGv, tGv / tDot, tHtml, tXlsx);
      } finally {
        Files.deleteIfExists(site);
      }
    }
  }

  private static double median(Supplier<?> work) {
    for (int i = 0; i < WARMUP; i++) work.get();
    List<Double> ms = new ArrayList<>();
    for (int i = 0; i < RUNS; i++) {
      long t = System.nanoTime();
      work.get();
      ms.add((System.nanoTime() - t) / 1e6);
    }
    ms.sort(null);
    return ms.get(RUNS / 2);
  }
}
