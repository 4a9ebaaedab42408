package org.portolan.verify;

import inet.ipaddr.IPAddress;
import inet.ipaddr.ipv4.IPv4Address;
import inet.ipaddr.ipv6.IPv6Address;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.portolan.ingest.acl.Box;
import org.portolan.ingest.acl.Ranges;
import org.portolan.ingest.acl.Space;
import org.portolan.model.AddressBlocks;

/** Renders parts of header spaces as the short notations people read (CIDRs, port ranges). Pure. */
final class Describe {
  private Describe() {}

  static IPAddress address(int family, long hi, long lo) {
    if (family == 4) return new IPv4Address((int) lo);
    return new IPv6Address(Ranges_big(hi, lo));
  }

  private static java.math.BigInteger Ranges_big(long hi, long lo) {
    return new java.math.BigInteger(Long.toUnsignedString(hi)).shiftLeft(64).add(new java.math.BigInteger(Long.toUnsignedString(lo)));
  }

  /** "198.18.0.0/24 198.18.1.7", ranges that are not prefix blocks as "a-b"; "any" for all. */
  static String addresses(int family, Ranges r) {
    if (r.equals(Box.allAddresses(family))) return family == 4 ? "0.0.0.0/0" : "::/0";
    List<String> out = new ArrayList<>();
    for (int i = 0; i < r.intervals() && out.size() < 8; i++) {
      IPAddress lo = address(family, r.fromHi(i), r.fromLo(i)), hi = address(family, r.toHi(i), r.toLo(i));
      IPAddress[] blocks = lo.spanWithRange(hi).spanWithPrefixBlocks();
      if (blocks.length <= 2) for (IPAddress b : blocks) out.add(AddressBlocks.notation(b));
      else out.add(lo.toCanonicalString() + "-" + hi.toCanonicalString());
    }
    if (r.intervals() > 8) out.add("…");
    return String.join(" ", out);
  }

  /** "80 443 1000-2000". */
  static String ports(Ranges r) {
    if (r.equals(Box.ALL_PORTS)) return "0-65535";
    List<String> out = new ArrayList<>();
    for (int i = 0; i < r.intervals(); i++) {
      long a = r.fromLo(i), b = r.toLo(i);
      out.add(a == b ? Long.toString(a) : a + "-" + b);
      if (out.size() >= 16) { out.add("…"); break; }
    }
    return String.join(" ", out);
  }

  static String protocols(int family, Ranges r) {
    if (r.equals(Box.ALL_PROTO)) return "any";
    List<String> out = new ArrayList<>();
    for (int i = 0; i < r.intervals(); i++) {
      for (long p = r.fromLo(i); p <= r.toLo(i) && out.size() < 8; p++) out.add(protocol((int) p));
    }
    return String.join(" ", out);
  }

  static String protocol(int p) {
    return switch (p) {
      case 6 -> "tcp";
      case 17 -> "udp";
      case 1 -> "icmp";
      case 58 -> "icmpv6";
      default -> Integer.toString(p);
    };
  }

  /** Ports for tcp/udp, ICMP type/code for ICMP, empty otherwise. */
  static String dports(Ranges proto, Ranges dport) {
    boolean icmp = proto.equals(Ranges.single(1)) || proto.equals(Ranges.single(58));
    if (!icmp) return ports(dport);
    if (dport.equals(Box.ALL_PORTS)) return "";
    List<String> out = new ArrayList<>();
    for (int i = 0; i < dport.intervals(); i++) {
      long a = dport.fromLo(i), b = dport.toLo(i);
      if (a % 256 == 0 && b - a == 255) out.add(Long.toString(a / 256));
      else if (a == b) out.add(a / 256 + "/" + a % 256);
      else out.add(a / 256 + "/" + a % 256 + "-" + b / 256 + "/" + b % 256);
    }
    return String.join(" ", out);
  }

  /** Fields of a space summarised per dimension (unions over its boxes); {@code services} groups ports by protocol. */
  record Summary(String src, String dst, String proto, String ports, String services) {}

  static Summary summary(Space s) {
    Set<String> src = new LinkedHashSet<>(), dst = new LinkedHashSet<>(), proto = new LinkedHashSet<>(), ports = new LinkedHashSet<>();
    Ranges[] src4 = {Ranges.EMPTY, Ranges.EMPTY}, dst4 = {Ranges.EMPTY, Ranges.EMPTY};
    Ranges protos = Ranges.EMPTY, dp = Ranges.EMPTY;
    for (Box b : s.boxes()) {
      int f = b.family() == 4 ? 0 : 1;
      src4[f] = src4[f].union(b.get(Box.SRC));
      dst4[f] = dst4[f].union(b.get(Box.DST));
      protos = protos.union(b.get(Box.PROTO));
      dp = dp.union(b.get(Box.DPORT));
    }
    for (int f = 0; f < 2; f++) {
      if (!src4[f].isEmpty()) src.add(addresses(f == 0 ? 4 : 6, src4[f]));
      if (!dst4[f].isEmpty()) dst.add(addresses(f == 0 ? 4 : 6, dst4[f]));
    }
    proto.add(protocols(4, protos));
    ports.add(dports(protos, dp));
    java.util.Map<Ranges, Ranges> byProto = new java.util.LinkedHashMap<>();
    for (Box b : s.boxes()) byProto.merge(b.get(Box.PROTO), b.get(Box.DPORT), Ranges::union);
    List<String> services = new ArrayList<>();
    for (var e : byProto.entrySet()) {
      String pt = dports(e.getKey(), e.getValue());
      services.add(protocols(4, e.getKey()) + (pt.isEmpty() || pt.equals("0-65535") ? "" : " " + pt));
      if (services.size() >= 8) { services.add("…"); break; }
    }
    return new Summary(String.join(" ", src), String.join(" ", dst), String.join(" ", proto), String.join(" ", ports), String.join(", ", services));
  }

  /** One concrete packet of a non-empty space: lowest addresses, tcp/udp preferred, lowest port. */
  static Excess.Packet example(Space s) {
    Box b = s.boxes().getFirst();
    for (Box x : s.boxes()) if (x.get(Box.PROTO).contains(0, 6) || x.get(Box.PROTO).contains(0, 17)) { b = x; break; }
    Ranges pr = b.get(Box.PROTO);
    int proto = pr.contains(0, 6) ? 6 : pr.contains(0, 17) ? 17 : (int) pr.firstLo();
    String src = address(b.family(), b.get(Box.SRC).firstHi(), b.get(Box.SRC).firstLo()).toCanonicalString();
    String dst = address(b.family(), b.get(Box.DST).firstHi(), b.get(Box.DST).firstLo()).toCanonicalString();
    long port = b.get(Box.DPORT).firstLo();
    String p = proto == 6 || proto == 17 ? Long.toString(port) : proto == 1 || proto == 58 ? port / 256 + "/" + port % 256 : "";
    return new Excess.Packet(src, dst, protocol(proto), p);
  }
}
