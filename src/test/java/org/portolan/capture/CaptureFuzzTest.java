package org.portolan.capture;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.portolan.diag.Diagnostics;
import org.portolan.plan.FlowPlan;
import org.portolan.plan.FlowsCsv;

/**
 * Any bytes give a result or a {@link CaptureFormatException} whose offset lies inside the
 * file — never another exception, a hang or an allocation the size of a declared length
 * (surefire runs with -Xmx2g; a 2 GB block length must not be allocated). Seeds are the
 * committed namespace captures, cut and whole ({@code CaptureFuzzTestInputs/}).
 */
class CaptureFuzzTest {
  private static final FlowPlan PLAN = FlowsCsv.read("""
      name,src,dst,proto,ports
      rpc,198.18.6.0/24,198.18.6.0/24,tcp,135
      web,198.18.6.1 2001:db8:6::1,198.18.6.2 2001:db8:6::2,tcp,80
      echo,0.0.0.0/0,0.0.0.0/0,udp,1-65535
      """, "fuzz.csv", new Diagnostics());

  private static final ThreadLocal<Path> FILE = ThreadLocal.withInitial(() -> {
    try {
      Path p = Files.createTempFile("pk-capture-fuzz", ".bin");
      p.toFile().deleteOnExit();
      return p;
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  });

  private static void analyse(byte[] data) throws IOException {
    Path f = FILE.get();
    Files.write(f, data);
    try {
      // A 4 KiB window (not 1 MiB): more inputs per second, and blocks larger than the window
      // take the read-the-headers-and-skip path.
      java.util.List<Attempt> attempts = new java.util.ArrayList<>();
      CaptureResult r = CaptureAnalysis.analyze(f, PLAN, attempts::add, 64, 4096);
      assertThat(r.stats().packets()).isGreaterThanOrEqualTo(0);
      assertThat(attempts).allSatisfy(a -> assertThat(a.firstPacket()).isBetween(1L, r.stats().packets()));
    } catch (CaptureFormatException e) {
      assertThat(e.offset()).isBetween(0L, (long) data.length);
      assertThat(e.getMessage()).startsWith("byte offset " + e.offset() + ": ");
    }
  }

  @FuzzTest(maxDuration = "30s")
  void pcap(byte[] data) throws IOException {
    analyse(data);
  }

  @FuzzTest(maxDuration = "30s")
  void pcapng(byte[] data) throws IOException {
    analyse(data);
  }
}
