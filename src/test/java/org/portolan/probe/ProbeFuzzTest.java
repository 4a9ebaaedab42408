package org.portolan.probe;

import com.code_intelligence.jazzer.junit.FuzzTest;

/** The parsers that read what the network sends: never an unchecked exception, never a hang (the endpoint mapper's: rpc/EpmDecoderFuzzTest). */
class ProbeFuzzTest {
  @FuzzTest(maxDuration = "20s")
  void udpRepliesAndRequestsNeverThrow(byte[] data) {
    for (int port : UdpProtocol.AWARE_PORTS) {
      UdpProtocol p = UdpProtocol.forPort(port);
      p.validReply(p.request(5, new byte[] {127, 0, 0, 1}), data);
      p.answer(data, new byte[] {127, 0, 0, 1});
    }
  }
}
