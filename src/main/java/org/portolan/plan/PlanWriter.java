package org.portolan.plan;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.stream.Collectors;
import org.portolan.diag.Diagnostic;
import org.portolan.model.Protocol;
import org.portolan.output.TextTable;

/** The flow plan as a table for people, as JSON for programs, or as the flows CSV. */
public final class PlanWriter {
  private PlanWriter() {}

  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  public static String table(FlowPlan plan) {
    TextTable t = new TextTable("FLOW", "FROM", "TO", "PROTO", "PORTS", "PURPOSE");
    for (Flow f : plan.flows()) {
      t.row(f.name(), names(f.sources()), names(f.destinations()), f.protocol().keyword(), portsText(f),
          TextTable.cut(f.traces().getFirst().purpose(), 70));
    }
    StringBuilder b = new StringBuilder(t.render());
    b.append(plan.flows().size()).append(" flows").append(plan.site().isEmpty() ? "" : " for " + plan.site()).append('\n');
    for (Diagnostic n : plan.notes()) b.append(note(n)).append('\n');
    return b.toString();
  }

  /**
   * A planning note as every output writes it (plan table and JSON, the report):
   * {@code file:line:column: note: message}. Notes are what resolution decided, never errors.
   */
  public static String note(Diagnostic n) {
    return n.position() + ": note: " + n.message();
  }

  private static String names(java.util.List<Endpoint> es) {
    return es.stream().map(e -> e instanceof Endpoint.Fqdn f ? f.fqdn() : e.name()).collect(Collectors.joining(" "));
  }

  /** Ports as the flows CSV writes them; the ICMP type for ICMP. */
  public static String portsText(Flow f) {
    return f.protocol() instanceof Protocol.Icmp i ? i.typeNotation() : f.ports().notation();
  }

  public static String json(FlowPlan plan) {
    ObjectNode root = JSON.createObjectNode();
    root.put("site", plan.site());
    ArrayNode flows = root.putArray("flows");
    for (Flow f : plan.flows()) {
      ObjectNode o = flows.addObject();
      o.put("name", f.name());
      ArrayNode src = o.putArray("src");
      f.sources().forEach(e -> src.add(endpoint(e)));
      ArrayNode dst = o.putArray("dst");
      f.destinations().forEach(e -> dst.add(endpoint(e)));
      o.put("proto", f.protocol().keyword());
      o.put("ports", portsText(f));
      o.put("stateful", f.stateful());
      o.put("loopback", f.loopback());
      ArrayNode reqs = o.putArray("requirements");
      for (Trace t : f.traces()) {
        ObjectNode r = reqs.addObject();
        r.put("product", t.product());
        r.put("instance", t.instance());
        r.put("requirement", t.requirement());
        r.put("from", t.initiatorRole());
        r.put("to", t.responderRole());
        r.put("purpose", t.purpose());
        r.put("condition", t.condition());
        r.put("source", t.provenance().notation());
      }
    }
    ArrayNode notes = root.putArray("notes");
    plan.notes().forEach(n -> notes.add(note(n)));
    try {
      return JSON.writeValueAsString(root) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static ObjectNode endpoint(Endpoint e) {
    ObjectNode o = JSON.createObjectNode();
    o.put("name", e.name());
    o.put("zone", e.zone());
    switch (e) {
      case Endpoint.Addresses a -> o.put("addresses", a.notation());
      case Endpoint.Fqdn f -> o.put("fqdn", f.fqdn());
    }
    return o;
  }

  public static String csv(FlowPlan plan) {
    StringWriter w = new StringWriter();
    try {
      FlowsCsv.write(plan, w);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return w.toString();
  }
}
