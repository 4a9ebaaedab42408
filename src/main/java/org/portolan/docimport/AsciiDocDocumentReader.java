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
 * Reads AsciiDoc pages: section titles ({@code == Title}), block titles ({@code .Title}),
 * paragraphs, bullets, definition lists ({@code term:: text}), admonition paragraphs
 * ({@code NOTE: …}) and {@code |===} tables (column count from {@code cols=} or the first
 * line; a header from {@code options="header"}, {@code %header} or a first line followed by a
 * blank line; cells may run over several lines). Listing and literal blocks are skipped.
 * Hand-written: AsciidoctorJ runs Asciidoctor on JRuby (tens of MB and seconds of start-up) to
 * produce HTML; the importer needs only the block structure, which this reads directly.
 */
final class AsciiDocDocumentReader {
  private AsciiDocDocumentReader() {}

  private static final Pattern TITLE = Pattern.compile("^(={1,6})\\s+(.*)$");
  private static final Pattern BLOCK_TITLE = Pattern.compile("^\\.([A-Za-z0-9{].*)$");
  /** A preprocessor conditional line ("ifdef::satellite[]", "ifndef::a,b[]", "endif::[]"): what it encloses is read, as every build of the page states it. */
  private static final Pattern CONDITIONAL = Pattern.compile("^\\s*(?:ifn?def|ifeval|endif)::[^\\[]*\\[.*]\\s*$");
  private static final Pattern BULLET = Pattern.compile("^\\s*(?:\\*{1,5}|-|\\.{1,5}|\\d+\\.)\\s+(.*)$");
  private static final Pattern DEFINITION = Pattern.compile("^(.+?)(?:::|;;)(?:\\s+(.*))?$");
  private static final Pattern ATTRIBUTES = Pattern.compile("^\\[(.*)]\\s*$");
  private static final Pattern DELIMITER = Pattern.compile("^(-{4,}|\\.{4,}|/{4,}|\\+{4,}|_{4,}|={4,}|\\*{4,})\\s*$");

  static SourceDocument read(String name, String text) {
    List<String> lines = text.lines().toList();
    List<Block> out = new ArrayList<>();
    String attributes = "";
    int n = lines.size();
    int i = 0;
    while (i < n) {
      String l = lines.get(i);
      String s = l.strip();
      if (s.isEmpty() || s.startsWith("//") || s.matches("^:[\\w-]+:.*$") || s.equals("+") || CONDITIONAL.matcher(s).matches()) {
        i++;
        continue;
      }
      var a = ATTRIBUTES.matcher(s);
      if (a.matches() && !s.startsWith("[[")) {
        attributes = a.group(1);
        i++;
        continue;
      }
      if (s.startsWith("|===")) {
        i = table(lines, i, attributes, out);
        attributes = "";
        continue;
      }
      var d = DELIMITER.matcher(s);
      if (d.matches()) {
        // Listing, literal, comment and passthrough blocks are skipped; example, sidebar and quote blocks are read.
        String fence = d.group(1);
        boolean read = fence.startsWith("=") || fence.startsWith("*") || fence.startsWith("_");
        int k = i + 1;
        while (k < n && !lines.get(k).strip().equals(fence)) k++;
        StringBuilder inner = new StringBuilder();
        for (int j = i + 1; j < k; j++) inner.append(lines.get(j)).append('\n');
        if (read) {
          for (Block b : read(name, inner.toString()).blocks()) out.add(SourceDocument.shifted(b, i + 1));
        } else if (fence.startsWith("-") || fence.startsWith(".")) out.add(new SourceDocument.Code(i + 2, inner.toString()));
        i = Math.min(k + 1, n);
        attributes = "";
        continue;
      }
      attributes = "";
      var t = TITLE.matcher(s);
      if (t.matches()) {
        out.add(new Heading(i + 1, inline(t.group(2))));
        i++;
        continue;
      }
      var bt = BLOCK_TITLE.matcher(s);
      if (bt.matches() && !s.startsWith("..")) {
        out.add(new Heading(i + 1, inline(bt.group(1))));
        i++;
        continue;
      }
      var b = BULLET.matcher(l);
      if (b.matches()) {
        int start = i;
        StringBuilder item = new StringBuilder(b.group(1));
        i++;
        while (i < n && !lines.get(i).isBlank() && !BULLET.matcher(lines.get(i)).matches() && !lines.get(i).strip().equals("+")
            && !lines.get(i).strip().startsWith("|===")) {
          item.append(' ').append(lines.get(i).strip());
          i++;
        }
        out.add(new ListItem(start + 1, inline(item.toString())));
        continue;
      }
      var def = DEFINITION.matcher(s);
      if (def.matches() && !s.contains("://") && def.group(1).length() < 80) {
        int start = i;
        StringBuilder item = new StringBuilder(def.group(1).strip()).append(": ");
        if (def.group(2) != null) item.append(def.group(2));
        i++;
        while (i < n && !lines.get(i).isBlank() && !DEFINITION.matcher(lines.get(i).strip()).matches() && !BULLET.matcher(lines.get(i)).matches()) {
          item.append(' ').append(lines.get(i).strip());
          i++;
        }
        out.add(new ListItem(start + 1, inline(item.toString())));
        continue;
      }
      int start = i;
      StringBuilder p = new StringBuilder();
      while (i < n && !lines.get(i).isBlank() && !CONDITIONAL.matcher(lines.get(i)).matches() && !lines.get(i).strip().startsWith("|===") && !(i > start && BULLET.matcher(lines.get(i)).matches())
          && !DELIMITER.matcher(lines.get(i).strip()).matches()) {
        p.append(lines.get(i).strip()).append(' ');
        i++;
      }
      String para = p.toString().strip().replaceFirst("^(NOTE|TIP|IMPORTANT|WARNING|CAUTION):\\s*", "");
      if (!para.isEmpty()) out.add(new Paragraph(start + 1, inline(para)));
    }
    return new SourceDocument(name, out);
  }

