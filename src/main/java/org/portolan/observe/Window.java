package org.portolan.observe;

import java.io.Serializable;
import java.time.Instant;

/**
 * The time window records must fall in ({@code --since}, {@code --until}); epoch milliseconds,
 * inclusive start, exclusive end. A record overlapping the window counts. Without a window
 * every record counts, timed or not; with one, records without a time are counted as
 * "untimed" and left out (the log does not say they are inside).
 */
public record Window(long since, long until) implements Serializable {
  public static final Window ALL = new Window(Long.MIN_VALUE, Long.MAX_VALUE);

  public Window {
    if (since >= until) throw new IllegalArgumentException("the window's start must be before its end");
  }

  public static Window of(Instant since, Instant until) {
    return new Window(since == null ? Long.MIN_VALUE : since.toEpochMilli(), until == null ? Long.MAX_VALUE : until.toEpochMilli());
  }

  boolean bounded() {
    return since != Long.MIN_VALUE || until != Long.MAX_VALUE;
  }
}
