package org.portolan.compile.dialect;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
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
 * Windows Defender Firewall as a PowerShell script of {@code New-NetFirewallRule} calls (one
 * rule group per rule set, replaced on every run). Every value is a single-quoted literal;
 * quotes inside (including the typographic ones PowerShell also treats as quotes) are doubled.
 * Windows filters host traffic only: rules meant for a network firewall become inbound rules
 * of the destination hosts, flagged in the header.
 */
public final class WindowsFirewall implements Dialect {
  @Override
  public String name() {
    return "windows";
  }

  @Override
  public Capabilities capabilities() {
    return Capabilities.builder().icmp().icmpTypes().otherProtocols(Capabilities.ANY_PROTOCOL).portLists().stateful().ipv6().build();
  }

  @Override
  public List<Output> render(RuleSet rs) {
    List<String> approx = new ArrayList<>();
    if (rs.kind() == RuleSet.Kind.NETWORK)
      approx.add("Windows Defender Firewall filters only a host's own traffic: the rules for network firewall " + rs.firewall() + " are written as inbound rules to run on each destination host");
    if (rs.kind() == RuleSet.Kind.STANDALONE) approx.add("Windows does not filter forwarded traffic: run this on the responding hosts");
    String group = "Portolan " + rs.name();
    StringBuilder b = new StringBuilder();
    String scope = "Every rule of group '" + group + "' permits exactly the required flows named in its description. Windows' built-in rules and rules of other groups"
        + " stay in force (this script replaces only its own group): list what else is allowed with Get-NetFirewallRule -Enabled True -Action Allow | Where-Object Group -ne '"
        + group.replace("'", "''") + "'.";
    for (String l : Texts.prefixed("# ", Texts.header(rs, name(), "inbound" + (rs.hasOutbound() ? " and outbound" : "") + " connections no enabled rule allows are blocked (Set-NetFirewallProfile -DefaultInboundAction Block"
        + (rs.hasOutbound() ? " -DefaultOutboundAction Block" : "") + "); replies to allowed connections pass (the firewall is stateful).", scope, approx))) b.append(l).append('\n');
    b.append("#Requires -Modules NetSecurity\n");
    b.append("$ErrorActionPreference = 'Stop'\n");
    b.append("Get-NetFirewallRule -Group ").append(q(group)).append(" -ErrorAction SilentlyContinue | Remove-NetFirewallRule\n");
    b.append("Set-NetFirewallProfile -Profile Domain,Private,Public -Enabled True -DefaultInboundAction Block");
    if (rs.hasOutbound()) b.append(" -DefaultOutboundAction Block");
    b.append('\n');
    int n = 0;
    for (Rule r : rs.rules()) {
      for (Ports ports : ports(r)) {
        n++;
        rule(b, rs, group, r, ports, String.format("%s-%03d", Names.slug(rs.name()), n));
      }
    }
    return List.of(Output.text(Names.slug(rs.name()) + ".ps1", b.toString()));
  }

  private static void rule(StringBuilder b, RuleSet rs, String group, Rule r, Ports ports, String id) {
    boolean out = r.placement() instanceof Placement.Outbound;
    b.append("\n# ").append(Texts.line(r.reasons().refs())).append(ports.why().isEmpty() ? "" : " — " + ports.why()).append('\n');
    b.append("New-NetFirewallRule -Name ").append(q("portolan-" + id));
    b.append(" -DisplayName ").append(q("Portolan " + id + ": " + r.reasons().refs()));
    b.append(" -Group ").append(q(group));
    b.append(" -Direction ").append(out ? "Outbound" : "Inbound").append(" -Action Allow");
    boolean v6 = r.ipv6();
    b.append(" -Protocol ").append(switch (r.protocol()) {
      case Protocol.Tcp t -> "TCP";
      case Protocol.Udp u -> "UDP";
      case Protocol.Icmp i -> v6 ? "ICMPv6" : "ICMPv4";
      case Protocol.Ip ip -> Integer.toString(ip.number());
    });
    if (r.protocol() instanceof Protocol.Icmp i && i.type().isPresent())
      b.append(" -IcmpType ").append(q(i.code().isPresent() ? i.type().getAsInt() + ":" + i.code().getAsInt() : Integer.toString(i.type().getAsInt())));
    if (r.protocol().hasPorts()) b.append(out ? " -RemotePort " : " -LocalPort ").append(list(ports.values()));
    List<String> local = out ? r.source().notations() : r.destination().notations();
    List<String> remote = out ? r.destination().notations() : r.source().notations();
    b.append(" -LocalAddress ").append(list(local));
    b.append(" -RemoteAddress ").append(list(remote));
    String desc = r.reasons().refs() + (r.reasons().purposes().isEmpty() ? "" : " | " + String.join("; ", r.reasons().purposes()));
    b.append(" -Description ").append(q(desc)).append(" | Out-Null\n");
  }

