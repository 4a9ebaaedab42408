package org.portolan.capture;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Side by side with tshark on the same generated capture. Not part of the default run: it
 * runs only with {@code -Dportolan.bench=capture} (it needs ~1.3 GB in /tmp, deleted after):
 *
 * <pre>./mvnw -q -B -DskipTests package && ./mvnw -B test -Dtest=CaptureBenchmark -Dportolan.bench=capture</pre>
 *
 * Generates a realistic mix (TCP handshakes with bulk data and FINs, dropped SYNs with
 * retransmits, RSTs, ICMP admin-prohibited, UDP answered and not), then times
 * {@code portolan capture FILE --format json} against {@code tshark -q -z conv,tcp -r FILE}
 * (median of 3, page cache warm), with peak RSS from GNU time, on 250 MB and 1 GB files, and
 * writes the "## Capture" section of BENCHMARKS.md.
 */
class CaptureBenchmark {
  static final long MB = 1_000_000L;
  private static final int RUNS = 3;

  @Test
  void sideBySideWithTshark() throws Exception {
    assumeTrue(System.getProperty("portolan.bench", "").contains("capture"), "benchmark: run with -Dportolan.bench=capture");
    Path jar = Path.of("target/portolan.jar").toAbsolutePath();
    assumeTrue(Files.exists(jar), "build target/portolan.jar first");
    long free = Files.getFileStore(Path.of("/tmp")).getUsableSpace();
    assumeTrue(free > 4_000 * MB, "needs 4 GB free in /tmp, has " + free / MB + " MB");
    run(jar);
  }

