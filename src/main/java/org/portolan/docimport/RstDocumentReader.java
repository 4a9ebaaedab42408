package org.portolan.docimport;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.portolan.docimport.SourceDocument.Block;
import org.portolan.docimport.SourceDocument.Heading;
import org.portolan.docimport.SourceDocument.ListItem;
import org.portolan.docimport.SourceDocument.Paragraph;
import org.portolan.docimport.SourceDocument.Row;
import org.portolan.docimport.SourceDocument.Shape;
import org.portolan.docimport.SourceDocument.Table;

/**
 * Reads reStructuredText (Sphinx pages): section titles, paragraphs, bullets, definition and
 * field lists, grid tables ({@code +---+}), simple tables ({@code === ===}, a row with an
 * empty first column continues the row above), {@code list-table} and {@code csv-table}
 * directives, and the text of admonitions ({@code .. note::}). Code and literal blocks are
 * skipped. Hand-written: no maintained Java library parses reStructuredText (docutils is
 * Python); only the block structure the importer needs is read.
 */
final class RstDocumentReader {
  private RstDocumentReader() {}

  private static final Pattern UNDERLINE = Pattern.compile("^([=\\-~^\"'`#*+.:_])\\1{2,}\\s*$");
  private static final Pattern GRID_BORDER = Pattern.compile("^\\s*\\+[-=+]+\\+\\s*$");
  private static final Pattern SIMPLE_BORDER = Pattern.compile("^\\s*=+(?:\\s+=+)+\\s*$");
  private static final Pattern BULLET = Pattern.compile("^(\\s*)(?:[-*+\u2022]|\\d+[.)]|#\\.)\\s+(.*)$");
  private static final Pattern DIRECTIVE = Pattern.compile("^(\\s*)\\.\\.\\s+([\\w-]+)::\\s*(.*)$");
  private static final Pattern FIELD = Pattern.compile("^\\s*:([^:]+):\\s*(.*)$");

