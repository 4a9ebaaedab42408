package org.portolan.compile.dialect;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.portolan.compile.Names;
import org.portolan.compile.Capabilities;
import org.portolan.compile.Dialect;
import org.portolan.compile.Output;
import org.portolan.compile.Placement;
import org.portolan.compile.Rule;
import org.portolan.compile.RuleSet;
import org.portolan.model.Protocol;

/**
 * GCP VPC firewall rules as Terraform JSON: one {@code google_compute_firewall} per rule
 * (INGRESS with source and destination ranges, EGRESS for outbound rules), priority 1000,
 * closed by explicit deny rules at 65534 for IPv4 and IPv6. VPC firewall rules cannot match a
 * single ICMP type.
 */
public final class GcpTerraform implements Dialect {
  @Override
  public String name() {
    return "gcp";
  }

  @Override
  public Capabilities capabilities() {
    return Capabilities.builder().icmp().otherProtocols(Capabilities.ANY_PROTOCOL).portLists().stateful().ipv6().build();
  }

  @Override
  public List<Output> render(RuleSet rs) {
    List<String> approx = new ArrayList<>();
    if (rs.kind() == RuleSet.Kind.NETWORK) approx.add("VPC firewall rules apply to every instance of the network: the rules of network firewall " + rs.firewall() + " are written as ingress rules to the destinations");
    ObjectNode root = Json.object();
    root.put("//", String.join("\n", Texts.header(rs, name(), "deny rules at priority 65534 drop all ingress" + (rs.hasOutbound() ? " and egress" : "") + " not allowed; replies to allowed connections pass (stateful).", approx)));
    root.putObject("variable").putObject("network").put("type", "string").put("description", "VPC network the rules apply to");
    ObjectNode fws = root.putObject("resource").putObject("google_compute_firewall");
    String base = "portolan-" + Names.slug(rs.name()).toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9-]", "-");
    if (base.length() > 50) base = base.substring(0, 50);
    int n = 0;
    for (Rule r : rs.rules()) {
      n++;
      boolean out = r.placement() instanceof Placement.Outbound;
      String name = String.format("%s-%03d", base, n);
      ObjectNode f = fws.putObject(name.replace('-', '_'));
      f.put("name", name);
      f.put("network", "${var.network}");
      f.put("description", Texts.refs(r, 2048));
      f.put("direction", out ? "EGRESS" : "INGRESS");
      f.put("priority", 1000);
      f.set("source_ranges", Json.strings(r.source().cidrs()));
      f.set("destination_ranges", Json.strings(r.destination().cidrs()));
      ObjectNode allow = f.putArray("allow").addObject();
      switch (r.protocol()) {
        case Protocol.Tcp t -> { allow.put("protocol", "tcp"); allow.set("ports", Json.strings(r.ports().ranges().stream().map(p -> Texts.range(p, "-")).toList())); }
        case Protocol.Udp u -> { allow.put("protocol", "udp"); allow.set("ports", Json.strings(r.ports().ranges().stream().map(p -> Texts.range(p, "-")).toList())); }
        case Protocol.Icmp i -> allow.put("protocol", r.ipv6() ? "58" : "icmp");
        case Protocol.Ip ip -> allow.put("protocol", Integer.toString(ip.number()));
      }
    }
    deny(fws, base, "INGRESS", "source_ranges", "0.0.0.0/0", "v4");
    deny(fws, base, "INGRESS", "source_ranges", "::/0", "v6");
    if (rs.hasOutbound()) {
      deny(fws, base, "EGRESS", "destination_ranges", "0.0.0.0/0", "v4");
      deny(fws, base, "EGRESS", "destination_ranges", "::/0", "v6");
    }
    return List.of(Output.text(Names.slug(rs.name()) + ".gcp.tf.json", Json.json(root)));
  }

  private static void deny(ObjectNode fws, String base, String direction, String rangeField, String range, String family) {
    String name = base + "-deny-" + direction.toLowerCase(java.util.Locale.ROOT) + "-" + family;
    ObjectNode f = fws.putObject(name.replace('-', '_'));
    f.put("name", name);
    f.put("network", "${var.network}");
    f.put("description", "default: drop everything not allowed");
    f.put("direction", direction);
    f.put("priority", 65534);
    f.set(rangeField, Json.strings(List.of(range)));
    f.putArray("deny").addObject().put("protocol", "all");
  }
}
