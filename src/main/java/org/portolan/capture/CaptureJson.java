package org.portolan.capture;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes a capture result as JSON (schema: {@code schemas/capture-result.schema.json},
 * described in docs/capture.md). Streams: {@link #open} writes attempts as they come, then
 * {@link Stream#finish} the flows, unexplained traffic and counters.
 */
public final class CaptureJson {
  private CaptureJson() {}

  /** Writes {@code result} (with its attempts) as one JSON document. */
  public static void write(CaptureResult result, Writer out) {
    Stream s = open(out);
    result.attempts().forEach(s::attempt);
    s.finish(result);
  }

  public static Stream open(Writer out) {
    try {
      JsonGenerator g = new JsonFactory().createGenerator(out);
      g.useDefaultPrettyPrinter();
      g.writeStartObject();
      g.writeArrayFieldStart("attempts");
      return new Stream(g);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A JSON document being written: attempts first, then the rest. */
  public static final class Stream {
    private final JsonGenerator g;

    private Stream(JsonGenerator g) {
      this.g = g;
    }

    public void attempt(Attempt a) {
      try {
        g.writeStartObject();
        g.writeStringField("src", a.src());
        g.writeStringField("dst", a.dst());
        g.writeStringField("proto", a.proto());
        g.writeNumberField("port", a.port());
        g.writeStringField("outcome", a.outcome().keyword());
        g.writeNumberField("retransmits", a.retransmits());
        g.writeNumberField("first_packet", a.firstPacket());
        if (a.flow().isPresent()) g.writeStringField("flow", a.flow().get());
        else g.writeNullField("flow");
        g.writeNumberField("src_port", a.srcPort());
        packets(a);
        g.writeStringField("detail", a.detail());
        if (!a.alsoFlows().isEmpty()) {
          g.writeArrayFieldStart("also_flows");
          for (String f : a.alsoFlows()) g.writeString(f);
          g.writeEndArray();
        }
        if (a.viaEpm() > 0) g.writeNumberField("via_epm", a.viaEpm());
        g.writeEndObject();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    private void packets(Attempt a) throws IOException {
      g.writeArrayFieldStart("packets");
      for (long p : a.packets()) g.writeNumber(p);
      g.writeEndArray();
    }

    public void finish(CaptureResult r) {
      try {
        g.writeEndArray();
        g.writeArrayFieldStart("flows");
        for (FlowReport f : r.flows()) flow(f);
        g.writeEndArray();
        g.writeArrayFieldStart("unexplained");
        for (Unexplained u : r.unexplained()) {
          g.writeStartObject();
          g.writeStringField("src", u.src());
          g.writeStringField("dst", u.dst());
          g.writeStringField("proto", u.proto());
          g.writeNumberField("port", u.port());
          g.writeNumberField("attempts", u.attempts());
          g.writeNumberField("first_packet", u.firstPacket());
          g.writeObjectFieldStart("outcomes");
          for (Map.Entry<AttemptOutcome, Integer> e : new TreeMap<>(u.outcomes()).entrySet()) g.writeNumberField(e.getKey().keyword(), e.getValue());
          g.writeEndObject();
          g.writeEndObject();
        }
        g.writeEndArray();
        CaptureStats s = r.stats();
        g.writeObjectFieldStart("stats");
        g.writeStringField("format", s.format());
        g.writeNumberField("packets", s.packets());
        g.writeNumberField("bytes", s.bytes());
        g.writeNumberField("not_ip", s.notIp());
        g.writeNumberField("attempts", s.attempts());
        g.writeNumberField("failed", s.failed());
        g.writeNumberField("evicted", s.evicted());
        g.writeNumberField("epm_endpoints", s.epmEndpoints());
        g.writeNumberField("unexplained_not_listed", s.unexplainedOverflow());
        g.writeEndObject();
        g.writeEndObject();
        g.writeRaw('\n');
        g.flush();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    private void flow(FlowReport f) throws IOException {
      g.writeStartObject();
      g.writeStringField("flow", f.flow());
      g.writeArrayFieldStart("requirements");
      for (String req : f.requirements()) g.writeString(req);
      g.writeEndArray();
      g.writeStringField("src", f.src());
      g.writeStringField("dst", f.dst());
      g.writeStringField("proto", f.proto());
      g.writeStringField("ports", f.ports());
      g.writeStringField("status", f.status().keyword());
      g.writeNumberField("attempts", f.attempts());
      switch (f.status()) {
        case FlowReport.Status.Working w -> {
          g.writeNumberField("working", f.attempts());
          g.writeNumberField("first_packet", w.firstPacket());
        }
        case FlowReport.Status.Failing x -> {
          g.writeNumberField("working", x.working());
          g.writeStringField("outcome", x.outcome().keyword());
          g.writeStringField("reason", x.reason());
          g.writeArrayFieldStart("evidence");
          for (Attempt a : x.evidence()) {
            g.writeStartObject();
            g.writeNumberField("first_packet", a.firstPacket());
            g.writeStringField("src", a.src());
            g.writeStringField("dst", a.dst());
            g.writeNumberField("port", a.port());
            g.writeStringField("outcome", a.outcome().keyword());
            g.writeNumberField("retransmits", a.retransmits());
            packets(a);
            g.writeStringField("detail", a.detail());
            g.writeEndObject();
          }
          g.writeEndArray();
        }
        case FlowReport.Status.NotSeen n -> g.writeNumberField("working", 0);
      }
      g.writeEndObject();
    }
  }
}
