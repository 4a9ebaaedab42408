package org.portolan.probe;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;

/**
 * A client for the DCE/RPC endpoint mapper on TCP 135: a connection-oriented bind to the EPM
 * interface with the NDR transfer syntax, then {@code ept_lookup} (opnum 2) repeated with the
 * returned entry handle until the mapper says there are no more entries; each entry's tower
 * is decoded to the interface, protocol sequence, TCP port and IP address it advertises.
 *
 * <p>Hand-written on purpose: no maintained Java library implements a DCE/RPC EPM client
 * (the wire format is from the Open Group DCE 1.1 RPC specification, C706, chapters 12 and
 * 14, and appendix L/I for towers; MS-RPCE 2.2.1 for the protocol identifiers). Every read
 * is bounds-checked; a malformed answer is an {@link EpmException}, never a hang.
 */
public final class EndpointMapper {
  private EndpointMapper() {}

  static final UUID EPM = UUID.fromString("e1af8308-5d1f-11c9-91a4-08002b14a0fa");
  static final UUID NDR = UUID.fromString("8a885d04-1ceb-11c9-9fe8-08002b104860");
  static final int EPT_S_NOT_REGISTERED = 0x16c9a0d6;
  static final int MAX_CALLS = 64;
  static final int MAX_FRAGMENTS = 256;
  static final int MAX_FRAG = 5840;

  /** One registered endpoint. {@code protocol} is e.g. {@code ncacn_ip_tcp}, {@code ncalrpc}. */
  public record Entry(UUID object, UUID iface, int versionMajor, int versionMinor, String annotation,
      String protocol, OptionalInt port, Optional<String> ip, Optional<String> name) {
    public Entry {
      annotation = annotation == null ? "" : annotation;
    }

    /** "ncacn_ip_tcp:198.18.0.2[49152]", the string-binding form Windows tools print. */
    public String binding() {
      String where = ip.or(() -> name).orElse("");
      String ep = port.isPresent() ? Integer.toString(port.getAsInt()) : name.isPresent() && ip.isPresent() ? name.get() : "";
      return protocol + ":" + where + (ep.isEmpty() ? "" : "[" + ep + "]");
    }
  }

  /** The mapper did not speak DCE/RPC as expected. */
  public static final class EpmException extends IOException {
    EpmException(String message) {
      super(message);
    }
  }

  /** Binds to the endpoint mapper at {@code at} and lists every entry. */
  public static List<Entry> lookup(InetSocketAddress at, Duration timeout) throws IOException {
    return lookup(at, timeout, 100);
  }

  /** As {@link #lookup(InetSocketAddress, Duration)}, asking for {@code perCall} entries per ept_lookup call. */
  static List<Entry> lookup(InetSocketAddress at, Duration timeout, int perCall) throws IOException {
    try (Socket s = new Socket()) {
      s.connect(at, (int) timeout.toMillis());
      s.setSoTimeout((int) timeout.toMillis());
      InputStream in = s.getInputStream();
      OutputStream out = s.getOutputStream();
      out.write(bindPdu(1));
      out.flush();
      checkBindAck(readFragment(in));
      List<Entry> entries = new ArrayList<>();
      byte[] handle = new byte[20];
      for (int call = 2; call < 2 + MAX_CALLS; call++) {
        out.write(lookupRequest(call, handle, perCall));
        out.flush();
        LookupPage page = parseLookupResponse(readResponse(in, call));
        entries.addAll(page.entries());
        handle = page.handle();
        if (page.status() != 0 || page.entries().isEmpty() || isZero(handle)) return entries;
      }
      return entries;
    }
  }

  static boolean isZero(byte[] b) {
    for (byte x : b) if (x != 0) return false;
    return true;
  }

  // ---- PDUs -----------------------------------------------------------------------------

  private static ByteBuffer le(int size) {
    return ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
  }

  private static void header(ByteBuffer b, int type, int length, int callId) {
    b.put((byte) 5).put((byte) 0).put((byte) type).put((byte) 0x03) // version 5.0, first+last fragment
        .put(new byte[] {0x10, 0, 0, 0}) // data representation: little-endian, ASCII, IEEE
        .putShort((short) length).putShort((short) 0).putInt(callId);
  }

  static void putUuid(ByteBuffer b, UUID u) {
    long msb = u.getMostSignificantBits();
    b.putInt((int) (msb >>> 32)).putShort((short) (msb >>> 16)).putShort((short) msb);
    long lsb = u.getLeastSignificantBits();
    for (int i = 7; i >= 0; i--) b.put((byte) (lsb >>> (8 * i)));
  }

