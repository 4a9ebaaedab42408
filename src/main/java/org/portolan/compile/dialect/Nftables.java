package org.portolan.compile.dialect;

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
 * An {@code nft -f} script: one {@code inet} table {@code portolan} (replaced on every load)
 * with one named address set per role or host side (commented with the names it stands for),
 * base chains whose policy is drop, conntrack for return traffic, and the permits matching
 * those sets, with anonymous sets for port lists.
 */
public final class Nftables implements Dialect {
  static final int COMMENT_MAX = 120;

  @Override
  public String name() {
    return "nftables";
  }

  @Override
  public Capabilities capabilities() {
    return Capabilities.builder().icmp().icmpTypes().otherProtocols(Capabilities.ANY_PROTOCOL).portLists().stateful().ipv6().interfaces().build();
  }

  @Override
  public List<Output> render(RuleSet rs) {
    boolean v6 = rs.rules().stream().anyMatch(Rule::ipv6);
    boolean outbound = rs.hasOutbound();
    List<String> approx = new ArrayList<>();
    if (v6 && rs.kind() != RuleSet.Kind.NETWORK) approx.add("ICMPv6 neighbour discovery is accepted on input" + (outbound ? " and output" : "") + ": IPv6 cannot work without it");
    String policy = switch (rs.kind()) {
      case STANDALONE -> "chains input and forward have policy drop; permits in chain permit; established/related return traffic accepted (ct state); loopback accepted on input.";
      case HOST -> "chain input" + (outbound ? " and chain output have" : " has") + " policy drop; established/related return traffic accepted (ct state); loopback accepted.";
      case NETWORK -> "chain forward has policy drop; established/related return traffic accepted (ct state). The firewall's own input/output is not managed here.";
    };
    StringBuilder b = new StringBuilder("#!/usr/sbin/nft -f\n");
    for (String l : Texts.prefixed("# ", Texts.header(rs, name(), policy, approx))) b.append(l).append('\n');
    b.append("table inet portolan\n");
    b.append("delete table inet portolan\n");
    b.append("table inet portolan {\n");
    Sets sets = Sets.of(rs);
    sets.declare(b);
    boolean input = rs.kind() != RuleSet.Kind.NETWORK;
    boolean forward = rs.kind() != RuleSet.Kind.HOST;
    String nd = "\t\tmeta nfproto ipv6 icmpv6 type { nd-router-solicit, nd-router-advert, nd-neighbor-solicit, nd-neighbor-advert } accept comment \"neighbour discovery\"\n";
    if (rs.kind() == RuleSet.Kind.STANDALONE) {
      b.append("\tchain permit {\n");
      rules(b, rs, Placement.Anywhere.class, sets);
      b.append("\t}\n\n");
    }
    if (input) {
      b.append("\tchain input {\n\t\ttype filter hook input priority filter; policy drop;\n");
      b.append("\t\tiif \"lo\" accept\n\t\tct state established,related accept\n\t\tct state invalid drop\n");
      if (v6) b.append(nd);
      if (rs.kind() == RuleSet.Kind.STANDALONE) b.append("\t\tjump permit\n");
      else rules(b, rs, Placement.Inbound.class, sets);
      b.append("\t}\n\n");
    }
    if (forward) {
      b.append("\tchain forward {\n\t\ttype filter hook forward priority filter; policy drop;\n");
      b.append("\t\tct state established,related accept\n\t\tct state invalid drop\n");
      if (rs.kind() == RuleSet.Kind.STANDALONE) b.append("\t\tjump permit\n");
      else rules(b, rs, Placement.Through.class, sets);
      b.append("\t}\n\n");
    }
    if (outbound) {
      b.append("\tchain output {\n\t\ttype filter hook output priority filter; policy drop;\n");
      b.append("\t\toif \"lo\" accept\n\t\tct state established,related accept\n");
      if (v6) b.append(nd);
      rules(b, rs, Placement.Outbound.class, sets);
      b.append("\t}\n\n");
    }
    if (b.charAt(b.length() - 2) == '\n') b.setLength(b.length() - 1);
    b.append("}\n");
    return List.of(Output.text(Names.slug(rs.name()) + ".nft", b.toString()));
  }

