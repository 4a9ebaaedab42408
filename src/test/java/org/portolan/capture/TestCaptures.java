package org.portolan.capture;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * Test-side writers, independent of the readers under test: re-encode a real pcap as
 * byte-swapped pcap, as pcapng (either byte order, several interfaces, other timestamp
 * resolutions, simple packet blocks, unknown blocks and options), or with 802.1Q/802.1ad
 * VLAN tags inserted — so every reader path runs on real traffic.
 */
final class TestCaptures {
  private TestCaptures() {}

  record Frame(long timeNanos, byte[] data, long originalLength) {}

  /** Frames of a little-endian microsecond or nanosecond Ethernet pcap (as tcpdump writes here). */
  static List<Frame> frames(byte[] pcap) {
    ByteBuffer b = ByteBuffer.wrap(pcap).order(ByteOrder.LITTLE_ENDIAN);
    int magic = b.getInt(0);
    boolean nanos = magic == 0xA1B23C4D;
    if (!nanos && magic != 0xA1B2C3D4) throw new IllegalArgumentException("expected a little-endian pcap");
    List<Frame> out = new ArrayList<>();
    int p = 24;
    while (p + 16 <= pcap.length) {
      long sec = Integer.toUnsignedLong(b.getInt(p));
      long frac = Integer.toUnsignedLong(b.getInt(p + 4));
      int incl = b.getInt(p + 8);
      long orig = Integer.toUnsignedLong(b.getInt(p + 12));
      byte[] data = new byte[incl];
      System.arraycopy(pcap, p + 16, data, 0, incl);
      out.add(new Frame(sec * 1_000_000_000L + (nanos ? frac : frac * 1000), data, orig));
      p += 16 + incl;
    }
    return out;
  }

  static byte[] pcap(List<Frame> frames, ByteOrder order, boolean nanos, int linkType) {
    ByteBuffer b = ByteBuffer.allocate(24 + frames.stream().mapToInt(f -> 16 + f.data().length).sum()).order(order);
    b.putInt(nanos ? 0xA1B23C4D : 0xA1B2C3D4).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0).putInt(262144).putInt(linkType);
    for (Frame f : frames) {
      b.putInt((int) (f.timeNanos() / 1_000_000_000L));
      long frac = f.timeNanos() % 1_000_000_000L;
      b.putInt((int) (nanos ? frac : frac / 1000));
      b.putInt(f.data().length).putInt((int) f.originalLength()).put(f.data());
    }
    return b.array();
  }

  /** Inserts VLAN tags after the MAC addresses: one tag 802.1Q, two tags 802.1ad outer + 802.1Q inner. */
  static List<Frame> vlanTagged(List<Frame> frames, int... vlanIds) {
    List<Frame> out = new ArrayList<>();
    for (Frame f : frames) {
      ByteArrayOutputStream o = new ByteArrayOutputStream();
      o.write(f.data(), 0, 12);
      for (int i = 0; i < vlanIds.length; i++) {
        int tpid = vlanIds.length > 1 && i == 0 ? 0x88A8 : 0x8100;
        o.write(tpid >>> 8);
        o.write(tpid & 0xFF);
        o.write((vlanIds[i] >>> 8) & 0x0F);
        o.write(vlanIds[i] & 0xFF);
      }
      o.write(f.data(), 12, f.data().length - 12);
      out.add(new Frame(f.timeNanos(), o.toByteArray(), f.originalLength() + 4L * vlanIds.length));
    }
    return out;
  }

  /** Strips the 14-byte Ethernet header: the frame as raw IP (LINKTYPE_RAW 101). */
  static Frame rawIp(Frame f) {
    byte[] d = new byte[f.data().length - 14];
    System.arraycopy(f.data(), 14, d, 0, d.length);
    return new Frame(f.timeNanos(), d, f.originalLength() - 14);
  }

  /** A pcapng writer for tests: blocks in the chosen byte order. */
  static final class Pcapng {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteOrder order;

    Pcapng(ByteOrder order) {
      this.order = order;
    }

    private ByteBuffer buf(int n) {
      return ByteBuffer.allocate(n).order(order);
    }

    private void block(int type, byte[] body) {
      int len = 12 + body.length;
      ByteBuffer b = buf(len);
      b.putInt(type).putInt(len).put(body).putInt(len);
      out.writeBytes(b.array());
    }

    private static byte[] pad(byte[] d) {
      byte[] p = new byte[(d.length + 3) & ~3];
      System.arraycopy(d, 0, p, 0, d.length);
      return p;
    }

    /** An option TLV (code, value padded to 4). */
    byte[] option(int code, byte[] value) {
      ByteBuffer b = buf(4 + pad(value).length);
      b.putShort((short) code).putShort((short) value.length).put(pad(value));
      return b.array();
    }

    byte[] endOfOptions() {
      return new byte[4];
    }

    Pcapng section(long sectionLength, byte[]... options) {
      ByteArrayOutputStream body = new ByteArrayOutputStream();
      ByteBuffer b = buf(16);
      b.putInt(0x1A2B3C4D).putShort((short) 1).putShort((short) 0).putLong(sectionLength);
      body.writeBytes(b.array());
      for (byte[] o : options) body.writeBytes(o);
      block(0x0A0D0D0A, body.toByteArray());
      return this;
    }

    Pcapng iface(int linkType, int snapLen, byte[]... options) {
      ByteArrayOutputStream body = new ByteArrayOutputStream();
      ByteBuffer b = buf(8);
      b.putShort((short) linkType).putShort((short) 0).putInt(snapLen);
      body.writeBytes(b.array());
      for (byte[] o : options) body.writeBytes(o);
      block(1, body.toByteArray());
      return this;
    }

    /** Enhanced packet; {@code ts} in the interface's units. */
    Pcapng packet(int iface, long ts, byte[] data, long origLen, byte[]... options) {
      ByteArrayOutputStream body = new ByteArrayOutputStream();
      ByteBuffer b = buf(20);
      b.putInt(iface).putInt((int) (ts >>> 32)).putInt((int) ts).putInt(data.length).putInt((int) origLen);
      body.writeBytes(b.array());
      body.writeBytes(pad(data));
      for (byte[] o : options) body.writeBytes(o);
      block(6, body.toByteArray());
      return this;
    }

    Pcapng simple(byte[] data, long origLen) {
      ByteArrayOutputStream body = new ByteArrayOutputStream();
      body.writeBytes(buf(4).putInt((int) origLen).array());
      body.writeBytes(pad(data));
      block(3, body.toByteArray());
      return this;
    }

    Pcapng other(int type, byte[] body) {
      block(type, pad(body));
      return this;
    }

    byte[] bytes() {
      return out.toByteArray();
    }
  }
}
