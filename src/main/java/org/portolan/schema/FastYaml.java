package org.portolan.schema;

import com.fasterxml.jackson.core.JsonToken;
import java.util.Arrays;
import org.yaml.snakeyaml.nodes.NodeId;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * The token stream Jackson's YAML parser gives for a plain subset of YAML, read in one pass
 * over the text: block mappings and lists by indentation, one-line flow lists and mappings,
 * one-line plain, single- and double-quoted (without escapes) scalars, comments.
 *
 * <p>Hand-written because the benchmark proved it must be (BENCHMARKS.md, "Plan of 50,000
 * hosts, under 2 s"): SnakeYAML's scanner, parser and Jackson's event adapter take about a
 * second of a cold process for a 3.4 MB deployment of 50,000 hosts (a warm plain Jackson tree
 * 0.44 s), more than the whole goal leaves; this reader takes a tenth of that. It is no YAML
 * parser of its own: anything outside the subset — anchors, aliases, tags, block scalars,
 * multi-line scalars or flow collections, escapes, empty values, document markers, tabs,
 * control characters, a key longer than SnakeYAML's 1,024, an indentation that does not line
 * up, any syntax error — makes {@link #tokens} answer {@code null}, and the caller reads the
 * text with Jackson/SnakeYAML, so every error and its message stay SnakeYAML's. Scalars are
 * typed by SnakeYAML's own {@link Resolver} and decoded as Jackson's {@code YAMLParser} does
 * (an integer only in plain decimal; anything else falls back too). Positions are Jackson's:
 * a block mapping at its first key, a block list at its first {@code -}, a flow collection at
 * its bracket, a scalar at its first character (the quote of a quoted one).
 * {@code FastYamlTest} checks token for token against Jackson on real and mutated files.
 */
final class FastYaml {
  private static final Resolver RESOLVER = new Resolver();
  /** Below SnakeYAML's default nesting limit (50), so a deep document is SnakeYAML's to refuse. */
  private static final int MAX_DEPTH = 40;
  /** SnakeYAML's limit on a simple key's length. */
  private static final int MAX_KEY = 1024;

  /** The tokens of a document: kind, packed line/column, text (field name or scalar). */
  static final class Tokens {
    JsonToken[] kind = new JsonToken[1024];
    long[] at = new long[1024];
    String[] text = new String[1024];
    int size;

    void add(JsonToken k, int line, int column, String t) {
      if (size == kind.length) {
        int n = size * 2;
        kind = Arrays.copyOf(kind, n);
        at = Arrays.copyOf(at, n);
        text = Arrays.copyOf(text, n);
      }
      kind[size] = k;
      at[size] = (long) line << 32 | column;
      text[size++] = t;
    }
  }

  /** Thrown to leave the subset; never escapes {@link #tokens}. */
  private static final class Outside extends Exception {
    Outside() {
      super(null, null, false, false);
    }
  }

  private static final Outside OUTSIDE = new Outside();

  private final String s;
  private final int n;
  private final Tokens out = new Tokens();
  private int pos; // the next character
  private int line = 1; // of pos
  private int lineStart; // index of the current line's first character
  private int indent = -1; // indentation of the content line at pos, -1 at the end

  private FastYaml(String s) {
    this.s = s;
    this.n = s.length();
  }

  /** The document's tokens, or null when the text is outside the subset (read it with Jackson). */
  static Tokens tokens(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < 0x20 && c != '\n' || c >= 0x7f && c <= 0x9f || c >= 0xd800 || c == '\u2028' || c == '\u2029') return null;
    }
    FastYaml y = new FastYaml(text);
    try {
      y.nextContentLine();
      if (y.indent != 0 || !y.keyAhead(y.pos)) return null;
      y.blockMapping(0, 1);
      return y.indent == -1 ? y.out : null;
    } catch (Outside e) {
      return null;
    }
  }

  private int column(int at) {
    return at - lineStart + 1;
  }

  private char at(int i) {
    return i < n ? s.charAt(i) : '\n';
  }

  /** From the start of a line (or the end of a previous one), to the next line with content. */
  private void nextContentLine() throws Outside {
    while (pos < n) {
      if (pos == lineStart && (s.startsWith("---", pos) || s.startsWith("...", pos) || s.charAt(pos) == '%')) throw OUTSIDE;
      int i = pos;
      while (i < n && s.charAt(i) == ' ') i++;
      char c = at(i);
      if (c != '\n' && c != '#') {
        indent = i - pos;
        pos = i;
        return;
      }
      int end = s.indexOf('\n', i);
      if (end < 0) {
        pos = n;
        break;
      }
      pos = end + 1;
      line++;
      lineStart = pos;
    }
    indent = -1;
  }

  /** After a value: spaces, then an optional comment (after a space), then the line's end. */
  private void endOfLine() throws Outside {
    while (at(pos) == ' ') pos++;
    if (pos < n && s.charAt(pos) == '#') {
      if (s.charAt(pos - 1) != ' ') throw OUTSIDE;
      int end = s.indexOf('\n', pos);
      pos = end < 0 ? n : end;
    }
    if (pos < n && s.charAt(pos) != '\n') throw OUTSIDE;
    if (pos < n) {
      pos++;
      line++;
      lineStart = pos;
    }
    nextContentLine();
  }

  /** Whether a key (a one-line scalar followed by ': ' or ':' at the line's end) starts at {@code i}. */
  private boolean keyAhead(int i) {
    char c = at(i);
    if (c == '[' || c == '{') return false;
    if (c == '"' || c == '\'') {
      int close = s.indexOf(c, i + 1);
      int eol = s.indexOf('\n', i);
      if (close < 0 || eol >= 0 && close > eol) return false;
      if (c == '\'') while (at(close + 1) == '\'') {
        close = s.indexOf('\'', close + 2);
        if (close < 0 || eol >= 0 && close > eol) return false;
      }
      return at(close + 1) == ':' && (at(close + 2) == ' ' || at(close + 2) == '\n');
    }
    int eol = s.indexOf('\n', i);
    if (eol < 0) eol = n;
    int colon = -1;
    for (int k = s.indexOf(':', i, eol); k >= 0; k = s.indexOf(':', k + 1, eol)) {
      if (k + 1 == eol || s.charAt(k + 1) == ' ') {
        colon = k;
        break;
      }
    }
    if (colon < 0) return false;
    for (int h = s.indexOf('#', Math.min(i + 1, colon), colon); h >= 0; h = s.indexOf('#', h + 1, colon)) if (s.charAt(h - 1) == ' ') return false;
    return true;
  }

  /** A block mapping whose first key is at pos, in column {@code ind} + 1. */
  private void blockMapping(int ind, int depth) throws Outside {
    if (depth > MAX_DEPTH) throw OUTSIDE;
    out.add(JsonToken.START_OBJECT, line, column(pos), null);
    while (true) {
      int keyLine = line, keyColumn = column(pos);
      String key = scalarKey();
      if (key.length() > MAX_KEY) throw OUTSIDE;
      out.add(JsonToken.FIELD_NAME, keyLine, keyColumn, key);
      pos++; // ':'
      char c = afterIndicator();
      if (c == '\n') {
        if (indent > ind) blockNode(indent, depth + 1);
        else if (indent == ind && dashAhead()) blockSequence(ind, depth + 1);
        else throw OUTSIDE; // an empty value
      } else if (c == '|' || c == '>') {
        blockScalar(ind);
      } else {
        inlineValue(depth + 1);
        endOfLine();
      }
      if (indent < ind) break; // includes the end (-1)
      if (indent > ind || dashAhead() || !keyAhead(pos)) throw OUTSIDE;
    }
    out.add(JsonToken.END_OBJECT, line, 0, null);
  }

  /**
   * After a key's ':' or an item's '-': the first character of the value on the same line, or
   * '\n' when there is none (then pos is at the next content line).
   */
  private char afterIndicator() throws Outside {
    while (at(pos) == ' ') pos++;
    char c = at(pos);
    if (c != '\n' && c != '#') return c;
    if (c == '#' && s.charAt(pos - 1) != ' ') throw OUTSIDE;
    endOfLine();
    return '\n';
  }

  private boolean dashAhead() {
    return at(pos) == '-' && (at(pos + 1) == ' ' || at(pos + 1) == '\n');
  }

  /** A mapping or a list starting on a line of its own. */
  private void blockNode(int ind, int depth) throws Outside {
    if (dashAhead()) blockSequence(ind, depth);
    else if (keyAhead(pos)) blockMapping(ind, depth);
    else throw OUTSIDE;
  }

  /** A block list whose first '-' is at pos, in column {@code ind} + 1. */
  private void blockSequence(int ind, int depth) throws Outside {
    if (depth > MAX_DEPTH) throw OUTSIDE;
    out.add(JsonToken.START_ARRAY, line, column(pos), null);
    while (true) {
      pos++; // '-'
      char c = afterIndicator();
      if (c == '\n') {
        if (indent > ind) blockNode(indent, depth + 1);
        else throw OUTSIDE; // an empty item
      } else if (dashAhead()) {
        throw OUTSIDE; // a list in a list on one line
      } else if (keyAhead(pos)) {
        blockMapping(pos - lineStart, depth + 1);
      } else if (c == '|' || c == '>') {
        blockScalar(ind);
      } else {
        inlineValue(depth + 1);
        endOfLine();
      }
      if (indent < ind || indent == ind && !dashAhead()) break; // the end, or an indentless list's end
      if (indent > ind) throw OUTSIDE;
    }
    out.add(JsonToken.END_ARRAY, line, 0, null);
  }

  /**
   * A literal ({@code |}, {@code |-}) or folded ({@code >}, {@code >-}) block scalar at pos,
   * the value of a collection indented by {@code ind}, through its last line: its lines are
   * those indented at least as much as its first (which must have content), joined as
   * SnakeYAML's scanner joins them. Keeping the final line breaks ({@code +}) and an explicit
   * indentation are outside.
   */
  private void blockScalar(int ind) throws Outside {
    int startLine = line, startColumn = column(pos);
    boolean folded = s.charAt(pos++) == '>';
    boolean strip = at(pos) == '-';
    if (strip) pos++;
    if (at(pos) != ' ' && at(pos) != '\n') throw OUTSIDE;
    while (at(pos) == ' ') pos++;
    if (at(pos) == '#') {
      if (s.charAt(pos - 1) != ' ') throw OUTSIDE;
      int end = s.indexOf('\n', pos);
      pos = end < 0 ? n : end;
    }
    if (pos >= n) throw OUTSIDE;
    pos++;
    line++;
    lineStart = pos;
    int blockIndent = 0;
    while (at(pos + blockIndent) == ' ') blockIndent++;
    if (at(pos + blockIndent) == '\n' || blockIndent <= ind) throw OUTSIDE;
    pos += blockIndent;
    StringBuilder chunks = new StringBuilder();
    int breaks = 0; // empty lines since the last content line
    String lineBreak;
    while (true) {
      chunks.repeat('\n', breaks);
      boolean leadingNonSpace = at(pos) != ' ';
      int end = s.indexOf('\n', pos);
      if (end < 0) end = n;
      chunks.append(s, pos, end);
      pos = end;
      lineBreak = pos < n ? "\n" : "";
      if (pos < n) {
        pos++;
        line++;
        lineStart = pos;
      }
      breaks = 0;
      while (true) { // the empty lines after it
        while (pos - lineStart < blockIndent && at(pos) == ' ') pos++;
        if (pos >= n || s.charAt(pos) != '\n') break;
        breaks++;
        pos++;
        line++;
        lineStart = pos;
      }
      if (pos - lineStart != blockIndent || pos >= n) break;
      if (folded && !lineBreak.isEmpty() && leadingNonSpace && at(pos) != ' ') {
        if (breaks == 0) chunks.append(' ');
      } else {
        chunks.append(lineBreak);
      }
    }
    if (!strip) chunks.append(lineBreak);
    out.add(JsonToken.VALUE_STRING, startLine, startColumn, chunks.toString());
    pos = lineStart;
    nextContentLine();
  }

  /** A value on the key's or the dash's line: a flow collection or a scalar. */
  private void inlineValue(int depth) throws Outside {
    char c = s.charAt(pos);
    if (c == '[' || c == '{') flowNode(depth);
    else if (c == '"' || c == '\'') out.add(JsonToken.VALUE_STRING, line, column(pos), quoted());
    else {
      int start = pos;
      String v = plain(false);
      scalar(v, start);
    }
  }

  /** A key at pos (known to be one by {@link #keyAhead}); leaves pos at its ':'. */
  private String scalarKey() throws Outside {
    char c = s.charAt(pos);
    if (c == '"' || c == '\'') return quoted();
    String k = plain(false);
    if (at(pos) != ':') throw OUTSIDE;
    return k;
  }

  /**
   * A plain scalar: in a block, up to ': ', a ':' at the line's end, ' #' or the line's end;
   * in a flow, also up to ',', ']' or '}' (a ':' before another character, as in
   * {@code set:wmi-dcom}, is part of it). Trailing spaces are not part of it. What would make
   * it span lines, start with an indicator or hold a flow indicator is outside.
   */
  private String plain(boolean flow) throws Outside {
    int start = pos;
    char c = s.charAt(pos);
    if ("?:,[]{}#&*!|>'\"%@`".indexOf(c) >= 0 || c == '-' && (at(pos + 1) == ' ' || at(pos + 1) == '\n')) throw OUTSIDE;
    if (!flow) return plainInBlock();
    int end = pos;
    while (true) {
      c = at(pos);
      if (c == '\n') break;
      if (c == ':' && (at(pos + 1) == ' ' || at(pos + 1) == '\n')) break;
      if (c == '#' && s.charAt(pos - 1) == ' ') break;
      if (c == ',' || c == ']' || c == '}') break;
      if (c == '[' || c == '{' || c == '?' || c == '#') throw OUTSIDE;
      if (c == ':' && ",[]{}".indexOf(at(pos + 1)) >= 0) throw OUTSIDE;
      pos++;
      if (c != ' ') end = pos;
    }
    return s.substring(start, end);
  }

  /** {@link #plain} in a block: the line's end, ': ', a ':' at the end and ' #' found with indexOf (long lines). */
  private String plainInBlock() {
    int start = pos;
    int eol = s.indexOf('\n', pos);
    if (eol < 0) eol = n;
    int end = eol;
    for (int c = s.indexOf(':', pos, eol); c >= 0; c = s.indexOf(':', c + 1, eol)) {
      if (c + 1 == eol || s.charAt(c + 1) == ' ') {
        end = c;
        break;
      }
    }
    for (int h = s.indexOf('#', pos, end); h >= 0; h = s.indexOf('#', h + 1, end)) {
      if (s.charAt(h - 1) == ' ') {
        end = h;
        break;
      }
    }
    pos = end;
    while (end > start && s.charAt(end - 1) == ' ') end--;
    return s.substring(start, end);
  }

  /** A quoted scalar closed on its line; a double-quoted one without escapes ('' is a quote in a single-quoted one). */
  private String quoted() throws Outside {
    char q = s.charAt(pos);
    int i = pos + 1, from = i;
    StringBuilder b = null;
    while (true) {
      char c = at(i);
      if (c == '\n' || q == '"' && c == '\\') throw OUTSIDE;
      if (c == q) {
        if (q == '"' || at(i + 1) != '\'') break;
        if (b == null) b = new StringBuilder();
        b.append(s, from, i + 1);
        i += 2;
        from = i;
        continue;
      }
      i++;
    }
    String v = b == null ? s.substring(from, i) : b.append(s, from, i).toString();
    pos = i + 1;
    return v;
  }

  /** One-line flow list or mapping at pos. */
  private void flowNode(int depth) throws Outside {
    if (depth > MAX_DEPTH) throw OUTSIDE;
    char open = s.charAt(pos);
    char close = open == '[' ? ']' : '}';
    out.add(open == '[' ? JsonToken.START_ARRAY : JsonToken.START_OBJECT, line, column(pos), null);
    pos++;
    spaces();
    if (at(pos) == close) {
      pos++;
      out.add(open == '[' ? JsonToken.END_ARRAY : JsonToken.END_OBJECT, line, 0, null);
      return;
    }
    while (true) {
      if (open == '{') {
        int keyLine = line, keyColumn = column(pos);
        char c = at(pos);
        String key = c == '"' || c == '\'' ? quoted() : plain(true);
        if (key.length() > MAX_KEY || at(pos) != ':' || at(pos + 1) != ' ') throw OUTSIDE;
        out.add(JsonToken.FIELD_NAME, keyLine, keyColumn, key);
        pos++;
        spaces();
      }
      flowValue(depth + 1);
      spaces();
      char c = at(pos);
      if (c == close) {
        pos++;
        break;
      }
      if (c != ',') throw OUTSIDE;
      pos++;
      spaces();
      if (at(pos) == close || at(pos) == ',') throw OUTSIDE;
    }
    out.add(open == '[' ? JsonToken.END_ARRAY : JsonToken.END_OBJECT, line, 0, null);
  }

  private void spaces() {
    while (at(pos) == ' ') pos++;
  }

  private void flowValue(int depth) throws Outside {
    char c = at(pos);
    if (c == '[' || c == '{') flowNode(depth);
    else if (c == '"' || c == '\'') {
      out.add(JsonToken.VALUE_STRING, line, column(pos), quoted());
    } else if (c == '\n' || c == ',' || c == ']' || c == '}') {
      throw OUTSIDE; // an empty entry, or a collection spanning lines
    } else {
      int start = pos;
      String v = plain(true);
      if (at(pos) == ':') throw OUTSIDE; // a single-pair mapping inside a flow list
      scalar(v, start);
    }
  }

  /** A plain scalar typed as Jackson's YAMLParser types it, or outside when Jackson would not give a plain decimal. */
  private void scalar(String v, int start) throws Outside {
    if (v.isEmpty()) throw OUTSIDE;
    int column = column(start);
    Tag tag = RESOLVER.resolve(NodeId.scalar, v, true);
    if (tag == Tag.STR) out.add(JsonToken.VALUE_STRING, line, column, v);
    else if (tag == Tag.INT) {
      if (!decimal(v)) throw OUTSIDE;
      out.add(JsonToken.VALUE_NUMBER_INT, line, column, v);
    } else if (tag == Tag.FLOAT) out.add(JsonToken.VALUE_NUMBER_FLOAT, line, column, v);
    else if (tag == Tag.BOOL) {
      switch (v.toLowerCase(java.util.Locale.ROOT)) {
        case "true", "yes", "on" -> out.add(JsonToken.VALUE_TRUE, line, column, v);
        case "false", "no", "off" -> out.add(JsonToken.VALUE_FALSE, line, column, v);
        default -> throw OUTSIDE;
      }
    } else if (tag == Tag.NULL) out.add(JsonToken.VALUE_NULL, line, column, v);
    else throw OUTSIDE; // timestamps, merge keys: Jackson's to decide
  }

  /** [-+]?(0|[1-9][0-9]*) with at most 18 digits (a long, as Jackson decodes it). */
  private static boolean decimal(String v) {
    int i = v.charAt(0) == '-' || v.charAt(0) == '+' ? 1 : 0;
    if (i == v.length() || v.length() - i > 18) return false;
    if (v.charAt(i) == '0') return v.length() == i + 1;
    for (; i < v.length(); i++) if (v.charAt(i) < '0' || v.charAt(i) > '9') return false;
    return true;
  }
}
