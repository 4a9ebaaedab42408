package org.portolan.capture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The outcomes a kernel in a namespace does not readily produce — a handshake cut short, a
 * half-open scan, a lone SYN at the end of a trace, duplicate copies of one SYN — on small
 * hand-built traces (raw IPv4, link type 101).
 */
class ClassificationTest {
  @TempDir Path dir;

  static final int C = 0xC6120601, S = 0xC6120602; // 198.18.6.1 -> 198.18.6.2
  static final int SYN = 0x02, ACK = 0x10, RST = 0x04, SYNACK = 0x12;

  final List<TestCaptures.Frame> frames = new ArrayList<>();

  void tcp(double seconds, boolean fromClient, int flags, long seq, long ack) {
    ByteBuffer b = ByteBuffer.allocate(40).order(ByteOrder.BIG_ENDIAN);
    b.put((byte) 0x45).put((byte) 0).putShort((short) 40).putInt(0).put((byte) 64).put((byte) 6).putShort((short) 0)
        .putInt(fromClient ? C : S).putInt(fromClient ? S : C);
    b.putShort((short) (fromClient ? 40000 : 389)).putShort((short) (fromClient ? 389 : 40000)).putInt((int) seq).putInt((int) ack)
        .put((byte) 0x50).put((byte) flags).putShort((short) 1000).putInt(0);
    frames.add(new TestCaptures.Frame((long) (seconds * 1e9), b.array(), 40));
  }

  Attempt only() throws IOException {
    Path p = dir.resolve("t.pcap");
    Files.write(p, TestCaptures.pcap(frames, ByteOrder.LITTLE_ENDIAN, true, 101));
    CaptureResult r = CaptureAnalysis.analyze(p, null);
    assertThat(r.attempts()).hasSize(1);
    return r.attempts().getFirst();
  }

  @Test
  void synAckWithoutFinalAckIsIncomplete() throws IOException {
    tcp(0, true, SYN, 100, 0);
    tcp(0.001, false, SYNACK, 900, 101);
    tcp(10, true, ACK, 5000, 1); // unrelated segment (wrong sequence) does not complete it
    Attempt a = only();
    assertThat(a.outcome()).isEqualTo(AttemptOutcome.INCOMPLETE);
    assertThat(a.detail()).contains("SYN/ACK at packet 2 but no final ACK");
  }

  @Test
  void aClientResetAfterTheSynAckIsIncompleteNotRejected() throws IOException {
    tcp(0, true, SYN, 100, 0);
    tcp(0.001, false, SYNACK, 900, 101);
    tcp(0.002, true, RST, 101, 0);
    assertThat(only().outcome()).isEqualTo(AttemptOutcome.INCOMPLETE);
  }

  @Test
  void aLoneSynIsDroppedAfterThreeSecondsOfSilenceAndIncompleteBefore() throws IOException {
    tcp(0, true, SYN, 100, 0);
    tcp(2.9, false, ACK, 1, 1); // other traffic keeps the trace going
    assertThat(only().outcome()).isEqualTo(AttemptOutcome.INCOMPLETE);
    frames.clear();
    tcp(0, true, SYN, 100, 0);
    tcp(3.5, true, ACK, 7, 7);
    assertThat(only()).satisfies(a -> {
      assertThat(a.outcome()).isEqualTo(AttemptOutcome.DROPPED);
      assertThat(a.retransmits()).isZero();
    });
  }

  @Test
  void copiesOfOneSynMillisecondsApartAreNotRetransmits() throws IOException {
    tcp(0, true, SYN, 100, 0);
    tcp(0.0001, true, SYN, 100, 0); // the same packet seen on a second interface
    tcp(1.0, true, SYN, 100, 0);
    tcp(3.0, true, SYN, 100, 0);
    tcp(3.0001, true, SYN, 100, 0);
    Attempt a = only();
    assertThat(a.outcome()).isEqualTo(AttemptOutcome.DROPPED);
    assertThat(a.retransmits()).isEqualTo(2);
    assertThat(a.packets()).containsExactly(1L, 3L, 4L);
  }

  @Test
  void anAnswerAfterRetransmitsIsEstablishedWithTheRetransmitsCounted() throws IOException {
    tcp(0, true, SYN, 100, 0);
    tcp(1, true, SYN, 100, 0);
    tcp(1.001, false, SYNACK, 900, 101);
    tcp(1.002, true, ACK, 101, 901);
    Attempt a = only();
    assertThat(a.outcome()).isEqualTo(AttemptOutcome.ESTABLISHED);
    assertThat(a.retransmits()).isEqualTo(1);
  }

  @Test
  void aResetThatDoesNotMatchTheTupleRejectsNothing() throws IOException {
    tcp(0, true, SYN, 100, 0);
    tcp(0.001, true, RST, 101, 0); // a RST from the client side is not an answer
    tcp(4, true, SYN, 100, 0);
    Attempt a = only();
    assertThat(a.outcome()).isEqualTo(AttemptOutcome.DROPPED);
  }
}
