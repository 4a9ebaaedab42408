package org.portolan.probe;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;
import java.util.OptionalDouble;
import org.portolan.output.JunitXml;
import org.portolan.output.TextTable;
import org.portolan.rpc.EpmEndpoint;

/**
 * Renders a {@link ProbeReport}: {@code table} for people, {@code json} for programs (the shape
 * documented in docs/probe.md), {@code junit} for CI dashboards (one test case per probe, a
 * failure for every state but open). Pure functions of the report.
 */
public enum ProbeFormat {
  TABLE, JSON, JUNIT;

  public String render(ProbeReport report) {
    return switch (this) {
      case TABLE -> table(report);
      case JSON -> json(report);
      case JUNIT -> junit(report);
    };
  }

  static String json(ProbeReport report) {
    ObjectMapper m = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    ObjectNode root = m.createObjectNode();
    if (report.started() != null) {
      root.put("started_at", report.started().toString());
      root.put("finished_at", report.finished().toString());
    }
    ArrayNode probes = root.putArray("probes");
    for (ProbeResult r : report.results()) {
      ObjectNode o = probes.addObject();
      o.put("name", r.name());
      o.put("src", r.src());
      o.put("dst", r.dst());
      o.put("proto", r.proto());
      if (r.port().isPresent()) o.put("port", r.port().getAsInt());
      else o.putNull("port");
      o.put("state", r.state().keyword());
      if (r.rttMs().isPresent()) o.put("rtt_ms", r.rttMs().getAsDouble());
      else o.putNull("rtt_ms");
      o.put("detail", r.detail());
    }
    try {
      return m.writeValueAsString(root) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  static String table(ProbeReport report) {
    TextTable table = new TextTable("STATE", "FLOW", "SRC", "DST", "SERVICE", "RTT", "DETAIL").withoutRule();
    for (ProbeResult r : report.results())
      table.row(r.state().keyword(), r.name(), r.src(), r.dst(), r.service(),
          r.rttMs().isPresent() ? String.format(Locale.ROOT, "%.2f ms", r.rttMs().getAsDouble()) : "-", r.detail());
    StringBuilder sb = new StringBuilder(table.render());
    long open = report.results().stream().filter(r -> r.state() == ProbeState.OPEN).count();
    sb.append('\n').append(open).append(" of ").append(report.results().size()).append(" probes open");
    for (ProbeState s : ProbeState.values()) {
      long n = report.results().stream().filter(r -> r.state() == s).count();
      if (n > 0 && s != ProbeState.OPEN) sb.append(", ").append(n).append(' ').append(s.keyword());
    }
    sb.append('\n');
    for (var e : report.endpointMaps().entrySet()) {
      sb.append("\nEndpoint mapper at ").append(e.getKey()).append(": ").append(e.getValue().size()).append(" entries\n");
      for (EpmEndpoint en : e.getValue())
        sb.append("  ").append(en.iface()).append(" v").append(en.versionMajor()).append('.').append(en.versionMinor())
            .append("  ").append(String.format("%-18s", en.annotation())).append(en.binding()).append('\n');
    }
    return sb.toString();
  }

  static String junit(ProbeReport report) {
    JunitXml suite = new JunitXml("portolan probe");
    for (ProbeResult r : report.results()) {
      String name = r.src() + " -> " + r.dst() + " " + r.service();
      OptionalDouble secs = OptionalDouble.of(r.rttMs().orElse(0) / 1000.0);
      suite.add(r.state() == ProbeState.OPEN
          ? JunitXml.TestCase.passed(r.name(), name, secs)
          : JunitXml.TestCase.failed(r.name(), name, secs, r.state().keyword(), r.state().keyword() + ": " + r.detail()));
    }
    return suite.render();
  }
}
