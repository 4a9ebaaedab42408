package org.portolan.probe;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.OptionalDouble;
import org.portolan.output.JunitXml;
import org.portolan.output.TextTable;
import org.portolan.rpc.EpmEndpoint;

/**
 * Renders a {@link ProbeReport}: {@code table} for people (a summary, one line per flow),
 * {@code details} for people who need every probe, {@code json} for programs (the shape
 * documented in docs/probe.md), {@code junit} for CI dashboards (one test case per probe, a
 * failure for every state but open). Pure functions of the report.
 */
public enum ProbeFormat {
  TABLE, DETAILS, JSON, JUNIT;

  public String render(ProbeReport report) {
    return switch (this) {
      case TABLE -> table(report);
      case DETAILS -> details(report);
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

  /**
   * The summary: one line per flow (source and flow name) with its state — the one state every
   * probe of the flow found, or "mixed" with the count of each — then the totals and the
   * endpoint mappers' listings. Ports sampled from a dynamic range are one line, not 64.
   */
  static String table(ProbeReport report) {
    TextTable table = new TextTable("STATE", "FLOW", "SRC", "DST", "SERVICE", "PROBES", "DETAIL").withoutRule();
    Map<List<String>, List<ProbeResult>> byFlow = new LinkedHashMap<>();
    for (ProbeResult r : report.results()) byFlow.computeIfAbsent(List.of(r.name(), r.src()), k -> new ArrayList<>()).add(r);
    for (List<ProbeResult> rs : byFlow.values()) {
      ProbeResult first = rs.getFirst();
      Map<ProbeState, Long> counts = counts(rs);
      String state = counts.size() == 1 ? first.state().keyword() : "mixed";
      String detail = rs.stream().map(ProbeResult::detail).distinct().count() == 1 ? first.detail()
          : counts.size() == 1 ? rs.size() + " " + first.state().keyword() + " (see --format details)" : countsText(counts) + " (see --format details)";
      table.row(state, first.name(), first.src(), oneOrCount(rs.stream().map(ProbeResult::dst).toList(), "addresses"),
          services(rs), Integer.toString(rs.size()), detail);
    }
    return table.render() + totals(report) + "One line per flow; every probe: --format details\n" + endpointMaps(report);
  }

  /**
   * Every probe, except that a run of consecutive ports of one flow and destination with the
   * same state and detail (a dynamic range's sample) is one row with the port range and the
   * fastest and slowest answer.
   */
  static String details(ProbeReport report) {
    TextTable table = new TextTable("STATE", "FLOW", "SRC", "DST", "SERVICE", "RTT", "DETAIL").withoutRule();
    List<ProbeResult> rs = report.results();
    for (int i = 0; i < rs.size(); ) {
      ProbeResult a = rs.get(i);
      int j = i + 1;
      while (j < rs.size() && continues(rs.get(j - 1), rs.get(j))) j++;
      List<ProbeResult> run = rs.subList(i, j);
      String service = run.size() == 1 ? a.service()
          : a.proto() + "/" + a.port().getAsInt() + "-" + run.getLast().port().getAsInt() + " (" + run.size() + " ports)";
      table.row(a.state().keyword(), a.name(), a.src(), a.dst(), service, rtt(run), a.detail());
      i = j;
    }
    return table.render() + totals(report) + endpointMaps(report);
  }

  private static boolean continues(ProbeResult prev, ProbeResult next) {
    return prev.port().isPresent() && next.port().isPresent() && next.port().getAsInt() == prev.port().getAsInt() + 1
        && prev.name().equals(next.name()) && prev.src().equals(next.src()) && prev.dst().equals(next.dst())
        && prev.proto().equals(next.proto()) && prev.state() == next.state() && prev.detail().equals(next.detail());
  }

  private static String rtt(List<ProbeResult> run) {
    double[] ms = run.stream().filter(r -> r.rttMs().isPresent()).mapToDouble(r -> r.rttMs().getAsDouble()).sorted().toArray();
    if (ms.length == 0) return "-";
    if (ms.length == 1 || ms[0] == ms[ms.length - 1]) return String.format(Locale.ROOT, "%.2f ms", ms[0]);
    return String.format(Locale.ROOT, "%.2f-%.2f ms", ms[0], ms[ms.length - 1]);
  }

  private static Map<ProbeState, Long> counts(List<ProbeResult> rs) {
    Map<ProbeState, Long> counts = new EnumMap<>(ProbeState.class);
    for (ProbeResult r : rs) counts.merge(r.state(), 1L, Long::sum);
    return counts;
  }

  private static String countsText(Map<ProbeState, Long> counts) {
    return counts.entrySet().stream().map(e -> e.getValue() + " " + e.getKey().keyword()).collect(Collectors.joining(", "));
  }

  private static String oneOrCount(List<String> values, String plural) {
    List<String> distinct = values.stream().distinct().toList();
    return distinct.size() == 1 ? distinct.getFirst() : distinct.size() + " " + plural;
  }

  /** "tcp/445", "tcp/49152-49215" for a run of ports, "tcp/135,49152-49154", or "2 services". */
  private static String services(List<ProbeResult> rs) {
    List<String> protos = rs.stream().map(ProbeResult::proto).distinct().toList();
    if (protos.size() > 1) return protos.size() + " services";
    List<Integer> ports = rs.stream().filter(r -> r.port().isPresent()).map(r -> r.port().getAsInt()).distinct().sorted().toList();
    if (ports.isEmpty()) return protos.getFirst();
    List<String> ranges = new ArrayList<>();
    for (int i = 0; i < ports.size(); ) {
      int j = i;
      while (j + 1 < ports.size() && ports.get(j + 1) == ports.get(j) + 1) j++;
      ranges.add(i == j ? ports.get(i).toString() : ports.get(i) + "-" + ports.get(j));
      i = j + 1;
    }
    return protos.getFirst() + "/" + String.join(",", ranges);
  }

  private static String totals(ProbeReport report) {
    StringBuilder sb = new StringBuilder();
    long open = report.results().stream().filter(r -> r.state() == ProbeState.OPEN).count();
    sb.append('\n').append(open).append(" of ").append(report.results().size()).append(" probes open");
    for (var e : counts(report.results()).entrySet())
      if (e.getKey() != ProbeState.OPEN) sb.append(", ").append(e.getValue()).append(' ').append(e.getKey().keyword());
    return sb.append('\n').toString();
  }

  private static String endpointMaps(ProbeReport report) {
    StringBuilder sb = new StringBuilder();
    for (var e : new TreeMap<>(report.endpointMaps()).entrySet()) {
      int n = e.getValue().size();
      sb.append("\nEndpoint mapper at ").append(e.getKey()).append(": ").append(n).append(n == 1 ? " entry\n" : " entries\n");
      TextTable t = new TextTable("INTERFACE", "VERSION", "ANNOTATION", "PROTOCOL", "ENDPOINT");
      for (EpmEndpoint en : e.getValue()) {
        String binding = en.binding();
        String where = binding.startsWith(en.protocol() + ":") ? binding.substring(en.protocol().length() + 1) : binding;
        t.row(en.iface().toString(), "v" + en.versionMajor() + "." + en.versionMinor(),
            en.annotation().isEmpty() ? "-" : en.annotation(), en.protocol(), where.isEmpty() ? "-" : where);
      }
      t.render().lines().forEach(l -> sb.append("  ").append(l).append('\n'));
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
