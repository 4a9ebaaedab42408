package org.portolan.docimport;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.portolan.docimport.SourceDocument.Block;
import org.portolan.docimport.SourceDocument.Heading;
import org.portolan.docimport.SourceDocument.ListItem;
import org.portolan.docimport.SourceDocument.Paragraph;
import org.portolan.docimport.SourceDocument.Row;
import org.portolan.docimport.SourceDocument.Shape;
import org.portolan.docimport.SourceDocument.Table;

/**
 * Reads plain text and Markdown into a {@link SourceDocument}: Markdown and "a | b |" pipe
 * tables, tab-separated tables, space-aligned tables (see {@link SpaceAlignedTable}),
 * one-field-per-line tables (see {@link FieldPerLineTable}), runs of port lines ("TCP 445
 * (SMB)") and the headings, paragraphs and list items around them.
 */
final class TextDocumentReader {
  private TextDocumentReader() {}

  private static final Pattern BULLET = Pattern.compile("^\\s*(?:[-*+\u2022\u00b7]|\\d{1,2}[.)])\\s+(.*)$");
  private static final Pattern MD_HEADING = Pattern.compile("^\\s{0,3}(#{1,6})\\s+(.*?)\\s*#*\\s*$");
  private static final Pattern PIPE_SEPARATOR = Pattern.compile("^\\s*\\|?\\s*:?-{3,}:?\\s*(\\|\\s*:?-{3,}:?\\s*)*\\|?\\s*$");
  private static final Pattern PORT_LINE = Pattern.compile("(?i)^(?:tcp|udp|icmp|\\d{1,5}\\s*/\\s*(?:tcp|udp)).*");

  static SourceDocument read(String name, String text) {
    List<String> lines = withoutRunningFooters(text.lines().toList());
    var options = ConfigFileOptions.table(lines);
    if (options.isPresent()) {
      // A commented configuration file: its title is its first comment line, its ports the port options.
      String title = lines.stream().filter(l -> l.strip().matches("#+\\s*\\S.*")).findFirst().map(l -> l.strip().replaceFirst("^#+\\s*", "")).orElse(name);
      return new SourceDocument(name, List.of(new Heading(1, title), options.get()));
    }
    List<Block> blocks = new ArrayList<>();
    int i = 0;
    int n = lines.size();
    while (i < n) {
      String line = lines.get(i);
      if (isBlank(line)) {
        i++;
        continue;
      }
      if (isPipeRow(line)) {
        i = readPipeTables(lines, i, blocks);
        continue;
      }
      if (isTabRow(line)) {
        i = readTabTable(lines, i, blocks);
        continue;
      }
      int alignedEnd = ColumnAlignedTable.tryRead(lines, i, blocks);
      if (alignedEnd > i) {
        i = alignedEnd;
        continue;
      }
      int fieldEnd = FieldPerLineTable.tryRead(lines, i, blocks);
      if (fieldEnd > i) {
        i = fieldEnd;
        continue;
      }
      int spaceEnd = SpaceAlignedTable.tryRead(lines, i, blocks);
      if (spaceEnd > i) {
        i = spaceEnd;
        continue;
      }
      int listEnd = readPortList(lines, i, blocks);
      if (listEnd > i) {
        i = listEnd;
        continue;
      }
      var md = MD_HEADING.matcher(line);
      if (md.matches()) {
        blocks.add(new Heading(i + 1, md.group(2).strip()));
        i++;
        continue;
      }
      var bullet = BULLET.matcher(line);
      if (bullet.matches()) {
        blocks.add(new ListItem(i + 1, bullet.group(1).strip()));
        i++;
        continue;
      }
      if (looksLikeHeading(lines, i)) {
        blocks.add(new Heading(i + 1, clean(line)));
        i++;
        continue;
      }
      // A paragraph: consecutive non-blank lines that start nothing else.
      int start = i;
      StringBuilder b = new StringBuilder(clean(line));
      i++;
      while (i < n && !isBlank(lines.get(i)) && !isPipeRow(lines.get(i)) && !isTabRow(lines.get(i))
          && !BULLET.matcher(lines.get(i)).matches() && !MD_HEADING.matcher(lines.get(i)).matches()) {
        b.append(' ').append(clean(lines.get(i)));
        i++;
      }
      blocks.add(new Paragraph(start + 1, b.toString()));
    }
    return new SourceDocument(name, blocks);
  }

  /** "NetBackup network ports          10": a line of text ending, after a wide gap, in a page number. */
  private static final Pattern PAGE_LINE = Pattern.compile("^(\\S.*?\\S)\\s{4,}(\\d{1,4})\\s*$");

