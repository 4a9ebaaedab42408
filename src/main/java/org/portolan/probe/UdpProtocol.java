package org.portolan.probe;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * A UDP application protocol as a probe sees it: a well-formed request whose answer proves a
 * listener ({@link #request}), the test that a reply really is that protocol's answer to this
 * request ({@link #validReply}), and the answer {@code portolan listen} sends to such a
 * request ({@link #answer}). The messages are hand-built from the RFCs: each is a few fixed
 * bytes, and no maintained Java library covers these protocols as a client and a responder.
 */
sealed interface UdpProtocol {
  /** Short name used in the probe detail ("DNS", "NTP"…). */
  String name();

  /** A request with a per-probe identifier so a reply can be matched to it. */
  byte[] request(int id, byte[] localAddress);

  /** True when {@code reply} is this protocol's answer to {@code request}. */
  boolean validReply(byte[] request, byte[] reply);

  /** What a listener answers to {@code request}; empty when the request is not this protocol's. */
  Optional<byte[]> answer(byte[] request, byte[] localAddress);

  /** TFTP servers answer from a fresh port (the transfer identifier), not from port 69. */
  default boolean repliesFromOtherPort() {
    return false;
  }

  /**
   * DHCP servers answer from their interface's primary address, which need not be the one
   * the request went to; the transaction ID in the reply identifies it.
   */
  default boolean repliesFromOtherAddress() {
    return false;
  }

  /** The protocol a probe speaks to {@code port}; {@link Generic} for ports without one. */
  static UdpProtocol forPort(int port) {
    return switch (port) {
      case 53 -> new Dns();
      case 123 -> new Ntp();
      case 389 -> new Cldap();
      case 137 -> new NetbiosNs();
      case 88, 464 -> new Kerberos();
      case 161 -> new Snmp();
      case 69 -> new Tftp();
      case 67 -> new Dhcp(false);
      case 4011 -> new Dhcp(true);
      default -> new Generic();
    };
  }

  /** Ports with a protocol-aware request, for the documentation and tests. */
  List<Integer> AWARE_PORTS = List.of(53, 67, 69, 88, 123, 137, 161, 389, 464, 4011);

  /** DNS (RFC 1035): a recursive query for the root SOA; any response with our ID and QR set. */
  record Dns() implements UdpProtocol {
    public String name() { return "DNS"; }

    public byte[] request(int id, byte[] localAddress) {
      return ByteBuffer.allocate(17).putShort((short) id).putShort((short) 0x0100).putShort((short) 1)
          .putShort((short) 0).putShort((short) 0).putShort((short) 0)
          .put((byte) 0).putShort((short) 6).putShort((short) 1).array();
    }

    public boolean validReply(byte[] request, byte[] reply) {
      return reply.length >= 12 && reply[0] == request[0] && reply[1] == request[1] && (reply[2] & 0x80) != 0
          && (reply[2] & 0x78) == (request[2] & 0x78);
    }

    public Optional<byte[]> answer(byte[] request, byte[] localAddress) {
      if (request.length < 12 || (request[2] & 0x80) != 0) return Optional.empty();
      byte[] out = request.clone();
      out[2] = (byte) (0x80 | (request[2] & 0x79)); // QR, same opcode and RD
      out[3] = (byte) 0x85; // RA, RCODE 5 refused: the listener serves no zone
      Arrays.fill(out, 6, 12, (byte) 0);
      return Optional.of(out);
    }
  }

  /** NTP (RFC 5905): a version 4 client packet; the server reply echoes our transmit time. */
  record Ntp() implements UdpProtocol {
    public String name() { return "NTP"; }

    public byte[] request(int id, byte[] localAddress) {
      ByteBuffer b = ByteBuffer.allocate(48);
      b.put(0, (byte) 0x23); // LI 0, VN 4, mode 3 (client)
      b.putLong(40, 0x5052_4f42_0000_0000L | (id & 0xffffffffL)); // transmit timestamp as nonce
      return b.array();
    }

    public boolean validReply(byte[] request, byte[] reply) {
      return reply.length >= 48 && (reply[0] & 0x07) == 4
          && Arrays.equals(reply, 24, 32, request, 40, 48);
    }

    public Optional<byte[]> answer(byte[] request, byte[] localAddress) {
      if (request.length < 48 || (request[0] & 0x07) != 3) return Optional.empty();
      ByteBuffer b = ByteBuffer.allocate(48);
      b.put(0, (byte) ((request[0] & 0x38) | 4)); // same version, mode 4 (server)
      b.put(1, (byte) 10); // stratum 10, like a local clock
      b.put(2, request[2]);
      b.put(3, (byte) -20);
      b.put(12, "LOCL".getBytes(StandardCharsets.US_ASCII));
      long now = ntpTime(Instant.now());
      b.putLong(16, now);
      b.put(24, request, 40, 8);
      b.putLong(32, now);
      b.putLong(40, now);
      return Optional.of(b.array());
    }

    private static long ntpTime(Instant t) {
      long seconds = t.getEpochSecond() + 2_208_988_800L;
      long fraction = ((long) t.getNano() << 32) / 1_000_000_000L;
      return (seconds << 32) | (fraction & 0xffffffffL);
    }
  }

  /** CLDAP (RFC 1798, as Active Directory serves it): a base-scope search of the root DSE. */
  record Cldap() implements UdpProtocol {
    public String name() { return "CLDAP"; }

    public byte[] request(int id, byte[] localAddress) {
      byte[] search = Der.tlv(0x63,
          Der.octets(""), Der.tlv(0x0a, new byte[] {0}), Der.tlv(0x0a, new byte[] {0}),
          Der.integer(0), Der.integer(0), Der.tlv(0x01, new byte[] {0}),
          Der.tlv(0x87, "objectClass".getBytes(StandardCharsets.US_ASCII)),
          Der.seq(Der.octets("defaultNamingContext")));
      return Der.seq(Der.integer(id & 0x7fffffff), search);
    }

    public boolean validReply(byte[] request, byte[] reply) {
      Optional<Long> want = Der.whole(request).map(e -> e.children().getFirst()).flatMap(Der.Element::integerValue);
      Optional<Der.Element> first = Der.read(reply, 0, reply.length).filter(e -> e.tag() == 0x30);
      if (want.isEmpty() || first.isEmpty()) return false;
      List<Der.Element> kids = first.get().children();
      return kids.size() >= 2 && kids.get(0).integerValue().equals(want)
          && (kids.get(1).tag() == 0x64 || kids.get(1).tag() == 0x65);
    }

    public Optional<byte[]> answer(byte[] request, byte[] localAddress) {
      Optional<Der.Element> msg = Der.whole(request).filter(e -> e.tag() == 0x30);
      if (msg.isEmpty()) return Optional.empty();
      List<Der.Element> kids = msg.get().children();
      if (kids.size() < 2 || kids.get(1).tag() != 0x63) return Optional.empty();
      Optional<Long> id = kids.get(0).integerValue();
      if (id.isEmpty()) return Optional.empty();
      byte[] done = Der.tlv(0x65, Der.tlv(0x0a, new byte[] {0}), Der.octets(""), Der.octets(""));
      return Optional.of(Der.seq(Der.integer(id.get()), done));
    }
  }

  /** NetBIOS name service (RFC 1002): an NBSTAT query for "*", as nbtstat -A sends. */
  record NetbiosNs() implements UdpProtocol {
    public String name() { return "NetBIOS-NS"; }

    private static final byte[] STAR = encodedStar();

    private static byte[] encodedStar() {
      byte[] name = new byte[34];
      name[0] = 32;
      byte[] raw = new byte[16];
      raw[0] = '*';
      for (int i = 0; i < 16; i++) {
        name[1 + 2 * i] = (byte) ('A' + ((raw[i] >> 4) & 0x0f));
        name[2 + 2 * i] = (byte) ('A' + (raw[i] & 0x0f));
      }
      return name; // last byte 0 terminates the name
    }

    public byte[] request(int id, byte[] localAddress) {
      return ByteBuffer.allocate(12 + STAR.length + 4).putShort((short) id).putShort((short) 0).putShort((short) 1)
          .putShort((short) 0).putShort((short) 0).putShort((short) 0).put(STAR)
          .putShort((short) 0x21).putShort((short) 1).array();
    }

    public boolean validReply(byte[] request, byte[] reply) {
      return reply.length >= 12 && reply[0] == request[0] && reply[1] == request[1] && (reply[2] & 0x80) != 0;
    }

    public Optional<byte[]> answer(byte[] request, byte[] localAddress) {
      if (request.length < 12 + STAR.length + 4 || (request[2] & 0x80) != 0) return Optional.empty();
      ByteBuffer b = ByteBuffer.allocate(12 + STAR.length + 10 + 47);
      b.put(request, 0, 2).putShort((short) 0x8400).putShort((short) 0).putShort((short) 1)
          .putShort((short) 0).putShort((short) 0).put(request, 12, STAR.length)
          .putShort((short) 0x21).putShort((short) 1).putInt(0).putShort((short) 47).put((byte) 0);
      return Optional.of(b.array()); // no names, 46 zero bytes of statistics
    }
  }

  /** Kerberos (RFC 4120): an AS-REQ for krbtgt; a KDC answers AS-REP or KRB-ERROR. */
  record Kerberos() implements UdpProtocol {
    public String name() { return "Kerberos"; }

    static final String REALM = "PORTOLAN.PROBE";

    public byte[] request(int id, byte[] localAddress) {
      byte[] body = Der.seq(
          Der.ctx(0, Der.tlv(0x03, new byte[] {0, 0x40, (byte) 0x81, 0, 0x10})), // forwardable, renewable, canonicalize, renewable-ok
          Der.ctx(1, principal(1, "portolan-probe")),
          Der.ctx(2, Der.generalString(REALM)),
          Der.ctx(3, principal(2, "krbtgt", REALM)),
          Der.ctx(5, Der.tlv(0x18, "20370913024805Z".getBytes(StandardCharsets.US_ASCII))),
          Der.ctx(7, Der.integer(id & 0x7fffffffL)),
          Der.ctx(8, Der.seq(Der.integer(18), Der.integer(17), Der.integer(23))));
      return Der.tlv(0x6a, Der.seq(Der.ctx(1, Der.integer(5)), Der.ctx(2, Der.integer(10)), Der.ctx(4, body)));
    }

    static byte[] principal(int type, String... names) {
      byte[][] parts = new byte[names.length][];
      for (int i = 0; i < names.length; i++) parts[i] = Der.generalString(names[i]);
      return Der.seq(Der.ctx(0, Der.integer(type)), Der.ctx(1, Der.seq(parts)));
    }

    public boolean validReply(byte[] request, byte[] reply) {
      Optional<Der.Element> e = Der.whole(reply);
      if (e.isEmpty() || (e.get().tag() != 0x6b && e.get().tag() != 0x7e)) return false;
      List<Der.Element> seq = e.get().children();
      if (seq.size() != 1 || seq.getFirst().tag() != 0x30) return false;
      List<Der.Element> fields = seq.getFirst().children();
      return !fields.isEmpty() && fields.getFirst().tag() == 0xa0
          && fields.getFirst().children().stream().findFirst().flatMap(Der.Element::integerValue).equals(Optional.of(5L));
    }

    public Optional<byte[]> answer(byte[] request, byte[] localAddress) {
      Optional<Der.Element> e = Der.whole(request);
      if (e.isEmpty() || (e.get().tag() != 0x6a && e.get().tag() != 0x6c)) return Optional.empty();
      String now = DateTimeFormatter.ofPattern("yyyyMMddHHmmss'Z'").withZone(ZoneOffset.UTC).format(Instant.now());
      byte[] error = Der.seq(
          Der.ctx(0, Der.integer(5)), Der.ctx(1, Der.integer(30)),
          Der.ctx(4, Der.tlv(0x18, now.getBytes(StandardCharsets.US_ASCII))), Der.ctx(5, Der.integer(0)),
          Der.ctx(6, Der.integer(6)), // KDC_ERR_C_PRINCIPAL_UNKNOWN: the listener knows nobody
          Der.ctx(9, Der.generalString(REALM)), Der.ctx(10, principal(2, "krbtgt", REALM)));
      return Optional.of(Der.tlv(0x7e, error));
    }
  }

  /** SNMP v2c (RFC 3416): GetRequest sysDescr.0 with community "public". */
  record Snmp() implements UdpProtocol {
    public String name() { return "SNMP"; }

    private static byte[] message(int pduTag, long requestId, byte[] value) {
      byte[] varbind = Der.seq(Der.seq(Der.oid(1, 3, 6, 1, 2, 1, 1, 1, 0), value));
      return Der.seq(Der.integer(1), Der.octets("public"),
          Der.tlv(pduTag, Der.integer(requestId), Der.integer(0), Der.integer(0), varbind));
    }

    public byte[] request(int id, byte[] localAddress) {
      return message(0xa0, id & 0x7fffffffL, Der.nul());
    }

    private static Optional<Long> requestId(byte[] msg, int pduTag) {
      Optional<Der.Element> e = Der.whole(msg).filter(x -> x.tag() == 0x30);
      if (e.isEmpty()) return Optional.empty();
      List<Der.Element> kids = e.get().children();
      if (kids.size() != 3 || kids.get(2).tag() != pduTag) return Optional.empty();
      List<Der.Element> pdu = kids.get(2).children();
      return pdu.isEmpty() ? Optional.empty() : pdu.getFirst().integerValue();
    }

    public boolean validReply(byte[] request, byte[] reply) {
      Optional<Long> id = requestId(reply, 0xa2);
      return id.isPresent() && id.equals(requestId(request, 0xa0));
    }

    public Optional<byte[]> answer(byte[] request, byte[] localAddress) {
      return requestId(request, 0xa0).map(id -> message(0xa2, id, Der.octets("portolan listen")));
    }
  }

  /** TFTP (RFC 1350): a read request; a server answers DATA or ERROR, usually from a new port. */
  record Tftp() implements UdpProtocol {
    public String name() { return "TFTP"; }

    public byte[] request(int id, byte[] localAddress) {
      ByteArrayOutputStream b = new ByteArrayOutputStream();
      b.write(0);
      b.write(1);
      b.writeBytes(("portolan-probe-" + Integer.toHexString(id) + ".txt").getBytes(StandardCharsets.US_ASCII));
      b.write(0);
      b.writeBytes("octet".getBytes(StandardCharsets.US_ASCII));
      b.write(0);
      return b.toByteArray();
    }

    public boolean validReply(byte[] request, byte[] reply) {
      if (reply.length < 4 || reply[0] != 0) return false;
      return reply[1] == 3 || reply[1] == 5 || reply[1] == 6;
    }

    public Optional<byte[]> answer(byte[] request, byte[] localAddress) {
      if (request.length < 4 || request[0] != 0 || (request[1] != 1 && request[1] != 2)) return Optional.empty();
      byte[] msg = "File not found".getBytes(StandardCharsets.US_ASCII);
      return Optional.of(ByteBuffer.allocate(5 + msg.length).putShort((short) 5).putShort((short) 1).put(msg).put((byte) 0).array());
    }

    @Override
    public boolean repliesFromOtherPort() {
      return true;
    }
  }

  /**
   * DHCP (RFC 2131) on 67: a DHCPINFORM, which asks for configuration without taking a lease;
   * PXE/BINL on 4011: a DHCPREQUEST with the PXEClient vendor class (option 60), client
   * architecture (93), network interface (94) and machine UUID (97), as a PXE ROM sends.
   */
  record Dhcp(boolean pxe) implements UdpProtocol {
    public String name() { return pxe ? "PXE/BINL" : "DHCP"; }

    static final byte[] MAGIC = {0x63, (byte) 0x82, 0x53, 0x63};
    static final byte[] CLIENT_MAC = {0x02, 0x00, 0x00, 0x70, 0x72, 0x62};

    public byte[] request(int id, byte[] localAddress) {
      ByteBuffer b = ByteBuffer.allocate(512);
      b.put((byte) 1).put((byte) 1).put((byte) 6).put((byte) 0).putInt(id).putShort((short) 0).putShort((short) 0);
      b.put(localAddress.length == 4 ? localAddress : new byte[4]); // ciaddr: where a server sends the answer
      b.position(28).put(CLIENT_MAC);
      b.position(236).put(MAGIC);
      b.put((byte) 53).put((byte) 1).put((byte) (pxe ? 3 : 8)); // DHCPREQUEST to BINL, DHCPINFORM to 67
      if (pxe) {
        byte[] vc = "PXEClient:Arch:00000:UNDI:002001".getBytes(StandardCharsets.US_ASCII);
        b.put((byte) 60).put((byte) vc.length).put(vc);
        b.put((byte) 93).put((byte) 2).putShort((short) 0);
        b.put((byte) 94).put((byte) 3).put((byte) 1).put((byte) 2).put((byte) 1);
        b.put((byte) 97).put((byte) 17).put((byte) 0).putLong(0x706f72746f6c616eL).putLong(id);
      }
      b.put((byte) 55).put((byte) 4).put((byte) 1).put((byte) 3).put((byte) 6).put((byte) 60);
      b.put((byte) 255);
      return Arrays.copyOf(b.array(), b.position());
    }

    @Override
    public boolean repliesFromOtherPort() {
      return true;
    }

    @Override
    public boolean repliesFromOtherAddress() {
      return true;
    }

    public boolean validReply(byte[] request, byte[] reply) {
      return reply.length >= 240 && reply[0] == 2 && Arrays.equals(reply, 4, 8, request, 4, 8)
          && Arrays.equals(reply, 236, 240, MAGIC, 0, 4);
    }

    public Optional<byte[]> answer(byte[] request, byte[] localAddress) {
      if (request.length < 240 || request[0] != 1 || !Arrays.equals(request, 236, 240, MAGIC, 0, 4)) return Optional.empty();
      ByteBuffer b = ByteBuffer.allocate(300);
      b.put(request, 0, 236);
      b.put(0, (byte) 2).put(3, (byte) 0);
      b.position(236).put(MAGIC);
      boolean discover = request.length > 242 && request[240] == 53 && request[242] == 1;
      b.put((byte) 53).put((byte) 1).put((byte) (discover ? 2 : 5)); // OFFER to DISCOVER, else ACK
      if (localAddress.length == 4) b.put((byte) 54).put((byte) 4).put(localAddress);
      if (pxe) {
        byte[] vc = "PXEClient".getBytes(StandardCharsets.US_ASCII);
        b.put((byte) 60).put((byte) vc.length).put(vc);
      }
      b.put((byte) 255);
      return Optional.of(Arrays.copyOf(b.array(), b.position()));
    }
  }

  /**
   * Any other port: a single zero byte (nmap sends an empty datagram, but Java's channels do
   * not send zero-length datagrams); any answer at all proves a listener.
   */
  record Generic() implements UdpProtocol {
    public String name() { return "UDP"; }

    public byte[] request(int id, byte[] localAddress) {
      return new byte[1];
    }

    public boolean validReply(byte[] request, byte[] reply) {
      return true;
    }

    public Optional<byte[]> answer(byte[] request, byte[] localAddress) {
      return Optional.of("portolan listen\n".getBytes(StandardCharsets.US_ASCII));
    }
  }

  /** Hex of the first bytes, for details and tests. */
  static String hex(byte[] b, int max) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < Math.min(b.length, max); i++) sb.append(String.format("%02x", b[i]));
    return sb.toString();
  }
}
