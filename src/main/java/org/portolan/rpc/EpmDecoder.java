package org.portolan.rpc;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;

/**
 * Decodes the NDR stubs of {@code ept_lookup} (opnum 2) and {@code ept_map} (opnum 3)
 * responses and the protocol towers inside them. NDR integers follow the PDU's data
 * representation ({@code little}); tower floor lengths are always little-endian and the
 * port and address floors big-endian (C706 appendix L; MS-RPCE 2.2.1.3). Both {@code probe}
 * (its own lookups) and {@code capture} (answers seen in a trace) read answers here.
 */
public final class EpmDecoder {
  private EpmDecoder() {}

  /** More entries or towers than this in one answer is a lie, not a mapper. */
  static final int MAX_ENTRIES = 1024;
  static final int MAX_FLOORS = 16;
  static final int MAX_ANNOTATION = 64;

  /** One ept_lookup page: the handle that continues the walk, the entries, and the status (0, or {@link Epm#EPT_S_NOT_REGISTERED} at the end). */
  public record LookupPage(byte[] handle, List<EpmEndpoint> entries, int status) {}

  /** A bounds-checked NDR cursor; alignment relative to the stub start. */
  private static final class Ndr {
    final byte[] b;
    final int start;
    final int end;
    final boolean little;
    int p;

    Ndr(byte[] b, int off, int len, boolean little) throws EpmFormatException {
      if (off < 0 || len < 0 || off > b.length - len) throw new EpmFormatException("stub of " + len + " bytes at " + off + " lies outside the PDU");
      this.b = b;
      this.start = off;
      this.end = off + len;
      this.little = little;
      this.p = off;
    }

    void need(long n) throws EpmFormatException {
      if (n < 0 || end - p < n) throw new EpmFormatException("stub ends at byte " + (p - start) + ", needs " + n + " more");
    }

    void align(int n) throws EpmFormatException {
      int pad = (n - (p - start) % n) % n;
      need(pad);
      p += pad;
    }

    long u32() throws EpmFormatException {
      align(4);
      need(4);
      long v = little
          ? (b[p] & 0xffL) | (b[p + 1] & 0xffL) << 8 | (b[p + 2] & 0xffL) << 16 | (b[p + 3] & 0xffL) << 24
          : (b[p + 3] & 0xffL) | (b[p + 2] & 0xffL) << 8 | (b[p + 1] & 0xffL) << 16 | (b[p] & 0xffL) << 24;
      p += 4;
      return v;
    }

    byte[] bytes(int n) throws EpmFormatException {
      need(n);
      byte[] out = Arrays.copyOfRange(b, p, p + n);
      p += n;
      return out;
    }

    UUID uuid() throws EpmFormatException {
      need(16);
      UUID u = Epm.uuid(b, p);
      p += 16;
      return u;
    }
  }

  /** ept_lookup: handle, num_ents, conformant varying array of (object, tower pointer, annotation), the towers, status. */
  public static LookupPage lookupResponse(byte[] b, int off, int len, boolean little) throws EpmFormatException {
    Ndr n = new Ndr(b, off, len, little);
    byte[] handle = n.bytes(20);
    long num = n.u32();
    long max = n.u32();
    n.u32(); // offset
    long actual = n.u32();
    if (actual > MAX_ENTRIES) throw new EpmFormatException("ept_lookup answer claims " + actual + " entries (at most " + MAX_ENTRIES + ")");
    if (actual != num || actual > max)
      throw new EpmFormatException("inconsistent entry counts in ept_lookup response (num " + num + ", actual " + actual + ", max " + max + ")");
    record Raw(UUID object, long towerRef, String annotation) {}
    List<Raw> raws = new ArrayList<>();
    for (long i = 0; i < actual; i++) {
      n.align(4);
      UUID object = n.uuid();
      long ref = n.u32();
      n.u32(); // annotation offset
      long chars = n.u32();
      if (chars > MAX_ANNOTATION) throw new EpmFormatException("annotation of " + chars + " characters (at most " + MAX_ANNOTATION + ")");
      raws.add(new Raw(object, ref, cString(n.bytes((int) chars))));
    }
    List<EpmEndpoint> entries = new ArrayList<>();
    for (Raw r : raws) {
      if (r.towerRef() == 0) entries.add(new EpmEndpoint(r.object(), Epm.NIL, 0, 0, r.annotation(), "unknown", OptionalInt.empty(), Optional.empty(), Optional.empty()));
      else entries.add(tower(n, r.object(), r.annotation()));
    }
    int status = (int) n.u32();
    return new LookupPage(handle, entries, status);
  }

  /** ept_map: handle, num_towers, conformant varying array of tower pointers, the towers, status. */
  public static List<EpmEndpoint> mapResponse(byte[] b, int off, int len, boolean little) throws EpmFormatException {
    Ndr n = new Ndr(b, off, len, little);
    n.bytes(20); // entry_handle
    n.u32(); // num_towers
    n.u32(); // max_count
    n.u32(); // offset
    long actual = n.u32();
    if (actual > MAX_ENTRIES) throw new EpmFormatException("ept_map answer claims " + actual + " towers (at most " + MAX_ENTRIES + ")");
    int present = 0;
    for (long i = 0; i < actual; i++) if (n.u32() != 0) present++;
    List<EpmEndpoint> out = new ArrayList<>();
    for (int i = 0; i < present; i++) out.add(tower(n, Epm.NIL, ""));
    n.u32(); // status
    return out;
  }

