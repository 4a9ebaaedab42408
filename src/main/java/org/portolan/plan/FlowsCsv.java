package org.portolan.plan;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;
import java.util.stream.Collectors;
import org.portolan.diag.Diagnostics;
import org.portolan.diag.SourcePosition;
import org.portolan.model.AddressBlocks;
import org.portolan.model.PortSet;
import org.portolan.model.Protocol;
import org.portolan.model.Provenance;

/**
 * Portolan's exchange format. Header {@code name,src,dst,proto,ports}, further columns
 * allowed after these ({@code purpose} is read when present). src/dst: IPs, CIDRs, ranges
 * {@code a-b} or FQDNs, several separated by spaces. proto: tcp, udp, icmp or a protocol
 * number. ports: {@code 80}, {@code 53 88}, {@code 49152-65535}; for icmp an optional type
 * ({@code 8}) or type/code ({@code 3/4}); empty for other protocols.
 */
public final class FlowsCsv {
  private FlowsCsv() {}

  public static final List<String> HEADER = List.of("name", "src", "dst", "proto", "ports");

  /** Reads a flows file; every problem goes into {@code diagnostics} with file:line:column. */
  public static FlowPlan read(Path file, Diagnostics diagnostics) {
    return read(org.portolan.diag.SourceText.read(file, "flows file"), file.toString(), diagnostics);
  }

  public static FlowPlan read(String content, String fileName, Diagnostics diagnostics) {
    return read(content, fileName, diagnostics, true);
  }

  /** As above; {@code parallel} false parses every row on the calling thread (the check that both agree). */
  static FlowPlan read(String content, String fileName, Diagnostics diagnostics, boolean parallel) {
    // where each line starts, not the lines themselves: a 100,000-flow file is not held twice
    int[] lineStarts = lineStarts(content);
    List<Flow> flows = new ArrayList<>();
    Map<String, Integer> seen = new HashMap<>();
    CsvMapper mapper = new CsvMapper().enable(CsvParser.Feature.WRAP_AS_ARRAY);
    int line = 1;
    try (MappingIterator<String[]> it = mapper.readerFor(String[].class).readValues(new StringReader(content))) {
      String[] header = null;
      int purposeColumn = -1;
      // the rows are split by Jackson in order, then parsed (addresses, ports: most of the time) on every core in
      // chunks, each row with diagnostics of its own; they are merged back in file order, so the flows, the
      // duplicate-name errors and every diagnostic come out exactly as one thread gives them
      List<String[]> rows = new ArrayList<>();
      List<Integer> rowLines = new ArrayList<>();
      while (it.hasNextValue()) {
        JsonLocation loc = it.getCurrentLocation();
        line = Math.max(1, loc.getLineNr());
        String[] row = it.nextValue();
        if (row.length == 0 || row.length == 1 && row[0].isBlank()) continue;
        if (header == null) {
          header = row;
          if (!headerOk(row)) {
            diagnostics.error(new SourcePosition(fileName, line, 1), "expected the header 'name,src,dst,proto,ports' (further columns may follow), got '" + String.join(",", row) + "'");
            return new FlowPlan("", List.of(), List.of());
          }
          for (int i = HEADER.size(); i < row.length; i++) if (row[i].trim().equalsIgnoreCase("purpose")) purposeColumn = i;
          continue;
        }
        rows.add(row);
        rowLines.add(line);
      }
      int purpose = purposeColumn;
      // a cell's endpoints, parsed once per distinct text: the same source and destination cells
      // repeat on most rows (1,000 probe rows name 6 addresses), and an endpoint is immutable
      // (concurrent: the rows are parsed on every core; two threads may parse one cell, to equal endpoints)
      // (sized for every row's two cells: grown from 16 it was copied a dozen times while both cores read it)
      Map<String, List<Endpoint>> cells = new java.util.concurrent.ConcurrentHashMap<>(2 * rows.size());
      java.util.stream.IntStream indexes = java.util.stream.IntStream.range(0, rows.size());
      if (parallel && rows.size() >= PARALLEL_FROM) indexes = indexes.parallel();
      List<Parsed> parsed = indexes.mapToObj(i -> {
        Diagnostics d = new Diagnostics();
        int at = rowLines.get(i);
        Flow f = parseRow(rows.get(i), fileName, at, rawLine(content, lineStarts, at), purpose, cells, d);
        return new Parsed(f, at, d);
      }).toList();
      for (Parsed p : parsed) {
        diagnostics.addAll(p.diagnostics());
        Flow f = p.flow();
        if (f == null) continue;
        Integer previous = seen.putIfAbsent(f.name(), p.line());
        if (previous != null) {
          diagnostics.error(new SourcePosition(fileName, p.line(), 1), "flow name '" + f.name() + "' already used on line " + previous + "; names must be unique");
          continue;
        }
        flows.add(f);
      }
      if (header == null) diagnostics.error(SourcePosition.of(fileName), "empty flows file: expected the header 'name,src,dst,proto,ports'");
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      JsonLocation loc = e.getLocation();
      SourcePosition at = loc == null || loc.getLineNr() < 1 ? SourcePosition.of(fileName) : new SourcePosition(fileName, loc.getLineNr(), Math.max(1, loc.getColumnNr()));
      String why = e.getOriginalMessage();
      if (why != null && why.toLowerCase(Locale.ROOT).contains("closing quote")) {
        // Jackson reports the end of the file; point at the quote that opened the field instead.
        at = unclosedQuote(content, fileName);
        why = "this quoted field is never closed: every \" that opens a field needs a \" that closes it";
      }
      diagnostics.error(at, "not a readable CSV file: " + why);
    } catch (IOException | RuntimeException e) {
      diagnostics.error(SourcePosition.of(fileName), "not a readable CSV file: " + e.getMessage());
    }
    return new FlowPlan("", flows, List.of());
  }

