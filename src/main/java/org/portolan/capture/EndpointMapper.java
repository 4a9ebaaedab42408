package org.portolan.capture;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Decodes the parts of DCE/RPC needed to learn which dynamic ports an endpoint mapper (TCP
 * 135) hands out: connection-oriented PDU headers, the {@code ept_map} (opnum 3) and
 * {@code ept_lookup} (opnum 2) responses in NDR, and the protocol towers inside them
 * (C706 appendix L; MS-RPCE 2.2.1.3). Hand-written because no Java library decodes DCE/RPC;
 * only these few structures are read, everything else is skipped by its length.
 *
 * <p>NDR integers follow the PDU's data representation (little-endian in practice); tower
 * floor lengths are always little-endian and the port and address floors big-endian.
 */
final class EndpointMapper {
  private EndpointMapper() {}

  static final String EPM_UUID = "e1af8308-5d1f-11c9-91a4-08002b14a0fa";
  static final int OP_LOOKUP = 2;
  static final int OP_MAP = 3;
  private static final int MAX_TOWERS = 1024;
  private static final int MAX_FLOORS = 16;

  /** Thrown inside the decoder for malformed stubs; the caller ignores that answer. */
  static final class Malformed extends Exception {
    Malformed(String message) {
      super(message, null, false, false);
    }
  }

  /** A bounds-checked NDR cursor over a response stub; alignment relative to the stub start. */
  private static final class Ndr {
    final byte[] b;
    final int start;
    final int end;
    final boolean little;
    int p;

    Ndr(byte[] b, int off, int len, boolean little) {
      this.b = b;
      this.start = off;
      this.end = off + len;
      this.little = little;
      this.p = off;
    }

    void need(int n) throws Malformed {
      if (n < 0 || end - p < n) throw new Malformed("stub ends at " + (p - start) + ", needs " + n + " more bytes");
    }

    void align(int n) throws Malformed {
      int rel = p - start;
      int pad = (n - rel % n) % n;
      need(pad);
      p += pad;
    }

    long u32() throws Malformed {
      align(4);
      need(4);
      long v = little ? Integer.toUnsignedLong(Bytes.le32(b, p)) : Integer.toUnsignedLong(Bytes.be32(b, p));
      p += 4;
      return v;
    }

    void skip(int n) throws Malformed {
      need(n);
      p += n;
    }
  }

  /** ept_map response: handle, num_towers, conformant varying array of tower pointers, towers, status. */
  static List<EpmEndpoint> mapResponse(byte[] b, int off, int len, boolean little) throws Malformed {
    Ndr n = new Ndr(b, off, len, little);
    n.skip(20); // entry_handle
    n.u32(); // num_towers
    n.u32(); // max_count
    n.u32(); // offset
    long actual = n.u32();
    if (actual > MAX_TOWERS) throw new Malformed("ept_map answer claims " + actual + " towers");
    int present = 0;
    for (long i = 0; i < actual; i++) if (n.u32() != 0) present++;
    List<EpmEndpoint> out = new ArrayList<>();
    for (int i = 0; i < present; i++) tower(n, out);
    return out;
  }

  /** ept_lookup response: handle, num_ents, array of (object uuid, tower pointer, annotation), then the towers. */
  static List<EpmEndpoint> lookupResponse(byte[] b, int off, int len, boolean little) throws Malformed {
    Ndr n = new Ndr(b, off, len, little);
    n.skip(20);
    n.u32(); // num_ents
    n.u32(); // max_count
    n.u32(); // offset
    long actual = n.u32();
    if (actual > MAX_TOWERS) throw new Malformed("ept_lookup answer claims " + actual + " entries");
    int present = 0;
    for (long i = 0; i < actual; i++) {
      n.align(4);
      n.skip(16); // object uuid
      if (n.u32() != 0) present++;
      n.u32(); // annotation offset
      long chars = n.u32();
      if (chars > 64) throw new Malformed("annotation of " + chars + " chars (at most 64)");
      n.skip((int) chars);
    }
    List<EpmEndpoint> out = new ArrayList<>();
    for (int i = 0; i < present; i++) tower(n, out);
    return out;
  }

  private static void tower(Ndr n, List<EpmEndpoint> out) throws Malformed {
    n.u32(); // conformance
    long towerLen = n.u32();
    n.need((int) Math.min(towerLen, Integer.MAX_VALUE));
    EpmEndpoint e = towerOctets(n.b, n.p, (int) towerLen);
    if (e != null) out.add(e);
    n.p += (int) towerLen;
  }

  /** Floors: count (LE16), then per floor lhs length, lhs (protocol id + data), rhs length, rhs. */
  static EpmEndpoint towerOctets(byte[] b, int off, int len) throws Malformed {
    int end = off + len;
    if (len < 2) throw new Malformed("tower of " + len + " bytes");
    int floors = Bytes.le16(b, off);
    if (floors > MAX_FLOORS) throw new Malformed(floors + " floors in one tower");
    int p = off + 2;
    String uuid = null;
    int proto = 0, port = -1;
    long ip = 0;
    for (int i = 0; i < floors; i++) {
      if (end - p < 2) throw new Malformed("tower floor " + (i + 1) + " truncated");
      int lhsLen = Bytes.le16(b, p);
      p += 2;
      if (lhsLen < 1 || end - p < lhsLen + 2) throw new Malformed("tower floor " + (i + 1) + " lhs truncated");
      int id = Bytes.u8(b, p);
      int lhs = p;
      p += lhsLen;
      int rhsLen = Bytes.le16(b, p);
      p += 2;
      if (end - p < rhsLen) throw new Malformed("tower floor " + (i + 1) + " rhs truncated");
      switch (id) {
        case 0x0D -> {
          if (uuid == null && lhsLen >= 17) uuid = uuid(b, lhs + 1);
        }
        case 0x07, 0x08 -> {
          if (rhsLen >= 2) {
            proto = id == 0x07 ? Decoded.TCP : Decoded.UDP;
            port = Bytes.be16(b, p);
          }
        }
        case 0x09 -> {
          if (rhsLen >= 4) ip = Integer.toUnsignedLong(Bytes.be32(b, p));
        }
        default -> {
          // RPC protocol (0x0b ncacn, 0x0a ncadg), named pipes, NetBIOS, HTTP…: not needed
        }
      }
      p += rhsLen;
    }
    return port < 0 ? null : new EpmEndpoint(uuid == null ? "" : uuid, proto, port, ip);
  }

  /** A DCE UUID as text: the first three fields little-endian, the rest in byte order. */
  static String uuid(byte[] b, int p) {
    return String.format(Locale.ROOT, "%08x-%04x-%04x-%02x%02x-%02x%02x%02x%02x%02x%02x",
        Bytes.le32(b, p), Bytes.le16(b, p + 4), Bytes.le16(b, p + 6), b[p + 8], b[p + 9],
        b[p + 10], b[p + 11], b[p + 12], b[p + 13], b[p + 14], b[p + 15]);
  }
}
