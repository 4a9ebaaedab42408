package org.portolan.ingest.gcp;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.portolan.diag.Diagnostics;
import org.portolan.diag.SourcePosition;
import org.portolan.ingest.acl.LocatedJson;

/**
 * Reads firewall rules from {@code gcloud compute firewall-rules list --format=json} (an array
 * of {@code compute#firewall} objects: {@code allowed}/{@code denied} with {@code IPProtocol}
 * and {@code ports}, {@code sourceRanges}, {@code targetTags} …) or from Terraform JSON
 * ({@code resource.google_compute_firewall.*} with {@code allow}/{@code deny},
 * {@code source_ranges} …, as compile writes it).
 */
final class GcpParser {
  private GcpParser() {}

  static List<GcpFirewall.Rule> parse(LocatedJson json, Diagnostics d) {
    JsonNode root = json.root();
    List<GcpFirewall.Rule> out = new ArrayList<>();
    if (root.isArray()) {
      for (JsonNode r : root) rule(json, r, false, d).ifPresent(out::add);
    } else if (root.isObject() && root.path("resource").path("google_compute_firewall").isObject()) {
      for (Map.Entry<String, JsonNode> e : root.get("resource").get("google_compute_firewall").properties()) rule(json, e.getValue(), true, d).ifPresent(out::add);
    } else {
      d.error(json.at(root), "expected the JSON array of 'gcloud compute firewall-rules list --format=json' or Terraform JSON with resource.google_compute_firewall");
    }
    return out;
  }

  private static java.util.Optional<GcpFirewall.Rule> rule(LocatedJson json, JsonNode r, boolean tf, Diagnostics d) {
    SourcePosition at = json.at(r);
    if (!r.isObject()) { d.error(at, "expected a firewall rule object"); return java.util.Optional.empty(); }
    String name = r.path("name").asText("");
    String dir = r.path("direction").asText("INGRESS").toUpperCase(Locale.ROOT);
    if (!dir.equals("INGRESS") && !dir.equals("EGRESS")) { d.error(at, "firewall rule " + name + ": \"direction\" must be INGRESS or EGRESS, found '" + dir + "'"); return java.util.Optional.empty(); }
    JsonNode prio = r.get("priority");
    int priority = 1000;
    if (prio != null && !prio.isNull()) {
      if (!prio.canConvertToInt() || prio.asInt() < 0 || prio.asInt() > 65535) { d.error(at, "firewall rule " + name + ": \"priority\" must be 0-65535"); return java.util.Optional.empty(); }
      priority = prio.asInt();
    }
    JsonNode allowed = r.get(tf ? "allow" : "allowed"), denied = r.get(tf ? "deny" : "denied");
    boolean hasAllow = allowed != null && allowed.isArray() && !allowed.isEmpty(), hasDeny = denied != null && denied.isArray() && !denied.isEmpty();
    if (hasAllow == hasDeny) { d.error(at, "firewall rule " + name + ": exactly one of \"" + (tf ? "allow" : "allowed") + "\" and \"" + (tf ? "deny" : "denied") + "\" must list protocols"); return java.util.Optional.empty(); }
    List<GcpFirewall.Proto> protos = new ArrayList<>();
    for (JsonNode p : hasAllow ? allowed : denied) {
      String proto = p.path(tf ? "protocol" : "IPProtocol").asText("");
      if (proto.isEmpty()) { d.error(json.at(p), "firewall rule " + name + ": a protocol entry needs \"" + (tf ? "protocol" : "IPProtocol") + "\""); return java.util.Optional.empty(); }
      protos.add(new GcpFirewall.Proto(proto.toLowerCase(Locale.ROOT), strings(p.get("ports"))));
    }
    List<String> targets = new ArrayList<>();
    for (String t : strings(r.get(tf ? "target_tags" : "targetTags"))) targets.add("tag:" + t);
    for (String t : strings(r.get(tf ? "target_service_accounts" : "targetServiceAccounts"))) targets.add("sa:" + t);
    List<String> srcTags = new ArrayList<>(strings(r.get(tf ? "source_tags" : "sourceTags")));
    for (String t : strings(r.get(tf ? "source_service_accounts" : "sourceServiceAccounts"))) srcTags.add("service account " + t);
    return java.util.Optional.of(new GcpFirewall.Rule(name, dir, priority, hasAllow, protos, strings(r.get(tf ? "source_ranges" : "sourceRanges")),
        strings(r.get(tf ? "destination_ranges" : "destinationRanges")), srcTags, targets, r.path("disabled").asBoolean(false), at));
  }

  private static List<String> strings(JsonNode a) {
    List<String> out = new ArrayList<>();
    if (a != null && a.isArray()) for (JsonNode x : a) if (x.isValueNode() && !x.isNull()) out.add(x.asText());
    return out;
  }
}
