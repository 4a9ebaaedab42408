package org.portolan.compile.dialect;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.portolan.compile.Names;
import org.portolan.compile.Capabilities;
import org.portolan.compile.Dialect;
import org.portolan.compile.Output;
import org.portolan.compile.Rule;
import org.portolan.compile.RuleSet;
import org.portolan.compile.Side;
import org.portolan.model.Protocol;

/**
 * AWS security groups as Terraform JSON ({@code .tf.json}): one {@code aws_security_group}
 * per destination with inline {@code ingress} blocks (and {@code egress} blocks for outbound
 * rules; Terraform removes AWS's default allow-all egress rule of groups it creates).
 */
public final class AwsTerraform implements Dialect {
  @Override
  public String name() {
    return "aws-terraform";
  }

  @Override
  public Capabilities capabilities() {
    return Capabilities.builder().icmp().icmpTypes().otherProtocols(Capabilities.ANY_PROTOCOL).stateful().ipv6().build();
  }

  @Override
  public List<Output> render(RuleSet rs) {
    ObjectNode root = Json.object();
    root.put("//", String.join("\n", Texts.header(rs, name(), "security groups deny all traffic not permitted (Terraform removes the default egress rule of groups it creates); replies to permitted traffic pass (stateful).", AwsSecurityGroup.approximations(rs))));
    root.putObject("variable").putObject("vpc_id").put("type", "string").put("description", "VPC of the security groups");
    ObjectNode sgs = root.putObject("resource").putObject("aws_security_group");
    for (AwsSecurityGroup.Group g : AwsSecurityGroup.groups(rs)) {
      ObjectNode o = sgs.putObject(g.name().replaceAll("[^A-Za-z0-9_-]", "_"));
      o.put("name", g.name());
      o.put("description", AwsSecurityGroup.description("Portolan " + rs.name() + ": attach to " + String.join(" ", g.attachedTo().notations())));
      o.put("vpc_id", "${var.vpc_id}");
      ArrayNode in = o.putArray("ingress");
      for (Rule r : g.ingress()) in.add(block(r, r.source()));
      ArrayNode out = o.putArray("egress");
      for (Rule r : g.egress()) out.add(block(r, r.destination()));
      o.putObject("tags").put("portolan-rule-set", rs.name());
    }
    return List.of(Output.text(Names.slug(rs.name()) + ".aws.tf.json", Json.json(root)));
  }

  private static ObjectNode block(Rule r, Side peer) {
    ObjectNode b = Json.object();
    boolean v6 = r.ipv6();
    b.put("description", AwsSecurityGroup.description(Texts.refs(r, AwsSecurityGroup.DESCRIPTION_MAX)));
    switch (r.protocol()) {
      case Protocol.Tcp t -> { b.put("protocol", "tcp"); b.put("from_port", r.ports().ranges().getFirst().from()); b.put("to_port", r.ports().ranges().getFirst().to()); }
      case Protocol.Udp u -> { b.put("protocol", "udp"); b.put("from_port", r.ports().ranges().getFirst().from()); b.put("to_port", r.ports().ranges().getFirst().to()); }
      case Protocol.Icmp i -> { b.put("protocol", v6 ? "icmpv6" : "icmp"); b.put("from_port", i.type().orElse(-1)); b.put("to_port", i.code().orElse(-1)); }
      case Protocol.Ip ip -> { b.put("protocol", Integer.toString(ip.number())); b.put("from_port", 0); b.put("to_port", 0); }
    }
    b.set("cidr_blocks", Json.strings(v6 ? List.of() : peer.cidrs()));
    b.set("ipv6_cidr_blocks", Json.strings(v6 ? peer.cidrs() : List.of()));
    b.set("prefix_list_ids", Json.array());
    b.set("security_groups", Json.array());
    b.put("self", false);
    return b;
  }
}
