package org.portolan.render;

import java.util.ArrayList;
import java.util.List;

/** Plain-text tables for terminals: columns padded to their widest cell, a rule under the header. */
public final class TextTable {
  private final List<String> header;
  private final List<List<String>> rows = new ArrayList<>();

  public TextTable(String... header) {
    this.header = List.of(header);
  }

  public TextTable row(String... cells) {
    if (cells.length != header.size()) throw new IllegalArgumentException("expected " + header.size() + " cells, got " + cells.length);
    rows.add(List.of(cells));
    return this;
  }

  /** {@code text} cut to at most {@code width} characters, ending in "..." when cut. */
  public static String cut(String text, int width) {
    return text.length() <= width ? text : text.substring(0, width - 3) + "...";
  }

  public String render() {
    int[] width = new int[header.size()];
    for (int i = 0; i < width.length; i++) width[i] = header.get(i).length();
    for (List<String> r : rows) for (int i = 0; i < width.length; i++) width[i] = Math.max(width[i], r.get(i).length());
    StringBuilder b = new StringBuilder();
    line(b, header, width);
    List<String> rule = new ArrayList<>();
    for (int w : width) rule.add("-".repeat(w));
    line(b, rule, width);
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
