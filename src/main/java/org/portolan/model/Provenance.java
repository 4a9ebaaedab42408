package org.portolan.model;

/**
 * Where a requirement comes from: the vendor document, the table (or section) in it, the row
 * as the document labels it, the line in the document (0 when unknown) and, for a public
 * page, the address it was read at (empty when the document is a local file).
 */
public record Provenance(String document, String table, String row, int line, String url) {
  public static final Provenance NONE = new Provenance("", "", "", 0, "");

  public Provenance {
    document = document == null ? "" : document;
    table = table == null ? "" : table;
    row = row == null ? "" : row;
    url = url == null ? "" : url;
    if (line < 0) throw new IllegalArgumentException("line must be >= 0");
    if (!url.isEmpty() && !(url.startsWith("https://") || url.startsWith("http://")))
      throw new IllegalArgumentException("url must be an http(s) address: " + url);
  }

  /** A provenance without a page address (a local document). */
  public Provenance(String document, String table, String row, int line) {
    this(document, table, row, line, "");
  }

  public String notation() {
    StringBuilder b = new StringBuilder(document);
    if (line > 0) b.append(':').append(line);
    if (!table.isEmpty()) b.append(" — ").append(table);
    if (!row.isEmpty()) b.append(" — ").append(row);
    if (!url.isEmpty()) b.append(" <").append(url).append('>');
    return b.toString();
  }
}
