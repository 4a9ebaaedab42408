package org.portolan.ingest.windows;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
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
import org.portolan.ingest.acl.Protocols;
import org.portolan.ingest.acl.Ranges;
import org.portolan.ingest.acl.Space;
import org.portolan.ingest.acl.Stage;
import org.portolan.ingest.acl.Unmodelled;

/**
 * Windows rules → ACL model. Windows has no rule order: a connection matching any enabled
 * Block rule is blocked, else one matching an enabled Allow rule is allowed, else the
 * profile's default applies (inbound Block, outbound Allow, unless the input sets them with
 * {@code Set-NetFirewallProfile}). So each direction is one chain: every Block rule, then
 * every Allow rule, then the default. Inbound ({@code input}): remote = source, local =
 * destination, LocalPort = destination port; outbound ({@code output}) the other way.
 * Keywords whose addresses or ports depend on the host (LocalSubnet, DNS, DefaultGateway,
 * Intranet, RPC, RPCEPMap, …) are said, never read as "any".
 */
final class WindowsConverter {
  private WindowsConverter() {}

  private static final Map<String, Integer> PROTOCOLS = Map.of("tcp", 6, "udp", 17, "icmpv4", 1, "icmpv6", 58);

  static Acl convert(WindowsRules.Doc doc, String file, Diagnostics d) {
    boolean inBlock = true, outBlock = false;
    LineSource inSrc = new LineSource(file, 0, "default inbound action Block (Windows' default for every profile)");
    LineSource outSrc = new LineSource(file, 0, "default outbound action Allow (Windows' default for every profile)");
    for (WindowsRules.Profile p : doc.profiles()) {
      // one line may set both defaults: each direction's source names its own, so the two stay distinct lines
      if (p.inboundBlock().isPresent()) { inBlock = p.inboundBlock().get(); inSrc = new LineSource(file, p.at().line(), "default inbound action " + (inBlock ? "Block" : "Allow") + ": " + p.text()); }
      if (p.outboundBlock().isPresent()) { outBlock = p.outboundBlock().get(); outSrc = new LineSource(file, p.at().line(), "default outbound action " + (outBlock ? "Block" : "Allow") + ": " + p.text()); }
    }
    List<AclLine> in = new ArrayList<>(), out = new ArrayList<>();
    for (boolean block : new boolean[] {true, false})
      for (WindowsRules.Rule r : doc.rules())
        if (r.enabled() && r.allow() != block) (r.inbound() ? in : out).add(line(r, file, d));
    Map<String, Chain> chains = Map.of(
        "input", new Chain("input", in, Optional.of(inBlock ? Action.DROP : Action.ACCEPT), inSrc),
        "output", new Chain("output", out, Optional.of(outBlock ? Action.DROP : Action.ACCEPT), outSrc));
    return new Acl(file, "windows", chains, Map.of("input", List.of(Stage.both("input")), "output", List.of(Stage.both("output"))), true);
  }