  private static final Pattern COLS = Pattern.compile("cols\\s*=\\s*\"?([^\",\\]]*(?:,[^\",\\]]*)*)\"?");
  private static final Pattern CELL_SPEC = Pattern.compile("^(?:(\\d+)\\*)?(?:\\d*(?:\\.\\d+)?\\+)?[<^>]?(?:\\.[<^>])?[adehlmsv]?$");

  private static int table(List<String> lines, int i, String attributes, List<Block> out) {
    int start = i;
    int n = lines.size();
    int end = i + 1;
    while (end < n && !lines.get(end).strip().startsWith("|===")) end++;
    // Cells: each '|' starts a cell (a cell spec such as "2+" or "a" may stand before it).
    List<String> cells = new ArrayList<>();
    List<Integer> cellLines = new ArrayList<>();
    List<String> cellSpecs = new ArrayList<>();
    int firstLineCells = -1;
    boolean blankAfterFirst = false;
    int firstContentLine = -1;
    for (int k = i + 1; k < end; k++) {
      String l = lines.get(k);
      if (l.isBlank()) {
        if (firstContentLine >= 0 && firstLineCells < 0) {
          firstLineCells = cells.size();
          blankAfterFirst = true;
        }
        continue;
      }
      if (CONDITIONAL.matcher(l).matches()) continue;
      if (firstContentLine < 0) firstContentLine = k;
      else if (firstLineCells < 0) firstLineCells = cells.size();
      List<String> specs = new ArrayList<>();
      List<String> parts = splitCells(l, specs);
      if (!l.strip().startsWith("|") && !parts.isEmpty() && !cells.isEmpty() && specs.getFirst().isEmpty()) {
        // Continuation of the previous cell.
        cells.set(cells.size() - 1, (cells.getLast() + " " + parts.getFirst()).strip());
        parts = parts.subList(1, parts.size());
        specs = specs.subList(1, specs.size());
        if (!l.contains("|")) continue;
      }
      for (int q = 0; q < parts.size(); q++) {
        cells.add(parts.get(q));
        cellSpecs.add(specs.get(q));
        cellLines.add(k + 1);
      }
    }
    if (firstLineCells < 0) firstLineCells = cells.size();
    int width = 0;
    var c = COLS.matcher(attributes);
    if (c.find()) {
      for (String spec : c.group(1).split(",")) {
        var m = java.util.regex.Pattern.compile("^(\\d+)\\*").matcher(spec.strip());
        width += m.find() ? Integer.parseInt(m.group(1)) : 1;
      }
    }
    if (width <= 0) width = Math.max(firstLineCells, 1);
    boolean header = attributes.contains("header") || blankAfterFirst && firstLineCells == width;
    if (attributes.contains("noheader")) header = false;
    List<String> head = List.of();
    List<Row> rows = new ArrayList<>();
    boolean spans = cellSpecs.stream().anyMatch(x -> SPAN.matcher(x).find());
    if (!spans) {
      for (int k = 0; k + width <= cells.size() || k < cells.size(); k += width) {
        List<String> row = new ArrayList<>();
        for (int j = k; j < Math.min(k + width, cells.size()); j++) row.add(inline(cells.get(j)));
        if (k == 0 && header) head = row;
        else rows.add(new Row(cellLines.get(k), row));
      }
    } else {
      // ".4+|TCP" spans four rows, "2+|text" two columns: the spanning cell's text stands in every place it covers.
      String[] carried = new String[width];
      int[] left = new int[width];
      int k = 0;
      boolean first = true;
      while (k < cells.size()) {
        List<String> row = new ArrayList<>();
        int line = cellLines.get(k);
        for (int col = 0; col < width; ) {
          if (left[col] > 0) {
            row.add(carried[col]);
            left[col]--;
            col++;
            continue;
          }
          if (k >= cells.size()) break;
          String text = inline(cells.get(k));
          var m = SPAN.matcher(cellSpecs.get(k));
          int colSpan = 1;
          int rowSpan = 1;
          if (m.find()) {
            if (m.group(1) != null && !m.group(1).isEmpty()) colSpan = Integer.parseInt(m.group(1));
            if (m.group(2) != null) rowSpan = Integer.parseInt(m.group(2));
          }
          k++;
          for (int w = 0; w < Math.max(1, colSpan) && col < width; w++, col++) {
            row.add(text);
            if (rowSpan > 1) {
              carried[col] = text;
              left[col] = rowSpan - 1;
            }
          }
        }
        if (first && header) head = row;
        else rows.add(new Row(line, row));
        first = false;
      }
    }
    out.add(new Table(start + 1, Shape.ASCIIDOC, head, rows));
    return Math.min(end + 1, n);
  }

