package org.portolan.docimport;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.portolan.docimport.SourceDocument.Block;
import org.portolan.docimport.SourceDocument.Row;
import org.portolan.docimport.SourceDocument.Shape;
import org.portolan.docimport.SourceDocument.Table;

/**
 * A plain-text table laid out in fixed columns, as man pages, README files and text exports
 * write it: a header whose cells are two or more spaces apart, one of them about ports, an
 * optional rule of dashes or equals signs under it, then rows cut at the column positions.
 * A line with nothing in the first column continues the row above ("Jenkins web UI and /
 * REST API"). Hand-written: a column layout, not a format any library reads.
 */
final class ColumnAlignedTable {
  private ColumnAlignedTable() {}

  private static final Pattern GAP = Pattern.compile("\\S++(?: \\S++)*+");
  private static final Pattern RULE = Pattern.compile("^\\s*[-=]{3,}(?:\\s+[-=]{3,})+\\s*$|^\\s*[-=]{10,}\\s*$");
  private static final Pattern HEADER_WORD = Pattern.compile("(?i)\\b(ports?|tcp|udp|protocol)\\b");

  /**
   * A preformatted listing (an HTML {@code <pre>}) that holds a command's output table: a header
   * about ports with a rule of dashes under it ("Service Name  Port  Protocol" / "-----"), as CLI
   * "list" and "show" commands print. Each such table is a table; the rest of the listing stays
   * code, its table lines blanked so line numbers hold. A listing without a rule under a header
   * ({@code ss -tln} output, a log) stays code.
   */
  static List<Block> inListing(int firstLine, String text) {
    List<String> lines = List.of(text.split("\n", -1));
    String[] rest = lines.toArray(String[]::new);
    List<Block> tables = new ArrayList<>();
    int i = 0;
    while (i < lines.size()) {
      int k = i;
      if (i + 1 < lines.size() && RULE.matcher(lines.get(i + 1)).matches() && !RULE.matcher(lines.get(i)).matches()) {
        List<Block> found = new ArrayList<>();
        k = tryRead(lines, i, found);
        if (k > i) {
          for (Block b : found) if (b instanceof Table t) tables.add(shifted(t, firstLine - 1));
          for (int j = i; j < k; j++) rest[j] = "";
        }
      }
      i = Math.max(k, i + 1);
    }
    if (tables.isEmpty()) return List.of(new SourceDocument.Code(firstLine, text));
    List<Block> out = new ArrayList<>();
    String code = String.join("\n", rest);
    if (!code.isBlank()) out.add(new SourceDocument.Code(firstLine, code));
    out.addAll(tables);
    return out;
  }

  private static Table shifted(Table t, int by) {
    List<Row> rows = t.rows().stream().map(r -> new Row(r.line() + by, r.cells(), r.notes())).toList();
    return new Table(t.line() + by, t.shape(), t.header(), rows);
  }

  static int tryRead(List<String> lines, int i, List<Block> blocks) {
    String head = lines.get(i);
    if (head.indexOf('\t') >= 0 || head.indexOf('|') >= 0) return i;
    List<int[]> headCells = cells(head);
    if (headCells.size() < 2) return i;
    int wrapped = wrappedHeader(lines, i);
    if (wrapped > i) return readWrapped(lines, i, wrapped, blocks);
    if (!HEADER_WORD.matcher(head).find()) return i;
    for (int[] c : headCells) {
      String t = head.substring(c[0], c[1]);
      if (t.length() > 30 || t.matches(".*\\d{2,}.*")) return i;
    }
    int n = lines.size();
    int k = i + 1;
    List<Integer> starts = new ArrayList<>();
    if (k < n && RULE.matcher(lines.get(k)).matches()) {
      List<int[]> segs = cells(lines.get(k));
      if (segs.size() >= 2) for (int[] s : segs) starts.add(s[0]);
      else for (int[] s : headCells) starts.add(s[0]);
      k++;
    } else {
      for (int[] s : headCells) starts.add(s[0]);
      // Without a rule the first row must line up with the header (after any section rows: "Public Facing Ports").
      int probe = k;
      // PDF text puts a blank line between the header and the first row: one is skipped.
      if (probe + 1 < n && TextDocumentReader.isBlank(lines.get(probe)) && !TextDocumentReader.isBlank(lines.get(probe + 1))) probe++;
      int firstRow = probe;
      while (probe < n && probe - firstRow < 3 && isSectionRow(lines.get(probe), starts.getFirst())) probe++;
      if (probe >= n || TextDocumentReader.isBlank(lines.get(probe))) return i;
      List<int[]> first = cells(lines.get(probe));
      if (first.size() < 2 || first.getFirst()[0] != starts.getFirst()) return i;
      int aligned = 0;
      for (int[] c : first) if (starts.contains(c[0])) aligned++;
      if (aligned < 2) return i;
    }
    return readBody(lines, i, k, starts, cut(head, starts), blocks);
  }

