package org.portolan.capture;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * pcapng: a sequence of length-prefixed blocks. Reads Section Header (either byte order,
 * any section length, several sections), Interface Description (link type, snaplen,
 * {@code if_tsresol}, {@code if_tsoffset}), Enhanced, Simple and the obsolete Packet blocks;
 * every other block is skipped by its length. A declared length is checked against the
 * bytes left in the file before anything is read, so a corrupt 2 GB length costs nothing.
 */
final class PcapngReader implements PacketReader {
  static final int SHB = 0x0A0D0D0A;
  private static final int IDB = 1;
  private static final int PB = 2;
  private static final int SPB = 3;
  private static final int EPB = 6;
  private static final int BYTE_ORDER_MAGIC = 0x1A2B3C4D;
  private static final int MAX_INTERFACES = 65536;

  private record Interface(int linkType, long snapLen, long unitsPerSecond, long offsetSeconds) {}

  private final ByteWindow w;
  private boolean bigEndian;
  private final List<Interface> interfaces = new ArrayList<>();
  private long count;
  private boolean sawSection;

  PcapngReader(ByteWindow w) {
    this.w = w;
  }

  @Override
  public boolean next(RawPacket pk) {
    while (true) {
      long at = w.offset();
      int n = w.ensure(12);
      if (n == 0) return false;
      if (n < 12) throw new CaptureFormatException(at, "truncated pcapng block header: " + n + " of at least 12 bytes");
      byte[] b = w.array();
      int p = w.pos();
      int type = Bytes.be32(b, p);
      if (type == SHB) {
        int magic = Bytes.be32(b, p + 8);
        if (magic == BYTE_ORDER_MAGIC) bigEndian = true;
        else if (magic == Integer.reverseBytes(BYTE_ORDER_MAGIC)) bigEndian = false;
        else throw new CaptureFormatException(at + 8, String.format("section header byte-order magic is 0x%08x; expected 1a2b3c4d in either byte order", magic));
      } else {
        if (!sawSection) throw new CaptureFormatException(at, "pcapng file must start with a section header block");
        type = Bytes.i32(b, p, bigEndian);
      }
      long len = Bytes.u32(b, p + 4, bigEndian);
      if (len < 12 || len % 4 != 0)
        throw new CaptureFormatException(at + 4, "block length " + len + " is invalid (must be a multiple of 4, at least 12)");
      if (len > w.remainingInFile())
        throw new CaptureFormatException(at + 4, "truncated block: declares " + len + " bytes, " + w.remainingInFile() + " remain in the file");
      int avail = (int) Math.min(len, w.capacity());
      w.ensure(avail);
      b = w.array();
      p = w.pos();
      boolean whole = avail == len;
      if (whole) {
        long trailer = Bytes.u32(b, p + avail - 4, bigEndian);
        if (trailer != len)
          throw new CaptureFormatException(at + len - 4, "block trailing length " + trailer + " differs from its leading length " + len);
      }
      // Body of the block, without the trailing length when it is in the window.
      int end = p + (whole ? avail - 4 : avail);
      boolean packet = switch (type) {
        case SHB -> {
          section(b, p, end, at);
          yield false;
        }
        case IDB -> {
          iface(b, p, end, at);
          yield false;
        }
        case EPB -> enhanced(b, p, end, at, pk);
        case SPB -> simple(b, p, end, at, pk);
        case PB -> obsolete(b, p, end, at, pk);
        default -> false;
      };
      w.skip(len);
      // The packet view points into the window; skip() of a block inside the window only
      // moves the position, so the bytes stay valid until the next call.
      if (packet) return true;
    }
  }

  private void section(byte[] b, int p, int end, long at) {
    if (end - p < 24) throw new CaptureFormatException(at, "section header block too short: " + (end - p + 4) + " bytes");
    int major = Bytes.u16(b, p + 12, bigEndian);
    if (major != 1) throw new CaptureFormatException(at + 12, "pcapng major version " + major + "; expected 1");
    // Section length (p + 16, 64 bits) may be -1 (unknown); blocks are walked by their own
    // lengths, so it is not needed to read the section.
    interfaces.clear();
    sawSection = true;
  }

