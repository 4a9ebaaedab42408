package org.portolan.diag;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads a user's text file (deployment, catalog entry, flows CSV, ruleset) as UTF-8, the one
 * encoding Portolan reads. A byte-order mark (what Excel and Notepad write) is dropped, not
 * kept as an invisible first character; bytes that are not UTF-8 are an input error at their
 * line, column and byte offset, never a runtime failure.
 */
public final class SourceText {
  private SourceText() {}

  /** The file's text; {@link InvalidInputException} when it is not UTF-8. */
  public static String read(Path file, String what) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + what + " " + file + ": " + e.getMessage(), e);
    }
    return decode(bytes, file.toString());
  }

  /** Decodes {@code bytes} as UTF-8 for {@code file}, dropping a leading byte-order mark. */
  public static String decode(byte[] bytes, String file) {
    int start = bytes.length >= 3 && (bytes[0] & 0xff) == 0xEF && (bytes[1] & 0xff) == 0xBB && (bytes[2] & 0xff) == 0xBF ? 3 : 0;
    CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes, start, bytes.length - start);
    CharBuffer out = CharBuffer.allocate(bytes.length - start);
    CoderResult r = decoder.decode(in, out, true);
    if (r.isError()) throw notUtf8(bytes, in.position(), file);
    r = decoder.flush(out);
    if (r.isError()) throw notUtf8(bytes, in.position(), file);
    return out.flip().toString();
  }

  private static InvalidInputException notUtf8(byte[] bytes, int offset, String file) {
    int line = 1, column = 1;
    for (int i = 0; i < offset; i++) {
      if (bytes[i] == '\n') {
        line++;
        column = 1;
      } else if ((bytes[i] & 0xC0) != 0x80) {
        column++;
      }
    }
    return new InvalidInputException(new SourcePosition(file, line, column), String.format(
        "not UTF-8: byte 0x%02X at byte offset %d; save the file as UTF-8 (it looks like %s)",
        bytes[offset] & 0xff, offset, guess(bytes)));
  }

  private static String guess(byte[] bytes) {
    if (bytes.length >= 2 && ((bytes[0] & 0xff) == 0xFF && (bytes[1] & 0xff) == 0xFE || (bytes[0] & 0xff) == 0xFE && (bytes[1] & 0xff) == 0xFF))
      return "UTF-16, which Windows tools write as \"Unicode\"";
    return "Latin-1 or Windows-1252";
  }


  /**
   * The lines of {@code text} without their breaks ({@code \r\n}, {@code \n} or a lone {@code \r}),
   * a last empty one after a final break: {@code text.split("\r?\n|\r", -1)}, without the regex
   * (which took a tenth of a cold 10,000-line ruleset import).
   */
  public static String[] lines(String text) {
    java.util.ArrayList<String> out = new java.util.ArrayList<>();
    int start = 0, n = text.length();
    for (int i = 0; i < n; i++) {
      char c = text.charAt(i);
      if (c != '\n' && c != '\r') continue;
      out.add(text.substring(start, i));
      if (c == '\r' && i + 1 < n && text.charAt(i + 1) == '\n') i++;
      start = i + 1;
    }
    out.add(text.substring(start));
    return out.toArray(String[]::new);
  }
}
