package org.portolan.capture;

/**
 * What {@link Dissector} extracts from one frame: the IP addresses (both families as 128-bit
 * values, IPv4 in its IPv4-mapped IPv6 form), the transport header, and for ICMP errors the
 * 5-tuple of the packet they quote. Mutable and reused for every packet.
 */
final class Decoded {
  static final int TCP = 6;
  static final int UDP = 17;
  static final int ICMP = 1;
  static final int ICMPV6 = 58;

  static final int FIN = 0x01;
  static final int SYN = 0x02;
  static final int RST = 0x04;
  static final int ACK = 0x10;

  long srcHi, srcLo, dstHi, dstLo;
  int proto;
  int srcPort, dstPort;
  int tcpFlags;
  long seq, ack;
  int payloadOffset, payloadLength;

  // ICMP / ICMPv6 destination unreachable: the quoted packet's tuple.
  int icmpType, icmpCode;
  boolean quoted;
  long qSrcHi, qSrcLo, qDstHi, qDstLo;
  int qProto, qSrcPort, qDstPort;

  static final long V4_MAPPED = org.portolan.attribution.Ip.V4_MAPPED;

  static boolean isV4(long hi, long lo) {
    return org.portolan.attribution.Ip.isV4(hi, lo);
  }
}
