package org.portolan.observe;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Any input gives records or malformed reports with a position inside the input — never an
 * exception, and never a record with fields outside their ranges (LogRecord validates itself).
 * One fuzz target per reader; seeds are the formats' own examples from LogReadersTest.
 */
class ObserveFuzzTest {
  private static void line(LineParser p, String line) {
    List<LogRecord> out = new ArrayList<>();
    String why = p.parse(line, 1, out::add);
    if (why != null) {
      assertThat(why).isNotBlank();
      assertThat(out).isEmpty();
    }
    assertThat(out).allSatisfy(r -> assertThat(r.line()).isEqualTo(1));
  }

  @FuzzTest(maxDuration = "30s")
  void vpc(FuzzedDataProvider d) {
    String header = d.consumeString(200);
    VpcFlowLog p = VpcFlowLog.fromHeader(header);
    line(p != null ? p : new VpcFlowLog(VpcFlowLog.DEFAULT_V2), d.consumeRemainingAsString());
  }

  @FuzzTest(maxDuration = "30s")
  void kernel(FuzzedDataProvider d) {
    line(new KernelLog(2026), d.consumeRemainingAsString());
  }

  @FuzzTest(maxDuration = "30s")
  void asa(FuzzedDataProvider d) {
    line(new AsaSyslog(2026), d.consumeRemainingAsString());
  }

  @FuzzTest(maxDuration = "30s")
  void gcp(FuzzedDataProvider d) {
    line(new GcpFlowLog(), d.consumeRemainingAsString());
  }

  private static RecordSink checking(long length, List<Malformed> bad) {
    return new RecordSink() {
      public void record(LogRecord r) {}
      public void malformed(Malformed m) {
        assertThat(m.offset()).isLessThanOrEqualTo(length);
        bad.add(m);
      }
      public void skipped() {}
    };
  }

  @FuzzTest(maxDuration = "30s")
  void azure(byte[] data) throws IOException {
    AzureFlowLog.read(new ByteArrayInputStream(data), "f", checking(data.length, new ArrayList<>()));
  }

  @FuzzTest(maxDuration = "30s")
  void netflow(byte[] data) {
    NetFlow nf = new NetFlow();
    // the same bytes twice: the second packet may use templates the first defined
    nf.packet(data, 0, data.length, 0, 1, "f", 0, checking(Long.MAX_VALUE, new ArrayList<>()));
    nf.packet(data, 0, data.length, 0, 1, "f", 1, checking(Long.MAX_VALUE, new ArrayList<>()));
  }

  private static final ThreadLocal<Path> FILE = ThreadLocal.withInitial(() -> {
    try {
      Path p = Files.createTempFile("pk-observe-fuzz", ".log");
      p.toFile().deleteOnExit();
      return p;
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  });

  /** The whole engine on a file of any bytes, in a named text format: every malformed line lies inside the file. */
  @FuzzTest(maxDuration = "30s")
  void engine(FuzzedDataProvider d) throws IOException {
    LogFormat f = d.pickValue(new LogFormat[] {LogFormat.VPC, LogFormat.KERNEL, LogFormat.ASA, LogFormat.GCP, LogFormat.AZURE});
    byte[] bytes = d.consumeRemainingAsBytes();
    Path file = FILE.get();
    Files.write(file, bytes);
    ObserveResult r = Observer.observe(List.of(file), ObserveTestLogs.plan(), Observer.Options.defaults().withFormat(f).withWorkers(2, 64));
    assertThat(r.malformed()).allSatisfy(m -> assertThat(m.offset()).isLessThanOrEqualTo(bytes.length));
    assertThat(r.stats().malformed()).isGreaterThanOrEqualTo(r.malformed().size());
  }
}
