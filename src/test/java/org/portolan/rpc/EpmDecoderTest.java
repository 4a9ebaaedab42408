package org.portolan.rpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The NDR decoding of endpoint-mapper answers, on byte-exact hand-built stubs (C706 /
 * MS-RPCE layouts, written here independently of the decoder), in both NDR byte orders where
 * it matters — the real Samba exchange is covered by EndpointMapperTest (recorded answers),
 * CaptureGoldenTest (the committed epm capture) and the namespace tests.
 */
class EpmDecoderTest {
  static final String LSA = "12345778-1234-abcd-ef00-0123456789ab";
  static final String NDR = "8a885d04-1ceb-11c9-9fe8-08002b104860";

  static byte[] uuidLe(String uuid) {
    byte[] be = HexFormat.of().parseHex(uuid.replace("-", ""));
    ByteBuffer b = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
    ByteBuffer in = ByteBuffer.wrap(be);
    b.putInt(in.getInt()).putShort(in.getShort()).putShort(in.getShort()).put(Arrays.copyOfRange(be, 8, 16));
    return b.array();
  }

  static byte[] floor(byte[] lhs, byte[] rhs) {
    ByteBuffer b = ByteBuffer.allocate(4 + lhs.length + rhs.length).order(ByteOrder.LITTLE_ENDIAN);
    b.putShort((short) lhs.length).put(lhs).putShort((short) rhs.length).put(rhs);
    return b.array();
  }

  static byte[] cat(byte[]... parts) {
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    for (byte[] p : parts) o.writeBytes(p);
    return o.toByteArray();
  }

  /** A five-floor ncacn_ip_tcp tower: interface, NDR, RPC CO, TCP port (big-endian), IPv4. */
  static byte[] tower(String iface, int port, byte[] ip) {
    return cat(new byte[] {5, 0},
        floor(cat(new byte[] {0x0d}, uuidLe(iface), new byte[] {0, 0}), new byte[] {0, 0}),
        floor(cat(new byte[] {0x0d}, uuidLe(NDR), new byte[] {2, 0}), new byte[] {0, 0}),
        floor(new byte[] {0x0b}, new byte[] {0, 0}),
        floor(new byte[] {0x07}, new byte[] {(byte) (port >>> 8), (byte) port}),
        floor(new byte[] {0x09}, ip));
  }

  static byte[] u32(long v) {
    return ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt((int) v).array();
  }

  static byte[] padded(byte[] b) {
    return Arrays.copyOf(b, (b.length + 3) & ~3);
  }

  /** ept_map response: entry_handle, num_towers, [max, offset, actual], pointers, towers (conformance, length, octets), status. */
  static byte[] mapResponse(byte[]... towers) {
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    o.writeBytes(new byte[20]);
    o.writeBytes(u32(towers.length));
    o.writeBytes(u32(4));
    o.writeBytes(u32(0));
    o.writeBytes(u32(towers.length));
    for (int i = 0; i < towers.length; i++) o.writeBytes(u32(0x20000 + i));
    for (byte[] t : towers) {
      o.writeBytes(u32(t.length));
      o.writeBytes(u32(t.length));
      o.writeBytes(padded(t));
    }
    o.writeBytes(u32(0));
    return o.toByteArray();
  }

  static String summary(EpmEndpoint e) {
    return e.iface() + " " + (e.ipProtocol().isPresent() ? e.ipProtocol().getAsInt() : "-") + "/" + (e.port().isPresent() ? e.port().getAsInt() : "-") + " " + e.ip().orElse("-");
  }

  @Test
  void eptMapAnswerYieldsEachTowersInterfacePortAndAddress() throws Exception {
    byte[] stub = mapResponse(tower(LSA, 49667, new byte[] {(byte) 198, 18, 6, 2}), tower(LSA, 49668, new byte[] {0, 0, 0, 0}));
    List<EpmEndpoint> eps = EpmDecoder.mapResponse(stub, 0, stub.length, true);
    assertThat(eps).extracting(EpmDecoderTest::summary).containsExactly(LSA + " 6/49667 198.18.6.2", LSA + " 6/49668 0.0.0.0");
    assertThat(eps).extracting(EpmEndpoint::ipv4).containsExactly(0xC6120602L, 0L);
  }

  @Test
  void eptLookupAnswerYieldsTheTowersAfterTheEntries() throws Exception {
    byte[] t1 = tower(LSA, 1026, new byte[] {(byte) 198, 18, 6, 2});
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    o.writeBytes(new byte[20]);
    o.writeBytes(u32(2));
    o.writeBytes(u32(2));
    o.writeBytes(u32(0));
    o.writeBytes(u32(2));
    byte[] annotation = "LSA\0".getBytes();
    o.writeBytes(new byte[16]);
    o.writeBytes(u32(0x30000));
    o.writeBytes(u32(0));
    o.writeBytes(u32(annotation.length));
    o.writeBytes(annotation);
    o.writeBytes(new byte[16]); // second entry: no tower
    o.writeBytes(u32(0));
    o.writeBytes(u32(0));
    o.writeBytes(u32(1));
    o.writeBytes(new byte[] {0, 0, 0, 0}); // one char + alignment to 4
    o.writeBytes(u32(t1.length));
    o.writeBytes(u32(t1.length));
    o.writeBytes(padded(t1));
    o.writeBytes(u32(0));
    byte[] stub = o.toByteArray();
    EpmDecoder.LookupPage page = EpmDecoder.lookupResponse(stub, 0, stub.length, true);
    assertThat(page.entries()).extracting(EpmDecoderTest::summary).containsExactly(LSA + " 6/1026 198.18.6.2", "00000000-0000-0000-0000-000000000000 -/- -");
    assertThat(page.entries().getFirst().annotation()).isEqualTo("LSA");
  }