  static SourceDocument read(String name, String text) {
    List<String> lines = text.lines().map(l -> l.replace('\t', ' ')).toList();
    List<Block> out = new ArrayList<>();
    int n = lines.size();
    int i = 0;
    while (i < n) {
      String l = lines.get(i);
      if (l.isBlank()) {
        i++;
        continue;
      }
      // Overlined or underlined title.
      if (UNDERLINE.matcher(l).matches() && i + 2 < n && UNDERLINE.matcher(lines.get(i + 2)).matches() && !lines.get(i + 1).isBlank()) {
        out.add(new Heading(i + 2, inline(lines.get(i + 1))));
        i += 3;
        continue;
      }
      if (i + 1 < n && UNDERLINE.matcher(lines.get(i + 1)).matches() && !UNDERLINE.matcher(l).matches()
          && lines.get(i + 1).strip().length() >= Math.min(l.strip().length(), 3) && !l.startsWith(" ")) {
        out.add(new Heading(i + 1, inline(l)));
        i += 2;
        continue;
      }
      if (GRID_BORDER.matcher(l).matches()) {
        i = gridTable(lines, i, out);
        continue;
      }
      if (SIMPLE_BORDER.matcher(l).matches()) {
        i = simpleTable(lines, i, out);
        continue;
      }
      var d = DIRECTIVE.matcher(l);
      if (d.matches()) {
        i = directive(lines, i, d.group(2), d.group(3), out);
        continue;
      }
      if (l.strip().startsWith("..")) {
        i = skipIndented(lines, i + 1, indent(l));
        continue;
      }
      var b = BULLET.matcher(l);
      if (b.matches()) {
        StringBuilder t = new StringBuilder(b.group(2));
        int start = i;
        i++;
        int textIndent = l.indexOf(b.group(2));
        while (i < n && !lines.get(i).isBlank() && indent(lines.get(i)) >= textIndent && !BULLET.matcher(lines.get(i)).matches()) {
          t.append(' ').append(lines.get(i).strip());
          i++;
        }
        out.add(new ListItem(start + 1, inline(t.toString())));
        continue;
      }
      var f = FIELD.matcher(l);
      if (f.matches() && !l.strip().startsWith("::")) {
        out.add(new ListItem(i + 1, inline(f.group(1) + ": " + f.group(2))));
        i++;
        continue;
      }
      // A definition list item: a term line followed by an indented definition.
      if (i + 1 < n && !lines.get(i + 1).isBlank() && indent(lines.get(i + 1)) > indent(l) && !l.strip().endsWith("::")) {
        int start = i;
        StringBuilder t = new StringBuilder(l.strip()).append(": ");
        int base = indent(lines.get(i + 1));
        i++;
        while (i < n && (!lines.get(i).isBlank() && indent(lines.get(i)) >= base)) {
          t.append(lines.get(i).strip()).append(' ');
          i++;
        }
        out.add(new ListItem(start + 1, inline(t.toString())));
        continue;
      }
      // Paragraph; "::" at its end starts a literal block.
      int start = i;
      StringBuilder p = new StringBuilder();
      int base = indent(l);
      while (i < n && !lines.get(i).isBlank() && !GRID_BORDER.matcher(lines.get(i)).matches() && !SIMPLE_BORDER.matcher(lines.get(i)).matches()
          && !(i > start && BULLET.matcher(lines.get(i)).matches()) && !(i > start && indent(lines.get(i)) > base)) {
        p.append(lines.get(i).strip()).append(' ');
        i++;
      }
      String para = p.toString().strip();
      boolean literal = para.endsWith("::");
      if (literal) para = para.endsWith(" ::") ? para.substring(0, para.length() - 3) : para.substring(0, para.length() - 1);
      if (!para.isBlank()) out.add(new Paragraph(start + 1, inline(para)));
      if (literal) {
        while (i < n && lines.get(i).isBlank()) i++;
        int from = i;
        i = skipIndented(lines, i, base);
        if (i > from) out.add(new SourceDocument.Code(from + 1, String.join("\n", lines.subList(from, i))));
      }
    }
    return new SourceDocument(name, out);
  }

  static int indent(String l) {
    int k = 0;
    while (k < l.length() && l.charAt(k) == ' ') k++;
    return k;
  }

  /** Lines indented deeper than {@code base} (or blank) from {@code i}: the body of a directive or literal block. */
  private static int skipIndented(List<String> lines, int i, int base) {
    while (i < lines.size() && (lines.get(i).isBlank() || indent(lines.get(i)) > base)) i++;
    return i;
  }

  private static final java.util.Set<String> ADMONITIONS = java.util.Set.of("note", "tip", "hint", "important", "warning", "caution",
      "attention", "danger", "error", "seealso");

