package org.portolan.verify;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.IntStream;
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
    write(r, (b, off, len) -> out.write(new String(b, off, len, StandardCharsets.UTF_8)), true);
  }

  /** Writes the result to {@code out} as UTF-8, indented, with a final newline; does not close it. */
  public static void write(VerifyResult r, OutputStream out) throws IOException {
    write(r, out::write, true);
  }

  /** Where the bytes go: each piece is whole characters of UTF-8. */
  @FunctionalInterface
  interface Sink {
    void write(byte[] b, int off, int len) throws IOException;
  }

  /** Flows rendered per piece, each piece by a generator of its own. */
  static final int CHUNK = 1024;

  /**
   * The whole document. The flows (most of it: 60 MB for 100,000 flows) are rendered in pieces of
   * {@link #CHUNK}, {@code parallel} on every core, each piece by a generator of its own as the
   * elements of a "flows" array at the same depth; the pieces are written in the flows' order
   * between what the document's own generator writes, so the bytes are those of one generator
   * writing everything ({@code parallel} false: that, the reference VerifyJsonTest compares with).
   */
  static void write(VerifyResult r, Sink out, boolean parallel) throws IOException {
    Buffer head = new Buffer(1 << 14);
    try (JsonGenerator g = JSON.createGenerator(head).useDefaultPrettyPrinter()) {
      g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
      g.disable(JsonGenerator.Feature.FLUSH_PASSED_TO_STREAM);
      g.writeStartObject();
      g.writeArrayFieldStart("flows");
      List<FlowResult> flows = r.flows();
      if (!parallel || flows.size() <= CHUNK) {
        for (FlowResult f : flows) flow(g, f);
      } else {
        g.flush();
        head.drainTo(out);
        int chunks = (flows.size() + CHUNK - 1) / CHUNK;
        // a few pieces at a time: every core renders, then this thread writes them, so at most a window is held
        int window = 4 * Runtime.getRuntime().availableProcessors();
        for (int w = 0; w < chunks; w += window) {
          List<Buffer> pieces = IntStream.range(w, Math.min(chunks, w + window)).parallel()
              .mapToObj(c -> piece(flows.subList(c * CHUNK, Math.min(flows.size(), (c + 1) * CHUNK)), c > 0)).toList();
          for (Buffer p : pieces) p.drainTo(out);
        }
      }
      g.writeEndArray();
      g.writeArrayFieldStart("excess");
      for (Excess e : r.excess()) {
        g.writeStartObject();
        rule(g, RULE, e.rule());
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
        rule(g, RULE, s.rule());
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
    head.write('\n');
    head.drainTo(out);
  }

  /**
   * Flows as the elements of the document's "flows" array, from its first element on ({@code later}
   * false) or following earlier ones. A generator of its own opens the same object and array the
   * document's does, so the elements are at the same depth with the same indentation; what it wrote
   * before the first element is dropped. Its first element comes as the pretty printer starts an
   * array's values (" "), a later one after ","; the array's end (" ]", whatever it held) is the
   * document's.
   */
  private static Buffer piece(List<FlowResult> flows, boolean later) {
    Buffer b = new Buffer(flows.size() * 640);
    try (JsonGenerator g = JSON.createGenerator(b).useDefaultPrettyPrinter()) {
      g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
      g.disable(JsonGenerator.Feature.FLUSH_PASSED_TO_STREAM);
      g.disable(JsonGenerator.Feature.AUTO_CLOSE_JSON_CONTENT); // the array and object stay open: the document closes them
      g.writeStartObject();
      g.writeArrayFieldStart("flows");
      g.flush();
      b.reset();
      if (later) b.write(',');
      for (FlowResult f : flows) flow(g, f);
      g.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e); // into memory: cannot happen
    }
    return b;
  }

  private static final SerializedString NAME = new SerializedString("name"), FLOW = new SerializedString("flow"), WHERE = new SerializedString("where"),
      SRC = new SerializedString("src"), DST = new SerializedString("dst"), PROTO = new SerializedString("proto"), PORTS = new SerializedString("ports"),
      PATH = new SerializedString("path"), VERDICT = new SerializedString("verdict"), BLOCKED = new SerializedString("blocked"),
      TRAFFIC = new SerializedString("traffic"), FILE = new SerializedString("file"), LINE = new SerializedString("line"), TEXT = new SerializedString("text"), RULE = new SerializedString("rule");

  private static void field(JsonGenerator g, SerializedString name, String value) throws IOException {
    g.writeFieldName(name);
    g.writeString(value);
  }

  private static void flow(JsonGenerator g, FlowResult f) throws IOException {
    g.writeStartObject();
    field(g, NAME, f.name());
    field(g, FLOW, f.flow());
    field(g, WHERE, f.where());
    field(g, SRC, f.src());
    field(g, DST, f.dst());
    field(g, PROTO, f.proto());
    field(g, PORTS, f.ports());
    field(g, PATH, f.path());
    field(g, VERDICT, f.verdict().keyword());
    rule(g, RULE, f.verdict().rule());
    if (f.verdict() instanceof Verdict.Allowed a && !a.rateLimitedBy().isEmpty()) {
      g.writeArrayFieldStart("rate_limited_by");
      for (LineSource l : a.rateLimitedBy()) rule(g, null, l);
      g.writeEndArray();
    }
    g.writeFieldName(BLOCKED);
    g.writeStartArray();
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

  /** A byte buffer the generators write into and this class drains without a copy. */
  private static final class Buffer extends ByteArrayOutputStream {
    Buffer(int size) {
      super(size);
    }

    void drainTo(Sink out) throws IOException {
      if (count > 0) out.write(buf, 0, count);
      reset();
    }
  }

  private static void part(JsonGenerator g, BlockedPart x) throws IOException {
    g.writeStartObject();
    field(g, SRC, x.src());
    field(g, DST, x.dst());
    field(g, PROTO, x.proto());
    field(g, PORTS, x.ports());
    field(g, TRAFFIC, x.traffic());
    rule(g, RULE, x.rule());
    g.writeEndObject();
  }

  /** {@code {"file", "line", "text"}}, as a field of the object being written or (name null) an array element. */
  private static void rule(JsonGenerator g, SerializedString name, LineSource l) throws IOException {
    if (name == null) g.writeStartObject();
    else {
      g.writeFieldName(name);
      g.writeStartObject();
    }
    field(g, FILE, l.file());
    g.writeFieldName(LINE);
    g.writeNumber(l.line());
    field(g, TEXT, l.text());
    g.writeEndObject();
  }
}
