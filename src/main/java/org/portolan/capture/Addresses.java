package org.portolan.capture;

import inet.ipaddr.IPAddress;
import inet.ipaddr.ipv6.IPv6Address;
import java.nio.ByteBuffer;

/** Converts between the packed 128-bit form the tracker uses and text / IPAddress. */
final class Addresses {
  private Addresses() {}

  static String text(long hi, long lo) {
    if (Decoded.isV4(hi, lo)) {
      int v = (int) lo;
      return ((v >>> 24) & 0xFF) + "." + ((v >>> 16) & 0xFF) + "." + ((v >>> 8) & 0xFF) + "." + (v & 0xFF);
    }
    byte[] bytes = ByteBuffer.allocate(16).putLong(hi).putLong(lo).array();
    return new IPv6Address(bytes).toCanonicalString();
  }

  /** The lowest and highest address of a block as {hiLow, loLow, hiHigh, loHigh, version}. */
  static long[] range(IPAddress block) {
    long[] lower = pack(block.getLower().getBytes(), block.isIPv4());
    long[] upper = pack(block.getUpper().getBytes(), block.isIPv4());
    return new long[] {lower[0], lower[1], upper[0], upper[1], block.isIPv4() ? 4 : 6};
  }

  private static long[] pack(byte[] b, boolean v4) {
    if (v4) return new long[] {0, Decoded.V4_MAPPED | Integer.toUnsignedLong(ByteBuffer.wrap(b).getInt())};
    ByteBuffer bb = ByteBuffer.wrap(b);
    return new long[] {bb.getLong(), bb.getLong()};
  }

  static boolean within(long hi, long lo, long[] r) {
    if (Decoded.isV4(hi, lo) != (r[4] == 4)) return false;
    return compare(hi, lo, r[0], r[1]) >= 0 && compare(hi, lo, r[2], r[3]) <= 0;
  }

  private static int compare(long aHi, long aLo, long bHi, long bLo) {
    int c = Long.compareUnsigned(aHi, bHi);
    return c != 0 ? c : Long.compareUnsigned(aLo, bLo);
  }
}
