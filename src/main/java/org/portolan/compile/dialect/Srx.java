package org.portolan.compile.dialect;

import inet.ipaddr.IPAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
 * Juniper SRX {@code set} commands: global address book (addresses, {@code dns-name}
 * objects, address sets), custom applications with one term per port range, zone policies
 * ({@code from-zone IN to-zone OUT}, the security zone bound to each interface named like
 * the interface) or global policies when rules are not bound to interfaces, and
 * {@code default-policy deny-all}.
 */
public final class Srx implements Dialect {
  @Override
  public String name() {
    return "srx";
  }

  @Override
  public Capabilities capabilities() {
    return Capabilities.builder().fqdn().icmp().icmpTypes().otherProtocols(Capabilities.ANY_PROTOCOL).portLists().stateful().ipv6().interfaces().build();
  }

  @Override
  public List<Output> render(RuleSet rs) {
    List<String> approx = new ArrayList<>();
    if (rs.kind() == RuleSet.Kind.NETWORK) approx.add("each interface's security zone is named like the interface (" + String.join(", ", interfaces(rs)) + ")");
    else approx.add("rules not bound to interfaces are global policies (any zone to any zone)");
    Set<String> lines = new LinkedHashSet<>();
    Map<List<?>, String> sets = new LinkedHashMap<>();
    List<String> policies = new ArrayList<>();
    int n = 0;
    for (Rule r : rs.rules()) {
      n++;
      String src = addressSet(r.source(), sets, lines);
      String dst = addressSet(r.destination(), sets, lines);
      String app = application(r, lines);
      String pname = String.format("portolan-%03d", n);
      String scope = switch (r.placement()) {
        case Placement.Through t -> "set security policies from-zone " + t.in() + " to-zone " + t.out() + " policy " + pname;
        case Placement.Anywhere a -> "set security policies global policy " + pname;
        case Placement.Inbound i -> "set security policies global policy " + pname;
        case Placement.Outbound o -> "set security policies global policy " + pname;
      };
      policies.add(scope + " description \"" + Texts.refs(r, 900) + "\"");
      policies.add(scope + " match source-address " + src + " destination-address " + dst + " application " + app);
      policies.add(scope + " then permit");
    }
    StringBuilder b = new StringBuilder();
    for (String l : Texts.prefixed("# ", Texts.header(rs, name(), "set security policies default-policy deny-all: sessions not permitted are denied; replies to permitted sessions pass (stateful).", approx))) b.append(l).append('\n');
    for (String l : lines) b.append(l).append('\n');
    for (String l : policies) b.append(l).append('\n');
    b.append("set security policies default-policy deny-all\n");
    return List.of(Output.text(Names.slug(rs.name()) + ".set", b.toString()));
  }

  private static List<String> interfaces(RuleSet rs) {
    Set<String> s = new LinkedHashSet<>();
    for (Rule r : rs.rules()) if (r.placement() instanceof Placement.Through t) { s.add(t.in()); s.add(t.out()); }
    return List.copyOf(s);
  }

  static String addressName(IPAddress a) {
    return "a-" + Texts.lower(AddressName.of(a));
  }

  private static String addressSet(Side s, Map<List<?>, String> sets, Set<String> lines) {
    String existing = sets.get(s.space());
    if (existing != null) return existing;
    List<String> members = new ArrayList<>();
    if (s.kind() == Side.Kind.FQDN) {
      for (String f : s.fqdns()) {
        String name = "dns-" + f;
        lines.add("set security address-book global address " + name + " dns-name " + f);
        members.add(name);
      }
    } else {
      for (IPAddress a : s.blocks()) {
        String name = addressName(a);
        lines.add("set security address-book global address " + name + " " + a.toPrefixBlock().toPrefixLengthString());
        members.add(name);
      }
    }
    String set = Texts.uniqueName("as-" + Names.slug(String.join("_", s.names())), sets.values());
    sets.put(s.space(), set);
    for (String m : members) lines.add("set security address-book global address-set " + set + " address " + m);
    return set;
  }

  private static String application(Rule r, Set<String> lines) {
    boolean v6 = r.ipv6();
    String name;
    List<String> terms = new ArrayList<>();
    switch (r.protocol()) {
      case Protocol.Tcp t -> { name = "app-tcp-" + r.ports().notation().replace(' ', '_'); for (PortRange p : r.ports().ranges()) terms.add("protocol tcp destination-port " + p.from() + "-" + p.to()); }
      case Protocol.Udp u -> { name = "app-udp-" + r.ports().notation().replace(' ', '_'); for (PortRange p : r.ports().ranges()) terms.add("protocol udp destination-port " + p.from() + "-" + p.to()); }
      case Protocol.Icmp i -> {
        String p = v6 ? "icmp6" : "icmp";
        name = "app-" + p + (i.type().isPresent() ? "-" + i.typeNotation().replace('/', '-') : "");
        String term = "protocol " + p;
        if (i.type().isPresent()) term += " " + p + "-type " + i.type().getAsInt();
        if (i.code().isPresent()) term += " " + p + "-code " + i.code().getAsInt();
        terms.add(term);
      }
      case Protocol.Ip ip -> { name = "app-ip-" + ip.number(); terms.add("protocol " + ip.number()); }
    }
    if (name.length() > 60) name = name.substring(0, 50) + "-" + Integer.toHexString(name.hashCode());
    for (int i = 0; i < terms.size(); i++) lines.add("set applications application " + name + " term t" + (i + 1) + " " + terms.get(i));
    return name;
  }
}