  /**
   * The running header or footer of a converted PDF: the same words on several lines, each ending
   * in a page number that grows from one to the next ("… ports    10", "… ports    11"). Those lines
   * are blanked (line numbers kept): their numbers are pages, not ports.
   */
  static List<String> withoutRunningFooters(List<String> lines) {
    java.util.Map<String, List<Integer>> at = new java.util.HashMap<>();
    for (int i = 0; i < lines.size(); i++) {
      String l = lines.get(i);
      if (l.length() < 12 || !Character.isDigit(l.charAt(l.length() - 1)) && !Character.isWhitespace(l.charAt(l.length() - 1))) continue;
      var m = PAGE_LINE.matcher(l);
      if (m.matches() && m.group(1).split("\\s+").length >= 2) at.computeIfAbsent(m.group(1).replaceAll("\\s+", " "), k -> new ArrayList<>()).add(i);
    }
    List<String> out = null;
    for (List<Integer> where : at.values()) {
      if (where.size() < 2) continue;
      int previous = -1;
      boolean growing = true;
      for (int i : where) {
        var m = PAGE_LINE.matcher(lines.get(i));
        int page = m.matches() ? Integer.parseInt(m.group(2)) : -1;
        growing &= page > previous;
        previous = page;
      }
      if (!growing) continue;
      if (out == null) out = new ArrayList<>(lines);
      for (int i : where) out.set(i, "");
    }
    return out == null ? lines : out;
  }

  static boolean isBlank(String line) {
    return line.replace('\u00a0', ' ').isBlank();
  }

  static String clean(String s) {
    String t = s.replace('\u00a0', ' ').replace('\t', ' ').strip();
    if (t.indexOf('<') >= 0 && t.matches("(?s).*</?[a-zA-Z][^>]*>.*")) {
      var body = Jsoup.parseBodyFragment(t).body();
      // "<ul><li>22 - SSH</li><li>5433 - YSQL server</li></ul>" in a Markdown cell: each item is a part of its own.
      body.select("li, p").forEach(e -> {
        if (e.previousElementSibling() != null || e.normalName().equals("li") && e.parent() != null && e.parent().previousSibling() != null)
          e.before(new org.jsoup.nodes.TextNode(" ; "));
      });
      body.select("ul, ol").forEach(e -> e.after(new org.jsoup.nodes.TextNode(" ; ")));
      t = body.text();
    }
    return collapsesNothing(t) ? t.strip() : SPACES.matcher(t).replaceAll(" ").strip();
  }

  private static final java.util.regex.Pattern SPACES = java.util.regex.Pattern.compile("\\s+");

