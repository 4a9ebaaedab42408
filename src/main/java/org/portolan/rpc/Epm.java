package org.portolan.rpc;

import java.nio.ByteBuffer;
import java.util.UUID;

/** Constants of the endpoint-mapper protocol and the DCE UUID byte order. */
public final class Epm {
  private Epm() {}

  /** The endpoint-mapper interface, version 3.0. */
  public static final UUID EPM = UUID.fromString("e1af8308-5d1f-11c9-91a4-08002b14a0fa");
  /** The NDR transfer syntax, version 2. */
  public static final UUID NDR = UUID.fromString("8a885d04-1ceb-11c9-9fe8-08002b104860");
  /** The interface 'portolan listen' registers its stand-in dynamic ports under. */
  public static final UUID PORTOLAN_STAND_IN = UUID.fromString("706f7274-6f6c-616e-8000-6c697374656e");
  public static final UUID NIL = new UUID(0, 0);

  public static final int OP_LOOKUP = 2;
  public static final int OP_MAP = 3;
  /** ept_lookup status when no (more) entries are registered. */
  public static final int EPT_S_NOT_REGISTERED = 0x16c9a0d6;

  public static final int PT_REQUEST = 0;
  public static final int PT_RESPONSE = 2;
  public static final int PT_FAULT = 3;
  public static final int PT_BIND = 11;
  public static final int PT_BIND_ACK = 12;
  public static final int PT_BIND_NAK = 13;
  public static final int PT_ALTER_CONTEXT = 14;

  /** A DCE UUID at {@code p}: the first three fields little-endian, the last eight bytes in order. */
  public static UUID uuid(byte[] b, int p) {
    long a = Byte.toUnsignedLong(b[p]) | Byte.toUnsignedLong(b[p + 1]) << 8 | Byte.toUnsignedLong(b[p + 2]) << 16 | Byte.toUnsignedLong(b[p + 3]) << 24;
    long c = Byte.toUnsignedLong(b[p + 4]) | Byte.toUnsignedLong(b[p + 5]) << 8;
    long d = Byte.toUnsignedLong(b[p + 6]) | Byte.toUnsignedLong(b[p + 7]) << 8;
    long lsb = 0;
    for (int i = 8; i < 16; i++) lsb = (lsb << 8) | Byte.toUnsignedLong(b[p + i]);
    return new UUID((a << 32) | (c << 16) | d, lsb);
  }

  /** Writes {@code u} in DCE byte order (the buffer's own order is not used). */
  public static void putUuid(ByteBuffer b, UUID u) {
    long msb = u.getMostSignificantBits();
    int a = (int) (msb >>> 32);
    b.put((byte) a).put((byte) (a >>> 8)).put((byte) (a >>> 16)).put((byte) (a >>> 24));
    b.put((byte) (msb >>> 16)).put((byte) (msb >>> 24));
    b.put((byte) msb).put((byte) (msb >>> 8));
    long lsb = u.getLeastSignificantBits();
    for (int i = 7; i >= 0; i--) b.put((byte) (lsb >>> (8 * i)));
  }
}
