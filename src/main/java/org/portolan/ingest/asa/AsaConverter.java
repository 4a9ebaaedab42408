package org.portolan.ingest.asa;

import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.portolan.diag.Diagnostics;
import org.portolan.diag.SourcePosition;
import org.portolan.ingest.acl.Acl;
import org.portolan.ingest.acl.AclLine;
import org.portolan.ingest.acl.Action;
import org.portolan.ingest.acl.Addrs;
import org.portolan.ingest.acl.Box;
import org.portolan.ingest.acl.Chain;
import org.portolan.ingest.acl.LineSource;
import org.portolan.ingest.acl.Match;
import org.portolan.ingest.acl.Ports;
import org.portolan.ingest.acl.Protocols;
import org.portolan.ingest.acl.Ranges;
import org.portolan.ingest.acl.Space;
import org.portolan.ingest.acl.Stage;

/**
 * ASA vendor records → ACL model. Every access-list becomes a chain ending in the implicit
 * deny; {@code access-group … in interface X} the path {@code in:X} (the interface list, then
 * the global list), {@code … out interface Y} the path {@code out:Y}. The ASA is stateful:
 * replies of permitted connections pass without rules.
 */
final class AsaConverter {
  static final int MAX_NESTING = 16;

  /** Protocols, source ports and destination ports (ICMP: type*256+code) of one service term. */
  record Term(Ranges proto, Ranges sport, Ranges dport) {
    static Term of(Ranges proto) {
      return new Term(proto, Box.ALL_PORTS, Box.ALL_PORTS);
    }
  }

  private final Asa.Config cfg;
  private final String file;
  private final Diagnostics d;
  private List<String> problems;

  AsaConverter(Asa.Config cfg, String file, Diagnostics d) {
    this.cfg = cfg;
    this.file = file;
    this.d = d;
  }

  Optional<Acl> acl() {
    Map<String, List<AclLine>> lists = new LinkedHashMap<>();
    for (Asa.Entry e : cfg.entries()) lists.computeIfAbsent(e.acl(), k -> new ArrayList<>()).add(line(e));
    Map<String, Chain> chains = new HashMap<>();
    for (var e : lists.entrySet()) chains.put("acl " + e.getKey(), new Chain("acl " + e.getKey(), e.getValue(), Optional.empty(), null));
    Map<String, List<Stage>> paths = new HashMap<>();
    Optional<Asa.Binding> global = cfg.bindings().stream().filter(b -> b.direction().equals("global")).findFirst();
    for (Asa.Binding b : cfg.bindings()) {
      if (!lists.containsKey(b.acl())) {
        d.error(new SourcePosition(file, b.line(), 1), "access-group names access-list " + b.acl() + ", which has no extended entries");
        continue;
      }
      String path = switch (b.direction()) {
        case "in" -> "in:" + b.iface();
        case "out" -> "out:" + b.iface();
        default -> "global";
      };
      List<AclLine> lines = new ArrayList<>();
      LineSource bind = new LineSource(file, b.line(), b.text());
      lines.add(AclLine.of(Space.universe(), new Action.Call("acl " + b.acl()), bind));
      if (b.direction().equals("in") && global.isPresent() && lists.containsKey(global.get().acl()))
        lines.add(AclLine.of(Space.universe(), new Action.Call("acl " + global.get().acl()), new LineSource(file, global.get().line(), global.get().text())));
      chains.put(path, new Chain(path, lines, Optional.of(Action.DROP), new LineSource(file, b.line(), "implicit deny at the end of access-list " + b.acl())));
      paths.put(path, List.of(Stage.both(path)));
    }
    if (d.hasErrors()) return Optional.empty();
    List<String> ins = paths.keySet().stream().filter(p -> p.startsWith("in:")).sorted().toList();
    if (ins.size() == 1 && !paths.containsKey("global")) paths.put("forward", paths.get(ins.getFirst()));
    else if (ins.isEmpty() && paths.containsKey("global")) paths.put("forward", paths.get("global"));
    else if (!ins.isEmpty() || paths.containsKey("global")) {
      String pick = ins.isEmpty() ? "global" : ins.getFirst();
      paths.put("forward", paths.get(pick));
      if (ins.size() > 1) d.warning(SourcePosition.of(file), "several interfaces have access-groups (" + String.join(", ", ins)
          + "); flows without an entry interface (--in-interface, or a deployment with --firewall) are evaluated on " + pick);
    }
    if (cfg.bindings().isEmpty() && !lists.isEmpty()) {
      d.warning(SourcePosition.of(file), "no access-group binds an access-list; each list is offered as path acl:NAME (choose with --path)");
      for (String n : lists.keySet()) {
        String path = "acl:" + n;
        chains.put(path, new Chain(path, List.of(AclLine.of(Space.universe(), new Action.Call("acl " + n), new LineSource(file, 0, "access-list " + n))),
            Optional.of(Action.DROP), new LineSource(file, 0, "implicit deny at the end of access-list " + n)));
        paths.put(path, List.of(Stage.both(path)));
      }
      if (lists.size() == 1) paths.put("forward", paths.get("acl:" + lists.keySet().iterator().next()));
    }
    return Optional.of(new Acl(file, "asa", chains, paths, true));
  }

