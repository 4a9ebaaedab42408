package org.portolan.observe;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;

/**
 * NetFlow v5, v9 and IPFIX export packets built byte by byte from the RFCs (3954, 7011) and
 * Cisco's v5 layout, for reader tests of what softflowd does not send (forwardingStatus,
 * malformed packets); the real producer is in {@link SoftflowdTest}.
 */
final class ExportPackets {
  private ExportPackets() {}

  record Flow(int src, int dst, int sport, int dport, int proto, int flags, long packets, long bytes) {}

  static int v4(String dotted) {
    String[] p = dotted.split("\\.");
    return (Integer.parseInt(p[0]) << 24) | (Integer.parseInt(p[1]) << 16) | (Integer.parseInt(p[2]) << 8) | Integer.parseInt(p[3]);
  }

  static byte[] v5(long unixSecs, Flow... flows) {
    ByteBuffer b = ByteBuffer.allocate(24 + 48 * flows.length);
    b.putShort((short) 5).putShort((short) flows.length).putInt(100_000).putInt((int) unixSecs).putInt(0).putInt(1).put((byte) 0).put((byte) 0)
        .putShort((short) 0);
    for (Flow f : flows) {
      b.putInt(f.src).putInt(f.dst).putInt(0).putShort((short) 3).putShort((short) 4).putInt((int) f.packets).putInt((int) f.bytes)
          .putInt(90_000).putInt(99_000).putShort((short) f.sport).putShort((short) f.dport).put((byte) 0).put((byte) f.flags)
          .put((byte) f.proto).put((byte) 0).putShort((short) 0).putShort((short) 0).put((byte) 24).put((byte) 24).putShort((short) 0);
    }
    return b.array();
  }

  /** The IEs of the test template: src, dst, sport, dport, proto, flags, packets, bytes, start/end seconds. */
  private static final int[][] FIELDS = {{8, 4}, {12, 4}, {7, 2}, {11, 2}, {4, 1}, {6, 1}, {2, 8}, {1, 8}, {150, 4}, {151, 4}};

  static byte[] v9(long unixSecs, boolean withTemplate, Flow... flows) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteBuffer h = ByteBuffer.allocate(20).putShort((short) 9).putShort((short) (flows.length + (withTemplate ? 1 : 0))).putInt(100_000)
        .putInt((int) unixSecs).putInt(7).putInt(42);
    out.writeBytes(h.array());
    if (withTemplate) out.writeBytes(template(0, 256));
    out.writeBytes(data(256, unixSecs, flows));
    return out.toByteArray();
  }

  static byte[] ipfix(long unixSecs, boolean withTemplate, Flow... flows) {
    byte[] t = withTemplate ? template(2, 300) : new byte[0];
    byte[] d = data(300, unixSecs, flows);
    ByteBuffer h = ByteBuffer.allocate(16 + t.length + d.length);
    h.putShort((short) 10).putShort((short) (16 + t.length + d.length)).putInt((int) unixSecs).putInt(7).putInt(42).put(t).put(d);
    return h.array();
  }

  private static byte[] template(int setId, int templateId) {
    ByteBuffer b = ByteBuffer.allocate(4 + 4 + 4 * FIELDS.length);
    b.putShort((short) setId).putShort((short) b.capacity()).putShort((short) templateId).putShort((short) FIELDS.length);
    for (int[] f : FIELDS) b.putShort((short) f[0]).putShort((short) f[1]);
    return b.array();
  }

  private static byte[] data(int templateId, long unixSecs, Flow... flows) {
    int rec = 0;
    for (int[] f : FIELDS) rec += f[1];
    ByteBuffer b = ByteBuffer.allocate(4 + rec * flows.length);
    b.putShort((short) templateId).putShort((short) b.capacity());
    for (Flow f : flows)
      b.putInt(f.src).putInt(f.dst).putShort((short) f.sport).putShort((short) f.dport).put((byte) f.proto).put((byte) f.flags)
          .putLong(f.packets).putLong(f.bytes).putInt((int) unixSecs - 10).putInt((int) unixSecs - 1);
    return b.array();
  }
}
