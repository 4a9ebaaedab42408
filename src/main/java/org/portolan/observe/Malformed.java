package org.portolan.observe;

/**
 * A record a reader could not read: which file, the line (or record) number, the byte offset
 * of its start (in the decompressed stream for gzip; -1 when the format has no byte offsets,
 * such as Parquet rows) and what was expected.
 */
public record Malformed(String file, long line, long offset, String reason) implements java.io.Serializable {
  public Malformed {
    if (line < 0) throw new IllegalArgumentException("line numbers start at 1 (0: the whole file)");
  }

  public String position() {
    return file + (line > 0 ? ":" + line : "") + (offset >= 0 ? " (byte " + offset + ")" : "");
  }
}
