package org.portolan.schema;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.portolan.diag.Diagnostics;
import org.portolan.diag.SourcePosition;

/**
 * A YAML file read into a Jackson tree that remembers where every node came from, so schema
 * errors and semantic errors can name file:line:column. Pointers are JSON pointers
 * ({@code /requirements/3/services/0}).
 */
public final class YamlDocument {
  /** Large generated sites (50,000+ hosts) exceed SnakeYAML's 3 MB default; 256 MB still bounds memory. */
  private static final int MAX_CODE_POINTS = 256 * 1024 * 1024;

  private static final YAMLFactory YAML = YAMLFactory.builder().loaderOptions(loaderOptions()).build();

  private static org.yaml.snakeyaml.LoaderOptions loaderOptions() {
    org.yaml.snakeyaml.LoaderOptions o = new org.yaml.snakeyaml.LoaderOptions();
    o.setCodePointLimit(MAX_CODE_POINTS);
    o.setMaxAliasesForCollections(50);
    return o;
  }
  /** Guards against YAML bombs and absurd nesting in user files. */
  private static final int MAX_DEPTH = 64;

  private final String file;
  private final JsonNode root;
  private final Positions positions;

  private YamlDocument(String file, JsonNode root, Positions positions) {
    this.file = file;
    this.root = root;
    this.positions = positions;
  }

  /**
   * Where a node and its children start, as a tree beside Jackson's: two packed longs per node
   * (line and column of its key, and of its value) and the children by field name or index.
   * Nothing is built per node but this: no JSON-pointer strings, no hash entries, no
   * {@link SourcePosition} until one is asked for — on a 50,000-host site that was two hash
   * maps of about 600,000 pointer strings each, more than the YAML tokenizer's own time.
   */
  private static final class Positions {
    static final Positions[] NONE = new Positions[0];
    final long key;
    final long value;
    String[] names; // field names of a mapping (null for a list or a scalar), in order; duplicates: the last wins
    Positions[] children = NONE;
    int size;

    Positions(long key, long value) {
      this.key = key;
      this.value = value;
    }

    void add(String name, Positions child) {
      if (size == children.length) {
        children = java.util.Arrays.copyOf(children, Math.max(4, size * 2));
        if (names != null) names = java.util.Arrays.copyOf(names, children.length);
      }
      if (names != null) names[size] = name;
      children[size++] = child;
    }

    /** The child at one pointer segment (unescaped), or null. */
    Positions child(String segment) {
      if (names != null) {
        for (int i = size - 1; i >= 0; i--) if (names[i].equals(segment)) return children[i];
        return null;
      }
      if (segment.isEmpty() || segment.length() > 9) return null;
      for (int i = 0; i < segment.length(); i++) if (segment.charAt(i) < '0' || segment.charAt(i) > '9') return null;
      int i = Integer.parseInt(segment);
      return i < size ? children[i] : null;
    }
  }

  private static long pack(JsonLocation loc) {
    return (long) Math.max(1, loc.getLineNr()) << 32 | Math.max(1, loc.getColumnNr());
  }

  private SourcePosition unpack(long packed) {
    return new SourcePosition(file, (int) (packed >>> 32), (int) packed);
  }

  public String file() {
    return file;
  }

  public JsonNode root() {
    return root;
  }

  /**
   * The longest line read. SnakeYAML copies its read window once per kilobyte of a token, so a
   * single long scalar costs time quadratic in its length (16 MB took 28 s); no deployment or
   * catalog line needs more than this, and the limit keeps reading linear in the file's size.
   */
  static final int MAX_LINE_CHARS = 256 * 1024;

