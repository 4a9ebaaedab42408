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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.AtomicInteger;
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
    write(r, out, null);
  }

  /** As above, with the pieces of {@link Pieces#startRendering} (see {@link #write(VerifyResult, OutputStream, Pieces)}). */
  public static void write(VerifyResult r, Writer out, Pieces rendering) throws IOException {
    write(r, (b, off, len) -> out.write(new String(b, off, len, StandardCharsets.UTF_8)), true, rendering);
  }

  /** Writes the result to {@code out} as UTF-8, indented, with a final newline; does not close it. */
  public static void write(VerifyResult r, OutputStream out) throws IOException {
    write(r, out::write, true, null);
  }

  /**
   * As above, with the flows' pieces that {@link Pieces#startRendering} began rendering as soon as the
   * verdicts were given (ignored unless they are this result's flows).
   */
  public static void write(VerifyResult r, OutputStream out, Pieces rendering) throws IOException {
    write(r, out::write, true, rendering);
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
   * {@code rendering}: pieces of these flows already being rendered, or null.
   */
  static void write(VerifyResult r, Sink out, boolean parallel, Pieces rendering) throws IOException {
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
        (rendering != null && rendering.flows == flows ? rendering : new Pieces(flows, VerifyJson::piece)).drainTo(out);
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
  static Buffer piece(List<FlowResult> flows, boolean later) {
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

  /**
   * The JSON of a result's flows in pieces of {@link #CHUNK}, each rendered once by whichever thread
   * claims it first: a thread of its own from the moment the verdicts are given (while verify goes on
   * with the rule analysis on the cores), then, when the document is written, the writing thread and
   * the common pool as well. The writer takes the pieces in the flows' order, waiting for one still
   * being rendered; a piece that failed fails the write with its exception. Pieces rendered ahead are
   * held until written (at most the flows' whole JSON, 60 MB for 100,000 flows).
   */
  public static final class Pieces {
    final List<FlowResult> flows;
    private final Render render;
    private final CompletableFuture<Buffer>[] done;
    private final AtomicInteger next = new AtomicInteger();

    /** Renders one piece: flows as elements of the document's flows array (see {@link VerifyJson#piece}). */
    interface Render {
      Buffer piece(List<FlowResult> flows, boolean later);
    }

    @SuppressWarnings("unchecked")
    Pieces(List<FlowResult> flows, Render render) {
      this.flows = flows;
      this.render = render;
      this.done = new CompletableFuture[(flows.size() + CHUNK - 1) / CHUNK];
      for (int c = 0; c < done.length; c++) done[c] = new CompletableFuture<>();
    }

    /** Starts rendering {@code flows} (the list the result will hold) on a thread of its own. */
    public static Pieces startRendering(List<FlowResult> flows) {
      return startRendering(flows, VerifyJson::piece);
    }

    static Pieces startRendering(List<FlowResult> flows, Render render) {
      Pieces p = new Pieces(flows, render);
      if (flows.size() > CHUNK) Thread.ofPlatform().daemon().name("verify-json").start(p::help);
      return p;
    }

    private void help() {
      for (int c = next.getAndIncrement(); c < done.length; c = next.getAndIncrement()) render(c);
    }

    private void render(int c) {
      try {
        done[c].complete(render.piece(flows.subList(c * CHUNK, Math.min(flows.size(), (c + 1) * CHUNK)), c > 0));
      } catch (RuntimeException | Error e) {
        done[c].completeExceptionally(e);
      }
    }

    void drainTo(Sink out) throws IOException {
      if (next.get() < done.length) ForkJoinPool.commonPool().execute(this::help);
      for (int c = 0; c < done.length; c++) {
        // while the next piece is being rendered elsewhere, render one further on
        while (!done[c].isDone()) {
          int k = next.getAndIncrement();
          if (k >= done.length) break;
          render(k);
        }
        Buffer b;
        try {
          b = done[c].join();
        } catch (CompletionException e) {
          if (e.getCause() instanceof RuntimeException x) throw x;
          if (e.getCause() instanceof Error x) throw x;
          throw e;
        }
        done[c] = null; // its bytes can go once written
        b.drainTo(out);
      }
    }
  }

  /** A byte buffer the generators write into and this class drains without a copy. */
  static final class Buffer extends ByteArrayOutputStream {
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
