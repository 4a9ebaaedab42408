package org.portolan.rpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The DCE/RPC client and server PDUs and the lookup decoding, offline, on bytes recorded from Samba 4.17's endpoint mapper. */
class EndpointMapperTest {
  static byte[] resource(String name) throws IOException {
    try (var in = EndpointMapperTest.class.getResourceAsStream("/rpc/epm/" + name)) {
      return HexFormat.of().parseHex(new String(in.readAllBytes(), StandardCharsets.US_ASCII).trim());
    }
  }

  static EpmDecoder.LookupPage parse(byte[] stub) throws EpmFormatException {
    return EpmDecoder.lookupResponse(stub, 0, stub.length, true);
  }

  @Test
  void bindCarriesTheEpmInterfaceAndNdrTransferSyntaxInLittleEndianUuidForm() {
    byte[] bind = EndpointMapper.bindPdu(7);
    assertThat(HexFormat.of().formatHex(bind, 0, 16)).isEqualTo("05000b0310000000" + "4800" + "0000" + "07000000");
    String hex = HexFormat.of().formatHex(bind);
    assertThat(hex).contains("0883afe11f5dc91191a408002b14a0fa" + "03000000"); // EPM v3.0
    assertThat(hex).contains("045d888aeb1cc9119fe808002b104860" + "02000000"); // NDR v2
    assertThat(bind).hasSize(72);
  }

  @Test
  void lookupRequestIsOpnumTwoWithNullObjectAndInterfaceAndTheEntryHandle() {
    byte[] handle = new byte[20];
    handle[4] = 0x42;
    byte[] req = EndpointMapper.lookupRequest(3, handle, 25);
    ByteBuffer b = ByteBuffer.wrap(req).order(ByteOrder.LITTLE_ENDIAN);
    assertThat(req[2]).isEqualTo((byte) 0); // request
    assertThat(b.getShort(8)).isEqualTo((short) req.length);
    assertThat(b.getShort(22)).isEqualTo((short) 2); // opnum ept_lookup
    assertThat(b.getInt(24)).isZero(); // inquiry: all elements
    assertThat(b.getInt(28)).isZero(); // object: null
    assertThat(b.getInt(32)).isZero(); // interface: null
    assertThat(b.getInt(36)).isEqualTo(1); // all versions
    assertThat(Arrays.copyOfRange(req, 40, 60)).isEqualTo(handle);
    assertThat(b.getInt(60)).isEqualTo(25);
  }

  @Test
  void sambasBindAckIsAccepted() throws Exception {
    EndpointMapper.checkBindAck(resource("samba-4.17-bind-ack.hex"));
  }

  @Test
  void aRejectedContextOrNakIsAnError() throws Exception {
    byte[] ack = resource("samba-4.17-bind-ack.hex");
    byte[] rejected = ack.clone();
    // header 16, xmit/recv/assoc 8, secondary address "135\0" (len 4) padded to 32, count 4: result at 36
    rejected[36] = 2;
    assertThatThrownBy(() -> EndpointMapper.checkBindAck(rejected)).isInstanceOf(EpmFormatException.class)
        .hasMessageContaining("rejected");
    byte[] nak = ack.clone();
    nak[2] = 13;
    assertThatThrownBy(() -> EndpointMapper.checkBindAck(nak)).hasMessageContaining("bind_nak");
  }

  @Test
  void sambasLookupResponseDecodesToEntriesWithTowers() throws Exception {
    EpmDecoder.LookupPage page = parse(resource("samba-4.17-ept-lookup-4-entries.hex"));
    assertThat(page.status()).isZero();
    assertThat(EndpointMapper.isZero(page.handle())).isFalse(); // more to come: the handle continues the walk
    assertThat(page.entries()).hasSize(4);
    EpmEndpoint first = page.entries().getFirst();
    assertThat(first.annotation()).isEqualTo("eventlog");
    assertThat(first.iface()).isEqualTo(UUID.fromString("82273fdc-e32a-18c3-3f78-827929dc23ea"));
    assertThat(first.protocol()).isEqualTo("ncacn_np");
    assertThat(first.name()).hasValue("\\pipe\\eventlog");
    assertThat(first.port()).isEmpty();
  }

