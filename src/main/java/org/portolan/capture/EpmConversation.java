package org.portolan.capture;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.portolan.rpc.Epm;
import org.portolan.rpc.EpmDecoder;
import org.portolan.rpc.EpmEndpoint;
import org.portolan.rpc.EpmFormatException;

/**
 * One TCP connection to port 135: reassembles both directions (in order, bounded, giving up
 * on a gap) into connection-oriented DCE/RPC PDUs, remembers which calls were
 * {@code ept_map}/{@code ept_lookup} requests on the endpoint-mapper interface, and decodes
 * their responses.
 */
final class EpmConversation {
  private static final int MAX_BUFFER = 64 * 1024;
  private static final int MAX_CALLS = 256;

  private final Stream toServer = new Stream();
  private final Stream toClient = new Stream();
  private final Map<Long, Integer> opnumByCall = new HashMap<>();
  private final Set<Integer> epmContexts = new HashSet<>();
  private final Set<Integer> otherContexts = new HashSet<>();

  /** An endpoint and the frame number of the response that named it. */
  record Found(EpmEndpoint endpoint, long packet) {}

  private static final class Stream {
    byte[] buf = new byte[0];
    int len;
    long next = -1;
    boolean broken;

    /** Appends in-order bytes; false when the stream must be given up. */
    boolean add(long seq, byte[] b, int off, int n) {
      if (broken || n == 0) return !broken;
      if (next < 0) next = seq;
      long delta = (seq - next) & 0xFFFFFFFFL;
      if (delta != 0) {
        if (delta > 0x7FFFFFFFL) { // old data: retransmission or overlap
          long behind = 0x100000000L - delta;
          if (behind >= n) return true;
          off += (int) behind;
          n -= (int) behind;
        } else {
          broken = true; // a gap: bytes were not captured
          return false;
        }
      }
      if (len + n > MAX_BUFFER) {
        broken = true;
        return false;
      }
      if (buf.length < len + n) buf = java.util.Arrays.copyOf(buf, Math.max(len + n, Math.min(MAX_BUFFER, buf.length * 2 + 512)));
      System.arraycopy(b, off, buf, len, n);
      len += n;
      next = (next + n) & 0xFFFFFFFFL;
      return true;
    }

    void consume(int n) {
      System.arraycopy(buf, n, buf, 0, len - n);
      len -= n;
    }
  }

  void fromClient(long seq, byte[] b, int off, int n) {
    if (!toServer.add(seq, b, off, n)) return;
    Stream s = toServer;
    while (s.len >= 16) {
      int frag = fragLength(s.buf);
      if (frag < 16) {
        s.broken = true;
        return;
      }
      if (s.len < frag) return;
      clientPdu(s.buf, frag);
      s.consume(frag);
    }
  }

  List<Found> fromServer(long seq, byte[] b, int off, int n, long packet) {
    if (!toClient.add(seq, b, off, n)) return List.of();
    Stream s = toClient;
    List<Found> out = new ArrayList<>();
    while (s.len >= 16) {
      int frag = fragLength(s.buf);
      if (frag < 16) {
        s.broken = true;
        break;
      }
      if (s.len < frag) break;
      serverPdu(s.buf, frag, packet, out);
      s.consume(frag);
    }
    return out;
  }

  private static boolean little(byte[] b) {
    return (b[4] & 0x10) != 0;
  }

  /** frag_length of the PDU at the start of b, or -1 when it is not a DCE/RPC v5 PDU. */
  private static int fragLength(byte[] b) {
    if (b[0] != 5 || b[1] != 0) return -1;
    return little(b) ? Bytes.le16(b, 8) : Bytes.be16(b, 8);
  }

  private static long callId(byte[] b) {
    return little(b) ? Integer.toUnsignedLong(Bytes.le32(b, 12)) : Integer.toUnsignedLong(Bytes.be32(b, 12));
  }

  private void clientPdu(byte[] b, int frag) {
    boolean le = little(b);
    int type = Bytes.u8(b, 2);
    if (type == Epm.PT_BIND || type == Epm.PT_ALTER_CONTEXT) {
      // max_xmit(2) max_recv(2) assoc_group(4) n_context_elem(1) pad(3), then items:
      // p_cont_id(2) n_transfer_syn(1) pad(1) abstract_syntax(uuid 16 + version 4) transfer syntaxes (20 each)
      if (frag < 28) return;
      int items = Bytes.u8(b, 24);
      int p = 28;
      for (int i = 0; i < items && p + 24 <= frag; i++) {
        int ctx = Bytes.u16(b, p, !le);
        int transfers = Bytes.u8(b, p + 2);
        (Epm.uuid(b, p + 4).equals(Epm.EPM) ? epmContexts : otherContexts).add(ctx);
        p += 24 + 20 * transfers;
      }
    } else if (type == Epm.PT_REQUEST && frag >= 24 && opnumByCall.size() < MAX_CALLS) {
      int ctx = Bytes.u16(b, 20, !le);
      int opnum = Bytes.u16(b, 22, !le);
      boolean epm = epmContexts.contains(ctx) || !otherContexts.contains(ctx); // bind not seen: port 135 is the mapper
      if (epm && (opnum == Epm.OP_MAP || opnum == Epm.OP_LOOKUP)) opnumByCall.put(callId(b), opnum);
    }
  }

  private void serverPdu(byte[] b, int frag, long packet, List<Found> out) {
    if (Bytes.u8(b, 2) != Epm.PT_RESPONSE || frag < 24) return;
    if ((b[3] & 0x03) != 0x03) return; // only single-fragment responses (ept answers are small)
    Integer opnum = opnumByCall.remove(callId(b));
    if (opnum == null) return;
    boolean le = little(b);
    int authLen = Bytes.u16(b, 10, !le);
    int stubLen = frag - 24 - (authLen > 0 ? authLen + 8 : 0);
    if (stubLen <= 0) return;
    try {
      List<EpmEndpoint> eps = opnum == Epm.OP_MAP
          ? EpmDecoder.mapResponse(b, 24, stubLen, le)
          : EpmDecoder.lookupResponse(b, 24, stubLen, le).entries();
      // only endpoints with a transport port say where the client will connect next
      for (EpmEndpoint e : eps) if (e.ipProtocol().isPresent()) out.add(new Found(e, packet));
    } catch (EpmFormatException ignored) {
      // an answer we cannot read attributes nothing; the connection itself is still classified
    }
  }
}