  private static int directive(List<String> lines, int i, String kind, String argument, List<Block> out) {
    int base = indent(lines.get(i));
    int end = skipIndented(lines, i + 1, base);
    List<String> body = new ArrayList<>();
    List<Integer> bodyLines = new ArrayList<>();
    List<String> options = new ArrayList<>();
    for (int k = i + 1; k < end; k++) {
      String l = lines.get(k);
      if (body.isEmpty() && l.strip().startsWith(":") && FIELD.matcher(l).matches()) options.add(l.strip());
      else {
        body.add(l);
        bodyLines.add(k + 1);
      }
    }
    while (!body.isEmpty() && body.getLast().isBlank()) {
      body.removeLast();
      bodyLines.removeLast();
    }
    switch (kind) {
      case "list-table" -> out.add(listTable(i + 1, argument, options, body, bodyLines));
      case "csv-table" -> out.add(csvTable(i + 1, options, body, bodyLines));
      case "code-block", "code", "sourcecode" -> {
        if (!body.isEmpty()) out.add(new SourceDocument.Code(bodyLines.getFirst(), String.join("\n", body)));
      }
      case "literalinclude", "image", "figure", "toctree", "raw", "include", "highlight" -> { }
      default -> {
        // Admonitions, "table::" and the like: their body is document text.
        // ".. note:: When the service runs behind NAT, set both passive\n   port values to ...": an admonition's text
        // starts on its directive line and goes on in the body, one paragraph.
        boolean runsOn = ADMONITIONS.contains(kind) && !argument.isBlank() && !body.isEmpty() && !body.getFirst().isBlank()
            && bodyLines.getFirst() == i + 2;
        if (!argument.isBlank() && !kind.equals("table") && !runsOn) out.add(new Paragraph(i + 1, inline(argument)));
        if (kind.equals("table") && !argument.isBlank()) out.add(new Heading(i + 1, inline(argument)));
        int strip = body.stream().filter(x -> !x.isBlank()).mapToInt(RstDocumentReader::indent).min().orElse(0);
        StringBuilder inner = new StringBuilder();
        if (runsOn) inner.append(argument.strip()).append('\n');
        for (String l : body) inner.append(l.length() >= strip ? l.substring(strip) : l.strip()).append('\n');
        int first = runsOn ? i + 1 : bodyLines.isEmpty() ? i + 1 : bodyLines.getFirst();
        for (Block b : read("inner", inner.toString()).blocks()) out.add(SourceDocument.shifted(b, first - 1));
      }
    }
    return end;
  }

  private static Table listTable(int line, String title, List<String> options, List<String> body, List<Integer> bodyLines) {
    int headerRows = options.stream().filter(o -> o.startsWith(":header-rows:")).map(o -> o.replaceAll("\\D", "")).filter(s -> !s.isEmpty())
        .map(Integer::parseInt).findFirst().orElse(0);
    List<List<String>> rows = new ArrayList<>();
    List<Integer> rowLines = new ArrayList<>();
    List<String> current = null;
    StringBuilder cell = null;
    int rowIndent = -1;
    for (int k = 0; k < body.size(); k++) {
      String l = body.get(k);
      if (l.isBlank()) continue;
      String s = l.strip();
      int ind = indent(l);
      if (s.startsWith("* -") || s.equals("*")) {
        if (current != null && cell != null) current.add(inline(cell.toString()));
        current = new ArrayList<>();
        rows.add(current);
        rowLines.add(bodyLines.get(k));
        rowIndent = ind;
        cell = s.startsWith("* -") ? new StringBuilder(s.substring(3).strip()) : null;
      } else if (s.startsWith("- ") || s.equals("-")) {
        if (current == null) continue;
        if (cell != null) current.add(inline(cell.toString()));
        cell = new StringBuilder(s.substring(1).strip());
      } else if (cell != null && ind > rowIndent) {
        cell.append(' ').append(s.startsWith("* ") || s.startsWith("- ") ? "; " + s.substring(2) : s);
      }
    }
    if (current != null && cell != null) current.add(inline(cell.toString()));
    List<String> header = headerRows > 0 && !rows.isEmpty() ? rows.getFirst() : List.of();
    List<Row> out = new ArrayList<>();
    for (int r = headerRows > 0 ? 1 : 0; r < rows.size(); r++) out.add(new Row(rowLines.get(r), rows.get(r)));
    return new Table(line, Shape.RST, header, out);
  }

  private static Table csvTable(int line, List<String> options, List<String> body, List<Integer> bodyLines) {
    List<String> header = options.stream().filter(o -> o.startsWith(":header:")).map(o -> csv(o.substring(8))).findFirst().orElse(List.of());
    List<Row> rows = new ArrayList<>();
    for (int k = 0; k < body.size(); k++) if (!body.get(k).isBlank()) rows.add(new Row(bodyLines.get(k), csv(body.get(k))));
    return new Table(line, Shape.RST, header, rows);
  }

