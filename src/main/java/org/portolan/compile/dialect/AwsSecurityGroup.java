package org.portolan.compile.dialect;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.portolan.compile.Names;
import org.portolan.compile.Capabilities;
import org.portolan.compile.Dialect;
import org.portolan.compile.Output;
import org.portolan.compile.Placement;
import org.portolan.compile.Rule;
import org.portolan.compile.RuleSet;
import org.portolan.compile.Side;
import org.portolan.model.Protocol;

/**
 * AWS security groups as the EC2 API takes them: one group per destination (attach it to the
 * destination's instances) with the {@code CreateSecurityGroup} and
 * {@code AuthorizeSecurityGroupIngress} inputs; outbound rules go to a group per source with
 * an {@code AuthorizeSecurityGroupEgress} input. A permission has one port range, so port lists become
 * several permissions. Each address range carries the requirements in its Description.
 */
public final class AwsSecurityGroup implements Dialect {
  @Override
  public String name() {
    return "aws-sg";
  }

  @Override
  public Capabilities capabilities() {
    return Capabilities.builder().icmp().icmpTypes().otherProtocols(Capabilities.ANY_PROTOCOL).stateful().ipv6().build();
  }

  /** Groups keyed by the side they are attached to. */
  record Group(String name, Side attachedTo, List<Rule> ingress, List<Rule> egress) {}

  static List<Group> groups(RuleSet rs) {
    Map<List<?>, Group> out = new LinkedHashMap<>();
    for (Rule r : rs.rules()) {
      boolean egress = r.placement() instanceof Placement.Outbound;
      Side at = egress ? r.source() : r.destination();
      Group g = out.computeIfAbsent(at.space(), k -> new Group(groupName(rs, at, out.size() + 1), at, new ArrayList<>(), new ArrayList<>()));
      (egress ? g.egress() : g.ingress()).add(r);
    }
    return List.copyOf(out.values());
  }

  private static String groupName(RuleSet rs, Side at, int n) {
    String s = Names.slug("portolan-" + rs.name() + "-" + String.join("_", at.names()));
    return (s.length() > 200 ? s.substring(0, 200) : s) + "-" + n;
  }

  static List<String> approximations(RuleSet rs) {
    List<String> a = new ArrayList<>();
    a.add("security groups filter at the instance: attach each group to the instances at the addresses it is named for (its 'AttachTo')");
    if (rs.kind() == RuleSet.Kind.NETWORK) a.add("the rules of network firewall " + rs.firewall() + " are placed on the destinations' groups");
    return a;
  }

  static String defaultText(RuleSet rs) {
    return "security groups deny all inbound traffic not permitted" + (rs.hasOutbound() ? "; remove a new group's default allow-all egress rule so that outbound is limited to the egress permissions" : "") + "; replies to permitted traffic pass (stateful).";
  }

  /**
   * {@code Portolan} (the header lines) and {@code SecurityGroups}: per group the addresses to
   * attach it to ({@code AttachTo}, Portolan's, not the API's) and the exact inputs of the API
   * calls — {@code CreateSecurityGroup}, {@code AuthorizeSecurityGroupIngress},
   * {@code AuthorizeSecurityGroupEgress} — each one a valid {@code --cli-input-json} once the
   * group id ({@code --group-id}) is given; no key the API does not know.
   */
  @Override
  public List<Output> render(RuleSet rs) {
    ObjectNode root = Json.object();
    root.set("Portolan", Json.strings(Texts.header(rs, name(), defaultText(rs), approximations(rs))));
    ArrayNode groups = root.putArray("SecurityGroups");
    for (Group g : groups(rs)) {
      ObjectNode o = groups.addObject();
      o.set("AttachTo", Json.strings(g.attachedTo().notations()));
      ObjectNode create = o.putObject("CreateSecurityGroup");
      create.put("GroupName", g.name());
      create.put("Description", description("Portolan " + rs.name() + ": " + String.join(", ", g.attachedTo().names())));
      if (!g.ingress().isEmpty()) {
        ArrayNode in = o.putObject("AuthorizeSecurityGroupIngress").putArray("IpPermissions");
        for (Rule r : g.ingress()) in.add(permission(r, r.source()));
      }
      if (!g.egress().isEmpty()) {
        ArrayNode out = o.putObject("AuthorizeSecurityGroupEgress").putArray("IpPermissions");
        for (Rule r : g.egress()) out.add(permission(r, r.destination()));
      }
    }
    return List.of(Output.text(Names.slug(rs.name()) + ".aws-sg.json", Json.json(root)));
  }

  private static ObjectNode permission(Rule r, Side peer) {
    ObjectNode p = Json.object();
    boolean v6 = r.ipv6();
    switch (r.protocol()) {
      case Protocol.Tcp t -> { p.put("IpProtocol", "tcp"); p.put("FromPort", r.ports().ranges().getFirst().from()); p.put("ToPort", r.ports().ranges().getFirst().to()); }
      case Protocol.Udp u -> { p.put("IpProtocol", "udp"); p.put("FromPort", r.ports().ranges().getFirst().from()); p.put("ToPort", r.ports().ranges().getFirst().to()); }
      case Protocol.Icmp i -> {
        p.put("IpProtocol", v6 ? "icmpv6" : "icmp");
        p.put("FromPort", i.type().orElse(-1));
        p.put("ToPort", i.code().orElse(-1));
      }
      case Protocol.Ip ip -> p.put("IpProtocol", Integer.toString(ip.number()));
    }
    ArrayNode ranges = p.putArray(v6 ? "Ipv6Ranges" : "IpRanges");
    for (String cidr : peer.cidrs()) {
      ObjectNode range = ranges.addObject();
      range.put(v6 ? "CidrIpv6" : "CidrIp", cidr);
      range.put("Description", description(Texts.refs(r, DESCRIPTION_MAX)));
    }
    return p;
  }

  /** The EC2 API's limit on group and IP-range descriptions. */
  static final int DESCRIPTION_MAX = 255;

  /**
   * AWS descriptions (CreateSecurityGroup, IpRange, Ipv6Range): at most 255 characters from
   * {@code a-zA-Z0-9}, space and {@code ._-:/()#,@[]+=&;{}!$*}; anything else becomes "_"
   * ({@code $} too: {@link Texts#clean} keeps shells' metacharacters out).
   */
  static String description(String s) {
    return Texts.clean(s, DESCRIPTION_MAX).replaceAll("[^a-zA-Z0-9. _\\-:/()#,@\\[\\]+=&;{}!*]", "_");
  }
}