  private static void rules(StringBuilder b, RuleSet rs, Class<? extends Placement> where, Sets sets) {
    for (Rule r : rs.rules()) {
      if (!where.isInstance(r.placement())) continue;
      String refs = Texts.refs(r, COMMENT_MAX);
      b.append("\t\t# ").append(Texts.above(r, refs)).append('\n');
      b.append("\t\t").append(match(r, sets)).append(" accept comment \"").append(refs).append("\"\n");
    }
  }

  /**
   * One named set per address side of the rules (a role, a host or the union of several), named
   * after them and commented with every host and role name it stands for; equal sides share a
   * set. Sets are what an engineer edits and what {@code nft list set} shows.
   */
  static final class Sets {
    private final Map<List<Object>, String> names = new LinkedHashMap<>();
    private final Map<String, Side> sides = new LinkedHashMap<>();

    static Sets of(RuleSet rs) {
      Sets s = new Sets();
      for (Rule r : rs.rules()) {
        s.add(r.source());
        s.add(r.destination());
      }
      return s;
    }

    private void add(Side side) {
      List<Object> key = List.of(side.kind(), side.space(), side.names());
      if (names.containsKey(key)) return;
      String base = Names.slug(String.join("_", side.names())).replace('.', '_');
      if (!Character.isLetter(base.charAt(0))) base = "s_" + base;
      if (side.kind() == Side.Kind.IPV6) base = base + "_v6";
      String name = Texts.uniqueName(base, sides.keySet());
      names.put(key, name);
      sides.put(name, side);
    }

    String name(Side side) {
      return names.get(List.of(side.kind(), side.space(), side.names()));
    }

    void declare(StringBuilder b) {
      for (var e : sides.entrySet()) {
        Side side = e.getValue();
        b.append("\tset ").append(e.getKey()).append(" {\n");
        b.append("\t\ttype ").append(side.kind() == Side.Kind.IPV6 ? "ipv6_addr" : "ipv4_addr").append("\n");
        b.append("\t\tflags interval\n");
        b.append("\t\tcomment \"").append(Texts.clean(String.join(", ", side.names()), COMMENT_MAX)).append("\"\n");
        b.append("\t\telements = { ").append(String.join(", ", side.notations())).append(" }\n");
        b.append("\t}\n\n");
      }
    }
  }

  /** The match with the addresses inline, for one rule on its own. */
  static String match(Rule r) {
    return match(r, null);
  }

  static String match(Rule r, Sets sets) {
    StringBuilder m = new StringBuilder();
    if (r.placement() instanceof Placement.Through t) m.append("iifname \"").append(t.in()).append("\" oifname \"").append(t.out()).append("\" ");
    boolean v6 = r.ipv6();
    String fam = v6 ? "ip6" : "ip";
    m.append(fam).append(" saddr ").append(sets == null ? set(r.source()) : "@" + sets.name(r.source())).append(' ');
    m.append(fam).append(" daddr ").append(sets == null ? set(r.destination()) : "@" + sets.name(r.destination())).append(' ');
    m.append(switch (r.protocol()) {
      case Protocol.Tcp t -> "tcp dport " + ports(r);
      case Protocol.Udp u -> "udp dport " + ports(r);
      case Protocol.Icmp i -> {
        String p = v6 ? "icmpv6" : "icmp";
        if (i.type().isEmpty()) yield "meta l4proto " + (v6 ? "ipv6-icmp" : "icmp");
        String s = p + " type " + i.type().getAsInt();
        yield i.code().isPresent() ? s + " " + p + " code " + i.code().getAsInt() : s;
      }
      case Protocol.Ip ip -> "meta l4proto " + ip.number();
    });
    return m.toString();
  }

  private static String set(Side s) {
    List<String> n = s.notations();
    return n.size() == 1 ? n.getFirst() : "{ " + String.join(", ", n) + " }";
  }

  private static String ports(Rule r) {
    List<String> n = r.ports().ranges().stream().map(p -> Texts.range(p, "-")).toList();
    return n.size() == 1 ? n.getFirst() : "{ " + String.join(", ", n) + " }";
  }
}
