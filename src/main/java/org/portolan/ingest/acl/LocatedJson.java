package org.portolan.ingest.acl;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.portolan.diag.Diagnostics;
import org.portolan.diag.SourcePosition;

/**
 * A JSON tree whose objects, arrays, strings and integers remember where they start, so
 * importers of JSON rulesets can point at lines. Jackson's tree model drops locations; this
 * builds the tree from the streaming parser and keeps them. {@link #parseYaml} reads YAML
 * (one or more documents, as {@code kubectl -o yaml} and manifests write them) into the same
 * trees, so an importer reads JSON and YAML with one code path.
 */
public final class LocatedJson {
  private final JsonNode root;
  private final Map<JsonNode, SourcePosition> where;
  private final String file;

  private LocatedJson(JsonNode root, Map<JsonNode, SourcePosition> where, String file) {
    this.root = root;
    this.where = where;
    this.file = file;
  }

  public JsonNode root() {
    return root;
  }

  /** Where a node of this tree starts (the whole file when unknown). */
  public SourcePosition at(JsonNode n) {
    return where.getOrDefault(n, SourcePosition.of(file));
  }

  /** A key given twice is an error, never "the last one wins" (rulesets are security input). */
  private static final ObjectMapper JSON = com.fasterxml.jackson.databind.json.JsonMapper.builder()
      .enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
  static final int MAX_DEPTH = 200;

  /**
   * YAML as rulesets need it: no aliases (a manifest has none; they would let a small file
   * expand without bound), at most {@link #MAX_YAML_CODE_POINTS} characters.
   */
  static final int MAX_YAML_CODE_POINTS = 64 * 1024 * 1024;
  private static final YAMLFactory YAML = YAMLFactory.builder().loaderOptions(yamlOptions()).build();

  private static org.yaml.snakeyaml.LoaderOptions yamlOptions() {
    org.yaml.snakeyaml.LoaderOptions o = new org.yaml.snakeyaml.LoaderOptions();
    o.setCodePointLimit(MAX_YAML_CODE_POINTS);
    o.setMaxAliasesForCollections(0);
    o.setAllowDuplicateKeys(false);
    return o;
  }

  /**
   * Parses YAML: every non-empty document of the stream ({@code ---} separated), each its own
   * tree; syntax errors go to {@code d} with line and column, and the whole stream is refused.
   */
  public static Optional<List<LocatedJson>> parseYaml(String content, String file, Diagnostics d) {
    Map<JsonNode, SourcePosition> where = new IdentityHashMap<>();
    List<LocatedJson> docs = new ArrayList<>();
    try (JsonParser p = YAML.createParser(content)) {
      while (p.nextToken() != null) {
        JsonNode root = node(p, file, where, 0);
        if (!root.isNull()) docs.add(new LocatedJson(root, where, file));
      }
      return Optional.of(docs);
    } catch (JsonProcessingException e) {
      JsonLocation l = e.getLocation();
      String m = String.valueOf(e.getOriginalMessage());
      d.error(l == null ? SourcePosition.of(file) : pos(file, l), "not valid YAML: " + (m.indexOf('\n') < 0 ? m : m.substring(0, m.indexOf('\n'))).strip());
      return Optional.empty();
    } catch (IOException | RuntimeException e) {
      d.error(SourcePosition.of(file), "cannot read YAML: " + e.getMessage());
      return Optional.empty();
    }
  }

  /** Parses; syntax errors go to {@code d} with line and column. */
  public static Optional<LocatedJson> parse(String content, String file, Diagnostics d) {
    Map<JsonNode, SourcePosition> where = new IdentityHashMap<>();
    try (JsonParser p = JSON.createParser(content)) {
      JsonToken t = p.nextToken();
      if (t == null) { d.error(SourcePosition.of(file), "empty file: expected JSON"); return Optional.empty(); }
      JsonNode root = node(p, file, where, 0);
      if (p.nextToken() != null) { d.error(pos(file, p.currentTokenLocation()), "unexpected content after the JSON value"); return Optional.empty(); }
      return Optional.of(new LocatedJson(root, where, file));
    } catch (JsonProcessingException e) {
      JsonLocation l = e.getLocation();
      d.error(l == null ? SourcePosition.of(file) : pos(file, l), "not valid JSON: " + e.getOriginalMessage());
      return Optional.empty();
    } catch (IOException | IllegalStateException e) {
      d.error(SourcePosition.of(file), "cannot read JSON: " + e.getMessage());
      return Optional.empty();
    }
  }

  private static SourcePosition pos(String file, JsonLocation l) {
    return new SourcePosition(file, (int) Math.max(1, l.getLineNr()), (int) Math.max(0, l.getColumnNr()));
  }

  private static JsonNode node(JsonParser p, String file, Map<JsonNode, SourcePosition> where, int depth) throws IOException {
    if (depth > MAX_DEPTH) throw new JsonProcessingException("nested deeper than " + MAX_DEPTH, p.currentTokenLocation()) {};
    JsonNodeFactory f = JsonNodeFactory.instance;
    SourcePosition at = pos(file, p.currentTokenLocation());
    if (p instanceof YAMLParser y && y.isCurrentAlias())
      throw new JsonProcessingException("alias *" + p.getText() + " is not read: write the value itself", p.currentTokenLocation()) {};
    return switch (p.currentToken()) {
      case START_OBJECT -> {
        ObjectNode o = f.objectNode();
        where.put(o, at);
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String name = p.currentName();
          if (o.has(name)) throw new JsonProcessingException("duplicate key '" + name + "'", p.currentTokenLocation()) {};
          p.nextToken();
          o.set(name, node(p, file, where, depth + 1));
        }
        yield o;
      }
      case START_ARRAY -> {
        ArrayNode a = f.arrayNode();
        where.put(a, at);
        while (p.nextToken() != JsonToken.END_ARRAY) {
          if (p.currentToken() == null) throw new JsonProcessingException("unexpected end of input in an array", p.currentTokenLocation()) {};
          a.add(node(p, file, where, depth + 1));
        }
        yield a;
      }
      // strings and integers are fresh nodes, so their positions are kept too (true, false, null and "" are shared)
      case VALUE_STRING -> {
        JsonNode t = f.textNode(p.getText());
        if (!p.getText().isEmpty()) where.put(t, at);
        yield t;
      }
      case VALUE_NUMBER_INT -> {
        JsonNode n = com.fasterxml.jackson.databind.node.BigIntegerNode.valueOf(p.getBigIntegerValue());
        where.put(n, at);
        yield n;
      }
      case VALUE_NUMBER_FLOAT -> f.numberNode(p.getDecimalValue());
      case VALUE_TRUE -> f.booleanNode(true);
      case VALUE_FALSE -> f.booleanNode(false);
      case VALUE_NULL -> f.nullNode();
      default -> throw new JsonProcessingException("unexpected token " + p.currentToken(), p.currentTokenLocation()) {};
    };
  }
}
