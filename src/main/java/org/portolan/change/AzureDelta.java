package org.portolan.change;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.portolan.ingest.acl.AclLine;
import org.portolan.ingest.acl.Chain;
import org.portolan.ingest.acl.LineSource;
import org.portolan.ingest.acl.Space;
import org.portolan.ingest.azure.NsgImporter;

/**
 * Azure NSG: one new Allow rule per addition and protocol, each at a free priority below the
 * rule that blocks it (the highest free one, so it decides as late as it can), as
 * {@code az network nsg rule create} commands and as security rule objects in the
 * {@code az network nsg show} form (built as data). Any free priority below the blocking
 * rule's is right: the packets an addition accepts reached that rule unmatched by every rule
 * before it. Priorities are unique per direction, 100-4096.
 */
final class AzureDelta implements Delta {
  static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  @Override
  public String fileName(ChangeResult r) {
    return "change.azure.sh";
  }

  @Override
  public Optional<String> cannotWrite(org.portolan.ingest.acl.Acl acl, String rulesetText, String chain, LineSource blockedBy, Space accept) {
    if (NsgImporter.priorityOf(blockedBy).orElse(65500) <= 100) return Optional.of("the rule that blocks it has priority 100, the first an NSG rule may take: no rule can come before it");
    for (Fields f : Fields.of(accept)) {
      if (!f.icmp().isEmpty()) return Optional.of("an NSG rule matches ICMP as a whole protocol, not single types");
      if (protocol(f.proto()).isEmpty()) return Optional.of("an NSG rule matches Tcp, Udp, Icmp, Esp, Ah or every protocol, not protocol " + f.proto());
    }
    return Optional.empty();
  }

  static Optional<String> protocol(int p) {
    return switch (p) {
      case Fields.ANY -> Optional.of("*");
      case 6 -> Optional.of("Tcp");
      case 17 -> Optional.of("Udp");
      case 1, 58 -> Optional.of("Icmp");
      case 50 -> Optional.of("Esp");
      case 51 -> Optional.of("Ah");
      default -> Optional.empty();
    };
  }

  /** The NSG and direction of a chain ("input:NSG" is its Inbound rules). */
  record Target(String nsg, boolean inbound) {}

  static Target target(String chain) {
    return new Target(chain.substring(chain.indexOf(':') + 1), chain.startsWith("input"));
  }

  /** Each addition's rules, numbered by free priorities per NSG and direction. */
  Map<Addition, List<ObjectNode>> rules(ChangeResult r) {
    Map<String, Set<Integer>> used = new HashMap<>();
    Map<Addition, List<ObjectNode>> out = new LinkedHashMap<>();
    int n = 0;
    for (Addition a : r.additions()) {
      Target t = target(a.chain());
      Set<Integer> taken = used.computeIfAbsent(a.chain(), k -> priorities(r.acl().chains().get(k)));
      int below = Math.min(4097, a.before().map(NsgImporter::priorityOf).orElse(OptionalInt.of(65500)).orElse(4097));
      List<ObjectNode> rules = new ArrayList<>();
      for (Fields f : Fields.of(a.accept())) {
        int prio = below - 1;
        while (prio >= 100 && taken.contains(prio)) prio--;
        if (prio < 100) throw new IllegalStateException("no free priority below " + below + ": refused before");
        taken.add(prio);
        ObjectNode o = JSON.createObjectNode();
        o.put("name", name(a.flow(), ++n));
        ObjectNode p = o.putObject("properties");
        p.put("description", Delta.clean("portolan change: " + a.why(), 140));
        p.put("priority", prio);
        p.put("direction", t.inbound() ? "Inbound" : "Outbound");
        p.put("access", "Allow");
        p.put("protocol", protocol(f.proto()).orElseThrow());
        p.put("sourcePortRange", "*");
        list(p, "sourceAddressPrefix", Fields.withLength(f.src(), f.family()), "*");
        list(p, "destinationAddressPrefix", Fields.withLength(f.dst(), f.family()), "*");
        List<String> ports = f.dports().stream().map(iv -> Fields.range(iv, "-")).toList();
        list(p, "destinationPortRange", ports, "*");
        rules.add(o);
      }
      out.put(a, rules);
    }
    return out;
  }

  /** A single value as {@code x}, several as {@code xs}, as Azure writes them. */
  private static void list(ObjectNode p, String one, List<String> values, String any) {
    if (values.size() <= 1) p.put(one, values.isEmpty() ? any : values.getFirst());
    else values.forEach(p.putArray(one + "es".substring(one.endsWith("Prefix") ? 0 : 1))::add);
  }

  private static Set<Integer> priorities(Chain c) {
    Set<Integer> out = new HashSet<>();
    if (c != null) for (AclLine l : c.lines()) NsgImporter.priorityOf(l.source()).ifPresent(out::add);
    return out;
  }

