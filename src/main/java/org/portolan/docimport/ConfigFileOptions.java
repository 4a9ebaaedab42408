package org.portolan.docimport;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.portolan.docimport.SourceDocument.Row;
import org.portolan.docimport.SourceDocument.Shape;
import org.portolan.docimport.SourceDocument.Table;

/**
 * A commented configuration file ({@code turnserver.conf}: comment paragraphs, each above an
 * option line {@code #listening-port=3478}, commented out or not): its port options become a
 * "Port | Protocol | Description" table, each described by the comment above it (and by the
 * comment of the switch it belongs to: {@code prometheus} above {@code prometheus-port}); a
 * {@code min-port}/{@code max-port} pair is one range. The transport is the one the comment
 * names (TCP/UDP; TLS, HTTP(S), telnet over TCP; DTLS over UDP), else none, and the ordinary
 * reading leaves the row for review. Hand-written: a line-based reading of {@code name=value}
 * lines, no library reads this loose form.
 */
final class ConfigFileOptions {
  private ConfigFileOptions() {}

  private static final Pattern OPTION = Pattern.compile("^\\s*#?([A-Za-z][\\w.-]{0,60})\\s*=\\s*\"?([^\"#]*?)\"?\\s*$");
  private static final Pattern SWITCH = Pattern.compile("^\\s*#?([A-Za-z][\\w.-]{0,60})\\s*$");
  private static final Pattern COMMENT = Pattern.compile("^\\s*#\\s?(.*)$");
  private static final Pattern PORT_NAME = Pattern.compile("(?i)(.*?)[-_.]?port$");
  private static final Pattern LOW = Pattern.compile("(?i)(.*?)(?:min|lower|low|start|first|from)[-_.]?port$");
  private static final Pattern HIGH = Pattern.compile("(?i)(.*?)(?:max|upper|high|end|last|to)[-_.]?port$");
  private static final Pattern NUMBER = Pattern.compile("\\d{1,5}");
  private static final Pattern TCP_WORD = Pattern.compile("(?i)\\btcp\\b|\\bhttps?\\b|\\btls\\b|\\btelnet\\b|\\bssh\\b|\\brpc\\b");
  private static final Pattern UDP_WORD = Pattern.compile("(?i)\\budp\\b|\\bdtls\\b");
  private static final int MIN_OPTIONS = 5;

  /** The port table of {@code lines} when they are a commented configuration file, else empty. */
  static Optional<Table> table(List<String> lines) {
    int options = 0, structured = 0, nonBlank = 0;
    for (String l : lines) {
      if (l.isBlank()) continue;
      nonBlank++;
      if (OPTION.matcher(l).matches()) options++;
      if (l.stripLeading().startsWith("#") || OPTION.matcher(l).matches() || SWITCH.matcher(l).matches()) structured++;
    }
    if (options < MIN_OPTIONS || structured * 10 < nonBlank * 9) return Optional.empty();
    Map<String, String> described = new LinkedHashMap<>();
    Map<String, Integer> portOf = new LinkedHashMap<>();
    Map<String, Integer> lineOf = new LinkedHashMap<>();
    StringBuilder comment = new StringBuilder();
    for (int i = 0; i < lines.size(); i++) {
      String l = lines.get(i);
      Matcher o = OPTION.matcher(l), s = SWITCH.matcher(l), c = COMMENT.matcher(l);
      if (l.isBlank()) {
        continue;
      }
      String name = o.matches() ? o.group(1) : s.matches() ? s.group(1) : null;
      if (name == null && c.matches()) {
        if (!c.group(1).isBlank()) comment.append(comment.isEmpty() ? "" : " ").append(c.group(1).strip());
        continue;
      }
      if (name == null) continue;
      if (!comment.isEmpty()) described.putIfAbsent(name, comment.toString());
      comment.setLength(0);
      if (o.matches() && NUMBER.matcher(o.group(2).strip()).matches() && PORT_NAME.matcher(name).matches()) {
        int port = Integer.parseInt(o.group(2).strip());
        if (port > 0 && port <= 65535 && !portOf.containsKey(name)) {
          portOf.put(name, port);
          lineOf.put(name, i + 1);
        }
      }
    }
    List<Row> rows = new ArrayList<>();
    Set<String> done = new LinkedHashSet<>();
    for (var e : portOf.entrySet()) {
      String name = e.getKey();
      if (done.contains(name)) continue;
      String text = described.getOrDefault(name, "");
      String cell = String.valueOf(e.getValue());
      Matcher low = LOW.matcher(name);
      if (low.matches()) {
        String high = portOf.keySet().stream().filter(n -> {
          Matcher h = HIGH.matcher(n);
          return h.matches() && h.group(1).equalsIgnoreCase(low.group(1));
        }).findFirst().orElse(null);
        if (high != null && portOf.get(high) > e.getValue()) {
          cell = e.getValue() + "-" + portOf.get(high);
          text = (text + " " + described.getOrDefault(high, "")).strip();
          done.add(high);
        }
      } else if (HIGH.matcher(name).matches()) {
        continue; // an upper bound alone names no port to open
      }
      Matcher base = PORT_NAME.matcher(name);
      if (base.matches() && described.containsKey(base.group(1)) && !base.group(1).isEmpty()) text = described.get(base.group(1)) + " " + text;
      Set<String> protocols = new LinkedHashSet<>();
      if (TCP_WORD.matcher(text).find()) protocols.add("TCP");
      if (UDP_WORD.matcher(text).find()) protocols.add("UDP");
      rows.add(new Row(lineOf.get(name), List.of(cell, String.join("/", protocols), name + ": " + text)));
      done.add(name);
    }
    if (rows.isEmpty()) return Optional.empty();
    return Optional.of(new Table(rows.getFirst().line(), Shape.PIPE, List.of("Port", "Protocol", "Description"), rows));
  }
}