  private static EpmEndpoint tower(Ndr n, UUID object, String annotation) throws EpmFormatException {
    long maxCount = n.u32();
    long towerLen = n.u32();
    if (towerLen > maxCount) throw new EpmFormatException("tower length " + towerLen + " beyond its conformance " + maxCount);
    n.need(towerLen);
    EpmEndpoint e = tower(n.b, n.p, (int) towerLen, object, annotation);
    n.p += (int) towerLen;
    return e;
  }

  /** A protocol tower: floor count (LE16), then per floor lhs length, lhs (protocol id + data), rhs length, rhs. */
  public static EpmEndpoint tower(byte[] b, int off, int len, UUID object, String annotation) throws EpmFormatException {
    if (off < 0 || len < 0 || off > b.length - len) throw new EpmFormatException("tower of " + len + " bytes at " + off + " lies outside the data");
    int end = off + len;
    if (len < 2) throw new EpmFormatException("tower of " + len + " bytes");
    int floors = le16(b, off);
    if (floors > MAX_FLOORS) throw new EpmFormatException("tower with " + floors + " floors (at most " + MAX_FLOORS + ")");
    int p = off + 2;
    UUID iface = null;
    int major = 0, minor = 0;
    String proto = "";
    OptionalInt port = OptionalInt.empty();
    Optional<String> ip = Optional.empty();
    Optional<String> name = Optional.empty();
    for (int i = 0; i < floors; i++) {
      if (end - p < 2) throw new EpmFormatException("tower floor " + (i + 1) + " truncated");
      int lhsLen = le16(b, p);
      p += 2;
      if (lhsLen < 1 || end - p < lhsLen + 2) throw new EpmFormatException("tower floor " + (i + 1) + " too long");
      int lhs = p;
      int id = b[p] & 0xff;
      p += lhsLen;
      int rhsLen = le16(b, p);
      p += 2;
      if (end - p < rhsLen) throw new EpmFormatException("tower floor " + (i + 1) + " value too long");
      int rhs = p;
      p += rhsLen;
      switch (id) {
        case 0x0d -> { // interface or transfer syntax: uuid, major version (lhs), minor version (rhs)
          if (iface != null) break;
          if (lhsLen < 17) throw new EpmFormatException("interface floor of " + lhsLen + " bytes (a UUID needs 17)");
          iface = Epm.uuid(b, lhs + 1);
          if (lhsLen >= 19) major = le16(b, lhs + 17);
          if (rhsLen >= 2) minor = le16(b, rhs);
        }
        case 0x0b -> proto = "ncacn";
        case 0x0a -> proto = "ncadg";
        case 0x0c -> proto = "ncalrpc";
        case 0x07 -> {
          proto = proto.equals("ncadg") ? "ncadg_ip_tcp" : "ncacn_ip_tcp";
          if (rhsLen >= 2) port = OptionalInt.of(be16(b, rhs));
        }
        case 0x08 -> {
          proto = "ncadg_ip_udp";
          if (rhsLen >= 2) port = OptionalInt.of(be16(b, rhs));
        }
        case 0x1f -> {
          proto = "ncacn_http";
          if (rhsLen >= 2) port = OptionalInt.of(be16(b, rhs));
        }
        case 0x09 -> {
          if (rhsLen >= 4) ip = Optional.of((b[rhs] & 0xff) + "." + (b[rhs + 1] & 0xff) + "." + (b[rhs + 2] & 0xff) + "." + (b[rhs + 3] & 0xff));
        }
        case 0x0f -> {
          proto = "ncacn_np";
          name = Optional.of(cString(Arrays.copyOfRange(b, rhs, rhs + rhsLen)));
        }
        case 0x10 -> {
          if (proto.isEmpty() || proto.equals("ncalrpc")) proto = "ncalrpc";
          name = Optional.of(cString(Arrays.copyOfRange(b, rhs, rhs + rhsLen)));
        }
        case 0x11 -> {
          String s = cString(Arrays.copyOfRange(b, rhs, rhs + rhsLen));
          if (proto.equals("ncacn_np")) ip = Optional.of(s); // NetBIOS host of a named pipe
          else name = Optional.of(s);
        }
        default -> {
          // other protocol identifiers (DECnet, OSI, NetBEUI...) are skipped by their length
        }
      }
    }
    if (proto.isEmpty()) proto = "unknown";
    return new EpmEndpoint(object, iface == null ? Epm.NIL : iface, major, minor, annotation, proto, port, ip, name);
  }

  private static String cString(byte[] b) {
    int z = 0;
    while (z < b.length && b[z] != 0) z++;
    return new String(b, 0, z, StandardCharsets.US_ASCII);
  }

  static int le16(byte[] b, int p) {
    return (b[p] & 0xff) | (b[p + 1] & 0xff) << 8;
  }

  static int be16(byte[] b, int p) {
    return (b[p] & 0xff) << 8 | (b[p + 1] & 0xff);
  }
}