  @Test
  void aTcpTowerGivesPortBigEndianAndAddress() throws Exception {
    ByteBuffer t = ByteBuffer.allocate(200).order(ByteOrder.LITTLE_ENDIAN);
    t.putShort((short) 5);
    t.putShort((short) 19).put((byte) 0x0d);
    Epm.putUuid(t, UUID.fromString("12345778-1234-abcd-ef00-0123456789ab"));
    t.putShort((short) 0).putShort((short) 2).putShort((short) 0);
    t.putShort((short) 19).put((byte) 0x0d);
    Epm.putUuid(t, Epm.NDR);
    t.putShort((short) 2).putShort((short) 2).putShort((short) 0);
    t.putShort((short) 1).put((byte) 0x0b).putShort((short) 2).putShort((short) 0);
    t.putShort((short) 1).put((byte) 0x07).putShort((short) 2).put((byte) 0xc0).put((byte) 0x02); // 49154
    t.putShort((short) 1).put((byte) 0x09).putShort((short) 4).put(new byte[] {(byte) 198, 18, 0, 2});
    byte[] tower = Arrays.copyOf(t.array(), t.position());
    EpmEndpoint e = EpmDecoder.tower(tower, 0, tower.length, new UUID(0, 0), "lsarpc");
    assertThat(e.protocol()).isEqualTo("ncacn_ip_tcp");
    assertThat(e.port()).hasValue(49154);
    assertThat(e.ip()).hasValue("198.18.0.2");
    assertThat(e.binding()).isEqualTo("ncacn_ip_tcp:198.18.0.2[49154]");
    assertThat(e.iface()).isEqualTo(UUID.fromString("12345778-1234-abcd-ef00-0123456789ab"));
  }

  @Test
  void truncatedOrInconsistentResponsesAreErrorsNotCrashes() throws Exception {
    byte[] stub = resource("samba-4.17-ept-lookup-4-entries.hex");
    for (int cut : new int[] {0, 10, 24, 40, 100, stub.length / 2, stub.length - 3})
      assertThatThrownBy(() -> parse(Arrays.copyOf(stub, cut)))
          .isInstanceOf(EpmFormatException.class);
    byte[] lying = stub.clone();
    lying[20] = 9; // num_ents no longer matches actual_count
    assertThatThrownBy(() -> parse(lying)).hasMessageContaining("inconsistent");
  }

  @Test
  void aFaultPduIsReportedWithItsStatus() {
    ByteBuffer f = ByteBuffer.allocate(32).order(ByteOrder.LITTLE_ENDIAN);
    f.put((byte) 5).put((byte) 0).put((byte) 3).put((byte) 3).put(new byte[] {0x10, 0, 0, 0})
        .putShort((short) 32).putShort((short) 0).putInt(2).putInt(0).putInt(0).putInt(0x1c010003).putInt(0);
    assertThatThrownBy(() -> EndpointMapper.readResponse(new ByteArrayInputStream(f.array()), 2))
        .hasMessageContaining("fault").hasMessageContaining("0x1c010003");
  }

  @Test
  void aNonRpcAnswerIsRejected() {
    byte[] http = "HTTP/1.1 400 Bad Request\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    assertThatThrownBy(() -> EndpointMapper.readFragment(new ByteArrayInputStream(http)))
        .isInstanceOf(EpmFormatException.class).hasMessageContaining("not a DCE/RPC answer");
  }

  @Test
  void listensEndpointMapperAnswersOurClientAndPagesWithTheHandle() throws Exception {
    List<Integer> ports = List.of(49152, 49153, 49154, 49155, 49156, 49157, 49158);
    try (ServerSocket server = new ServerSocket()) {
      server.bind(new InetSocketAddress("127.0.0.71", 0));
      Thread t = Thread.ofVirtual().start(() -> {
        for (int i = 0; i < 2; i++) {
          try (Socket c = server.accept()) {
            c.setSoTimeout(5000);
            EndpointMapper.serve(c.getInputStream(), c.getOutputStream(), new byte[] {127, 0, 0, 71}, ports);
          } catch (IOException e) {
            return;
          }
        }
      });
      for (int perCall : new int[] {100, 3}) {
        List<EpmEndpoint> entries = EndpointMapper.lookup((InetSocketAddress) server.getLocalSocketAddress(), Duration.ofSeconds(5), perCall);
        assertThat(entries).extracting(e -> e.port().getAsInt()).containsExactlyElementsOf(ports);
        assertThat(entries).allSatisfy(e -> {
          assertThat(e.protocol()).isEqualTo("ncacn_ip_tcp");
          assertThat(e.ip()).hasValue("127.0.0.71");
          assertThat(e.iface()).isEqualTo(Epm.PORTOLAN_STAND_IN);
          assertThat(e.annotation()).isEqualTo("portolan listen stand-in");
        });
      }
      t.join(5000);
    }
  }
}
