package org.portolan.docimport;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.portolan.docimport.SourceDocument.Row;
import org.portolan.docimport.SourceDocument.Table;

/**
 * A port matrix whose columns are directions, not fields ("Service | Inbound | Outbound |
 * Internal only"), each cell a list of "4242 (REST API)" items: turned into one "Port |
 * Description" row per item, the description naming the row's service and the direction, so
 * the column meanings and the evidence stage read it as any port table. The direction is kept in
 * the text only (an outbound item names the peer's listening port, which is a port to open all
 * the same); who talks to whom stays for review. Its items rarely say TCP or UDP: with no
 * transport stated on the page either, an item is a review note, never a guessed TCP.
 */
final class DirectionColumnsTable {
  private DirectionColumnsTable() {}

  private static final Pattern DIRECTION_HEADER = Pattern.compile(
      "(?i)\\s*(?:inbound|outbound|incoming|outgoing|ingress|egress|internal|external)(?:\\s+(?:only|ports?|connections?|traffic|communication))?\\s*");
  private static final Pattern PORT_HEADER = Pattern.compile("(?i).*\\bports?\\b.*");
  /** One item of a direction cell: "4242 (REST API)", "One port in range 50101 - 50131 (GRPC proxy port)", "9200". */
  private static final Pattern ITEM = Pattern.compile(
      "(?i)\\s*(?:(?:one|any|a)\\s+port\\s+(?:in|from|of)\\s+(?:the\\s+)?range\\s+)?(\\d{1,5}(?:\\s*[-\u2013]\\s*\\d{1,5})?)\\s*(?:\\((.*)\\))?\\s*\\.?\\s*");

  /** {@code t} as a "Port | Description" table, or {@code t} itself when it is not a matrix of direction columns. */
  static Table pivot(Table t) {
    List<Integer> directions = new ArrayList<>();
    int name = -1;
    for (int i = 0; i < t.header().size(); i++) {
      String h = t.header().get(i);
      if (PORT_HEADER.matcher(h).matches()) return t;
      if (DIRECTION_HEADER.matcher(h).matches()) directions.add(i);
      else if (name < 0) name = i;
    }
    if (directions.size() < 2 || t.rows().isEmpty()) return t;
    int items = 0, others = 0;
    List<Row> rows = new ArrayList<>();
    for (Row r : t.rows()) {
      String subject = name < 0 ? "" : r.cell(name).strip();
      for (int d : directions) {
        for (String part : r.cell(d).split(";")) {
          String p = part.strip();
          if (p.isEmpty() || !hasDigit(p)) continue;
          Matcher m = ITEM.matcher(p);
          String what = t.header().get(d).strip().toLowerCase(Locale.ROOT);
          if (m.matches()) {
            items++;
            String port = m.group(1).replaceAll("\\s+", "");
            String remark = m.group(2) == null ? "" : ": " + m.group(2).strip();
            rows.add(new Row(r.line(), List.of(port, (subject.isEmpty() ? "" : subject + ", ") + what + remark), r.notes()));
          } else {
            others++;
            rows.add(new Row(r.line(), List.of(p, (subject.isEmpty() ? "" : subject + ", ") + what), r.notes()));
          }
        }
      }
    }
    // Most items must be ports with a remark: cells of prose under "Inbound" are not such a matrix.
    if (items < 2 || others * 2 > items) return t;
    return new Table(t.line(), SourceDocument.Shape.DIRECTIONS, List.of("Port", "Description"), rows);
  }

  private static boolean hasDigit(String s) {
    for (int i = 0; i < s.length(); i++) if (Character.isDigit(s.charAt(i))) return true;
    return false;
  }
}
