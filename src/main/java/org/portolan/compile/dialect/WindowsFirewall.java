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
    for (String l : Texts.prefixed("# ", Texts.header(rs, name(), "inbound" + (rs.hasOutbound() ? " and outbound" : "") + " connections not allowed below are blocked (Set-NetFirewallProfile -DefaultInboundAction Block"
        + (rs.hasOutbound() ? " -DefaultOutboundAction Block" : "") + "); replies to allowed connections pass (the firewall is stateful).", approx))) b.append(l).append('\n');
    b.append("#Requires -Modules NetSecurity\n");
    b.append("$ErrorActionPreference = 'Stop'\n");
    b.append("Get-NetFirewallRule -Group ").append(q(group)).append(" -ErrorAction SilentlyContinue | Remove-NetFirewallRule\n");
    b.append("Set-NetFirewallProfile -Profile Domain,Private,Public -Enabled True -DefaultInboundAction Block");
    if (rs.hasOutbound()) b.append(" -DefaultOutboundAction Block");
    b.append('\n');
    int n = 0;
    for (Rule r : rs.rules()) {
      n++;
      boolean out = r.placement() instanceof Placement.Outbound;
      String id = String.format("%s-%03d", Names.slug(rs.name()), n);
      b.append("\n# ").append(Texts.line(r.reasons().refs())).append('\n');
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
      if (r.protocol().hasPorts()) b.append(out ? " -RemotePort " : " -LocalPort ").append(list(r.ports().ranges().stream().map(p -> Texts.range(p, "-")).toList()));
      List<String> local = out ? r.source().notations() : r.destination().notations();
      List<String> remote = out ? r.destination().notations() : r.source().notations();
      b.append(" -LocalAddress ").append(list(local));
      b.append(" -RemoteAddress ").append(list(remote));
      String desc = r.reasons().refs() + (r.reasons().purposes().isEmpty() ? "" : " | " + String.join("; ", r.reasons().purposes()));
      b.append(" -Description ").append(q(desc)).append(" | Out-Null\n");
    }
    return List.of(Output.text(Names.slug(rs.name()) + ".ps1", b.toString()));
  }

  private static String list(List<String> values) {
    return values.stream().map(WindowsFirewall::q).collect(Collectors.joining(","));
  }

  /** A PowerShell single-quoted literal: every quote character PowerShell recognises is doubled. */
  static String q(String s) {
    StringBuilder b = new StringBuilder("'");
    for (char c : s.toCharArray()) {
      if (c == '\'' || c == '\u2018' || c == '\u2019' || c == '\u201A' || c == '\u201B') b.append(c).append(c);
      else if (c == '\n' || c == '\r') b.append(' ');
      else b.append(c);
    }
    return b.append('\'').toString();
  }
}