  @Test
  void truncatedOrAbsurdAnswersAreRefusedNotTrusted() {
    byte[] stub = mapResponse(tower(LSA, 49667, new byte[] {(byte) 198, 18, 6, 2}));
    for (int cut = 0; cut < stub.length - 5; cut += 3) { // up to the last tower octet (75-byte tower, 1 pad byte, status)
      byte[] part = Arrays.copyOf(stub, cut);
      assertThatThrownBy(() -> EpmDecoder.mapResponse(part, 0, part.length, true)).isInstanceOf(EpmFormatException.class);
    }
    byte[] many = stub.clone();
    ByteBuffer.wrap(many).order(ByteOrder.LITTLE_ENDIAN).putInt(32, 1_000_000);
    assertThatThrownBy(() -> EpmDecoder.mapResponse(many, 0, many.length, true)).hasMessageContaining("1000000 towers");
  }

  @Test
  void bigEndianNdrGivesTheSameAnswer() throws Exception {
    byte[] little = mapResponse(tower(LSA, 49667, new byte[] {(byte) 198, 18, 6, 2}));
    byte[] big = little.clone();
    for (int p = 20; p < 40; p += 4) reverse(big, p); // num_towers, max, offset, actual, pointer
    reverse(big, 40); // tower conformance
    reverse(big, 44); // tower length; the tower octets keep their own byte order
    assertThat(EpmDecoder.mapResponse(big, 0, big.length, false)).extracting(EpmDecoderTest::summary)
        .containsExactly(LSA + " 6/49667 198.18.6.2");
  }

  static void reverse(byte[] b, int p) {
    byte t = b[p]; b[p] = b[p + 3]; b[p + 3] = t;
    t = b[p + 1]; b[p + 1] = b[p + 2]; b[p + 2] = t;
  }

  /** Every floor either decoder read before they were one: UDP, HTTP, named pipe with its NetBIOS host, local RPC. */
  @Test
  void decodesTheTransportsBothFormerDecodersKnew() throws Exception {
    byte[] iface = floor(cat(new byte[] {0x0d}, uuidLe(LSA), new byte[] {1, 0}), new byte[] {2, 0});
    byte[] udp = cat(new byte[] {4, 0}, iface, floor(new byte[] {0x0a}, new byte[] {0, 0}),
        floor(new byte[] {0x08}, new byte[] {(byte) 0xc0, 0x10}), floor(new byte[] {0x09}, new byte[] {(byte) 198, 18, 6, 9}));
    EpmEndpoint u = EpmDecoder.tower(udp, 0, udp.length, Epm.NIL, "");
    assertThat(u.protocol()).isEqualTo("ncadg_ip_udp");
    assertThat(u.ipProtocol()).hasValue(17);
    assertThat(u.port()).hasValue(0xc010);
    assertThat(u.versionMajor()).isEqualTo(1);
    assertThat(u.versionMinor()).isEqualTo(2);
    assertThat(u.binding()).isEqualTo("ncadg_ip_udp:198.18.6.9[49168]");

    byte[] http = cat(new byte[] {3, 0}, iface, floor(new byte[] {0x1f}, new byte[] {0x02, 0x51}), floor(new byte[] {0x09}, new byte[] {(byte) 198, 18, 6, 9}));
    EpmEndpoint h = EpmDecoder.tower(http, 0, http.length, Epm.NIL, "");
    assertThat(h.protocol()).isEqualTo("ncacn_http");
    assertThat(h.ipProtocol()).hasValue(6);
    assertThat(h.port()).hasValue(593);

    byte[] pipe = cat(new byte[] {4, 0}, iface, floor(new byte[] {0x0b}, new byte[] {0, 0}),
        floor(new byte[] {0x0f}, "\\PIPE\\lsarpc\0".getBytes()), floor(new byte[] {0x11}, "DC1\0".getBytes()));
    EpmEndpoint np = EpmDecoder.tower(pipe, 0, pipe.length, Epm.NIL, "");
    assertThat(np.protocol()).isEqualTo("ncacn_np");
    assertThat(np.ip()).hasValue("DC1");
    assertThat(np.ipProtocol()).isEmpty();
    assertThat(np.ipv4()).isZero();

    byte[] local = cat(new byte[] {2, 0}, iface, floor(new byte[] {0x10}, "LRPC-1234\0".getBytes()));
    EpmEndpoint l = EpmDecoder.tower(local, 0, local.length, Epm.NIL, "");
    assertThat(l.protocol()).isEqualTo("ncalrpc");
    assertThat(l.name()).hasValue("LRPC-1234");
  }

  @Test
  void anInterfaceFloorTooShortForItsUuidIsRefused() {
    byte[] t = cat(new byte[] {1, 0}, floor(new byte[] {0x0d, 1, 2, 3}, new byte[0]));
    assertThatThrownBy(() -> EpmDecoder.tower(t, 0, t.length, Epm.NIL, "")).isInstanceOf(EpmFormatException.class).hasMessageContaining("UUID");
  }

  @Test
  void uuidsAreReadInDceByteOrder() {
    assertThat(Epm.uuid(uuidLe(Epm.EPM.toString()), 0)).isEqualTo(Epm.EPM);
    ByteBuffer b = ByteBuffer.allocate(16);
    Epm.putUuid(b, Epm.NDR);
    assertThat(b.array()).isEqualTo(uuidLe(NDR));
  }
}
