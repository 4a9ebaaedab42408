package org.portolan.observe;

import java.util.HashMap;
import java.util.Map;
import org.portolan.attribution.Ip;

/**
 * NetFlow v5, NetFlow v9 (RFC 3954) and IPFIX (RFC 7011) export packets. v9 and IPFIX data
 * are read through the templates the exporter sent earlier, kept per exporter address, source
 * id / observation domain and template id; data for a template not yet seen is counted as
 * malformed ("no template") rather than guessed. Information elements read (RFC 7012 numbers,
 * shared by v9): 1 octetDeltaCount, 2 packetDeltaCount, 4 protocolIdentifier, 6 tcpControlBits,
 * 7 sourceTransportPort, 8 sourceIPv4Address, 11 destinationTransportPort, 12
 * destinationIPv4Address, 10/14 ingress/egressInterface, 21/22 flowEnd/StartSysUpTime, 27/28
 * IPv6 addresses, 89 forwardingStatus, 150-153 flowStart/End seconds and milliseconds, 160
 * systemInitTimeMilliseconds; the rest are skipped by their length.
 *
 * <p>A flow says nothing of a firewall's verdict, so records are "unknown" unless
 * forwardingStatus says dropped (deny) or forwarded (accept), or the flow is TCP and carries
 * ACK without RST from the initiator (the handshake completed: accept). The device is the
 * exporter's address and the input interface.
 *
 * <p>Not thread-safe (templates): one per stream of export packets.
 */
final class NetFlow {
  private record TemplateKey(long exporterHi, long exporterLo, long domain, int id) {}

  /** A template: per field its IE number and length (65535 = variable, IPFIX). */
  private record Template(int[] ies, int[] lengths, int scopeFields) {}

  private final Map<TemplateKey, Template> templates = new HashMap<>();
  /**
   * systemInitTimeMilliseconds per exporter and observation domain, from options data (how
   * softflowd's IPFIX anchors its flowStart/EndSysUpTime): applies to the data records after it.
   */
  private final Map<TemplateKey, Long> boots = new HashMap<>();
  private long record;

  /** Decodes one export packet; every flow record goes to {@code sink} numbered in arrival order. */
  void packet(byte[] b, int off, int len, long exHi, long exLo, String file, long position, RecordSink sink) {
    if (len < 4) {
      sink.malformed(new Malformed(file, ++record, position, "export packet shorter than a NetFlow header"));
      return;
    }
    int version = be16(b, off);
    switch (version) {
      case 5 -> v5(b, off, len, exHi, exLo, file, position, sink);
      case 9 -> v9(b, off, len, exHi, exLo, file, position, sink);
      case 10 -> ipfix(b, off, len, exHi, exLo, file, position, sink);
      default -> sink.malformed(new Malformed(file, ++record, position, "export packet version must be 5, 9 or 10 (IPFIX), found " + version));
    }
  }

  private void v5(byte[] b, int off, int len, long exHi, long exLo, String file, long pos, RecordSink sink) {
    if (len < 24) {
      sink.malformed(new Malformed(file, ++record, pos, "NetFlow v5 header needs 24 bytes, found " + len));
      return;
    }
    int count = be16(b, off + 2);
    long uptime = be32(b, off + 4);
    long now = be32(b, off + 8) * 1000 + be32(b, off + 12) / 1_000_000;
    if (count < 1 || count > 30 || 24 + 48L * count > len) {
      sink.malformed(new Malformed(file, ++record, pos, "NetFlow v5 packet says " + count + " records (1-30) of 48 bytes; it has " + (len - 24) + " bytes"));
      return;
    }
    String device = Ip.text(exHi, exLo);
    for (int i = 0; i < count; i++) {
      int r = off + 24 + 48 * i;
      long first = now - (uptime - be32(b, r + 24)), last = now - (uptime - be32(b, r + 28));
      int flags = b[r + 37] & 0xFF, proto = b[r + 38] & 0xFF;
      long packets = be32(b, r + 16), bytes = be32(b, r + 20);
      int input = be16(b, r + 12);
      sink.record(new LogRecord(first, Math.max(first, last), 0, Ip.v4((int) be32(b, r)), 0, Ip.v4((int) be32(b, r + 4)), proto,
          be16(b, r + 32), be16(b, r + 34), action(proto, flags, -1), 1, packets, bytes, device + " if" + input, "", ++record));
    }
  }

  private void v9(byte[] b, int off, int len, long exHi, long exLo, String file, long pos, RecordSink sink) {
    if (len < 20) {
      sink.malformed(new Malformed(file, ++record, pos, "NetFlow v9 header needs 20 bytes, found " + len));
      return;
    }
    long uptime = be32(b, off + 4), now = be32(b, off + 8) * 1000, domain = be32(b, off + 16);
    sets(b, off + 20, off + len, exHi, exLo, domain, false, now, now - uptime, file, pos, sink);
  }

