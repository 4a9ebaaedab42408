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
import org.portolan.model.Protocol;

/**
 * Palo Alto PAN-OS {@code set} commands: address objects ({@code ip-netmask}, {@code fqdn}),
 * address groups, services with port lists, security rules from zone to zone (the zone of
 * each interface named like the interface) and a closing deny rule. PAN-OS services carry
 * only TCP/UDP: all-of-ICMP uses the App-ID {@code icmp}, GRE {@code gre}, ESP
 * {@code ipsec-esp} (flagged as approximations); single ICMP types cannot be expressed.
 */
public final class PanOs implements Dialect {
  private static final Map<Integer, String> PROTOCOL_APPS = Map.of(47, "gre", 50, "ipsec-esp");

  @Override
  public String name() {
    return "panos";
  }

  @Override
  public Capabilities capabilities() {
    return Capabilities.builder().fqdn().icmp().otherProtocols(PROTOCOL_APPS.keySet()).portLists().stateful().ipv6().interfaces().build();
  }

  @Override
  public List<Output> render(RuleSet rs) {
    List<String> approx = new ArrayList<>();
    if (rs.kind() == RuleSet.Kind.NETWORK) approx.add("each interface's zone is named like the interface");
    else approx.add("rules not bound to interfaces match from any zone to any zone");
    if (rs.rules().stream().anyMatch(r -> !r.protocol().hasPorts())) approx.add("ICMP / IP-protocol rules use App-IDs (icmp, ipv6-icmp, gre, ipsec-esp) with service application-default");
    Set<String> lines = new LinkedHashSet<>();
    Map<List<?>, String> groups = new LinkedHashMap<>();
    List<String> rules = new ArrayList<>();
    int n = 0;
    for (Rule r : rs.rules()) {
      n++;
      String src = group(r.source(), groups, lines);
      String dst = group(r.destination(), groups, lines);
      String from = "any", to = "any";
      if (r.placement() instanceof Placement.Through t) { from = t.in(); to = t.out(); }
      String service;
      String app = "any";
      switch (r.protocol()) {
        case Protocol.Tcp t -> service = service("tcp", r, lines);
        case Protocol.Udp u -> service = service("udp", r, lines);
        case Protocol.Icmp i -> { service = "application-default"; app = r.ipv6() ? "ipv6-icmp" : "icmp"; }
        case Protocol.Ip ip -> { service = "application-default"; app = PROTOCOL_APPS.get(ip.number()); }
      }
      String name = String.format("portolan-%03d", n);
      rules.add("set rulebase security rules " + name + " from " + from + " to " + to + " source " + src + " destination " + dst
          + " service " + service + " application " + app + " action allow description \"" + Texts.refs(r, 1000) + "\"");
    }
    StringBuilder b = new StringBuilder();
    for (String l : Texts.prefixed("# ", Texts.header(rs, name(), "the last rule, portolan-default-deny, denies everything not allowed above; replies to allowed sessions pass (stateful).", approx))) b.append(l).append('\n');
    for (String l : lines) b.append(l).append('\n');
    for (String l : rules) b.append(l).append('\n');
    b.append("set rulebase security rules portolan-default-deny from any to any source any destination any service any application any action deny description \"default: drop everything not allowed above\"\n");
    return List.of(Output.text(Names.slug(rs.name()) + ".panos.set", b.toString()));
  }

  private static String group(Side s, Map<List<?>, String> groups, Set<String> lines) {
    String existing = groups.get(s.space());
    if (existing != null) return existing;
    List<String> members = new ArrayList<>();
    if (s.kind() == Side.Kind.FQDN) {
      for (String f : s.fqdns()) { lines.add("set address fqdn-" + f + " fqdn " + f); members.add("fqdn-" + f); }
    } else {
      for (IPAddress a : s.blocks()) {
        String name = "n-" + AddressName.of(a);
        lines.add("set address " + name + " ip-netmask " + a.toPrefixBlock().toPrefixLengthString());
        members.add(name);
      }
    }
    String g = Texts.uniqueName("g-" + Names.slug(String.join("_", s.names())), groups.values());
    groups.put(s.space(), g);
    lines.add("set address-group " + g + " static [ " + String.join(" ", members) + " ]");
    return g;
  }

  private static String service(String proto, Rule r, Set<String> lines) {
    String ports = Texts.ports(r, "-", ",");
    String name = proto + "-" + ports.replace(',', '_');
    if (name.length() > 60) name = name.substring(0, 50) + "-" + Integer.toHexString(name.hashCode());
    lines.add("set service " + name + " protocol " + proto + " port " + ports);
    return name;
  }
}
