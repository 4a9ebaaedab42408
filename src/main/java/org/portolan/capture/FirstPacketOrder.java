package org.portolan.capture;

import java.util.Arrays;

/**
 * A min-heap of attempts by first packet, the capture's reorder window. Hand-written rather
 * than a {@code PriorityQueue} with a {@code Comparator.comparingLong}: the comparator's lambda
 * took a tenth of the classifying thread's samples on a 1 GB trace (BENCHMARKS.md, "Capture"),
 * and here the keys sit in a {@code long[]} beside the attempts. No two attempts share a first
 * packet (a packet starts at most one), so the order is total and equals the queue's.
 */
final class FirstPacketOrder {
  private long[] keys = new long[1024];
  private Attempt[] values = new Attempt[1024];
  private int size;

  int size() {
    return size;
  }

  boolean isEmpty() {
    return size == 0;
  }

  void add(Attempt a) {
    if (size == keys.length) {
      keys = Arrays.copyOf(keys, size * 2);
      values = Arrays.copyOf(values, size * 2);
    }
    long k = a.firstPacket();
    int i = size++;
    while (i > 0) {
      int parent = (i - 1) >>> 1;
      if (keys[parent] <= k) break;
      keys[i] = keys[parent];
      values[i] = values[parent];
      i = parent;
    }
    keys[i] = k;
    values[i] = a;
  }

  /** Removes and returns the attempt with the smallest first packet; the heap is not empty. */
  Attempt poll() {
    Attempt top = values[0];
    int n = --size;
    long k = keys[n];
    Attempt v = values[n];
    values[n] = null;
    int i = 0;
    while (true) {
      int c = 2 * i + 1;
      if (c >= n) break;
      if (c + 1 < n && keys[c + 1] < keys[c]) c++;
      if (k <= keys[c]) break;
      keys[i] = keys[c];
      values[i] = values[c];
      i = c;
    }
    if (n > 0) {
      keys[i] = k;
      values[i] = v;
    }
    return top;
  }
}
