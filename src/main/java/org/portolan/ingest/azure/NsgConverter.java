package org.portolan.ingest.azure;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.portolan.diag.Diagnostics;
import org.portolan.diag.SourcePosition;
import org.portolan.ingest.acl.Acl;
import org.portolan.ingest.acl.AclLine;
import org.portolan.ingest.acl.Action;
import org.portolan.ingest.acl.Addrs;
import org.portolan.ingest.acl.Chain;
import org.portolan.ingest.acl.LineSource;
import org.portolan.ingest.acl.Match;
import org.portolan.ingest.acl.Ports;
import org.portolan.ingest.acl.Ranges;
import org.portolan.ingest.acl.Space;
import org.portolan.ingest.acl.Stage;
import org.portolan.ingest.acl.Unmodelled;

/**
 * NSG records → ACL model: per direction, rules by priority (lowest first; the first match
 * decides), then Azure's default rules, which every NSG has whether or not the file lists
 * them: inbound AllowVnetInBound (65000), AllowAzureLoadBalancerInBound (65001),
 * DenyAllInBound (65500); outbound AllowVnetOutBound (65000), AllowInternetOutBound (65001),
 * DenyAllOutBound (65500). Rules after a rule that matches everything are unreachable and
 * left out. Paths: {@code input} (Inbound) and {@code output} (Outbound), also
 * {@code input:NAME} per NSG.
 */
final class NsgConverter {
  private NsgConverter() {}

  /** Service tags with a fixed address: AzureLoadBalancer is the platform's health-probe source 168.63.129.16. */
  private static final Map<String, String> FIXED_TAGS = Map.of("azureloadbalancer", "168.63.129.16/32");

  private static List<Nsg.Rule> defaults(String direction, SourcePosition at) {
    boolean in = direction.equals("Inbound");
    String io = in ? "InBound" : "OutBound";
    return List.of(
        new Nsg.Rule("AllowVnet" + io, 65000, direction, "Allow", "*", List.of("*"), List.of("*"), List.of("VirtualNetwork"), List.of("VirtualNetwork"), false, at),
        in ? new Nsg.Rule("AllowAzureLoadBalancerInBound", 65001, direction, "Allow", "*", List.of("*"), List.of("*"), List.of("AzureLoadBalancer"), List.of("*"), false, at)
            : new Nsg.Rule("AllowInternetOutBound", 65001, direction, "Allow", "*", List.of("*"), List.of("*"), List.of("*"), List.of("Internet"), false, at),
        new Nsg.Rule("DenyAll" + io, 65500, direction, "Deny", "*", List.of("*"), List.of("*"), List.of("*"), List.of("*"), false, at));
  }

  static Acl convert(List<Nsg.Group> groups, String file, Diagnostics d) {
    Map<String, Chain> chains = new LinkedHashMap<>();
    Map<String, List<Stage>> paths = new LinkedHashMap<>();
    for (Nsg.Group g : groups) {
      for (String dir : List.of("Inbound", "Outbound")) {
        List<Nsg.Rule> rules = new ArrayList<>(g.rules().stream().filter(r -> r.direction().equals(dir)).toList());
        List<Nsg.Rule> defs = g.defaults().stream().filter(r -> r.direction().equals(dir)).toList();
        boolean stated = !defs.isEmpty();
        rules.addAll(stated ? defs : defaults(dir, g.at()));
        rules.sort(Comparator.comparingInt(Nsg.Rule::priority));
        List<AclLine> lines = new ArrayList<>();
        Set<Integer> seen = new LinkedHashSet<>();
        for (Nsg.Rule r : rules) {
          if (r.priority() < 65000 && !seen.add(r.priority())) d.error(r.at(), "security rule " + r.name() + ": priority " + r.priority() + " is used twice in direction " + dir + " (Azure refuses that)");
          boolean implicit = !stated && r.priority() >= 65000;
          AclLine l = line(r, file, implicit, d);
          lines.add(l);
          if (l.match().containsAll(Space.universe())) break; // what follows is unreachable
        }
        String key = (dir.equals("Inbound") ? "input:" : "output:") + g.name();
        chains.put(key, new Chain(key, lines, Optional.of(Action.DROP), new LineSource(file, g.at().line(), g.name() + " " + dir + ": DenyAll (never reached: the default rules end with it)")));
        paths.put(key, List.of(Stage.both(key)));
        paths.putIfAbsent(dir.equals("Inbound") ? "input" : "output", List.of(Stage.both(key)));
      }
    }
    if (groups.size() > 1)
      d.warning(SourcePosition.of(file), "the file holds " + groups.size() + " NSGs; without --firewall NAME flows are evaluated on the first, " + groups.getFirst().name());
    return new Acl(file, "azure-nsg", chains, paths, true);
  }

