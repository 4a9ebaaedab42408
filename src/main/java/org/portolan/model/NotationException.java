package org.portolan.model;

/** A notation that does not parse; {@code offset} is the 0-based character where it went wrong. */
public final class NotationException extends IllegalArgumentException {
  private final int offset;

  public NotationException(int offset, String message) {
    super(message);
    this.offset = offset;
  }

  public int offset() {
    return offset;
  }
}
