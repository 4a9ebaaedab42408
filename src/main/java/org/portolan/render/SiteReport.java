package org.portolan.render;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.portolan.catalog.Catalog;
import org.portolan.deployment.Deployment;
import org.portolan.deployment.ProductInstance;
import org.portolan.diag.Timing;
import org.portolan.model.Product;
import org.portolan.output.OutputDirectory;
import org.portolan.output.OutputFile;
import org.portolan.plan.FlowPlan;

/**
 * The report's front door: the self-contained HTML report and the change-board workbook of
 * a site. {@link #html} and {@link #xlsx} are pure; {@link #write} does the file work and
 * runs Graphviz for the diagram when it is installed (else embeds the Mermaid source).
 */
public final class SiteReport {
  private SiteReport() {}

  /** Writes {@code html} and, if given, {@code xlsx}; returns the files written. Runs Graphviz when installed. */
  public static List<Path> write(FlowPlan plan, Optional<Deployment> deployment, Optional<Catalog> catalog, Results results,
                                 Path html, Optional<Path> xlsx, Optional<Path> rulesDir) {
    List<RulesText> rules = rulesDir.map(SiteReport::readRules).orElse(List.of());
    List<Path> written = new ArrayList<>();
    writeFile(html, render(plan, deployment, catalog, results, Graphviz.available() ? Optional.of(Graphviz::svg) : Optional.empty(), rules)
        .getBytes(StandardCharsets.UTF_8));
    written.add(html);
    if (xlsx.isPresent()) {
      writeFile(xlsx.get(), XlsxReport.bytes(ReportData.of(plan, deployment, catalog, results)));
      written.add(xlsx.get());
    }
    return written;
  }

  /**
   * The HTML report. {@code dotToSvg} draws the diagrams (e.g. Graphviz); without it, or when
   * it fails, the report embeds their Mermaid source. Pure when {@code dotToSvg} is.
   */
  public static String html(FlowPlan plan, Optional<Deployment> deployment, Optional<Catalog> catalog, Results results,
                            Optional<UnaryOperator<String>> dotToSvg, List<RulesText> rules) {
    return render(plan, deployment, catalog, results, dotToSvg, rules);
  }

