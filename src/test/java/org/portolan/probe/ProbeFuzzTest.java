package org.portolan.probe;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.UUID;

/** The parsers that read what the network sends: never an unchecked exception, never a hang. */
class ProbeFuzzTest {
  @FuzzTest(maxDuration = "20s")
  void eptLookupResponsesParseOrFailCleanly(byte[] data) {
    try {
      EndpointMapper.LookupPage page = EndpointMapper.parseLookupResponse(data);
      assertThat(page.handle()).hasSize(20);
      assertThat(page.entries()).allSatisfy(e -> assertThat(e.protocol()).isNotBlank());
    } catch (EndpointMapper.EpmException expected) {
      assertThat(expected.getMessage()).isNotBlank();
    }
    try {
      EndpointMapper.parseTower(data, new UUID(0, 0), "");
    } catch (EndpointMapper.EpmException expected) {
      assertThat(expected.getMessage()).isNotBlank();
    }
  }

  @FuzzTest(maxDuration = "20s")
  void udpRepliesAndRequestsNeverThrow(byte[] data) {
    for (int port : UdpProtocol.AWARE_PORTS) {
      UdpProtocol p = UdpProtocol.forPort(port);
      p.validReply(p.request(5, new byte[] {127, 0, 0, 1}), data);
      p.answer(data, new byte[] {127, 0, 0, 1});
    }
  }
}