  /** One extended entry → one ACL line (inactive entries match nothing). */
  AclLine line(Asa.Entry e) {
    problems = new ArrayList<>();
    SourcePosition at = new SourcePosition(file, e.line(), 1);
    Action action = e.permit() ? Action.ACCEPT : Action.DROP;
    List<String> w = e.words();
    int[] pos = {0};
    List<Term> terms = protocol(w, pos);
    Addrs src = address(w, pos);
    Optional<Ranges> sport = portOp(w, pos, terms);
    Addrs dst = address(w, pos);
    Optional<Ranges> dport = portOp(w, pos, terms);
    Optional<Ranges> icmp = Optional.empty();
    if (dport.isEmpty() && isIcmp(terms) && pos[0] < w.size() && !List.of("log", "time-range", "inactive").contains(w.get(pos[0]))) icmp = icmpType(w, pos);
    boolean inactive = false;
    while (pos[0] < w.size()) {
      String x = w.get(pos[0]++);
      switch (x) {
        case "log" -> {
          while (pos[0] < w.size() && !List.of("time-range", "inactive").contains(w.get(pos[0]))) pos[0]++;
        }
        case "inactive" -> inactive = true;
        case "time-range" -> {
          pos[0]++;
          problems.add("time-range (the entry applies only at certain times)");
        }
        default -> problems.add("'" + x + "' (word " + pos[0] + " after the action)");
      }
    }
    Space match = Space.EMPTY;
    for (Term t : terms) {
      Match m = Match.any().src(src, false).dst(dst, false).proto(t.proto(), false).sport(t.sport(), false).dport(t.dport(), false);
      sport.ifPresent(r -> m.sport(r, false));
      dport.ifPresent(r -> m.dport(r, false));
      icmp.ifPresent(r -> m.dport(r, false));
      match = match.plus(m.build());
    }
    if (inactive) match = Space.EMPTY;
    if (!problems.isEmpty()) {
      String what = String.join(", ", problems);
      if (e.permit()) {
        d.warning(at, "not modelled: " + what + "; this permit is read as matching nothing (conservative: flows it may allow are reported blocked)");
        match = Space.EMPTY;
      } else {
        d.warning(at, "not modelled: " + what + "; this deny is read without those conditions (conservative: it may block more than it does)");
      }
    }
    return AclLine.of(match, action, new LineSource(file, e.line(), e.text()));
  }

  private static boolean isIcmp(List<Term> terms) {
    return !terms.isEmpty() && terms.stream().allMatch(t -> t.proto().equals(Ranges.single(1)) || t.proto().equals(Ranges.single(58)));
  }

  private String word(List<String> w, int[] pos) {
    if (pos[0] >= w.size()) {
      problems.add("entry ends early");
      return "";
    }
    return w.get(pos[0]++);
  }

  List<Term> protocol(List<String> w, int[] pos) {
    String x = word(w, pos);
    switch (x) {
      case "object" -> { return serviceObject(word(w, pos), 0); }
      case "object-group" -> {
        String name = word(w, pos);
        Asa.Definition def = cfg.definitions().get(name);
        if (def == null) { problems.add("unknown object-group " + name); return List.of(Term.of(Box.ALL_PROTO)); }
        return switch (def.kind()) {
          case "protocol" -> List.of(Term.of(protocolGroup(def, 0)));
          case "service" -> serviceGroup(def, 0);
          default -> { problems.add("object-group " + name + " is a " + def.kind() + " group, expected protocol or service"); yield List.of(Term.of(Box.ALL_PROTO)); }
        };
      }
      default -> { return List.of(Term.of(protoName(x))); }
    }
  }

