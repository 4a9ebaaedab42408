package org.portolan.docimport;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.portolan.docimport.SourceDocument.Row;
import org.portolan.docimport.SourceDocument.Table;

/**
 * A table that gives one interaction over several rows, one field per row ("Interaction | Type |
 * Connection | Description" with rows "Default port | 9081", "Protocol | HTTPS", "Origination |
 * Web browser", the first cells spanning the rows): turned into one row per interaction whose
 * columns are the field names, so the column meanings read it as any other table.
 */
final class FieldRowsTable {
  private FieldRowsTable() {}

  private static final Pattern PORT_FIELD = Pattern.compile("(?i).*\\bports?\\b.*");
  private static final int MAX_FIELDS = 10;

  /** {@code t} with its field rows gathered, or {@code t} itself when it is not of that shape. */
  static Table pivot(Table t) {
    int width = t.header().size();
    if (width < 3 || t.rows().size() < 4) return t;
    int key = width - 2;
    if (PORT_FIELD.matcher(t.header().get(key)).matches() || PORT_FIELD.matcher(t.header().get(key + 1)).matches()) return t;
    Set<String> fields = new LinkedHashSet<>();
    Map<String, Integer> seen = new LinkedHashMap<>();
    for (Row r : t.rows()) {
      String f = r.cell(key).strip();
      if (f.isEmpty() || f.length() > 40) return t;
      fields.add(f);
      if (fields.size() > MAX_FIELDS) return t;
      seen.merge(f.toLowerCase(Locale.ROOT), 1, Integer::sum);
    }
    // A field that names a port, repeated: the key column holds field names, not values.
    boolean portField = false;
    for (String f : fields) if (PORT_FIELD.matcher(f).matches() && seen.get(f.toLowerCase(Locale.ROOT)) >= 2) portField = true;
    if (!portField || fields.size() < 2 || fields.size() * 2 > t.rows().size()) return t;
    List<String> header = new ArrayList<>(t.header().subList(0, key));
    header.addAll(fields);
    List<String> order = new ArrayList<>(fields);
    List<Row> rows = new ArrayList<>();
    List<String> groupKey = null;
    String[] cur = null;
    int line = 0;
    for (Row r : t.rows()) {
      List<String> k = r.cells().subList(0, Math.min(key, r.cells().size()));
      String f = r.cell(key).strip();
      int at = key + order.indexOf(f);
      // A new interaction: its first cells change, or a field comes round again.
      if (cur == null || !k.equals(groupKey) || !cur[at].isEmpty()) {
        if (cur != null) rows.add(new Row(line, List.of(cur)));
        cur = new String[header.size()];
        java.util.Arrays.fill(cur, "");
        for (int i = 0; i < key; i++) cur[i] = r.cell(i);
        groupKey = k;
        line = r.line();
      }
      cur[at] = r.cell(key + 1);
    }
    if (cur != null) rows.add(new Row(line, List.of(cur)));
    return new Table(t.line(), t.shape(), header, rows);
  }
}
