package org.portolan.observe;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.portolan.attribution.Ip;
import org.portolan.plan.Endpoint;
import org.portolan.plan.Flow;
import org.portolan.plan.FlowPlan;

/**
 * Names addresses the way the site does, for unexplained traffic: the smallest host or group
 * of the plan that contains the address (with its zone). An address the site does not name is
 * shown as its /24 (IPv4) or /64 (IPv6) for sources — a scan from the internet is one
 * candidate, not thousands — and as itself for destinations.
 */
final class Naming {
  private record Named(long[] range, String name, String zone, double size) {}

  private final List<Named> named = new ArrayList<>();

  Naming(FlowPlan plan) {
    if (plan == null) return;
    java.util.Set<String> seen = new java.util.HashSet<>();
    for (Flow f : plan.flows())
      for (List<Endpoint> side : List.of(f.sources(), f.destinations()))
        for (Endpoint e : side)
          if (e instanceof Endpoint.Addresses a && seen.add(a.name() + "\u0000" + a.notation()))
            for (var b : a.blocks()) {
              long[] r = Ip.range(b);
              named.add(new Named(r, a.name(), a.zone(), b.getCount().doubleValue()));
            }
    named.sort(Comparator.comparingDouble(Named::size).thenComparing(Named::name));
  }

  /** The name of the smallest site endpoint containing the address, "" when none; zone after a tab. */
  String name(long hi, long lo) {
    for (Named n : named) if (Ip.within(hi, lo, n.range)) return n.name + (n.zone.isEmpty() ? "" : " (zone " + n.zone + ")");
    return "";
  }

  String source(long hi, long lo) {
    String n = name(hi, lo);
    if (!n.isEmpty()) return n;
    if (Ip.isV4(hi, lo)) return Ip.text(hi, lo & ~0xFFL) + "/24 (not in the site)";
    return Ip.text(hi, 0) + "/64 (not in the site)";
  }

  String destination(long hi, long lo) {
    String n = name(hi, lo);
    String a = Ip.text(hi, lo);
    return n.isEmpty() ? a + " (not in the site)" : n.startsWith(a) ? n : n + " " + a;
  }
}
