package org.portolan.compile.dialect;

import java.util.ArrayList;
import java.util.List;
import org.portolan.compile.Names;
import org.portolan.compile.Capabilities;
import org.portolan.compile.Dialect;
import org.portolan.compile.Output;
import org.portolan.compile.Placement;
import org.portolan.compile.Rule;
import org.portolan.compile.RuleSet;
import org.portolan.model.PortRange;
import org.portolan.model.Protocol;

/**
 * iptables-save format for {@code iptables-restore} (IPv4, {@code NAME.iptables}) and, when
 * IPv6 rules exist, {@code ip6tables-restore} ({@code NAME.ip6tables}). Policies DROP,
 * conntrack accepts return traffic. A standalone rule set keeps its permits in chain
 * PORTOLAN, jumped to from INPUT and FORWARD. Port lists use multiport (at most 15 ports
 * per match, a range counting two), so long lists become several rules.
 */
public final class Iptables implements Dialect {
  static final int MULTIPORT_SLOTS = 15;
  static final int COMMENT_MAX = 255;

  @Override
  public String name() {
    return "iptables";
  }

  @Override
  public Capabilities capabilities() {
    return Capabilities.builder().icmp().icmpTypes().otherProtocols(Capabilities.ANY_PROTOCOL).portLists().stateful().ipv6().interfaces().build();
  }

  @Override
  public List<Output> render(RuleSet rs) {
    List<Output> out = new ArrayList<>();
    String base = Names.slug(rs.name());
    out.add(Output.text(base + ".iptables", table(rs, false)));
    if (rs.rules().stream().anyMatch(Rule::ipv6)) out.add(Output.text(base + ".ip6tables", table(rs, true)));
    return out;
  }

