package org.portolan.ingest.panos;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
import org.portolan.ingest.acl.Ranges;
import org.portolan.ingest.acl.Space;
import org.portolan.ingest.acl.Stage;
import org.portolan.ingest.acl.Unmodelled;

/**
 * PAN-OS records → ACL model. Rules are evaluated in order (pre-rulebase, local, post);
 * what no rule matches meets the predefined rules: {@code intrazone-default} allows traffic
 * within one zone, {@code interzone-default} denies traffic between zones. Each zone pair
 * the rules name is the path {@code zones:A>B}; {@code forward} holds the rules whose zones
 * are {@code any} (zones unknown: the interzone default applies, with a warning when it is
 * reached).
 */
final class PanOsConverter {
  private PanOsConverter() {}

  /**
   * App-IDs identified by the IP protocol alone (no payload inspection): exact. Any other
   * application depends on App-ID's reading of the payload, which no header says.
   */
  private static final Map<String, Space> PROTOCOL_APPS = Map.of(
      "icmp", Match.any().family(4).protoNumber(1).build(), "ipv6-icmp", Match.any().family(6).protoNumber(58).build(),
      "gre", Match.any().protoNumber(47).build(), "ipsec-esp", Match.any().protoNumber(50).build());

  /** The predefined services. */
  private static final Map<String, Space> PREDEFINED = Map.of(
      "service-http", Match.any().protoNumber(6).dport(Ranges.single(80).union(Ranges.single(8080)), false).build(),
      "service-https", Match.any().protoNumber(6).dport(Ranges.single(443), false).build());

  static Acl convert(PanOs.Config c, String file, Diagnostics d) {
    Definitions<Addrs> addrs = new Definitions<>(Addrs.NONE, Addrs::union);
    for (PanOs.Obj o : c.addresses()) {
      Optional<Addrs> a = address(o);
      if (a.isPresent()) addrs.value(o.name(), a.get(), o.at());
      else d.warning(o.at(), "address " + o.name() + ": " + o.attrs() + " is not an ip-netmask, ip-range or fqdn this importer reads; verdicts that depend on rules naming it are undetermined");
    }
    for (PanOs.Member m : c.addressGroups()) {
      if (m.member().isEmpty()) d.warning(m.at(), "address-group " + m.group() + " is dynamic (members chosen by tags at run time); verdicts that depend on rules naming it are undetermined");
      else addrs.member(m.group(), m.member(), m.at());
    }
    Definitions<Space> svcs = new Definitions<>(Space.EMPTY, Space::plus);
    PREDEFINED.forEach((k, v) -> svcs.value(k, v, SourcePosition.of(file)));
    for (PanOs.Obj o : c.services()) {
      Optional<Space> s = service(o);
      if (s.isPresent()) svcs.value(o.name(), s.get(), o.at());
      else d.warning(o.at(), "service " + o.name() + ": " + o.attrs() + " is not 'protocol tcp|udp|sctp port LIST'; verdicts that depend on rules naming it are undetermined");
    }
    for (PanOs.Member m : c.serviceGroups()) svcs.member(m.group(), m.member(), m.at());

    Set<String> from = new LinkedHashSet<>(), to = new LinkedHashSet<>();
    for (PanOs.Rule r : c.rules()) { from.addAll(r.get("from")); to.addAll(r.get("to")); }
    from.remove("any");
    to.remove("any");
    Map<String, Chain> chains = new LinkedHashMap<>();
    Map<String, List<Stage>> paths = new LinkedHashMap<>();
    List<String> pairs = new ArrayList<>();
    for (String a : from) for (String b : to) pairs.add(a + ">" + b);
    for (String pair : pairs) {
      ZonePair zones = ZonePair.parse(pair);
      String a = zones.from(), b = zones.to();
      List<AclLine> ls = new ArrayList<>();
      for (PanOs.Rule r : c.rules()) if (zone(r.get("from"), a) && zone(r.get("to"), b)) line(r, addrs, svcs, new Diagnostics()).ifPresent(ls::add);
      boolean intra = a.equals(b);
      String name = zones.chain();
      chains.put(name, new Chain(name, ls, Optional.of(intra ? Action.ACCEPT : Action.DROP),
          new LineSource(file, 0, intra ? "intrazone-default: allow (predefined rule; traffic within zone " + a + ")" : "interzone-default: deny (predefined rule; traffic from zone " + a + " to zone " + b + ")")));
      paths.put(name, List.of(Stage.both(name)));
    }
    List<AclLine> any = new ArrayList<>();
    boolean zoned = false;
    for (PanOs.Rule r : c.rules()) {
      Optional<AclLine> l = line(r, addrs, svcs, d);
      if (l.isEmpty()) continue;
      if (zone(r.get("from"), "") && zone(r.get("to"), "")) any.add(l.get());
      else zoned = true;
    }
    boolean closed = !any.isEmpty() && any.getLast().match().containsAll(Space.universe()) && any.getLast().action().terminal();
    if (!closed && !any.isEmpty() || zoned && !closed)
      d.warning(SourcePosition.of(file), "traffic no rule matches meets the predefined defaults: intrazone-default allows it within one zone, interzone-default denies it between zones;"
          + " without --path zones:FROM>TO flows are read as between zones (denied)" + (pairs.isEmpty() ? "" : "; zone pairs: " + String.join(", ", pairs.stream().map(p -> ZonePair.parse(p).chain()).toList())));
    chains.put("any-zone", new Chain("any-zone", any, Optional.of(Action.DROP), new LineSource(file, 0, "interzone-default: deny (predefined rule; zones not known)")));
    paths.put("any-zone", List.of(Stage.both("any-zone")));
    paths.put("forward", pairs.size() == 1 ? paths.get(ZonePair.parse(pairs.getFirst()).chain()) : paths.get("any-zone"));
    return new Acl(file, "panos", chains, paths, true);
  }

