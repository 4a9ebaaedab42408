package org.portolan.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.portolan.catalog.Catalog;
import org.portolan.diag.ExitCode;
import org.portolan.model.Product;
import org.portolan.render.Diagrams;
import org.portolan.render.Results;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
    name = "diagram",
    mixinStandardHelpOptions = true,
    description = {
      "Draw a connection diagram: of a catalog PRODUCT (its roles, arrows from initiator to responder",
      "labelled with their services, conditional ones dashed) or of a site DEPLOYMENT (hosts and groups",
      "by zone, external endpoints apart, arrows coloured by the verify/probe/capture results given).",
      "SVG needs Graphviz ('dot'); exit 4 when it is not installed."
    })
final class DiagramCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(index = "0", arity = "0..1", paramLabel = "PRODUCT|DEPLOYMENT", description = "A catalog product id, or a deployment YAML file.")
  String target;

  @Option(names = "--flows", paramLabel = "FLOWS.csv", description = "Draw the flows of a flows file instead of a deployment.")
  Path flows;

  @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "dot", description = "dot, svg or mermaid (default: ${DEFAULT-VALUE}).")
  Diagrams.Format format;

  @Option(names = "--zones", description = "For a deployment: one box per zone, arrows counting the flows that cross between zones.")
  boolean zones;

  @Mixin ResultOptions results;

  @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write here instead of standard output.")
  Path output;

  @Mixin CatalogOptions catalogOptions;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    boolean deployment = flows != null || target != null && (Files.isRegularFile(Path.of(target)) || target.endsWith(".yaml") || target.endsWith(".yml"));
    String dot;
    String mermaid;
    if (deployment) {
      Results results = this.results.read();
      Inputs.Loaded in = Inputs.load(flows != null ? null : Path.of(target), flows, catalogOptions.dirs);
      if (flows != null && target != null) throw new UsageException("give either a DEPLOYMENT or --flows, not both");
      boolean m = format == Diagrams.Format.MERMAID;
      dot = m ? null : zones ? Diagrams.zonesDot(in.plan(), in.deployment(), results) : Diagrams.dot(in.plan(), in.deployment(), results);
      mermaid = !m ? null : zones ? Diagrams.zonesMermaid(in.plan(), in.deployment(), results) : Diagrams.mermaid(in.plan(), in.deployment(), results);
    } else {
      if (target == null) throw new UsageException("give a PRODUCT id, a DEPLOYMENT file or --flows FLOWS.csv");
      if (zones) throw new UsageException("--zones draws a deployment; '" + target + "' is a product id");
      if (results.any())
        throw new UsageException("--verify, --probe and --capture colour a deployment's diagram; '" + target + "' is a product id");
      Catalog catalog = Inputs.catalog(catalogOptions.dirs);
      Optional<Product> product = catalog.product(target);
      if (product.isEmpty())
        throw new UsageException("no product '" + target + "' in the catalog and no such deployment file; products: "
            + String.join(", ", catalog.products().stream().map(Product::id).sorted().toList()));
      dot = Diagrams.dot(product.get());
      mermaid = Diagrams.mermaid(product.get());
    }
    String text;
    try {
      text = switch (format) {
        case DOT -> dot;
        case MERMAID -> mermaid;
        case SVG -> Diagrams.svg(dot);
      };
    } catch (Diagrams.GraphvizMissingException e) {
      err.println("portolan: " + e.getMessage());
      return ExitCode.RUNTIME;
    }
    if (output == null) {
      out.print(text);
      out.flush();
    } else {
      Outputs.writeFile(output, text);
    }
    return ExitCode.OK;
  }
}