  private void iface(byte[] b, int p, int end, long at) {
    if (end - p < 16) throw new CaptureFormatException(at, "interface description block too short");
    if (interfaces.size() >= MAX_INTERFACES) throw new CaptureFormatException(at, "more than " + MAX_INTERFACES + " interfaces in one section");
    int linkType = Bytes.u16(b, p + 8, bigEndian);
    if (!Dissector.supports(linkType)) throw new CaptureFormatException(at + 8, Dissector.unsupported(linkType));
    long snap = Bytes.u32(b, p + 12, bigEndian);
    long units = 1_000_000;
    long offsetSeconds = 0;
    int o = p + 16;
    while (o + 4 <= end) {
      int code = Bytes.u16(b, o, bigEndian);
      int olen = Bytes.u16(b, o + 2, bigEndian);
      if (code == 0) break;
      int padded = (olen + 3) & ~3;
      if (o + 4 + padded > end)
        throw new CaptureFormatException(at + (o - p), "option " + code + " of length " + olen + " runs past the end of its block");
      if (code == 9 && olen >= 1) {
        int v = Bytes.u8(b, o + 4);
        int exp = v & 0x7F;
        if ((v & 0x80) != 0) {
          if (exp > 62) throw new CaptureFormatException(at + (o - p) + 4, "if_tsresol 2^-" + exp + " is out of range");
          units = 1L << exp;
        } else {
          if (exp > 18) throw new CaptureFormatException(at + (o - p) + 4, "if_tsresol 10^-" + exp + " is out of range");
          units = 1;
          for (int i = 0; i < exp; i++) units *= 10;
        }
      } else if (code == 14 && olen == 8) {
        offsetSeconds = bigEndian ? Bytes.be64(b, o + 4) : Long.reverseBytes(Bytes.be64(b, o + 4));
      }
      o += 4 + padded;
    }
    interfaces.add(new Interface(linkType, snap, units, offsetSeconds));
  }

  private Interface interfaceOf(long id, long at) {
    if (id >= interfaces.size())
      throw new CaptureFormatException(at + 8, "packet names interface " + id + " but the section describes " + interfaces.size());
    return interfaces.get((int) id);
  }

  private boolean enhanced(byte[] b, int p, int end, long at, RawPacket pk) {
    if (end - p < 28) throw new CaptureFormatException(at, "enhanced packet block too short");
    return timestamped(b, p, end, at, pk, interfaceOf(Bytes.u32(b, p + 8, bigEndian), at));
  }

  private boolean simple(byte[] b, int p, int end, long at, RawPacket pk) {
    if (end - p < 12) throw new CaptureFormatException(at, "simple packet block too short");
    Interface i = interfaceOf(0, at);
    long orig = Bytes.u32(b, p + 8, bigEndian);
    long cap = Math.min(orig, end - (p + 12));
    if (i.snapLen > 0) cap = Math.min(cap, i.snapLen);
    fill(pk, at, i, Long.MIN_VALUE, b, p + 12, (int) cap, orig);
    return true;
  }

  /** The obsolete Packet Block: an enhanced packet block with a 16-bit interface id and drop count. */
  private boolean obsolete(byte[] b, int p, int end, long at, RawPacket pk) {
    if (end - p < 28) throw new CaptureFormatException(at, "packet block too short");
    return timestamped(b, p, end, at, pk, interfaceOf(Bytes.u16(b, p + 8, bigEndian), at));
  }

  /** The part enhanced and obsolete packet blocks share: timestamp, lengths and data from offset 12. */
  private boolean timestamped(byte[] b, int p, int end, long at, RawPacket pk, Interface i) {
    long ts = (Bytes.u32(b, p + 12, bigEndian) << 32) | Bytes.u32(b, p + 16, bigEndian);
    long cap = Bytes.u32(b, p + 20, bigEndian);
    long orig = Bytes.u32(b, p + 24, bigEndian);
    long room = end - (p + 28);
    if (cap > room && end - p + 4 >= Bytes.u32(b, p + 4, bigEndian))
      throw new CaptureFormatException(at + 20, "captured length " + cap + " exceeds its block (" + room + " bytes of packet data)");
    fill(pk, at, i, ts, b, p + 28, (int) Math.min(cap, room), orig);
    return true;
  }

  private void fill(RawPacket pk, long at, Interface i, long ts, byte[] b, int off, int cap, long orig) {
    pk.number = ++count;
    pk.fileOffset = at;
    pk.linkType = i.linkType;
    // Simple packet blocks carry no time: keep the previous packet's, so timing stays monotonic.
    if (ts != Long.MIN_VALUE) pk.timeNanos = toNanos(ts, i);
    pk.data = b;
    pk.offset = off;
    pk.capturedLength = cap;
    pk.originalLength = orig;
  }

  private static long toNanos(long ts, Interface i) {
    long u = i.unitsPerSecond;
    long base = i.offsetSeconds * 1_000_000_000L;
    if (u == 1_000_000L) return base + ts * 1000;
    if (u == 1_000_000_000L) return base + ts;
    long sec = Long.divideUnsigned(ts, u);
    long rem = Long.remainderUnsigned(ts, u);
    return base + sec * 1_000_000_000L + (long) (rem * (1e9 / u));
  }

  @Override
  public String format() {
    return "pcapng";
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
