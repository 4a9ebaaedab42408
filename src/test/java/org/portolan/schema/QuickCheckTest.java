package org.portolan.schema;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.portolan.catalog.CatalogLoader;
import org.portolan.diag.Diagnostics;

/**
 * QuickCheck against networknt on the repository's deployments and service sets and on
 * thousands of mutations of them (a value replaced by one of another type, length or pattern,
 * a key removed, an unknown key added): QuickCheck says valid exactly when networknt finds
 * nothing, and for a schema with keywords it does not know (the catalog's) it never says valid.
 */
class QuickCheckTest {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;
  private static final JsonNode[] VALUES = {F.textNode("x"), F.textNode(""), F.textNode("Bad name"), F.textNode("a\n"),
      F.textNode("h1:3128"), F.textNode("tcp/80"), F.textNode("network"), F.textNode("ssh"), F.textNode("_x"),
      F.numberNode(0), F.numberNode(1), F.numberNode(-1), F.numberNode(1024), F.numberNode(1025), F.numberNode(65536),
      F.numberNode(5_000_000_000L), F.booleanNode(true), F.nullNode(), F.arrayNode(), F.arrayNode().add("a"),
      F.objectNode(), F.objectNode().put("name", "z")};
  private static final String[] KEYS = {"name", "zone", "zones", "addresses", "kind", "dialect", "manage", "port", "members",
      "via", "instance", "roles", "features", "ports", "dynamic", "choices", "description", "zzz", "networks", "hosts", "user"};

  private static List<JsonNode> documents(String rootKey) throws IOException {
    List<JsonNode> docs = new ArrayList<>();
    for (String dir : List.of("examples", "src/test/resources", "src/main/resources/catalog")) {
      try (Stream<Path> s = Files.walk(Path.of(dir))) {
        for (Path p : s.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
          var doc = YamlDocument.parse(Files.readString(p), p.toString(), new Diagnostics());
          if (doc.isPresent() && doc.get().root().has(rootKey)) docs.add(doc.get().root());
        }
      }
    }
    return docs;
  }

  private static boolean networkntValid(String schema, JsonNode doc) {
    return SchemaValidator.schema(schema).validate(doc).isEmpty();
  }

  @Test
  void aGeneratedSiteIsFoundValidWithoutNetworknt() throws IOException {
    Path site = Files.createTempFile("site", ".yaml");
    try {
      org.portolan.bench.SiteGenerator.write(CatalogLoader.bundled(), 300, site);
      JsonNode doc = YamlDocument.parse(Files.readString(site), "s", new Diagnostics()).orElseThrow().root();
      assertThat(QuickCheck.valid(SchemaValidator.DEPLOYMENT, doc)).isTrue();
      assertThat(networkntValid(SchemaValidator.DEPLOYMENT, doc)).isTrue();
    } finally {
      Files.delete(site);
    }
  }

  @Test
  void mutatedDeploymentsAreValidForQuickCheckExactlyWhenNetworkntFindsNothing() throws IOException {
    compare(SchemaValidator.DEPLOYMENT, documents("site"), 60);
  }

  @Test
  void mutatedServiceSetsAreValidForQuickCheckExactlyWhenNetworkntFindsNothing() throws IOException {
    compare(SchemaValidator.SERVICE_SETS, documents("service_sets"), 300);
  }

  @Test
  void aSchemaWithKeywordsQuickCheckDoesNotKnowIsLeftToNetworknt() throws IOException {
    List<JsonNode> products = documents("product");
    assertThat(products).isNotEmpty();
    for (JsonNode p : products) {
      assertThat(networkntValid(SchemaValidator.CATALOG, p)).isTrue();
      assertThat(QuickCheck.valid(SchemaValidator.CATALOG, p)).isFalse();
    }
  }

  private static void compare(String schema, List<JsonNode> docs, int perDoc) {
    assertThat(docs).isNotEmpty();
    Random r = new Random(18);
    int valid = 0, invalid = 0;
    for (JsonNode base : docs) {
      assertThat(QuickCheck.valid(schema, base)).as("an unmutated document").isEqualTo(networkntValid(schema, base));
      for (int k = 0; k < perDoc; k++) {
        JsonNode m = base.deepCopy();
        int edits = 1 + r.nextInt(2);
        for (int e = 0; e < edits; e++) mutate(m, r);
        boolean expected = networkntValid(schema, m);
        assertThat(QuickCheck.valid(schema, m)).as("QuickCheck on %s", m).isEqualTo(expected);
        if (expected) valid++;
        else invalid++;
      }
    }
    assertThat(valid).as("valid mutations").isGreaterThan(10);
    assertThat(invalid).as("invalid mutations").isGreaterThan(10);
  }

  /** Replaces, removes or adds one entry somewhere in the tree. */
  private static void mutate(JsonNode root, Random r) {
    List<JsonNode> containers = new ArrayList<>();
    collect(root, containers);
    JsonNode c = containers.get(r.nextInt(containers.size()));
    JsonNode value = VALUES[r.nextInt(VALUES.length)].deepCopy();
    if (c instanceof ObjectNode o) {
      List<String> names = new ArrayList<>();
      o.fieldNames().forEachRemaining(names::add);
      int op = r.nextInt(3);
      if (op == 0 && !names.isEmpty()) o.set(names.get(r.nextInt(names.size())), value);
      else if (op == 1 && !names.isEmpty()) o.remove(names.get(r.nextInt(names.size())));
      else o.set(KEYS[r.nextInt(KEYS.length)], value);
    } else if (c instanceof ArrayNode a) {
      int op = r.nextInt(3);
      if (op == 0 && !a.isEmpty()) a.set(r.nextInt(a.size()), value);
      else if (op == 1 && !a.isEmpty()) a.remove(r.nextInt(a.size()));
      else a.add(value);
    }
  }

  private static void collect(JsonNode n, List<JsonNode> out) {
    if (n.isContainerNode()) {
      out.add(n);
      for (JsonNode child : n) collect(child, out);
    }
  }
}
