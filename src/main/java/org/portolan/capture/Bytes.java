package org.portolan.capture;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/** Unsigned big- and little-endian reads from a byte array (VarHandles: one bounds check each). */
final class Bytes {
  private Bytes() {}

  private static final VarHandle BE16 = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.BIG_ENDIAN);
  private static final VarHandle LE16 = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
  private static final VarHandle BE32 = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
  private static final VarHandle LE32 = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
  private static final VarHandle BE64 = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

  static int u8(byte[] b, int i) {
    return b[i] & 0xFF;
  }

  static int be16(byte[] b, int i) {
    return ((short) BE16.get(b, i)) & 0xFFFF;
  }

  static int le16(byte[] b, int i) {
    return ((short) LE16.get(b, i)) & 0xFFFF;
  }

  static int u16(byte[] b, int i, boolean bigEndian) {
    return bigEndian ? be16(b, i) : le16(b, i);
  }

  static int be32(byte[] b, int i) {
    return (int) BE32.get(b, i);
  }

  static int le32(byte[] b, int i) {
    return (int) LE32.get(b, i);
  }

  /** A 32-bit field as signed int; callers use {@link Integer#toUnsignedLong} where needed. */
  static int i32(byte[] b, int i, boolean bigEndian) {
    return bigEndian ? be32(b, i) : le32(b, i);
  }

  static long u32(byte[] b, int i, boolean bigEndian) {
    return Integer.toUnsignedLong(i32(b, i, bigEndian));
  }

  static long be64(byte[] b, int i) {
    return (long) BE64.get(b, i);
  }
}
