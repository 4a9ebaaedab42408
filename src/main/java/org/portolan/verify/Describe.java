package org.portolan.verify;

import inet.ipaddr.IPAddress;
import inet.ipaddr.ipv4.IPv4Address;
import inet.ipaddr.ipv6.IPv6Address;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
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
      if (family == 4) {
        Optional<String> name = r.fromLo(i) == r.toLo(i) ? org.portolan.ingest.acl.Addrs.nameOf(r.fromLo(i)) : Optional.empty();
        if (name.isPresent()) out.add(name.get());
        else out.addAll(v4Blocks(r.fromLo(i), r.toLo(i)));
        continue;
      }
      if (r.fromHi(i) == 0x0100_0000_0000_0000L && r.toHi(i) == r.fromHi(i) && r.fromLo(i) == r.toLo(i)) {
        out.add("(name, IPv6)");
        continue;
      }
      IPAddress lo = address(family, r.fromHi(i), r.fromLo(i)), hi = address(family, r.toHi(i), r.toLo(i));
      IPAddress[] blocks = lo.spanWithRange(hi).spanWithPrefixBlocks();
      if (blocks.length <= 2) for (IPAddress b : blocks) out.add(AddressBlocks.notation(b));
      else out.add(lo.toCanonicalString() + "-" + hi.toCanonicalString());
    }
    if (r.intervals() > 8) out.add("…");
    return String.join(" ", out);
  }

  /** An IPv4 interval as at most two prefix blocks, else as a range a-b (plain arithmetic, no objects). */
  static List<String> v4Blocks(long lo, long hi) {
    List<String> out = new ArrayList<>();
    long a = lo;
    while (a <= hi && out.size() <= 2) {
      int len = 32;
      while (len > 0) {
        long size = 1L << (33 - len);
        if ((a & (size - 1)) != 0 || a + size - 1 > hi) break;
        len--;
      }
      out.add(len == 32 ? quad(a) : quad(a) + "/" + len);
      a += 1L << (32 - len);
    }
    if (a <= hi || out.size() > 2) return List.of(quad(lo) + "-" + quad(hi));
    return out;
  }

  private static long wellKnown(Ranges ports) {
    for (long p : WELL_KNOWN) if (ports.contains(0, p)) return p;
    return -1;
  }

  private static long lowestNonZero(Ranges ports) {
    if (!ports.contains(0, 0)) return ports.firstLo();
    return ports.contains(0, 1) ? 1 : ports.intervals() > 1 ? ports.fromLo(1) : 0;
  }

  /** An address of the set a host can have: the first one after a network address (x.x.x.0) when the set holds it. */
  static String host(int family, Ranges r) {
    long lo = r.firstLo(), hi = r.firstHi();
    if (family == 4) {
      java.util.Optional<String> name = org.portolan.ingest.acl.Addrs.nameOf(lo);
      if (name.isPresent()) return name.get();
      long a = lo;
      if ((a & 0xFF) == 0 && r.contains(0, a + 1)) a++;
      return quad(a);
    }
    long l2 = lo == 0 && r.contains(hi, 1) ? 1 : lo;
    return address(6, hi, l2).toCanonicalString();
  }

  static String quad(long v) {
    return ((v >>> 24) & 255) + "." + ((v >>> 16) & 255) + "." + ((v >>> 8) & 255) + "." + (v & 255);
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
    return summary(s, true);
  }

  /** As above; {@code services} "" unless {@code withServices} (a blocked part, one per blocked flow, has no use for it). */
  static Summary summary(Space s, boolean withServices) {
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
    if (!withServices) return new Summary(String.join(" ", src), String.join(" ", dst), String.join(" ", proto), String.join(" ", ports), "");
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

  /**
   * What a space opens, per source block: "from 198.18.0.0/24: tcp 22 443, udp 53 to
   * 198.19.0.0/16; from …". At most six blocks are itemised, then how many more there are.
   */
  static String beyond(Space s) {
    record Key(int family, Ranges src) {}
    java.util.Map<Key, List<Box>> bySrc = new java.util.LinkedHashMap<>();
    for (Box b : s.boxes()) bySrc.computeIfAbsent(new Key(b.family(), b.get(Box.SRC)), k -> new ArrayList<>()).add(b);
    // blocks opening the same services to the same destinations are one line
    java.util.Map<String, Ranges[]> lines = new java.util.LinkedHashMap<>();
    for (var e : bySrc.entrySet()) {
      Space part = Space.union(e.getValue());
      Summary sum = summary(part);
      String what = sum.services() + " to " + sum.dst();
      Ranges[] acc = lines.computeIfAbsent(what + "|" + e.getKey().family(), k -> new Ranges[] {Ranges.EMPTY});
      acc[0] = acc[0].union(e.getKey().src());
    }
    List<String> out = new ArrayList<>();
    int n = 0;
    for (var e : lines.entrySet()) {
      if (n++ == 6) { out.add("… (" + (lines.size() - 6) + " more source blocks)"); break; }
      String[] wf = e.getKey().split("\\|");
      out.add("from " + addresses(Integer.parseInt(wf[1]), e.getValue()[0]) + ": " + wf[0]);
    }
    return String.join("; ", out);
  }

  /** Ports people recognise, in the order an example prefers them. */
  static final long[] WELL_KNOWN = {22, 80, 443, 53, 25, 3389, 445, 389, 636, 123, 161, 3306, 5432, 1433, 8080, 8443, 21, 23, 110, 143};

  /**
   * One concrete packet of a non-empty space a person can act on: IPv4 and tcp/udp preferred,
   * host addresses (never a network or broadcast address when the block has others), a port
   * people recognise when there is one, else the lowest non-zero port, ICMP echo request first.
   */
  static Excess.Packet example(Space s) {
    Box b = s.boxes().getFirst();
    int best = -1;
    for (Box x : s.boxes()) {
      int score = (x.family() == 4 ? 2 : 0) + (x.get(Box.PROTO).contains(0, 6) || x.get(Box.PROTO).contains(0, 17) ? 4 : 0) + (wellKnown(x.get(Box.DPORT)) >= 0 ? 1 : 0);
      if (score > best) { best = score; b = x; }
    }
    Ranges pr = b.get(Box.PROTO);
    int proto = pr.contains(0, 6) ? 6 : pr.contains(0, 17) ? 17 : pr.contains(0, 1) ? 1 : pr.contains(0, 58) ? 58 : (int) pr.firstLo();
    String src = host(b.family(), b.get(Box.SRC)), dst = host(b.family(), b.get(Box.DST));
    Ranges dp = b.get(Box.DPORT);
    long port = proto == 6 || proto == 17 ? (wellKnown(dp) >= 0 ? wellKnown(dp) : lowestNonZero(dp)) : dp.firstLo();
    if ((proto == 1 && dp.contains(0, 8 * 256)) || (proto == 58 && dp.contains(0, 128 * 256))) port = proto == 1 ? 8 * 256 : 128 * 256;
    String p = proto == 6 || proto == 17 ? Long.toString(port) : proto == 1 || proto == 58 ? port / 256 + "/" + port % 256 : "";
    return new Excess.Packet(src, dst, protocol(proto), p);
  }
}
