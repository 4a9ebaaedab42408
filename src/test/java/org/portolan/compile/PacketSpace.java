package org.portolan.compile;

import inet.ipaddr.IPAddress;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.portolan.model.PortRange;
import org.portolan.model.PortSet;
import org.portolan.model.Protocol;

/**
 * A set of packets as a union of boxes (source range × destination range × protocol × port
 * range), compared exactly by cutting every axis at every box boundary and marking the
 * elementary cells each box covers. Independent of the compiler's own merging code.
 */
final class PacketSpace {
  record Box(String proto, BigInteger s0, BigInteger s1, BigInteger d0, BigInteger d1, int p0, int p1) {}

  private final List<Box> boxes = new ArrayList<>();

  /** Adds src × dst × protocol × ports; blocks of different IP versions do not pair. */
  void add(IPAddress src, IPAddress dst, Protocol p, PortSet ports) {
    if (src.getIPVersion() != dst.getIPVersion()) return;
    String key = (src.isIPv4() ? "4:" : "6:") + switch (p) {
      case Protocol.Tcp t -> "tcp";
      case Protocol.Udp u -> "udp";
      case Protocol.Icmp i -> "icmp:" + i.typeNotation();
      case Protocol.Ip ip -> "ip:" + ip.number();
    };
    List<PortRange> ranges = p.hasPorts() ? ports.ranges() : List.of(new PortRange(0, 0));
    for (PortRange r : ranges)
      boxes.add(new Box(key, src.getLower().getValue(), src.getUpper().getValue(), dst.getLower().getValue(), dst.getUpper().getValue(), r.from(), r.to()));
  }

  void add(Box b) {
    boxes.add(b);
  }

  List<Box> boxes() {
    return List.copyOf(boxes);
  }

  /** The boxes clipped to destinations inside {@code block}. */
  PacketSpace toDestination(IPAddress block) {
    PacketSpace out = new PacketSpace();
    BigInteger lo = block.getLower().getValue(), hi = block.getUpper().getValue();
    String fam = block.isIPv4() ? "4:" : "6:";
    for (Box b : boxes) {
      if (!b.proto.startsWith(fam)) continue;
      BigInteger d0 = b.d0.max(lo), d1 = b.d1.min(hi);
      if (d0.compareTo(d1) <= 0) out.add(new Box(b.proto, b.s0, b.s1, d0, d1, b.p0, b.p1));
    }
    return out;
  }

  /** True when both describe exactly the same packets. */
  boolean sameAs(PacketSpace other) {
    Map<String, List<Box>> mine = byProto(boxes), theirs = byProto(other.boxes);
    TreeSet<String> protos = new TreeSet<>(mine.keySet());
    protos.addAll(theirs.keySet());
    for (String proto : protos) {
      List<Box> a = mine.getOrDefault(proto, List.of()), b = theirs.getOrDefault(proto, List.of());
      if (a.isEmpty() != b.isEmpty()) return false;
      List<BigInteger> sx = cuts(a, b, 0), dx = cuts(a, b, 1);
      List<BigInteger> px = cuts(a, b, 2);
      if (!cells(a, sx, dx, px).equals(cells(b, sx, dx, px))) return false;
    }
    return true;
  }

  private static Map<String, List<Box>> byProto(List<Box> boxes) {
    Map<String, List<Box>> m = new HashMap<>();
    for (Box b : boxes) m.computeIfAbsent(b.proto, k -> new ArrayList<>()).add(b);
    return m;
  }

  private static List<BigInteger> cuts(List<Box> a, List<Box> b, int axis) {
    TreeSet<BigInteger> s = new TreeSet<>();
    for (List<Box> l : List.of(a, b)) {
      for (Box x : l) {
        switch (axis) {
          case 0 -> { s.add(x.s0); s.add(x.s1.add(BigInteger.ONE)); }
          case 1 -> { s.add(x.d0); s.add(x.d1.add(BigInteger.ONE)); }
          default -> { s.add(BigInteger.valueOf(x.p0)); s.add(BigInteger.valueOf(x.p1 + 1L)); }
        }
      }
    }
    return new ArrayList<>(s);
  }

  private static BitSet cells(List<Box> boxes, List<BigInteger> sx, List<BigInteger> dx, List<BigInteger> px) {
    BitSet bits = new BitSet();
    int nd = dx.size(), np = px.size();
    for (Box b : boxes) {
      int s0 = java.util.Collections.binarySearch(sx, b.s0), s1 = java.util.Collections.binarySearch(sx, b.s1.add(BigInteger.ONE));
      int d0 = java.util.Collections.binarySearch(dx, b.d0), d1 = java.util.Collections.binarySearch(dx, b.d1.add(BigInteger.ONE));
      int p0 = java.util.Collections.binarySearch(px, BigInteger.valueOf(b.p0)), p1 = java.util.Collections.binarySearch(px, BigInteger.valueOf(b.p1 + 1L));
      for (int i = s0; i < s1; i++) for (int j = d0; j < d1; j++) for (int k = p0; k < p1; k++) bits.set((i * nd + j) * np + k);
    }
    return bits;
  }
}
