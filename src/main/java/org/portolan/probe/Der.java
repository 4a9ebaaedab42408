package org.portolan.probe;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The few ASN.1 DER pieces the Kerberos, SNMP and CLDAP probes need: definite-length TLVs
 * with small integers, strings and OIDs, and a bounds-checked reader. Hand-written: pulling in
 * a full ASN.1 library (Bouncy Castle) for a dozen fixed messages is not worth the weight.
 */
final class Der {
  private Der() {}

  static byte[] tlv(int tag, byte[]... parts) {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    for (byte[] p : parts) body.writeBytes(p);
    byte[] content = body.toByteArray();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(tag);
    int n = content.length;
    if (n < 0x80) out.write(n);
    else if (n < 0x100) {
      out.write(0x81);
      out.write(n);
    } else {
      out.write(0x82);
      out.write(n >> 8);
      out.write(n);
    }
    out.writeBytes(content);
    return out.toByteArray();
  }

  static byte[] seq(byte[]... parts) {
    return tlv(0x30, parts);
  }

  /** Context-specific constructed tag [n]. */
  static byte[] ctx(int n, byte[]... parts) {
    return tlv(0xa0 | n, parts);
  }

  static byte[] integer(long v) {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    int len = 1;
    while (len < 8 && (v >> (8 * len - 1)) != 0 && (v >> (8 * len - 1)) != -1) len++;
    for (int i = len - 1; i >= 0; i--) b.write((int) (v >> (8 * i)));
    return tlv(0x02, b.toByteArray());
  }

  static byte[] octets(String s) {
    return tlv(0x04, s.getBytes(StandardCharsets.ISO_8859_1));
  }

  static byte[] generalString(String s) {
    return tlv(0x1b, s.getBytes(StandardCharsets.ISO_8859_1));
  }

  static byte[] nul() {
    return new byte[] {0x05, 0x00};
  }

  static byte[] oid(int... arcs) {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    b.write(arcs[0] * 40 + arcs[1]);
    for (int i = 2; i < arcs.length; i++) {
      int a = arcs[i];
      if (a >= 128) {
        int shift = 28;
        while ((a >> shift) == 0) shift -= 7;
        for (; shift > 0; shift -= 7) b.write(0x80 | ((a >> shift) & 0x7f));
      }
      b.write(a & 0x7f);
    }
    return tlv(0x06, b.toByteArray());
  }

  /** One element read from a buffer: tag, content offset and length. */
  record Element(int tag, byte[] buf, int offset, int length) {
    int end() {
      return offset + length;
    }

    /** The children of a constructed element, in order. */
    java.util.List<Element> children() {
      java.util.List<Element> out = new java.util.ArrayList<>();
      int p = offset;
      while (p < end()) {
        Optional<Element> e = read(buf, p, end());
        if (e.isEmpty()) return out;
        out.add(e.get());
        p = e.get().end();
      }
      return out;
    }

    /** The value of an INTEGER element (up to 8 bytes). */
    Optional<Long> integerValue() {
      if (tag != 0x02 || length < 1 || length > 8) return Optional.empty();
      long v = buf[offset];
      for (int i = 1; i < length; i++) v = (v << 8) | (buf[offset + i] & 0xff);
      return Optional.of(v);
    }
  }

  /** Reads the TLV at {@code pos}; empty if it does not fit before {@code limit}. */
  static Optional<Element> read(byte[] buf, int pos, int limit) {
    if (pos + 2 > limit) return Optional.empty();
    int tag = buf[pos] & 0xff;
    int first = buf[pos + 1] & 0xff;
    int p = pos + 2;
    int len;
    if (first < 0x80) len = first;
    else {
      int n = first & 0x7f;
      if (n == 0 || n > 3 || p + n > limit) return Optional.empty();
      len = 0;
      for (int i = 0; i < n; i++) len = (len << 8) | (buf[p + i] & 0xff);
      p += n;
    }
    if (len > limit - p) return Optional.empty();
    return Optional.of(new Element(tag, buf, p, len));
  }

  /** The single top-level element filling exactly {@code data}, if it is one. */
  static Optional<Element> whole(byte[] data) {
    return read(data, 0, data.length).filter(e -> e.end() == data.length);
  }
}
