package org.portolan.output;

import java.util.ArrayList;
import java.util.List;

/**
 * Plain-text tables for terminals: columns padded to their widest cell, two spaces between
 * columns, trailing blanks cut, and (unless {@link #withoutRule()}) a rule under the header.
 * The whole table is known before it is drawn; for rows written as they arrive use
 * {@link FixedColumns}.
 */
public final class TextTable {
  private final List<String> header;
  private final List<List<String>> rows = new ArrayList<>();
  private boolean rule = true;

  public TextTable(String... header) {
    if (header.length == 0) throw new IllegalArgumentException("a table needs at least one column");
    this.header = List.of(header);
  }

  /** No dashed line under the header. */
  public TextTable withoutRule() {
    rule = false;
    return this;
  }

  public TextTable row(String... cells) {
    if (cells.length != header.size()) throw new IllegalArgumentException("expected " + header.size() + " cells, got " + cells.length);
    rows.add(List.of(cells));
    return this;
  }

  public int size() {
    return rows.size();
  }

  /** {@code text} cut to at most {@code width} characters, ending in "..." when cut. */
  public static String cut(String text, int width) {
    if (width < 4) throw new IllegalArgumentException("width " + width + " leaves no room for text and \"...\"");
    return text.length() <= width ? text : text.substring(0, width - 3) + "...";
  }

  public String render() {
    int[] width = new int[header.size()];
    for (int i = 0; i < width.length; i++) width[i] = header.get(i).length();
    for (List<String> r : rows) for (int i = 0; i < width.length; i++) width[i] = Math.max(width[i], r.get(i).length());
    StringBuilder b = new StringBuilder();
    line(b, header, width);
    if (rule) {
      List<String> dashes = new ArrayList<>();
      for (int w : width) dashes.add("-".repeat(w));
      line(b, dashes, width);
    }
    for (List<String> r : rows) line(b, r, width);
    return b.toString();
  }

  private static void line(StringBuilder b, List<String> cells, int[] width) {
    StringBuilder l = new StringBuilder();
    for (int i = 0; i < cells.size(); i++) {
      if (i > 0) l.append("  ");
      l.append(cells.get(i));
      if (i < cells.size() - 1) l.append(" ".repeat(width[i] - cells.get(i).length()));
    }
    b.append(l.toString().stripTrailing()).append('\n');
  }
}
