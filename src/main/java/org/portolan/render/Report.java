package org.portolan.render;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.portolan.catalog.Catalog;
import org.portolan.deployment.Deployment;
import org.portolan.plan.FlowPlan;

/**
 * The report's front door: the self-contained HTML report and the change-board workbook of
 * a site. {@link #html} and {@link #xlsx} are pure; {@link #write} does the file work and
 * runs Graphviz for the diagram when it is installed (else embeds the Mermaid source).
 */
public final class Report {
  private Report() {}

  /** Writes {@code html} and, if given, {@code xlsx}; returns the files written. */
  public static List<Path> write(FlowPlan plan, Optional<Deployment> deployment, Optional<Catalog> catalog, Results results,
                                 Path html, Optional<Path> xlsx, Optional<Path> rulesDir) {
    ReportData data = ReportData.of(plan, deployment, catalog, results);
    Graph graph = GraphBuilder.deployment(plan, deployment, results);
    HtmlReport.Diagram diagram;
    if (!Graphviz.available()) {
      diagram = new HtmlReport.Diagram.MermaidSource(MermaidWriter.write(graph),
          "Graphviz is not installed where this report was made (Debian/Ubuntu: apt-get install graphviz).");
    } else {
      try {
        diagram = new HtmlReport.Diagram.Svg(Graphviz.svg(DotWriter.write(graph)));
      } catch (UncheckedIOException e) {
        // a layout that fails or takes too long must not cost the whole report
        diagram = new HtmlReport.Diagram.MermaidSource(MermaidWriter.write(graph), "Graphviz could not draw this site: " + e.getMessage() + ".");
      }
    }
    List<HtmlReport.RulesFile> rules = rulesDir.map(Report::readRules).orElse(List.of());
    List<Path> written = new ArrayList<>();
    writeFile(html, HtmlReport.render(data, diagram, rules).getBytes(StandardCharsets.UTF_8));
    written.add(html);
    if (xlsx.isPresent()) {
      writeFile(xlsx.get(), XlsxReport.bytes(data));
      written.add(xlsx.get());
    }
    return written;
  }

  /** The HTML report with a given diagram embedding (SVG text, or null for Mermaid source). Pure. */
  public static String html(FlowPlan plan, Optional<Deployment> deployment, Optional<Catalog> catalog, Results results,
                            String svgOrNull, List<RulesText> rules) {
    ReportData data = ReportData.of(plan, deployment, catalog, results);
    HtmlReport.Diagram diagram = svgOrNull != null ? new HtmlReport.Diagram.Svg(svgOrNull)
        : new HtmlReport.Diagram.MermaidSource(MermaidWriter.write(GraphBuilder.deployment(plan, deployment, results)),
            "No SVG was given to this report.");
    return HtmlReport.render(data, diagram, rules.stream().map(r -> new HtmlReport.RulesFile(r.name(), r.text())).toList());
  }

  /** The workbook bytes. Pure. */
  public static byte[] xlsx(FlowPlan plan, Optional<Deployment> deployment, Optional<Catalog> catalog, Results results) {
    return XlsxReport.bytes(ReportData.of(plan, deployment, catalog, results));
  }

  /** A rules file to show in the report: its name (relative path) and text. */
  public record RulesText(String name, String text) {}

  /** Every regular file under {@code dir} (sorted by relative path), read as UTF-8 text. */
  static List<HtmlReport.RulesFile> readRules(Path dir) {
    if (!Files.isDirectory(dir)) throw new UncheckedIOException(new IOException("rules directory not found: " + dir));
    try (Stream<Path> files = Files.walk(dir, 8)) {
      List<Path> sorted = files.filter(Files::isRegularFile).sorted().toList();
      List<HtmlReport.RulesFile> out = new ArrayList<>();
      for (Path p : sorted) {
        String text = new String(Files.readAllBytes(p), StandardCharsets.UTF_8);
        out.add(new HtmlReport.RulesFile(dir.relativize(p).toString(), text));
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read rules in " + dir + ": " + e.getMessage(), e);
    }
  }

  private static void writeFile(Path file, byte[] content) {
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) Files.createDirectories(parent);
      Files.write(file, content);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }
}
