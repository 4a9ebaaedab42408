package org.portolan.capture;

import java.io.IOException;

/**
 * Classic libpcap format: a 24-byte file header (magic gives byte order and micro- or
 * nanosecond timestamps) followed by records of a 16-byte header and the frame bytes.
 */
final class PcapReader implements PacketReader {
  private static final int MICROS_BE = 0xA1B2C3D4;
  private static final int NANOS_BE = 0xA1B23C4D;
  private static final int MICROS_LE = 0xD4C3B2A1;
  private static final int NANOS_LE = 0x4D3CB2A1;

  private final ByteWindow w;
  private final boolean bigEndian;
  private final boolean nanos;
  private final int linkType;
  private final long snapLen;
  private long count;

  static boolean isMagic(int m) {
    return m == MICROS_BE || m == NANOS_BE || m == MICROS_LE || m == NANOS_LE;
  }

  PcapReader(ByteWindow w) {
    this.w = w;
    int n = w.ensure(24);
    if (n < 24) throw new CaptureFormatException(n, "truncated pcap file header: " + n + " of 24 bytes");
    byte[] b = w.array();
    int p = w.pos();
    int magic = Bytes.be32(b, p);
    bigEndian = magic == MICROS_BE || magic == NANOS_BE;
    nanos = magic == NANOS_BE || magic == NANOS_LE;
    int major = Bytes.u16(b, p + 4, bigEndian);
    if (major != 2) throw new CaptureFormatException(4, "pcap major version " + major + "; expected 2");
    snapLen = Bytes.u32(b, p + 16, bigEndian);
    // The upper bits of the link-type field may carry FCS information; the type is the low 16.
    linkType = Bytes.i32(b, p + 20, bigEndian) & 0xFFFF;
    if (!Dissector.supports(linkType)) throw new CaptureFormatException(20, Dissector.unsupported(linkType));
    w.advance(24);
  }

  @Override
  public boolean next(RawPacket pk) {
    long at = w.offset();
    int n = w.ensure(16);
    if (n == 0) return false;
    if (n < 16) throw new CaptureFormatException(at, "truncated pcap record header: " + n + " of 16 bytes");
    byte[] b = w.array();
    int p = w.pos();
    long sec = Bytes.u32(b, p, bigEndian);
    long frac = Bytes.u32(b, p + 4, bigEndian);
    long incl = Bytes.u32(b, p + 8, bigEndian);
    long orig = Bytes.u32(b, p + 12, bigEndian);
    int max = w.capacity() - 16;
    if (incl > max)
      throw new CaptureFormatException(at, "pcap record declares " + incl + " captured bytes (snaplen " + snapLen
          + "); more than the " + max + "-byte limit, so the file is corrupt");
    if (incl > w.remainingInFile() - 16)
      throw new CaptureFormatException(at, "truncated pcap record: declares " + incl + " bytes, "
          + Math.max(0, w.remainingInFile() - 16) + " remain in the file");
    w.ensure(16 + (int) incl);
    b = w.array();
    p = w.pos();
    pk.number = ++count;
    pk.fileOffset = at;
    pk.linkType = linkType;
    pk.timeNanos = sec * 1_000_000_000L + (nanos ? frac : frac * 1000);
    pk.data = b;
    pk.offset = p + 16;
    pk.capturedLength = (int) incl;
    pk.originalLength = orig;
    w.advance(16 + (int) incl);
    return true;
  }

  @Override
  public String format() {
    return "pcap";
  }

  @Override
  public void close() {
    try {
      w.close();
    } catch (IOException ignored) {
      // read-only file
    }
  }
}