  private static List<String> csv(String s) {
    List<String> out = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    boolean quoted = false;
    for (int k = 0; k < s.length(); k++) {
      char c = s.charAt(k);
      if (c == '"') {
        if (quoted && k + 1 < s.length() && s.charAt(k + 1) == '"') {
          cur.append('"');
          k++;
        } else quoted = !quoted;
      } else if (c == ',' && !quoted) {
        out.add(inline(cur.toString()));
        cur.setLength(0);
      } else cur.append(c);
    }
    out.add(inline(cur.toString()));
    return out;
  }

  /** A row border of a grid table where some cells go on below it ("+      +-----+"): blank where a cell spans rows. */
  private static final Pattern GRID_PARTIAL_BORDER = Pattern.compile("^\\s*\\+[-=+| ]*[-=][-=+| ]*\\+\\s*$");

  /**
   * A grid table: column edges from the first border; rows between "+---+" lines; a "+===+" line
   * ends the header. A cell whose border below is blank spans the rows down to its next border:
   * its text (wherever in the span it is written) is given to every row it covers.
   */
  private static int gridTable(List<String> lines, int i, List<Block> out) {
    String border = lines.get(i);
    List<Integer> edges = new ArrayList<>();
    for (int k = 0; k < border.length(); k++) if (border.charAt(k) == '+') edges.add(k);
    int start = i;
    int width = edges.size() - 1;
    List<String> header = List.of();
    List<String[]> rows = new ArrayList<>();
    List<Integer> rowLines = new ArrayList<>();
    StringBuilder[] acc = new StringBuilder[width];
    int[] spanStart = new int[width];
    for (int k = 0; k < width; k++) acc[k] = new StringBuilder();
    boolean open = false;
    int rowLine = 0;
    i++;
    while (i < lines.size()) {
      String l = lines.get(i);
      boolean full = GRID_BORDER.matcher(l).matches();
      if (full || GRID_PARTIAL_BORDER.matcher(l).matches()) {
        if (open) {
          if (full && l.contains("=") && header.isEmpty() && rows.isEmpty()) {
            String[] h = new String[width];
            for (int k = 0; k < width; k++) {
              h[k] = inline(acc[k].toString());
              acc[k].setLength(0);
            }
            header = List.of(h);
          } else {
            rows.add(new String[width]);
            rowLines.add(rowLine);
            int r = rows.size() - 1;
            for (int k = 0; k < width; k++) {
              int mid = Math.min((edges.get(k) + edges.get(k + 1)) / 2, l.length() - 1);
              boolean closed = full || (mid >= 0 && (l.charAt(mid) == '-' || l.charAt(mid) == '='));
              if (closed) closeSpan(rows, acc, spanStart, k, r);
            }
          }
        }
        open = false;
        i++;
        continue;
      }
      if (!l.strip().startsWith("|")) break;
      if (!open) {
        open = true;
        rowLine = i + 1;
      }
      for (int k = 0; k < width; k++) {
        int a = Math.min(edges.get(k) + 1, l.length());
        int b = Math.min(edges.get(k + 1), l.length());
        String part = a < b ? l.substring(a, b) : "";
        part = part.replace('|', ' ').strip();
        if (!part.isEmpty()) {
          StringBuilder c = acc[k];
          if (!c.isEmpty()) c.append(part.startsWith("- ") || part.startsWith("* ") ? "; " : " ");
          c.append(part.startsWith("- ") || part.startsWith("* ") ? part.substring(2) : part);
        }
      }
      i++;
    }
    for (int k = 0; k < width; k++) if (spanStart[k] < rows.size()) closeSpan(rows, acc, spanStart, k, rows.size() - 1);
    List<Row> body = new ArrayList<>();
    for (int r = 0; r < rows.size(); r++) {
      String[] cells = rows.get(r);
      for (int k = 0; k < width; k++) if (cells[k] == null) cells[k] = "";
      body.add(new Row(rowLines.get(r), List.of(cells)));
    }
    out.add(new Table(start + 1, Shape.RST, header, body));
    return i;
  }