  private void ipfix(byte[] b, int off, int len, long exHi, long exLo, String file, long pos, RecordSink sink) {
    if (len < 16) {
      sink.malformed(new Malformed(file, ++record, pos, "IPFIX message header needs 16 bytes, found " + len));
      return;
    }
    int length = be16(b, off + 2);
    if (length < 16 || length > len) {
      sink.malformed(new Malformed(file, ++record, pos, "IPFIX message length " + length + " does not fit the " + len + " bytes received"));
      return;
    }
    long now = be32(b, off + 4) * 1000, domain = be32(b, off + 12);
    sets(b, off + 16, off + length, exHi, exLo, domain, true, now, boots.getOrDefault(new TemplateKey(exHi, exLo, domain, 0), Long.MIN_VALUE), file,
        pos, sink);
  }

  private void sets(byte[] b, int p, int end, long exHi, long exLo, long domain, boolean ipfix, long now, long bootMillis, String file,
      long pos, RecordSink sink) {
    while (p + 4 <= end) {
      int id = be16(b, p), length = be16(b, p + 2);
      if (length < 4 || p + length > end) {
        sink.malformed(new Malformed(file, ++record, pos + 0, "set " + id + " length " + length + " runs past the packet"));
        return;
      }
      int body = p + 4, setEnd = p + length;
      int templateSet = ipfix ? 2 : 0, optionsSet = ipfix ? 3 : 1;
      if (id == templateSet || id == optionsSet) {
        if (!templates(b, body, setEnd, id == optionsSet, ipfix, exHi, exLo, domain)) {
          sink.malformed(new Malformed(file, ++record, pos, "malformed template set"));
          return;
        }
        sink.skipped();
      } else if (id >= 256) {
        Template t = templates.get(new TemplateKey(exHi, exLo, domain, id));
        if (t == null) {
          sink.malformed(new Malformed(file, ++record, pos, "data set " + id + " before its template (no template from this exporter yet)"));
        } else {
          long boot = data(b, body, setEnd, t, exHi, exLo, ipfix, now, bootMillis, file, pos, sink);
          if (ipfix && boot != bootMillis) {
            boots.put(new TemplateKey(exHi, exLo, domain, 0), boot);
            bootMillis = boot;
          }
        }
      } else if (id > 3 || !ipfix && id > 1) {
        // reserved set ids: skipped by their length
      }
      p = setEnd;
    }
  }

  private boolean templates(byte[] b, int p, int end, boolean options, boolean ipfix, long exHi, long exLo, long domain) {
    while (p + 4 <= end) {
      int id = be16(b, p), count = be16(b, p + 2), scope = 0;
      p += 4;
      if (options) {
        if (ipfix) {
          if (p + 2 > end) return false;
          scope = be16(b, p);
          p += 2;
        } else { // v9: scope length and option length in bytes
          if (p + 4 > end) return false;
          int scopeLen = be16(b, p), optLen = be16(b, p + 2);
          p += 4;
          count = (scopeLen + optLen) / 4;
          scope = scopeLen / 4;
        }
      }
      if (id < 256) return id == 0 && count == 0 ? true : false;
      if (count == 0) { // IPFIX template withdrawal
        templates.remove(new TemplateKey(exHi, exLo, domain, id));
        continue;
      }
      int[] ies = new int[count], lengths = new int[count];
      for (int i = 0; i < count; i++) {
        if (p + 4 > end) return false;
        int ie = be16(b, p), l = be16(b, p + 2);
        p += 4;
        if (ipfix && (ie & 0x8000) != 0) { // enterprise-specific: skip the enterprise number
          if (p + 4 > end) return false;
          p += 4;
          ie = -1;
        }
        ies[i] = ie;
        lengths[i] = l;
      }
      templates.put(new TemplateKey(exHi, exLo, domain, id), new Template(ies, lengths, scope));
      while (end - p < 4 && p < end && b[p] == 0) p++; // padding
    }
    return true;
  }