  static void run(Path jar) throws Exception {
    List<String> rows = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    List<String> inProcess = new ArrayList<>();
    for (long size : new long[] {250 * MB, 1000 * MB}) {
      Path file = Path.of("/tmp/pk-capture-bench-" + size / MB + "mb.pcap");
      try {
        long t0 = System.nanoTime();
        long packets = generate(file, size, 42);
        notes.add(String.format(Locale.ROOT, "%d MB: %d packets (generated in %.1f s)", Files.size(file) / MB, packets, (System.nanoTime() - t0) / 1e9));
        warm(file);
        List<double[]> p = new ArrayList<>(), small = new ArrayList<>(), t = new ArrayList<>();
        for (int i = 0; i < RUNS; i++) {
          p.add(timed(List.of(javaBin(), "-jar", jar.toString(), "capture", file.toString(), "--format", "json")));
          small.add(timed(List.of(launcher(jar).toString(), "capture", file.toString(), "--format", "json")));
          t.add(timed(List.of("tshark", "-q", "-z", "conv,tcp", "-r", file.toString())));
        }
        double gb = Files.size(file) / 1e9;
        String name = Files.size(file) / MB + " MB";
        rows.add(row(name, packets, "Portolan", p, gb));
        rows.add(row(name, packets, "Portolan, `./portolan` (C1 only, its AOT cache)", small, gb));
        rows.add(row(name, packets, "tshark", t, gb));
        rows.add(String.format(Locale.ROOT, "| %s | | **ratio tshark / Portolan** (java -jar; ./portolan) | **%.1f×**; %.1f× | | %.1f×; %.1f× | |", name,
            median(t, 0) / median(p, 0), median(t, 0) / median(small, 0), median(t, 2) / median(p, 2), median(t, 2) / median(small, 2)));
        Process tp = new ProcessBuilder(javaBin(), "-cp", jar + ":" + Path.of("target/test-classes").toAbsolutePath(),
            "org.portolan.capture.CaptureThroughput", file.toString(), "5").redirectErrorStream(true).start();
        String out = new String(tp.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        tp.waitFor(10, TimeUnit.MINUTES);
        inProcess.add(name + ":\n" + out.strip().lines().map(l -> "    " + l).reduce((a, b) -> a + "\n" + b).orElse(""));
      } finally {
        Files.deleteIfExists(file);
      }
    }
    String section = """
        ## Capture

        Machine: 2 cores / 24 GiB, JDK 25, tshark 4.0.17 (state the machine's load average and date
        of the run here; wall times are noisy under load, CPU time is steadier).
        Command: `./mvnw -q -B -DskipTests package && ./mvnw -B test -Dtest=CaptureBenchmark -Dportolan.bench=capture`
        (generates the pcap files into /tmp, deletes them afterwards). Generated traffic: 70%% TCP
        connections with handshake, 4-44 data segments and FINs, 6%% dropped SYNs (1-4
        retransmits), 8%% RST, 3%% ICMP admin-prohibited, 10%% DNS-like UDP answered, 3%% not.

        Same file, page cache warm, median of %d runs, wall time including JVM / tshark start-up,
        output to /dev/null, CPU = user + system, peak RSS from GNU time. Portolan:
        `java -jar target/portolan.jar capture FILE --format json` (every attempt classified and
        written as JSON); tshark: `tshark -q -z conv,tcp -r FILE` (TCP conversation table).

        | file | packets | tool | wall | GB/s | CPU | peak RSS |
        |---|---|---|---|---|---|---|
        %s

        %s.

        Summary: written by hand after the run, with the load average (BENCHMARKS.md, the goals of
        issue #18). See docs/capture.md, "Performance".

        In-process (`CaptureThroughput`, one JVM, 5 passes; read = frames only, +dissect = link/IP/TCP
        headers, analyse = the whole classification), showing JIT warm-up and the machine's noise:

        ```
        %s
        ```
        """.formatted(RUNS, String.join("\n", rows), String.join("; ", notes), String.join("\n", inProcess));
    updateBenchmarks(section);
  }

  static String row(String file, long packets, String tool, List<double[]> runs, double gb) {
    return String.format(Locale.ROOT, "| %s | %d | %s | %.2f s | %.3f | %.2f s | %.0f MB |", file, packets, tool,
        median(runs, 0), gb / median(runs, 0), median(runs, 2), median(runs, 1) / 1024);
  }

  /**
   * {@code CaptureBenchmark FILE MEGABYTES} generates one trace; {@code CaptureBenchmark bench
   * JAR} runs the whole side-by-side comparison without Maven.
   */
  public static void main(String[] args) throws Exception {
    if (args[0].equals("bench")) run(Path.of(args[1]).toAbsolutePath());
    else System.out.println(generate(Path.of(args[0]), Long.parseLong(args[1]) * MB, 42) + " packets");
  }

  /** The launcher next to the jar's target/ folder, as a user runs it. */
  static Path launcher(Path jar) {
    return jar.getParent().getParent().resolve("portolan");
  }

  static String javaBin() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  static void warm(Path file) throws IOException {
    byte[] buf = new byte[1 << 20];
    try (var in = Files.newInputStream(file)) {
      while (in.read(buf) > 0) {
        // read to pull the file into the page cache
      }
    }
  }

  /** {wall seconds, peak RSS KiB, user+system CPU seconds} of one run, via GNU time. */
  static double[] timed(List<String> cmd) throws IOException, InterruptedException {
    Path times = Files.createTempFile("pk-time", ".txt");
    List<String> all = new ArrayList<>(List.of("/usr/bin/time", "-f", "%e %M %U %S", "-o", times.toString()));
    all.addAll(cmd);
    Process p = new ProcessBuilder(all).redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    if (!p.waitFor(20, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      throw new IllegalStateException(cmd + " took over 20 minutes");
    }
    String[] f = Files.readString(times).trim().split("\\s+");
    Files.delete(times);
    String[] last = Arrays.copyOfRange(f, f.length - 4, f.length);
    return new double[] {Double.parseDouble(last[0]), Double.parseDouble(last[1]), Double.parseDouble(last[2]) + Double.parseDouble(last[3])};
  }

  static double median(List<double[]> runs, int field) {
    double[] v = runs.stream().mapToDouble(r -> r[field]).sorted().toArray();
    return v[v.length / 2];
  }

  static void updateBenchmarks(String section) throws IOException {
    Path md = Path.of("BENCHMARKS.md");
    String text = Files.exists(md) ? Files.readString(md) : "# Benchmarks\n\n";
    int at = text.indexOf("## Capture");
    if (at < 0) {
      text = text.stripTrailing() + "\n\n" + section;
    } else {
      int next = text.indexOf("\n## ", at + 3);
      text = text.substring(0, at) + section + (next < 0 ? "" : text.substring(next + 1));
    }
    Files.writeString(md, text, StandardCharsets.UTF_8);
  }

  // ---- generator ---------------------------------------------------------------------------

  enum Kind { ESTABLISHED, DROPPED, REJECTED, UNREACHABLE, UDP_ANSWERED, UDP_UNANSWERED }

  static final int[] SERVICES = {80, 443, 135, 389, 445, 88, 3268, 5985, 1433, 8080};

  /** One conversation being played out; ordered by the time of its next packet (µs). */
  static final class Session implements Comparable<Session> {
    final Kind kind;
    final int client, server, cport, sport;
    long time;
    int step;
    final int steps;
    long cseq, sseq;

    Session(Kind kind, int client, int server, int cport, int sport, long time, int steps, long cseq, long sseq) {
      this.kind = kind;
      this.client = client;
      this.server = server;
      this.cport = cport;
      this.sport = sport;
      this.time = time;
      this.steps = steps;
      this.cseq = cseq;
      this.sseq = sseq;
    }

    @Override
    public int compareTo(Session o) {
      return Long.compare(time, o.time);
    }
  }

  /** Writes a little-endian microsecond Ethernet pcap of about {@code target} bytes; returns the packet count. */
  static long generate(Path out, long target, long seed) throws IOException {
    SplittableRandom rnd = new SplittableRandom(seed);
    PriorityQueue<Session> live = new PriorityQueue<>();
    ByteBuffer pkt = ByteBuffer.allocate(16 + 1600).order(ByteOrder.BIG_ENDIAN);
    long written = 24, packets = 0, clock = 1_700_000_000_000_000L, nextStart = clock;
    try (OutputStream o = new BufferedOutputStream(Files.newOutputStream(out), 1 << 22)) {
      ByteBuffer h = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN);
      h.putInt(0xA1B2C3D4).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0).putInt(262144).putInt(1);
      o.write(h.array());
      while (written < target) {
        if (live.isEmpty() || nextStart <= live.peek().time) {
          live.add(newSession(rnd, nextStart));
          nextStart += 5 + rnd.nextInt(40);
          continue;
        }
        Session s = live.poll();
        clock = s.time;
        int len = emit(s, rnd, pkt, clock);
        o.write(pkt.array(), 0, len);
        written += len;
        packets++;
        s.step++;
        if (s.step < s.steps) {
          s.time += delay(s, rnd);
          live.add(s);
        }
      }
    }
    return packets;
  }

