package org.portolan.render;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.StringJoiner;
import org.portolan.diag.Diagnostics;
import org.portolan.diag.SourcePosition;

/**
 * Reads the JSON that verify, probe, capture and observe write (Jackson tree model). Optional fields
 * may be missing; a wrong type or an unknown verdict/state/outcome is an error naming the
 * file and the JSON path ({@code $.flows[3].verdict}); JSON syntax errors carry line and
 * column. Nothing unknown is silently turned into a status.
 */
final class ResultsJson {
  private ResultsJson() {}

  private static final ObjectMapper JSON = JsonMapper.builder()
      .enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION)
      .build();

  /** The text of a result file, or "" after adding an error when it cannot be read. */
  static String readFile(Path file, Diagnostics d) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      d.error(SourcePosition.of(file.toString()), "cannot read result file: " + e.getMessage());
      return null;
    }
  }

  static Results verify(String text, String file, Diagnostics d) {
    Optional<JsonNode> root = parse(text, file, d);
    if (root.isEmpty()) return Results.NONE;
    Reader r = new Reader(file, d);
    List<Evidence> evidence = new ArrayList<>();
    List<Finding> findings = new ArrayList<>();
    r.requireObject(root.get(), "$");
    for (var item : r.array(root.get(), "flows", "$", true)) {
      JsonNode n = item.node();
      String at = item.path();
      if (!r.requireObject(n, at)) continue;
      String name = r.string(n, "name", at, true);
      // "flow" names the plan flow a piece belongs to ("name [eth2>eth1]" is one piece); results written before it existed name the flow in "name"
      String flow = r.string(n, "flow", at, false);
      if (flow != null && !flow.isEmpty()) name = flow;
      String verdict = r.string(n, "verdict", at, true);
      Optional<Evidence.VerdictKind> kind = r.oneOf(verdict, Evidence.VerdictKind.class, at + ".verdict");
      Optional<Evidence.Rule> rule = Optional.empty();
      JsonNode ruleNode = n.get("rule");
      if (ruleNode != null && !ruleNode.isNull()) {
        if (r.requireObject(ruleNode, at + ".rule")) {
          String lineText = ruleNode.path("line").asText("0");
          int line = ruleNode.path("line").canConvertToInt() ? ruleNode.path("line").asInt() : 0;
          if (ruleNode.has("line") && !ruleNode.get("line").isIntegralNumber() && !ruleNode.get("line").isNull())
            r.error(at + ".rule.line", "expected a line number, got '" + lineText + "'");
          rule = Optional.of(new Evidence.Rule(r.string(ruleNode, "file", at + ".rule", false), Math.max(0, line), r.string(ruleNode, "text", at + ".rule", false)));
        }
      }
      List<String> blocked = new ArrayList<>();
      for (var b : r.array(n, "blocked", at, false)) blocked.add(describe(b.node()));
      if (name != null && kind.isPresent()) evidence.add(new Evidence.Verdict(name, r.string(n, "where", at, false), kind.get(), rule, blocked));
    }
    for (var item : r.array(root.get(), "excess", "$", false)) findings.add(new Finding(Finding.Kind.EXCESS, "verify", describe(item.node())));
    // verify lists shadowed and redundant lines together, telling them apart by "kind"
    for (var item : r.array(root.get(), "shadowed", "$", false)) {
      JsonNode n = item.node();
      Finding.Kind kind = n.path("kind").asText("").equals("redundant") ? Finding.Kind.REDUNDANT : Finding.Kind.SHADOWED;
      if (n.isObject()) {
        n = n.deepCopy();
        ((com.fasterxml.jackson.databind.node.ObjectNode) n).remove("kind"); // the finding's kind says it
      }
      findings.add(new Finding(kind, "verify", describe(n)));
    }
    for (var item : r.array(root.get(), "warnings", "$", false)) findings.add(new Finding(Finding.Kind.WARNING, "verify", describe(item.node())));
    return new Results(evidence, findings, List.of("verify: " + file));
  }

  static Results probe(String text, String file, Diagnostics d) {
    Optional<JsonNode> root = parse(text, file, d);
    if (root.isEmpty()) return Results.NONE;
    Reader r = new Reader(file, d);
    r.requireObject(root.get(), "$");
    List<Evidence> evidence = new ArrayList<>();
    for (var item : r.array(root.get(), "probes", "$", true)) {
      JsonNode n = item.node();
      String at = item.path();
      if (!r.requireObject(n, at)) continue;
      String name = r.string(n, "name", at, false);
      String state = r.string(n, "state", at, true);
      Optional<Evidence.ProbeState> s = r.oneOf(state, Evidence.ProbeState.class, at + ".state");
      OptionalDouble rtt = OptionalDouble.empty();
      JsonNode rttNode = n.get("rtt_ms");
      if (rttNode != null && !rttNode.isNull()) {
        if (rttNode.isNumber()) rtt = OptionalDouble.of(rttNode.asDouble());
        else r.error(at + ".rtt_ms", "expected a number of milliseconds, got " + rttNode);
      }
      if (s.isPresent())
        evidence.add(new Evidence.Probe(name == null ? "" : name, r.scalar(n, "src", at), r.scalar(n, "dst", at), r.scalar(n, "proto", at),
            r.scalar(n, "port", at), s.get(), rtt, r.string(n, "detail", at, false)));
    }
    // a site result (fleet probe, results merge) lists the hosts that could not probe: their
    // flows have no probe evidence (status unknown), and the report says why, never "blocked"
    List<Finding> findings = new ArrayList<>();
    for (var item : r.array(root.get(), "not_probed", "$", false)) {
      JsonNode n = item.node();
      if (!r.requireObject(n, item.path())) continue;
      String host = r.string(n, "host", item.path(), true);
      String reason = r.string(n, "reason", item.path(), true);
      int flows = n.path("flows").isArray() ? n.path("flows").size() : 0;
      if (host != null && reason != null)
        findings.add(new Finding(Finding.Kind.WARNING, "probe", "not probed: " + host + ": " + reason + (flows > 0 ? " (" + flows + " flow(s) without a probe result)" : "")));
    }
    return new Results(evidence, findings, List.of("probe: " + file));
  }

  static Results capture(String text, String file, Diagnostics d) {
    Optional<JsonNode> root = parse(text, file, d);
    if (root.isEmpty()) return Results.NONE;
    Reader r = new Reader(file, d);
    r.requireObject(root.get(), "$");
    List<Evidence> evidence = new ArrayList<>();
    for (var item : r.array(root.get(), "attempts", "$", true)) {
      JsonNode n = item.node();
      String at = item.path();
      if (!r.requireObject(n, at)) continue;
      String outcome = r.string(n, "outcome", at, true);
      Optional<Evidence.Outcome> o = r.oneOf(outcome, Evidence.Outcome.class, at + ".outcome");
      OptionalInt retransmits = OptionalInt.empty();
      JsonNode rt = n.get("retransmits");
      if (rt != null && !rt.isNull()) {
        if (rt.isIntegralNumber() && rt.canConvertToInt() && rt.asInt() >= 0) retransmits = OptionalInt.of(rt.asInt());
        else r.error(at + ".retransmits", "expected a count >= 0, got " + rt);
      }
      // an attempt may serve several flows: "flow" and "also_flows"; without any it is capture's unexplained traffic
      List<String> flows = new ArrayList<>();
      String flow = r.string(n, "flow", at, false);
      if (flow != null && !flow.isEmpty()) flows.add(flow);
      for (var also : r.array(n, "also_flows", at, false)) {
        if (also.node().isTextual()) flows.add(also.node().asText());
        else r.error(also.path(), "expected a flow name, got " + also.node());
      }
      if (o.isPresent())
        for (String f : flows)
          evidence.add(new Evidence.Attempt(f, r.scalar(n, "src", at), r.scalar(n, "dst", at), r.scalar(n, "proto", at),
              r.scalar(n, "port", at), o.get(), retransmits, r.scalar(n, "first_packet", at), r.string(n, "detail", at, false)));
    }
    List<Finding> findings = new ArrayList<>();
    for (var item : r.array(root.get(), "unexplained", "$", false)) findings.add(new Finding(Finding.Kind.UNEXPLAINED, "capture", describe(item.node())));
    return new Results(evidence, findings, List.of("capture: " + file));
  }

  /** observe's result (schemas/observe-result.schema.json): per flow its status; unexplained candidates as findings. */
  static Results observe(String text, String file, Diagnostics d) {
    Optional<JsonNode> root = parse(text, file, d);
    if (root.isEmpty()) return Results.NONE;
    Reader r = new Reader(file, d);
    r.requireObject(root.get(), "$");
    List<Evidence> evidence = new ArrayList<>();
    for (var item : r.array(root.get(), "flows", "$", true)) {
      JsonNode n = item.node();
      String at = item.path();
      if (!r.requireObject(n, at)) continue;
      String flow = r.string(n, "flow", at, true);
      String status = r.string(n, "status", at, true);
      if (status != null && !List.of("working", "denied", "seen_undetermined", "not_seen").contains(status)) {
        r.error(at + ".status", "expected working, denied, seen_undetermined or not_seen, got " + status);
        continue;
      }
      if (flow == null || status == null || status.equals("not_seen")) continue; // not seen: no evidence either way
      List<String> where = new ArrayList<>();
      for (var den : r.array(n, "denials", at, false))
        where.add((den.node().path("device").asText("") + " " + den.node().path("rule").asText("")).strip());
      evidence.add(new Evidence.Observed(flow, status, n.path("records").asLong(0), n.path("accepted").asLong(0), n.path("denied").asLong(0),
          String.join("; ", where)));
    }
    List<Finding> findings = new ArrayList<>();
    for (var item : r.array(root.get(), "unexplained", "$", false)) findings.add(new Finding(Finding.Kind.UNEXPLAINED, "observe", describe(item.node())));
    return new Results(evidence, findings, List.of("observe: " + file));
  }

  private static Optional<JsonNode> parse(String text, String file, Diagnostics d) {
    if (text == null) return Optional.empty();
    try (JsonParser p = JSON.createParser(text)) {
      JsonNode root = JSON.readTree(p);
      if (root == null || root.isMissingNode()) {
        d.error(SourcePosition.of(file), "expected a JSON object, but the file is empty");
        return Optional.empty();
      }
      if (p.nextToken() != null) {
        var loc = p.currentTokenLocation();
        d.error(new SourcePosition(file, Math.max(1, loc.getLineNr()), Math.max(1, loc.getColumnNr())), "expected the end of the file after the JSON object");
        return Optional.empty();
      }
      return Optional.of(root);
    } catch (JsonProcessingException e) {
      var loc = e.getLocation();
      int line = loc == null ? 0 : Math.max(0, loc.getLineNr());
      int col = loc == null || line == 0 ? 0 : Math.max(0, loc.getColumnNr());
      d.error(new SourcePosition(file, line, col), "malformed JSON: " + e.getOriginalMessage());
      return Optional.empty();
    } catch (IOException e) {
      d.error(SourcePosition.of(file), "cannot read JSON: " + e.getMessage());
      return Optional.empty();
    }
  }

  /** A one-line description of a finding as the producer wrote it: text, or key=value pairs. */
  static String describe(JsonNode n) {
    if (n == null || n.isNull()) return "(empty)";
    if (n.isValueNode()) return n.asText().isBlank() ? "(empty)" : n.asText();
    StringJoiner j = new StringJoiner("; ");
    // a diagnostic the producer writes as file, line, column and message reads best as "file:line:column: message"
    if (n.isObject() && n.path("message").isTextual() && n.has("file")) {
      String at = n.path("file").asText("");
      if (n.path("line").asInt(0) > 0) at += ":" + n.path("line").asInt();
      if (n.path("line").asInt(0) > 0 && n.path("column").asInt(0) > 0) at += ":" + n.path("column").asInt();
      return (at.isEmpty() ? "" : at + ": ") + n.path("message").asText();
    }
    // a rule the producer names by file, line and text reads best as "file:line text"
    JsonNode rule = n.get("rule");
    if (n.isObject() && rule != null && rule.isObject()) {
      JsonNode rest = n.deepCopy();
      ((com.fasterxml.jackson.databind.node.ObjectNode) rest).remove("rule");
      j.add(new Evidence.Rule(rule.path("file").asText(""), rule.path("line").asInt(0), rule.path("text").asText("")).notation());
      flatten("", rest, j);
      return j.toString();
    }
    flatten("", n, j);
    String s = j.toString();
    return s.isBlank() ? "(empty)" : s;
  }

  private static void flatten(String prefix, JsonNode n, StringJoiner out) {
    if (n.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = n.properties().iterator(); it.hasNext(); ) {
        var e = it.next();
        flatten(prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey(), e.getValue(), out);
      }
    } else if (n.isArray()) {
      StringJoiner items = new StringJoiner(", ", "[", "]");
      for (JsonNode c : n) items.add(c.isValueNode() ? c.asText() : describe(c));
      out.add(prefix.isEmpty() ? items.toString() : prefix + "=" + items);
    } else if (!n.isNull()) {
      out.add(prefix.isEmpty() ? n.asText() : prefix + "=" + n.asText());
    }
  }

  /** Typed access to a tree that adds an error (file + JSON path) for each wrong field. */
  private record Reader(String file, Diagnostics d) {
    record Item(JsonNode node, String path) {}

    void error(String path, String message) {
      d.error(SourcePosition.of(file), path + ": " + message);
    }

    boolean requireObject(JsonNode n, String path) {
      if (n.isObject()) return true;
      error(path, "expected a JSON object, got " + type(n));
      return false;
    }

    List<Item> array(JsonNode parent, String field, String at, boolean required) {
      JsonNode n = parent.get(field);
      if (n == null || n.isNull()) {
        if (required && parent.isObject()) error(at, "missing \"" + field + "\" (an array)");
        return List.of();
      }
      if (!n.isArray()) {
        error(at + "." + field, "expected an array, got " + type(n));
        return List.of();
      }
      List<Item> out = new ArrayList<>();
      for (int i = 0; i < n.size(); i++) out.add(new Item(n.get(i), at + "." + field + "[" + i + "]"));
      return out;
    }

    /** A string field; null (after an error when required) if missing, "" if optional and missing. */
    String string(JsonNode n, String field, String at, boolean required) {
      JsonNode v = n.get(field);
      if (v == null || v.isNull()) {
        if (required) {
          error(at, "missing \"" + field + "\"");
          return null;
        }
        return "";
      }
      if (!v.isTextual()) {
        error(at + "." + field, "expected a string, got " + type(v));
        return required ? null : "";
      }
      return v.asText();
    }

    /** A string or number field as text ("" when missing), e.g. a port 443 or "443". */
    String scalar(JsonNode n, String field, String at) {
      JsonNode v = n.get(field);
      if (v == null || v.isNull()) return "";
      if (v.isTextual() || v.isNumber()) return v.asText();
      error(at + "." + field, "expected a string or a number, got " + type(v));
      return "";
    }

    <E extends Enum<E>> Optional<E> oneOf(String value, Class<E> type, String path) {
      if (value == null) return Optional.empty();
      String key = value.trim().toUpperCase(Locale.ROOT).replace('|', '_').replace('-', '_');
      for (E e : type.getEnumConstants()) if (e.name().equals(key)) return Optional.of(e);
      StringJoiner names = new StringJoiner("|");
      for (E e : type.getEnumConstants()) names.add(e.name().toLowerCase(Locale.ROOT));
      error(path, "expected one of " + names + ", got '" + value + "'");
      return Optional.empty();
    }

    private static String type(JsonNode n) {
      return switch (n.getNodeType()) {
        case ARRAY -> "an array";
        case OBJECT, POJO -> "an object";
        case STRING -> "a string";
        case NUMBER -> "a number";
        case BOOLEAN -> "a boolean";
        case NULL, MISSING -> "null";
        case BINARY -> "binary data";
      };
    }
  }
}
