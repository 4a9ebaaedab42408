package org.portolan.compile.dialect;

import inet.ipaddr.IPAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.portolan.compile.Names;
import org.portolan.compile.Capabilities;
import org.portolan.compile.Dialect;
import org.portolan.compile.Output;
import org.portolan.compile.Placement;
import org.portolan.compile.Rule;
import org.portolan.compile.RuleSet;
import org.portolan.compile.Side;
import org.portolan.model.PortRange;
import org.portolan.model.Protocol;

/**
 * Cisco ASA configuration: network object-groups per address side (FQDN objects with
 * {@code fqdn v4|v6}), service object-groups per port set, one extended access-list per
 * ingress interface ({@code access-group … in interface}), or a global access-list when the
 * rules are not bound to interfaces; each permit preceded by a remark with its requirements
 * and closed by an explicit deny.
 */
public final class AsaDialect implements Dialect {
  @Override
  public String name() {
    return "asa";
  }

  @Override
  public Capabilities capabilities() {
    return Capabilities.builder().fqdn().icmp().icmpTypes().otherProtocols(Capabilities.ANY_PROTOCOL).portLists().stateful().ipv6().interfaces().build();
  }

  @Override
  public List<Output> render(RuleSet rs) {
    List<String> approx = new ArrayList<>();
    if (rs.kind() != RuleSet.Kind.NETWORK) approx.add("the ASA filters traffic passing through it: these rules go into the global access-list (access-group global)");
    if (rs.rules().stream().anyMatch(r -> r.protocol() instanceof Protocol.Icmp)) approx.add("ICMP replies pass only with 'inspect icmp' in the global policy-map; add it if it is not there");
    StringBuilder objects = new StringBuilder();
    StringBuilder acls = new StringBuilder();
    Map<List<?>, String> groups = new LinkedHashMap<>();
    Map<String, Integer> used = new TreeMap<>();
    Map<String, List<Rule>> byAcl = new LinkedHashMap<>();
    for (Rule r : rs.rules()) {
      String acl = switch (r.placement()) {
        case Placement.Through t -> "PORTOLAN_" + Names.slug(t.in()).toUpperCase(java.util.Locale.ROOT) + "_IN";
        case Placement.Anywhere a -> "PORTOLAN_GLOBAL";
        case Placement.Inbound i -> "PORTOLAN_GLOBAL";
        case Placement.Outbound o -> "PORTOLAN_GLOBAL";
      };
      byAcl.computeIfAbsent(acl, k -> new ArrayList<>()).add(r);
    }
    List<String> bindings = new ArrayList<>();
    for (var e : byAcl.entrySet()) {
      String acl = e.getKey();
      for (Rule r : e.getValue()) {
        String src = networkGroup(r.source(), groups, used, objects);
        String dst = networkGroup(r.destination(), groups, used, objects);
        for (String remark : remarks(r.reasons().refs())) acls.append("access-list ").append(acl).append(" remark ").append(remark).append('\n');
        String proto;
        String svc = "";
        switch (r.protocol()) {
          case Protocol.Tcp t -> { proto = "tcp"; svc = " object-group " + serviceGroup("tcp", r, groups, used, objects); }
          case Protocol.Udp u -> { proto = "udp"; svc = " object-group " + serviceGroup("udp", r, groups, used, objects); }
          case Protocol.Icmp i -> {
            proto = r.ipv6() ? "icmp6" : "icmp";
            if (i.type().isPresent()) svc = " " + i.type().getAsInt() + (i.code().isPresent() ? " " + i.code().getAsInt() : "");
          }
          case Protocol.Ip ip -> proto = Integer.toString(ip.number());
        }
        acls.append("access-list ").append(acl).append(" extended permit ").append(proto).append(" object-group ").append(src).append(" object-group ").append(dst).append(svc).append('\n');
      }
      acls.append("access-list ").append(acl).append(" remark default: drop everything not permitted above\n");
      acls.append("access-list ").append(acl).append(" extended deny ip any any log\n");
      Rule first = e.getValue().getFirst();
      bindings.add(first.placement() instanceof Placement.Through t ? "access-group " + acl + " in interface " + t.in() : "access-group " + acl + " global");
    }
    StringBuilder b = new StringBuilder();
    for (String l : Texts.prefixed("! ", Texts.header(rs, name(), "each access-list ends with 'deny ip any any'; traffic not permitted is dropped. Return traffic of permitted connections passes (stateful).", approx))) b.append(l).append('\n');
    b.append(objects).append(acls);
    for (String g : bindings) b.append(g).append('\n');
    return List.of(Output.text(Names.slug(rs.name()) + ".asa.txt", b.toString()));
  }

