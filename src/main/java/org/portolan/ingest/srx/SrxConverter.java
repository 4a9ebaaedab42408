package org.portolan.ingest.srx;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.portolan.diag.Diagnostics;
import org.portolan.diag.SourcePosition;
import org.portolan.ingest.acl.Acl;
import org.portolan.ingest.acl.ZonePair;
import org.portolan.ingest.acl.AclLine;
import org.portolan.ingest.acl.Action;
import org.portolan.ingest.acl.Addrs;
import org.portolan.ingest.acl.Chain;
import org.portolan.ingest.acl.Definitions;
import org.portolan.ingest.acl.LineSource;
import org.portolan.ingest.acl.Match;
import org.portolan.ingest.acl.Ports;
import org.portolan.ingest.acl.Protocols;
import org.portolan.ingest.acl.Ranges;
import org.portolan.ingest.acl.Space;
import org.portolan.ingest.acl.Stage;
import org.portolan.ingest.acl.Unmodelled;

/**
 * SRX records → ACL model. A session from zone A to zone B is checked against the
 * from-zone A to-zone B policies in order, then the global policies, then the default
 * policy (deny-all unless {@code default-policy permit-all}). Each zone pair with policies
 * is the path {@code zones:A>B}; {@code forward} is the only zone pair when there is one,
 * otherwise the global policies alone.
 */
final class SrxConverter {
  private SrxConverter() {}

  /** Predefined applications whose match is fixed (Junos {@code show applications junos-…}). */
  private static final Map<String, String> PREDEFINED = Map.ofEntries(
      Map.entry("junos-ftp", "tcp 21"), Map.entry("junos-ssh", "tcp 22"), Map.entry("junos-telnet", "tcp 23"), Map.entry("junos-smtp", "tcp 25"),
      Map.entry("junos-dns-udp", "udp 53"), Map.entry("junos-dns-tcp", "tcp 53"), Map.entry("junos-tftp", "udp 69"), Map.entry("junos-http", "tcp 80"),
      Map.entry("junos-pop3", "tcp 110"), Map.entry("junos-ntp", "udp 123"), Map.entry("junos-imap", "tcp 143"), Map.entry("junos-bgp", "tcp 179"),
      Map.entry("junos-ldap", "tcp 389"), Map.entry("junos-https", "tcp 443"), Map.entry("junos-ike", "udp 500"), Map.entry("junos-ike-nat", "udp 4500"),
      Map.entry("junos-syslog", "udp 514"), Map.entry("junos-imaps", "tcp 993"), Map.entry("junos-ms-sql", "tcp 1433"), Map.entry("junos-sqlnet-v2", "tcp 1521"),
      Map.entry("junos-radius", "udp 1812"), Map.entry("junos-dhcp-server", "udp 67"), Map.entry("junos-dhcp-client", "udp 68"),
      Map.entry("junos-xnm-ssl", "tcp 3220"), Map.entry("junos-xnm-clear-text", "tcp 3221"),
      Map.entry("junos-icmp-all", "icmp"), Map.entry("junos-icmp-ping", "icmp 8"), Map.entry("junos-ping", "icmp 8"),
      Map.entry("junos-icmp6-all", "icmp6"), Map.entry("junos-pingv6", "icmp6 128"), Map.entry("junos-gre", "47"));

