package org.portolan.observe;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.zip.GZIPInputStream;
import org.portolan.attribution.Attributor;
import org.portolan.plan.FlowPlan;

/**
 * The observe stage's front door: reads flow and firewall logs once, streaming, and attributes
 * every record to the plan's required flows.
 *
 * <pre>{@code
 * ObserveResult r = Observer.observe(List.of(Path.of("flows.log.gz")), plan, Observer.Options.defaults());
 * }</pre>
 *
 * One reader thread cuts the input into chunks (whole lines, or batches of decoded records for
 * the binary and JSON-document formats); {@code workers} threads parse and attribute chunks,
 * each into its own {@link Aggregate}; the aggregates are merged at the end. Memory is flat: a
 * bounded queue of chunks, bounded tables. Every merge is a sum, minimum or "first N by
 * position", so the result is the same whatever the chunk size and number of workers.
 */
public final class Observer {
  private Observer() {}

  static final int DEFAULT_CHUNK = 1 << 20;
  static final int MAX_LINE = 1 << 24;
  static final int BATCH = 4096;

  /**
   * @param format the logs' format, or null to detect it per file
   * @param workers attribution threads (at least 1)
   * @param chunkBytes bytes of whole lines per chunk handed to a worker
   */
  public record Options(LogFormat format, Window window, int workers, int chunkBytes) {
    public Options {
      if (window == null) window = Window.ALL;
      if (workers < 1) throw new IllegalArgumentException("at least one worker");
      if (chunkBytes < 64) throw new IllegalArgumentException("chunks of at least 64 bytes");
    }

    public static Options defaults() {
      return new Options(null, Window.ALL, Math.max(1, Math.min(Runtime.getRuntime().availableProcessors(), 8)), DEFAULT_CHUNK);
    }

    public Options withFormat(LogFormat f) {
      return new Options(f, window, workers, chunkBytes);
    }

    public Options withWindow(Window w) {
      return new Options(format, w, workers, chunkBytes);
    }

    public Options withWorkers(int n, int chunk) {
      return new Options(format, window, n, chunk);
    }
  }

  /** Thrown when a file's format cannot be told (and none was named) or a file cannot be read at all. */
  public static final class UnreadableLogException extends RuntimeException {
    private static final long serialVersionUID = 1;

    public UnreadableLogException(String message) {
      super(message);
    }
  }

  /** Reads {@code files} in order and attributes their records; {@code plan} may be null (records and rules only). */
  public static ObserveResult observe(List<Path> files, FlowPlan plan, Options options) {
    return observe(files, List.of(), plan, options);
  }

  /** Reads {@code files} in order, then receives export packets on each collector in turn. */
  public static ObserveResult observe(List<Path> files, List<Collector> collectors, FlowPlan plan, Options options) {
    Attributor attributor = new Attributor(plan);
    Naming naming = new Naming(plan);
    Engine engine = new Engine(attributor, naming, options);
    List<ObserveResult.Input> inputs = new ArrayList<>();
    try {
      for (int i = 0; i < files.size(); i++) {
        Path f = files.get(i);
        LogFormat fmt = Reading.read(f, i, options.format(), engine.sink(i, f.toString()), options.chunkBytes());
        inputs.add(new ObserveResult.Input(f.toString(), fmt.keyword()));
      }
      for (int j = 0; j < collectors.size(); j++) {
        Collector c = collectors.get(j);
        Reading.Batcher b = new Reading.Batcher(files.size() + j, c.name(), engine.sink(files.size() + j, c.name()));
        try {
          c.collect(b);
        } catch (IOException e) {
          throw new UncheckedIOException("collector " + c.name() + ": " + e.getMessage(), e);
        }
        b.flush();
        inputs.add(new ObserveResult.Input(c.name(), LogFormat.NETFLOW.keyword()));
      }
    } finally {
      engine.close();
    }
    return Results.of(plan != null, attributor.flows(), inputs, options.window(), engine.merged());
  }

  /** A unit of work for a worker. */
  sealed interface Chunk {
    int fileIndex();

    String file();

    /** Whole lines: {@code data[0, length)}, the first being line {@code firstLine} at byte {@code firstOffset}. */
    record Lines(int fileIndex, String file, LineParser parser, byte[] data, int length, long firstLine, long firstOffset) implements Chunk {}

    /** Decoded records (binary and JSON-document formats) with what the reader counted alongside. */
    record Records(int fileIndex, String file, List<LogRecord> records, List<Malformed> malformed, long skipped) implements Chunk {}

    /** Ends a worker. */
    record End(int fileIndex, String file) implements Chunk {}
  }

  /** Where a reader puts chunks: a worker queue (embedded) or a worker directly (Spark task). */
  interface ChunkSink {
    void chunk(Chunk c);
  }