  /** Parses {@code text}; syntax errors go to {@code d} with their position. */
  public static Optional<YamlDocument> parse(String text, String file, Diagnostics d) {
    if (!linesWithinLimit(text, file, d)) return Optional.empty();
    FastYaml.Tokens fast = FastYaml.tokens(text);
    try (Cursor p = fast != null ? new FastCursor(fast) : new JacksonCursor(YAML.createParser(text))) {
      JsonToken t = p.next();
      if (t == null) {
        d.error(SourcePosition.of(file), "empty file: expected a YAML mapping");
        return Optional.empty();
      }
      Reader reader = new Reader(p, file, d);
      long at = p.at();
      Positions top = new Positions(at, at);
      JsonNode root = reader.read(top, 0);
      if (root == null) return Optional.empty();
      if (p.next() != null) {
        d.error(new SourcePosition(file, (int) (p.at() >>> 32), (int) p.at()), "expected one YAML document, found more");
        return Optional.empty();
      }
      return Optional.of(new YamlDocument(file, root, top));
    } catch (JsonProcessingException e) {
      syntaxError(e, file, d);
      return Optional.empty();
    } catch (IOException | RuntimeException e) {
      d.error(SourcePosition.of(file), "YAML syntax: " + String.valueOf(e.getMessage()).strip());
      return Optional.empty();
    }
  }

  /** Whether {@code text} is read by {@link FastYaml} rather than by Jackson/SnakeYAML (for tests). */
  static boolean readFast(String text) {
    return FastYaml.tokens(text) != null;
  }

  /** The tokens the {@link Reader} walks: Jackson's YAML parser, or {@link FastYaml}'s tokens of the same text. */
  private interface Cursor extends AutoCloseable {
    /** The next token, or null at the end. */
    JsonToken next() throws IOException;

    JsonToken current();

    /** A field's name, or a scalar's text. */
    String text() throws IOException;

    /** The current token's line and column, packed. */
    long at();

    /** The anchor on the current token ({@code &name}), or null. */
    String anchor() throws IOException;

    boolean alias();

    Number number() throws IOException;

    /** Whether the current integer fits an int (Jackson's {@code NumberType.INT}). */
    boolean isInt() throws IOException;

    @Override
    void close() throws IOException;
  }

  private record JacksonCursor(JsonParser p) implements Cursor {
    public JsonToken next() throws IOException { return p.nextToken(); }
    public JsonToken current() { return p.currentToken(); }
    public String text() throws IOException { return p.currentToken() == JsonToken.FIELD_NAME ? p.currentName() : p.getText(); }
    public long at() { return pack(p.currentTokenLocation()); }
    public String anchor() throws IOException { return p.canReadObjectId() && p.getObjectId() instanceof String id ? id : null; }
    public boolean alias() { return p instanceof com.fasterxml.jackson.dataformat.yaml.YAMLParser y && y.isCurrentAlias(); }
    public Number number() throws IOException { return p.getNumberValue(); }
    public boolean isInt() throws IOException {
      if (p.getNumberType() == JsonParser.NumberType.INT) return true;
      p.getLongValue(); // out of a long's range: Jackson's error, as before
      return false;
    }
    public void close() throws IOException { p.close(); }
  }

  private static final class FastCursor implements Cursor {
    private final FastYaml.Tokens t;
    private int i = -1;

    FastCursor(FastYaml.Tokens t) {
      this.t = t;
    }

    public JsonToken next() { return ++i < t.size ? t.kind[i] : null; }
    public JsonToken current() { return i < t.size ? t.kind[i] : null; }
    public String text() { return t.text[i]; }
    public long at() { return i < t.size ? t.at[i] : t.at[t.size - 1]; }
    public String anchor() { return null; }
    public boolean alias() { return false; }
    public Number number() { return Long.parseLong(t.text[i]); }
    public boolean isInt() {
      long v = Long.parseLong(t.text[i]);
      return v == (int) v;
    }
    public void close() {}
  }

