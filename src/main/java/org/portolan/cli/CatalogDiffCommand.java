package org.portolan.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.portolan.catalog.Catalog;
import org.portolan.catalog.CatalogLoader;
import org.portolan.diag.Diagnostics;
import org.portolan.diag.ExitCode;
import org.portolan.docimport.CatalogDiff;
import org.portolan.model.Product;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "diff", mixinStandardHelpOptions = true,
    description = {
      "Show what differs between two catalog entries: requirements only in A or only in B, changed ports, changed roles,",
      "changed conditions. Requirements are matched by initiator, responders, protocol and ports, not by id.",
      "A and B are catalog YAML files or product ids of the catalog. Exit 0 when they mean the same, 1 when they differ."
    })
final class CatalogDiffCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Parameters(index = "0", paramLabel = "A", description = "Catalog entry file or product id (e.g. a draft from import-doc).")
  String a;

  @Parameters(index = "1", paramLabel = "B", description = "Catalog entry file or product id (e.g. the curated entry).")
  String b;

  @Option(names = "--map", paramLabel = "A_ROLE=B_ROLE", description = "Compare A's role A_ROLE as B's role B_ROLE (repeatable).")
  List<String> maps = new ArrayList<>();

  @Mixin CatalogOptions catalog;

  @Override
  public Integer call() {
    Map<String, String> roleMap = new LinkedHashMap<>();
    for (String m : maps) {
      int eq = m.indexOf('=');
      if (eq <= 0 || eq == m.length() - 1) throw new UsageException("--map wants A_ROLE=B_ROLE, got '" + m + "'");
      roleMap.put(m.substring(0, eq).strip(), m.substring(eq + 1).strip());
    }
    Product pa = load(a);
    Product pb = load(b);
    CatalogDiff.Result r = CatalogDiff.diff(pa, pb, roleMap);
    spec.commandLine().getOut().print(CatalogDiff.render(r));
    return r.identical() ? ExitCode.OK : ExitCode.FINDINGS;
  }

  private Product load(String ref) {
    Path p = Path.of(ref);
    if (Files.isRegularFile(p)) {
      Diagnostics d = new Diagnostics();
      List<CatalogLoader.Source> sources = new ArrayList<>();
      for (CatalogLoader.Source s : CatalogLoader.bundledSources()) if (s.name().endsWith("service-sets.yaml")) sources.add(s);
      sources.addAll(CatalogLoader.filesUnder(p, d));
      Catalog c = CatalogLoader.fromSources(sources, d);
      d.throwIfErrors();
      if (c.products().size() != 1) throw new UsageException(ref + " holds " + c.products().size() + " catalog entries; diff wants one");
      return c.products().getFirst();
    }
    Catalog c = Inputs.catalog(catalog.dirs);
    return c.product(ref).orElseThrow(() -> new UsageException("'" + ref + "' is neither a file nor a product of the catalog ("
        + String.join(", ", c.products().stream().map(Product::id).toList()) + ")"));
  }
}
