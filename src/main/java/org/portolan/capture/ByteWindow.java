package org.portolan.capture;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * A fixed, reusable window over a file: readers ask for the next {@code n} bytes with
 * {@link #ensure}, look at them in {@link #array()} from {@link #pos()}, then
 * {@link #advance}. Memory is the window only, whatever the file size; records larger than
 * the window are {@linkplain #skip skipped} without being read into memory.
 *
 * <p>Measured (BENCHMARKS.md, "Capture", the in-process "read" column): a heap array filled by
 * {@code FileChannel.read} walks a page-cached file at several GB/s on this machine, faster
 * than the analysis consumes it, so the simpler heap window was kept over a
 * {@code MappedByteBuffer} (which needs per-chunk remapping for files over 2 GB and cannot be
 * unmapped deterministically).
 */
final class ByteWindow implements AutoCloseable {
  static final int DEFAULT_CAPACITY = 1 << 20;

  /**
   * Bytes read at a time, whatever the capacity (which bounds one record): the frames read are
   * dissected right away, and a read of a quarter megabyte is still in the core's cache then,
   * where one of a whole megabyte was not (BENCHMARKS.md, "Capture: the whole process near its
   * limit": 12 % less CPU to walk a 1 GB file).
   */
  static final int READ_BYTES = 1 << 18;

  private final FileChannel channel;
  private final byte[] buf;
  private final ByteBuffer bb;
  private final long size;
  private int pos; // next unread byte in buf
  private int limit; // end of valid bytes in buf
  private long bufStart; // file offset of buf[0]
  private boolean eof;

  ByteWindow(FileChannel channel, int capacity) throws IOException {
    this.channel = channel;
    this.buf = new byte[capacity];
    this.bb = ByteBuffer.wrap(buf);
    this.size = channel.size();
  }

  byte[] array() {
    return buf;
  }

  int pos() {
    return pos;
  }

  int capacity() {
    return buf.length;
  }

  /** File offset of the next unread byte. */
  long offset() {
    return bufStart + pos;
  }

  long fileSize() {
    return size;
  }

  /** Bytes left in the file after the current position. */
  long remainingInFile() {
    return size - offset();
  }

  /**
   * Makes {@code n} bytes (at most the window capacity) available from {@link #pos()}.
   * Returns the number available: {@code n}, or fewer when the file ends first.
   */
  int ensure(int n) {
    if (limit - pos >= n) return n;
    if (n > buf.length) throw new IllegalArgumentException("window is " + buf.length + " bytes, asked for " + n);
    System.arraycopy(buf, pos, buf, 0, limit - pos);
    bufStart += pos;
    limit -= pos;
    pos = 0;
    try {
      int fill = Math.min(buf.length, Math.max(n, READ_BYTES));
      while (limit < n && !eof) {
        bb.limit(fill).position(limit); // fill >= n > limit
        int r = channel.read(bb);
        if (r < 0) eof = true;
        else limit += r;
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read capture at byte offset " + offset() + ": " + e.getMessage(), e);
    }
    return Math.min(n, limit - pos);
  }

  void advance(int n) {
    pos += n;
  }

  /** Skips {@code n} bytes, which may lie far beyond the window, without reading them. */
  void skip(long n) {
    long inBuf = limit - pos;
    if (n <= inBuf) {
      pos += (int) n;
      return;
    }
    long target = offset() + n;
    bufStart = target;
    pos = 0;
    limit = 0;
    eof = target >= size;
    try {
      channel.position(Math.min(target, size));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot seek in capture to byte offset " + target + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }
}
