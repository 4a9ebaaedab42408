package org.portolan.model;

/**
 * Where a requirement comes from: the vendor document, the table in it, the row as the
 * document labels it, and the line in the document (0 when unknown).
 */
public record Provenance(String document, String table, String row, int line) {
  public static final Provenance NONE = new Provenance("", "", "", 0);

  public Provenance {
    document = document == null ? "" : document;
    table = table == null ? "" : table;
    row = row == null ? "" : row;
    if (line < 0) throw new IllegalArgumentException("line must be >= 0");
  }

  public String notation() {
    StringBuilder b = new StringBuilder(document);
    if (line > 0) b.append(':').append(line);
    if (!table.isEmpty()) b.append(" — ").append(table);
    if (!row.isEmpty()) b.append(" — ").append(row);
    return b.toString();
  }
}
