package org.portolan.change;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.portolan.ingest.acl.LineSource;
import org.portolan.ingest.acl.Space;
import org.portolan.ingest.gcp.GcpImporter;

/**
 * GCP VPC firewall rules: one new allow rule per addition and protocol family, at a priority
 * that decides before the rule that blocks it (one less than its priority; 65534 before the
 * implied deny), as {@code gcloud compute firewall-rules create} commands and as rule objects
 * in the {@code gcloud … list --format=json} form (built as data). Any priority below the
 * blocking rule's is right: the packets an addition accepts reached that rule unmatched by
 * every rule before it. Rules of an instance chain ({@code input:tag:T}, {@code input:sa:E})
 * carry that target.
 */
final class GcpDelta implements Delta {
  static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  @Override
  public String fileName(ChangeResult r) {
    return "change.gcp.sh";
  }

  /** The priority a rule placed before {@code before} (empty: before the implied rule) takes, if one is free. */
  static OptionalInt priority(Optional<LineSource> before) {
    if (before.isEmpty()) return OptionalInt.of(65534);
    OptionalInt p = GcpImporter.priorityOf(before.get());
    return p.isPresent() && p.getAsInt() > 0 ? OptionalInt.of(p.getAsInt() - 1) : OptionalInt.empty();
  }

  @Override
  public Optional<String> cannotWrite(org.portolan.ingest.acl.Acl acl, String rulesetText, String chain, LineSource blockedBy, Space accept) {
    if (GcpImporter.priorityOf(blockedBy).orElse(1) == 0) return Optional.of("the rule that blocks it has priority 0: no allow rule can come before it");
    for (Fields f : Fields.of(accept)) {
      if (!f.icmp().isEmpty()) return Optional.of("GCP firewall rules match ICMP as a whole protocol, not single types");
      if (chain.startsWith("output") && !f.src().isEmpty()) return Optional.of("a GCP egress rule cannot name source addresses (it applies to its target instances)");
    }
    return Optional.empty();
  }

  /** The network the existing rules are in (the last part of their "network" URL), if they say. */
  static Optional<String> network(String rulesetText) {
    try {
      JsonNode root = new ObjectMapper().readTree(rulesetText);
      if (root != null && root.isArray())
        for (JsonNode r : root) if (r.hasNonNull("network")) { String n = r.get("network").asText(); return Optional.of(n.substring(n.lastIndexOf('/') + 1)); }
    } catch (java.io.IOException e) {
      return Optional.empty();
    }
    return Optional.empty();
  }

  /** Each addition's rules, in the list form. */
  Map<Addition, List<ObjectNode>> rules(ChangeResult r) {
    Optional<String> network = network(r.rulesetText());
    Map<Addition, List<ObjectNode>> out = new LinkedHashMap<>();
    int n = 0;
    for (Addition a : r.additions()) {
      boolean in = !a.chain().startsWith("output");
      String target = a.chain().contains(":") ? a.chain().substring(a.chain().indexOf(':') + 1) : "";
      int prio = priority(a.before()).orElseThrow(() -> new IllegalStateException("no free priority: refused before"));
      // one rule per family and address pair, with every protocol and port of it
      Map<List<Object>, ObjectNode> byPair = new LinkedHashMap<>();
      for (Fields f : Fields.of(a.accept())) {
        List<String> src = Fields.withLength(f.src(), f.family()), dst = Fields.withLength(f.dst(), f.family());
        ObjectNode rule = byPair.computeIfAbsent(List.of(f.family(), src, dst), k -> {
          ObjectNode o = JSON.createObjectNode();
          o.put("name", name(a.flow(), byPair.size() + 1 + out.values().stream().mapToInt(List::size).sum()));
          o.put("description", Delta.clean("portolan change: " + a.why(), 2048));
          network.ifPresent(x -> o.put("network", x));
          o.put("direction", in ? "INGRESS" : "EGRESS");
          o.put("priority", prio);
          o.putArray("allowed");
          if (in) o.set("sourceRanges", strings(src.isEmpty() ? List.of(f.family() == 4 ? "0.0.0.0/0" : "::/0") : src));
          if (!dst.isEmpty() || !in) o.set("destinationRanges", strings(dst.isEmpty() ? List.of(f.family() == 4 ? "0.0.0.0/0" : "::/0") : dst));
          if (target.startsWith("tag:")) o.set("targetTags", strings(List.of(target.substring(4))));
          if (target.startsWith("sa:")) o.set("targetServiceAccounts", strings(List.of(target.substring(3))));
          return o;
        });
        ObjectNode proto = ((ArrayNode) rule.get("allowed")).addObject();
        proto.put("IPProtocol", f.proto() == Fields.ANY ? "all" : switch (f.proto()) { case 6 -> "tcp"; case 17 -> "udp"; case 132 -> "sctp"; case 1 -> "icmp"; default -> Integer.toString(f.proto()); });
        if (!f.dports().isEmpty()) {
          ArrayNode ports = proto.putArray("ports");
          for (long[] iv : f.dports()) ports.add(Fields.range(iv, "-"));
        }
      }
      n += byPair.size();
      out.put(a, new ArrayList<>(byPair.values()));
    }
    return out;
  }