  /** The most header lines a wrapped header spans before its rule (PDF text: "Default / Destination / Port / (Configurable / Range)"). */
  private static final int MAX_HEADER_LINES = 6;

  /**
   * A header whose cells wrap over several lines, closed by a rule of dashes with one run per
   * column, as PDF-to-text conversions and man pages give a table with narrow columns: the
   * index of the rule, or {@code i} when the lines at {@code i} are not such a header.
   */
  private static int wrappedHeader(List<String> lines, int i) {
    int n = lines.size();
    for (int k = i + 1; k < n && k - i <= MAX_HEADER_LINES; k++) {
      String l = lines.get(k);
      if (TextDocumentReader.isBlank(l) || l.indexOf('|') >= 0 || l.indexOf('\t') >= 0) return i;
      if (RULE.matcher(l).matches()) return k > i + 1 && runs(l).size() >= 2 ? k : i;
      for (int[] c : cells(l)) if (l.substring(c[0], c[1]).matches(".*\\d{2,}.*")) return i;
    }
    return i;
  }

  /** A wrapped header: each column's words joined over the header lines, cut at the rule's runs. */
  private static int readWrapped(List<String> lines, int i, int rule, List<Block> blocks) {
    List<Integer> starts = new ArrayList<>();
    for (int[] s : runs(lines.get(rule))) starts.add(s[0]);
    List<String> header = new ArrayList<>(java.util.Collections.nCopies(starts.size(), ""));
    for (int k = i; k < rule; k++) {
      List<String> parts = cut(lines.get(k), starts);
      for (int c = 0; c < parts.size(); c++) if (!parts.get(c).isEmpty()) header.set(c, (header.get(c) + " " + parts.get(c)).strip());
    }
    if (!HEADER_WORD.matcher(String.join(" ", header)).find()) return i;
    for (String h : header) if (h.length() > 60) return i;
    return readBody(lines, i, rule + 1, starts, header, blocks);
  }

  private static int readBody(List<String> lines, int i, int k, List<Integer> starts, List<String> header, List<Block> blocks) {
    int n = lines.size();
    int portColumn = -1;
    for (int c = 0; c < header.size() && portColumn < 0; c++) if (mentionsPort(header.get(c))) portColumn = c;
    List<List<String>> rows = new ArrayList<>();
    List<Integer> rowLines = new ArrayList<>();
    while (k < n) {
      String l = lines.get(k);
      if (TextDocumentReader.isBlank(l)) {
        // One blank line inside the table: it goes on if the next line starts in the first column with cells.
        if (k + 1 < n && !TextDocumentReader.isBlank(lines.get(k + 1)) && cells(lines.get(k + 1)).size() >= 2
            && leading(lines.get(k + 1)) == starts.getFirst()) {
          k++;
          continue;
        }
        break;
      }
      if (RULE.matcher(l).matches()) {
        k++;
        continue;
      }
      if (l.indexOf('|') >= 0 || l.indexOf('\t') >= 0) break;
      List<String> cells = cut(l, starts);
      if (isSectionRow(l, starts.getFirst())) {
        // A section row keeps its words together in the first cell.
        cells = new ArrayList<>(java.util.Collections.nCopies(starts.size(), ""));
        cells.set(0, l.strip());
      }
      // "40001 -" over "40099": a first cell ending in a range dash is finished by the number under it.
      boolean continuation = !rows.isEmpty() && (cells.getFirst().isEmpty()
          || UNFINISHED_RANGE.matcher(rows.getLast().getFirst()).find() && cells.getFirst().strip().matches("\\d{1,5}")
          || wrapsOn(cells, rows.getLast(), portColumn));
      if (continuation) {
        List<String> prev = rows.getLast();
        for (int c = 0; c < cells.size(); c++)
          if (!cells.get(c).isEmpty()) prev.set(c, (prev.get(c) + " " + cells.get(c)).strip());
      } else {
        if (cells(l).size() < 2 && rows.isEmpty() && !isSectionRow(l, starts.getFirst())) return i;
        rows.add(new ArrayList<>(cells));
        rowLines.add(k + 1);
      }
      k++;
    }
    if (rows.isEmpty()) return i;
    List<Row> out = new ArrayList<>();
    for (int r = 0; r < rows.size(); r++) out.add(new Row(rowLines.get(r), rows.get(r).stream().map(TextDocumentReader::clean).toList()));
    blocks.add(new Table(i + 1, Shape.COLUMN_ALIGNED, header.stream().map(TextDocumentReader::clean).toList(), out));
    return k;
  }

