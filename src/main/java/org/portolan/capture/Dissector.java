package org.portolan.capture;

/**
 * Link layer → IPv4/IPv6 → TCP/UDP/ICMP headers, without copying or allocating. Reads only
 * headers; payload is located, never touched. Frames it cannot use (not IP, non-first
 * fragments, truncated headers) make {@link #decode} return false.
 *
 * <p>Link types: Ethernet (1) with stacked 802.1Q / 802.1ad / QinQ tags, Linux cooked SLL
 * (113) and SLL2 (276), raw IP (101, and the BSD values 12 and 14), IPv4 (228), IPv6 (229),
 * BSD loopback NULL (0, host byte order) and LOOP (108, network byte order).
 */
final class Dissector {
  private Dissector() {}

  static final int ETHERNET = 1;
  static final int NULL = 0;
  static final int RAW = 101;
  static final int LOOP = 108;
  static final int SLL = 113;
  static final int IPV4 = 228;
  static final int IPV6 = 229;
  static final int SLL2 = 276;

  /** The link types {@link #decode} reads; a trace of any other is refused, not read as empty. */
  static boolean supports(int linkType) {
    return switch (linkType) {
      case ETHERNET, NULL, RAW, LOOP, SLL, SLL2, IPV4, IPV6, 12, 14 -> true;
      default -> false;
    };
  }

  static String unsupported(int linkType) {
    return "link type " + linkType + " is not read (supported: Ethernet 1, BSD loopback 0 and 108, raw IP 101/12/14/228/229, Linux cooked 113 and 276); "
        + "capture on an Ethernet or 'any' interface, or convert with editcap";
  }

  private static final int MAX_VLAN_TAGS = 4;
  private static final int MAX_EXT_HEADERS = 16;

  /** True when {@code d} now holds an IP packet's transport header. */
  static boolean decode(RawPacket pk, Decoded d) {
    byte[] b = pk.data;
    int p = pk.offset;
    int end = p + pk.capturedLength;
    int etherType;
    switch (pk.linkType) {
      case ETHERNET -> {
        if (end - p < 14) return false;
        etherType = Bytes.be16(b, p + 12);
        p += 14;
        for (int i = 0; i < MAX_VLAN_TAGS && (etherType == 0x8100 || etherType == 0x88A8 || etherType == 0x9100); i++) {
          if (end - p < 4) return false;
          etherType = Bytes.be16(b, p + 2);
          p += 4;
        }
      }
      case SLL -> {
        if (end - p < 16) return false;
        etherType = Bytes.be16(b, p + 14);
        p += 16;
      }
      case SLL2 -> {
        if (end - p < 20) return false;
        etherType = Bytes.be16(b, p);
        p += 20;
      }
      case RAW, 12, 14 -> {
        if (end - p < 1) return false;
        int v = Bytes.u8(b, p) >>> 4;
        etherType = v == 4 ? 0x0800 : v == 6 ? 0x86DD : -1;
      }
      case IPV4 -> etherType = 0x0800;
      case IPV6 -> etherType = 0x86DD;
      case NULL, LOOP -> {
        if (end - p < 4) return false;
        int fam = pk.linkType == LOOP ? Bytes.be32(b, p) : Bytes.le32(b, p);
        if (fam >= 0x01000000 || fam < 0) fam = Integer.reverseBytes(fam);
        etherType = fam == 2 ? 0x0800 : (fam == 24 || fam == 28 || fam == 30) ? 0x86DD : -1;
        p += 4;
      }
      default -> {
        return false;
      }
    }
    d.quoted = false;
    return switch (etherType) {
      case 0x0800 -> ipv4(b, p, end, d);
      case 0x86DD -> ipv6(b, p, end, d);
      default -> false;
    };
  }

  private static boolean ipv4(byte[] b, int p, int end, Decoded d) {
    if (end - p < 20) return false;
    int vihl = Bytes.u8(b, p);
    if (vihl >>> 4 != 4) return false;
    int ihl = (vihl & 0xF) * 4;
    int total = Bytes.be16(b, p + 2);
    if (ihl < 20 || total != 0 && total < ihl || end - p < ihl) return false;
    if ((Bytes.be16(b, p + 6) & 0x1FFF) != 0) return false; // not the first fragment: no ports
    if (total != 0) end = Math.min(end, p + total); // drop Ethernet padding; 0 = segmentation offload, keep all
    d.proto = Bytes.u8(b, p + 9);
    d.srcHi = 0;
    d.srcLo = Decoded.V4_MAPPED | Integer.toUnsignedLong(Bytes.be32(b, p + 12));
    d.dstHi = 0;
    d.dstLo = Decoded.V4_MAPPED | Integer.toUnsignedLong(Bytes.be32(b, p + 16));
    return transport(b, p + ihl, end, d);
  }

  private static boolean ipv6(byte[] b, int p, int end, Decoded d) {
    if (end - p < 40) return false;
    if (Bytes.u8(b, p) >>> 4 != 6) return false;
    int payload = Bytes.be16(b, p + 4);
    int next = Bytes.u8(b, p + 6);
    d.srcHi = Bytes.be64(b, p + 8);
    d.srcLo = Bytes.be64(b, p + 16);
    d.dstHi = Bytes.be64(b, p + 24);
    d.dstLo = Bytes.be64(b, p + 32);
    if (payload != 0) end = Math.min(end, p + 40 + payload); // 0: jumbogram, keep captured end
    p += 40;
    int q = skipExtensions(b, p, end, next);
    if (q < 0) return false;
    d.proto = (int) (Integer.toUnsignedLong(q) >>> 24) & 0xFF;
    return transport(b, q & 0xFFFFFF, end, d);
  }

