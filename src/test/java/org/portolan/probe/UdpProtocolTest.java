package org.portolan.probe;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Requests are well-formed, the listener's answers are valid, and foreign replies are not. */
class UdpProtocolTest {
  static final byte[] LOCAL = {(byte) 198, 19, (byte) 200, 1};

  @Test
  void everyProtocolRecognisesItsOwnListenersAnswer() {
    for (int port : UdpProtocol.AWARE_PORTS) {
      UdpProtocol p = UdpProtocol.forPort(port);
      byte[] req = p.request(0x1234567, LOCAL);
      assertThat(p.answer(req, LOCAL)).as("%s answers its request", p.name()).isPresent();
      assertThat(p.validReply(req, p.answer(req, LOCAL).orElseThrow())).as("%s reply valid", p.name()).isTrue();
    }
  }

  @Test
  void anAnswerToAnotherRequestOrAnotherProtocolIsNotValid() {
    for (int port : List.of(53, 123, 389, 137, 161, 67, 4011)) {
      UdpProtocol p = UdpProtocol.forPort(port);
      byte[] mine = p.request(1111, LOCAL), other = p.request(2222, LOCAL);
      assertThat(p.validReply(mine, p.answer(other, LOCAL).orElseThrow())).as("%s matches ids", p.name()).isFalse();
    }
    for (int port : UdpProtocol.AWARE_PORTS) {
      UdpProtocol p = UdpProtocol.forPort(port);
      byte[] req = p.request(7, LOCAL);
      assertThat(p.validReply(req, "portolan listen\n".getBytes(StandardCharsets.US_ASCII))).as("%s rejects text", p.name()).isFalse();
      assertThat(p.validReply(req, new byte[0])).as("%s rejects empty", p.name()).isFalse();
    }
  }

  @Test
  void listenersDoNotAnswerGarbageOnProtocolPorts() {
    byte[] junk = {1, 2, 3};
    for (int port : UdpProtocol.AWARE_PORTS)
      assertThat(UdpProtocol.forPort(port).answer(junk, LOCAL)).as("port %d", port).isEmpty();
  }

  @Test
  void snmpGetRequestIsTheClassicV2cSysDescrEncoding() {
    byte[] req = UdpProtocol.forPort(161).request(0x01020304, LOCAL);
    assertThat(HexFormat.of().formatHex(req)).isEqualTo(
        "3029020101040670756e6c6963a01c020401020304020100020100300e300c06082b060102010101000500".replace("70756e6c6963", "7075626c6963"));
  }

  @Test
  void netbiosStatusQueryEncodesTheWildcardName() {
    byte[] req = UdpProtocol.forPort(137).request(0xabcd, LOCAL);
    String name = new String(req, 13, 32, StandardCharsets.US_ASCII);
    assertThat(name).isEqualTo("CK" + "AA".repeat(15));
    assertThat(req[req.length - 3]).isEqualTo((byte) 0x21); // NBSTAT
  }

  @Test
  void dnsQueryAsksForTheRootSoaWithRecursion() {
    byte[] req = UdpProtocol.forPort(53).request(0xbeef, LOCAL);
    assertThat(HexFormat.of().formatHex(req)).isEqualTo("beef01000001000000000000" + "00" + "0006" + "0001");
  }

  @Test
  void kerberosRequestIsAnAsReqForKrbtgtOfItsRealm() {
    byte[] req = UdpProtocol.forPort(88).request(42, LOCAL);
    Der.Element e = Der.whole(req).orElseThrow();
    assertThat(e.tag()).isEqualTo(0x6a); // [APPLICATION 10] AS-REQ
    String text = new String(req, StandardCharsets.ISO_8859_1);
    assertThat(text).contains("krbtgt").contains(UdpProtocol.Kerberos.REALM);
  }

  @Test
  void dhcpInformNamesTheClientAddressAndPxeRequestCarriesPxeClient() {
    byte[] inform = UdpProtocol.forPort(67).request(9, LOCAL);
    assertThat(inform[12]).isEqualTo((byte) 198);
    assertThat(inform[242]).isEqualTo((byte) 8); // option 53 = DHCPINFORM
    byte[] pxe = UdpProtocol.forPort(4011).request(9, LOCAL);
    assertThat(new String(pxe, StandardCharsets.ISO_8859_1)).contains("PXEClient:Arch:00000");
  }

  @Test
  void otherPortsGetTheGenericProbe() {
    assertThat(UdpProtocol.forPort(5000)).isInstanceOf(UdpProtocol.Generic.class);
    assertThat(UdpProtocol.forPort(69).repliesFromOtherPort()).isTrue();
    assertThat(UdpProtocol.forPort(53).repliesFromOtherPort()).isFalse();
    assertThat(UdpProtocol.forPort(67).repliesFromOtherAddress()).isTrue();
    assertThat(UdpProtocol.forPort(53).repliesFromOtherAddress()).isFalse();
  }
}