  /** A cell spec's spans: "2+" (two columns), ".4+" (four rows), "2.3+". */
  private static final Pattern SPAN = Pattern.compile("^(?:\\d+\\*)?(\\d*)(?:\\.(\\d+))?\\+");

  /** The cells of one line; {@code specs} gets each cell's spec ("" when none), in step. */
  private static List<String> splitCells(String line, List<String> specs) {
    List<String> out = new ArrayList<>();
    String l = line.strip();
    int k = l.indexOf('|');
    if (k < 0) {
      specs.add("");
      return List.of(l);
    }
    String lead = l.substring(0, k).strip();
    String spec = "";
    if (!lead.isEmpty() && !CELL_SPEC.matcher(lead).matches()) {
      out.add(lead);
      specs.add("");
    } else spec = lead;
    int from = k + 1;
    for (int j = from; j <= l.length(); j++) {
      if (j == l.length() || l.charAt(j) == '|' && l.charAt(j - 1) != '\\') {
        String cell = l.substring(from, j);
        // A trailing cell spec ("a", "2+") belongs to the next cell.
        String next = "";
        if (j < l.length()) {
          var m = Pattern.compile("\\s(\\d+\\*|\\d*\\.?\\d*\\+|[adehlmsv])$").matcher(cell);
          if (m.find() && CELL_SPEC.matcher(m.group(1)).matches()) {
            next = m.group(1);
            cell = cell.substring(0, m.start());
          }
        }
        out.add(cell.replace("\\|", "|").strip());
        specs.add(spec);
        spec = next;
        from = j + 1;
      }
    }
    return out;
  }

  private static final Pattern LINK = Pattern.compile("(?:link:)?(?:https?://\\S+?|[\\w./#-]+)\\[([^\\]]*)]");

  /** Inline markup removed: *bold*, _emphasis_, `mono`, +pass+, links with text, xrefs. */
  static String inline(String s) {
    String t = s.replaceAll("<<[^,>]*,\\s*([^>]*)>>", "$1").replaceAll("<<([^>]*)>>", "$1");
    t = LINK.matcher(t).replaceAll(m -> java.util.regex.Matcher.quoteReplacement(m.group(1)));
    t = t.replaceAll("(?<![\\w*])\\*{1,2}(\\S(?:.*?\\S)?)\\*{1,2}(?![\\w*])", "$1");
    t = t.replaceAll("(?<![\\w_])_{1,2}(\\S(?:.*?\\S)?)_{1,2}(?![\\w_])", "$1");
    t = t.replaceAll("`\\+?([^`]*?)\\+?`", "$1").replaceAll("(?<![\\w+])\\+([^+]+)\\+(?![\\w+])", "$1");
    // "5910{range}5930": an attribute reference between two numbers stands for the dash of a range.
    t = t.replaceAll("(?<=\\d)\\{[\\w-]+}(?=\\d)", "-").replaceAll("\\{(?:nbsp|sp)}", " ");
    t = t.replaceAll("\\{[\\w-]+}", "");
    return TextDocumentReader.clean(t);
  }
}
