package org.portolan.rpc;

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
import java.util.UUID;

/**
 * The endpoint mapper on a socket: the client {@code probe} uses (a connection-oriented bind
 * to the EPM interface with the NDR transfer syntax, then {@code ept_lookup} repeated with
 * the returned entry handle until the mapper says there are no more entries) and the small
 * mapper {@code listen} serves. Answers are decoded by {@link EpmDecoder}.
 */
public final class EndpointMapper {
  private EndpointMapper() {}

  static final int MAX_CALLS = 64;
  static final int MAX_FRAGMENTS = 256;
  static final int MAX_FRAG = 5840;

  /** Binds to the endpoint mapper at {@code at} and lists every entry. */
  public static List<EpmEndpoint> lookup(InetSocketAddress at, Duration timeout) throws IOException {
    return lookup(at, timeout, 100);
  }

  /** As {@link #lookup(InetSocketAddress, Duration)}, asking for {@code perCall} entries per ept_lookup call. */
  public static List<EpmEndpoint> lookup(InetSocketAddress at, Duration timeout, int perCall) throws IOException {
    try (Socket s = new Socket()) {
      s.connect(at, (int) timeout.toMillis());
      s.setSoTimeout((int) timeout.toMillis());
      InputStream in = s.getInputStream();
      OutputStream out = s.getOutputStream();
      out.write(bindPdu(1));
      out.flush();
      checkBindAck(readFragment(in));
      List<EpmEndpoint> entries = new ArrayList<>();
      byte[] handle = new byte[20];
      for (int call = 2; call < 2 + MAX_CALLS; call++) {
        out.write(lookupRequest(call, handle, perCall));
        out.flush();
        byte[] stub = readResponse(in, call);
        EpmDecoder.LookupPage page = EpmDecoder.lookupResponse(stub, 0, stub.length, true);
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

  /** bind (PTYPE 11): one presentation context, EPM v3.0 over NDR v2. */
  static byte[] bindPdu(int callId) {
    ByteBuffer b = le(72);
    header(b, Epm.PT_BIND, 72, callId);
    b.putShort((short) MAX_FRAG).putShort((short) MAX_FRAG).putInt(0); // max xmit/recv, new association
    b.put((byte) 1).put((byte) 0).putShort((short) 0); // one context element
    b.putShort((short) 0).put((byte) 1).put((byte) 0); // context 0, one transfer syntax
    Epm.putUuid(b, Epm.EPM);
    b.putShort((short) 3).putShort((short) 0);
    Epm.putUuid(b, Epm.NDR);
    b.putInt(2);
    return b.array();
  }

  static void checkBindAck(byte[] pdu) throws EpmFormatException {
    ByteBuffer b = ByteBuffer.wrap(pdu).order(ByteOrder.LITTLE_ENDIAN);
    int type = pdu[2];
    if (type == Epm.PT_BIND_NAK) throw new EpmFormatException("endpoint mapper refused the bind (bind_nak)");
    if (type != Epm.PT_BIND_ACK) throw new EpmFormatException("expected a bind_ack (type 12), got PDU type " + type);
    try {
      b.position(24);
      int secAddrLen = b.getShort() & 0xffff;
      b.position(align4(26 + secAddrLen));
      int results = b.get() & 0xff;
      b.position(b.position() + 3);
      if (results < 1) throw new EpmFormatException("bind_ack without a presentation result");
      int result = b.getShort() & 0xffff;
      if (result != 0) throw new EpmFormatException("endpoint mapper rejected the EPM/NDR presentation context (result " + result + ")");
    } catch (RuntimeException e) {
      throw new EpmFormatException("truncated bind_ack (" + pdu.length + " bytes)");
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
    header(b, Epm.PT_REQUEST, len, callId);
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
    if (head[0] != 5) throw new EpmFormatException("not a DCE/RPC answer (version byte " + head[0] + ")");
    if ((head[4] & 0xf0) != 0x10) throw new EpmFormatException("big-endian DCE/RPC data representation is not supported");
    int len = (head[8] & 0xff) | ((head[9] & 0xff) << 8);
    if (len < 16) throw new EpmFormatException("fragment length " + len + " shorter than its header");
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
      if (type == Epm.PT_FAULT) {
        int status = f.length >= 28 ? b.getInt(24) : -1;
        throw new EpmFormatException(String.format("endpoint mapper answered with a fault, status 0x%08x", status));
      }
      if (type != Epm.PT_RESPONSE) throw new EpmFormatException("expected a response (PDU type 2), got " + type);
      if (b.getInt(12) != callId) throw new EpmFormatException("response for call " + b.getInt(12) + ", expected " + callId);
      int authLen = b.getShort(10) & 0xffff;
      int end = f.length - (authLen == 0 ? 0 : authLen + 8);
      if (end < 24) throw new EpmFormatException("truncated response fragment");
      stub.write(f, 24, end - 24);
      if ((f[3] & 0x02) != 0) return stub.toByteArray();
    }
    throw new EpmFormatException("response longer than " + MAX_FRAGMENTS + " fragments");
  }

  // ---- a minimal endpoint mapper for 'portolan listen' ------------------------------------

  static final int MAX_PDUS_PER_CONNECTION = 32;

  /**
   * Answers one connection as an endpoint mapper would: bind (EPM over NDR only) and
   * ept_lookup (opnum 2) listing {@code ports} as ncacn_ip_tcp endpoints of {@code ip}, paged
   * with the entry handle; any other call gets a fault. Bounded: at most
   * {@link #MAX_PDUS_PER_CONNECTION} PDUs, the caller sets the socket timeout.
   */
  public static void serve(InputStream in, OutputStream out, byte[] ip, List<Integer> ports) throws IOException {
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
        case Epm.PT_BIND -> out.write(bindAck(callId, pdu));
        case Epm.PT_REQUEST -> {
          if (pdu.length < 24 + 40 || b.getShort(22) != Epm.OP_LOOKUP || b.getInt(28) != 0 || b.getInt(32) != 0) {
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
    boolean epm = bind.length >= 72 && Epm.uuid(bind, 32).equals(Epm.EPM);
    ByteBuffer b = le(60);
    header(b, Epm.PT_BIND_ACK, 60, callId);
    b.putShort((short) MAX_FRAG).putShort((short) MAX_FRAG).putInt(0x5054);
    b.putShort((short) 4).put("135".getBytes(StandardCharsets.US_ASCII)).put((byte) 0).putShort((short) 0);
    b.put((byte) 1).put((byte) 0).putShort((short) 0);
    b.putShort((short) (epm ? 0 : 2)).putShort((short) (epm ? 0 : 1)); // acceptance, or provider rejection: abstract syntax not supported
    Epm.putUuid(b, epm ? Epm.NDR : new UUID(0, 0));
    b.putInt(epm ? 2 : 0);
    return b.array();
  }

  private static byte[] fault(int callId, int status) {
    ByteBuffer b = le(32);
    header(b, Epm.PT_FAULT, 32, callId);
    b.putInt(0).putShort((short) 0).put((byte) 0).put((byte) 0).putInt(status).putInt(0);
    return b.array();
  }

  private static byte[] response(int callId, byte[] stub) {
    ByteBuffer b = le(24 + stub.length);
    header(b, Epm.PT_RESPONSE, 24 + stub.length, callId);
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
      Epm.putUuid(b, new UUID(0, 0));
      b.putInt(0x10000 + i); // tower referent
      b.putInt(0).putInt(annotation.length() + 1).put(annotation.getBytes(StandardCharsets.US_ASCII)).put((byte) 0);
      b.position(align4(b.position()));
    }
    for (int i = from; i < to; i++) {
      byte[] tower = tower(ports.get(i), ip);
      b.putInt(tower.length).putInt(tower.length).put(tower);
      b.position(align4(b.position()));
    }
    b.putInt(n == 0 ? Epm.EPT_S_NOT_REGISTERED : 0);
    return java.util.Arrays.copyOf(b.array(), b.position());
  }

  private static byte[] tower(int port, byte[] ip) {
    ByteBuffer t = le(75);
    t.putShort((short) 5);
    t.putShort((short) 19).put((byte) 0x0d);
    Epm.putUuid(t, Epm.PORTOLAN_STAND_IN);
    t.putShort((short) 1).putShort((short) 2).putShort((short) 0);
    t.putShort((short) 19).put((byte) 0x0d);
    Epm.putUuid(t, Epm.NDR);
    t.putShort((short) 2).putShort((short) 2).putShort((short) 0);
    t.putShort((short) 1).put((byte) 0x0b).putShort((short) 2).putShort((short) 0);
    t.putShort((short) 1).put((byte) 0x07).putShort((short) 2).put((byte) (port >> 8)).put((byte) port);
    t.putShort((short) 1).put((byte) 0x09).putShort((short) 4).put(ip.length == 4 ? ip : new byte[4]);
    return t.array();
  }
}
