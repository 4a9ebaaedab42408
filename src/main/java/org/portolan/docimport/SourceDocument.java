package org.portolan.docimport;

import java.util.List;

/**
 * A vendor document as the importer sees it, whatever its format: headings, paragraphs, list
 * items and tables in document order, each with the 1-based line where it starts in the input.
 */
record SourceDocument(String name, List<Block> blocks) {
  SourceDocument {
    if (name == null || name.isBlank()) throw new IllegalArgumentException("a document needs a name");
    blocks = List.copyOf(blocks);
  }

  /** {@code b} with its line numbers moved down by {@code lines}: a block read from an embedded part of a page. */
  static Block shifted(Block b, int lines) {
    return switch (b) {
      case Heading h -> new Heading(h.line() + lines, h.text());
      case Paragraph p -> new Paragraph(p.line() + lines, p.text());
      case ListItem li -> new ListItem(li.line() + lines, li.text());
      case Code c -> new Code(c.line() + lines, c.text());
      case Table t -> new Table(t.line() + lines, t.shape(), t.header(),
          t.rows().stream().map(r -> new Row(r.line() + lines, r.cells(), r.notes())).toList());
    };
  }

  /** One piece of a document. */
  sealed interface Block {
    int line();
  }

  record Heading(int line, String text) implements Block {}

  record Paragraph(int line, String text) implements Block {}

  record ListItem(int line, String text) implements Block {}

  /** A code or literal block, as written (commands, configuration files, compose files). */
  record Code(int line, String text) implements Block {}

  /** How a table was written; the builder reads some shapes differently. */
  enum Shape { PIPE, TAB, SPACE_ALIGNED, COLUMN_ALIGNED, FIELD_PER_LINE, PORT_LIST, HTML, RST, ASCIIDOC, DIRECTIONS }

  /**
   * A table: its header cells and rows. Blank cells stay blank here; "same as above" is the
   * builder's reading of them.
   */
  record Table(int line, Shape shape, List<String> header, List<Row> rows) implements Block {
    Table {
      header = List.copyOf(header);
      rows = List.copyOf(rows);
    }
  }

  /** A row; {@code notes} say what the reader was unsure of when it cut the row into cells. */
  record Row(int line, List<String> cells, List<String> notes) {
    Row {
      cells = List.copyOf(cells);
      notes = List.copyOf(notes);
    }

    Row(int line, List<String> cells) {
      this(line, cells, List.of());
    }

    String cell(int i) {
      return i >= 0 && i < cells.size() ? cells.get(i) : "";
    }
  }
}