  private static String table(RuleSet rs, boolean v6) {
    List<Rule> rules = rs.rules().stream().filter(r -> r.ipv6() == v6).toList();
    boolean outbound = rs.hasOutbound();
    List<String> approx = new ArrayList<>();
    if (v6 && rs.kind() != RuleSet.Kind.NETWORK) approx.add("ICMPv6 neighbour discovery (types 133-136) is accepted on INPUT" + (outbound ? " and OUTPUT" : "") + ": IPv6 cannot work without it");
    String policy = switch (rs.kind()) {
      case STANDALONE -> "INPUT and FORWARD policy DROP; permits in chain PORTOLAN; ESTABLISHED,RELATED return traffic accepted (conntrack); loopback accepted on INPUT.";
      case HOST -> "INPUT policy DROP" + (outbound ? ", OUTPUT policy DROP" : "") + "; ESTABLISHED,RELATED return traffic accepted (conntrack); loopback accepted.";
      case NETWORK -> "FORWARD policy DROP; ESTABLISHED,RELATED return traffic accepted (conntrack). INPUT/OUTPUT (the firewall's own traffic) are not managed here.";
    };
    StringBuilder b = new StringBuilder();
    for (String l : Texts.prefixed("# ", Texts.header(rs, v6 ? "iptables (ip6tables-restore)" : "iptables", policy, approx))) b.append(l).append('\n');
    b.append("*filter\n");
    boolean inputDrop = rs.kind() != RuleSet.Kind.NETWORK;
    boolean forwardDrop = rs.kind() != RuleSet.Kind.HOST;
    b.append(":INPUT ").append(inputDrop ? "DROP" : "ACCEPT").append(" [0:0]\n");
    b.append(":FORWARD ").append(forwardDrop ? "DROP" : "ACCEPT").append(" [0:0]\n");
    b.append(":OUTPUT ").append(outbound ? "DROP" : "ACCEPT").append(" [0:0]\n");
    if (rs.kind() == RuleSet.Kind.STANDALONE) b.append(":PORTOLAN - [0:0]\n");
    String icmp6 = v6 ? "ipv6-icmp" : "icmp";
    if (inputDrop) {
      b.append("-A INPUT -i lo -j ACCEPT\n");
      b.append("-A INPUT -m conntrack --ctstate ESTABLISHED,RELATED -j ACCEPT\n");
      b.append("-A INPUT -m conntrack --ctstate INVALID -j DROP\n");
      if (v6) for (int t = 133; t <= 136; t++) b.append("-A INPUT -p ").append(icmp6).append(" --icmpv6-type ").append(t).append(" -m comment --comment \"neighbour discovery\" -j ACCEPT\n");
    }
    if (forwardDrop) {
      b.append("-A FORWARD -m conntrack --ctstate ESTABLISHED,RELATED -j ACCEPT\n");
      b.append("-A FORWARD -m conntrack --ctstate INVALID -j DROP\n");
    }
    if (outbound) {
      b.append("-A OUTPUT -o lo -j ACCEPT\n");
      b.append("-A OUTPUT -m conntrack --ctstate ESTABLISHED,RELATED -j ACCEPT\n");
      if (v6) for (int t = 133; t <= 136; t++) b.append("-A OUTPUT -p ").append(icmp6).append(" --icmpv6-type ").append(t).append(" -m comment --comment \"neighbour discovery\" -j ACCEPT\n");
    }
    if (rs.kind() == RuleSet.Kind.STANDALONE) {
      b.append("-A INPUT -j PORTOLAN\n");
      b.append("-A FORWARD -j PORTOLAN\n");
    }
    for (Rule r : rules) {
      String chain = switch (r.placement()) {
        case Placement.Anywhere a -> "PORTOLAN";
        case Placement.Inbound i -> "INPUT";
        case Placement.Outbound o -> "OUTPUT";
        case Placement.Through t -> "FORWARD";
      };
      String refs = Texts.refs(r, COMMENT_MAX);
      b.append("# ").append(Texts.above(r, refs)).append('\n');
      StringBuilder m = new StringBuilder("-A ").append(chain);
      if (r.placement() instanceof Placement.Through t) m.append(" -i ").append(t.in()).append(" -o ").append(t.out());
      m.append(" -s ").append(String.join(",", r.source().cidrs()));
      m.append(" -d ").append(String.join(",", r.destination().cidrs()));
      String comment = " -m comment --comment \"" + refs + "\" -j ACCEPT\n";
      for (String proto : protocolMatches(r, v6)) b.append(m).append(proto).append(comment);
    }
    b.append("COMMIT\n");
    return b.toString();
  }

  /** The protocol/port part of each rule line; several when a port list exceeds multiport's 15 slots. */
  static List<String> protocolMatches(Rule r, boolean v6) {
    return switch (r.protocol()) {
      case Protocol.Tcp t -> portMatches("tcp", r);
      case Protocol.Udp u -> portMatches("udp", r);
      case Protocol.Icmp i -> {
        String p = v6 ? " -p ipv6-icmp" : " -p icmp";
        if (i.type().isEmpty()) yield List.of(p);
        yield List.of(p + (v6 ? " --icmpv6-type " : " --icmp-type ") + i.typeNotation());
      }
      case Protocol.Ip ip -> List.of(" -p " + ip.number());
    };
  }

  private static List<String> portMatches(String proto, Rule r) {
    List<PortRange> ranges = r.ports().ranges();
    if (ranges.size() == 1) return List.of(" -p " + proto + " -m " + proto + " --dport " + Texts.range(ranges.getFirst(), ":"));
    List<String> out = new ArrayList<>();
    List<String> chunk = new ArrayList<>();
    int slots = 0;
    for (PortRange p : ranges) {
      int need = p.isSingle() ? 1 : 2;
      if (slots + need > MULTIPORT_SLOTS) {
        out.add(" -p " + proto + " -m multiport --dports " + String.join(",", chunk));
        chunk.clear();
        slots = 0;
      }
      chunk.add(Texts.range(p, ":"));
      slots += need;
    }
    out.add(" -p " + proto + " -m multiport --dports " + String.join(",", chunk));
    return out;
  }

}