  static UUID getUuid(ByteBuffer b) {
    long a = b.getInt() & 0xffffffffL;
    long c = b.getShort() & 0xffff;
    long d = b.getShort() & 0xffff;
    long lsb = 0;
    for (int i = 0; i < 8; i++) lsb = (lsb << 8) | (b.get() & 0xff);
    return new UUID((a << 32) | (c << 16) | d, lsb);
  }

  /** bind (PTYPE 11): one presentation context, EPM v3.0 over NDR v2. */
  static byte[] bindPdu(int callId) {
    ByteBuffer b = le(72);
    header(b, 11, 72, callId);
    b.putShort((short) MAX_FRAG).putShort((short) MAX_FRAG).putInt(0); // max xmit/recv, new association
    b.put((byte) 1).put((byte) 0).putShort((short) 0); // one context element
    b.putShort((short) 0).put((byte) 1).put((byte) 0); // context 0, one transfer syntax
    putUuid(b, EPM);
    b.putShort((short) 3).putShort((short) 0);
    putUuid(b, NDR);
    b.putInt(2);
    return b.array();
  }

  static void checkBindAck(byte[] pdu) throws EpmException {
    ByteBuffer b = ByteBuffer.wrap(pdu).order(ByteOrder.LITTLE_ENDIAN);
    int type = pdu[2];
    if (type == 13) throw new EpmException("endpoint mapper refused the bind (bind_nak)");
    if (type != 12) throw new EpmException("expected a bind_ack (type 12), got PDU type " + type);
    try {
      b.position(24);
      int secAddrLen = b.getShort() & 0xffff;
      b.position(align4(26 + secAddrLen));
      int results = b.get() & 0xff;
      b.position(b.position() + 3);
      if (results < 1) throw new EpmException("bind_ack without a presentation result");
      int result = b.getShort() & 0xffff;
      if (result != 0) throw new EpmException("endpoint mapper rejected the EPM/NDR presentation context (result " + result + ")");
    } catch (RuntimeException e) {
      throw new EpmException("truncated bind_ack (" + pdu.length + " bytes)");
    }
  }

  static int align4(int n) {
    return (n + 3) & ~3;
  }

  /** request (PTYPE 0), opnum 2 ept_lookup: all elements, any object, any interface, all versions. */
  static byte[] lookupRequest(int callId, byte[] handle, int maxEntries) {
    int stub = 4 + 4 + 4 + 4 + 20 + 4;
    int len = 24 + stub;
    ByteBuffer b = le(len);
    header(b, 0, len, callId);
    b.putInt(stub).putShort((short) 0).putShort((short) 2);
    b.putInt(0); // inquiry_type: rpc_c_ep_all_elts
    b.putInt(0); // object: null pointer
    b.putInt(0); // interface_id: null pointer
    b.putInt(1); // vers_option: rpc_c_vers_all
    b.put(handle); // entry_handle (context handle: attributes + uuid)
    b.putInt(maxEntries); // max_ents per call
    return b.array();
  }

  /** One fragment: header then body, frag_length bounding the read. */
  static byte[] readFragment(InputStream in) throws IOException {
    byte[] head = in.readNBytes(16);
    if (head.length < 16) throw new EOFException("endpoint mapper closed the connection");
    if (head[0] != 5) throw new EpmException("not a DCE/RPC answer (version byte " + head[0] + ")");
    if ((head[4] & 0xf0) != 0x10) throw new EpmException("big-endian DCE/RPC data representation is not supported");
    int len = (head[8] & 0xff) | ((head[9] & 0xff) << 8);
    if (len < 16) throw new EpmException("fragment length " + len + " shorter than its header");
    byte[] rest = in.readNBytes(len - 16);
    if (rest.length < len - 16) throw new EOFException("endpoint mapper closed the connection mid-fragment");
    byte[] all = new byte[len];
    System.arraycopy(head, 0, all, 0, 16);
    System.arraycopy(rest, 0, all, 16, rest.length);
    return all;
  }

