package org.portolan.change;

import inet.ipaddr.IPAddress;
import inet.ipaddr.ipv4.IPv4Address;
import inet.ipaddr.ipv6.IPv6Address;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.portolan.ingest.acl.Box;
import org.portolan.ingest.acl.Ranges;
import org.portolan.ingest.acl.Space;
import org.portolan.model.AddressBlocks;

/**
 * A box of the header space as the fields a firewall line names: exact prefix blocks for the
 * addresses (empty: any), one protocol, destination port intervals or ICMP type/code values,
 * and the conntrack state. Every dialect renders these; nothing is widened on the way.
 */
record Fields(int family, List<String> src, List<String> dst, int proto, List<long[]> dports, List<long[]> sports, List<int[]> icmp, int state) {
  static final int ANY = -1;

  /** One record per protocol of each box (a box spanning several protocols is written once per protocol). */
  static List<Fields> of(Space s) {
    List<Fields> out = new ArrayList<>();
    for (Box b : s.boxes()) {
      List<String> src = cidrs(b.family(), b.get(Box.SRC)), dst = cidrs(b.family(), b.get(Box.DST));
      int state = b.get(Box.STATE).equals(Box.ALL_STATES) ? ANY : (int) b.get(Box.STATE).minLo();
      List<Integer> protos = new ArrayList<>();
      if (b.get(Box.PROTO).equals(Box.ALL_PROTO)) protos.add(ANY);
      else for (long[] iv : Boxes.intervals(b.get(Box.PROTO))) for (long p = iv[0]; p <= iv[1]; p++) protos.add((int) p);
      for (int p : protos) {
        boolean ports = p == 6 || p == 17, icmp = p == 1 || p == 58;
        List<long[]> dports = ports && !b.get(Box.DPORT).equals(Box.ALL_PORTS) ? Boxes.intervals(b.get(Box.DPORT)) : List.of();
        List<long[]> sports = ports && !b.get(Box.SPORT).equals(Box.ALL_PORTS) ? Boxes.intervals(b.get(Box.SPORT)) : List.of();
        List<int[]> types = new ArrayList<>();
        if (icmp && !b.get(Box.DPORT).equals(Box.ALL_PORTS)) {
          for (long[] iv : Boxes.intervals(b.get(Box.DPORT))) {
            long v = iv[0];
            while (v <= iv[1]) {
              if (v % 256 == 0 && v + 255 <= iv[1]) { types.add(new int[] {(int) (v / 256), ANY}); v += 256; }
              else { types.add(new int[] {(int) (v / 256), (int) (v % 256)}); v++; }
            }
          }
        }
        out.add(new Fields(b.family(), src, dst, p, dports, sports, types, state));
      }
    }
    return out;
  }

  /** One record per ICMP type/code entry when the entries mix whole types and single codes (nft writes those one line each). */
  List<Fields> splitIcmp() {
    if (icmp.size() < 2 || icmp.stream().allMatch(t -> t[1] == ANY)) return List.of(this);
    return icmp.stream().map(t -> new Fields(family, src, dst, proto, dports, sports, List.of(t), state)).toList();
  }

  /** Exact prefix blocks of an address set; empty when it is every address of the family. */
  static List<String> cidrs(int family, Ranges r) {
    if (r.equals(Box.allAddresses(family))) return List.of();
    List<String> out = new ArrayList<>();
    for (int i = 0; i < r.intervals(); i++) {
      IPAddress lo = address(family, r.fromHi(i), r.fromLo(i)), hi = address(family, r.toHi(i), r.toLo(i));
      for (IPAddress b : lo.spanWithRange(hi).spanWithPrefixBlocks()) out.add(AddressBlocks.notation(b));
    }
    return out;
  }

  /** The same blocks, always with a prefix length ("198.18.1.1/32"), for dialects that want one. */
  static List<String> withLength(List<String> blocks, int family) {
    return blocks.stream().map(b -> b.contains("/") ? b : b + (family == 4 ? "/32" : "/128")).toList();
  }

  static IPAddress address(int family, long hi, long lo) {
    if (family == 4) return new IPv4Address((int) lo);
    return new IPv6Address(new BigInteger(Long.toUnsignedString(hi)).shiftLeft(64).add(new BigInteger(Long.toUnsignedString(lo))));
  }

  static String protoName(int p) {
    return switch (p) {
      case 6 -> "tcp";
      case 17 -> "udp";
      case 1 -> "icmp";
      case 58 -> "ipv6-icmp";
      default -> Integer.toString(p);
    };
  }

  static String range(long[] iv, String sep) {
    return iv[0] == iv[1] ? Long.toString(iv[0]) : iv[0] + sep + iv[1];
  }

  static String stateName(int s) {
    return switch (s) {
      case Box.NEW -> "new";
      case Box.ESTABLISHED -> "established";
      case Box.RELATED -> "related";
      case Box.INVALID -> "invalid";
      default -> "untracked";
    };
  }
}
