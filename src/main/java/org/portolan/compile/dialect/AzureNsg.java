package org.portolan.compile.dialect;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.portolan.compile.Names;
import org.portolan.compile.Capabilities;
import org.portolan.compile.Dialect;
import org.portolan.compile.Output;
import org.portolan.compile.Placement;
import org.portolan.compile.Rule;
import org.portolan.compile.RuleSet;
import org.portolan.model.Protocol;

/**
 * An Azure network security group as an ARM template (JSON): Allow rules from priority 100
 * up, closed by explicit Deny rules at priority 4096 (Azure's own default rules would
 * otherwise allow traffic inside the virtual network). Azure protocols are Tcp, Udp, Icmp
 * (all types), Esp and Ah.
 */
public final class AzureNsg implements Dialect {
  private static final Map<Integer, String> OTHER = Map.of(50, "Esp", 51, "Ah");

  @Override
  public String name() {
    return "azure-nsg";
  }

  @Override
  public Capabilities capabilities() {
    return Capabilities.builder().icmp().otherProtocols(OTHER.keySet()).portLists().stateful().ipv6().build();
  }

  @Override
  public List<Output> render(RuleSet rs) {
    List<String> approx = new ArrayList<>();
    if (rs.kind() == RuleSet.Kind.NETWORK) approx.add("an NSG filters at a subnet or NIC: associate it with the destinations' subnets; the rules of network firewall " + rs.firewall() + " are inbound rules there");
    ObjectNode root = Json.object();
    root.put("$schema", "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#");
    root.put("contentVersion", "1.0.0.0");
    if (rs.rules().size() > 1000) approx.add("Azure allows 1000 rules per NSG; this rule set has " + rs.rules().size() + " and will be rejected at deployment: split the site");
    ObjectNode metadata = root.putObject("metadata");
    metadata.set("comments", Json.strings(Texts.header(rs, name(), "explicit Deny rules at priority 4096 drop everything not allowed; replies to allowed traffic pass (stateful).", approx)));
    // Rule descriptions hold 140 characters; the full requirement list of every rule is kept here.
    ObjectNode requirements = metadata.putObject("requirements");
    root.putObject("parameters").putObject("location").put("type", "string").put("defaultValue", "[resourceGroup().location]");
    ArrayNode resources = root.putArray("resources");
    ObjectNode nsg = resources.addObject();
    nsg.put("type", "Microsoft.Network/networkSecurityGroups");
    nsg.put("apiVersion", "2023-09-01");
    nsg.put("name", "portolan-" + Names.slug(rs.name()));
    nsg.put("location", "[parameters('location')]");
    ArrayNode rules = nsg.putObject("properties").putArray("securityRules");
    int priority = 100;
    for (Rule r : rs.rules()) {
      boolean out = r.placement() instanceof Placement.Outbound;
      ObjectNode rule = rules.addObject();
      rule.put("name", "portolan-" + priority);
      requirements.set("portolan-" + priority, Json.strings(r.reasons().requirements().isEmpty() ? r.reasons().flows() : r.reasons().requirements()));
      ObjectNode p = rule.putObject("properties");
      p.put("description", Texts.refs(r, 140));
      p.put("protocol", switch (r.protocol()) {
        case Protocol.Tcp t -> "Tcp";
        case Protocol.Udp u -> "Udp";
        case Protocol.Icmp i -> "Icmp";
        case Protocol.Ip ip -> OTHER.get(ip.number());
      });
      p.put("sourcePortRange", "*");
      if (r.protocol().hasPorts()) many(p, "destinationPortRange", r.ports().ranges().stream().map(x -> Texts.range(x, "-")).toList());
      else p.put("destinationPortRange", "*");
      many(p, "sourceAddressPrefix", r.source().notations());
      many(p, "destinationAddressPrefix", r.destination().notations());
      p.put("access", "Allow");
      p.put("priority", priority++);
      p.put("direction", out ? "Outbound" : "Inbound");
    }
    deny(rules, "Inbound");
    if (rs.hasOutbound()) deny(rules, "Outbound");
    return List.of(Output.text(Names.slug(rs.name()) + ".azure.json", Json.json(root)));
  }

  /** Azure takes a single value in {@code xxx} and several in {@code xxxs}/{@code xxxes}. */
  private static void many(ObjectNode p, String field, List<String> values) {
    if (values.size() == 1) p.put(field, values.getFirst());
    else p.set(field.endsWith("Prefix") ? field + "es" : field + "s", Json.strings(values));
  }

  private static void deny(ArrayNode rules, String direction) {
    ObjectNode rule = rules.addObject();
    rule.put("name", "portolan-default-deny-" + direction.toLowerCase(java.util.Locale.ROOT));
    ObjectNode p = rule.putObject("properties");
    p.put("description", "default: drop everything not allowed above");
    p.put("protocol", "*");
    p.put("sourcePortRange", "*");
    p.put("destinationPortRange", "*");
    p.put("sourceAddressPrefix", "*");
    p.put("destinationAddressPrefix", "*");
    p.put("access", "Deny");
    p.put("priority", 4096);
    p.put("direction", direction);
  }
}