  /** The port values of one New-NetFirewallRule, and why they are a keyword when they are. */
  record Ports(List<String> values, String why) {}

  /** Windows' dynamic RPC ranges: the default since Vista/2008 and the legacy one. */
  static final List<PortRange> RPC_DYNAMIC = List.of(new PortRange(49152, 65535), new PortRange(1025, 5000));

  /**
   * The rule's port lists. An inbound TCP rule whose requirement is RPC (its purposes or
   * references say "RPC") gets its endpoint mapper port 135 as the keyword {@code RPCEPMap}
   * and a dynamic RPC range as {@code RPC} — the ports the endpoint mapper actually handed to
   * a service, not the whole range — each in a rule of its own. {@code New-NetFirewallRule}
   * takes these keywords only for {@code -LocalPort} of inbound TCP rules, so outbound rules
   * keep the numbers.
   */
  static List<Ports> ports(Rule r) {
    List<PortRange> ranges = r.ports().ranges();
    boolean rpc = r.protocol() instanceof Protocol.Tcp && !(r.placement() instanceof Placement.Outbound)
        && (r.reasons().purposes().stream().anyMatch(WindowsFirewall::saysRpc) || r.reasons().requirements().stream().anyMatch(WindowsFirewall::saysRpc)
            || r.reasons().flows().stream().anyMatch(WindowsFirewall::saysRpc));
    List<String> numbers = new ArrayList<>();
    List<Ports> out = new ArrayList<>();
    boolean epm = false, dynamic = false;
    for (PortRange p : ranges) {
      if (rpc && p.isSingle() && p.from() == 135) epm = true;
      else if (rpc && RPC_DYNAMIC.contains(p)) dynamic = true;
      else numbers.add(Texts.range(p, "-"));
    }
    if (!numbers.isEmpty() || (!epm && !dynamic)) out.add(new Ports(numbers, ""));
    if (epm) out.add(new Ports(List.of("RPCEPMap"), "tcp/135 as RPCEPMap: the RPC endpoint mapper"));
    if (dynamic) out.add(new Ports(List.of("RPC"), "the dynamic range as RPC: only the ports the endpoint mapper assigned"));
    return out;
  }

  private static boolean saysRpc(String s) {
    return java.util.regex.Pattern.compile("(?i)(^|[^a-z])rpc([^a-z]|$)").matcher(s).find();
  }

  private static String list(List<String> values) {
    return values.stream().map(WindowsFirewall::q).collect(Collectors.joining(","));
  }

  /** A PowerShell single-quoted literal: every quote character PowerShell recognises is doubled. */
  public static String q(String s) {
    StringBuilder b = new StringBuilder("'");
    for (char c : s.toCharArray()) {
      if (c == '\'' || c == '\u2018' || c == '\u2019' || c == '\u201A' || c == '\u201B') b.append(c).append(c);
      else if (c == '\n' || c == '\r') b.append(' ');
      else b.append(c);
    }
    return b.append('\'').toString();
  }
}
