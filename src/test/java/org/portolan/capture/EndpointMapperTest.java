package org.portolan.capture;

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
 * MS-RPCE layouts, written here independently of the decoder) — the real Samba exchange is
 * covered by CaptureNamespaceTest and the committed epm capture.
 */
class EndpointMapperTest {
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

  @Test
  void eptMapAnswerYieldsEachTowersInterfacePortAndAddress() throws Exception {
    byte[] stub = mapResponse(tower(LSA, 49667, new byte[] {(byte) 198, 18, 6, 2}), tower(LSA, 49668, new byte[] {0, 0, 0, 0}));
    List<EpmEndpoint> eps = EndpointMapper.mapResponse(stub, 0, stub.length, true);
    assertThat(eps).containsExactly(
        new EpmEndpoint(LSA, Decoded.TCP, 49667, 0xC6120602L),
        new EpmEndpoint(LSA, Decoded.TCP, 49668, 0));
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
    assertThat(EndpointMapper.lookupResponse(stub, 0, stub.length, true))
        .containsExactly(new EpmEndpoint(LSA, Decoded.TCP, 1026, 0xC6120602L));
  }

  @Test
  void truncatedOrAbsurdAnswersAreRefusedNotTrusted() {
    byte[] stub = mapResponse(tower(LSA, 49667, new byte[] {(byte) 198, 18, 6, 2}));
    for (int cut = 0; cut < stub.length - 5; cut += 3) { // up to the last tower octet (75-byte tower, 1 pad byte, status)
      byte[] part = Arrays.copyOf(stub, cut);
      assertThatThrownBy(() -> EndpointMapper.mapResponse(part, 0, part.length, true)).isInstanceOf(EndpointMapper.Malformed.class);
    }
    byte[] many = stub.clone();
    ByteBuffer.wrap(many).order(ByteOrder.LITTLE_ENDIAN).putInt(32, 1_000_000);
    assertThatThrownBy(() -> EndpointMapper.mapResponse(many, 0, many.length, true)).hasMessageContaining("1000000 towers");
  }

  @Test
  void uuidsAreReadInDceByteOrder() {
    assertThat(EndpointMapper.uuid(uuidLe(EndpointMapper.EPM_UUID), 0)).isEqualTo(EndpointMapper.EPM_UUID);
  }
}