  private static boolean linesWithinLimit(String text, String file, Diagnostics d) {
    int line = 1, start = 0;
    for (int i = 0; i <= text.length(); i++) {
      if (i == text.length() || text.charAt(i) == '\n') {
        if (i - start > MAX_LINE_CHARS) {
          d.error(new SourcePosition(file, line, 1), "line " + line + " has " + (i - start) + " characters, more than the "
              + MAX_LINE_CHARS / 1024 + " KiB a line may have; split it (one list item or value per line)");
          return false;
        }
        line++;
        start = i + 1;
      }
    }
    return true;
  }

  /**
   * SnakeYAML's whole message, located at the problem (not at the construct that contains it),
   * with the usual cause when it is one: a tab, or an indentation step that does not line up.
   */
  private static void syntaxError(JsonProcessingException e, String file, Diagnostics d) {
    SourcePosition at = e.getLocation() == null ? SourcePosition.of(file) : pos(file, e.getLocation());
    String message = firstLine(String.valueOf(e.getOriginalMessage()));
    if (e.getCause() instanceof org.yaml.snakeyaml.error.MarkedYAMLException m) {
      if (m.getProblemMark() != null) at = new SourcePosition(file, m.getProblemMark().getLine() + 1, m.getProblemMark().getColumn() + 1);
      String problem = m.getProblem() == null ? "" : m.getProblem().strip();
      String context = m.getContext() == null ? "" : m.getContext().strip();
      String contextAt = m.getContextMark() == null ? "" : " (line " + (m.getContextMark().getLine() + 1) + ", column " + (m.getContextMark().getColumn() + 1) + ")";
      message = problem + (context.isEmpty() ? "" : ", " + context + contextAt);
    }
    d.error(at, "YAML syntax: " + message + hint(message));
  }

  private static String firstLine(String s) {
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }

  private static String hint(String message) {
    if (message.contains("\\t") || message.contains("\t")) return "; YAML does not allow tabs for indentation: indent with spaces";
    if (message.contains("expected <block end>") || message.contains("mapping values are not allowed") || message.contains("while parsing a block"))
      return "; the usual cause is indentation: the keys of one mapping and the items of one list must start in the same column (indent each level by the same number of spaces)";
    if (message.contains("found undefined alias")) return "; an alias *name needs an anchor &name before it";
    return "";
  }

  /**
   * Walks the parser into a tree, recording positions. Anchored mappings and lists are
   * remembered and aliases ({@code *name}) resolve to a copy of them, within a budget of copied
   * nodes (YAML bombs stay bounded). Jackson does not report anchors on single values, so an
   * alias of one is an error rather than the anchor's name read as the value. Integers must be written in decimal: YAML 1.1 reads {@code 010}
   * as octal 8 and {@code 1:30} as 90, which no user means in a port or an id.
   */
  private static final class Reader {
    private static final int MAX_ALIAS_NODES = 100_000;
    private final Cursor p;
    private final String file;
    private final Diagnostics d;
    private final Map<String, JsonNode> anchors = new HashMap<>();
    private int aliasNodes;

    Reader(Cursor p, String file, Diagnostics d) {
      this.p = p;
      this.file = file;
      this.d = d;
    }

    /** The node at the current token; {@code at} holds its positions and receives its children's. */
    JsonNode read(Positions at, int depth) throws IOException {
      if (depth > MAX_DEPTH) {
        d.error(here(at), "nesting deeper than " + MAX_DEPTH + " levels");
        return null;
      }
      String anchor = p.anchor();
      if (p.alias()) return alias(p.text(), here(at));
      JsonNode node = node(at, depth);
      if (node != null && anchor != null) anchors.put(anchor, node);
      return node;
    }

    private SourcePosition here(Positions at) {
      return new SourcePosition(file, (int) (at.value >>> 32), (int) at.value);
    }

    private JsonNode alias(String name, SourcePosition here) {
      JsonNode target = anchors.get(name);
      if (target == null) {
        d.error(here, "alias *" + name + " names no mapping or list anchored &" + name + " before it (aliases of single values are not read: write the value itself)");
        return null;
      }
      aliasNodes += count(target);
      if (aliasNodes > MAX_ALIAS_NODES) {
        d.error(here, "aliases expand to more than " + MAX_ALIAS_NODES + " nodes; write the values out");
        return null;
      }
      return target.deepCopy();
    }

