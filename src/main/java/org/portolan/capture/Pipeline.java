package org.portolan.capture;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Capture on two cores: a second thread reads and dissects frames into batches while the
 * calling thread classifies them with the {@link Tracker}, in the file's order. The tracker sees
 * exactly the packets, in exactly the order, the single-threaded loop gives it, so the results
 * are the same byte for byte (CapturePipelineTest); a format error is raised after the packets
 * before it were classified, as in the single-threaded loop.
 *
 * <p>A batch holds a {@link Decoded} per packet (reused from batch to batch, so the steady state
 * allocates nothing) and a copy of the payload only where the tracker reads one: TCP to or from
 * the endpoint mapper's port 135. Three batches circulate: one being filled, one being
 * classified, one spare.
 */
final class Pipeline {
  static final int DEFAULT_BATCH = 4096;
  private static final int BATCHES = 3;

  /** What the reader saw: every frame, its bytes, and the ones that were not IP. */
  record Counts(long packets, long bytes, long notIp) {}

  private static final class Batch {
    final RawPacket[] pk;
    final Decoded[] d;
    int n;
    long packets, bytes, notIp;
    boolean last;
    Throwable failure;

    Batch(int size) {
      pk = new RawPacket[size];
      d = new Decoded[size];
      for (int i = 0; i < size; i++) {
        pk[i] = new RawPacket();
        d[i] = new Decoded();
      }
    }
  }

  private Pipeline() {}

  /** Feeds every IP packet of {@code reader} to {@code tracker}; the reader stays open. */
  static Counts run(PacketReader reader, Tracker tracker, int batchSize) {
    BlockingQueue<Batch> free = new ArrayBlockingQueue<>(BATCHES);
    BlockingQueue<Batch> full = new ArrayBlockingQueue<>(BATCHES);
    for (int i = 0; i < BATCHES; i++) free.add(new Batch(batchSize));
    Thread producer = Thread.ofPlatform().name("portolan-capture-reader").daemon().start(() -> produce(reader, free, full));
    long packets = 0, bytes = 0, notIp = 0;
    try {
      while (true) {
        Batch b = full.take();
        for (int i = 0; i < b.n; i++) tracker.packet(b.pk[i], b.d[i]);
        packets += b.packets;
        bytes += b.bytes;
        notIp += b.notIp;
        boolean last = b.last;
        Throwable failure = b.failure;
        free.add(b);
        if (failure instanceof RuntimeException e) throw e;
        if (failure instanceof Error e) throw e;
        if (last) return new Counts(packets, bytes, notIp);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while reading the capture", e);
    } finally {
      producer.interrupt();
      try {
        producer.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private static void produce(PacketReader reader, BlockingQueue<Batch> free, BlockingQueue<Batch> full) {
    RawPacket raw = new RawPacket();
    try {
      while (true) {
        Batch b = free.take();
        b.n = 0;
        b.packets = b.bytes = b.notIp = 0;
        b.last = false;
        b.failure = null;
        int size = b.pk.length;
        try {
          while (b.n < size) {
            if (!reader.next(raw)) {
              b.last = true;
              break;
            }
            b.packets++;
            b.bytes += raw.capturedLength;
            Decoded d = b.d[b.n];
            if (!Dissector.decode(raw, d)) {
              b.notIp++;
              continue;
            }
            RawPacket q = b.pk[b.n++];
            q.number = raw.number;
            q.timeNanos = raw.timeNanos;
            if (d.proto == Decoded.TCP && d.payloadLength > 0 && (d.srcPort == 135 || d.dstPort == 135)) {
              if (q.data == null || q.data.length < d.payloadLength) q.data = new byte[Math.max(d.payloadLength, 2048)];
              System.arraycopy(raw.data, d.payloadOffset, q.data, 0, d.payloadLength);
              d.payloadOffset = 0;
            }
          }
        } catch (RuntimeException | Error e) {
          b.failure = e;
          b.last = true;
        }
        full.add(b);
        if (b.last) return;
      }
    } catch (InterruptedException e) {
      // the consumer stopped early (it failed); nothing more to read
    }
  }
}
