package org.portolan.docimport;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.portolan.docimport.SourceDocument.Block;
import org.portolan.docimport.SourceDocument.Row;
import org.portolan.docimport.SourceDocument.Shape;
import org.portolan.docimport.SourceDocument.Table;

/**
 * A table whose columns are separated by spaces only, as a web page copied to text leaves it:
 * a header of column words ("Source Destination Type Port Details"), rows whose cells may be
 * several words, and a non-breaking space standing for a blank cell that means "same as
 * above". Cells are found by their content: the port, protocol and direction columns have
 * recognisable words; the name columns take the words between them. Two name columns side by
 * side ("XenServer hosts XenServer hosts") are split where a name already seen in the table
 * ends; a split the reader had to guess is noted on the row.
 */
final class SpaceAlignedTable {
  private SpaceAlignedTable() {}

  private enum Kind { NAME, PROTOCOL, PORT, DIRECTION, REST }

  private static final Set<String> HEADER_WORDS = Set.of("source", "destination", "domain", "port", "ports", "protocol",
      "type", "direction", "traffic", "details", "description", "purpose", "use", "usage", "notes", "service", "from", "to");

  private static final Pattern PROTOCOL = Pattern.compile("(?i)^(tcp|udp|icmp)([,/](tcp|udp|icmp)?)*[,/]?$");
  private static final Pattern PORT = Pattern.compile("(?i)^(\\d{1,5}([-\u2013\u2014]\\d{1,5})?,?|dynamic,?|\\d{1,5}\\+)$");
  private static final Pattern DIRECTION = Pattern.compile("(?i)^/?(inbound|outbound|bidirectional|both)(/(inbound|outbound))?$|^/$");
  private static final String BLANK = "\u00a0";

  static int tryRead(List<String> lines, int i, List<Block> blocks) {
    String head = lines.get(i).strip();
    if (head.indexOf('\t') >= 0 || head.indexOf('|') >= 0) return i;
    String[] words = head.split(" +");
    if (words.length < 3 || words.length > 8) return i;
    List<Kind> kinds = new ArrayList<>();
    for (String w : words) {
      String lw = w.toLowerCase(Locale.ROOT);
      if (!HEADER_WORDS.contains(lw)) return i;
      kinds.add(kindOf(lw));
    }
    if (!kinds.contains(Kind.PORT)) return i;
    // The last text column takes the rest of the line.
    for (int k = kinds.size() - 1; k >= 0; k--) {
      if (kinds.get(k) == Kind.NAME) {
        if (k == kinds.size() - 1) kinds.set(k, Kind.REST);
        break;
      }
      if (kinds.get(k) == Kind.REST) break;
    }
    int n = lines.size();
    int k = i + 1;
    List<List<String>> tokenRows = new ArrayList<>();
    List<Integer> rowLines = new ArrayList<>();
    while (k < n && !TextDocumentReader.isBlank(lines.get(k))) {
      tokenRows.add(tokens(lines.get(k)));
      rowLines.add(k + 1);
      k++;
    }
    if (tokenRows.isEmpty()) return i;
    List<String> header = List.of(words);
    Set<String> known = new LinkedHashSet<>();
    List<Row> rows = new ArrayList<>();
    List<String> previous = null;
    // Two passes: the first learns names from unambiguous rows, the second splits the rest.
    for (int pass = 0; pass < 2; pass++) {
      rows.clear();
      previous = null;
      for (int r = 0; r < tokenRows.size(); r++) {
        Row row = split(tokenRows.get(r), kinds, rowLines.get(r), known, previous);
        rows.add(row);
        previous = row.cells();
      }
    }
    blocks.add(new Table(i + 1, Shape.SPACE_ALIGNED, header, rows));
    return k;
  }

  private static Kind kindOf(String headerWord) {
    return switch (headerWord) {
      case "port", "ports" -> Kind.PORT;
      case "protocol", "type" -> Kind.PROTOCOL;
      case "direction", "traffic" -> Kind.DIRECTION;
      case "details", "description", "purpose", "use", "usage", "notes" -> Kind.REST;
      default -> Kind.NAME;
    };
  }

  private static List<String> tokens(String line) {
    List<String> out = new ArrayList<>();
    for (String w : line.strip().split("[ \t]+")) {
      if (w.isEmpty()) continue;
      if (w.replace(BLANK, "").isEmpty()) {
        for (int c = 0; c < w.length(); c++) out.add(BLANK);
      } else {
        out.add(w.replace(BLANK, " ").strip());
      }
    }
    return out;
  }

