package org.portolan.schema;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.portolan.diag.Diagnostics;
import org.portolan.diag.SourcePosition;

/**
 * A YAML file read into a Jackson tree that remembers where every node came from, so schema
 * errors and semantic errors can name file:line:column. Pointers are JSON pointers
 * ({@code /requirements/3/services/0}).
 */
public final class YamlDocument {
  /** Large generated sites (50,000+ hosts) exceed SnakeYAML's 3 MB default; 256 MB still bounds memory. */
  private static final int MAX_CODE_POINTS = 256 * 1024 * 1024;

  private static final YAMLFactory YAML = YAMLFactory.builder().loaderOptions(loaderOptions()).build();

  private static org.yaml.snakeyaml.LoaderOptions loaderOptions() {
    org.yaml.snakeyaml.LoaderOptions o = new org.yaml.snakeyaml.LoaderOptions();
    o.setCodePointLimit(MAX_CODE_POINTS);
    o.setMaxAliasesForCollections(50);
    return o;
  }
  /** Guards against YAML bombs and absurd nesting in user files. */
  private static final int MAX_DEPTH = 64;

  private final String file;
  private final JsonNode root;
  private final Map<String, SourcePosition> keys;
  private final Map<String, SourcePosition> values;

  private YamlDocument(String file, JsonNode root, Map<String, SourcePosition> keys, Map<String, SourcePosition> values) {
    this.file = file;
    this.root = root;
    this.keys = keys;
    this.values = values;
  }

  public String file() {
    return file;
  }

  public JsonNode root() {
    return root;
  }

  /** Parses {@code text}; syntax errors go to {@code d} with their position. */
  public static Optional<YamlDocument> parse(String text, String file, Diagnostics d) {
    Map<String, SourcePosition> keys = new HashMap<>();
    Map<String, SourcePosition> values = new HashMap<>();
    try (JsonParser p = YAML.createParser(text)) {
      JsonToken t = p.nextToken();
      if (t == null) {
        d.error(SourcePosition.of(file), "empty file: expected a YAML mapping");
        return Optional.empty();
      }
      JsonNode root = read(p, "", file, keys, values, d, 0);
      if (root == null) return Optional.empty();
      if (p.nextToken() != null) {
        d.error(pos(file, p.currentTokenLocation()), "expected one YAML document, found more");
        return Optional.empty();
      }
      return Optional.of(new YamlDocument(file, root, keys, values));
    } catch (JsonProcessingException e) {
      JsonLocation loc = e.getLocation();
      String msg = e.getOriginalMessage();
      d.error(loc == null ? SourcePosition.of(file) : pos(file, loc), "YAML syntax: " + firstLine(msg));
      return Optional.empty();
    } catch (IOException | RuntimeException e) {
      d.error(SourcePosition.of(file), "YAML syntax: " + firstLine(String.valueOf(e.getMessage())));
      return Optional.empty();
    }
  }

  private static String firstLine(String s) {
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }

  private static JsonNode read(JsonParser p, String ptr, String file, Map<String, SourcePosition> keys,
      Map<String, SourcePosition> values, Diagnostics d, int depth) throws IOException {
    SourcePosition here = pos(file, p.currentTokenLocation());
    values.put(ptr, here);
    keys.putIfAbsent(ptr, here);
    if (depth > MAX_DEPTH) {
      d.error(here, "nesting deeper than " + MAX_DEPTH + " levels");
      return null;
    }
    JsonNodeFactory f = JsonNodeFactory.instance;
    JsonToken t = p.currentToken();
    switch (t) {
      case START_OBJECT -> {
        ObjectNode o = f.objectNode();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String name = p.currentName();
          String child = ptr + "/" + escape(name);
          SourcePosition keyAt = pos(file, p.currentTokenLocation());
          if (o.has(name)) d.error(keyAt, "duplicate key '" + name + "'");
          keys.put(child, keyAt);
          p.nextToken();
          JsonNode v = read(p, child, file, keys, values, d, depth + 1);
          if (v == null) return null;
          o.set(name, v);
        }
        return o;
      }
      case START_ARRAY -> {
        ArrayNode a = f.arrayNode();
        int i = 0;
        while (p.nextToken() != JsonToken.END_ARRAY) {
          String child = ptr + "/" + i++;
          keys.put(child, pos(file, p.currentTokenLocation()));
          JsonNode v = read(p, child, file, keys, values, d, depth + 1);
          if (v == null) return null;
          a.add(v);
        }
        return a;
      }
      case VALUE_STRING -> { return f.textNode(p.getText()); }
      case VALUE_NUMBER_INT -> { return p.getNumberType() == JsonParser.NumberType.INT ? f.numberNode(p.getIntValue()) : f.numberNode(p.getLongValue()); }
      case VALUE_NUMBER_FLOAT -> { return f.textNode(p.getText()); }
      case VALUE_TRUE -> { return f.booleanNode(true); }
      case VALUE_FALSE -> { return f.booleanNode(false); }
      case VALUE_NULL -> { return f.nullNode(); }
      default -> {
        d.error(here, "unexpected YAML token " + t);
        return null;
      }
    }
  }

  private static SourcePosition pos(String file, JsonLocation loc) {
    return new SourcePosition(file, Math.max(1, loc.getLineNr()), Math.max(1, loc.getColumnNr()));
  }

  static String escape(String name) {
    return name.replace("~", "~0").replace("/", "~1");
  }

  /** Where the value at {@code pointer} starts (its key when it is a mapping entry), or the nearest parent. */
  public SourcePosition at(String pointer) {
    return nearest(pointer, keys);
  }

  /** Where the scalar value at {@code pointer} itself starts (for offsets inside it). */
  public SourcePosition valueAt(String pointer) {
    return nearest(pointer, values);
  }

  private SourcePosition nearest(String pointer, Map<String, SourcePosition> map) {
    String p = pointer;
    while (true) {
      SourcePosition s = map.get(p);
      if (s != null) return s;
      if (p.isEmpty()) return SourcePosition.of(file);
      p = p.substring(0, p.lastIndexOf('/'));
    }
  }
}
