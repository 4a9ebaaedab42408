package org.portolan.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.portolan.catalog.Catalog;
import org.portolan.catalog.CatalogLoader;
import org.portolan.catalog.CatalogWriter;
import org.portolan.deployment.DeploymentLoader;
import org.portolan.diag.Diagnostic;
import org.portolan.diag.Diagnostics;
import org.portolan.diag.ExitCode;
import org.portolan.diag.InvalidInputException;
import org.portolan.model.Product;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "catalog", mixinStandardHelpOptions = true,
    description = "List, show, validate and diff catalog entries (the bundled catalog plus --catalog folders).",
    subcommands = {CatalogCommand.ListCmd.class, CatalogCommand.Show.class, CatalogCommand.Validate.class, CatalogDiffCommand.class})
final class CatalogCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "missing subcommand: list, show, validate or diff");
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "List the products in the catalog.")
  static final class ListCmd implements Callable<Integer> {
    @Mixin CatalogOptions catalog;
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      spec.commandLine().getOut().print(CatalogWriter.list(Inputs.catalog(catalog.dirs)));
      return ExitCode.OK;
    }
  }

  @Command(name = "show", mixinStandardHelpOptions = true,
      description = {"Show one product's roles and requirements.",
          "csv: one row per requirement and service: product,requirement,from,to,proto,ports,condition,purpose."})
  static final class Show implements Callable<Integer> {
    enum Format { table, json, csv }

    @Parameters(paramLabel = "PRODUCT", description = "Product id (see 'catalog list').")
    String product;

    @Option(names = "--format", defaultValue = "table", description = "table, json or csv (default: ${DEFAULT-VALUE}).")
    Format format;

    @Mixin CatalogOptions catalog;
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      Catalog c = Inputs.catalog(catalog.dirs);
      Product p = c.product(product).orElseThrow(() -> new UsageException("unknown product '" + product + "'; the catalog has: "
          + String.join(", ", c.products().stream().map(Product::id).toList())));
      spec.commandLine().getOut().print(switch (format) {
        case table -> CatalogWriter.table(p);
        case json -> CatalogWriter.json(p);
        case csv -> CatalogWriter.csv(p);
      });
      return ExitCode.OK;
    }
  }

  @Command(name = "validate", mixinStandardHelpOptions = true,
      description = {"Validate catalog entries, service-set files and deployments against their schemas and each other.",
          "Folders are searched for *.yaml. Exit 0 when valid, 3 with every error at file:line:column."})
  static final class Validate implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "PATH", description = "Files or folders.")
    List<Path> paths;

    @Mixin CatalogOptions catalog;
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      Diagnostics d = new Diagnostics();
      List<CatalogLoader.Source> catalogFiles = new ArrayList<>(CatalogLoader.bundledSources());
      for (Path p : catalog.dirs) catalogFiles.addAll(CatalogLoader.filesUnder(p, d));
      List<CatalogLoader.Source> deployments = new ArrayList<>();
      int given = 0;
      for (Path p : paths) {
        for (CatalogLoader.Source s : CatalogLoader.filesUnder(p, d)) {
          given++;
          if (isDeployment(s.text())) deployments.add(s);
          else catalogFiles.add(s);
        }
      }
      Catalog c = CatalogLoader.fromSources(catalogFiles, d);
      for (CatalogLoader.Source s : deployments) DeploymentLoader.parse(s.text(), s.name(), c, d);
      var out = spec.commandLine().getOut();
      for (Diagnostic w : d.warnings()) out.println(w.render());
      if (d.hasErrors()) throw new InvalidInputException(d.errors());
      out.println("valid: " + given + " file(s), " + deployments.size() + " deployment(s), catalog of " + c.products().size() + " product(s)");
      return ExitCode.OK;
    }

    private static boolean isDeployment(String text) {
      return text.lines().anyMatch(l -> l.startsWith("site:") || l.startsWith("\"site\":"));
    }
  }
}