  private static String render(FlowPlan plan, Optional<Deployment> deployment, Optional<Catalog> catalog, Results results,
                               Optional<UnaryOperator<String>> dotToSvg, List<RulesText> rules) {
    // the layouts (one Graphviz process each) run side by side, on as many threads as there are
    // cores, while the report's rows are built here
    List<Map.Entry<String, Graph>> graphs = graphs(plan, deployment, catalog, results);
    int threads = Math.max(1, Math.min(graphs.size(), Runtime.getRuntime().availableProcessors()));
    List<HtmlReport.TitledDiagram> diagrams = new ArrayList<>();
    ReportData data;
    try (java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads, r -> {
      Thread t = new Thread(r, "portolan-layout");
      t.setDaemon(true);
      return t;
    })) {
      List<java.util.concurrent.Future<HtmlReport.Diagram>> drawn = new ArrayList<>();
      for (var titled : graphs) drawn.add(pool.submit(() -> draw(titled.getValue(), dotToSvg)));
      Timing.mark("report graphs");
      data = ReportData.of(plan, deployment, catalog, results);
      Timing.mark("report data");
      for (int i = 0; i < graphs.size(); i++) diagrams.add(new HtmlReport.TitledDiagram(graphs.get(i).getKey(), join(drawn.get(i))));
      Timing.mark("report layouts");
    }
    String html = HtmlReport.render(data, diagrams, rules);
    Timing.mark("report html");
    return html;
  }

  private static <T> T join(java.util.concurrent.Future<T> f) {
    try {
      return f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new UncheckedIOException(new IOException("interrupted while drawing the diagrams"));
    } catch (java.util.concurrent.ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) throw r;
      if (e.getCause() instanceof Error err) throw err;
      throw new IllegalStateException(e.getCause());
    }
  }

  /**
   * More arrows than this and a drawn diagram cannot be read (labels pile up, text shrinks):
   * it is not laid out, and the report says so; the zone matrix and the flows table hold the
   * same flows. The site diagram is drawn by role from 150 host-to-host arrows on, so this is
   * reached only by a site with very many roles.
   */
  static final int MAX_READABLE_ARROWS = 200;

  /**
   * One per product instance (the zone matrix stands for the zone-to-zone diagram); a flows
   * file (no deployment) gets one diagram of all flows.
   */
  static List<Map.Entry<String, Graph>> graphs(FlowPlan plan, Optional<Deployment> deployment, Optional<Catalog> catalog, Results results) {
    List<Map.Entry<String, Graph>> out = new ArrayList<>();
    if (deployment.isEmpty() || deployment.get().products().isEmpty()) {
      out.add(Map.entry("All flows", GraphBuilder.deployment(plan, deployment, results)));
      return out;
    }
    Deployment d = deployment.get();
    for (ProductInstance pi : d.products()) {
      String name = catalog.flatMap(c -> c.product(pi.product())).map(Product::name).orElse(pi.product());
      Graph g = GraphBuilder.instance(plan, d, results, pi.instance(), name);
      if (g.edges().isEmpty()) continue;
      out.add(Map.entry(pi.instance() + ": " + name, g));
    }
    return out;
  }

  static HtmlReport.Diagram draw(Graph g, Optional<UnaryOperator<String>> dotToSvg) {
    if (g.edges().size() > MAX_READABLE_ARROWS)
      return new HtmlReport.Diagram.TooLarge(g.edges().size() + " arrows: more than the " + MAX_READABLE_ARROWS
          + " a drawn diagram can show legibly, so it is not drawn; the zone matrix and the flows table above and below list the same flows"
          + " (portolan diagram --format dot writes it whole).");
    if (dotToSvg.isEmpty())
      return new HtmlReport.Diagram.MermaidSource(MermaidWriter.write(g),
          "Graphviz is not installed where this report was made (Debian/Ubuntu: apt-get install graphviz).");
    try {
      return new HtmlReport.Diagram.Svg(dotToSvg.get().apply(DotWriter.write(g)));
    } catch (UncheckedIOException e) {
      // a layout that fails or takes too long must not cost the whole report
      return new HtmlReport.Diagram.MermaidSource(MermaidWriter.write(g), "Graphviz could not draw this diagram: " + e.getMessage() + ".");
    }
  }

  /** The workbook bytes. Pure. */
  public static byte[] xlsx(FlowPlan plan, Optional<Deployment> deployment, Optional<Catalog> catalog, Results results) {
    return XlsxReport.bytes(ReportData.of(plan, deployment, catalog, results));
  }

  /** A compiled rules file to show verbatim (escaped) under its firewall: its name (relative path) and text. */
  public record RulesText(String name, String text) {}

  /**
   * Every regular file under {@code dir} (sorted by relative path), read as UTF-8 text. A
   * symbolic link is followed only when it stays inside {@code dir}; one that leads out
   * (a planted {@code rules.txt -> /etc/shadow}) is refused, never embedded. The manifest
   * {@code compile -o} keeps ({@link OutputDirectory#MANIFEST}) is not a rules file.
   */
  static List<RulesText> readRules(Path dir) {
    if (!Files.isDirectory(dir)) throw new UncheckedIOException(new IOException("rules directory not found: " + dir));
    try (Stream<Path> files = Files.walk(dir, 8)) {
      Path root = dir.toRealPath();
      List<Path> sorted = files.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().equals(OutputDirectory.MANIFEST)).sorted().toList();
      List<RulesText> out = new ArrayList<>();
      for (Path p : sorted) {
        Path real = p.toRealPath();
        if (!real.startsWith(root)) {
          String why = "refusing to include " + p + " in the report: it is a link to " + real + ", outside " + dir;
          throw new UncheckedIOException(why, new IOException(why));
        }
        String text = new String(Files.readAllBytes(real), StandardCharsets.UTF_8);
        out.add(new RulesText(dir.relativize(p).toString(), text));
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read rules in " + dir + ": " + e.getMessage(), e);
    }
  }

  private static void writeFile(Path file, byte[] content) {
    OutputFile.write(file, content);
  }
}
