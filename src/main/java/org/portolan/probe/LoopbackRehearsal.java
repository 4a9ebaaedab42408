package org.portolan.probe;

import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
    for (Flow f : mine) {
      if (!f.protocol().hasPorts()) {
        skipped.add(f.name() + ": " + f.protocol().keyword() + " has no ports to rehearse");
        continue;
      }
      List<IPAddress> dst = new ArrayList<>();
      for (Endpoint e : f.destinations())
        if (e instanceof Endpoint.Addresses a)
          for (IPAddress b : a.blocks())
            if (b.isIPv4() && b.getCount().intValue() == 1) dst.add(loopbackFor(b));
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
      return new Result(r, l.bindings(), skipped);
    }
  }

  /**
   * Runs the rehearsal and writes {@code probe/rehearsal.txt}, {@code .json},
   * {@code -junit.xml} and {@code probe/listen.txt} under {@code dir}; returns the files.
   */
  public static List<Path> writeDemo(FlowPlan plan, List<InetAddress> initiator, String initiatorName, Path dir) {
    Result r = run(plan, initiator, Duration.ofMillis(500));
    Map<String, String> files = new LinkedHashMap<>();
    String head = "Go-live rehearsal on loopback for the flows " + initiatorName + " initiates: each destination a.b.c.d is\n"
        + "played by 'portolan listen' on 127.77.c.d and probed from 127.0.0.1. Nothing leaves this machine.\n\n";
    StringBuilder skipped = new StringBuilder();
    if (!r.skipped().isEmpty()) {
      skipped.append("\nNot rehearsed:\n");
      for (String s : r.skipped()) skipped.append("  ").append(s).append('\n');
    }
    files.put("probe/rehearsal.txt", head + ProbeFormat.TABLE.render(r.report()) + skipped);
    files.put("probe/rehearsal.json", ProbeFormat.JSON.render(r.report()));
    files.put("probe/rehearsal-junit.xml", ProbeFormat.JUNIT.render(r.report()));
    StringBuilder listen = new StringBuilder();
    for (Listener.Binding b : r.bindings())
      listen.append(String.format("%-10s %-9s %-15s %s  (%s)%n", b.bound() ? "listening" : "NOT BOUND", b.service(),
          b.address().getHostAddress(), b.detail(), String.join(", ", b.flows())));
    files.put("probe/listen.txt", listen.toString());
    List<Path> out = new ArrayList<>();
    try {
      for (var e : files.entrySet()) {
        Path p = dir.resolve(e.getKey());
        Files.createDirectories(p.getParent());
        Files.writeString(p, e.getValue(), StandardCharsets.UTF_8);
        out.add(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the probe rehearsal: " + e.getMessage(), e);
    }
    return out;
  }

  static IPAddress loopbackFor(IPAddress v4) {
    byte[] b = v4.withoutPrefixLength().getBytes();
    return loopback("127.77." + (b[2] & 0xff) + "." + (b[3] & 0xff));
  }

  private static IPAddress loopback(String text) {
    return new IPAddressString(text).getAddress().toPrefixBlock(32);
  }
}