  private Ranges protoName(String x) {
    return switch (x) {
      case "ip" -> Box.ALL_PROTO;
      case "icmp6" -> Ranges.single(58);
      case "tcp-udp" -> Ranges.single(6).union(Ranges.single(17));
      default -> {
        OptionalInt n = Protocols.protocol(x);
        if (n.isEmpty()) { problems.add("protocol '" + x + "'"); yield Box.ALL_PROTO; }
        // like iptables, the ASA reads protocol number 0 as every protocol (it is shown as "ip")
        yield n.getAsInt() == 0 ? Box.ALL_PROTO : Ranges.single(n.getAsInt());
      }
    };
  }

  Addrs address(List<String> w, int[] pos) {
    String x = word(w, pos);
    switch (x) {
      case "any" -> { return Addrs.ANY; }
      case "any4" -> { return new Addrs(Box.allAddresses(4), Ranges.EMPTY); }
      case "any6" -> { return new Addrs(Ranges.EMPTY, Box.allAddresses(6)); }
      case "host" -> { return ip(word(w, pos)); }
      case "object", "object-group" -> { return networkObject(word(w, pos), 0); }
      case "interface" -> {
        problems.add("'interface " + word(w, pos) + "' address (the ASA's own interface address)");
        return Addrs.ANY;
      }
      default -> {
        if (x.contains("/")) return ip(x);
        if (pos[0] < w.size() && looksLikeMask(w.get(pos[0]))) return masked(x, word(w, pos));
        problems.add("address '" + x + "'");
        return Addrs.ANY;
      }
    }
  }

  private static boolean looksLikeMask(String s) {
    return s.matches("\\d{1,3}(\\.\\d{1,3}){3}");
  }

  private Addrs ip(String s) {
    Optional<Addrs> a = Addrs.parse(s);
    if (a.isEmpty()) { problems.add("address '" + s + "'"); return Addrs.ANY; }
    return a.get();
  }

  private Addrs masked(String addr, String mask) {
    IPAddress m = new IPAddressString(mask).getAddress();
    Integer len = m == null ? null : m.getBlockMaskPrefixLength(true);
    if (len == null) { problems.add("mask '" + mask + "' (not contiguous)"); return Addrs.ANY; }
    return ip(addr + "/" + len);
  }

  Addrs networkObject(String name, int depth) {
    Asa.Definition def = cfg.definitions().get(name);
    if (def == null || !def.kind().equals("network")) { problems.add("unknown network object " + name); return Addrs.ANY; }
    if (depth > MAX_NESTING) { problems.add("object-group " + name + " nests deeper than " + MAX_NESTING + " (a loop?)"); return Addrs.ANY; }
    Addrs a = Addrs.NONE;
    for (Asa.Member m : def.members()) {
      List<String> w = m.words();
      String k = w.getFirst();
      int[] pos = {1};
      switch (k) {
        case "host" -> a = a.union(ip(word(w, pos)));
        case "subnet" -> {
          String ad = word(w, pos);
          a = a.union(ad.contains("/") ? ip(ad) : masked(ad, word(w, pos)));
        }
        case "range" -> {
          String lo = word(w, pos), hi = word(w, pos);
          a = a.union(ip(lo + "-" + hi));
        }
        case "fqdn" -> {
          String host = word(w, pos);
          if (host.equals("v4") || host.equals("v6")) host = word(w, pos);
          a = a.union(Addrs.fqdn(host));
        }
        case "network-object" -> {
          String x = word(w, pos);
          if (x.equals("host")) a = a.union(ip(word(w, pos)));
          else if (x.equals("object")) a = a.union(networkObject(word(w, pos), depth + 1));
          else if (x.contains("/")) a = a.union(ip(x));
          else a = a.union(masked(x, word(w, pos)));
        }
        case "group-object" -> a = a.union(networkObject(word(w, pos), depth + 1));
        case "description", "nat" -> { }
        default -> problems.add("'" + m.text() + "' in object " + name);
      }
    }
    return a;
  }