  /** Reads response fragments for {@code callId} and returns the reassembled stub data. */
  static byte[] readResponse(InputStream in, int callId) throws IOException {
    ByteArrayOutputStream stub = new ByteArrayOutputStream();
    for (int i = 0; i < MAX_FRAGMENTS; i++) {
      byte[] f = readFragment(in);
      ByteBuffer b = ByteBuffer.wrap(f).order(ByteOrder.LITTLE_ENDIAN);
      int type = f[2];
      if (type == 3) {
        int status = f.length >= 28 ? b.getInt(24) : -1;
        throw new EpmException(String.format("endpoint mapper answered with a fault, status 0x%08x", status));
      }
      if (type != 2) throw new EpmException("expected a response (PDU type 2), got " + type);
      if (b.getInt(12) != callId) throw new EpmException("response for call " + b.getInt(12) + ", expected " + callId);
      int authLen = b.getShort(10) & 0xffff;
      int end = f.length - (authLen == 0 ? 0 : authLen + 8);
      if (end < 24) throw new EpmException("truncated response fragment");
      stub.write(f, 24, end - 24);
      if ((f[3] & 0x02) != 0) return stub.toByteArray();
    }
    throw new EpmException("response longer than " + MAX_FRAGMENTS + " fragments");
  }

  record LookupPage(byte[] handle, List<Entry> entries, int status) {}

  /** Decodes the NDR stub of an ept_lookup response. */
  static LookupPage parseLookupResponse(byte[] stub) throws EpmException {
    ByteBuffer b = ByteBuffer.wrap(stub).order(ByteOrder.LITTLE_ENDIAN);
    try {
      byte[] handle = new byte[20];
      b.get(handle);
      int num = b.getInt();
      int max = b.getInt();
      b.getInt(); // offset
      int actual = b.getInt();
      if (num < 0 || actual < 0 || actual > max || actual != num || actual > 10_000)
        throw new EpmException("inconsistent entry counts in ept_lookup response (num " + num + ", actual " + actual + ", max " + max + ")");
      record Raw(UUID object, int towerRef, String annotation) {}
      List<Raw> raws = new ArrayList<>();
      for (int i = 0; i < actual; i++) {
        UUID object = getUuid(b);
        int ref = b.getInt();
        b.getInt(); // annotation offset
        int n = b.getInt();
        if (n < 0 || n > 64) throw new EpmException("annotation length " + n + " exceeds 64");
        byte[] chars = new byte[n];
        b.get(chars);
        int z = 0;
        while (z < n && chars[z] != 0) z++;
        raws.add(new Raw(object, ref, new String(chars, 0, z, StandardCharsets.US_ASCII)));
        b.position(align4(b.position()));
      }
      List<Entry> entries = new ArrayList<>();
      for (Raw r : raws) {
        if (r.towerRef() == 0) {
          entries.add(new Entry(r.object(), new UUID(0, 0), 0, 0, r.annotation(), "unknown", OptionalInt.empty(), Optional.empty(), Optional.empty()));
          continue;
        }
        b.position(align4(b.position()));
        int maxCount = b.getInt();
        int len = b.getInt();
        if (len < 0 || len > maxCount || len > b.remaining()) throw new EpmException("tower length " + len + " beyond the response");
        byte[] tower = new byte[len];
        b.get(tower);
        entries.add(parseTower(tower, r.object(), r.annotation()));
      }
      b.position(align4(b.position()));
      int status = b.getInt();
      return new LookupPage(handle, entries, status);
    } catch (java.nio.BufferUnderflowException | IllegalArgumentException e) {
      throw new EpmException("truncated ept_lookup response (" + stub.length + " bytes)");
    }
  }

  /** Decodes a protocol tower: floors of (lhs, rhs) octet strings, little-endian counts. */
  static Entry parseTower(byte[] tower, UUID object, String annotation) throws EpmException {
    try {
      return decodeTower(tower, object, annotation);
    } catch (java.nio.BufferUnderflowException | IllegalArgumentException e) {
      throw new EpmException("truncated tower (" + tower.length + " bytes)");
    }
  }

