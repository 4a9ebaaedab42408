package org.portolan.change;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.portolan.compile.dialect.WindowsFirewall;
import org.portolan.ingest.acl.Acl;
import org.portolan.ingest.acl.Chain;
import org.portolan.ingest.acl.LineSource;
import org.portolan.ingest.acl.Space;

/**
 * Windows Defender Firewall: one {@code New-NetFirewallRule … -Action Allow} per addition and
 * protocol, in the form compile writes (and verify reads back). Windows has no rule order: an
 * Allow rule helps only where the profile's default blocks; where a Block rule blocks, no
 * Allow rule can win over it (Block beats Allow), so that flow is refused, never written.
 */
final class WindowsDelta implements Delta {
  @Override
  public String fileName(ChangeResult r) {
    return "change.ps1";
  }

  @Override
  public Optional<String> cannotWrite(Acl acl, String rulesetText, String chain, LineSource blockedBy, Space accept) {
    Chain c = acl.chains().get(chain);
    if (c != null && !blockedBy.equals(c.policySource()))
      return Optional.of("a Block rule blocks it, and on Windows a Block rule wins over every Allow rule: remove or narrow that rule instead");
    return Optional.empty();
  }

  /** The PowerShell lines of every addition. */
  @Override
  public Map<Addition, List<String>> commands(ChangeResult r) {
    Map<Addition, List<String>> out = new LinkedHashMap<>();
    int n = 0;
    for (Addition a : r.additions()) {
      boolean outbound = a.chain().equals("output");
      List<String> lines = new ArrayList<>();
      for (Fields f : Fields.of(a.accept())) for (Fields g : f.splitIcmp()) lines.add(rule(a, g, outbound, ++n));
      out.put(a, lines);
    }
    return out;
  }

  private static String rule(Addition a, Fields f, boolean outbound, int n) {
    String id = "portolan-change-" + Delta.slug(a.flow()) + "-" + String.format("%03d", n);
    StringBuilder b = new StringBuilder("New-NetFirewallRule -Name ").append(WindowsFirewall.q(id));
    b.append(" -DisplayName ").append(WindowsFirewall.q("Portolan change: " + Delta.clean(a.why(), 200)));
    b.append(" -Direction ").append(outbound ? "Outbound" : "Inbound").append(" -Action Allow");
    b.append(" -Protocol ").append(switch (f.proto()) {
      case Fields.ANY -> "Any";
      case 6 -> "TCP";
      case 17 -> "UDP";
      case 1 -> "ICMPv4";
      case 58 -> "ICMPv6";
      default -> Integer.toString(f.proto());
    });
    if (!f.icmp().isEmpty())
      b.append(" -IcmpType ").append(f.icmp().stream().map(t -> WindowsFirewall.q(t[1] == Fields.ANY ? Integer.toString(t[0]) : t[0] + ":" + t[1])).collect(Collectors.joining(",")));
    if (!f.dports().isEmpty())
      b.append(outbound ? " -RemotePort " : " -LocalPort ").append(f.dports().stream().map(iv -> WindowsFirewall.q(Fields.range(iv, "-"))).collect(Collectors.joining(",")));
    List<String> local = outbound ? f.src() : f.dst(), remote = outbound ? f.dst() : f.src();
    if (!local.isEmpty()) b.append(" -LocalAddress ").append(local.stream().map(WindowsFirewall::q).collect(Collectors.joining(",")));
    if (!remote.isEmpty()) b.append(" -RemoteAddress ").append(remote.stream().map(WindowsFirewall::q).collect(Collectors.joining(",")));
    return b.append(" | Out-Null").toString();
  }

  @Override
  public String script(ChangeResult r) {
    return Delta.commented(r, "# Portolan change for " + r.acl().file() + ": new Allow rules only; nothing existing is changed. Run as Administrator.\n", commands(r));
  }

  @Override
  public String position(ChangeResult r, Addition a) {
    return (a.chain().equals("output") ? "outbound" : "inbound") + " (a new Allow rule; Windows rules have no order)";
  }

  @Override
  public List<String> tighten(ChangeResult r, Tightening t) {
    return List.of();
  }
}