  List<Term> serviceObject(String name, int depth) {
    Asa.Definition def = cfg.definitions().get(name);
    if (def == null || !def.kind().equals("service")) { problems.add("unknown service object " + name); return List.of(Term.of(Box.ALL_PROTO)); }
    if (def.group()) return serviceGroup(def, depth + 1);
    List<Term> out = new ArrayList<>();
    for (Asa.Member m : def.members()) {
      if (m.words().getFirst().equals("service")) out.addAll(serviceSpec(m.words(), 1, depth));
      else if (!m.words().getFirst().equals("description")) problems.add("'" + m.text() + "' in object " + name);
    }
    return out;
  }

  /** {@code PROTO [source OP] [destination OP]}, {@code icmp [TYPE]}, or a bare port op (old syntax: destination). */
  private List<Term> serviceSpec(List<String> w, int start, int depth) {
    int[] pos = {start};
    String p = word(w, pos);
    if (p.equals("object")) return serviceObject(word(w, pos), depth + 1);
    Ranges proto = protoName(p);
    Ranges sport = Box.ALL_PORTS, dport = Box.ALL_PORTS;
    if (proto.equals(Ranges.single(1)) || proto.equals(Ranges.single(58))) {
      if (pos[0] < w.size()) dport = icmpType(w, pos).orElse(Box.ALL_PORTS);
      return List.of(new Term(proto, sport, dport));
    }
    while (pos[0] < w.size()) {
      String k = w.get(pos[0]);
      if (k.equals("source")) { pos[0]++; sport = op(w, pos).orElse(Box.ALL_PORTS); }
      else if (k.equals("destination")) { pos[0]++; dport = op(w, pos).orElse(Box.ALL_PORTS); }
      else if (List.of("eq", "neq", "lt", "gt", "range").contains(k)) dport = op(w, pos).orElse(Box.ALL_PORTS);
      else { problems.add("'" + k + "' in service"); pos[0]++; }
    }
    return List.of(new Term(proto, sport, dport));
  }

  List<Term> serviceGroup(Asa.Definition def, int depth) {
    if (depth > MAX_NESTING) { problems.add("object-group " + def.name() + " nests deeper than " + MAX_NESTING + " (a loop?)"); return List.of(Term.of(Box.ALL_PROTO)); }
    if (!def.header().isEmpty()) {
      // a port group: object-group service NAME tcp|udp|tcp-udp, used where a port operator goes
      return List.of(new Term(protoName(def.header().getFirst()), Box.ALL_PORTS, portGroup(def, depth)));
    }
    List<Term> out = new ArrayList<>();
    for (Asa.Member m : def.members()) {
      List<String> w = m.words();
      switch (w.getFirst()) {
        case "service-object" -> out.addAll(serviceSpec(w, 1, depth));
        case "group-object" -> {
          Asa.Definition g = cfg.definitions().get(w.size() > 1 ? w.get(1) : "");
          if (g == null) problems.add("unknown object-group " + (w.size() > 1 ? w.get(1) : ""));
          else out.addAll(serviceGroup(g, depth + 1));
        }
        case "description" -> { }
        default -> problems.add("'" + m.text() + "' in object-group " + def.name());
      }
    }
    return out;
  }

  Ranges portGroup(Asa.Definition def, int depth) {
    if (depth > MAX_NESTING) { problems.add("object-group " + def.name() + " nests too deep"); return Box.ALL_PORTS; }
    Ranges r = Ranges.EMPTY;
    for (Asa.Member m : def.members()) {
      List<String> w = m.words();
      int[] pos = {1};
      switch (w.getFirst()) {
        case "port-object" -> r = r.union(op(w, pos).orElse(Box.ALL_PORTS));
        case "group-object" -> {
          Asa.Definition g = cfg.definitions().get(w.size() > 1 ? w.get(1) : "");
          if (g == null) problems.add("unknown object-group " + (w.size() > 1 ? w.get(1) : ""));
          else r = r.union(portGroup(g, depth + 1));
        }
        case "description" -> { }
        default -> problems.add("'" + m.text() + "' in object-group " + def.name());
      }
    }
    return r;
  }

