package org.portolan.verify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.portolan.diag.Diagnostic;
import org.portolan.ingest.acl.LineSource;

/**
 * The JSON result (schema: src/main/resources/schemas/verify-result.schema.json, documented
 * in docs/verify.md). Built as a tree, never from class names. Pure.
 */
public final class VerifyJson {
  private VerifyJson() {}

  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  public static String render(VerifyResult r) {
    ObjectNode root = JSON.createObjectNode();
    ArrayNode flows = root.putArray("flows");
    for (FlowResult f : r.flows()) {
      ObjectNode o = flows.addObject();
      o.put("name", f.name()).put("flow", f.flow()).put("where", f.where()).put("src", f.src()).put("dst", f.dst()).put("proto", f.proto()).put("ports", f.ports());
      o.put("path", f.path());
      o.put("verdict", f.verdict().keyword());
      rule(o.putObject("rule"), f.verdict().rule());
      if (f.verdict() instanceof Verdict.Allowed a && !a.rateLimitedBy().isEmpty()) {
        ArrayNode rl = o.putArray("rate_limited_by");
        for (LineSource l : a.rateLimitedBy()) rule(rl.addObject(), l);
      }
      ArrayNode b = o.putArray("blocked");
      for (BlockedPart x : f.verdict().blockedParts()) {
        ObjectNode bo = b.addObject();
        bo.put("src", x.src()).put("dst", x.dst()).put("proto", x.proto()).put("ports", x.ports()).put("traffic", x.traffic());
        rule(bo.putObject("rule"), x.rule());
      }
      if (f.verdict() instanceof Verdict.Undetermined u) {
        ObjectNode uo = o.putObject("undetermined");
        uo.put("construct", u.doubt().construct()).put("hint", u.doubt().hint());
        ArrayNode parts = uo.putArray("parts");
        for (BlockedPart x : u.undetermined()) {
          ObjectNode po = parts.addObject();
          po.put("src", x.src()).put("dst", x.dst()).put("proto", x.proto()).put("ports", x.ports()).put("traffic", x.traffic());
          rule(po.putObject("rule"), x.rule());
        }
      }
    }
    ArrayNode ex = root.putArray("excess");
    for (Excess e : r.excess()) {
      ObjectNode o = ex.addObject();
      rule(o.putObject("rule"), e.rule());
      o.put("path", e.path()).put("beyond", e.beyond());
      if (!e.verified()) o.put("verified", false);
      o.putObject("example").put("src", e.example().src()).put("dst", e.example().dst()).put("proto", e.example().proto()).put("port", e.example().port());
    }
    ArrayNode sh = root.putArray("shadowed");
    for (RuleFinding s : r.shadowed()) {
      ObjectNode o = sh.addObject();
      o.put("kind", s.kind() == RuleFinding.Kind.SHADOWED ? "shadowed" : "redundant");
      rule(o.putObject("rule"), s.rule());
      o.put("path", s.path());
      ArrayNode by = o.putArray("by");
      for (LineSource l : s.by()) rule(by.addObject(), l);
      o.put("note", s.note());
      if (!s.verified()) o.put("verified", false);
    }
    ArrayNode w = root.putArray("warnings");
    for (Diagnostic d : r.warnings()) {
      ObjectNode o = w.addObject();
      o.put("file", d.position().file()).put("line", d.position().line()).put("column", d.position().column());
      o.put("severity", d.severity().name().toLowerCase(java.util.Locale.ROOT)).put("message", d.message());
    }
    try {
      return JSON.writeValueAsString(root) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void rule(ObjectNode o, LineSource l) {
    o.put("file", l.file()).put("line", l.line()).put("text", l.text());
  }
}