    private static int count(JsonNode n) {
      int c = 1;
      for (JsonNode child : n) c += count(child);
      return c;
    }

    private JsonNode node(Positions at, int depth) throws IOException {
      JsonNodeFactory f = JsonNodeFactory.instance;
      JsonToken t = p.current();
      switch (t) {
        case START_OBJECT -> {
          ObjectNode o = f.objectNode();
          at.names = new String[0];
          while (p.next() == JsonToken.FIELD_NAME) {
            String name = p.text();
            long keyAt = p.at();
            if (o.has(name)) d.error(new SourcePosition(file, (int) (keyAt >>> 32), (int) keyAt), "duplicate key '" + name + "'");
            p.next();
            Positions child = new Positions(keyAt, p.at());
            at.add(name, child);
            JsonNode v = read(child, depth + 1);
            if (v == null) return null;
            o.set(name, v);
          }
          return o;
        }
        case START_ARRAY -> {
          ArrayNode a = f.arrayNode();
          while (p.next() != JsonToken.END_ARRAY) {
            long itemAt = p.at();
            Positions child = new Positions(itemAt, itemAt);
            at.add(null, child);
            JsonNode v = read(child, depth + 1);
            if (v == null) return null;
            a.add(v);
          }
          return a;
        }
        case VALUE_STRING -> { return f.textNode(p.text()); }
        case VALUE_NUMBER_INT -> {
          String raw = p.text().strip();
          if (!DECIMAL.matcher(raw).matches()) {
            d.error(here(at), "'" + raw + "' is not a decimal integer (YAML 1.1 reads it as " + p.number()
                + "); write it in decimal without leading zeros, or quote it if it is text");
            return null;
          }
          long v = p.number().longValue();
          return p.isInt() ? f.numberNode((int) v) : f.numberNode(v);
        }
        case VALUE_NUMBER_FLOAT -> { return f.textNode(p.text()); }
        case VALUE_TRUE -> { return f.booleanNode(true); }
        case VALUE_FALSE -> { return f.booleanNode(false); }
        case VALUE_NULL -> { return f.nullNode(); }
        default -> {
          d.error(here(at), "unexpected YAML token " + t);
          return null;
        }
      }
    }
  }

  private static final java.util.regex.Pattern DECIMAL = java.util.regex.Pattern.compile("[-+]?(0|[1-9][0-9]*)");

  private static SourcePosition pos(String file, JsonLocation loc) {
    return new SourcePosition(file, Math.max(1, loc.getLineNr()), Math.max(1, loc.getColumnNr()));
  }

  static String escape(String name) {
    return name.replace("~", "~0").replace("/", "~1");
  }

  /** Where the value at {@code pointer} starts (its key when it is a mapping entry), or the nearest parent. */
  public SourcePosition at(String pointer) {
    return unpack(nearest(pointer).key);
  }

  /** Where the scalar value at {@code pointer} itself starts (for offsets inside it). */
  public SourcePosition valueAt(String pointer) {
    return unpack(nearest(pointer).value);
  }

  /** The deepest node on {@code pointer}'s path that the document has. */
  private Positions nearest(String pointer) {
    Positions at = positions;
    int i = pointer.startsWith("/") ? 1 : pointer.length() + 1;
    while (i <= pointer.length()) {
      int end = pointer.indexOf('/', i);
      if (end < 0) end = pointer.length();
      Positions child = at.child(unescape(pointer.substring(i, end)));
      if (child == null) return at;
      at = child;
      i = end + 1;
    }
    return at;
  }

  private static String unescape(String segment) {
    return segment.indexOf('~') < 0 ? segment : segment.replace("~1", "/").replace("~0", "~");
  }
}
