package org.portolan.attribution;

import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import inet.ipaddr.ipv6.IPv6Address;
import java.nio.ByteBuffer;

/**
 * Addresses as two longs (a 128-bit value, IPv4 in its IPv4-mapped IPv6 form), the form
 * capture and observe attribute by: no objects per packet or per log record.
 */
public final class Ip {
  private Ip() {}

  /** The low word's prefix of an IPv4-mapped address ({@code ::ffff:a.b.c.d}). */
  public static final long V4_MAPPED = 0xFFFF_0000_0000L;

  public static boolean isV4(long hi, long lo) {
    return hi == 0 && (lo >>> 32) == 0xFFFF;
  }

  /** The low word of an IPv4 address given as an int. */
  public static long v4(int address) {
    return V4_MAPPED | Integer.toUnsignedLong(address);
  }

  public static String text(long hi, long lo) {
    if (isV4(hi, lo)) {
      int v = (int) lo;
      return ((v >>> 24) & 0xFF) + "." + ((v >>> 16) & 0xFF) + "." + ((v >>> 8) & 0xFF) + "." + (v & 0xFF);
    }
    byte[] bytes = ByteBuffer.allocate(16).putLong(hi).putLong(lo).array();
    return new IPv6Address(bytes).toCanonicalString();
  }

  /**
   * Parses a single IPv4 or IPv6 address into {@code out[0..1]}; false when {@code text} is
   * not one address. Dotted IPv4 is parsed by hand (the log readers' hot path); anything with
   * a colon goes through IPAddress.
   */
  public static boolean parse(CharSequence text, int from, int to, long[] out) {
    int n = to - from;
    if (n <= 0 || n > 45) return false;
    boolean colon = false;
    for (int i = from; i < to; i++) if (text.charAt(i) == ':') colon = true;
    if (!colon) {
      int value = 0, octet = -1, dots = 0;
      for (int i = from; i < to; i++) {
        char c = text.charAt(i);
        if (c == '.') {
          if (octet < 0 || ++dots > 3) return false;
          value = (value << 8) | octet;
          octet = -1;
        } else if (c >= '0' && c <= '9') {
          octet = octet < 0 ? c - '0' : octet * 10 + (c - '0');
          if (octet > 255) return false;
        } else return false;
      }
      if (dots != 3 || octet < 0) return false;
      out[0] = 0;
      out[1] = v4((value << 8) | octet);
      return true;
    }
    IPAddress a = new IPAddressString(text.subSequence(from, to).toString()).getAddress();
    if (a == null || !a.isIPv6() || a.isPrefixed() && a.getPrefixLength() != 128) return false;
    ByteBuffer bb = ByteBuffer.wrap(a.getBytes());
    out[0] = bb.getLong();
    out[1] = bb.getLong();
    if (isV4(out[0], out[1])) out[0] = 0; // an IPv4-mapped IPv6 address is that IPv4 address
    return true;
  }

  /** The lowest and highest address of a block as {hiLow, loLow, hiHigh, loHigh, version}. */
  public static long[] range(IPAddress block) {
    long[] lower = pack(block.getLower().getBytes(), block.isIPv4());
    long[] upper = pack(block.getUpper().getBytes(), block.isIPv4());
    return new long[] {lower[0], lower[1], upper[0], upper[1], block.isIPv4() ? 4 : 6};
  }

  private static long[] pack(byte[] b, boolean v4) {
    if (v4) return new long[] {0, v4(ByteBuffer.wrap(b).getInt())};
    ByteBuffer bb = ByteBuffer.wrap(b);
    return new long[] {bb.getLong(), bb.getLong()};
  }

  public static boolean within(long hi, long lo, long[] r) {
    if (isV4(hi, lo) != (r[4] == 4)) return false;
    return compare(hi, lo, r[0], r[1]) >= 0 && compare(hi, lo, r[2], r[3]) <= 0;
  }

  public static int compare(long aHi, long aLo, long bHi, long bLo) {
    int c = Long.compareUnsigned(aHi, bHi);
    return c != 0 ? c : Long.compareUnsigned(aLo, bLo);
  }
}
