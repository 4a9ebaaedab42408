package org.portolan.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.portolan.catalog.Catalog;
import org.portolan.catalog.CatalogLoader;
import org.portolan.deployment.Deployment;
import org.portolan.deployment.DeploymentLoader;
import org.portolan.diag.Diagnostics;
import org.portolan.plan.FlowPlan;
import org.portolan.plan.PlanWriter;
import org.portolan.plan.Planner;

/**
 * In-process breakdown of planning a generated site: load + validate the YAML, resolve,
 * write the flows CSV. Usage: {@code PlanBenchmark SITE.yaml RUNS}; prints one line per run
 * and the medians. Run by bench/plan.sh, which also times the whole CLI.
 */
public final class PlanBenchmark {
  private PlanBenchmark() {}

  public static void main(String[] args) throws Exception {
    Path site = Path.of(args[0]);
    int runs = Integer.parseInt(args[1]);
    String text = Files.readString(site);
    Catalog catalog = CatalogLoader.bundled();
    List<long[]> times = new ArrayList<>();
    int flows = 0;
    for (int i = 0; i < runs; i++) {
      long t0 = System.nanoTime();
      Diagnostics d = new Diagnostics();
      Deployment dep = DeploymentLoader.parse(text, site.toString(), catalog, d);
      long t1 = System.nanoTime();
      FlowPlan plan = Planner.plan(catalog, dep, d);
      long t2 = System.nanoTime();
      String csv = PlanWriter.csv(plan);
      long t3 = System.nanoTime();
      d.throwIfErrors();
      flows = plan.flows().size();
      times.add(new long[] {t1 - t0, t2 - t1, t3 - t2});
      System.out.printf("run %d: load+validate %d ms, resolve %d ms, csv %d ms (%d flows, %d bytes)%n",
          i + 1, (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000, (t3 - t2) / 1_000_000, flows, csv.length());
    }
    System.out.printf("median: load+validate %d ms, resolve %d ms, csv %d ms, %d flows%n",
        median(times, 0), median(times, 1), median(times, 2), flows);
    // what load+validate is made of: the tokenizer alone (a plain Jackson tree, no positions:
    // the floor), the tree with positions, and the schema validation of that tree
    List<long[]> parts = new ArrayList<>();
    var plain = new com.fasterxml.jackson.databind.ObjectMapper(
        com.fasterxml.jackson.dataformat.yaml.YAMLFactory.builder().loaderOptions(bigFiles()).build());
    for (int i = 0; i < runs; i++) {
      long t0 = System.nanoTime();
      plain.readTree(text);
      long t1 = System.nanoTime();
      var doc = org.portolan.schema.YamlDocument.parse(text, site.toString(), new Diagnostics()).orElseThrow();
      long t2 = System.nanoTime();
      org.portolan.schema.SchemaValidator.validate(doc, org.portolan.schema.SchemaValidator.DEPLOYMENT, new Diagnostics());
      long t3 = System.nanoTime();
      parts.add(new long[] {t1 - t0, t2 - t1, t3 - t2});
    }
    System.out.printf("median: plain Jackson tree %d ms, tree with positions %d ms, schema validation %d ms%n",
        median(parts, 0), median(parts, 1), median(parts, 2));
  }

  private static org.yaml.snakeyaml.LoaderOptions bigFiles() {
    org.yaml.snakeyaml.LoaderOptions o = new org.yaml.snakeyaml.LoaderOptions();
    o.setCodePointLimit(256 * 1024 * 1024);
    return o;
  }

  private static long median(List<long[]> t, int k) {
    return t.stream().mapToLong(a -> a[k]).sorted().skip(t.size() / 2).findFirst().orElseThrow() / 1_000_000;
  }
}
