package org.portolan.capture;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.function.Consumer;

/**
 * The attempt sink (the JSON or table writer) on a thread of its own: attempts are handed over
 * in batches, in the order given, and the sink sees exactly that sequence, so its output is the
 * same byte for byte (CapturePipelineTest). {@link #close} waits until every attempt handed
 * over was written — also when the analysis failed, so a format error comes after the same
 * output as on one thread — and then raises the sink's own failure, if it had one.
 *
 * <p>Why: with fewer attempts than the reorder window, every attempt is written after the last
 * packet, while the reader thread has already ended; on its own thread the writing overlaps the
 * classifying and the window's draining (BENCHMARKS.md, "Capture: the whole process near its
 * limit").
 */
final class SinkThread implements Consumer<Attempt>, AutoCloseable {
  private static final int BATCH = 512;
  private static final List<Attempt> END = List.of();

  private final BlockingQueue<List<Attempt>> queue = new ArrayBlockingQueue<>(16);
  private final Thread thread;
  private volatile Throwable failure;
  private List<Attempt> batch = new ArrayList<>(BATCH);

  SinkThread(Consumer<Attempt> sink) {
    thread = Thread.ofPlatform().name("portolan-capture-writer").daemon().start(() -> {
      try {
        for (List<Attempt> b = queue.take(); b != END; b = queue.take()) {
          if (failure != null) continue; // keep taking, so the producer never blocks
          try {
            for (Attempt a : b) sink.accept(a);
          } catch (RuntimeException | Error e) {
            failure = e;
          }
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
  }

  @Override
  public void accept(Attempt a) {
    batch.add(a);
    if (batch.size() == BATCH) handOver();
  }

  private void handOver() {
    put(batch);
    batch = new ArrayList<>(BATCH);
  }

  private void put(List<Attempt> b) {
    try {
      queue.put(b);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while writing the capture's attempts", e);
    }
  }

  /** Writes what is left, waits for the writer, and raises its failure. */
  @Override
  public void close() {
    if (!batch.isEmpty()) handOver();
    put(END);
    try {
      thread.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while writing the capture's attempts", e);
    }
    if (failure instanceof RuntimeException e) throw e;
    if (failure instanceof Error e) throw e;
  }
}