  /** Below this many rows they are parsed on one thread: splitting costs more than it saves. */
  static final int PARALLEL_FROM = 2048;

  /** One row parsed: its flow (null when it has errors) and what it reported. */
  private record Parsed(Flow flow, int line, Diagnostics diagnostics) {}

  static int[] lineStarts(String content) {
    int n = 1;
    for (int i = content.indexOf('\n'); i >= 0; i = content.indexOf('\n', i + 1)) n++;
    int[] starts = new int[n];
    int k = 1;
    for (int i = content.indexOf('\n'); i >= 0; i = content.indexOf('\n', i + 1)) starts[k++] = i + 1;
    return starts;
  }

  /** Line {@code line} (1-based) without its line break, "" past the end. */
  static String rawLine(String content, int[] starts, int line) {
    if (line - 1 >= starts.length) return "";
    int from = starts[line - 1];
    int to = line < starts.length ? starts[line] - 1 : content.length();
    if (to > from && content.charAt(to - 1) == '\r') to--;
    return content.substring(from, to);
  }

  /** Where the quote that is never closed opened (RFC 4180: {@code ""} inside quotes is a quote). */
  static SourcePosition unclosedQuote(String content, String fileName) {
    int line = 1, column = 0, openLine = 1, openColumn = 1;
    boolean quoted = false, fieldStart = true;
    for (int i = 0; i < content.length(); i++) {
      char c = content.charAt(i);
      column++;
      if (quoted) {
        if (c == '"') {
          if (i + 1 < content.length() && content.charAt(i + 1) == '"') {
            i++;
            column++;
          } else {
            quoted = false;
          }
        }
      } else if (c == '"' && fieldStart) {
        quoted = true;
        openLine = line;
        openColumn = column;
      }
      fieldStart = !quoted && (c == ',' || c == '\n');
      if (c == '\n') {
        line++;
        column = 0;
      }
    }
    return new SourcePosition(fileName, openLine, openColumn);
  }

  private static boolean headerOk(String[] row) {
    if (row.length < HEADER.size()) return false;
    for (int i = 0; i < HEADER.size(); i++) if (!row[i].trim().equalsIgnoreCase(HEADER.get(i))) return false;
    return true;
  }

  private static Flow parseRow(String[] row, String file, int line, String raw, int purposeColumn, Map<String, List<Endpoint>> cells, Diagnostics d) {
    if (row.length < HEADER.size()) {
      d.error(new SourcePosition(file, line, 1), "expected 5 columns name,src,dst,proto,ports, got " + row.length);
      return null;
    }
    int errorsBefore = d.errorCount();
    String name = row[0].trim();
    if (name.isEmpty()) d.error(at(file, line, raw, 0), "column 'name': expected a flow name, got nothing");
    List<Endpoint> src = cached(cells, row[1], "src", file, line, raw, 1, d);
    List<Endpoint> dst = cached(cells, row[2], "dst", file, line, raw, 2, d);
    Protocol proto = Protocol.tryParse(row[3]).orElse(null);
    if (proto == null) d.error(at(file, line, raw, 3), "column 'proto': expected tcp, udp, icmp or a protocol number 1-255, got '" + row[3] + "'" + (row[3].trim().matches("0+") ? Protocol.ZERO : ""));
    PortSet ports = PortSet.EMPTY;
    String portText = row[4].trim();
    if (proto != null) {
      switch (proto) {
        case Protocol.Tcp t -> ports = ports(portText, file, line, raw, d);
        case Protocol.Udp u -> ports = ports(portText, file, line, raw, d);
        case Protocol.Icmp i -> proto = icmpType(portText, file, line, raw, d);
        case Protocol.Ip ip -> {
          if (!portText.isEmpty()) d.error(at(file, line, raw, 4), "column 'ports': protocol " + ip.number() + " has no ports; leave it empty");
        }
      }
    }
    if (d.errorCount() > errorsBefore || proto == null) return null;
    String purpose = purposeColumn >= 0 && purposeColumn < row.length ? row[purposeColumn].trim() : "";
    Trace trace = new Trace("", "", name, "", "", purpose, "", new Provenance(file, "", "row " + name, line));
    boolean loopback = allLoopback(src) && allLoopback(dst);
    return new Flow(name, src, dst, proto, ports, proto.hasPorts() || proto instanceof Protocol.Icmp, loopback, List.of(trace));
  }