  /** Whether "\\s+" to " " leaves {@code t} as it is: no regex whitespace but single spaces. */
  private static boolean collapsesNothing(String t) {
    for (int k = 0; k < t.length(); k++) {
      char c = t.charAt(k);
      if (c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r') return false;
      if (c == ' ' && k + 1 < t.length() && t.charAt(k + 1) == ' ') return false;
    }
    return true;
  }

  private static boolean looksLikeHeading(List<String> lines, int i) {
    String t = clean(lines.get(i));
    if (t.length() > 80 || t.isEmpty()) return false;
    if (t.split(" ").length > 10) return false;
    char last = t.charAt(t.length() - 1);
    if (".:;,!?".indexOf(last) >= 0) return false;
    if (!Character.isUpperCase(t.charAt(0)) && !Character.isDigit(t.charAt(0))) return false;
    boolean blankBefore = i == 0 || isBlank(lines.get(i - 1));
    boolean blankAfter = i + 1 >= lines.size() || isBlank(lines.get(i + 1));
    return blankBefore && blankAfter;
  }

  // ---- pipe tables -------------------------------------------------------------------

  private static boolean isPipeRow(String line) {
    return countUnescaped(line, '|') >= 2 || PIPE_SEPARATOR.matcher(line).matches() && line.contains("|");
  }

  private static int countUnescaped(String s, char c) {
    int k = 0;
    for (int i = 0; i < s.length(); i++) if (s.charAt(i) == c && (i == 0 || s.charAt(i - 1) != '\\')) k++;
    return k;
  }

  private static int readPipeTables(List<String> lines, int i, List<Block> blocks) {
    int n = lines.size();
    int start = i;
    List<String> header = List.of();
    int headerLine = i + 1;
    List<Row> rows = new ArrayList<>();
    while (i < n && isPipeRow(lines.get(i))) {
      String line = lines.get(i);
      if (PIPE_SEPARATOR.matcher(line).matches()) {
        i++;
        continue;
      }
      List<String> cells = splitPipes(line);
      boolean isHeader = i + 1 < n && PIPE_SEPARATOR.matcher(lines.get(i + 1)).matches();
      if (isHeader) {
        if (!header.isEmpty() || !rows.isEmpty()) blocks.add(new Table(headerLine, Shape.PIPE, header, rows));
        header = cells;
        headerLine = i + 1;
        rows = new ArrayList<>();
      } else {
        rows.add(new Row(i + 1, cells));
      }
      i++;
    }
    if (!header.isEmpty() || !rows.isEmpty()) blocks.add(new Table(headerLine, Shape.PIPE, header, rows));
    return Math.max(i, start + 1);
  }

  private static List<String> splitPipes(String line) {
    String t = line.strip();
    if (t.startsWith("|")) t = t.substring(1);
    if (t.endsWith("|") && !t.endsWith("\\|")) t = t.substring(0, t.length() - 1);
    List<String> cells = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    for (int k = 0; k < t.length(); k++) {
      char c = t.charAt(k);
      if (c == '\\' && k + 1 < t.length() && t.charAt(k + 1) == '|') {
        cur.append('|');
        k++;
      } else if (c == '|') {
        cells.add(clean(cur.toString()));
        cur.setLength(0);
      } else {
        cur.append(c);
      }
    }
    cells.add(clean(cur.toString()));
    return cells;
  }

  // ---- tab-separated tables ----------------------------------------------------------

  private static boolean isTabRow(String line) {
    if (line.indexOf('\t') < 0) return false;
    return line.strip().split("\t").length >= 2;
  }

  private static List<String> splitTabs(String line) {
    List<String> cells = new ArrayList<>();
    for (String c : line.split("\t", -1)) cells.add(clean(c));
    while (!cells.isEmpty() && cells.getLast().isEmpty()) cells.removeLast();
    return cells;
  }

  static boolean looksLikeHeader(List<String> cells) {
    if (cells.size() < 2) return false;
    for (String c : cells) if (c.length() > 40 || c.matches(".*\\d.*")) return false;
    return true;
  }

  private static int readTabTable(List<String> lines, int i, List<Block> blocks) {
    int n = lines.size();
    List<String> first = splitTabs(lines.get(i));
    List<String> header = looksLikeHeader(first) ? first : List.of();
    int tableLine = i + 1;
    List<Row> rows = new ArrayList<>();
    if (header.isEmpty()) rows.add(new Row(i + 1, first));
    i++;
    int width = first.size();
    while (i < n) {
      if (isTabRow(lines.get(i))) {
        List<String> cells = splitTabs(lines.get(i));
        if (!header.isEmpty() && cells.equals(header)) break;
        rows.add(new Row(i + 1, cells));
        i++;
        continue;
      }
      // A blank line inside a table: the table goes on if the next line is a row of the same width.
      int j = i;
      while (j < n && isBlank(lines.get(j))) j++;
      if (j > i && j < n && j - i <= 2 && isTabRow(lines.get(j))) {
        List<String> next = splitTabs(lines.get(j));
        if (Math.abs(next.size() - width) <= 1 && !looksLikeHeader(next)) {
          i = j;
          continue;
        }
      }
      break;
    }
    blocks.add(new Table(tableLine, Shape.TAB, header, rows));
    return i;
  }

  // ---- runs of port lines ("TCP 445 (SMB)", "- TCP/UDP 88 ( Kerberos )") -------------------

  private static int readPortList(List<String> lines, int i, List<Block> blocks) {
    int n = lines.size();
    List<Row> rows = new ArrayList<>();
    int j = i;
    int end = i;
    while (j < n) {
      if (isBlank(lines.get(j))) {
        j++;
        continue;
      }
      String item = clean(lines.get(j));
      var bullet = BULLET.matcher(lines.get(j));
      if (bullet.matches()) item = clean(bullet.group(1));
      if (!isPortLine(item)) break;
      rows.add(new Row(j + 1, List.of(item)));
      j++;
      end = j;
    }
    if (rows.size() < 2) return i;
    blocks.add(new Table(i + 1, Shape.PORT_LIST, List.of("Port"), rows));
    return end;
  }

  static boolean isPortLine(String item) {
    if (item.length() > 60 || item.endsWith(".")) return false;
    if (!PORT_LINE.matcher(item.toLowerCase(Locale.ROOT)).matches()) return false;
    return !PortExpressions.parse(item).isEmpty();
  }
}
