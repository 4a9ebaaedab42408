package org.portolan.diag;

/**
 * {@code PORTOLAN_TIMING=1}: each phase of a command's run on stderr, as milliseconds since the
 * JVM started and since the phase before ({@code portolan: timing: catalog 312 ms (+85)}), to find
 * where a cold command's time goes (BENCHMARKS.md, Start-up). Off by default; when off a mark
 * costs one field read and loads nothing.
 */
public final class Timing {
  private Timing() {}

  private static final boolean ON = System.getenv("PORTOLAN_TIMING") != null;
  private static long startNanos;
  private static long last = -1;

  /** Notes that {@code phase} has just ended. */
  public static synchronized void mark(String phase) {
    if (!ON) return;
    long nanos = System.nanoTime();
    if (last < 0) { // the JVM's start, once (the management classes it loads are not counted)
      long sinceStart = System.currentTimeMillis() - java.lang.management.ManagementFactory.getRuntimeMXBean().getStartTime();
      startNanos = nanos - sinceStart * 1_000_000;
    }
    long now = (nanos - startNanos) / 1_000_000;
    System.err.println("portolan: timing: " + phase + " " + now + " ms" + (last < 0 ? "" : " (+" + (now - last) + ")"));
    last = now;
  }
}
