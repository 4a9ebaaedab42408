package org.portolan.capture;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.portolan.model.Protocol;
import org.portolan.plan.Endpoint;
import org.portolan.plan.Flow;
import org.portolan.plan.FlowPlan;
import org.portolan.rpc.EpmEndpoint;

/**
 * Finds the flows of a plan an attempt belongs to: a source block contains the source, a
 * destination block the destination, the protocol matches and the port is in the flow's
 * ports. FQDN endpoints cannot be matched from packets alone and match nothing.
 *
 * <p>Also remembers what endpoint mappers handed out: a later attempt from that client to
 * that server and port is attributed to the flows that allow the port between the two
 * hosts, or, when none does, to the flows that allow TCP 135 between them (the RPC service
 * whose mapper named the port).
 */
final class Attributor {
  private static final int CACHE_LIMIT = 1 << 16;
  private static final int EPM_LIMIT = 1 << 16;

  private record Compiled(Flow flow, int proto, List<long[]> src, List<long[]> dst) {}

  /** What an endpoint mapper said about (client, server, proto, port). */
  private record EpmKey(long cHi, long cLo, long sHi, long sLo, int proto, int port) {}

  record Match(int[] flows, long viaEpm) {}

  private final List<Compiled> flows = new ArrayList<>();
  private final Map<Key, Match> cache = new HashMap<>();
  private final Map<EpmKey, Long> epm = new LinkedHashMap<>(16, 0.75f, false) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<EpmKey, Long> eldest) {
      return size() > EPM_LIMIT;
    }
  };

  Attributor(FlowPlan plan) {
    if (plan == null) return;
    for (Flow f : plan.flows()) {
      int proto = switch (f.protocol()) {
        case Protocol.Tcp t -> Decoded.TCP;
        case Protocol.Udp u -> Decoded.UDP;
        case Protocol.Icmp i -> -1;
        case Protocol.Ip ip -> -1;
      };
      flows.add(new Compiled(f, proto, ranges(f.sources()), ranges(f.destinations())));
    }
  }

  private static List<long[]> ranges(List<Endpoint> endpoints) {
    List<long[]> out = new ArrayList<>();
    for (Endpoint e : endpoints) {
      switch (e) {
        case Endpoint.Addresses a -> a.blocks().forEach(b -> out.add(Addresses.range(b)));
        case Endpoint.Fqdn f -> {
          // names are not resolved from the capture
        }
      }
    }
    return out;
  }

  List<Flow> flows() {
    return flows.stream().map(Compiled::flow).toList();
  }

  Flow flow(int index) {
    return flows.get(index).flow();
  }

  /**
   * Remembers an endpoint the mapper named to the client of {@code conn}: under the server
   * the client asked (it may use IPv6 while the tower carries only an IPv4 floor) and, when
   * the tower names another IPv4 address, under that one too.
   */
  void endpointMapperSaid(Key conn, EpmEndpoint e, long packet) {
    if (e.ipProtocol().isEmpty()) return; // no transport port: nothing to connect to
    int proto = e.ipProtocol().getAsInt();
    int port = e.port().getAsInt();
    epm.put(new EpmKey(conn.aHi(), conn.aLo(), conn.bHi(), conn.bLo(), proto, port), packet);
    if (e.ipv4() != 0) epm.put(new EpmKey(conn.aHi(), conn.aLo(), 0, Decoded.V4_MAPPED | e.ipv4(), proto, port), packet);
    cache.clear(); // earlier answers for this tuple may change
  }

  Match match(Key k) {
    int port = k.serverPort();
    Key ck = new Key(k.aHi(), k.aLo(), k.bHi(), k.bLo(), port, k.proto()); // the client port does not matter
    Match m = cache.get(ck);
    if (m != null) return m;
    Long via = epm.get(new EpmKey(k.aHi(), k.aLo(), k.bHi(), k.bLo(), k.proto(), port));
    int[] direct = find(k, k.proto(), port);
    if (direct.length == 0 && via != null) direct = find(k, Decoded.TCP, 135);
    m = new Match(direct, via == null ? 0 : via);
    if (cache.size() >= CACHE_LIMIT) cache.clear();
    cache.put(ck, m);
    return m;
  }

  private int[] find(Key k, int proto, int port) {
    List<Integer> hits = new ArrayList<>(2);
    for (int i = 0; i < flows.size(); i++) {
      Compiled c = flows.get(i);
      if (c.proto != proto || !c.flow.ports().contains(port)) continue;
      if (!any(c.src, k.aHi(), k.aLo()) || !any(c.dst, k.bHi(), k.bLo())) continue;
      hits.add(i);
    }
    return hits.stream().mapToInt(Integer::intValue).toArray();
  }

  private static boolean any(List<long[]> ranges, long hi, long lo) {
    for (long[] r : ranges) if (Addresses.within(hi, lo, r)) return true;
    return false;
  }
}