  /**
   * Walks IPv6 extension headers from {@code p}. Returns (protocol << 24 | offset) of the
   * upper-layer header, or -1 for a non-first fragment or truncated headers.
   */
  private static int skipExtensions(byte[] b, int p, int end, int next) {
    for (int i = 0; i < MAX_EXT_HEADERS; i++) {
      switch (next) {
        case 0, 43, 60, 135, 139, 140 -> { // hop-by-hop, routing, destination, mobility, HIP, shim6
          if (end - p < 8) return -1;
          int len = (Bytes.u8(b, p + 1) + 1) * 8;
          next = Bytes.u8(b, p);
          p += len;
        }
        case 44 -> { // fragment
          if (end - p < 8) return -1;
          if ((Bytes.be16(b, p + 2) & 0xFFF8) != 0) return -1;
          next = Bytes.u8(b, p);
          p += 8;
        }
        case 51 -> { // authentication header
          if (end - p < 8) return -1;
          int len = (Bytes.u8(b, p + 1) + 2) * 4;
          next = Bytes.u8(b, p);
          p += len;
        }
        default -> {
          if (p > end || p > 0xFFFFFF) return -1;
          return (next << 24) | p;
        }
      }
    }
    return -1;
  }

  private static boolean transport(byte[] b, int p, int end, Decoded d) {
    switch (d.proto) {
      case Decoded.TCP -> {
        if (end - p < 20) return false;
        d.srcPort = Bytes.be16(b, p);
        d.dstPort = Bytes.be16(b, p + 2);
        d.seq = Integer.toUnsignedLong(Bytes.be32(b, p + 4));
        d.ack = Integer.toUnsignedLong(Bytes.be32(b, p + 8));
        int off = (Bytes.u8(b, p + 12) >>> 4) * 4;
        d.tcpFlags = Bytes.u8(b, p + 13);
        if (off < 20) return false;
        d.payloadOffset = Math.min(p + off, end);
        d.payloadLength = Math.max(0, end - (p + off));
        return true;
      }
      case Decoded.UDP -> {
        if (end - p < 8) return false;
        d.srcPort = Bytes.be16(b, p);
        d.dstPort = Bytes.be16(b, p + 2);
        d.payloadOffset = p + 8;
        d.payloadLength = end - (p + 8);
        return true;
      }
      case Decoded.ICMP -> {
        if (end - p < 8) return false;
        d.icmpType = Bytes.u8(b, p);
        d.icmpCode = Bytes.u8(b, p + 1);
        d.srcPort = d.dstPort = 0;
        if (d.icmpType == 3) quotedV4(b, p + 8, end, d);
        return true;
      }
      case Decoded.ICMPV6 -> {
        if (end - p < 8) return false;
        d.icmpType = Bytes.u8(b, p);
        d.icmpCode = Bytes.u8(b, p + 1);
        d.srcPort = d.dstPort = 0;
        if (d.icmpType == 1) quotedV6(b, p + 8, end, d);
        return true;
      }
      default -> {
        d.srcPort = d.dstPort = 0;
        return true;
      }
    }
  }

  private static void quotedV4(byte[] b, int p, int end, Decoded d) {
    if (end - p < 20 || Bytes.u8(b, p) >>> 4 != 4) return;
    int ihl = (Bytes.u8(b, p) & 0xF) * 4;
    if (ihl < 20 || end - p < ihl + 4) return;
    d.qProto = Bytes.u8(b, p + 9);
    d.qSrcHi = 0;
    d.qSrcLo = Decoded.V4_MAPPED | Integer.toUnsignedLong(Bytes.be32(b, p + 12));
    d.qDstHi = 0;
    d.qDstLo = Decoded.V4_MAPPED | Integer.toUnsignedLong(Bytes.be32(b, p + 16));
    d.qSrcPort = Bytes.be16(b, p + ihl);
    d.qDstPort = Bytes.be16(b, p + ihl + 2);
    d.quoted = true;
  }

  private static void quotedV6(byte[] b, int p, int end, Decoded d) {
    if (end - p < 40 || Bytes.u8(b, p) >>> 4 != 6) return;
    d.qSrcHi = Bytes.be64(b, p + 8);
    d.qSrcLo = Bytes.be64(b, p + 16);
    d.qDstHi = Bytes.be64(b, p + 24);
    d.qDstLo = Bytes.be64(b, p + 32);
    int q = skipExtensions(b, p + 40, end, Bytes.u8(b, p + 6));
    if (q < 0) return;
    int at = q & 0xFFFFFF;
    if (end - at < 4) return;
    d.qProto = (int) (Integer.toUnsignedLong(q) >>> 24) & 0xFF;
    d.qSrcPort = Bytes.be16(b, at);
    d.qDstPort = Bytes.be16(b, at + 2);
    d.quoted = true;
  }
}
