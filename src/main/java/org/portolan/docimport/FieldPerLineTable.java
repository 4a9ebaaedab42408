package org.portolan.docimport;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.portolan.docimport.SourceDocument.Block;
import org.portolan.docimport.SourceDocument.Row;
import org.portolan.docimport.SourceDocument.Shape;
import org.portolan.docimport.SourceDocument.Table;

/**
 * A table flattened to one field per line, as a PDF-to-text export leaves it: a "Port" line
 * and a "Description" line as the header, then per row a port-name line ("HTTP (TCP 80)"), an
 * optional "Stateful" line, an optional location line ("Open on the Primary Server") and the
 * description paragraphs. Read into rows of Port, Stateful, Location, Description.
 */
final class FieldPerLineTable {
  private FieldPerLineTable() {}

  static final List<String> HEADER = List.of("Port", "Stateful", "Location", "Description");

  private static final Pattern FIRST = Pattern.compile("(?i)ports?");
  private static final Pattern SECOND = Pattern.compile("(?i)description|purpose|details|usage|use");
  private static final Pattern STATE = Pattern.compile("(?i)stateful|stateless");
  private static final Pattern LOCATION = Pattern.compile("(?i)^open on\\b.*");
  private static final Pattern PROSE_START = Pattern.compile("(?i)^(open|used|allows|communication|required|a|an|the)\\b.*");
  private static final Pattern END = Pattern.compile("(?i).*\\b(this table|the following table)\\b.*");

  /** Reads a table starting at line index {@code i}; returns the index after it, or {@code i}. */
  static int tryRead(List<String> lines, int i, List<Block> blocks) {
    if (!FIRST.matcher(TextDocumentReader.clean(lines.get(i))).matches()) return i;
    int j = nextNonBlank(lines, i + 1);
    if (j < 0 || j - i > 3 || !SECOND.matcher(TextDocumentReader.clean(lines.get(j))).matches()) return i;
    int n = lines.size();
    List<Row> rows = new ArrayList<>();
    int k = j + 1;
    int end = k;
    String[] cur = null;
    int curLine = 0;
    boolean lastWasName = false;
    while (k < n) {
      String raw = lines.get(k);
      if (TextDocumentReader.isBlank(raw)) {
        k++;
        continue;
      }
      String t = TextDocumentReader.clean(raw);
      if (END.matcher(t).matches()) break;
      if (isPortName(t)) {
        if (cur != null) rows.add(row(curLine, cur));
        cur = new String[] {t, "", "", ""};
        curLine = k + 1;
        lastWasName = true;
      } else if (cur == null) {
        break;
      } else if (STATE.matcher(t).matches()) {
        cur[1] = t;
      } else if (LOCATION.matcher(t).matches() || (lastWasName && isShortName(t))) {
        cur[2] = cur[2].isEmpty() ? t : cur[2] + "; " + t;
        lastWasName = false;
      } else {
        cur[3] = cur[3].isEmpty() ? t : cur[3] + " " + t;
        lastWasName = false;
      }
      if (STATE.matcher(t).matches()) lastWasName = true;
      k++;
      end = k;
    }
    if (cur != null) rows.add(row(curLine, cur));
    if (rows.isEmpty()) return i;
    blocks.add(new Table(i + 1, Shape.FIELD_PER_LINE, HEADER, rows));
    return end;
  }

  private static Row row(int line, String[] cells) {
    return new Row(line, List.of(cells));
  }

  private static int nextNonBlank(List<String> lines, int from) {
    for (int k = from; k < lines.size(); k++) if (!TextDocumentReader.isBlank(lines.get(k))) return k;
    return -1;
  }

  /** "HTTP (TCP 80)", "ZENworks VNC (5950)", "ICMP": short, no full stop, names ports. */
  private static boolean isPortName(String t) {
    if (t.length() > 80 || t.endsWith(".") || PROSE_START.matcher(t).matches()) return false;
    if (t.toLowerCase(Locale.ROOT).equals("icmp")) return true;
    var parsed = PortExpressions.parse(t);
    return !parsed.isEmpty() && !parsed.fromServiceName();
  }

  /** "Primary Server and Satellite devices": a location written without "Open on". */
  private static boolean isShortName(String t) {
    return t.length() <= 60 && !t.endsWith(".") && !PROSE_START.matcher(t).matches() && t.split(" ").length <= 8;
  }
}
