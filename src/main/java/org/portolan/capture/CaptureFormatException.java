package org.portolan.capture;

/**
 * A capture file is malformed or truncated. Carries the byte offset (from the start of the
 * file) of the record that is wrong, so the user can look at it with a hex viewer.
 */
public final class CaptureFormatException extends RuntimeException {
  private final long offset;

  public CaptureFormatException(long offset, String message) {
    super("byte offset " + offset + ": " + message);
    this.offset = offset;
  }

  public long offset() {
    return offset;
  }
}
