package org.portolan.catalog.seeds;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.portolan.catalog.Catalog;
import org.portolan.catalog.CatalogLoader;
import org.portolan.diag.Diagnostics;
import org.portolan.model.Bindings;
import org.portolan.model.Choice;
import org.portolan.model.Feature;
import org.portolan.model.FlowRequirement;
import org.portolan.model.PortSet;
import org.portolan.model.PortTerm;
import org.portolan.model.Product;
import org.portolan.model.Protocol;
import org.portolan.model.Provenance;
import org.portolan.model.Service;

/**
 * A seed document read by hand into a table of flows, compared with what the bundled catalog
 * says. One row: the seed line the flow comes from, initiator role, responder role, protocol,
 * ports (resolved with the given bindings), condition and flags. Rows with the same key but
 * different ports are merged on both sides before comparing, so a table may follow the
 * document's row granularity while the catalog groups ports differently.
 *
 * <p>Table text (a Java text block), one row per line, cells separated by {@code |}:
 * {@code line | from | to | proto | ports | when | flags}; {@code #} starts a comment line;
 * flags are empty (stateful), {@code stateless} and/or {@code loopback}.
 */
final class SeedTable {
  private SeedTable() {}

  record Row(String line, String from, String to, String proto, String ports, String when, boolean stateful, boolean loopback)
      implements Comparable<Row> {
    String key() {
      return line + " | " + from + " -> " + to + " | " + proto + " | when " + (when.isEmpty() ? "-" : when)
          + (stateful ? "" : " | stateless") + (loopback ? " | loopback" : "");
    }

    @Override
    public int compareTo(Row o) {
      return (key() + ports).compareTo(o.key() + o.ports);
    }

    @Override
    public String toString() {
      return key() + " | " + ports;
    }
  }

  /** The bundled catalog, loaded without errors. */
  static Catalog bundled() {
    Diagnostics d = new Diagnostics();
    Catalog catalog = CatalogLoader.load(List.of(), d);
    assertThat(d.errors()).as("bundled catalog errors").isEmpty();
    return catalog;
  }

  static Product product(String id) {
    return bundled().product(id).orElseThrow(() -> new AssertionError("bundled catalog has no product '" + id + "'"));
  }

  static Set<Row> parse(String table) {
    List<Row> rows = new ArrayList<>();
    for (String raw : table.strip().split("\n")) {
      String text = raw.strip();
      if (text.isEmpty() || text.startsWith("#")) continue;
      String[] c = text.split("\\|", -1);
      if (c.length != 7) throw new IllegalArgumentException("expected 7 cells in table row: " + text);
      String flags = c[6].strip();
      for (String f : flags.split("\\s+")) {
        if (!f.isEmpty() && !f.equals("stateless") && !f.equals("loopback")) throw new IllegalArgumentException("unknown flag '" + f + "' in: " + text);
      }
      rows.add(new Row(c[0].strip(), c[1].strip(), c[2].strip(), c[3].strip(), c[4].strip(), c[5].strip(),
          !flags.contains("stateless"), flags.contains("loopback")));
    }
    return normalise(rows);
  }

  /** Every (requirement, responder, service) of the product as a row, ports resolved with {@code bindings}. */
  static Set<Row> actual(Product product, Bindings bindings) {
    return actual(product, bindings, r -> true, p -> String.valueOf(p.line()));
  }

  /**
   * The rows of the requirements read from one public page ({@code url}), each keyed by the
   * row label its provenance gives (pages have no line numbers).
   */
  static Set<Row> actualFromPage(Product product, Bindings bindings, String url) {
    return actual(product, bindings, r -> r.provenance().url().equals(url), Provenance::row);
  }

  /** The rows of the requirements whose provenance names {@code document} (a product read from several documents). */
  static Set<Row> actualFromDocument(Product product, Bindings bindings, String document) {
    return actual(product, bindings, r -> r.provenance().document().equals(document), p -> String.valueOf(p.line()));
  }

  private static Set<Row> actual(Product product, Bindings bindings, Predicate<FlowRequirement> which, Function<Provenance, String> at) {
    List<Row> rows = new ArrayList<>();
    for (FlowRequirement r : product.requirements()) {
      if (!which.test(r)) continue;
      for (String responder : r.responders()) {
        for (Service s : r.services()) {
          String ports = switch (s.protocol()) {
            case Protocol.Tcp t -> s.ports().resolve(bindings).notation();
            case Protocol.Udp u -> s.ports().resolve(bindings).notation();
            case Protocol.Icmp i -> i.typeNotation();
            case Protocol.Ip ip -> "";
          };
          rows.add(new Row(at.apply(r.provenance()), r.initiator(), responder, s.protocol().keyword(), ports,
              r.condition().notation(), r.stateful(), r.loopback()));
        }
      }
    }
    return normalise(rows);
  }

