package org.portolan.probe;

/** Spaces events at least {@code 1/rate} seconds apart; callers sleep until their slot. */
final class RateLimiter {
  private final long intervalNanos;
  private long next;

  RateLimiter(double perSecond) {
    this.intervalNanos = (long) (1_000_000_000L / perSecond);
    this.next = System.nanoTime();
  }

  /** Reserves the next slot and returns its start time (System.nanoTime clock). */
  synchronized long reserve() {
    long now = System.nanoTime();
    long slot = Math.max(now, next);
    next = slot + intervalNanos;
    return slot;
  }
}
