package org.portolan.probe;

import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.portolan.plan.Endpoint;
import org.portolan.plan.Flow;
import org.portolan.plan.FlowPlan;

/**
 * The demo's probe: a go-live rehearsal that never leaves the machine. The flows one host
 * initiates are moved onto loopback — each single IPv4 destination {@code a.b.c.d} becomes
 * {@code 127.77.c.d}, the source {@code 127.0.0.1} — then {@link Listener} stands in for the
 * responders on those loopback addresses and {@link Prober} probes them. Flows whose
 * destinations are networks, IPv6 only or FQDNs are listed as not rehearsed. Every address
 * contacted is checked to be in 127.0.0.0/8 before anything is sent.
 */
public final class LoopbackRehearsal {
  private LoopbackRehearsal() {}

  /** What the rehearsal did: the report, the listener's bindings and the flows left out. */
  public record Result(ProbeReport report, List<Listener.Binding> bindings, List<String> skipped) {}

  /** Rehearses the flows initiated by {@code initiator} (its addresses) on loopback. */
  public static Result run(FlowPlan plan, List<InetAddress> initiator, Duration timeout) {
    List<Flow> mine = Sources.initiatedBy(plan.flows(), initiator);
    List<Flow> moved = new ArrayList<>();
    List<String> skipped = new ArrayList<>();
    List<InetAddress> stands = new ArrayList<>();
    java.util.Map<String, java.util.Set<String>> standsFor = new java.util.HashMap<>();
    for (Flow f : mine) {
      if (!f.protocol().hasPorts()) {
        skipped.add(f.name() + ": " + f.protocol().keyword() + " has no ports to rehearse");
        continue;
      }
      List<IPAddress> dst = new ArrayList<>();
      for (Endpoint e : f.destinations())
        if (e instanceof Endpoint.Addresses a)
          for (IPAddress b : a.blocks())
            if (b.isIPv4() && b.getCount().intValue() == 1) {
              IPAddress lo = loopbackFor(b);
              dst.add(lo);
              standsFor.computeIfAbsent(lo.withoutPrefixLength().toCanonicalString(), k -> new java.util.TreeSet<>()).add(b.withoutPrefixLength().toCanonicalString());
            }
      if (dst.isEmpty()) {
        skipped.add(f.name() + ": destinations are networks, IPv6-only hosts or names");
        continue;
      }
      for (IPAddress d : dst) if (!stands.contains(d.toInetAddress())) stands.add(d.toInetAddress());
      moved.add(new Flow(f.name(), List.of(new Endpoint.Addresses("loopback", "", List.of(loopback("127.0.0.1")))),
          List.of(new Endpoint.Addresses("stand-in", "", dst)), f.protocol(), f.ports(), f.stateful(), true, f.traces()));
    }
    for (InetAddress a : stands)
      if (!a.isLoopbackAddress()) throw new IllegalStateException("rehearsal address " + a + " is not loopback");
    ProbeOptions o = new ProbeOptions(timeout, 1, 64, 1000, 500, Duration.ofMinutes(2), 16, 1, false);
    try (Listener l = Listener.start(moved, stands, o.maxPortsPerFlow(), 512)) {
      ProbeReport r = new Prober(o, name -> List.of(), (d, t) -> { }).probe(moved, "127.0.0.1");
      return new Result(explained(r, standsFor), l.bindings(), skipped);
    }
  }

  /**
   * Every result says why its addresses are 127.x: which deployment address the loopback
   * destination stands in for, so that the report's evidence cannot be read as a probe of the
   * real network.
   */
  static ProbeReport explained(ProbeReport r, java.util.Map<String, java.util.Set<String>> standsFor) {
    List<ProbeResult> out = new ArrayList<>();
    for (ProbeResult x : r.results()) {
      java.util.Set<String> real = standsFor.getOrDefault(x.dst(), java.util.Set.of());
      String why = "loopback rehearsal: " + x.dst() + (real.isEmpty() ? "" : " stands in for " + String.join(", ", real))
          + ", probed from 127.0.0.1 (nothing left this machine)";
      out.add(new ProbeResult(x.name(), x.src(), x.dst(), x.proto(), x.port(), x.state(), x.rttMs(), x.detail().isEmpty() ? why : x.detail() + "; " + why));
    }
    return new ProbeReport(out, r.endpointMaps());
  }

  static IPAddress loopbackFor(IPAddress v4) {
    byte[] b = v4.withoutPrefixLength().getBytes();
    return loopback("127.77." + (b[2] & 0xff) + "." + (b[3] & 0xff));
  }

  private static IPAddress loopback(String text) {
    return new IPAddressString(text).getAddress().toPrefixBlock(32);
  }
}
