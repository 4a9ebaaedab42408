package org.portolan.capture;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * In-process throughput of the read path, after warm-up: {@code CaptureThroughput FILE [RUNS]}
 * prints, per run, the time to only read the frames, to read and dissect them, and to run
 * the whole analysis (attempts streamed to a counting sink). Used for BENCHMARKS.md.
 */
public final class CaptureThroughput {
  private CaptureThroughput() {}

  public static void main(String[] args) throws Exception {
    Path file = Path.of(args[0]);
    int runs = args.length > 1 ? Integer.parseInt(args[1]) : 5;
    double gb = Files.size(file) / 1e9;
    for (int i = 0; i < runs; i++) {
      long t0 = System.nanoTime();
      long n = 0;
      RawPacket pk = new RawPacket();
      try (PacketReader r = PacketReader.open(file)) {
        while (r.next(pk)) n++;
      }
      long t1 = System.nanoTime();
      Decoded d = new Decoded();
      long ip = 0;
      try (PacketReader r = PacketReader.open(file)) {
        while (r.next(pk)) if (Dissector.decode(pk, d)) ip++;
      }
      long t2 = System.nanoTime();
      long[] attempts = new long[1];
      CaptureAnalysis.analyze(file, null, a -> attempts[0]++);
      long t3 = System.nanoTime();
      System.out.printf(Locale.ROOT, "run %d: %d packets; read %.3f s (%.2f GB/s), +dissect %.3f s (%.2f GB/s), analyse %.3f s (%.2f GB/s), %d attempts, ip %d%n",
          i, n, (t1 - t0) / 1e9, gb / ((t1 - t0) / 1e9), (t2 - t1) / 1e9, gb / ((t2 - t1) / 1e9), (t3 - t2) / 1e9, gb / ((t3 - t2) / 1e9), attempts[0], ip);
    }
  }
}
