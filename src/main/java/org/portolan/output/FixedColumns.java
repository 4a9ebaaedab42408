package org.portolan.output;

import java.util.List;

/**
 * Columns of fixed width for tables written row by row as results arrive (a capture being
 * read), where the widest cell is not known in advance. A cell wider than its column pushes
 * the rest of the line right, as {@code printf("%-8s")} does; the last column is free.
 */
public final class FixedColumns {
  /** One column: its width, whether text is right-aligned, and the blanks before it (ignored for the first). */
  public record Column(int width, boolean right, int gap) {
    public Column {
      if (width < 0 || gap < 0) throw new IllegalArgumentException("negative width or gap");
    }
  }

  private final List<Column> columns;

  private FixedColumns(List<Column> columns) {
    if (columns.isEmpty()) throw new IllegalArgumentException("no columns");
    this.columns = List.copyOf(columns);
  }

  public static FixedColumns of(Column... columns) {
    return new FixedColumns(List.of(columns));
  }

  /** Left-aligned, one blank before it. */
  public static Column left(int width) {
    return new Column(width, false, 1);
  }

  public static Column right(int width) {
    return new Column(width, true, 1);
  }

  /** The free last column (width 0), {@code gap} blanks before it. */
  public static Column rest(int gap) {
    return new Column(0, false, gap);
  }

  /** One line, without its line end; trailing blanks are kept only inside the padding of earlier columns. */
  public String line(Object... cells) {
    if (cells.length != columns.size()) throw new IllegalArgumentException("expected " + columns.size() + " cells, got " + cells.length);
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < cells.length; i++) {
      Column c = columns.get(i);
      String s = String.valueOf(cells[i]);
      if (i > 0) b.append(" ".repeat(c.gap()));
      int pad = Math.max(0, c.width() - s.length());
      if (c.right()) b.append(" ".repeat(pad)).append(s);
      else b.append(s).append(i == cells.length - 1 ? "" : " ".repeat(pad));
    }
    return b.toString();
  }
}
