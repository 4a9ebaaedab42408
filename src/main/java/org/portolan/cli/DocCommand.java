package org.portolan.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.portolan.catalog.Catalog;
import org.portolan.diag.ExitCode;
import org.portolan.model.Product;
import org.portolan.render.PortTableDocument;
import org.portolan.render.PortTables;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "doc", mixinStandardHelpOptions = true,
    description = {"Port tables like the vendors' \"ports used by\" pages, one per component, for network teams.",
        "Given a PRODUCT id: the catalog's ports. Given a DEPLOYMENT file: the resolved ports between its hosts."})
final class DocCommand implements Callable<Integer> {
  enum Format { markdown, csv }

  @Parameters(paramLabel = "PRODUCT|DEPLOYMENT", description = "A catalog product id or a deployment YAML file.")
  String target;

  @Option(names = "--format", defaultValue = "markdown", description = "markdown or csv (default: ${DEFAULT-VALUE}).")
  Format format;

  @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write to FILE instead of standard output.")
  Path output;

  @Mixin CatalogOptions catalog;
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    String text;
    Path file = Path.of(target);
    if (Files.isRegularFile(file)) {
      Inputs.Loaded l = Inputs.load(file, null, catalog.dirs);
      text = format == Format.markdown
          ? PortTableDocument.markdown(l.plan(), l.deployment().orElseThrow(), l.catalog().orElseThrow())
          : PortTableDocument.csv(l.plan(), l.deployment().orElseThrow(), l.catalog().orElseThrow());
    } else {
      Catalog c = Inputs.catalog(catalog.dirs);
      Product p = c.product(target).orElseThrow(() -> new UsageException("'" + target + "' is neither a file nor a product id; the catalog has: "
          + String.join(", ", c.products().stream().map(Product::id).toList())));
      text = format == Format.markdown ? PortTables.markdown(p) : PortTables.csv(p);
    }
    Outputs.write(spec.commandLine().getOut(), output, text);
    return ExitCode.OK;
  }
}