  /** Every endpoint is loopback addresses (loops, not streams: one call per cell of 100,000 rows). */
  private static boolean allLoopback(List<Endpoint> eps) {
    for (Endpoint e : eps) {
      if (!(e instanceof Endpoint.Addresses a)) return false;
      for (var b : a.blocks()) if (!b.isLoopback()) return false;
    }
    return true;
  }

  private static PortSet ports(String text, String file, int line, String raw, Diagnostics d) {
    var parsed = PortSet.tryParse(text);
    if (parsed.isEmpty() || parsed.get().isEmpty()) {
      d.error(at(file, line, raw, 4), "column 'ports': expected ports like '80', '53 88' or '49152-65535' (each 0-65535), got '" + text + "'");
      return PortSet.EMPTY;
    }
    return parsed.get();
  }

  private static Protocol icmpType(String text, String file, int line, String raw, Diagnostics d) {
    if (text.isEmpty()) return Protocol.ICMP_ANY;
    String[] parts = text.split("/", -1);
    try {
      if (parts.length > 2) throw new NumberFormatException();
      OptionalInt code = parts.length == 2 ? OptionalInt.of(Integer.parseInt(parts[1].trim())) : OptionalInt.empty();
      return new Protocol.Icmp(OptionalInt.of(Integer.parseInt(parts[0].trim())), code);
    } catch (IllegalArgumentException e) {
      d.error(at(file, line, raw, 4), "column 'ports': for icmp expected empty, a type (8) or type/code (3/4) within 0-255, got '" + text + "'");
      return Protocol.ICMP_ANY;
    }
  }

  /** {@link #endpoints}, remembered per cell text when it parsed without error (errors are reported on every line). */
  private static List<Endpoint> cached(Map<String, List<Endpoint>> cells, String cell, String column, String file, int line, String raw, int index, Diagnostics d) {
    List<Endpoint> known = cells.get(cell);
    if (known != null) return known;
    int errorsBefore = d.errorCount();
    List<Endpoint> parsed = endpoints(cell, column, file, line, raw, index, d);
    if (d.errorCount() == errorsBefore) cells.put(cell, List.copyOf(parsed));
    return parsed;
  }

  private static List<Endpoint> endpoints(String cell, String column, String file, int line, String raw, int index, Diagnostics d) {
    List<Endpoint> out = new ArrayList<>();
    String text = cell.trim();
    if (text.isEmpty()) {
      d.error(at(file, line, raw, index), "column '" + column + "': expected an IP, CIDR, range a-b or FQDN, got nothing");
      return out;
    }
    for (String token : tokens(text)) {
      if (AddressBlocks.isFqdn(token)) {
        out.add(new Endpoint.Fqdn(token, "", token));
        continue;
      }
      try {
        out.add(new Endpoint.Addresses(token, "", AddressBlocks.parse(token)));
      } catch (IllegalArgumentException e) {
        d.error(at(file, line, raw, index), "column '" + column + "': " + e.getMessage());
      }
    }
    return out;
  }

  private static final java.util.regex.Pattern WHITESPACE = java.util.regex.Pattern.compile("\\s+");

  /**
   * The trimmed cell's space-separated tokens, as {@code text.split("\\s+")}; a cell without
   * whitespace (one address, nearly every cell) is its one token without a regex.
   */
  static String[] tokens(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == ' ' || c == '\t' || c == '\n' || c == 0x0B || c == '\f' || c == '\r') return WHITESPACE.split(text);
    }
    return new String[] {text};
  }

  /** Position of field {@code index} on its line: the 1-based character column where it starts. */
  static SourcePosition at(String file, int line, String raw, int index) {
    int col = 1, field = 0;
    boolean quoted = false;
    for (int i = 0; i < raw.length() && field < index; i++) {
      char c = raw.charAt(i);
      if (c == '"') quoted = !quoted;
      else if (c == ',' && !quoted) {
        field++;
        col = i + 2;
      }
    }
    return new SourcePosition(file, line, col);
  }

  /** Writes exactly the flows-CSV format, one row per flow. */
  public static void write(FlowPlan plan, Writer out) throws IOException {
    out.write(String.join(",", HEADER));
    out.write('\n');
    // Plans share endpoint objects between flows (a role's hosts appear in many flows): render each once.
    Map<Endpoint, String> rendered = new java.util.IdentityHashMap<>();
    for (Flow f : plan.flows()) {
      String ports = f.protocol() instanceof Protocol.Icmp i ? i.typeNotation() : f.ports().notation();
      out.write(String.join(",",
          quote(f.name()),
          quote(f.sources().stream().map(e -> rendered.computeIfAbsent(e, Endpoint::csvNotation)).collect(Collectors.joining(" "))),
          quote(f.destinations().stream().map(e -> rendered.computeIfAbsent(e, Endpoint::csvNotation)).collect(Collectors.joining(" "))),
          f.protocol().keyword().toLowerCase(Locale.ROOT),
          quote(ports)));
      out.write('\n');
    }
  }

  private static String quote(String s) {
    if (s.contains(",") || s.contains("\"") || s.contains("\n")) return "\"" + s.replace("\"", "\"\"") + "\"";
    return s;
  }
}
