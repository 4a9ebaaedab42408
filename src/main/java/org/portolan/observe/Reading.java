package org.portolan.observe;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.portolan.capture.CaptureFormatException;
import org.portolan.capture.UdpDatagrams;

/** Reads one log file into chunks for the workers: detection, decompression, line cutting, record batches. */
final class Reading {
  private Reading() {}

  static final int HEAD = 1 << 16;

  /** Reads {@code file} (format detected when {@code format} is null) and returns the format it was read as. */
  static LogFormat read(Path file, int fileIndex, LogFormat format, Observer.ChunkSink sink, int chunkBytes) {
    try (InputStream in = Observer.open(file)) {
      return read(in, () -> file, file.toString(), Observer.year(file), fileIndex, format, sink, chunkBytes);
    } catch (IOException e) {
      throw Observer.io(file, e);
    }
  }

  /** A local file with the stream's bytes, for the formats that need random access (Parquet, pcap). */
  interface LocalFile {
    Path get() throws IOException;
  }

  /**
   * Reads one log from {@code in} (already decompressed when it was gzip): the embedded
   * engine's files and the Spark job's tasks both come here, so they read alike.
   */
  static LogFormat read(InputStream in, LocalFile local, String name, int year, int fileIndex, LogFormat format, Observer.ChunkSink sink,
      int chunkBytes) throws IOException {
    in.mark(HEAD);
    byte[] head = in.readNBytes(HEAD);
    in.reset();
    LogFormat f = format != null ? format : LogFormat.detect(head, head.length).orElseThrow(() -> new Observer.UnreadableLogException(
        name + ": cannot tell the log format from the first lines; name it with --log-format (vpc, vpc-parquet, kernel, asa, gcp, azure, netflow)"));
    switch (f) {
      case VPC, KERNEL, ASA, GCP -> text(in, head, f, year, fileIndex, name, sink, chunkBytes);
      case AZURE -> {
        Batcher b = new Batcher(fileIndex, name, sink);
        AzureFlowLog.read(in, name, b);
        b.flush();
      }
      case NETFLOW -> {
        Batcher b = new Batcher(fileIndex, name, sink);
        NetFlow nf = new NetFlow();
        try {
          UdpDatagrams.read(local.get(), (number, offset, time, hi, lo, sport, dport, payload, off, len) ->
              nf.packet(payload, off, len, hi, lo, name, offset, b));
        } catch (CaptureFormatException e) {
          b.malformed(new Malformed(name, 0, -1, e.getMessage()));
        }
        b.flush();
      }
      case VPC_PARQUET -> {
        Batcher b = new Batcher(fileIndex, name, sink);
        VpcParquet.read(local.get(), name, b);
        b.flush();
      }
    }
    return f;
  }

  /** Parser for a text format; for VPC the first line decides default v2 or a custom header. */
  static LineParser parser(LogFormat f, byte[] head, int year, String name) {
    return switch (f) {
      case VPC -> {
        String first = firstLine(head);
        VpcFlowLog h = VpcFlowLog.fromHeader(first);
        yield h != null ? h : new VpcFlowLog(VpcFlowLog.DEFAULT_V2);
      }
      case KERNEL -> new KernelLog(year);
      case ASA -> new AsaSyslog(year);
      case GCP -> new GcpFlowLog();
      case AZURE, NETFLOW, VPC_PARQUET -> throw new IllegalArgumentException(f + " is not a line format");
    };
  }

  private static String firstLine(byte[] head) {
    String text = new String(head, StandardCharsets.UTF_8);
    for (String l : text.split("\n")) if (!l.isBlank()) return l.strip();
    return "";
  }

  /** Cuts {@code in} into chunks of whole lines of about {@code chunkBytes}. */
  static void text(InputStream in, byte[] head, LogFormat f, int year, int fileIndex, String name, Observer.ChunkSink sink, int chunkBytes)
      throws IOException {
    LineParser parser = parser(f, head, year, name);
    byte[] buf = new byte[chunkBytes];
    int have = 0;
    long line = 1, offset = 0;
    while (true) {
      have += in.readNBytes(buf, have, buf.length - have);
      boolean eof = have < buf.length; // readNBytes fills the buffer unless the stream ended
      if (have == 0) break;
      int cut = eof ? have : lastNewline(buf, have) + 1;
      if (cut == 0) { // one line longer than the buffer: grow up to MAX_LINE, then report and skip it
        if (buf.length < Observer.MAX_LINE) {
          buf = Arrays.copyOf(buf, Math.min(Observer.MAX_LINE, buf.length * 2));
          continue;
        }
        sink.chunk(new Observer.Chunk.Records(fileIndex, name, List.of(),
            List.of(new Malformed(name, line, offset, "line longer than " + Observer.MAX_LINE + " bytes")), 0));
        int c;
        long skipped = have;
        while ((c = in.read()) >= 0 && c != '\n') skipped++;
        offset += skipped + (c >= 0 ? 1 : 0);
        line++;
        have = 0;
        if (c < 0) break;
        continue;
      }
      byte[] data = Arrays.copyOf(buf, cut);
      long lines = count(data, cut);
      sink.chunk(new Observer.Chunk.Lines(fileIndex, name, parser, data, cut, line, offset));
      line += lines;
      offset += cut;
      System.arraycopy(buf, cut, buf, 0, have - cut);
      have -= cut;
      if (eof) break;
    }
  }

  private static int lastNewline(byte[] b, int n) {
    for (int i = n - 1; i >= 0; i--) if (b[i] == '\n') return i;
    return -1;
  }

  private static long count(byte[] b, int n) {
    long c = 0;
    for (int i = 0; i < n; i++) if (b[i] == '\n') c++;
    return c;
  }

  /** Collects decoded records into batches for the workers. */
  static final class Batcher implements RecordSink {
    private final int fileIndex;
    private final String file;
    private final Observer.ChunkSink sink;
    private List<LogRecord> records = new ArrayList<>(Observer.BATCH);
    private List<Malformed> malformed = new ArrayList<>();
    private long skipped;

    Batcher(int fileIndex, String file, Observer.ChunkSink sink) {
      this.fileIndex = fileIndex;
      this.file = file;
      this.sink = sink;
    }

    @Override
    public void record(LogRecord r) {
      records.add(r);
      if (records.size() >= Observer.BATCH) flush();
    }

    @Override
    public void malformed(Malformed m) {
      malformed.add(m);
      if (malformed.size() >= Observer.BATCH) flush();
    }

    @Override
    public void skipped() {
      skipped++;
    }

    void flush() {
      if (records.isEmpty() && malformed.isEmpty() && skipped == 0) return;
      sink.chunk(new Observer.Chunk.Records(fileIndex, file, records, malformed, skipped));
      records = new ArrayList<>(Observer.BATCH);
      malformed = new ArrayList<>();
      skipped = 0;
    }
  }
}