  /** Parses and attributes one chunk into {@code a}. */
  static void process(Chunk c, Attribution a) {
    switch (c) {
      case Chunk.Lines l -> lines(l, a);
      case Chunk.Records r -> {
        for (LogRecord rec : r.records()) a.accept(rec, r.fileIndex(), r.file());
        for (Malformed m : r.malformed()) a.aggregate.malformed(r.fileIndex(), m);
        a.aggregate.skipped += r.skipped();
      }
      case Chunk.End e -> {}
    }
  }

  private static void lines(Chunk.Lines l, Attribution a) {
    byte[] b = l.data();
    int p = 0, n = l.length();
    long line = l.firstLine();
    LineParser parser = l.parser();
    final long[] lineHolder = {0};
    java.util.function.Consumer<LogRecord> out = r -> a.accept(r, l.fileIndex(), l.file());
    while (p < n) {
      int e = p;
      while (e < n && b[e] != '\n') e++;
      int end = e > p && b[e - 1] == '\r' ? e - 1 : e;
      long offset = l.firstOffset() + p;
      lineHolder[0] = line;
      if (end > p) {
        String text = ascii(b, p, end) ? new String(b, 0, p, end - p) : new String(b, p, end - p, StandardCharsets.UTF_8);
        if (parser.header(text)) a.aggregate.skipped++;
        else {
          long before = a.aggregate.records;
          String problem;
          try {
            problem = parser.parse(text, line, out);
          } catch (RuntimeException ex) { // a reader's own bug must not lose the line either
            problem = "unreadable: " + ex;
          }
          if (problem != null) a.aggregate.malformed(l.fileIndex(), new Malformed(l.file(), line, offset, problem));
          else if (a.aggregate.records == before) a.aggregate.skipped++;
        }
      }
      a.aggregate.lines++;
      line++;
      p = e + 1;
    }
  }

  @SuppressWarnings("deprecation")
  private static boolean ascii(byte[] b, int from, int to) {
    for (int i = from; i < to; i++) if (b[i] < 0) return false;
    return true;
  }

  /** Worker threads around a bounded queue. */
  static final class Engine {
    private final List<Attribution> attributions = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    private final BlockingQueue<Chunk> queue;
    private volatile Throwable failure;

    Engine(Attributor attributor, Naming naming, Options options) {
      queue = new ArrayBlockingQueue<>(2 * options.workers());
      for (int i = 0; i < options.workers(); i++) {
        Attribution a = new Attribution(attributor, naming, options.window());
        attributions.add(a);
        Thread t = Thread.ofPlatform().name("observe-worker-" + i).daemon().unstarted(() -> {
          try {
            while (true) {
              Chunk c = queue.take();
              if (c instanceof Chunk.End) return;
              process(c, a);
            }
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          } catch (Throwable e) {
            failure = e;
            queue.clear();
          }
        });
        threads.add(t);
        t.start();
      }
    }

    ChunkSink sink(int fileIndex, String file) {
      return c -> {
        if (failure != null) throw new IllegalStateException("an observe worker failed", failure);
        try {
          queue.put(c);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("interrupted", e);
        }
      };
    }

    void close() {
      for (int i = 0; i < threads.size(); i++) {
        try {
          while (!queue.offer(new Chunk.End(-1, ""), 100, java.util.concurrent.TimeUnit.MILLISECONDS))
            if (threads.stream().noneMatch(Thread::isAlive)) break;
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      for (Thread t : threads) {
        try {
          t.join();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      if (failure != null) throw new IllegalStateException("an observe worker failed: " + failure, failure);
    }

    Aggregate merged() {
      Aggregate total = attributions.getFirst().aggregate;
      for (int i = 1; i < attributions.size(); i++) total.merge(attributions.get(i).aggregate);
      return total;
    }
  }

  /** The year syslog times without a year are taken to be in: the file's modification year (UTC). */
  static int year(Path f) {
    try {
      return Files.getLastModifiedTime(f).toInstant().atZone(ZoneOffset.UTC).getYear();
    } catch (IOException e) {
      return Instant.now().atZone(ZoneOffset.UTC).getYear();
    }
  }

  static InputStream open(Path f) throws IOException {
    InputStream in = new BufferedInputStream(Files.newInputStream(f), 1 << 16);
    return gunzipIfNeeded(in);
  }

  static InputStream gunzipIfNeeded(InputStream in) throws IOException {
    if (!in.markSupported()) in = new BufferedInputStream(in, 1 << 16);
    in.mark(2);
    int a = in.read(), b = in.read();
    in.reset();
    if (a == 0x1F && b == 0x8B) return new BufferedInputStream(new GZIPInputStream(in, 1 << 16), 1 << 16);
    return in;
  }

  static UncheckedIOException io(Path f, IOException e) {
    return new UncheckedIOException("cannot read " + f + ": " + e.getMessage(), e);
  }
}
