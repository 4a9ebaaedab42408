package org.portolan.attribution;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.portolan.model.PortRange;
import org.portolan.model.Protocol;
import org.portolan.plan.Endpoint;
import org.portolan.plan.Flow;
import org.portolan.plan.FlowPlan;

/**
 * Finds the flows of a plan that one observed connection belongs to — the one rule set
 * {@code capture} (packets) and {@code observe} (flow and firewall logs) both attribute by:
 * a source block contains the source, a destination block the destination, the protocol
 * matches and the destination port is in the flow's ports. FQDN endpoints cannot be matched
 * from addresses alone and match nothing.
 *
 * <p>Also remembers what endpoint mappers handed out: a later connection from that client to
 * that server and port is attributed to the flows that allow the port between the two hosts,
 * or, when none does, to the flows that allow TCP 135 between them (the RPC service whose
 * mapper named the port).
 *
 * <p>{@link #match} is safe to call from many threads as long as no thread calls
 * {@link #endpointMapperSaid} at the same time (observe never does; capture is single-threaded).
 */
public final class Attributor {
  public static final int TCP = 6;
  public static final int UDP = 17;
  private static final int EPM_LIMIT = 1 << 16;
  private static final int[] NONE = new int[0];

  private record Compiled(Flow flow, int proto, long[][] src, long[][] dst) {}

  /** What an endpoint mapper said about (client, server, proto, port). */
  private record EpmKey(long cHi, long cLo, long sHi, long sLo, int proto, int port) {}

  /**
   * The flows (indices into {@link #flows()}, in plan order) a connection matched, and the
   * evidence number (packet, line) of the endpoint-mapper answer that named its port, or 0.
   */
  public record Match(int[] flows, long viaEpm) {
    public boolean explained() {
      return flows.length > 0;
    }
  }

  private final List<Compiled> flows = new ArrayList<>();
  /** Per protocol (tcp, udp) and destination port: the candidate flows, in plan order. */
  private final int[][] tcpByPort = new int[65536][];
  private final int[][] udpByPort = new int[65536][];
  private final Map<EpmKey, Long> epm = new LinkedHashMap<>(16, 0.75f, false) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<EpmKey, Long> eldest) {
      return size() > EPM_LIMIT;
    }
  };

  /** {@code plan} may be null: then nothing matches. */
  public Attributor(FlowPlan plan) {
    java.util.Arrays.fill(tcpByPort, NONE);
    java.util.Arrays.fill(udpByPort, NONE);
    if (plan == null) return;
    List<List<Integer>> tcp = new ArrayList<>(), udp = new ArrayList<>();
    for (int p = 0; p < 65536; p++) {
      tcp.add(null);
      udp.add(null);
    }
    for (Flow f : plan.flows()) {
      int proto = switch (f.protocol()) {
        case Protocol.Tcp t -> TCP;
        case Protocol.Udp u -> UDP;
        case Protocol.Icmp i -> -1;
        case Protocol.Ip ip -> -1;
      };
      int index = flows.size();
      flows.add(new Compiled(f, proto, ranges(f.sources()), ranges(f.destinations())));
      if (proto < 0) continue;
      List<List<Integer>> byPort = proto == TCP ? tcp : udp;
      for (PortRange r : f.ports().ranges())
        for (int p = r.from(); p <= r.to(); p++) {
          if (byPort.get(p) == null) byPort.set(p, new ArrayList<>(2));
          byPort.get(p).add(index);
        }
    }
    for (int p = 0; p < 65536; p++) {
      tcpByPort[p] = tcp.get(p) == null ? NONE : tcp.get(p).stream().mapToInt(Integer::intValue).toArray();
      udpByPort[p] = udp.get(p) == null ? NONE : udp.get(p).stream().mapToInt(Integer::intValue).toArray();
    }
  }

  private static long[][] ranges(List<Endpoint> endpoints) {
    List<long[]> out = new ArrayList<>();
    for (Endpoint e : endpoints) {
      switch (e) {
        case Endpoint.Addresses a -> a.blocks().forEach(b -> out.add(Ip.range(b)));
        case Endpoint.Fqdn f -> {
          // names are not resolved from packets or logs
        }
      }
    }
    return out.toArray(long[][]::new);
  }

  public List<Flow> flows() {
    return flows.stream().map(Compiled::flow).toList();
  }

  public Flow flow(int index) {
    return flows.get(index).flow();
  }

  /**
   * Remembers an endpoint the mapper named to {@code client} when it asked {@code server}:
   * under that server (the client may use IPv6 while the tower carries only an IPv4 floor)
   * and, when the tower names an IPv4 address ({@code towerIpv4} != 0), under that one too.
   */
  public void endpointMapperSaid(long cHi, long cLo, long sHi, long sLo, int proto, int port, long towerIpv4, long evidence) {
    epm.put(new EpmKey(cHi, cLo, sHi, sLo, proto, port), evidence);
    if (towerIpv4 != 0) epm.put(new EpmKey(cHi, cLo, 0, Ip.V4_MAPPED | towerIpv4, proto, port), evidence);
  }

  /** The flows a connection from (aHi, aLo) to (bHi, bLo), protocol {@code proto}, destination {@code port} serves. */
  public Match match(long aHi, long aLo, long bHi, long bLo, int proto, int port) {
    int[] direct = find(aHi, aLo, bHi, bLo, proto, port);
    if (epm.isEmpty()) return new Match(direct, 0);
    Long via = epm.get(new EpmKey(aHi, aLo, bHi, bLo, proto, port));
    if (direct.length == 0 && via != null) direct = find(aHi, aLo, bHi, bLo, TCP, 135);
    return new Match(direct, via == null ? 0 : via);
  }

  private int[] find(long aHi, long aLo, long bHi, long bLo, int proto, int port) {
    if (port < 0 || port > 65535) return NONE;
    int[] candidates = proto == TCP ? tcpByPort[port] : proto == UDP ? udpByPort[port] : NONE;
    if (candidates.length == 0) return NONE;
    int[] hits = null;
    int n = 0;
    for (int i : candidates) {
      Compiled c = flows.get(i);
      if (!any(c.src, aHi, aLo) || !any(c.dst, bHi, bLo)) continue;
      if (hits == null) hits = new int[candidates.length];
      hits[n++] = i;
    }
    if (n == 0) return NONE;
    return n == hits.length ? hits : java.util.Arrays.copyOf(hits, n);
  }

  private static boolean any(long[][] ranges, long hi, long lo) {
    for (long[] r : ranges) if (Ip.within(hi, lo, r)) return true;
    return false;
  }
}
