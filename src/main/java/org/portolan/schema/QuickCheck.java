package org.portolan.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Says that a document is valid against a schema, without networknt, when it is; never why
 * it is not. {@link SchemaValidator} asks it first and runs networknt only when it answers
 * false, so every error and its message stay networknt's.
 *
 * <p>Hand-written because the benchmark proved it must be (BENCHMARKS.md, "Plan of 50,000
 * hosts, under 2 s"): networknt spent 0.5–0.8 s of a cold process validating a 50,000-host
 * deployment (loading and compiling its validators, a path object per node), this walk a few
 * tens of milliseconds. It knows only the keywords the deployment and service-set schemas use
 * — type, properties, additionalProperties, required, items, minItems, minLength, pattern,
 * enum of strings, minimum, maximum, local $ref and the annotations — and for a schema with
 * any other keyword (the catalog's oneOf) it answers false for every document. Each keyword
 * is checked at least as strictly as networknt checks it (an integer is an integral JSON
 * number, a pattern is found with {@link EcmaPatterns}'s translation, a length counts code
 * points). {@code QuickCheckTest} compares it with networknt on mutated deployments.
 */
final class QuickCheck {
  private QuickCheck() {}

  /** A schema and what its walk needs: its root (for $ref) and its compiled patterns; null when it has other keywords. */
  private record Compiled(JsonNode root, Map<String, Pattern> patterns) {}

  private static final Map<String, java.util.Optional<Compiled>> CACHE = new ConcurrentHashMap<>();

  /** True only when {@code doc} is valid against the schema {@code name}. */
  static boolean valid(String name, JsonNode doc) {
    java.util.Optional<Compiled> c = CACHE.computeIfAbsent(name, n -> java.util.Optional.ofNullable(compile(SchemaValidator.schemaText(n))));
    return c.isPresent() && new Walk(c.get()).valid(c.get().root(), doc, 0);
  }

  static Compiled compile(String schemaText) {
    JsonNode root;
    try {
      root = new ObjectMapper().readTree(schemaText);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
    Map<String, Pattern> patterns = new HashMap<>();
    return supported(root, patterns, true) ? new Compiled(root, patterns) : null;
  }

  /** Whether every schema in {@code s} uses only known keywords, in the forms the walk reads. */
  private static boolean supported(JsonNode s, Map<String, Pattern> patterns, boolean top) {
    if (!s.isObject()) return false;
    for (Iterator<Map.Entry<String, JsonNode>> it = s.fields(); it.hasNext(); ) {
      var e = it.next();
      String k = e.getKey();
      JsonNode v = e.getValue();
      boolean ok = switch (k) {
        case "$schema", "$id", "title", "description" -> true;
        case "$defs" -> top && all(v, patterns);
        case "properties" -> all(v, patterns);
        case "additionalProperties" -> v.isBoolean() || supported(v, patterns, false);
        case "items" -> supported(v, patterns, false);
        case "required" -> v.isArray() && every(v, JsonNode::isTextual);
        case "type" -> v.isTextual() || v.isArray() && every(v, JsonNode::isTextual);
        case "enum" -> v.isArray() && every(v, JsonNode::isTextual);
        case "minItems", "minLength" -> v.isInt() && v.intValue() >= 0;
        case "minimum", "maximum" -> v.isIntegralNumber();
        case "pattern" -> {
          patterns.computeIfAbsent(v.asText(), p -> Pattern.compile(EcmaPatterns.toJava(p)));
          yield v.isTextual();
        }
        case "$ref" -> v.isTextual() && v.asText().startsWith("#/$defs/") && v.asText().indexOf('/', 8) < 0;
        default -> false;
      };
      if (!ok) return false;
    }
    return true;
  }

  private static boolean all(JsonNode schemas, Map<String, Pattern> patterns) {
    if (!schemas.isObject()) return false;
    for (JsonNode s : schemas) if (!supported(s, patterns, false)) return false;
    return true;
  }

  private static boolean every(JsonNode array, java.util.function.Predicate<JsonNode> p) {
    for (JsonNode v : array) if (!p.test(v)) return false;
    return true;
  }

  private record Walk(Compiled c) {
    boolean valid(JsonNode s, JsonNode n, int depth) {
      if (depth > 200) return false;
      JsonNode ref = s.get("$ref");
      if (ref != null) {
        JsonNode target = c.root().path("$defs").get(ref.asText().substring(8));
        if (target == null || !valid(target, n, depth + 1)) return false;
      }
      JsonNode type = s.get("type");
      if (type != null && !typed(type, n)) return false;
      JsonNode en = s.get("enum");
      if (en != null && !(n.isTextual() && contains(en, n.textValue()))) return false;
      if (n.isTextual()) {
        String t = n.textValue();
        JsonNode min = s.get("minLength");
        if (min != null && t.codePointCount(0, t.length()) < min.intValue()) return false;
        JsonNode p = s.get("pattern");
        if (p != null && !c.patterns().get(p.textValue()).matcher(t).find()) return false;
      }
      if (n.isNumber()) {
        JsonNode min = s.get("minimum"), max = s.get("maximum");
        if ((min != null || max != null) && !n.isIntegralNumber() || n.isBigInteger()) return false;
        if (min != null && n.longValue() < min.longValue()) return false;
        if (max != null && n.longValue() > max.longValue()) return false;
      }
      if (n.isArray()) {
        JsonNode min = s.get("minItems");
        if (min != null && n.size() < min.intValue()) return false;
        JsonNode items = s.get("items");
        if (items != null) for (JsonNode item : n) if (!valid(items, item, depth + 1)) return false;
      }
      if (n.isObject()) {
        JsonNode required = s.get("required");
        if (required != null) for (JsonNode r : required) if (!n.has(r.textValue())) return false;
        JsonNode props = s.get("properties");
        JsonNode extra = s.get("additionalProperties");
        for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
          var e = it.next();
          JsonNode ps = props == null ? null : props.get(e.getKey());
          if (ps != null) {
            if (!valid(ps, e.getValue(), depth + 1)) return false;
          } else if (extra != null) {
            if (extra.isBoolean() ? !extra.booleanValue() : !valid(extra, e.getValue(), depth + 1)) return false;
          }
        }
      }
      return true;
    }

    private static boolean typed(JsonNode type, JsonNode n) {
      if (type.isTextual()) return is(type.textValue(), n);
      for (JsonNode t : type) if (is(t.textValue(), n)) return true;
      return false;
    }

    private static boolean is(String type, JsonNode n) {
      return switch (type) {
        case "object" -> n.isObject();
        case "array" -> n.isArray();
        case "string" -> n.isTextual();
        case "integer" -> n.isInt() || n.isLong();
        case "number" -> n.isInt() || n.isLong();
        case "boolean" -> n.isBoolean();
        case "null" -> n.isNull();
        default -> false;
      };
    }

    private static boolean contains(JsonNode en, String v) {
      for (JsonNode e : en) if (e.textValue().equals(v)) return true;
      return false;
    }
  }
}