  Ranges protocolGroup(Asa.Definition def, int depth) {
    if (depth > MAX_NESTING) { problems.add("object-group " + def.name() + " nests too deep"); return Box.ALL_PROTO; }
    Ranges r = Ranges.EMPTY;
    for (Asa.Member m : def.members()) {
      List<String> w = m.words();
      switch (w.getFirst()) {
        case "protocol-object" -> r = r.union(protoName(w.size() > 1 ? w.get(1) : ""));
        case "group-object" -> {
          Asa.Definition g = cfg.definitions().get(w.size() > 1 ? w.get(1) : "");
          if (g == null) problems.add("unknown object-group " + (w.size() > 1 ? w.get(1) : ""));
          else r = r.union(protocolGroup(g, depth + 1));
        }
        case "description" -> { }
        default -> problems.add("'" + m.text() + "' in object-group " + def.name());
      }
    }
    return r;
  }

  /** A port operator (eq, neq, lt, gt, range) or a port group, when one is next; empty otherwise. */
  Optional<Ranges> portOp(List<String> w, int[] pos, List<Term> terms) {
    if (pos[0] >= w.size()) return Optional.empty();
    String k = w.get(pos[0]);
    if (k.equals("object-group")) {
      Asa.Definition g = pos[0] + 1 < w.size() ? cfg.definitions().get(w.get(pos[0] + 1)) : null;
      if (g != null && g.kind().equals("service") && !g.header().isEmpty()) {
        pos[0] += 2;
        return Optional.of(portGroup(g, 0));
      }
      return Optional.empty();
    }
    if (!List.of("eq", "neq", "lt", "gt", "range").contains(k)) return Optional.empty();
    return op(w, pos);
  }

  Optional<Ranges> op(List<String> w, int[] pos) {
    String k = word(w, pos);
    if (k.equals("range")) {
      OptionalInt a = AsaNames.port(word(w, pos)), b = AsaNames.port(word(w, pos));
      if (a.isEmpty() || b.isEmpty() || a.getAsInt() > b.getAsInt()) { problems.add("port range"); return Optional.empty(); }
      return Optional.of(Ranges.of(a.getAsInt(), b.getAsInt()));
    }
    String v = word(w, pos);
    OptionalInt p = AsaNames.port(v);
    if (p.isEmpty()) { problems.add("port '" + v + "'"); return Optional.empty(); }
    int x = p.getAsInt();
    return switch (k) {
      case "eq" -> Optional.of(Ranges.single(x));
      case "neq" -> Optional.of(Box.ALL_PORTS.minus(Ranges.single(x)));
      case "lt" -> x == 0 ? Optional.of(Ranges.EMPTY) : Optional.of(Ranges.of(0, x - 1));
      case "gt" -> x >= 65535 ? Optional.of(Ranges.EMPTY) : Optional.of(Ranges.of(x + 1, 65535));
      default -> { problems.add("port operator '" + k + "'"); yield Optional.empty(); }
    };
  }

  Optional<Ranges> icmpType(List<String> w, int[] pos) {
    String x = word(w, pos);
    if (x.equals("object-group")) {
      Asa.Definition g = cfg.definitions().get(word(w, pos));
      if (g == null) { problems.add("unknown icmp-type group"); return Optional.empty(); }
      Ranges r = Ranges.EMPTY;
      for (Asa.Member m : g.members()) {
        if (m.words().size() < 2) continue;
        OptionalInt t = AsaNames.icmp(m.words().get(1));
        if (t.isEmpty()) { problems.add("icmp type '" + m.words().get(1) + "'"); continue; }
        r = r.union(Ports.icmp(t.getAsInt(), OptionalInt.empty()));
      }
      return Optional.of(r);
    }
    OptionalInt t = AsaNames.icmp(x);
    if (t.isEmpty()) { problems.add("icmp type '" + x + "'"); return Optional.empty(); }
    OptionalInt code = OptionalInt.empty();
    if (pos[0] < w.size() && w.get(pos[0]).matches("\\d{1,3}")) code = AsaNames.icmp(w.get(pos[0]++));
    return Optional.of(Ports.icmp(t.getAsInt(), code));
  }
}