  static Session newSession(SplittableRandom rnd, long t) {
    int r = rnd.nextInt(100);
    Kind k = r < 70 ? Kind.ESTABLISHED : r < 76 ? Kind.DROPPED : r < 84 ? Kind.REJECTED : r < 87 ? Kind.UNREACHABLE : r < 97 ? Kind.UDP_ANSWERED : Kind.UDP_UNANSWERED;
    int client = 0xC6120000 | rnd.nextInt(1, 65535); // 198.18.0.0/16
    int server = 0xC6130000 | rnd.nextInt(1, 200); // 198.19.0.1-199
    int cport = 32768 + rnd.nextInt(28000);
    int sport = k == Kind.UDP_ANSWERED || k == Kind.UDP_UNANSWERED ? 53 : SERVICES[rnd.nextInt(SERVICES.length)];
    int steps = switch (k) {
      case ESTABLISHED -> 6 + 4 + rnd.nextInt(40);
      case DROPPED -> 2 + rnd.nextInt(4);
      case REJECTED, UNREACHABLE, UDP_ANSWERED -> 2;
      case UDP_UNANSWERED -> 1 + rnd.nextInt(3);
    };
    return new Session(k, client, server, cport, sport, t, steps, rnd.nextLong(1L << 32), rnd.nextLong(1L << 32));
  }

  static long delay(Session s, SplittableRandom rnd) {
    return switch (s.kind) {
      case DROPPED, UDP_UNANSWERED -> 1_000_000L << Math.min(s.step - 1, 3);
      case ESTABLISHED -> 20 + rnd.nextInt(400);
      case REJECTED, UNREACHABLE, UDP_ANSWERED -> 100 + rnd.nextInt(400);
    };
  }