  static AclLine line(WindowsRules.Rule r, String file, Diagnostics d) {
    Action action = r.allow() ? Action.ACCEPT : Action.DROP;
    List<String> problems = new ArrayList<>(r.unmodelled());
    if (!r.profile().equals("Any")) problems.add("profile " + r.profile() + " (the rule applies only while that network profile is active, which the file does not say)");
    Match m = Match.any();
    String proto = r.protocol().toLowerCase(Locale.ROOT);
    int pn = -1;
    if (!proto.equals("any") && !proto.isEmpty()) {
      OptionalInt n = PROTOCOLS.containsKey(proto) ? OptionalInt.of(PROTOCOLS.get(proto)) : Protocols.number(proto, 255);
      if (n.isEmpty()) problems.add("protocol '" + r.protocol() + "'");
      else { pn = n.getAsInt(); m.protoNumber(pn); if (pn == 1) m.family(4); if (pn == 58) m.family(6); }
    }
    Optional<Ranges> local = ports(r.localPorts(), problems, "LocalPort"), remote = ports(r.remotePorts(), problems, "RemotePort");
    if (pn == 6 || pn == 17) {
      if (local.isPresent()) { if (r.inbound()) m.dport(local.get(), false); else m.sport(local.get(), false); }
      if (remote.isPresent()) { if (r.inbound()) m.sport(remote.get(), false); else m.dport(remote.get(), false); }
    } else if ((pn == 1 || pn == 58) && !r.icmpTypes().isEmpty() && !r.icmpTypes().equals(List.of("Any"))) {
      Ranges t = Ranges.EMPTY;
      for (String x : r.icmpTypes()) {
        String[] tc = x.split(":", 2);
        OptionalInt ty = Protocols.number(tc[0].strip(), 255), co = tc.length > 1 ? Protocols.number(tc[1].strip(), 255) : OptionalInt.empty();
        if (ty.isEmpty() || tc.length > 1 && co.isEmpty()) { problems.add("IcmpType '" + x + "'"); continue; }
        t = t.union(Ports.icmp(ty.getAsInt(), co));
      }
      m.dport(t, false);
    } else if (local.isPresent() && !local.get().equals(Ranges.of(0, 65535)) || remote.isPresent() && !remote.get().equals(Ranges.of(0, 65535))) {
      problems.add("ports on protocol " + r.protocol());
    }
    Optional<Addrs> la = addrs(r.localAddresses(), problems, "LocalAddress"), ra = addrs(r.remoteAddresses(), problems, "RemoteAddress");
    if (la.isPresent()) { if (r.inbound()) m.dst(la.get(), false); else m.src(la.get(), false); }
    if (ra.isPresent()) { if (r.inbound()) m.src(ra.get(), false); else m.dst(ra.get(), false); }
    Space match = m.build();
    String text = r.name() + " (" + (r.inbound() ? "Inbound " : "Outbound ") + (r.allow() ? "Allow " : "Block ") + r.protocol()
        + (r.localPorts().isEmpty() ? "" : " LocalPort " + String.join(",", r.localPorts())) + (r.remotePorts().isEmpty() ? "" : " RemotePort " + String.join(",", r.remotePorts()))
        + (r.remoteAddresses().isEmpty() ? "" : " RemoteAddress " + String.join(",", r.remoteAddresses())) + (r.localAddresses().isEmpty() ? "" : " LocalAddress " + String.join(",", r.localAddresses())) + ")";
    AclLine l = AclLine.of(match, action, new LineSource(file, r.at().line(), text));
    return problems.isEmpty() ? l : Unmodelled.doubtful(l, problems, r.at(), d);
  }

  private static boolean any(List<String> v) {
    return v.isEmpty() || v.stream().anyMatch(x -> x.equalsIgnoreCase("Any") || x.equals("*"));
  }

  /** Numbers and ranges; keywords (RPC, RPCEPMap, IPHTTPSIn, Teredo, mDNS, PlayToDiscovery …) are host-dependent: a problem. */
  private static Optional<Ranges> ports(List<String> v, List<String> problems, String what) {
    if (any(v)) return Optional.of(Ranges.of(0, 65535));
    Optional<Ranges> r = Ports.parse(String.join(",", v));
    if (r.isEmpty()) problems.add(what + " " + String.join(",", v) + (v.stream().anyMatch(x -> x.toUpperCase(Locale.ROOT).startsWith("RPC")) ? " (dynamic RPC ports the endpoint mapper assigns at run time)" : " (a keyword whose ports the host decides)"));
    return r;
  }

  /** Addresses, prefixes (also with dotted masks), ranges; keywords (LocalSubnet, DNS, DHCP, DefaultGateway, Intranet, Internet …) are host-dependent: a problem. */
  private static Optional<Addrs> addrs(List<String> v, List<String> problems, String what) {
    if (any(v)) return Optional.empty();
    Addrs a = Addrs.NONE;
    for (String x : v) {
      Optional<Addrs> p = Addrs.parse(x);
      if (p.isEmpty()) { problems.add(what + " " + x + (Character.isLetter(x.charAt(0)) && !x.contains(":") ? " (a keyword whose addresses depend on the host's network)" : " (not an address)")); return Optional.empty(); }
      a = a.union(p.get());
    }
    return Optional.of(a);
  }
}