  private static String name(String flow, int n) {
    String s = flow.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]+", "-").replaceAll("^-+|-+$", "");
    if (s.isEmpty() || !Character.isLetter(s.charAt(0))) s = "f-" + s;
    if (s.length() > 40) s = s.substring(0, 40);
    return String.format("portolan-change-%s-%03d", s, n).replaceAll("-+", "-");
  }

  private static ArrayNode strings(List<String> xs) {
    ArrayNode a = JSON.createArrayNode();
    xs.forEach(a::add);
    return a;
  }

  /** The rule objects of every addition, as the JSON array {@code gcloud compute firewall-rules list --format=json} writes. */
  String json(ChangeResult r) {
    ArrayNode all = JSON.createArrayNode();
    rules(r).values().forEach(all::addAll);
    try {
      return JSON.writeValueAsString(all) + "\n";
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  static String gcloud(ObjectNode o) {
    StringBuilder b = new StringBuilder("gcloud compute firewall-rules create ").append(o.get("name").asText());
    if (o.has("network")) b.append(" --network=").append(o.get("network").asText());
    b.append(" --direction=").append(o.get("direction").asText()).append(" --priority=").append(o.get("priority").asInt()).append(" --action=ALLOW --rules=");
    List<String> rules = new ArrayList<>();
    for (JsonNode p : o.get("allowed")) {
      String proto = p.get("IPProtocol").asText();
      if (!p.has("ports")) rules.add(proto);
      else for (JsonNode x : p.get("ports")) rules.add(proto + ":" + x.asText());
    }
    b.append(String.join(",", rules));
    for (String[] f : new String[][] {{"sourceRanges", "--source-ranges"}, {"destinationRanges", "--destination-ranges"}, {"targetTags", "--target-tags"}, {"targetServiceAccounts", "--target-service-accounts"}})
      if (o.has(f[0])) {
        List<String> xs = new ArrayList<>();
        o.get(f[0]).forEach(x -> xs.add(x.asText()));
        b.append(' ').append(f[1]).append('=').append(String.join(",", xs));
      }
    b.append(" --description='").append(o.get("description").asText().replace("'", "")).append('\'');
    return b.toString();
  }

  @Override
  public String script(ChangeResult r) {
    if (r.additions().isEmpty()) return "";
    StringBuilder b = new StringBuilder("#!/bin/sh\n# Portolan change for ").append(r.acl().file()).append(": new allow rules only; nothing existing is changed.\n");
    if (network(r.rulesetText()).isEmpty()) b.append("# the rules do not name their network: gcloud creates these in the project's 'default' network unless --network is added\n");
    b.append("set -e\n");
    for (var e : rules(r).entrySet()) {
      b.append("# ").append(Delta.clean(e.getKey().why(), 300)).append('\n');
      for (ObjectNode o : e.getValue()) b.append(gcloud(o)).append('\n');
    }
    return b.toString();
  }

  @Override
  public Map<Addition, List<String>> commands(ChangeResult r) {
    Map<Addition, List<String>> out = new LinkedHashMap<>();
    for (var e : rules(r).entrySet()) out.put(e.getKey(), e.getValue().stream().map(GcpDelta::gcloud).toList());
    return out;
  }

  @Override
  public String position(ChangeResult r, Addition a) {
    OptionalInt p = priority(a.before());
    return (a.chain().startsWith("output") ? "egress" : "ingress") + " priority " + p.orElse(-1) + " (before " + a.before().map(l -> "line " + l.line() + ", priority " + (p.orElse(-1) + 1)).orElse("the implied rule, priority 65535") + ")";
  }

  @Override
  public List<String> tighten(ChangeResult r, Tightening t) {
    return List.of();
  }
}