  /** Column {@code k}'s cell ends at row {@code r}: its text goes to every row of its span. */
  private static void closeSpan(List<String[]> rows, StringBuilder[] acc, int[] spanStart, int k, int r) {
    String text = inline(acc[k].toString());
    for (int q = spanStart[k]; q <= r; q++) rows.get(q)[k] = text;
    acc[k].setLength(0);
    spanStart[k] = r + 1;
  }

  /**
   * A simple table: column extents from the "=== ===" border; the rows above the second border
   * are the header; a row with an empty first column continues the row above.
   */
  private static int simpleTable(List<String> lines, int i, List<Block> out) {
    String border = lines.get(i);
    List<int[]> cols = new ArrayList<>();
    for (int k = 0; k < border.length(); ) {
      if (border.charAt(k) == '=') {
        int s = k;
        while (k < border.length() && border.charAt(k) == '=') k++;
        cols.add(new int[] {s, k});
      } else k++;
    }
    int start = i;
    List<List<String>> rows = new ArrayList<>();
    List<Integer> rowLines = new ArrayList<>();
    int headerRows = -1;
    i++;
    while (i < lines.size()) {
      String l = lines.get(i);
      if (SIMPLE_BORDER.matcher(l).matches()) {
        if (headerRows < 0 && i + 1 < lines.size() && !lines.get(i + 1).isBlank()) {
          headerRows = rows.size();
          i++;
          continue;
        }
        i++;
        break;
      }
      if (l.isBlank()) {
        i++;
        continue;
      }
      List<String> cells = new ArrayList<>();
      for (int k = 0; k < cols.size(); k++) {
        int a = Math.min(cols.get(k)[0], l.length());
        int b = k + 1 < cols.size() ? Math.min(cols.get(k + 1)[0], l.length()) : l.length();
        cells.add(a < b ? l.substring(a, b).strip() : "");
      }
      if (cells.getFirst().isEmpty() && !rows.isEmpty() && (headerRows < 0 ? false : rows.size() > headerRows)) {
        List<String> prev = rows.getLast();
        for (int k = 0; k < cells.size(); k++)
          if (!cells.get(k).isEmpty()) prev.set(k, (prev.get(k) + " " + cells.get(k)).strip());
      } else {
        rows.add(new ArrayList<>(cells));
        rowLines.add(i + 1);
      }
      i++;
    }
    List<String> header = headerRows > 0 ? rows.get(0).stream().map(RstDocumentReader::inline).toList() : List.of();
    List<Row> body = new ArrayList<>();
    for (int r = Math.max(headerRows, 0); r < rows.size(); r++) body.add(new Row(rowLines.get(r), rows.get(r).stream().map(RstDocumentReader::inline).toList()));
    out.add(new Table(start + 1, Shape.RST, header, body));
    return i;
  }

  private static final Pattern ROLE = Pattern.compile(":[\\w:+-]+:`([^`]*)`");
  private static final Pattern LINK = Pattern.compile("`([^`<]*?)\\s*<[^`>]*>`__?");
  private static final Pattern REF = Pattern.compile("`([^`]+)`__?");

  /** Inline markup removed: ``code``, **strong**, *emphasis*, `link <url>`_, :role:`text`. */
  static String inline(String s) {
    String t = ROLE.matcher(s).replaceAll(m -> java.util.regex.Matcher.quoteReplacement(m.group(1).replaceAll("\\s*<[^>]*>$", "")));
    t = LINK.matcher(t).replaceAll(m -> java.util.regex.Matcher.quoteReplacement(m.group(1)));
    t = t.replace("``", "");
    t = REF.matcher(t).replaceAll(m -> java.util.regex.Matcher.quoteReplacement(m.group(1)));
    t = t.replace("**", "").replaceAll("(?<![\\w*])\\*(?=\\S)([^*]*?\\S)\\*(?![\\w*])", "$1").replace("\\", "");
    return TextDocumentReader.clean(t);
  }
}