  /** Decodes a data set; returns the systemInitTimeMilliseconds an options record in it gave, else {@code bootMillis}. */
  private long data(byte[] b, int p, int end, Template t, long exHi, long exLo, boolean ipfix, long now, long bootMillis, String file,
      long pos, RecordSink sink) {
    long found = bootMillis;
    int fixed = 0;
    boolean variable = false;
    for (int l : t.lengths) {
      if (l == 65535) variable = true;
      else fixed += l;
    }
    if (fixed == 0 && !variable) return found;
    String device = Ip.text(exHi, exLo);
    while (p < end) {
      if (!variable && end - p < fixed) return found; // padding
      long srcHi = 0, srcLo = 0, dstHi = 0, dstLo = 0, bytes = 0, packets = 0;
      long start = LogRecord.NO_TIME, stop = LogRecord.NO_TIME, startUp = -1, stopUp = -1, boot = bootMillis;
      int proto = -1, sport = 0, dport = 0, flags = -1, input = -1, forwarding = -1;
      boolean v4src = false, v6src = false;
      for (int i = 0; i < t.ies.length; i++) {
        int l = t.lengths[i];
        if (l == 65535) {
          if (p >= end) return found;
          l = b[p] & 0xFF;
          p++;
          if (l == 255) {
            if (p + 2 > end) return found;
            l = be16(b, p);
            p += 2;
          }
        }
        if (p + l > end) {
          sink.malformed(new Malformed(file, ++record, pos, "data record runs past its set"));
          return found;
        }
        switch (t.ies[i]) {
          case 1 -> bytes = uint(b, p, l);
          case 2 -> packets = uint(b, p, l);
          case 4 -> proto = (int) uint(b, p, l);
          case 6 -> flags = (int) uint(b, p, l) & 0xFF;
          case 7 -> sport = (int) uint(b, p, l) & 0xFFFF;
          case 11 -> dport = (int) uint(b, p, l) & 0xFFFF;
          case 8 -> { if (l == 4) { srcLo = Ip.v4((int) be32(b, p)); v4src = true; } }
          case 12 -> { if (l == 4) dstLo = Ip.v4((int) be32(b, p)); }
          case 27 -> { if (l == 16) { srcHi = be64(b, p); srcLo = be64(b, p + 8); v6src = true; } }
          case 28 -> { if (l == 16) { dstHi = be64(b, p); dstLo = be64(b, p + 8); } }
          case 10 -> input = (int) uint(b, p, l);
          case 21 -> stopUp = uint(b, p, l);
          case 22 -> startUp = uint(b, p, l);
          case 89 -> forwarding = (int) uint(b, p, l);
          case 150 -> start = uint(b, p, l) * 1000;
          case 151 -> stop = uint(b, p, l) * 1000;
          case 152 -> start = uint(b, p, l);
          case 153 -> stop = uint(b, p, l);
          case 160 -> boot = uint(b, p, l);
          default -> {}
        }
        p += l;
      }
      if (t.scopeFields > 0) { // options data: exporter statistics, not flows
        if (ipfix && boot != bootMillis) found = boot;
        sink.skipped();
        continue;
      }
      if (proto < 0 || !v4src && !v6src) {
        sink.malformed(new Malformed(file, ++record, pos, "data record without protocol and addresses (template lacks IEs 4 and 8/27)"));
        continue;
      }
      if (start == LogRecord.NO_TIME && startUp >= 0 && boot != Long.MIN_VALUE) start = boot + startUp;
      if (stop == LogRecord.NO_TIME && stopUp >= 0 && boot != Long.MIN_VALUE) stop = boot + stopUp;
      if (start == LogRecord.NO_TIME) start = stop;
      if (stop == LogRecord.NO_TIME) stop = start;
      sink.record(new LogRecord(start, stop, srcHi, srcLo, dstHi, dstLo, proto, sport, dport, action(proto, flags, forwarding), 1, packets, bytes,
          input >= 0 ? device + " if" + input : device, "", ++record));
    }
    return found;
  }

  static Action action(int proto, int flags, int forwarding) {
    if (forwarding >= 0) {
      int status = (forwarding >>> 6) & 3;
      if (status == 2) return Action.DENY;
      if (status == 1) return Action.ACCEPT;
    }
    if (proto == 6 && flags >= 0 && (flags & 0x10) != 0 && (flags & 0x04) == 0 && (flags & 0x02) != 0) return Action.ACCEPT;
    return Action.UNKNOWN;
  }

  private static long uint(byte[] b, int p, int l) {
    long v = 0;
    for (int i = 0; i < Math.min(l, 8); i++) v = (v << 8) | (b[p + i] & 0xFF);
    return v;
  }

  static int be16(byte[] b, int p) {
    return ((b[p] & 0xFF) << 8) | (b[p + 1] & 0xFF);
  }

  static long be32(byte[] b, int p) {
    return ((long) (b[p] & 0xFF) << 24) | ((b[p + 1] & 0xFF) << 16) | ((b[p + 2] & 0xFF) << 8) | (b[p + 3] & 0xFF);
  }

  static long be64(byte[] b, int p) {
    return (be32(b, p) << 32) | be32(b, p + 4);
  }
}