  private static Entry decodeTower(byte[] tower, UUID object, String annotation) throws EpmException {
    ByteBuffer b = ByteBuffer.wrap(tower).order(ByteOrder.LITTLE_ENDIAN);
    int floors = b.getShort() & 0xffff;
    if (floors > 16) throw new EpmException("tower with " + floors + " floors");
    UUID iface = new UUID(0, 0);
    int major = 0, minor = 0;
    String proto = "";
    OptionalInt port = OptionalInt.empty();
    Optional<String> ip = Optional.empty();
    Optional<String> name = Optional.empty();
    for (int i = 0; i < floors; i++) {
      int lhsLen = b.getShort() & 0xffff;
      if (lhsLen < 1 || lhsLen > b.remaining()) throw new EpmException("tower floor " + (i + 1) + " too long");
      byte[] lhs = new byte[lhsLen];
      b.get(lhs);
      int rhsLen = b.getShort() & 0xffff;
      if (rhsLen > b.remaining()) throw new EpmException("tower floor " + (i + 1) + " value too long");
      byte[] rhs = new byte[rhsLen];
      b.get(rhs);
      int id = lhs[0] & 0xff;
      switch (id) {
        case 0x0d -> {
          if (lhs.length < 19) throw new EpmException("interface floor too short");
          ByteBuffer l = ByteBuffer.wrap(lhs, 1, 18).order(ByteOrder.LITTLE_ENDIAN);
          UUID u = getUuid(l);
          if (i == 0) {
            iface = u;
            major = l.getShort() & 0xffff;
            minor = rhs.length >= 2 ? (rhs[0] & 0xff) | ((rhs[1] & 0xff) << 8) : 0;
          }
        }
        case 0x0b -> proto = "ncacn";
        case 0x0a -> proto = "ncadg";
        case 0x0c -> proto = "ncalrpc";
        case 0x07 -> {
          proto = proto.equals("ncadg") ? "ncadg_ip_tcp" : "ncacn_ip_tcp";
          if (rhs.length >= 2) port = OptionalInt.of(((rhs[0] & 0xff) << 8) | (rhs[1] & 0xff)); // big-endian
        }
        case 0x08 -> {
          proto = "ncadg_ip_udp";
          if (rhs.length >= 2) port = OptionalInt.of(((rhs[0] & 0xff) << 8) | (rhs[1] & 0xff));
        }
        case 0x1f -> {
          proto = "ncacn_http";
          if (rhs.length >= 2) port = OptionalInt.of(((rhs[0] & 0xff) << 8) | (rhs[1] & 0xff));
        }
        case 0x09 -> {
          if (rhs.length == 4) ip = Optional.of((rhs[0] & 0xff) + "." + (rhs[1] & 0xff) + "." + (rhs[2] & 0xff) + "." + (rhs[3] & 0xff));
        }
        case 0x0f -> {
          proto = "ncacn_np";
          name = Optional.of(cString(rhs));
        }
        case 0x10 -> {
          if (proto.isEmpty() || proto.equals("ncalrpc")) proto = "ncalrpc";
          name = Optional.of(cString(rhs));
        }
        case 0x11 -> {
          if (proto.equals("ncacn_np")) ip = Optional.of(cString(rhs)); // NetBIOS host of a named pipe
          else name = Optional.of(cString(rhs));
        }
        default -> { }
      }
    }
    if (proto.isEmpty()) proto = "unknown";
    return new Entry(object, iface, major, minor, annotation, proto, port, ip, name);
  }

  private static String cString(byte[] b) {
    int z = 0;
    while (z < b.length && b[z] != 0) z++;
    return new String(b, 0, z, StandardCharsets.US_ASCII);
  }

  // ---- a minimal endpoint mapper for 'portolan listen' ------------------------------------

  /** The interface 'portolan listen' registers its stand-in dynamic ports under. */
  static final UUID STAND_IN = UUID.fromString("706f7274-6f6c-616e-8000-6c697374656e");
  static final int MAX_PDUS_PER_CONNECTION = 32;

  /**
   * Answers one connection as an endpoint mapper would: bind (EPM over NDR only) and
   * ept_lookup (opnum 2) listing {@code ports} as ncacn_ip_tcp endpoints of {@code ip}, paged
   * with the entry handle; any other call gets a fault. Bounded: at most
   * {@link #MAX_PDUS_PER_CONNECTION} PDUs, the caller sets the socket timeout.
   */
  static void serve(InputStream in, OutputStream out, byte[] ip, List<Integer> ports) throws IOException {
    for (int i = 0; i < MAX_PDUS_PER_CONNECTION; i++) {
      byte[] pdu;
      try {
        pdu = readFragment(in);
      } catch (EOFException e) {
        return;
      }
      ByteBuffer b = ByteBuffer.wrap(pdu).order(ByteOrder.LITTLE_ENDIAN);
      int callId = b.getInt(12);
      switch (pdu[2]) {
        case 11 -> out.write(bindAck(callId, pdu));
        case 0 -> {
          if (pdu.length < 24 + 40 || b.getShort(22) != 2 || b.getInt(28) != 0 || b.getInt(32) != 0) {
            out.write(fault(callId, 0x1c010002)); // nca_s_op_rng_error: only ept_lookup with null object and interface
            break;
          }
          byte[] handle = java.util.Arrays.copyOfRange(pdu, 40, 60);
          int max = Math.max(1, Math.min(b.getInt(60), 500));
          out.write(response(callId, lookupStub(handle, max, ip, ports)));
        }
        default -> {
          return;
        }
      }
      out.flush();
    }
  }