  static AclLine line(Nsg.Rule r, String file, boolean implicit, Diagnostics d) {
    Action action = r.access().equals("Allow") ? Action.ACCEPT : Action.DROP;
    List<String> problems = new ArrayList<>();
    if (r.asg()) problems.add("application security groups (their member NICs are not in this file)");
    Match m = Match.any();
    switch (r.protocol().toLowerCase(Locale.ROOT)) {
      case "*", "any" -> { }
      case "tcp" -> m.protoNumber(6);
      case "udp" -> m.protoNumber(17);
      case "icmp" -> m.proto(Ranges.single(1).union(Ranges.single(58)), false); // Azure's Icmp covers ICMPv4 and ICMPv6
      case "esp" -> m.protoNumber(50);
      case "ah" -> m.protoNumber(51);
      default -> problems.add("protocol '" + r.protocol() + "'");
    }
    boolean ports = r.protocol().equalsIgnoreCase("tcp") || r.protocol().equalsIgnoreCase("udp") || r.protocol().equals("*");
    Optional<Ranges> sp = ports(r.srcPorts()), dp = ports(r.dstPorts());
    if (sp.isEmpty() || dp.isEmpty()) problems.add("port ranges " + r.srcPorts() + " / " + r.dstPorts());
    else if (ports) {
      // a port condition on protocol * leaves portless protocols alone only when it is * itself
      if (!sp.get().equals(Ranges.of(0, 65535))) m.sport(sp.get(), false).proto(Ranges.single(6).union(Ranges.single(17)), false);
      if (!dp.get().equals(Ranges.of(0, 65535))) m.dport(dp.get(), false).proto(Ranges.single(6).union(Ranges.single(17)), false);
    }
    Optional<Addrs> src = addrs(r.src(), problems), dst = addrs(r.dst(), problems);
    if (src.isPresent()) m.src(src.get(), false);
    if (dst.isPresent()) m.dst(dst.get(), false);
    Space match = m.build();
    SourcePosition at = r.at();
    String text = r.name() + " (priority " + r.priority() + ", " + r.direction() + " " + r.access() + " " + r.protocol() + " " + String.join(",", r.src()) + ":" + String.join(",", r.srcPorts())
        + " -> " + String.join(",", r.dst()) + ":" + String.join(",", r.dstPorts()) + ")" + (implicit ? " — Azure default rule, present in every NSG" : "");
    if (!problems.isEmpty()) {
      List<String> said = new ArrayList<>(new LinkedHashSet<>(problems));
      if (implicit) said.set(0, r.name() + " (an Azure default rule, in every NSG though not listed in this file): " + said.getFirst());
      return Unmodelled.doubtful(AclLine.of(match, action, new LineSource(file, implicit ? 0 : at.line(), text)), said, at, d);
    }
    return AclLine.of(match, action, new LineSource(file, implicit ? 0 : at.line(), text));
  }

  private static Optional<Ranges> ports(List<String> p) {
    if (p.isEmpty() || p.contains("*")) return Optional.of(Ranges.of(0, 65535));
    return Ports.parse(String.join(",", p));
  }

  /** Prefixes, {@code *}, or service tags; a tag whose addresses the file does not say is a problem. */
  private static Optional<Addrs> addrs(List<String> p, List<String> problems) {
    if (p.isEmpty() || p.contains("*")) return Optional.of(Addrs.ANY);
    Addrs a = Addrs.NONE;
    for (String x : p) {
      Optional<Addrs> v = Addrs.parse(x);
      if (v.isEmpty() && FIXED_TAGS.containsKey(x.toLowerCase(Locale.ROOT))) v = Addrs.parse(FIXED_TAGS.get(x.toLowerCase(Locale.ROOT)));
      if (v.isEmpty()) {
        problems.add(Character.isLetter(x.charAt(0)) ? "service tag " + x + " (its addresses depend on the virtual network and Azure's published ranges, not in this file)" : "address '" + x + "'");
        return Optional.empty();
      }
      a = a.union(v.get());
    }
    return Optional.of(a);
  }
}
