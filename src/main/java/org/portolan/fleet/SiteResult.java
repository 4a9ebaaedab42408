package org.portolan.fleet;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One probe result for a site, merged from the hosts' own results: every probe as the host
 * wrote it plus {@code host} (who probed it) and {@code probed_at} (when that host's run
 * finished, from the host's own result, else from the controller); a {@code hosts} list saying
 * for each host whether it probed, and a {@code not_probed} list (host, reason, the flows left
 * without a result) for hosts that could not be reached or failed — never turned into
 * blocked flows. The output is a probe result: {@code report} and {@code diagram} read it with
 * {@code --probe}. Merging merged results keeps their hosts and probes.
 */
public final class SiteResult {
  private SiteResult() {}

  static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /**
   * One input: a probe result (single host or already merged) read from {@code file}.
   * {@code host}, {@code started} and {@code finished} are what the caller knows when the
   * file does not say (fleet's own records); empty when nothing is known.
   */
  public record Part(String file, JsonNode root, Optional<String> host, Optional<Instant> started, Optional<Instant> finished) {}

  /** Merges the parts and the hosts not probed into one result. */
  public static ObjectNode merge(String site, List<Part> parts, List<HostOutcome.NotProbed> notProbed) {
    var f = JsonNodeFactory.instance;
    ObjectNode root = f.objectNode();
    if (site != null && !site.isEmpty()) root.put("site", site);
    Map<String, ObjectNode> hosts = new LinkedHashMap<>();
    Map<String, ObjectNode> missing = new LinkedHashMap<>();
    ArrayNode probes = f.arrayNode();
    Instant first = null, last = null;
    for (Part p : parts) {
      JsonNode in = p.root();
      boolean merged = in.has("hosts") || in.has("not_probed");
      if (merged) {
        for (JsonNode h : in.path("hosts")) if (h.path("status").asText().equals("probed")) hosts.putIfAbsent(h.path("host").asText(), (ObjectNode) h.deepCopy());
        for (JsonNode n : in.path("not_probed")) missing.putIfAbsent(n.path("host").asText(), (ObjectNode) n.deepCopy());
        for (JsonNode pr : in.path("probes")) probes.add(pr.deepCopy());
        first = min(first, instant(in.path("started_at")).orElse(null));
        last = max(last, instant(in.path("finished_at")).orElse(null));
        continue;
      }
      Optional<Instant> started = instant(in.path("started_at")).or(p::started);
      Optional<Instant> finished = instant(in.path("finished_at")).or(p::finished);
      Map<String, int[]> counts = new LinkedHashMap<>(); // host -> probes, not open
      for (JsonNode pr : in.path("probes")) {
        ObjectNode o = (ObjectNode) pr.deepCopy();
        String host = p.host().orElse(pr.path("src").asText(""));
        o.put("host", host);
        if (finished.isPresent()) o.put("probed_at", finished.get().toString());
        else o.putNull("probed_at");
        probes.add(o);
        int[] c = counts.computeIfAbsent(host, k -> new int[2]);
        c[0]++;
        if (!pr.path("state").asText().equals("open")) c[1]++;
      }
      if (counts.isEmpty() && p.host().isPresent()) counts.put(p.host().get(), new int[2]);
      for (var e : counts.entrySet()) {
        ObjectNode h = f.objectNode();
        h.put("host", e.getKey());
        h.put("status", "probed");
        if (started.isPresent()) h.put("started_at", started.get().toString());
        else h.putNull("started_at");
        if (finished.isPresent()) h.put("finished_at", finished.get().toString());
        else h.putNull("finished_at");
        h.put("probes", e.getValue()[0]);
        h.put("not_open", e.getValue()[1]);
        h.put("result", p.file());
        hosts.putIfAbsent(e.getKey(), h);
      }
      first = min(first, started.orElse(null));
      last = max(last, finished.orElse(null));
    }
    for (HostOutcome.NotProbed n : notProbed) {
      ObjectNode o = f.objectNode();
      o.put("host", n.host());
      o.put("reason", n.reason());
      ArrayNode fl = o.putArray("flows");
      n.flows().forEach(fl::add);
      missing.putIfAbsent(n.host(), o);
    }
    if (first != null) root.put("started_at", first.toString());
    if (last != null) root.put("finished_at", last.toString());
    ArrayNode hs = root.putArray("hosts");
    hosts.values().forEach(hs::add);
    for (ObjectNode n : missing.values()) {
      if (hosts.containsKey(n.path("host").asText())) continue;
      ObjectNode h = hs.addObject();
      h.put("host", n.path("host").asText());
      h.put("status", "not probed");
      h.put("reason", n.path("reason").asText());
    }
    ArrayNode np = root.putArray("not_probed");
    for (ObjectNode n : missing.values()) if (!hosts.containsKey(n.path("host").asText())) np.add(n);
    root.set("probes", probes);
    return root;
  }

  public static String text(JsonNode root) {
    try {
      return JSON.writeValueAsString(root) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  static Optional<Instant> instant(JsonNode n) {
    if (n == null || !n.isTextual()) return Optional.empty();
    try {
      return Optional.of(Instant.parse(n.asText()));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  private static Instant min(Instant a, Instant b) {
    return a == null ? b : b == null || a.isBefore(b) ? a : b;
  }

  private static Instant max(Instant a, Instant b) {
    return a == null ? b : b == null || a.isAfter(b) ? a : b;
  }

  /** The probes of a merged result that did not come out open, as "host: flow dst service state". */
  static List<String> failing(JsonNode probeResult, String host) {
    List<String> out = new ArrayList<>();
    for (JsonNode p : probeResult.path("probes"))
      if (!p.path("state").asText().equals("open"))
        out.add(host + ": " + p.path("name").asText() + " " + p.path("dst").asText() + " " + p.path("proto").asText()
            + (p.path("port").isNumber() ? "/" + p.path("port").asInt() : "") + " " + p.path("state").asText());
    return out;
  }
}