  private static String name(String flow, int n) {
    String s = flow.replaceAll("[^A-Za-z0-9_.-]+", "-").replaceAll("^[-.]+|[-.]+$", "");
    if (s.length() > 40) s = s.substring(0, 40);
    return String.format("portolan-change-%s-%03d", s.isEmpty() ? "flow" : s, n);
  }

  /** The resource group of an NSG, from its "resourceGroup" or its id. */
  static Optional<String> resourceGroup(String rulesetText, String nsg) {
    try {
      JsonNode root = new ObjectMapper().readTree(rulesetText);
      List<JsonNode> all = new ArrayList<>();
      if (root.isArray()) root.forEach(all::add);
      else all.add(root);
      for (JsonNode g : all) {
        if (!nsg.equals(g.path("name").asText())) continue;
        if (g.hasNonNull("resourceGroup")) return Optional.of(g.get("resourceGroup").asText());
        String id = g.path("id").asText("");
        int i = id.toLowerCase(Locale.ROOT).indexOf("/resourcegroups/");
        if (i >= 0) return Optional.of(id.substring(i + 16).split("/")[0]);
      }
    } catch (java.io.IOException | RuntimeException e) {
      return Optional.empty();
    }
    return Optional.empty();
  }

  static String az(ObjectNode o, String nsg, Optional<String> rg) {
    JsonNode p = o.get("properties");
    StringBuilder b = new StringBuilder("az network nsg rule create --resource-group ").append(rg.orElse("\"$RG\"")).append(" --nsg-name ").append(nsg)
        .append(" --name ").append(o.get("name").asText()).append(" --priority ").append(p.get("priority").asInt()).append(" --direction ").append(p.get("direction").asText())
        .append(" --access Allow --protocol '").append(p.get("protocol").asText()).append("' --source-port-ranges '*'");
    for (String[] f : new String[][] {{"sourceAddressPrefix", "--source-address-prefixes"}, {"destinationAddressPrefix", "--destination-address-prefixes"},
        {"destinationPortRange", "--destination-port-ranges"}}) {
      List<String> xs = new ArrayList<>();
      if (p.has(f[0])) xs.add(p.get(f[0]).asText());
      JsonNode many = p.get(f[0].endsWith("Prefix") ? f[0] + "es" : f[0] + "s");
      if (many != null) many.forEach(x -> xs.add(x.asText()));
      b.append(' ').append(f[1]);
      for (String x : xs) b.append(" '").append(x).append('\'');
    }
    b.append(" --description '").append(p.get("description").asText().replace("'", "")).append('\'');
    return b.toString();
  }

  /** The security rules of every addition, per NSG, to add to its "securityRules" (the form az network nsg show writes). */
  String json(ChangeResult r) {
    ObjectNode doc = JSON.createObjectNode();
    for (var e : rules(r).entrySet()) {
      ArrayNode list = doc.has(target(e.getKey().chain()).nsg()) ? (ArrayNode) doc.get(target(e.getKey().chain()).nsg()) : doc.putArray(target(e.getKey().chain()).nsg());
      list.addAll(e.getValue());
    }
    try {
      return JSON.writeValueAsString(doc) + "\n";
    } catch (com.fasterxml.jackson.core.JsonProcessingException x) {
      throw new IllegalStateException(x);
    }
  }

  @Override
  public String script(ChangeResult r) {
    if (r.additions().isEmpty()) return "";
    StringBuilder b = new StringBuilder("#!/bin/sh\n# Portolan change for ").append(r.acl().file()).append(": new Allow rules only; nothing existing is changed.\n");
    Map<Addition, List<ObjectNode>> rules = rules(r);
    boolean unknownRg = rules.keySet().stream().anyMatch(a -> resourceGroup(r.rulesetText(), target(a.chain()).nsg()).isEmpty());
    if (unknownRg) b.append("# the file does not say the NSG's resource group: set RG before running\n: \"${RG:?set RG to the resource group of the NSG}\"\n");
    b.append("set -e\n");
    for (var e : rules.entrySet()) {
      String nsg = target(e.getKey().chain()).nsg();
      b.append("# ").append(Delta.clean(e.getKey().why(), 300)).append('\n');
      for (ObjectNode o : e.getValue()) b.append(az(o, nsg, resourceGroup(r.rulesetText(), nsg))).append('\n');
    }
    return b.toString();
  }

  @Override
  public Map<Addition, List<String>> commands(ChangeResult r) {
    Map<Addition, List<String>> out = new LinkedHashMap<>();
    for (var e : rules(r).entrySet()) {
      String nsg = target(e.getKey().chain()).nsg();
      out.put(e.getKey(), e.getValue().stream().map(o -> az(o, nsg, resourceGroup(r.rulesetText(), nsg))).toList());
    }
    return out;
  }

  @Override
  public String position(ChangeResult r, Addition a) {
    Target t = target(a.chain());
    return t.nsg() + " " + (t.inbound() ? "Inbound" : "Outbound") + ", a free priority below " + a.before().map(l -> "line " + l.line()).orElse("the default rules");
  }

  @Override
  public List<String> tighten(ChangeResult r, Tightening t) {
    return List.of();
  }
}