  /** Merges the ports of rows that agree on everything else (tcp and udp only). */
  static Set<Row> normalise(Collection<Row> rows) {
    Map<String, Row> byKey = new LinkedHashMap<>();
    Map<String, PortSet> ports = new HashMap<>();
    Set<Row> out = new TreeSet<>();
    for (Row r : rows) {
      if (!r.proto().equals("tcp") && !r.proto().equals("udp")) {
        out.add(r);
        continue;
      }
      byKey.putIfAbsent(r.key(), r);
      ports.merge(r.key(), PortSet.parse(r.ports()), PortSet::union);
    }
    for (var e : byKey.entrySet()) {
      Row r = e.getValue();
      out.add(new Row(r.line(), r.from(), r.to(), r.proto(), ports.get(e.getKey()).notation(), r.when(), r.stateful(), r.loopback()));
    }
    return out;
  }

  /** Both ways: nothing the document says is missing, nothing it does not say is there. */
  static void assertSameRows(Set<Row> expected, Set<Row> actual) {
    Set<Row> missing = new TreeSet<>(expected);
    missing.removeAll(actual);
    Set<Row> extra = new TreeSet<>(actual);
    extra.removeAll(expected);
    if (!missing.isEmpty() || !extra.isEmpty()) {
      StringBuilder b = new StringBuilder("catalog and document differ\n");
      b.append("rows of the document missing from the catalog:\n");
      missing.forEach(r -> b.append("  ").append(r).append('\n'));
      b.append("rows in the catalog the document does not have:\n");
      extra.forEach(r -> b.append("  ").append(r).append('\n'));
      throw new AssertionError(b.toString());
    }
  }

  /** Configurable port variables of the product and their defaults: "name=default notation". */
  static Map<String, String> configurables(Product product) {
    Map<String, String> out = new TreeMap<>();
    for (FlowRequirement r : product.requirements())
      for (Service s : r.services())
        for (PortTerm t : s.ports().terms())
          if (t instanceof PortTerm.Configurable c) out.put(c.variable(), c.defaultPorts().notation());
    return out;
  }

  /** Ids of the requirements whose condition holds with these features and choices on top of the product's defaults. */
  static Set<String> active(Product product, Map<String, Boolean> features, Map<String, String> choices) {
    Map<String, Boolean> f = new HashMap<>();
    for (Feature x : product.features()) f.put(x.name(), x.enabledByDefault());
    for (String name : features.keySet())
      assertThat(product.feature(name)).as("feature " + name + " of " + product.id()).isPresent();
    f.putAll(features);
    Map<String, String> c = new HashMap<>();
    for (Choice x : product.choices()) c.put(x.name(), x.defaultOption());
    c.putAll(choices);
    return product.requirements().stream().filter(r -> r.condition().holds(f, c)).map(FlowRequirement::id)
        .collect(Collectors.toCollection(TreeSet::new));
  }

  static Map<String, Boolean> defaults(Product product) {
    return product.features().stream().collect(Collectors.toMap(Feature::name, Feature::enabledByDefault, (a, b) -> a, TreeMap::new));
  }

  /**
   * Every requirement of a page-sourced product (all but those read from a seed document) names
   * the page's address (one of {@code urls}), a document title, the section and the row, and
   * has a purpose; every page is used.
   */
  static void assertPageProvenance(Product product, String... urls) {
    Set<String> used = new TreeSet<>();
    for (FlowRequirement r : product.requirements()) {
      Provenance p = r.provenance();
      if (p.url().isEmpty() && p.document().endsWith(".txt")) continue; // a seed document: assertProvenance
      assertThat(p.url()).as(r.id() + " url").isIn((Object[]) urls);
      assertThat(p.document()).as(r.id() + " document").isNotBlank();
      assertThat(p.table()).as(r.id() + " section").isNotBlank();
      assertThat(p.row()).as(r.id() + " row").isNotBlank();
      assertThat(r.purpose()).as(r.id() + " purpose").isNotBlank();
      used.add(p.url());
    }
    assertThat(used).as("pages used by " + product.id()).containsExactlyInAnyOrder(urls);
  }

  /** Every requirement says where in which seed it comes from. */
  static void assertProvenance(Product product, String document, int documentLines) {
    boolean pages = product.requirements().stream().anyMatch(r -> !r.provenance().url().isEmpty());
    if (pages) assertThat(product.documents()).contains(document);
    else assertThat(product.documents()).containsExactly(document);
    for (FlowRequirement r : product.requirements()) {
      if (!r.provenance().url().isEmpty()) continue; // read from a public page: assertPageProvenance
      assertThat(r.provenance().document()).as(r.id() + " document").isEqualTo(document);
      assertThat(r.provenance().line()).as(r.id() + " line").isBetween(1, documentLines);
      assertThat(r.provenance().row()).as(r.id() + " row").isNotBlank();
      assertThat(r.purpose()).as(r.id() + " purpose").isNotBlank();
    }
  }
}