  private static byte[] bindAck(int callId, byte[] bind) {
    boolean epm = bind.length >= 72 && getUuid(ByteBuffer.wrap(bind, 32, 16).order(ByteOrder.LITTLE_ENDIAN)).equals(EPM);
    ByteBuffer b = le(60);
    header(b, 12, 60, callId);
    b.putShort((short) MAX_FRAG).putShort((short) MAX_FRAG).putInt(0x5054);
    b.putShort((short) 4).put("135".getBytes(StandardCharsets.US_ASCII)).put((byte) 0).putShort((short) 0);
    b.put((byte) 1).put((byte) 0).putShort((short) 0);
    b.putShort((short) (epm ? 0 : 2)).putShort((short) (epm ? 0 : 1)); // acceptance, or provider rejection: abstract syntax not supported
    putUuid(b, epm ? NDR : new UUID(0, 0));
    b.putInt(epm ? 2 : 0);
    return b.array();
  }

  private static byte[] fault(int callId, int status) {
    ByteBuffer b = le(32);
    header(b, 3, 32, callId);
    b.putInt(0).putShort((short) 0).put((byte) 0).put((byte) 0).putInt(status).putInt(0);
    return b.array();
  }

  private static byte[] response(int callId, byte[] stub) {
    ByteBuffer b = le(24 + stub.length);
    header(b, 2, 24 + stub.length, callId);
    b.putInt(stub.length).putShort((short) 0).put((byte) 0).put((byte) 0).put(stub);
    return b.array();
  }

  /** The ept_lookup response stub: entries from the index the handle carries, then the next handle and status. */
  static byte[] lookupStub(byte[] handle, int max, byte[] ip, List<Integer> ports) {
    int from = ByteBuffer.wrap(handle, 4, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
    if (from < 0 || from > ports.size()) from = ports.size();
    int to = Math.min(ports.size(), from + max);
    int n = to - from;
    String annotation = "portolan listen stand-in";
    ByteBuffer b = le(64 + n * (16 + 12 + 28 + 8 + 80));
    if (to < ports.size()) b.putInt(0).putInt(to).put(new byte[12]);
    else b.put(new byte[20]);
    b.putInt(n).putInt(max).putInt(0).putInt(n);
    for (int i = 0; i < n; i++) {
      putUuid(b, new UUID(0, 0));
      b.putInt(0x10000 + i); // tower referent
      b.putInt(0).putInt(annotation.length() + 1).put(annotation.getBytes(StandardCharsets.US_ASCII)).put((byte) 0);
      b.position(align4(b.position()));
    }
    for (int i = from; i < to; i++) {
      byte[] tower = tower(ports.get(i), ip);
      b.putInt(tower.length).putInt(tower.length).put(tower);
      b.position(align4(b.position()));
    }
    b.putInt(n == 0 ? EPT_S_NOT_REGISTERED : 0);
    return java.util.Arrays.copyOf(b.array(), b.position());
  }

  private static byte[] tower(int port, byte[] ip) {
    ByteBuffer t = le(75);
    t.putShort((short) 5);
    t.putShort((short) 19).put((byte) 0x0d);
    putUuid(t, STAND_IN);
    t.putShort((short) 1).putShort((short) 2).putShort((short) 0);
    t.putShort((short) 19).put((byte) 0x0d);
    putUuid(t, NDR);
    t.putShort((short) 2).putShort((short) 2).putShort((short) 0);
    t.putShort((short) 1).put((byte) 0x0b).putShort((short) 2).putShort((short) 0);
    t.putShort((short) 1).put((byte) 0x07).putShort((short) 2).put((byte) (port >> 8)).put((byte) port);
    t.putShort((short) 1).put((byte) 0x09).putShort((short) 4).put(ip.length == 4 ? ip : new byte[4]);
    return t.array();
  }
}
