package org.portolan.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.portolan.attribution.Attributor;
import org.portolan.diag.Diagnostics;
import org.portolan.plan.FlowPlan;
import org.portolan.plan.FlowsCsv;

/**
 * Capture on two threads (reader and dissector on one, classifier on the other) gives the
 * single-threaded engine's JSON byte for byte: on every golden capture with its flows, and on
 * a generated trace of some 30,000 packets with a small connection table (so tuples are evicted
 * and expired), with batches from one packet to the default size; a format error surfaces after
 * the same attempts were decided.
 */
class CapturePipelineTest {
  @TempDir Path dir;

  static Stream<Path> cases() throws IOException {
    return CaptureGoldenTest.cases();
  }

  static String json(Path file, FlowPlan plan, int tableCapacity, int batch) {
    StringWriter out = new StringWriter();
    CaptureJson.Stream s = CaptureJson.open(out);
    s.finish(CaptureAnalysis.analyze(file, plan, s::attempt, tableCapacity, 1 << 16, batch));
    return out.toString();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void goldenCapturesGiveTheSameJsonOnTwoThreads(Path golden) {
    Diagnostics d = new Diagnostics();
    FlowPlan plan = FlowsCsv.read(golden.resolve("flows.csv"), d);
    d.throwIfErrors();
    Path input = CaptureGoldenTest.input(golden);
    String one = json(input, plan, Tracker.DEFAULT_CAPACITY, 0);
    assertThat(one).contains("\"attempts\"");
    for (int batch : new int[] {1, 3, Pipeline.DEFAULT_BATCH})
      assertThat(json(input, plan, Tracker.DEFAULT_CAPACITY, batch)).as("batch %d", batch).isEqualTo(one);
  }

  @Test
  void aGeneratedTraceGivesTheSameJsonOnTwoThreads() throws IOException {
    Path file = dir.resolve("gen.pcap");
    long packets = CaptureBenchmark.generate(file, 30 * CaptureBenchmark.MB / 10, 7);
    assertThat(packets).isGreaterThan(2_000);
    for (int capacity : new int[] {Tracker.DEFAULT_CAPACITY, 16}) {
      String one = json(file, null, capacity, 0);
      if (capacity == 16) assertThat(one).contains("evicted from the full connection table");
      for (int batch : new int[] {1, 7, Pipeline.DEFAULT_BATCH})
        assertThat(json(file, null, capacity, batch)).as("capacity %d, batch %d", capacity, batch).isEqualTo(one);
    }
  }

  @Test
  void aTruncatedTraceFailsAtTheSameByteAfterTheSameAttempts() throws IOException {
    Path whole = dir.resolve("gen.pcap");
    CaptureBenchmark.generate(whole, 2 * CaptureBenchmark.MB, 11);
    byte[] b = Files.readAllBytes(whole);
    Path cut = dir.resolve("cut.pcap");
    Files.write(cut, Arrays.copyOf(b, b.length - 7));
    StringBuilder decidedOne = new StringBuilder(), decidedTwo = new StringBuilder();
    Throwable one = catchThrowable(() -> {
      Tracker t = new Tracker(new Attributor(null), (a, flows) -> decidedOne.append(a).append('\n'), 64);
      try (PacketReader r = PacketReader.open(cut, 1 << 16)) {
        RawPacket pk = new RawPacket();
        Decoded d = new Decoded();
        while (r.next(pk)) if (Dissector.decode(pk, d)) t.packet(pk, d);
      }
    });
    Throwable two = catchThrowable(() -> {
      Tracker t = new Tracker(new Attributor(null), (a, flows) -> decidedTwo.append(a).append('\n'), 64);
      try (PacketReader r = PacketReader.open(cut, 1 << 16)) {
        Pipeline.run(r, t, 5);
      }
    });
    assertThat(one).isInstanceOf(CaptureFormatException.class).hasMessageContaining("truncated");
    assertThat(two).isInstanceOf(CaptureFormatException.class).hasMessage(one.getMessage());
    assertThat(decidedOne).as("attempts decided before the error").isNotEmpty();
    assertThat(decidedTwo.toString()).isEqualTo(decidedOne.toString());
  }
}
