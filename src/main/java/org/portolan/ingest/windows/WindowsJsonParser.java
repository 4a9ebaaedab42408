package org.portolan.ingest.windows;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.portolan.diag.Diagnostics;
import org.portolan.diag.SourcePosition;
import org.portolan.ingest.acl.LocatedJson;

/**
 * Reads {@code Get-NetFirewallRule | Select-Object Name, DisplayName, Enabled, Profile,
 * Direction, Action, @{…Get-NetFirewallPortFilter…Protocol/LocalPort/RemotePort/IcmpType},
 * @{…Get-NetFirewallAddressFilter…LocalAddress/RemoteAddress} | ConvertTo-Json}: one object or
 * an array. Windows PowerShell writes enums as numbers (Direction 1 Inbound, 2 Outbound;
 * Action 2 Allow, 4 Block; Enabled 1 True, 2 False; Profile bits 1 Domain, 2 Private, 4
 * Public, 0 Any); {@code -EnumsAsStrings} or {@code .ToString()} writes the words.
 */
final class WindowsJsonParser {
  private WindowsJsonParser() {}

  static WindowsRules.Doc parse(LocatedJson json, Diagnostics d) {
    JsonNode root = json.root();
    List<JsonNode> items = new ArrayList<>();
    if (root.isArray()) root.forEach(items::add);
    else items.add(root);
    List<WindowsRules.Rule> out = new ArrayList<>();
    for (JsonNode r : items) {
      SourcePosition at = json.at(r);
      if (!r.isObject() || !r.has("Direction") || !r.has("Action")) { d.error(at, "expected a firewall rule object with \"Direction\" and \"Action\" (Get-NetFirewallRule … | ConvertTo-Json)"); continue; }
      String name = text(r.get("DisplayName")).isEmpty() ? text(r.get("Name")) : text(r.get("DisplayName"));
      String dir = word(r.get("Direction"), "1", "Inbound", "2", "Outbound"), act = word(r.get("Action"), "2", "Allow", "4", "Block", "0", "NotConfigured");
      if (!dir.equals("Inbound") && !dir.equals("Outbound")) { d.error(at, "rule " + name + ": Direction must be Inbound (1) or Outbound (2), found '" + text(r.get("Direction")) + "'"); continue; }
      if (!act.equals("Allow") && !act.equals("Block")) { d.error(at, "rule " + name + ": Action must be Allow (2) or Block (4), found '" + text(r.get("Action")) + "'"); continue; }
      String en = word(r.get("Enabled"), "1", "True", "2", "False", "true", "True", "false", "False");
      List<String> unmodelled = new ArrayList<>();
      for (String f : List.of("Program", "Service", "Package", "InterfaceAlias", "InterfaceType", "LocalUser", "RemoteUser", "RemoteMachine", "Owner")) {
        String v = String.join(",", list(r.get(f)));
        if (!v.isEmpty() && !v.equalsIgnoreCase("Any") && !v.equals("*") && !v.equals("0")) unmodelled.add(f + " " + v);
      }
      out.add(new WindowsRules.Rule(name, dir.equals("Inbound"), act.equals("Allow"), !r.has("Enabled") || en.equals("True"), profile(r.get("Profile")),
          r.has("Protocol") ? text(r.get("Protocol")) : "Any", list(r.get("LocalPort")), list(r.get("RemotePort")), list(r.get("LocalAddress")), list(r.get("RemoteAddress")),
          list(r.get("IcmpType")), unmodelled, at));
    }
    return new WindowsRules.Doc(out, List.of());
  }

  private static String text(JsonNode n) {
    return n == null || n.isNull() ? "" : n.isValueNode() ? n.asText() : n.toString();
  }

  /** A value as its word: numbers mapped by {@code pairs} (number, word, …), words normalised in case. */
  private static String word(JsonNode n, String... pairs) {
    String t = text(n);
    for (int i = 0; i < pairs.length; i += 2) if (t.equalsIgnoreCase(pairs[i]) || t.equalsIgnoreCase(pairs[i + 1])) return pairs[i + 1];
    return t;
  }

  private static String profile(JsonNode n) {
    String t = text(n);
    if (t.isEmpty()) return "Any";
    if (t.chars().allMatch(Character::isDigit) && t.length() < 4) {
      int v = Integer.parseInt(t);
      if (v == 0 || (v & 7) == 7) return "Any";
      List<String> p = new ArrayList<>();
      if ((v & 1) != 0) p.add("Domain");
      if ((v & 2) != 0) p.add("Private");
      if ((v & 4) != 0) p.add("Public");
      return String.join(", ", p);
    }
    String l = t.toLowerCase(Locale.ROOT);
    return l.equals("any") || l.contains("domain") && l.contains("private") && l.contains("public") ? "Any" : t;
  }

  /** A string, an array of strings, or null ({@code Any}). */
  private static List<String> list(JsonNode n) {
    List<String> out = new ArrayList<>();
    if (n == null || n.isNull()) return out;
    if (n.isArray()) { for (JsonNode x : n) if (x.isValueNode() && !x.isNull()) out.add(x.asText()); }
    else if (n.isValueNode()) out.add(n.asText());
    else out.add(n.toString());
    return out;
  }
}