  private static final java.util.regex.Pattern UNFINISHED_RANGE = java.util.regex.Pattern.compile("\\d\\s*(?:-|\u2013|to)\\s*$");

  private static final Pattern NO_VALUE = Pattern.compile("(?i)n/?a|none|-+|–|—");

  /**
   * A line whose first column is not empty but which wraps the cells of the row above, as PDF
   * text gives a narrow first column ("Gateway" over "(secured)", "SAP Start" over "Service
   * HTTP"): its port cell holds no port (empty, or one word such as a service name "sapgwNNs"),
   * the row above has one, and it leaves empty at least two columns the row above fills.
   */
  private static boolean wrapsOn(List<String> cells, List<String> above, int portColumn) {
    if (portColumn < 0 || portColumn >= cells.size()) return false;
    String port = cells.get(portColumn).strip();
    if (!port.isEmpty() && (port.indexOf(' ') >= 0 || Character.isDigit(port.charAt(0)) || NO_VALUE.matcher(port).matches())) return false;
    String abovePort = above.get(portColumn).strip();
    if (abovePort.isEmpty() || !Character.isDigit(abovePort.charAt(0))) return false;
    int left = 0;
    for (int c = 1; c < cells.size(); c++) if (c != portColumn && cells.get(c).isEmpty() && !above.get(c).isEmpty()) left++;
    return left >= 2;
  }

  /** A line naming a group of rows ("Inter-node Ports"): one cell in the first column, no number. */
  private static boolean isSectionRow(String l, int firstColumn) {
    if (TextDocumentReader.isBlank(l) || leading(l) != firstColumn || cells(l).size() != 1) return false;
    for (int c = 0; c < l.length(); c++) if (Character.isDigit(l.charAt(c))) return false;
    return true;
  }

  private static int leading(String l) {
    int k = 0;
    while (k < l.length() && l.charAt(k) == ' ') k++;
    return k;
  }

  private static final Pattern DASHES = Pattern.compile("[-=]+");

  /** The runs of dashes of a rule, one per column, even where one space parts them ("---- ----- ---"). */
  private static List<int[]> runs(String rule) {
    List<int[]> out = new ArrayList<>();
    Matcher m = DASHES.matcher(rule);
    while (m.find()) out.add(new int[] {m.start(), m.end()});
    return out;
  }

  /** Runs of text separated by two or more spaces: [start, end) each. */
  static List<int[]> cells(String line) {
    List<int[]> out = new ArrayList<>();
    Matcher m = GAP.matcher(line);
    while (m.find()) out.add(new int[] {m.start(), m.end()});
    return out;
  }

  /** The line cut at the column starts; a word running over a start stays in its column. */
  private static List<String> cut(String line, List<Integer> starts) {
    List<String> out = new ArrayList<>();
    int from = 0;
    for (int c = 0; c < starts.size(); c++) {
      int end = c + 1 < starts.size() ? starts.get(c + 1) : line.length();
      end = Math.min(end, line.length());
      while (end < line.length() && end > 0 && line.charAt(end - 1) != ' ' && line.charAt(end) != ' ') end++;
      if (from > end) end = from;
      out.add(line.substring(Math.min(from, line.length()), end).strip());
      from = end;
    }
    return out;
  }

  static boolean mentionsPort(String s) {
    return s.toLowerCase(Locale.ROOT).contains("port");
  }
}
