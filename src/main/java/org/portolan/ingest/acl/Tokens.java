package org.portolan.ingest.acl;

import java.util.ArrayList;
import java.util.List;

/** Splits a config line into words, honouring double quotes and backslash escapes inside them. */
public final class Tokens {
  private Tokens() {}

  /** A word and its 1-based column. */
  public record Token(String text, int column) {}

  /** Words of {@code line}; an unterminated quote ends at the end of the line. */
  public static List<Token> split(String line) {
    List<Token> out = new ArrayList<>();
    int i = 0, n = line.length();
    while (i < n) {
      char c = line.charAt(i);
      if (Character.isWhitespace(c)) { i++; continue; }
      int start = i;
      StringBuilder sb = new StringBuilder();
      boolean quoted = false;
      while (i < n) {
        c = line.charAt(i);
        if (quoted) {
          if (c == '\\' && i + 1 < n) { sb.append(line.charAt(i + 1)); i += 2; continue; }
          if (c == '"') { quoted = false; i++; continue; }
          sb.append(c);
          i++;
        } else {
          if (Character.isWhitespace(c)) break;
          if (c == '"') { quoted = true; i++; continue; }
          sb.append(c);
          i++;
        }
      }
      out.add(new Token(sb.toString(), start + 1));
    }
    return out;
  }
}
