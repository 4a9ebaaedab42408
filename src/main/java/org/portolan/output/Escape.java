package org.portolan.output;

/**
 * Escaping for HTML and XML text (hand-written: a handful of characters, no library needed).
 *
 * <p>XML 1.0 allows only tab, line feed, carriage return, U+0020-U+D7FF, U+E000-U+FFFD and
 * properly paired surrogates; any other character cannot be written at all, not even as a
 * character reference. {@link #xml} and {@link #xmlAttribute} replace those with U+FFFD, so
 * the document always parses; {@code ]]>} cannot appear because {@code >} is escaped.
 */
public final class Escape {
  private Escape() {}

  /** The replacement for a character XML cannot carry. */
  public static final char REPLACEMENT = '\uFFFD';

  /** HTML text or a quoted attribute value: {@code & < > " '} escaped; control characters but tab and line feed become a blank. */
  public static String html(String s) {
    if (s == null) return "";
    StringBuilder b = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '&' -> b.append("&amp;");
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '"' -> b.append("&quot;");
        case '\'' -> b.append("&#39;");
        default -> b.append(c < 0x20 && c != '\n' && c != '\t' ? ' ' : c);
      }
    }
    return b.toString();
  }

  /** XML character data: markup characters escaped, characters XML 1.0 forbids replaced by U+FFFD; line ends kept. */
  public static String xml(String s) {
    return xml(s, false);
  }

  /**
   * An XML attribute value in double or single quotes: as {@link #xml}, and tab, line feed and
   * carriage return as character references so a parser does not fold them into blanks.
   */
  public static String xmlAttribute(String s) {
    return xml(s, true);
  }

  private static String xml(String s, boolean attribute) {
    if (s == null) return "";
    StringBuilder b = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '&' -> b.append("&amp;");
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '"' -> b.append("&quot;");
        case '\'' -> b.append("&apos;");
        case '\t' -> b.append(attribute ? "&#9;" : "\t");
        case '\n' -> b.append(attribute ? "&#10;" : "\n");
        case '\r' -> b.append("&#13;"); // a raw CR would be normalised away by the parser
        default -> {
          if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
            b.append(c).append(s.charAt(++i));
          } else if (c < 0x20 || Character.isSurrogate(c) || c == '\uFFFE' || c == '\uFFFF') {
            b.append(REPLACEMENT);
          } else {
            b.append(c);
          }
        }
      }
    }
    return b.toString();
  }
}