  private static boolean matches(Kind kind, String token) {
    return switch (kind) {
      case PROTOCOL -> PROTOCOL.matcher(token).matches();
      case PORT -> PORT.matcher(token).matches();
      case DIRECTION -> DIRECTION.matcher(token).matches();
      case NAME, REST -> false;
    };
  }

  private static Row split(List<String> tokens, List<Kind> kinds, int line, Set<String> known, List<String> previous) {
    List<String> cells = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    int t = 0;
    int c = 0;
    while (c < kinds.size()) {
      Kind kind = kinds.get(c);
      if (t < tokens.size() && tokens.get(t).equals(BLANK)) {
        cells.add("");
        t++;
        c++;
        continue;
      }
      switch (kind) {
        case PROTOCOL, PORT, DIRECTION -> {
          StringBuilder b = new StringBuilder();
          while (t < tokens.size() && matches(kind, tokens.get(t))
              || (kind == Kind.PORT && t < tokens.size() && tokens.get(t).equalsIgnoreCase("and") && t + 1 < tokens.size() && matches(kind, tokens.get(t + 1)))) {
            b.append(b.isEmpty() ? "" : " ").append(tokens.get(t));
            t++;
          }
          cells.add(b.toString());
          c++;
        }
        case REST -> {
          StringBuilder b = new StringBuilder();
          while (t < tokens.size()) {
            if (!tokens.get(t).equals(BLANK)) b.append(b.isEmpty() ? "" : " ").append(tokens.get(t));
            t++;
          }
          cells.add(b.toString());
          c++;
        }
        case NAME -> {
          // Name columns up to the next column that content can recognise.
          int names = 0;
          while (c + names < kinds.size() && kinds.get(c + names) == Kind.NAME) names++;
          Kind anchor = c + names < kinds.size() ? kinds.get(c + names) : Kind.REST;
          List<String> span = new ArrayList<>();
          while (t < tokens.size() && !tokens.get(t).equals(BLANK) && !(anchor != Kind.REST && matches(anchor, tokens.get(t)))) {
            span.add(tokens.get(t));
            t++;
          }
          if (names == 1) {
            String name = String.join(" ", span);
            cells.add(name);
            if (!name.isEmpty()) known.add(name);
          } else {
            List<String> parts = splitNames(span, names, known, notes);
            cells.addAll(parts);
          }
          c += names;
        }
      }
    }
    // A blank cell (a non-breaking space) means "same as above".
    for (int k = 0; k < cells.size(); k++) {
      if (cells.get(k).isEmpty() && previous != null && k < previous.size() && !previous.get(k).isEmpty()) {
        cells.set(k, previous.get(k));
      }
    }
    if (t < tokens.size()) notes.add("row has more words than columns; the rest was dropped: " + String.join(" ", tokens.subList(t, tokens.size())));
    return new Row(line, cells, notes);
  }

  /** Splits the words of {@code count} adjacent name cells (only two are handled: source, destination). */
  private static List<String> splitNames(List<String> span, int count, Set<String> known, List<String> notes) {
    List<String> out = new ArrayList<>();
    if (count != 2 || span.size() < 2) {
      out.add(String.join(" ", span));
      for (int k = 1; k < count; k++) out.add("");
      if (!span.isEmpty() && count > 1) notes.add("could not tell the " + count + " name columns apart in '" + String.join(" ", span) + "'");
      return out;
    }
    int cut = -1;
    if (span.size() % 2 == 0) {
      int h = span.size() / 2;
      if (span.subList(0, h).equals(span.subList(h, span.size()))) cut = h;
    }
    if (cut < 0) {
      // The longest known name ending the span, else the longest known name starting it.
      for (int k = 1; k < span.size() && cut < 0; k++) if (known.contains(String.join(" ", span.subList(k, span.size())))) cut = k;
      for (int k = span.size() - 1; k >= 1 && cut < 0; k--) if (known.contains(String.join(" ", span.subList(0, k)))) cut = k;
    }
    if (cut < 0) {
      cut = span.size() / 2;
      notes.add("guessed where the source ends and the destination begins in '" + String.join(" ", span) + "'");
      out.add(String.join(" ", span.subList(0, cut)));
      out.add(String.join(" ", span.subList(cut, span.size())));
      return out;
    }
    String a = String.join(" ", span.subList(0, cut));
    String b = String.join(" ", span.subList(cut, span.size()));
    known.add(a);
    known.add(b);
    out.add(a);
    out.add(b);
    return out;
  }
}