  static Acl convert(Srx.Config c, String file, Diagnostics d) {
    Definitions<Addrs> addrs = new Definitions<>(Addrs.NONE, Addrs::union);
    for (Srx.Address a : c.addresses()) {
      Optional<Addrs> v = switch (a.kind()) {
        case "prefix", "range-address" -> Addrs.parse(a.value());
        case "dns-name" -> Optional.of(Addrs.fqdn(a.value()));
        default -> Optional.empty();
      };
      if (v.isEmpty()) {
        d.warning(a.at(), "address " + a.name() + ": " + (a.kind().equals("wildcard-address") ? "wildcard-address " + a.value() + " is not modelled" : "'" + a.value() + "' is not an address or prefix")
            + "; verdicts that depend on policies naming it are undetermined");
        continue;
      }
      addrs.value(a.name(), v.get(), a.at());
    }
    for (Srx.AddressSetMember m : c.addressSets()) addrs.member(m.set(), m.member(), m.at());
    Definitions<Space> apps = new Definitions<>(Space.EMPTY, Space::plus);
    for (var e : PREDEFINED.entrySet()) apps.value(e.getKey(), spec(e.getValue()), SourcePosition.of(file));
    for (Srx.AppTerm t : c.terms()) {
      Optional<Space> s = term(t, d);
      if (s.isPresent()) apps.value(t.app(), s.get(), t.at());
    }
    for (Srx.AppSetMember m : c.appSets()) apps.member(m.set(), m.member(), m.at());

    Map<String, List<AclLine>> zoneLines = new LinkedHashMap<>();
    List<Srx.Policy> global = new ArrayList<>();
    for (Srx.Policy p : c.policies()) {
      if (p.global()) { global.add(p); continue; }
      Optional<AclLine> l = line(p, addrs, apps, d);
      List<AclLine> ls = zoneLines.computeIfAbsent(p.from() + ">" + p.to(), k -> new ArrayList<>());
      l.ifPresent(ls::add);
    }
    Action policy = c.defaultPolicy().map(x -> x.permit() ? (Action) Action.ACCEPT : Action.DROP).orElse(Action.DROP);
    LineSource policySource = c.defaultPolicy().map(x -> new LineSource(file, x.at().line(), x.text()))
        .orElse(new LineSource(file, 0, "default-policy deny-all (the factory default; the configuration does not set one)"));
    Map<String, Chain> chains = new LinkedHashMap<>();
    Map<String, List<Stage>> paths = new LinkedHashMap<>();
    Set<String> pairs = new LinkedHashSet<>(zoneLines.keySet());
    for (String pair : pairs) {
      ZonePair zones = ZonePair.parse(pair);
      String from = zones.from(), to = zones.to();
      List<AclLine> ls = new ArrayList<>(zoneLines.get(pair));
      for (Srx.Policy g : global)
        if ((g.globalFrom().isEmpty() || g.globalFrom().contains(from) || g.globalFrom().contains("any")) && (g.globalTo().isEmpty() || g.globalTo().contains(to) || g.globalTo().contains("any")))
          line(g, addrs, apps, new Diagnostics()).ifPresent(ls::add);
      String name = zones.chain();
      // each chain's default its own line, so a change placed at its end knows which chain it is
      chains.put(name, new Chain(name, ls, Optional.of(policy), new LineSource(file, policySource.line(), policySource.text() + " (from-zone " + from + " to-zone " + to + ")")));
      paths.put(name, List.of(Stage.both(name)));
    }
    List<AclLine> gl = new ArrayList<>();
    for (Srx.Policy g : global) {
      Optional<AclLine> l = line(g, addrs, apps, d);
      if (l.isEmpty()) continue;
      if (!g.globalFrom().isEmpty() || !g.globalTo().isEmpty())
        d.warning(g.at(), "global policy " + g.name() + " matches zones " + String.join(",", g.globalFrom()) + " > " + String.join(",", g.globalTo())
            + "; it is evaluated on the zone-pair paths that name them, not on the path 'global'");
      else gl.add(l.get());
    }
    chains.put("global", new Chain("global", gl, Optional.of(policy), policySource));
    paths.put("global", List.of(Stage.both("global")));
    if (pairs.size() == 1) paths.put("forward", paths.get(ZonePair.parse(pairs.iterator().next()).chain()));
    else {
      paths.put("forward", paths.get("global"));
      if (!pairs.isEmpty())
        d.warning(SourcePosition.of(file), "policies for " + pairs.size() + " zone pairs; flows are evaluated on the global policies unless --path names a pair ("
            + String.join(", ", pairs.stream().map(p -> ZonePair.parse(p).chain()).toList()) + ")");
    }
    return new Acl(file, "srx", chains, paths, true);
  }

  /** One policy as one ACL line; empty when deactivated or without an action. */
  static Optional<AclLine> line(Srx.Policy p, Definitions<Addrs> addrs, Definitions<Space> apps, Diagnostics d) {
    if (p.inactive()) return Optional.empty();
    if (p.action().isEmpty()) {
      d.warning(p.at(), "policy " + p.name() + " has no 'then permit|deny|reject'; Junos refuses to commit it; it is not evaluated");
      return Optional.empty();
    }
    Action action = switch (p.action()) {
      case "permit" -> Action.ACCEPT;
      case "reject" -> Action.REJECT;
      default -> Action.DROP;
    };
    List<String> problems = new ArrayList<>(p.unmodelled());
    Optional<Addrs> src = side(p.src(), addrs, problems, "source-address"), dst = side(p.dst(), addrs, problems, "destination-address");
    Space svc = Space.EMPTY;
    boolean svcKnown = true;
    if (p.apps().isEmpty()) problems.add("no 'match application' (Junos requires one)");
    for (String a : p.apps()) {
      if (a.equals("any")) { svc = Space.universe(); continue; }
      Definitions.Resolved<Space> r = apps.resolve(a);
      if (r.value().isEmpty()) { problems.add("application " + r.problem() + (a.startsWith("junos-") ? " (a predefined application this importer does not know)" : "")); svcKnown = false; }
      else svc = svc.plus(r.value().get());
    }
    Match m = Match.any();
    if (src.isPresent()) m.src(src.get(), p.srcExcluded());
    if (dst.isPresent()) m.dst(dst.get(), p.dstExcluded());
    Space match = m.build();
    if (svcKnown && !p.apps().isEmpty()) match = match.intersect(svc);
    LineSource source = new LineSource(p.at().file(), p.at().line(), "policy " + p.name() + (p.global() ? " (global)" : " from-zone " + p.from() + " to-zone " + p.to()) + ": " + p.text());
    AclLine l = AclLine.of(match, action, source);
    return Optional.of(problems.isEmpty() ? l : Unmodelled.doubtful(l, problems, p.at(), d));
  }

