package org.portolan.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.portolan.diag.Diagnostics;
import org.portolan.diag.SourcePosition;
import org.portolan.model.Product;
import org.portolan.model.ServiceSet;
import org.portolan.schema.SchemaValidator;
import org.portolan.schema.YamlDocument;

/**
 * Loads the bundled catalog (resources under {@code /catalog}) and the user's catalog folders:
 * every {@code *.yaml}/{@code *.yml} file is a product entry or, with a top-level
 * {@code service_sets} key, shared service sets. A user's product with the id of a bundled
 * one replaces it, with a warning.
 *
 * <p>The bundled files are validated against their schemas by the build
 * (BundledCatalogSchemaTest), not at run time: a command that reads only the bundled catalog
 * never compiles the catalog schemas nor loads the validator for them, a fifth of a cold
 * {@code catalog show}'s classes. User catalog files are always validated.
 */
public final class CatalogLoader {
  private CatalogLoader() {}

  /** A catalog file's text and the name errors use for it. */
  public record Source(String name, String text, boolean bundled) {}

  public static Catalog load(List<Path> extra, Diagnostics d) {
    if (extra.isEmpty()) {
      // the build's pre-read form; with user folders the YAML is read, since a user's service
      // set of a bundled id changes the bundled products that use it
      Optional<Catalog> pre = BundledCatalog.read();
      if (pre.isPresent()) return pre.get();
    }
    List<Source> sources = new ArrayList<>(bundledSources());
    for (Path p : extra) sources.addAll(filesUnder(p, d));
    return fromSources(sources, d);
  }

  /** The bundled catalog only. */
  public static Catalog bundled() {
    Optional<Catalog> pre = BundledCatalog.read();
    if (pre.isPresent()) return pre.get();
    Diagnostics d = new Diagnostics();
    Catalog c = fromSources(bundledSources(), d);
    d.throwIfErrors();
    return c;
  }

  public static Catalog fromSources(List<Source> sources, Diagnostics d) {
    List<YamlDocument> productDocs = new ArrayList<>();
    List<Boolean> productBundled = new ArrayList<>();
    Map<String, ServiceSet> sets = new LinkedHashMap<>();
    Map<String, Boolean> setFromBundle = new LinkedHashMap<>();
    for (Source s : sources) {
      var doc = YamlDocument.parse(s.text(), s.name(), d);
      if (doc.isEmpty()) continue;
      JsonNode root = doc.get().root();
      if (!root.isObject()) {
        d.error(doc.get().at(""), "expected a mapping with 'product:' (a catalog entry) or 'service_sets:'");
        continue;
      }
      if (root.has("site")) {
        d.warning(doc.get().at("/site"), "a deployment, not a catalog entry: skipped while loading the catalog");
        continue;
      }
      if (root.has("service_sets")) {
        if (s.bundled() || SchemaValidator.validate(doc.get(), SchemaValidator.SERVICE_SETS, d)) {
          for (ServiceSet set : ProductReader.readServiceSets(doc.get(), d)) {
            Boolean previousBundled = setFromBundle.get(set.id());
            if (previousBundled == null || previousBundled && !s.bundled()) {
              if (previousBundled != null) d.warning(doc.get().at("/service_sets"), "service set '" + set.id() + "' replaces the bundled set of the same id");
              sets.put(set.id(), set);
              setFromBundle.put(set.id(), s.bundled());
            } else {
              d.error(doc.get().at("/service_sets"), "service set '" + set.id() + "' is defined twice");
            }
          }
        }
      } else {
        productDocs.add(doc.get());
        productBundled.add(s.bundled());
      }
    }
    Map<String, Product> products = new LinkedHashMap<>();
    Map<String, Boolean> fromBundle = new LinkedHashMap<>();
    for (int i = 0; i < productDocs.size(); i++) {
      YamlDocument doc = productDocs.get(i);
      if (!productBundled.get(i) && !SchemaValidator.validate(doc, SchemaValidator.CATALOG, d)) continue;
      Product p = ProductReader.readProduct(doc, sets, d);
      if (p == null) continue;
      Boolean previousBundled = fromBundle.get(p.id());
      if (previousBundled == null) {
        products.put(p.id(), p);
        fromBundle.put(p.id(), productBundled.get(i));
      } else if (previousBundled && !productBundled.get(i)) {
        d.warning(doc.at("/product"), "product '" + p.id() + "' replaces the bundled entry of the same id");
        products.put(p.id(), p);
        fromBundle.put(p.id(), false);
      } else {
        d.error(doc.at("/product"), "product '" + p.id() + "' is defined twice");
      }
    }
    return new Catalog(List.copyOf(products.values()), sets);
  }

  /** The YAML files in a folder (recursively) or the file itself. */
  public static List<Source> filesUnder(Path p, Diagnostics d) {
    if (Files.isRegularFile(p)) return List.of(read(p));
    if (!Files.isDirectory(p)) {
      d.error(SourcePosition.of(p.toString()), "no such catalog file or folder");
      return List.of();
    }
    try (Stream<Path> s = Files.walk(p)) {
      return s.filter(Files::isRegularFile).filter(CatalogLoader::isYaml).sorted(Comparator.comparing(Path::toString)).map(CatalogLoader::read).toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read catalog folder " + p + ": " + e.getMessage(), e);
    }
  }

  private static boolean isYaml(Path f) {
    String n = f.getFileName().toString();
    return n.endsWith(".yaml") || n.endsWith(".yml");
  }

  private static Source read(Path f) {
    return new Source(f.toString(), org.portolan.diag.SourceText.read(f, "catalog file"), false);
  }

  /** The catalog files bundled in the jar (or in target/classes when run from the build). */
  public static List<Source> bundledSources() {
    URL url = CatalogLoader.class.getResource("/catalog");
    if (url == null) return List.of();
    try {
      URI uri = url.toURI();
      if ("jar".equals(uri.getScheme())) {
        FileSystem fs;
        boolean close = false;
        try {
          fs = FileSystems.newFileSystem(uri, Map.of());
          close = true;
        } catch (FileSystemAlreadyExistsException e) {
          fs = FileSystems.getFileSystem(uri);
        }
        try {
          return bundledIn(fs.getPath("/catalog"));
        } finally {
          if (close) fs.close();
        }
      }
      return bundledIn(Path.of(uri));
    } catch (URISyntaxException | IOException e) {
      throw new IllegalStateException("cannot list the bundled catalog: " + e.getMessage(), e);
    }
  }

  private static List<Source> bundledIn(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      List<Path> files = s.filter(CatalogLoader::isYaml).sorted(Comparator.comparing(f -> f.getFileName().toString())).toList();
      List<Source> out = new ArrayList<>();
      for (Path f : files) out.add(new Source("bundled:catalog/" + f.getFileName(), Files.readString(f, StandardCharsets.UTF_8), true));
      return out;
    }
  }
}
