package org.portolan.observe;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/** The observe result as JSON (schema: {@code schemas/observe-result.schema.json}, described in docs/observe.md); a pure function. */
public final class ObserveJson {
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private ObserveJson() {}

  public static String write(ObserveResult r) {
    ObjectNode root = JSON.createObjectNode();
    root.put("planned", r.planned());
    ArrayNode inputs = root.putArray("inputs");
    for (var i : r.inputs()) inputs.addObject().put("name", i.name()).put("format", i.format());
    ObjectNode w = root.putObject("window");
    time(w, "since", r.window().since() == Long.MIN_VALUE ? null : r.window().since());
    time(w, "until", r.window().until() == Long.MAX_VALUE ? null : r.window().until());
    var s = r.stats();
    ObjectNode st = root.putObject("stats");
    st.put("records", s.records()).put("skipped", s.skipped()).put("malformed", s.malformed()).put("outside_window", s.outsideWindow())
        .put("untimed", s.untimed()).put("explained", s.explained());
    time(st, "first", s.first());
    time(st, "last", s.last());
    ArrayNode flows = root.putArray("flows");
    for (var f : r.flows()) {
      ObjectNode o = flows.addObject();
      o.put("flow", f.flow());
      f.requirements().forEach(o.putArray("requirements")::add);
      o.put("src", f.src()).put("dst", f.dst()).put("proto", f.proto()).put("ports", f.ports()).put("status", f.status().keyword());
      o.put("records", f.records()).put("accepted", f.accepted()).put("denied", f.denied()).put("unknown", f.unknown())
          .put("replies", f.replies()).put("packets", f.packets()).put("bytes", f.bytes());
      time(o, "first", f.first());
      time(o, "last", f.last());
      ArrayNode d = o.putArray("denials");
      for (var x : f.denials()) d.addObject().put("device", x.device()).put("rule", x.rule()).put("records", x.records());
      ArrayNode e = o.putArray("evidence");
      for (var x : f.evidence())
        e.addObject().put("file", x.file()).put("line", x.line()).put("src", x.src()).put("src_port", x.srcPort()).put("dst", x.dst())
            .put("dst_port", x.dstPort()).put("device", x.device()).put("rule", x.rule());
    }
    ArrayNode un = root.putArray("unexplained");
    for (var c : r.unexplained()) {
      ObjectNode o = un.addObject();
      o.put("src", c.src()).put("dst", c.dst()).put("proto", c.proto()).put("port", c.port()).put("records", c.records())
          .put("accepted", c.accepted()).put("denied", c.denied()).put("unknown", c.unknown()).put("replies", c.replies())
          .put("packets", c.packets()).put("bytes", c.bytes());
      time(o, "first", c.first());
      time(o, "last", c.last());
      o.put("example", c.example());
    }
    root.put("unexplained_overflow", r.unexplainedOverflow());
    ArrayNode rules = root.putArray("rules");
    for (var h : r.rules())
      rules.addObject().put("device", h.device()).put("rule", h.rule()).put("accepted", h.accepted()).put("denied", h.denied())
          .put("unknown", h.unknown());
    root.put("rules_overflow", r.rulesOverflow());
    ArrayNode mal = root.putArray("malformed");
    for (var m : r.malformed()) {
      ObjectNode o = mal.addObject().put("file", m.file()).put("line", m.line());
      if (m.offset() >= 0) o.put("offset", m.offset());
      else o.putNull("offset");
      o.put("reason", m.reason());
    }
    try {
      return JSON.writeValueAsString(root) + "\n";
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void time(ObjectNode o, String field, Long millis) {
    if (millis == null) o.putNull(field);
    else o.put(field, Instant.ofEpochMilli(millis).toString());
  }
}