  /** Writes record header + frame for the session's current step into {@code b}; returns its length. */
  static int emit(Session s, SplittableRandom rnd, ByteBuffer b, long timeMicros) {
    b.clear();
    boolean fromClient = true;
    int flags = 0, payload = 0, proto = 6;
    long seq = 0, ack = 0;
    switch (s.kind) {
      case DROPPED -> {
        flags = 0x02;
        seq = s.cseq;
      }
      case REJECTED -> {
        if (s.step == 0) { flags = 0x02; seq = s.cseq; }
        else { fromClient = false; flags = 0x14; ack = s.cseq + 1; }
      }
      case UNREACHABLE -> {
        if (s.step == 0) { flags = 0x02; seq = s.cseq; }
        else return icmp(s, b, timeMicros);
      }
      case UDP_ANSWERED, UDP_UNANSWERED -> {
        proto = 17;
        fromClient = s.kind == Kind.UDP_UNANSWERED || s.step == 0;
        payload = fromClient ? 40 : 120;
      }
      case ESTABLISHED -> {
        int last = s.steps - 1;
        if (s.step == 0) { flags = 0x02; seq = s.cseq; }
        else if (s.step == 1) { fromClient = false; flags = 0x12; seq = s.sseq; ack = s.cseq + 1; }
        else if (s.step == 2) { flags = 0x10; seq = s.cseq + 1; ack = s.sseq + 1; }
        else if (s.step >= last - 2) {
          fromClient = s.step != last - 1;
          flags = s.step == last ? 0x10 : 0x11;
          seq = fromClient ? s.cseq + 1 : s.sseq + 1;
          ack = fromClient ? s.sseq + 1 : s.cseq + 1;
        } else {
          fromClient = s.step % 5 == 3;
          payload = fromClient ? 100 + rnd.nextInt(300) : 1448;
          flags = 0x18;
          seq = fromClient ? s.cseq + 1 : s.sseq + 1;
          ack = fromClient ? s.sseq + 1 : s.cseq + 1;
          if (fromClient) s.cseq += payload;
          else s.sseq += payload;
          seq = fromClient ? s.cseq + 1 - payload : s.sseq + 1 - payload;
        }
      }
    }
    int l4 = proto == 6 ? 20 : 8;
    int frame = 14 + 20 + l4 + payload;
    record(b, timeMicros, frame);
    ether(b);
    ipv4(b, 20 + l4 + payload, proto, fromClient ? s.client : s.server, fromClient ? s.server : s.client);
    int sp = fromClient ? s.cport : s.sport, dp = fromClient ? s.sport : s.cport;
    if (proto == 6) {
      b.putShort((short) sp).putShort((short) dp).putInt((int) seq).putInt((int) ack).put((byte) 0x50).put((byte) flags)
          .putShort((short) 64240).putShort((short) 0).putShort((short) 0);
    } else {
      b.putShort((short) sp).putShort((short) dp).putShort((short) (8 + payload)).putShort((short) 0);
    }
    b.position(b.position() + payload);
    return b.position();
  }

  static int icmp(Session s, ByteBuffer b, long timeMicros) {
    int frame = 14 + 20 + 8 + 28;
    record(b, timeMicros, frame);
    ether(b);
    ipv4(b, 20 + 8 + 28, 1, 0xC613FF01, s.client);
    b.put((byte) 3).put((byte) 13).putShort((short) 0).putInt(0);
    ipv4(b, 40, 6, s.client, s.server);
    b.putShort((short) s.cport).putShort((short) s.sport).putInt((int) s.cseq);
    return b.position();
  }

  static void record(ByteBuffer b, long timeMicros, int frame) {
    b.order(ByteOrder.LITTLE_ENDIAN);
    b.putInt((int) (timeMicros / 1_000_000)).putInt((int) (timeMicros % 1_000_000)).putInt(frame).putInt(frame);
    b.order(ByteOrder.BIG_ENDIAN);
  }

  static void ether(ByteBuffer b) {
    b.putInt(0x02000000).putShort((short) 1).putInt(0x02000000).putShort((short) 2).putShort((short) 0x0800);
  }

  static void ipv4(ByteBuffer b, int total, int proto, int src, int dst) {
    b.put((byte) 0x45).put((byte) 0).putShort((short) total).putShort((short) 0).putShort((short) 0x4000)
        .put((byte) 64).put((byte) proto).putShort((short) 0).putInt(src).putInt(dst);
  }
}
