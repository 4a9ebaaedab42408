package org.portolan.capture;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Streams the frames of a pcap or pcapng file with memory bounded by one window, whatever
 * the file size. The format is chosen from the file's first four bytes.
 *
 * <p>Hand-written rather than a library: pcap4j needs the native libpcap through JNA and builds
 * an object graph per packet, and there is no maintained pure-Java pcapng reader that streams
 * without allocating per packet. The formats are small (pcap: 24-byte header + 16-byte
 * records; pcapng: length-prefixed blocks), so a few hundred lines here beat a dependency.
 * Measured (BENCHMARKS.md, "Capture"): these readers walk a page-cached file at 2-8 GB/s
 * in-process, and the whole analysis uses 3-5× less CPU than {@code tshark -z conv,tcp};
 * pcap4j itself was not benchmarked (it would need a new dependency and libpcap).
 */
sealed interface PacketReader extends AutoCloseable permits PcapReader, PcapngReader {
  /** Fills {@code packet} with the next frame; false at the end of the file. */
  boolean next(RawPacket packet);

  /** "pcap" or "pcapng". */
  String format();

  @Override
  void close();

  static PacketReader open(Path file) {
    return open(file, ByteWindow.DEFAULT_CAPACITY);
  }

  static PacketReader open(Path file, int windowBytes) {
    FileChannel ch = null;
    try {
      ch = FileChannel.open(file, StandardOpenOption.READ);
      ByteWindow w = new ByteWindow(ch, windowBytes);
      int n = w.ensure(4);
      if (n < 4) throw new CaptureFormatException(0, "file has " + n + " bytes; expected a pcap or pcapng header");
      int magic = Bytes.be32(w.array(), w.pos());
      if (magic == PcapngReader.SHB) return new PcapngReader(w);
      if (PcapReader.isMagic(magic)) return new PcapReader(w);
      throw new CaptureFormatException(0, String.format(
          "unknown file magic 0x%08x; expected pcap (a1b2c3d4, a1b23c4d or byte-swapped) or pcapng (0a0d0d0a)", magic));
    } catch (IOException e) {
      closeQuietly(ch);
      throw new UncheckedIOException("cannot open capture " + file + ": " + e.getMessage(), e);
    } catch (RuntimeException e) {
      closeQuietly(ch);
      throw e;
    }
  }

  private static void closeQuietly(FileChannel ch) {
    if (ch == null) return;
    try {
      ch.close();
    } catch (IOException ignored) {
      // already failing
    }
  }
}
