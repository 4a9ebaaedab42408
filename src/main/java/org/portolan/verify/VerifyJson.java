package org.portolan.verify;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import org.portolan.diag.Diagnostic;
import org.portolan.ingest.acl.LineSource;

/**
 * The JSON result (schema: src/main/resources/schemas/verify-result.schema.json, documented
 * in docs/verify.md). Written field by field through Jackson's streaming generator, never from
 * class names, so 100,000 flows never become a tree and a string in memory at once.
 */
public final class VerifyJson {
  private VerifyJson() {}

  private static final JsonFactory JSON = new JsonFactory();

  /** The whole result as one string (tests, small results). */
  public static String render(VerifyResult r) {
    StringWriter out = new StringWriter();
    try {
      write(r, out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  /** Writes the result to {@code out}, indented, with a final newline; does not close it. */
  public static void write(VerifyResult r, Writer out) throws IOException {
    try (JsonGenerator g = JSON.createGenerator(out).useDefaultPrettyPrinter()) {
      g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
      g.writeStartObject();
      g.writeArrayFieldStart("flows");
      for (FlowResult f : r.flows()) {
        g.writeStartObject();
        g.writeStringField("name", f.name());
        g.writeStringField("flow", f.flow());
        g.writeStringField("where", f.where());
        g.writeStringField("src", f.src());
        g.writeStringField("dst", f.dst());
        g.writeStringField("proto", f.proto());
        g.writeStringField("ports", f.ports());
        g.writeStringField("path", f.path());
        g.writeStringField("verdict", f.verdict().keyword());
        rule(g, "rule", f.verdict().rule());
        if (f.verdict() instanceof Verdict.Allowed a && !a.rateLimitedBy().isEmpty()) {
          g.writeArrayFieldStart("rate_limited_by");
          for (LineSource l : a.rateLimitedBy()) rule(g, null, l);
          g.writeEndArray();
        }
        g.writeArrayFieldStart("blocked");
        for (BlockedPart x : f.verdict().blockedParts()) part(g, x);
        g.writeEndArray();
        if (f.verdict() instanceof Verdict.Undetermined u) {
          g.writeObjectFieldStart("undetermined");
          g.writeStringField("construct", u.doubt().construct());
          g.writeStringField("hint", u.doubt().hint());
          g.writeArrayFieldStart("parts");
          for (BlockedPart x : u.undetermined()) part(g, x);
          g.writeEndArray();
          g.writeEndObject();
        }
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeArrayFieldStart("excess");
      for (Excess e : r.excess()) {
        g.writeStartObject();
        rule(g, "rule", e.rule());
        g.writeStringField("path", e.path());
        g.writeStringField("beyond", e.beyond());
        if (!e.verified()) g.writeBooleanField("verified", false);
        g.writeObjectFieldStart("example");
        g.writeStringField("src", e.example().src());
        g.writeStringField("dst", e.example().dst());
        g.writeStringField("proto", e.example().proto());
        g.writeStringField("port", e.example().port());
        g.writeEndObject();
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeArrayFieldStart("shadowed");
      for (RuleFinding s : r.shadowed()) {
        g.writeStartObject();
        g.writeStringField("kind", s.kind() == RuleFinding.Kind.SHADOWED ? "shadowed" : "redundant");
        rule(g, "rule", s.rule());
        g.writeStringField("path", s.path());
        g.writeArrayFieldStart("by");
        for (LineSource l : s.by()) rule(g, null, l);
        g.writeEndArray();
        g.writeStringField("note", s.note());
        if (!s.verified()) g.writeBooleanField("verified", false);
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeArrayFieldStart("warnings");
      for (Diagnostic d : r.warnings()) {
        g.writeStartObject();
        g.writeStringField("file", d.position().file());
        g.writeNumberField("line", d.position().line());
        g.writeNumberField("column", d.position().column());
        g.writeStringField("severity", d.severity().name().toLowerCase(java.util.Locale.ROOT));
        g.writeStringField("message", d.message());
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeEndObject();
    }
    out.write("\n");
  }

  private static void part(JsonGenerator g, BlockedPart x) throws IOException {
    g.writeStartObject();
    g.writeStringField("src", x.src());
    g.writeStringField("dst", x.dst());
    g.writeStringField("proto", x.proto());
    g.writeStringField("ports", x.ports());
    g.writeStringField("traffic", x.traffic());
    rule(g, "rule", x.rule());
    g.writeEndObject();
  }

  /** {@code {"file", "line", "text"}}, as a field of the object being written or (name null) an array element. */
  private static void rule(JsonGenerator g, String name, LineSource l) throws IOException {
    if (name == null) g.writeStartObject();
    else g.writeObjectFieldStart(name);
    g.writeStringField("file", l.file());
    g.writeNumberField("line", l.line());
    g.writeStringField("text", l.text());
    g.writeEndObject();
  }
}