  private static boolean zone(List<String> zones, String z) {
    return zones.isEmpty() || zones.contains("any") || zones.contains(z);
  }

  private static Optional<Addrs> address(PanOs.Obj o) {
    Map<String, String> a = o.attrs();
    if (a.containsKey("ip-netmask")) return Addrs.parse(a.get("ip-netmask"));
    if (a.containsKey("ip-range")) return Addrs.parse(a.get("ip-range"));
    if (a.containsKey("fqdn")) return Optional.of(Addrs.fqdn(a.get("fqdn")));
    return Optional.empty();
  }

  private static Optional<Space> service(PanOs.Obj o) {
    String p = o.attrs().getOrDefault("protocol", "");
    int n = switch (p) { case "tcp" -> 6; case "udp" -> 17; case "sctp" -> 132; default -> -1; };
    if (n < 0 || !o.attrs().containsKey("port")) return Optional.empty();
    Optional<Ranges> dp = Ports.parse(o.attrs().get("port"));
    Optional<Ranges> sp = o.attrs().containsKey("source-port") ? Ports.parse(o.attrs().get("source-port")) : Optional.of(Ranges.of(0, 65535));
    if (dp.isEmpty() || sp.isEmpty()) return Optional.empty();
    return Optional.of(Match.any().protoNumber(n).dport(dp.get(), false).sport(sp.get(), false).build());
  }

  static Optional<AclLine> line(PanOs.Rule r, Definitions<Addrs> addrs, Definitions<Space> svcs, Diagnostics d) {
    if (r.one("disabled").equals("yes")) return Optional.empty();
    String act = r.one("action");
    Action action = switch (act) {
      case "allow" -> Action.ACCEPT;
      case "deny", "drop" -> Action.DROP;
      case "reset-client", "reset-server", "reset-both" -> Action.REJECT;
      default -> null;
    };
    if (action == null) {
      d.warning(r.at(), "rule " + r.name() + (act.isEmpty() ? " has no action" : ": action '" + act + "' is not allow, deny, drop or reset-*") + "; PAN-OS refuses to commit it; it is not evaluated");
      return Optional.empty();
    }
    List<String> problems = new ArrayList<>();
    if (r.attrs().containsKey("unmodelled")) problems.add("attributes " + String.join(", ", r.get("unmodelled")));
    for (String k : List.of("source-user", "category", "source-hip", "destination-hip"))
      if (!r.get(k).isEmpty() && !r.get(k).equals(List.of("any"))) problems.add(k + " " + String.join(" ", r.get(k)));
    Match m = Match.any();
    Optional<Addrs> src = side(r.get("source"), addrs, problems, "source"), dst = side(r.get("destination"), addrs, problems, "destination");
    if (src.isPresent()) m.src(src.get(), r.one("negate-source").equals("yes"));
    if (dst.isPresent()) m.dst(dst.get(), r.one("negate-destination").equals("yes"));
    Space match = m.build();
    // application: any, or protocol-identified App-IDs (exact); others depend on App-ID
    List<String> apps = r.get("application");
    Space appSpace = Space.EMPTY;
    boolean appKnown = true;
    for (String a : apps.isEmpty() ? List.of("any") : apps) {
      if (a.equals("any")) appSpace = Space.universe();
      else if (PROTOCOL_APPS.containsKey(a)) appSpace = appSpace.plus(PROTOCOL_APPS.get(a));
      else { appKnown = false; problems.add("application " + a + " (decided by App-ID from the payload, which no header says)"); }
    }
    if (appKnown) match = match.intersect(appSpace);
    List<String> services = r.get("service").isEmpty() ? List.of("any") : r.get("service");
    Space svc = Space.EMPTY;
    boolean svcKnown = true;
    for (String s : services) {
      switch (s) {
        case "any" -> svc = Space.universe();
        case "application-default" -> {
          // protocol-identified App-IDs have no port: any port; other applications' default ports are App-ID's
          if (appKnown && !apps.contains("any") && !apps.isEmpty()) svc = Space.universe();
          else { svcKnown = false; problems.add("service application-default (the applications' default ports are App-ID's)"); }
        }
        default -> {
          Definitions.Resolved<Space> x = svcs.resolve(s);
          if (x.value().isEmpty()) { svcKnown = false; problems.add("service " + x.problem()); }
          else svc = svc.plus(x.value().get());
        }
      }
    }
    if (svcKnown) match = match.intersect(svc);
    AclLine l = AclLine.of(match, action, new LineSource(r.at().file(), r.at().line(), "rule " + r.name() + ": " + r.text()));
    return Optional.of(problems.isEmpty() ? l : Unmodelled.doubtful(l, problems, r.at(), d));
  }

  private static Optional<Addrs> side(List<String> names, Definitions<Addrs> addrs, List<String> problems, String what) {
    Addrs a = Addrs.NONE;
    for (String n : names.isEmpty() ? List.of("any") : names) {
      if (n.equals("any")) { a = Addrs.ANY; continue; }
      Definitions.Resolved<Addrs> r = addrs.resolve(n);
      if (r.value().isPresent()) { a = a.union(r.value().get()); continue; }
      Optional<Addrs> literal = Addrs.parse(n); // PAN-OS accepts addresses and prefixes in rules directly
      if (literal.isPresent()) { a = a.union(literal.get()); continue; }
      problems.add(what + " " + r.problem());
      return Optional.empty();
    }
    return Optional.of(a);
  }
}