  private static Optional<Addrs> side(List<String> names, Definitions<Addrs> addrs, List<String> problems, String what) {
    if (names.isEmpty()) { problems.add("no 'match " + what + "' (Junos requires one)"); return Optional.empty(); }
    Addrs a = Addrs.NONE;
    for (String n : names) {
      switch (n) {
        case "any" -> a = Addrs.ANY;
        case "any-ipv4" -> a = a.union(new Addrs(Addrs.ANY.v4(), Ranges.EMPTY));
        case "any-ipv6" -> a = a.union(new Addrs(Ranges.EMPTY, Addrs.ANY.v6()));
        default -> {
          Definitions.Resolved<Addrs> r = addrs.resolve(n);
          if (r.value().isEmpty()) { problems.add(what + " " + r.problem()); return Optional.empty(); }
          a = a.union(r.value().get());
        }
      }
    }
    return Optional.of(a);
  }

  /** {@code "tcp 80"}, {@code "icmp 8"}, {@code "icmp6"}, {@code "47"}. */
  private static Space spec(String s) {
    String[] p = s.split(" ");
    Match m = Match.any();
    switch (p[0]) {
      case "icmp" -> { m.family(4).protoNumber(1); if (p.length > 1) m.dport(Ports.icmp(Integer.parseInt(p[1]), OptionalInt.empty()), false); }
      case "icmp6" -> { m.family(6).protoNumber(58); if (p.length > 1) m.dport(Ports.icmp(Integer.parseInt(p[1]), OptionalInt.empty()), false); }
      case "tcp" -> m.protoNumber(6).dport(Ranges.single(Integer.parseInt(p[1])), false);
      case "udp" -> m.protoNumber(17).dport(Ranges.single(Integer.parseInt(p[1])), false);
      default -> m.protoNumber(Integer.parseInt(p[0]));
    }
    return m.build();
  }

  private static Optional<Space> term(Srx.AppTerm t, Diagnostics d) {
    String name = "application " + t.app() + (t.term().isEmpty() ? "" : " term " + t.term());
    if (t.attrs().containsKey("unmodelled")) { d.warning(t.at(), name + ": " + t.attrs().get("unmodelled") + " is not modelled; verdicts that depend on policies naming it are undetermined"); return Optional.empty(); }
    String proto = t.attrs().get("protocol");
    if (proto == null) { d.warning(t.at(), name + " has no protocol; verdicts that depend on policies naming it are undetermined"); return Optional.empty(); }
    OptionalInt n = proto.equals("icmp6") ? OptionalInt.of(58) : Protocols.protocol(proto);
    if (n.isEmpty()) { d.warning(t.at(), name + ": protocol '" + proto + "' is not known; verdicts that depend on policies naming it are undetermined"); return Optional.empty(); }
    Match m = Match.any().protoNumber(n.getAsInt());
    if (n.getAsInt() == 1) m.family(4);
    if (n.getAsInt() == 58) m.family(6);
    if (n.getAsInt() == 6 || n.getAsInt() == 17 || n.getAsInt() == 132) {
      for (String k : List.of("destination-port", "source-port")) {
        String v = t.attrs().get(k);
        if (v == null) continue;
        Optional<Ranges> r = v.equals("any") ? Optional.of(Ranges.of(0, 65535)) : Ports.parse(v);
        if (r.isEmpty()) { d.warning(t.at(), name + ": " + k + " '" + v + "' is not a port number or range; verdicts that depend on policies naming it are undetermined"); return Optional.empty(); }
        if (k.equals("destination-port")) m.dport(r.get(), false);
        else m.sport(r.get(), false);
      }
    } else if (n.getAsInt() == 1 || n.getAsInt() == 58) {
      String pre = n.getAsInt() == 1 ? "icmp" : "icmp6";
      String type = t.attrs().getOrDefault(pre + "-type", t.attrs().get("icmp-type")), code = t.attrs().getOrDefault(pre + "-code", t.attrs().get("icmp-code"));
      if (type != null) {
        OptionalInt ty = Protocols.icmpType(type), co = code == null ? OptionalInt.empty() : Protocols.number(code, 255);
        if (ty.isEmpty() || (code != null && co.isEmpty())) { d.warning(t.at(), name + ": ICMP type/code '" + type + (code == null ? "" : "/" + code) + "' is not known; verdicts that depend on policies naming it are undetermined"); return Optional.empty(); }
        m.dport(Ports.icmp(ty.getAsInt(), co), false);
      }
    }
    return Optional.of(m.build());
  }
}