  /** ASA remarks hold 100 characters: the requirement list is spread over as many remarks as it needs. */
  static List<String> remarks(String refs) {
    List<String> out = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    for (String ref : refs.split(", ")) {
      String r = Texts.clean(ref, 100);
      if (!cur.isEmpty() && cur.length() + 2 + r.length() > 100) {
        out.add(cur.toString());
        cur.setLength(0);
      }
      if (!cur.isEmpty()) cur.append(", ");
      cur.append(r);
    }
    if (!cur.isEmpty()) out.add(cur.toString());
    return out;
  }

  private static String name(List<String> names, String suffix, Map<String, Integer> used) {
    String base = Names.slug(String.join("_", names)).toUpperCase(java.util.Locale.ROOT);
    if (base.length() > 48) base = base.substring(0, 48);
    base = base + suffix;
    int n = used.merge(base, 1, Integer::sum);
    return n == 1 ? base : base + "_" + n;
  }

  private static String networkGroup(Side s, Map<List<?>, String> groups, Map<String, Integer> used, StringBuilder objects) {
    List<Object> key = new ArrayList<>(s.space());
    key.add("net");
    String existing = groups.get(key);
    if (existing != null) return existing;
    String g = name(s.names(), "_NET", used);
    groups.put(key, g);
    StringBuilder body = new StringBuilder();
    if (s.kind() == Side.Kind.FQDN) {
      for (String f : s.fqdns()) {
        String obj = name(List.of(f), "_FQDN", used);
        objects.append("object network ").append(obj).append('\n');
        objects.append(" fqdn ").append(f).append('\n');
        body.append(" network-object object ").append(obj).append('\n');
      }
    } else {
      for (IPAddress a : s.blocks()) {
        boolean host = a.getNetworkPrefixLength() == null || a.getNetworkPrefixLength() == a.getBitCount();
        if (host) body.append(" network-object host ").append(a.withoutPrefixLength().toCanonicalString()).append('\n');
        else if (a.isIPv4()) body.append(" network-object ").append(a.getLower().withoutPrefixLength().toCanonicalString()).append(' ').append(a.getNetworkMask().withoutPrefixLength().toCanonicalString()).append('\n');
        else body.append(" network-object ").append(a.toPrefixLengthString()).append('\n');
      }
    }
    objects.append("object-group network ").append(g).append('\n').append(body);
    return g;
  }

  private static String serviceGroup(String proto, Rule r, Map<List<?>, String> groups, Map<String, Integer> used, StringBuilder objects) {
    List<?> key = List.of(proto, r.ports().notation());
    String existing = groups.get(key);
    if (existing != null) return existing;
    String g = name(List.of(proto, r.ports().notation().replace(' ', '_')), "_SVC", used);
    groups.put(key, g);
    objects.append("object-group service ").append(g).append(' ').append(proto).append('\n');
    for (PortRange p : r.ports().ranges()) {
      if (p.isSingle()) objects.append(" port-object eq ").append(p.from()).append('\n');
      else objects.append(" port-object range ").append(p.from()).append(' ').append(p.to()).append('\n');
    }
    return g;
  }
}
