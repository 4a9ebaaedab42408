package org.portolan.ingest.azure;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.portolan.diag.Diagnostics;
import org.portolan.diag.SourcePosition;
import org.portolan.ingest.acl.LocatedJson;

/**
 * Reads NSGs from {@code az network nsg show} (one object), {@code az network nsg list} (an
 * array) or an ARM template (resources of type {@code Microsoft.Network/networkSecurityGroups},
 * rule fields under {@code properties}).
 */
final class NsgParser {
  private NsgParser() {}

  static List<Nsg.Group> parse(LocatedJson json, Diagnostics d) {
    JsonNode root = json.root();
    List<JsonNode> nsgs = new ArrayList<>();
    if (root.isArray()) root.forEach(nsgs::add);
    else if (root.isObject() && root.has("resources") && root.get("resources").isArray()) {
      for (JsonNode r : root.get("resources"))
        if (r.path("type").asText("").equalsIgnoreCase("Microsoft.Network/networkSecurityGroups")) nsgs.add(r);
    } else if (root.isObject()) nsgs.add(root);
    List<Nsg.Group> out = new ArrayList<>();
    for (JsonNode n : nsgs) {
      JsonNode body = n.has("properties") && n.get("properties").isObject() ? n.get("properties") : n;
      JsonNode rules = body.get("securityRules");
      if (!n.isObject() || rules == null || !rules.isArray()) {
        d.error(json.at(n), "expected a network security group with \"securityRules\" (the output of 'az network nsg show' or an ARM template)");
        continue;
      }
      List<Nsg.Rule> rs = rules(json, rules, d), defaults = body.has("defaultSecurityRules") ? rules(json, body.get("defaultSecurityRules"), d) : List.of();
      out.add(new Nsg.Group(n.path("name").asText("nsg"), json.at(n), rs, defaults));
    }
    if (nsgs.isEmpty()) d.error(json.at(root), "expected a network security group with \"securityRules\" (the output of 'az network nsg show' or an ARM template)");
    return out;
  }

  private static List<Nsg.Rule> rules(LocatedJson json, JsonNode rules, Diagnostics d) {
    List<Nsg.Rule> out = new ArrayList<>();
    if (!rules.isArray()) { d.error(json.at(rules), "expected an array of security rules"); return out; }
    for (JsonNode r : rules) {
      SourcePosition at = json.at(r);
      if (!r.isObject()) { d.error(at, "expected a security rule object"); continue; }
      JsonNode p = r.has("properties") && r.get("properties").isObject() ? r.get("properties") : r;
      String name = r.path("name").asText("");
      JsonNode prio = p.get("priority");
      if (prio == null || !prio.canConvertToInt() || prio.asInt() < 100 || prio.asInt() > 65500) {
        d.error(at, "security rule " + name + ": \"priority\" must be a number 100-4096 (65000-65500 for Azure's default rules)");
        continue;
      }
      String dir = p.path("direction").asText(""), access = p.path("access").asText(""), proto = p.path("protocol").asText("");
      if (!dir.equalsIgnoreCase("Inbound") && !dir.equalsIgnoreCase("Outbound")) { d.error(at, "security rule " + name + ": \"direction\" must be Inbound or Outbound, found '" + dir + "'"); continue; }
      if (!access.equalsIgnoreCase("Allow") && !access.equalsIgnoreCase("Deny")) { d.error(at, "security rule " + name + ": \"access\" must be Allow or Deny, found '" + access + "'"); continue; }
      if (proto.isEmpty()) { d.error(at, "security rule " + name + ": \"protocol\" is missing (Tcp, Udp, Icmp, Esp, Ah or *)"); continue; }
      boolean asg = p.has("sourceApplicationSecurityGroups") && !p.get("sourceApplicationSecurityGroups").isEmpty()
          || p.has("destinationApplicationSecurityGroups") && !p.get("destinationApplicationSecurityGroups").isEmpty();
      out.add(new Nsg.Rule(name, prio.asInt(), cap(dir), cap(access), proto, many(p, "sourcePortRange", "sourcePortRanges"), many(p, "destinationPortRange", "destinationPortRanges"),
          many(p, "sourceAddressPrefix", "sourceAddressPrefixes"), many(p, "destinationAddressPrefix", "destinationAddressPrefixes"), asg, at));
    }
    return out;
  }

  private static String cap(String s) {
    String l = s.toLowerCase(Locale.ROOT);
    return Character.toUpperCase(l.charAt(0)) + l.substring(1);
  }

  /** Azure writes one value in {@code x} or several in {@code xs}; az prints both (one empty). */
  private static List<String> many(JsonNode p, String one, String several) {
    List<String> out = new ArrayList<>();
    JsonNode a = p.get(one);
    if (a != null && a.isValueNode() && !a.isNull() && !a.asText().isEmpty()) out.add(a.asText());
    JsonNode b = p.get(several);
    if (b != null && b.isArray()) for (JsonNode x : b) if (x.isValueNode() && !x.asText().isEmpty()) out.add(x.asText());
    return out;
  }
}
