package org.portolan.docimport;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.portolan.diag.Diagnostic;
import org.portolan.diag.SourcePosition;
import org.portolan.docimport.SourceDocument.Block;
import org.portolan.docimport.SourceDocument.Code;
import org.portolan.docimport.SourceDocument.Heading;
import org.portolan.docimport.SourceDocument.ListItem;
import org.portolan.docimport.SourceDocument.Paragraph;
import org.portolan.docimport.SourceDocument.Row;
import org.portolan.docimport.SourceDocument.Shape;
import org.portolan.docimport.SourceDocument.Table;
import org.portolan.model.Condition;
import org.portolan.model.Feature;
import org.portolan.model.FlowRequirement;
import org.portolan.model.PortSet;
import org.portolan.model.PortSpec;
import org.portolan.model.PortTerm;
import org.portolan.model.Product;
import org.portolan.model.Protocol;
import org.portolan.model.Provenance;
import org.portolan.model.Role;
import org.portolan.model.Service;

/**
 * The reading stage: the tables and prose of a {@link SourceDocument} become candidate rows
 * ({@link Candidate}), with column meanings from
 * the header, roles from source/destination columns, component headings ("Ports used by the
 * Shopping Website") with Inbound/Outbound, "Open on …" lines or the prose around a table;
 * services from {@link PortExpressions}; conditions, configurable ports and external host
 * names from {@link TextClues}; sentences and bullets from {@link ProsePorts}. Whatever it
 * inferred rather than read is noted for review. The role, feature and review tables it fills
 * on the way are handed on in {@link Rows}; the passes after it ({@link DraftPasses}) change none
 * of them.
 */
final class CandidateRows {
  private static final Pattern QUALIFIER = Pattern.compile("^(internal|external|remote|local)\\s+([A-Z].*)$");
  private static final Pattern PORT_OF = Pattern.compile("(?i)^(?:configurable\\s+)?(.+?)\\s+port(?:\\s+range)?\\b");
  private static final Pattern PARENS = Pattern.compile("\\(([^)]*)\\)");
  private static final Pattern PROTOCOL_WORD = Pattern.compile("(?i)\\b(tcp|udp)\\b");

  enum Col { SOURCE, DESTINATION, PORT, PROTOCOL, DIRECTION, PURPOSE, NOTES, CONFIGURABLE, DOMAIN, STATEFUL, LOCATION, FLOW }

  private static final String UNKNOWN_FROM = DraftPasses.UNKNOWN_FROM;
  private static final String UNKNOWN_TO = DraftPasses.UNKNOWN_TO;
  private static final Pattern COMPONENT_HEADING = Pattern.compile("(?i)^(?:communication\\s+)?ports?\\s+used\\s+by\\s+(?:the\\s+)?(.+)$");

  private final String document;
  private final Map<String, String> roleNames = new LinkedHashMap<>();
  private final Map<String, List<String>> roleFqdns = new LinkedHashMap<>();
  private final Set<String> components = new LinkedHashSet<>();
  private final Map<String, String> featureDescriptions = new LinkedHashMap<>();
  private final Map<String, List<String>> reviews = new LinkedHashMap<>();
  private List<Candidate> reqs = new ArrayList<>();
  /** Ports a row's purpose or notes cell added beside its port cell's, by candidate index: checked against the other rows once all tables are read. */
  private final Map<Integer, List<Service>> cellExtras = new HashMap<>();
  private final Set<String> variables = new HashSet<>();
  private final List<String> prose = new ArrayList<>();
  private final List<Diagnostic> warnings = new ArrayList<>();
  private Protocol defaultProtocol;
  private String documentText = "";

  private CandidateRows(String document) {
    this.document = document;
  }

  /**
   * What the reading stage hands to the passes: the candidate rows and the roles, features,
   * review notes and warnings met on the way, all in document order.
   */
  record Rows(String document, String title, List<Candidate> candidates, Map<String, String> roleNames, Map<String, List<String>> roleFqdns,
      Set<String> components, Map<String, String> features, Map<String, List<String>> reviews, List<Diagnostic> warnings, List<String> prose) {
    Rows {
      candidates = List.copyOf(candidates);
      roleNames = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(roleNames));
      roleFqdns = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(roleFqdns));
      components = java.util.Collections.unmodifiableSet(new LinkedHashSet<>(components));
      features = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(features));
      reviews = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(reviews));
      warnings = List.copyOf(warnings);
      prose = List.copyOf(prose);
    }
  }

  static Rows read(SourceDocument doc) {
    return new CandidateRows(doc.name()).run(doc);
  }

  private Rows run(SourceDocument doc) {
    String title = doc.blocks().stream().filter(b -> b instanceof Heading).map(b -> ((Heading) b).text()).findFirst().orElse(doc.name());
    for (Block b : doc.blocks()) {
      if (b instanceof Paragraph p) prose.add(p.text());
      if (b instanceof ListItem li) prose.add(li.text());
    }
    documentText = documentText(doc);
    defaultProtocol = ProsePorts.defaultProtocol(documentText);
    String heading = null;
    List<String> context = new ArrayList<>();
    List<String> before = new ArrayList<>();
    List<ProseCandidate> prose = new ArrayList<>();
    String leadIn = "";
    int tables = 0;
    // A heading that is only a port ("### 8086", "=== 8088/tcp") titles the paragraph under it.
    String portHeading = null;
    String outerHeading = null;
    for (Block b : doc.blocks()) {
      switch (b) {
        case Heading h -> {
          boolean port = PORT_HEADING.matcher(h.text()).matches();
          portHeading = port ? h.text().replace("`", "").strip() : null;
          if (!port) outerHeading = h.text();
          heading = port && outerHeading != null ? outerHeading : h.text();
          context.clear();
          leadIn = "";
        }
        case Paragraph p -> {
          context.add(p.text());
          before.add(p.text());
          if (portHeading != null) {
            prose.add(new ProseCandidate(p.line(), portHeading + ": " + p.text(), heading, true));
            portHeading = null;
          } else prose.add(new ProseCandidate(p.line(), p.text(), heading, portSection(heading, leadIn)));
          leadIn = p.text();
        }
        case ListItem li -> {
          context.add(li.text());
          before.add(li.text());
          prose.add(new ProseCandidate(li.line(), li.text(), heading, portSection(heading, leadIn), leadIn.strip(), false));
        }
        case Table t -> {
          tables++;
          // Views, not copies: the text before a table grows with the page (a copy per table was quadratic in a page of many sections); readTable keeps neither.
          readTable(t, heading, Collections.unmodifiableList(context), Collections.unmodifiableList(before));
        }
        case Code c -> prose.add(new ProseCandidate(c.line(), c.text(), heading, portSection(heading, leadIn), leadIn.strip(), true));
      }
    }
    dropCrossReferences();
    int fromProse = readProse(prose);
    if (tables == 0 && fromProse == 0) {
      note("product", "no port table found in the document");
      warnings.add(Diagnostic.warning(SourcePosition.of(document), "no port table found (pipe, tab-separated, space-aligned, field-per-line, port list or HTML table) and no sentence states a port"));
    }
    return new Rows(document, title, List.copyOf(reqs), roleNames, roleFqdns, components, featureDescriptions, reviews, warnings, List.copyOf(this.prose));
  }

  /** The text of every heading, paragraph, list item and table of the document (code blocks left out), where page-wide notes are looked for. */
  static String documentText(SourceDocument doc) {
    StringBuilder all = new StringBuilder();
    for (Block b : doc.blocks()) all.append(textOf(b)).append('\n');
    return all.toString();
  }

  private static String textOf(Block b) {
    return switch (b) {
      case Heading h -> h.text();
      case Paragraph p -> p.text();
      case ListItem li -> li.text();
      case Code c -> "";
      case Table t -> String.join(" ", t.header()) + "\n" + String.join("\n", t.rows().stream().map(r -> String.join(" ", r.cells())).toList());
    };
  }

  // ---- prose -------------------------------------------------------------------------

  /** A paragraph or list item to read for port statements once the tables are read. */
  private record ProseCandidate(int line, String text, String heading, boolean portSection, String leadIn, boolean code) {
    ProseCandidate(int line, String text, String heading, boolean portSection) {
      this(line, text, heading, portSection, "", false);
    }

    List<ProsePorts.Statement> statements(Protocol defaultProtocol) {
      return code ? CodePorts.read(text, portSection) : ProsePorts.read(text, true, portSection, defaultProtocol);
    }

    /** A list item under "Do not open these ports:" states ports not to open. */
    boolean refusedLeadIn() {
      return AgainstWords.refusingLeadIn(leadIn);
    }
  }

  private static final Pattern OFF_BY_DEFAULT = Pattern.compile("(?i)\\b(?:disabled|optional)\\b");
  private static final Pattern PORT_HEADING = Pattern.compile("(?i)\\s*`?\\d{1,5}(?:\\s*[-\u2013]\\s*\\d{1,5})?(?:\\s*/\\s*(?:tcp|udp))?`?\\s*");
  private static final Pattern PORT_SECTION = Pattern.compile("(?i)\\b(ports?|firewall|network(?:ing)?|inbound|outbound|ingress|egress|traffic|connectivity|listen\\w*)\\b");
  private static final Pattern INBOUND_HEADING = Pattern.compile("(?i)^(?:inbound|incoming)\\s+(?:traffic\\s+|rules\\s+|ports\\s+)?(?:to|on|for)\\s+(?:the\\s+)?(.+)$");

  private static boolean portSection(String heading, String leadIn) {
    return heading != null && PORT_SECTION.matcher(heading).find() || PORT_SECTION.matcher(leadIn).find();
  }

  /**
   * Port statements of the prose, as requirements: a statement whose ports the tables (or an
   * earlier sentence) already gave adds nothing. Returns how many were added.
   */
  private int readProse(List<ProseCandidate> prose) {
    Set<String> known = new HashSet<>();
    for (Candidate r : reqs) for (Service sv : r.services()) known.addAll(ServiceKeys.of(sv));
    int added = 0;
    for (ProseCandidate c : prose) {
      for (ProsePorts.Statement st : c.statements(defaultProtocol)) {
        Set<String> keys = new HashSet<>();
        for (Service sv : st.services()) keys.addAll(ServiceKeys.of(sv));
        if (known.containsAll(keys)) continue;
        if (st.legacy() || st.refused() || c.refusedLeadIn()) {
          // "Older code and documentation still name ports 4001 and 7001", "ports 8080, 8443 and 749 must be free": not ports to open; said for review.
          String ports = st.services().stream().map(Service::notation).reduce((a, b) -> a + ", " + b).orElse("");
          note("product", "line " + c.line() + ": " + ports + (st.legacy() && !st.refused()
              ? " named as what older versions or documents used (\"" + shorten(st.sentence()) + "\"): not imported; add them if your version still uses them"
              : " named as ports not to open (\"" + shorten(c.refusedLeadIn() ? c.leadIn() : st.sentence()) + "\"): not imported; add them only if your deployment really needs them open"));
          continue;
        }
        known.addAll(keys);
        List<String> notes = new ArrayList<>(st.notes());
        if (!c.code()) notes.add("read from the sentence \"" + shorten(st.sentence()) + "\"");
        String component = null;
        if (c.heading() != null) {
          var m = COMPONENT_HEADING.matcher(c.heading());
          var in = INBOUND_HEADING.matcher(c.heading());
          if (m.matches()) component = m.group(1);
          else if (in.matches()) component = in.group(1);
        }
        String to;
        List<String> hosts = TextClues.fqdns(st.sentence());
        if (!hosts.isEmpty()) {
          // "an outgoing connection to accounting.teamspeak.com on TCP 2008": an external role with the names the page gives.
          to = fqdnRole(String.join(", ", hosts), notes);
          roleFqdns.computeIfAbsent(to, x -> new ArrayList<>());
          for (String h : hosts) if (!roleFqdns.get(to).contains(h)) roleFqdns.get(to).add(h);
          notes.add("external host named in the sentence: " + String.join(", ", hosts));
        } else if (st.responder() != null && !st.loopback()) to = role(st.responder(), false);
        else if (st.loopback() && (st.responder() != null || component != null)) to = role(st.responder() != null ? st.responder() : component, st.responder() == null);
        else if (component != null) {
          to = role(component, true);
          notes.add("responder taken from the heading '" + c.heading() + "'");
        } else to = unknown(UNKNOWN_TO, notes);
        String from = st.loopback() ? to : st.initiator() != null ? role(st.initiator(), false) : unknown(UNKNOWN_FROM, notes);
        List<Condition> conditions = new ArrayList<>();
        for (TextClues.Toggle tg : TextClues.toggles(st.sentence())) conditions.add(feature(tg, notes));
        if (conditions.isEmpty()) TextClues.unencodedCondition(st.sentence()).ifPresent(x -> notes.add("the text states a condition not encoded here: \"" + x + "\""));
        if (conditions.isEmpty() && c.heading() != null && OFF_BY_DEFAULT.matcher(c.heading()).find())
          notes.add("under the heading '" + c.heading() + "': off by default; the condition that turns it on is not encoded");
        String label = st.label().isBlank() ? st.services().getFirst().notation().replaceAll("[^a-z0-9]+", " ").strip() : st.label();
        Provenance source = new Provenance(document, c.heading() == null ? "text at line " + c.line() : c.heading(), shorten(st.sentence()), c.line());
        Candidate r = new Candidate(label, from, List.of(to), st.services(), st.sentence(), Candidate.allOf(conditions), st.loopback(), true, false, source, notes);
        reqs.add(r);
        added++;
      }
    }
    return added;
  }

  // ---- tables ------------------------------------------------------------------------

  /**
   * Column meanings from the header words. Of several port columns the one that names where
   * the connection goes (server, destination, listening, default port, or plain "Port") is
   * taken; client, source and ephemeral port columns and "port name" columns are not ports
   * to open.
   */
  static Map<Col, Integer> columns(List<String> header) {
    Map<Col, Integer> cols = new LinkedHashMap<>();
    int bestPort = -1;
    int bestScore = Integer.MIN_VALUE;
    for (int i = 0; i < header.size(); i++) {
      String h = header.get(i).toLowerCase(Locale.ROOT).strip();
      Col c;
      if (h.matches(".*\\bports?\\b.*|.*\\bportnumbers?\\b.*") || h.matches("(?:tcp|udp|tcp\\s*/\\s*udp)(?:\\s+ports?)?")) {
        int score = portScore(h);
        if (score == NOT_A_PORT) {
          if (h.matches(".*\\bname\\b.*")) cols.putIfAbsent(Col.PURPOSE, i);
          continue;
        }
        if (score > bestScore) {
          bestScore = score;
          bestPort = i;
        }
        continue;
      }
      else if (h.matches("(?:tcp|udp)\\s+(?:or|and)\\s+(?:tcp|udp)")) {
        // "UDP or TCP": the column says which protocol, not the port.
        cols.put(Col.PROTOCOL, i);
        continue;
      }
      else if (h.matches(".*\\b(communications?|connections?|flows?|paths?)\\b.*|(?:from|source)\\s*(?:/|\u2192|->|to)\\s*(?:to|destination)")) {
        // "Component communication": cells like "Elastic Agent → Fleet Server" name both ends.
        cols.putIfAbsent(Col.FLOW, i);
        cols.putIfAbsent(Col.PURPOSE, i);
        continue;
      }
      else if (h.matches(".*\\b(source|from|initiator|client)\\b.*")) c = Col.SOURCE;
      else if (h.matches(".*\\b(destination|to|target|responder|listener)\\b.*")) c = Col.DESTINATION;
      else if (h.matches("(?:ip\\s+)?(?:protocol|proto\\.?|transport|type)s?(?:\\s*\\(s\\))?")) {
        // "Proto" (ISC's Kea ports, netstat's and Cisco's tables) is the protocol column too.
        cols.put(Col.PROTOCOL, i);
        continue;
      }
      else if (h.matches(".*\\b(?:network|transport)\\s*(?:/|and|&)\\s*application\\s+protocols?\\b.*")) {
        // "Network/Application Protocol" with "TCP/SSH", "UDP/SNMP", "TLS/SIP": the transport and the application protocol in one cell.
        cols.putIfAbsent(Col.PROTOCOL, i);
        continue;
      }
      else if (h.matches(".*\\bapplication\\s+protocol\\b.*")) c = Col.PURPOSE;
      else if (h.matches(".*\\b(protocol|type|transport)s?\\b.*")) c = Col.PROTOCOL;
      else if (h.matches(".*\\b(traffic|direction)\\b.*")) c = Col.DIRECTION;
      else if (h.matches(".*\\bconfigurable\\b.*")) c = Col.CONFIGURABLE;
      else if (h.matches(".*\\b(domain|fqdn|host ?name|url)\\b.*")) c = Col.DOMAIN;
      else if (h.equals("stateful")) c = Col.STATEFUL;
      else if (h.equals("location")) c = Col.LOCATION;
      else if (h.matches(".*\\b(purpose|description|details|notes?|use|usage|comments?|service|function|used for|remarks?|when|conditions?)\\b.*")) c = Col.PURPOSE;
      else continue;
      cols.putIfAbsent(c, i);
      if (c == Col.PURPOSE && h.matches(".*\\b(notes?|comments?|remarks?)\\b.*")) cols.putIfAbsent(Col.NOTES, i);
    }
    if (bestPort >= 0) cols.put(Col.PORT, bestPort);
    // A "Notes"/"Comments" column beside a purpose column is read for ports too.
    for (int i = 0; i < header.size(); i++)
      if (header.get(i).toLowerCase(Locale.ROOT).matches(".*\\b(notes?|comments?|remarks?)\\b.*")) cols.put(Col.NOTES, i);
    return cols;
  }

  /**
   * "Port Number | Protocol | Port Type" with "SSH" / "TCP": of the columns whose header names a protocol or type,
   * the one whose cells say TCP or UDP is the transport column (the other names the application protocol).
   */
  private static Map<Col, Integer> transportColumn(Table t, Map<Col, Integer> cols) {
    if (t.header().isEmpty() || t.rows().isEmpty()) return cols;
    int chosen = cols.getOrDefault(Col.PROTOCOL, -1);
    int best = chosen;
    long bestCount = chosen < 0 ? 0 : transportCells(t, chosen);
    for (int i = 0; i < t.header().size(); i++) {
      if (i == chosen || cols.containsValue(i)) continue;
      if (!t.header().get(i).toLowerCase(Locale.ROOT).matches(".*\\b(protocol|type|transport)s?\\b.*")) continue;
      long n = transportCells(t, i);
      if (2 * n > t.rows().size() && n > bestCount) {
        best = i;
        bestCount = n;
      }
    }
    if (best == chosen) return cols;
    Map<Col, Integer> out = new LinkedHashMap<>(cols);
    out.put(Col.PROTOCOL, best);
    return out;
  }

  private static long transportCells(Table t, int col) {
    return t.rows().stream().filter(r -> r.cell(col).strip().matches("(?i)(?:tcp|udp|sctp)(?:\\s*(?:/|,|and|or|&|\\+)\\s*(?:tcp|udp|sctp))*")).count();
  }

  private static final int NOT_A_PORT = -100;

  /** How surely a header names the port to open: destination/listening/default > plain > other; client/source/name: not a port to open. */
  static int portScore(String h) {
    if (h.matches(".*\\b(client|source|src|ephemeral|local\\s+client|originating)\\b.*") && !h.matches(".*\\b(server|destination|dest|listen\\w*)\\b.*")) return NOT_A_PORT;
    if (h.matches(".*\\bport\\s*names?\\b.*|.*\\bname\\b.*") && !h.matches(".*\\b(number|numbers|no\\.?)\\b.*")) return NOT_A_PORT;
    if (h.matches(".*\\b(server|destination|dest|listen\\w*|default|target|service|remote|inbound|open)\\b.*")) return 3;
    if (h.matches("(?:tcp|udp)?\\s*/?\\s*(?:tcp|udp)?\\s*ports?(?:\\s*\\(s\\))?(?:\\s+(?:number|numbers|no\\.?|range|ranges))?|ports?\\s*/\\s*protocols?|protocols?\\s*/\\s*ports?|protocol\\s+and\\s+port|port\\s+and\\s+protocol")) return 2;
    return 1;
  }

  /** Without a header: the column whose cells read as ports, the longest text as purpose. */
  private static Map<Col, Integer> inferColumns(Table t) {
    Map<Col, Integer> cols = new LinkedHashMap<>();
    int width = t.rows().stream().mapToInt(r -> r.cells().size()).max().orElse(0);
    for (int i = 0; i < width && !cols.containsKey(Col.PORT); i++) {
      int k = i;
      long ports = t.rows().stream().filter(r -> !PortExpressions.parse(r.cell(k)).isEmpty() && r.cell(k).length() < 60).count();
      if (ports * 2 > t.rows().size()) cols.put(Col.PORT, i);
    }
    int best = -1;
    double longest = 0;
    for (int i = 0; i < width; i++) {
      if (cols.containsValue(i)) continue;
      int k = i;
      double avg = t.rows().stream().mapToInt(r -> r.cell(k).length()).average().orElse(0);
      if (avg > longest) {
        longest = avg;
        best = i;
      }
    }
    if (best >= 0) cols.put(Col.PURPOSE, best);
    return cols;
  }

  private void readTable(Table t, String heading, List<String> context, List<String> before) {
    int first = reqs.size();
    t = FieldRowsTable.pivot(t);
    t = OptionTable.rewrite(t);
    t = DirectionColumnsTable.pivot(t);
    readRows(t, heading, context, before);
    // A row that names no initiator shares it with a neighbouring row open on the same responders.
    List<Candidate> mine = reqs.subList(first, reqs.size());
    for (int i = 0; i < mine.size(); i++) {
      Candidate r = mine.get(i);
      if (!r.initiator().equals(UNKNOWN_FROM) || r.responders().contains(UNKNOWN_TO)) continue;
      for (int j : new int[] {i - 1, i + 1}) {
        if (j < 0 || j >= mine.size()) continue;
        Candidate n = mine.get(j);
        if (n.initiator().equals(UNKNOWN_FROM) || !n.responders().equals(r.responders()) || n.provenance().line() == r.provenance().line()) continue;
        mine.set(i, r.withInitiator(n.initiator()).noting("initiator not stated: taken from the neighbouring row '" + n.provenance().row() + "' (line "
            + n.provenance().line() + "), open on the same components", "initiator not stated"));
        break;
      }
    }
  }

  /** A header that names the service by its number ("Service", "Service number", "Number"): a port column when its cells are only numbers. */
  private static final Pattern NUMBER_HEADER = Pattern.compile("(?i)\\s*(?:services?|service\\s+(?:number|no\\.?)|numbers?|no\\.?)\\s*");

  /**
   * "Allowed protocol | Service | Service definition" with "TCP | 4353 | iQuery": a table with a
   * Protocol column and no header about ports, whose "Service" (or "Number") column holds only port
   * numbers ("N/A" and "-" say there is none): that column is its port column. -1 when there is none.
   */
  static int numberColumn(Table t, Map<Col, Integer> cols) {
    if (cols.containsKey(Col.PORT) || !cols.containsKey(Col.PROTOCOL) || t.rows().size() < 2) return -1;
    for (int i = 0; i < t.header().size(); i++) {
      if (i == cols.get(Col.PROTOCOL) || !NUMBER_HEADER.matcher(t.header().get(i)).matches()) continue;
      if (portNumbersOnly(t, i) >= 2) return i;
    }
    return -1;
  }

  private void readRows(Table t, String heading, List<String> context, List<String> before) {
    Map<Col, Integer> cols = t.header().isEmpty() ? inferColumns(t) : columns(t.header());
    int numbers = t.header().isEmpty() ? -1 : numberColumn(t, cols);
    if (numbers >= 0) {
      cols = new LinkedHashMap<>(cols);
      if (Integer.valueOf(numbers).equals(cols.get(Col.PURPOSE))) cols.remove(Col.PURPOSE);
      cols.put(Col.PORT, numbers);
      if (!cols.containsKey(Col.PURPOSE))
        for (int i = 0; i < t.header().size(); i++) if (!cols.containsValue(i)) {
          cols.put(Col.PURPOSE, i);
          break;
        }
    }
    String tableName = heading != null ? heading : "table at line " + t.line();
    if (!cols.containsKey(Col.PORT) && cols.containsKey(Col.PROTOCOL) && !t.rows().isEmpty()) {
      // "Destination | Protocol | When" with "UDP 53", "TCP 80/443": the protocol column carries the ports.
      int withNumber = 0;
      for (Row r : t.rows()) if (r.cell(cols.get(Col.PROTOCOL)).matches("(?i).*\\b(?:tcp|udp)\\b.*\\d.*|.*\\d.*\\b(?:tcp|udp)\\b.*")) withNumber++;
      if (2 * withNumber > t.rows().size()) {
        cols = new LinkedHashMap<>(cols);
        cols.put(Col.PORT, cols.remove(Col.PROTOCOL));
      }
    }
    if (!cols.containsKey(Col.PORT)) {
      if (t.shape() != Shape.PORT_LIST) {
        note("product", "table at line " + t.line() + " (" + String.join(" | ", t.header()) + ") has no port column: skipped");
        warnings.add(Diagnostic.warning(new SourcePosition(document, t.line(), 0), "table without a port column skipped (header: " + String.join(" | ", t.header()) + ")"));
        return;
      }
    }
    String component = null;
    if (heading != null) {
      var m = COMPONENT_HEADING.matcher(heading);
      component = m.matches() ? m.group(1) : heading;
    }
    List<TextClues.Toggle> tableToggles = new ArrayList<>();
    for (String c : context) tableToggles.addAll(TextClues.toggles(c));
    Optional<TextClues.Sides> access = context.stream().map(TextClues::toAccess).flatMap(Optional::stream).findFirst();

    String leadIn = context.isEmpty() ? "" : context.getLast().strip();
    if (AgainstWords.refusingLeadIn(leadIn)) {
      // "The following ports are used internally; do not open them:" above the table.
      note("product", "table at line " + t.line() + ": under \"" + shorten(leadIn) + "\", its ports are named as ports not to open: not imported");
      return;
    }
    cols = transportColumn(t, cols);
    List<Integer> otherPorts = otherPortColumns(t, cols);
    int protoCol = cols.getOrDefault(Col.PROTOCOL, -1);
    boolean statesProtocols = protoCol >= 0 && t.shape() != Shape.PORT_LIST && t.rows().stream().anyMatch(r -> PROTOCOL_WORD.matcher(r.cell(protoCol)).find());
    for (Row row : t.rows()) {
      String portCell = t.shape() == Shape.PORT_LIST ? row.cell(0) : row.cell(cols.getOrDefault(Col.PORT, -1));
      String protoCell = row.cell(cols.getOrDefault(Col.PROTOCOL, -1));
      if (protoCell.matches("(?i)\\s*both\\s*|.*\\btcp\\s*(?:&|\\+)\\s*udp\\b.*")) protoCell = "TCP/UDP";
      List<String> rowNotes = new ArrayList<>(row.notes());
      if (NO_PORT.matcher(protoCell).matches() && !protoCell.isBlank()) {
        // "N/A", "-": the table does not say the protocol for this row.
        rowNotes.add("protocol cell '" + protoCell.strip() + "' names no protocol");
        protoCell = "";
      }
      var addressed = ADDRESS_PORT.matcher(portCell);
      if (addressed.matches()) {
        // "224.1.1.1:36699": a (multicast) address with its port.
        rowNotes.add("'" + portCell.strip() + "': port " + addressed.group(2) + " of the address " + addressed.group(1));
        portCell = addressed.group(2);
      }
      String carriedOverEither = null;
      switch (ApplicationProtocols.read(protoCell)) {
        case null -> { }
        case ApplicationProtocols.Reading.Transport tr -> {
          // "HTTP", "GRPC", "H2": the application protocol names its transport.
          rowNotes.add(tr.note());
          protoCell = tr.cell();
        }
        case ApplicationProtocols.Reading.Either e -> {
          // "DNS": over UDP or TCP; only the row's text can say which.
          carriedOverEither = e.name();
          protoCell = "";
        }
      }
      String purpose = row.cell(cols.getOrDefault(Col.PURPOSE, -1));
      String noteCell = cols.containsKey(Col.NOTES) && !cols.get(Col.NOTES).equals(cols.get(Col.PURPOSE)) ? row.cell(cols.get(Col.NOTES)) : "";
      if (!noteCell.isBlank()) purpose = purpose.isBlank() ? noteCell : purpose + " " + noteCell;
      if (t.shape() == Shape.PORT_LIST) purpose = parenthesised(portCell);
      if (protoCell.isEmpty() && !PROTOCOL_WORD.matcher(portCell).find()) {
        // "DNS: The DNS server (TCP and UDP)" | "8600": the purpose cell says the protocol.
        Set<String> said = new LinkedHashSet<>();
        var pm = PROTOCOL_WORD.matcher(purpose);
        while (pm.find()) said.add(pm.group(1).toUpperCase(Locale.ROOT));
        if (!said.isEmpty()) protoCell = String.join("/", said);
        if (carriedOverEither != null && !said.isEmpty())
          rowNotes.add("'" + carriedOverEither + "' is carried over UDP or TCP: " + protoCell + " as the row's text says");
      }
      if (carriedOverEither != null && protoCell.isEmpty() && !PROTOCOL_WORD.matcher(portCell).find() && defaultProtocol != null) {
        // "All port numbers listed are TCP unless UDP is specifically indicated" (Jamf Pro) with "LDAP or LDAPS": the page says which.
        protoCell = defaultProtocol.keyword().toUpperCase(Locale.ROOT);
        rowNotes.add("'" + carriedOverEither + "' is carried over UDP or TCP: " + protoCell + ", the page's protocol for ports it does not mark");
      }
      if (carriedOverEither != null && protoCell.isEmpty() && !PROTOCOL_WORD.matcher(portCell).find()) {
        note("product", "line " + row.line() + ": '" + carriedOverEither + "' on " + shorten(portCell) + " is carried over UDP or TCP and the row does not say which: "
            + "row not imported; add the transport your deployment uses");
        warnings.add(Diagnostic.warning(new SourcePosition(document, row.line(), 0), "protocol '" + carriedOverEither + "' names no transport (UDP or TCP): row not imported"));
        continue;
      }
      String expr = protoCell.isEmpty() ? portCell : protoCell + " " + portCell;
      PortExpressions.Result labelled = protoCell.isEmpty() ? labelledPorts(portCell, purpose) : null;
      PortExpressions.Result parsed = labelled != null ? labelled : PortExpressions.parse(expr, purpose, defaultProtocol);
      if (parsed.fromServiceName() && !statedElsewhere(parsed)) {
        note("product", "line " + row.line() + ": '" + shorten(portCell) + "' names a service without a port number; its usual port "
            + parsed.services().stream().map(Service::notation).reduce((a, b) -> a + ", " + b).orElse("") + " was not added — add it if the product uses it");
        parsed = new PortExpressions.Result(List.of(), parsed.notes(), false, false);
      }
      if (parsed.protocolAssumed() && statesProtocols && row.cell(cols.get(Col.PROTOCOL)).isBlank()) {
        // "| 623 |  |  | Client | Power management |": the Protocol column says it for the other rows and nothing for this one.
        note("product", "line " + row.line() + ": '" + shorten(portCell) + "' has an empty Protocol cell and the row does not say UDP or TCP: "
            + "row not imported; add the transport the product uses");
        warnings.add(Diagnostic.warning(new SourcePosition(document, row.line(), 0), "no protocol for '" + shorten(portCell) + "': row not imported"));
        continue;
      }
      if (parsed.protocolAssumed() && defaultProtocol == null && t.shape() == Shape.DIRECTIONS) {
        // "4242 (REST API)" under "Inbound" on a page that never says TCP or UDP: a transport would be a guess.
        note("product", "line " + row.line() + ": '" + shorten(portCell) + "' (" + shorten(purpose) + ") names no transport and the page states none: "
            + "not imported; add the transport the product uses");
        continue;
      }
      for (int c : otherPorts) parsed = withColumnPorts(parsed, row.cell(c), protoCell, purpose, t.header().get(c));
      if (parsed.isEmpty() || portCell.matches("(?i).*\\bsee\\b.*")) {
        // "see comments": the ports are stated in the comment or purpose cell.
        List<Service> fromNotes = new ArrayList<>();
        for (ProsePorts.Statement st : ProsePorts.read(purpose, true, true, defaultProtocol))
          if (!st.notToOpen()) for (Service sv : st.services()) if (!fromNotes.contains(sv)) fromNotes.add(sv);
        // Then any other cell that states a port ("Alternative: Port (5432)").
        for (int c = 0; fromNotes.isEmpty() && c < row.cells().size(); c++) {
          if (c == cols.getOrDefault(Col.PORT, -1)) continue;
          for (ProsePorts.Statement st : ProsePorts.read(row.cell(c), false, false, defaultProtocol))
            if (!st.notToOpen()) for (Service sv : st.services()) if (!fromNotes.contains(sv)) fromNotes.add(sv);
        }
        if (!fromNotes.isEmpty()) {
          List<PortExpressions.Note> n2 = new ArrayList<>(parsed.notes());
          n2.add(new PortExpressions.Note(0, "ports read from the row's notes: \"" + shorten(purpose) + "\""));
          List<Service> all = new ArrayList<>(parsed.services());
          for (Service sv : fromNotes) if (!all.contains(sv)) all.add(sv);
          parsed = new PortExpressions.Result(all, n2, false, false);
        }
      }
      List<Service> beforeCell = parsed.services();
      if (!parsed.isEmpty()) parsed = withCellPorts(parsed, purpose, protoCell);
      List<Service> extras = new ArrayList<>(parsed.services());
      extras.removeAll(beforeCell);
      Provenance source = new Provenance(document, tableName, portCell.length() > 60 ? portCell.substring(0, 60) : portCell, row.line());
      if (parsed.isEmpty()) {
        if (!portCell.isBlank())
          note("product", "line " + row.line() + ": no port found in '" + portCell + "'; row not imported");
          warnings.add(Diagnostic.warning(new SourcePosition(document, row.line(), 0), "no port found in '" + shorten(portCell) + "': row not imported"));
        continue;
      }
      String label = label(portCell, protoCell, parsed);
      List<String> notes = rowNotes;
      for (PortExpressions.Note n : parsed.notes()) notes.add("'" + expr + "': " + n.message());
      List<Service> services = new ArrayList<>(parsed.services());
      String allText = purpose + " " + row.cell(cols.getOrDefault(Col.LOCATION, -1));
      addDynamicRpc(services, allText, notes);

      // Conditions.
      List<Condition> conditions = new ArrayList<>();
      for (TextClues.Toggle tg : tableToggles) conditions.add(feature(tg, notes));
      for (TextClues.Toggle tg : TextClues.toggles(purpose)) if (conditions.stream().noneMatch(c -> c.featureNames().contains(tg.feature()))) conditions.add(feature(tg, notes));
      if (conditions.isEmpty()) TextClues.unencodedCondition(purpose).ifPresent(c -> notes.add("the text states a condition not encoded here: \"" + c + "\""));

      // Configurable ports.
      String configCell = row.cell(cols.getOrDefault(Col.CONFIGURABLE, -1));
      boolean configurable = configCell.toLowerCase(Locale.ROOT).startsWith("yes") || TextClues.saysConfigurable(purpose);
      if (configurable) services = configurable(services, component, label, configCell.isEmpty() ? purpose : configCell, notes);

      boolean stateful = !row.cell(cols.getOrDefault(Col.STATEFUL, -1)).equalsIgnoreCase("stateless");

      for (Binding bd : bindings(t, cols, row, component, purpose, access, before, notes)) {
        List<String> all = new ArrayList<>(notes);
        all.addAll(bd.notes());
        Candidate r = new Candidate(label, bd.initiator(), bd.responders(), services, purpose, Candidate.allOf(conditions), bd.loopback(), stateful,
            false, source, all);
        if (!extras.isEmpty()) cellExtras.put(reqs.size(), extras);
        reqs.add(r);
      }
      if (!cols.containsKey(Col.DOMAIN)) externalHosts(purpose, services, label, source, conditions, row);
      if (component != null && cols.containsKey(Col.DIRECTION)) portsOnPeer(purpose, role(component, true), label, source, conditions);
    }
  }

  /** Header words of a column that describes a port rather than giving one ("Port description", "Port usage"). */
  private static final Pattern DESCRIBES_PORT = Pattern.compile(
      "(?i).*\\b(purpose|description|details|notes?|use|usage|comments?|function|used for|remarks?|when|conditions?|name|names|type|protocol|direction)\\b.*");
  /** A cell that is only port numbers: "18091", "8443, 9443", "5701-5801", "636/tcp"; "N/A" and "-" say there is none. */
  private static final Pattern PORTS_ONLY = Pattern.compile("(?i)\\s*\\d[\\d\\s,;/+\\-\u2013]*(?:\\s*/?\\s*(?:tcp|udp)(?:\\s*(?:/|,|and)\\s*(?:tcp|udp))?)?\\s*");
  private static final Pattern ADDRESS_PORT = Pattern.compile("\\s*(\\d{1,3}(?:\\.\\d{1,3}){3}|\\[[0-9A-Fa-f:]+\\]):(\\d{1,5})\\s*");
  private static final Pattern NO_PORT = Pattern.compile("(?i)\\s*(?:n/?a|none|-|\u2013|\u2014|not\\s+(?:used|applicable|available))?\\s*");

  /** How many cells of column {@code col} hold only port numbers; 0 when any cell holds something else ("N/A" and "-" are none). */
  private static int portNumbersOnly(Table t, int col) {
    int ports = 0;
    for (Row r : t.rows()) {
      String cell = r.cell(col);
      if (PORTS_ONLY.matcher(cell).matches()) ports++;
      else if (!NO_PORT.matcher(cell).matches()) return 0;
    }
    return ports;
  }

  /**
   * Listening-port columns beside the chosen one ("Default Port (Unencrypted)" and "(TLS)",
   * "HTTP port" and "HTTPS port", "Port" and "SSL port"): every column whose header names a
   * port to open and whose cells hold only port numbers is read too.
   */
  /** A header that only names an alternative of the port column beside it: "Alt", "Alt. port", "Alternate", "Alternative port", "Fallback port". */
  private static final Pattern ALTERNATIVE_HEADER = Pattern.compile("(?:alt\\.?|alternate|alternative|fallback)(?:\\s+ports?)?");

  private static List<Integer> otherPortColumns(Table t, Map<Col, Integer> cols) {
    List<Integer> out = new ArrayList<>();
    if (!cols.containsKey(Col.PORT) || t.header().isEmpty()) return out;
    for (int i = 0; i < t.header().size(); i++) {
      String h = t.header().get(i).toLowerCase(Locale.ROOT).strip();
      if (cols.containsValue(i)) continue;
      // "Port | Alt | Assignment" (ISC's Kea ports), "Port | Alternate Port" (Cisco's CUCM), "Default | Fallback": a second port the same listener may use.
      boolean alternative = ALTERNATIVE_HEADER.matcher(h).matches();
      if (!alternative && (!h.matches(".*\\bports?\\b.*|.*\\bportnumbers?\\b.*") || portScore(h) == NOT_A_PORT || DESCRIBES_PORT.matcher(h).matches())) continue;
      if (portNumbersOnly(t, i) > 0) out.add(i);
    }
    return out;
  }

  /** One "HTTP: 8040, 8015" segment of a port cell: a protocol name, a colon, port numbers. */
  private static final Pattern LABELLED_SEGMENT = Pattern.compile(
      "(?i)\\s*([a-z][a-z0-9/()]{0,15}(?:\\s+[a-z][a-z0-9/()]{0,15}){0,2})\\s*:\\s*(\\d{1,5}(?:\\s*(?:,|-|\u2013|and)\\s*\\d{1,5}){0,63})\\s*[,;]?");

  /**
   * A port cell made only of protocol-labelled lists ("HTTP: 8040, 8015 gRPC: 8045, 8016",
   * "TCP: 80 UDP: 53"): each list with the transport its label names; {@code null} when the
   * cell is not of that shape or a label names no transport (then the cell is read as usual).
   */
  private PortExpressions.Result labelledPorts(String cell, String purpose) {
    if (cell.indexOf(':') < 0) return null;
    String c = cell.strip();
    var m = LABELLED_SEGMENT.matcher(c);
    int at = 0;
    List<Service> all = new ArrayList<>();
    List<PortExpressions.Note> notes = new ArrayList<>();
    while (at < c.length()) {
      m.region(at, c.length());
      if (!m.lookingAt()) return null;
      String label = m.group(1).strip();
      String transport;
      if (label.matches("(?i)tcp|udp|sctp")) transport = label.toUpperCase(Locale.ROOT);
      else if (ApplicationProtocols.read(label) instanceof ApplicationProtocols.Reading.Transport tr) {
        transport = tr.cell();
        notes.add(new PortExpressions.Note(0, tr.note()));
      } else return null;
      for (Service sv : PortExpressions.parse(transport + " " + m.group(2), purpose, defaultProtocol).services()) if (!all.contains(sv)) all.add(sv);
      at = m.end();
    }
    return all.isEmpty() ? null : new PortExpressions.Result(all, notes, false, false);
  }

  /** The ports of another listening-port column of the row, with the row's protocol, noted with the column's header. */
  private PortExpressions.Result withColumnPorts(PortExpressions.Result parsed, String cell, String protoCell, String purpose, String header) {
    if (!PORTS_ONLY.matcher(cell).matches()) return parsed;
    PortExpressions.Result more = PortExpressions.parse(protoCell.isEmpty() ? cell : protoCell + " " + cell, purpose, defaultProtocol);
    List<Service> all = new ArrayList<>(parsed.services());
    List<PortExpressions.Note> notes = new ArrayList<>(parsed.notes());
    for (Service sv : more.services()) if (!all.contains(sv)) all.add(sv);
    if (all.size() == parsed.services().size()) return parsed;
    notes.addAll(more.notes());
    notes.add(new PortExpressions.Note(0, "'" + cell.strip() + "' read from the column '" + header.strip() + "' (a second listening-port column)"));
    return new PortExpressions.Result(all, notes, parsed.protocolAssumed() || more.protocolAssumed(), parsed.fromServiceName());
  }

  /**
   * Ports the purpose or notes cell states beside the port cell's own ("Behind a proxy on 443",
   * "the client then reconnects on a random port (1024+)"), with the row's protocol when the cell
   * names none; each one noted for review.
   */
  private PortExpressions.Result withCellPorts(PortExpressions.Result parsed, String cell, String protoCell) {
    if (cell.isBlank()) return parsed;
    List<Service> protoOnly = PortExpressions.parse(protoCell.isBlank() ? "" : protoCell + " 1").services();
    Protocol rowProtocol = protoOnly.size() == 1 ? protoOnly.getFirst().protocol() : defaultProtocol;
    Set<String> have = new HashSet<>();
    Set<Integer> numbers = new HashSet<>();
    for (Service sv : parsed.services()) {
      have.addAll(ServiceKeys.of(sv));
      for (PortTerm t : sv.ports().terms()) if (t instanceof PortTerm.Fixed f) for (int q = f.range().from(); q <= f.range().to() && q - f.range().from() < 64; q++) numbers.add(q);
    }
    List<Service> all = new ArrayList<>(parsed.services());
    List<PortExpressions.Note> notes = new ArrayList<>(parsed.notes());
    for (ProsePorts.Statement st : ProsePorts.read(cell, false, false, rowProtocol, true)) {
      // "See the description of port 7199": a cross-reference to another row, not a port of this one.
      if (st.notToOpen() || st.sentence().regionMatches(true, 0, "see ", 0, 4)) continue;
      for (Service sv : st.services()) {
        if (have.containsAll(ServiceKeys.of(sv))) continue;
        // "If the port is 0 the server starts on a free port": port 0 asks for any free port, it is never one to open.
        if (sv.ports().terms().stream().allMatch(t -> t instanceof PortTerm.Fixed f && f.range().to() == 0)) continue;
        // "The standard DHCP port (67) is used …" beside "UDP 67": the same number, restated.
        if (sv.ports().terms().stream().allMatch(t -> t instanceof PortTerm.Fixed f && f.range().isSingle() && numbers.contains(f.range().from()))) continue;
        have.addAll(ServiceKeys.of(sv));
        all.add(sv);
        notes.add(new PortExpressions.Note(0, sv.notation() + " read from the row's text \"" + shorten(st.sentence()) + "\"; confirm it belongs to this flow"));
      }
    }
    return all.size() == parsed.services().size() ? parsed : new PortExpressions.Result(all, notes, parsed.protocolAssumed(), parsed.fromServiceName());
  }

  /**
   * A port a row's text names that another row states in its port cell ("when the Tomcat server
   * listening on Port 443 is busy") refers to that row: it is taken off this one, noted.
   */
  private void dropCrossReferences() {
    if (cellExtras.isEmpty()) return;
    Set<String> stated = new HashSet<>();
    for (int i = 0; i < reqs.size(); i++) {
      List<Service> extra = cellExtras.getOrDefault(i, List.of());
      for (Service sv : reqs.get(i).services()) if (!extra.contains(sv)) stated.addAll(ServiceKeys.of(sv));
    }
    cellExtras.forEach((i, extra) -> {
      Candidate c = reqs.get(i);
      List<Service> keep = new ArrayList<>(c.services());
      for (Service sv : extra) {
        if (!stated.containsAll(ServiceKeys.of(sv))) continue;
        keep.remove(sv);
        c = c.noting(sv.notation() + " is also named in this row's text, but another row states it: read as a reference to that row",
            sv.notation() + " read from the row's text");
      }
      if (keep.size() != c.services().size() && !keep.isEmpty()) reqs.set(i, c.withServices(keep));
    });
  }

  /** A service named without a number counts only where the page itself pairs that name with the number ("TCP 25 (SMTP)"). */
  private boolean statedElsewhere(PortExpressions.Result parsed) {
    for (Service sv : parsed.services()) {
      String num = sv.ports().defaults().ranges().isEmpty() ? "-1" : Integer.toString(sv.ports().defaults().ranges().getFirst().from());
      boolean found = false;
      for (String name : PortExpressions.wellKnownNames(sv)) {
        Pattern p = Pattern.compile("(?i)\\b" + num + "\\b[^.\\n]{0,20}\\b" + name + "\\b|\\b" + name + "\\b[^.\\n]{0,20}\\b" + num + "\\b");
        if (p.matcher(documentText).find()) found = true;
      }
      if (!found) return false;
    }
    return true;
  }

  private Condition feature(TextClues.Toggle tg, List<String> notes) {
    featureDescriptions.putIfAbsent(tg.feature(), "From the text: " + tg.phrase());
    String key = "feature:" + tg.feature();
    if (!reviews.containsKey(key)) note(key, "feature named by the importer from \"" + tg.phrase() + "\": confirm the name and its default");
    notes.add("condition " + tg.condition().notation() + " read from \"" + tg.phrase() + "\"");
    return tg.condition();
  }

  private static String parenthesised(String s) {
    int a = s.indexOf('(');
    int b = s.lastIndexOf(')');
    return a >= 0 && b > a ? s.substring(a + 1, b).strip() : "";
  }

  /** The words of the port cell that name the service ("HTTP", "LDAP / LDAPS"), for ids. */
  private static String label(String portCell, String protoCell, PortExpressions.Result parsed) {
    String words = portCell.replaceAll("(?i)\\b(tcp|udp|port|ports|and|above|to|initially|dynamic)\\b", " ")
        .replaceAll("[^A-Za-z0-9 ]", " ").replaceAll("\\b\\d+\\b", " ").strip();
    String[] w = words.split("\\s+");
    if (!words.isEmpty()) return String.join(" ", java.util.Arrays.copyOf(w, Math.min(w.length, 3)));
    Service s = parsed.services().getFirst();
    return s.notation().replaceAll("[^a-z0-9]+", " ").strip();
  }

  private static final Pattern DYNAMIC_RPC = Pattern.compile("(?i)\\b(dynamic\\s+rpc|rpc\\s+dynamic)\\b");

  /** "TCP 135 … used to negotiate dynamic RPC ports": the dynamic range is part of the flow. */
  private static void addDynamicRpc(List<Service> services, String text, List<String> notes) {
    if (!DYNAMIC_RPC.matcher(text).find()) return;
    boolean has135 = services.stream().anyMatch(s -> s.protocol() instanceof Protocol.Tcp && s.ports().defaults().contains(135));
    boolean hasDynamic = services.stream().anyMatch(s -> s.ports().terms().stream().anyMatch(x -> x instanceof PortTerm.Dynamic));
    if (!has135 || hasDynamic) return;
    services.add(new Service(Protocol.TCP, PortSpec.of(new PortTerm.Dynamic("rpc"))));
    notes.add("tcp/dynamic(rpc) added because the text says the endpoint mapper negotiates dynamic RPC ports; the range depends on the Windows version");
  }

  private List<Service> configurable(List<Service> services, String component, String label, String why, List<String> notes) {
    List<Service> out = new ArrayList<>();
    for (Service s : services) {
      if (s.ports().terms().size() == 1 && s.ports().terms().getFirst() instanceof PortTerm.Fixed f) {
        String base = ((component == null ? "" : component + " ") + label).toLowerCase(Locale.ROOT)
            .replaceAll("[^a-z0-9]+", "_").replaceAll("^_+|_+$", "");
        if (base.isEmpty() || !Character.isLetter(base.charAt(0))) base = "p_" + base;
        String var = base.endsWith("_port") || base.endsWith("_ports") ? base : base + (f.range().isSingle() ? "_port" : "_ports");
        if (services.size() > 1) {
          boolean sameProtocol = services.stream().allMatch(x -> x.protocol().equals(s.protocol()));
          var = var + "_" + (sameProtocol ? Integer.toString(f.range().from()) : s.protocol().keyword());
        }
        String v = var;
        for (int k = 2; variables.contains(v); k++) v = var + "_" + k;
        variables.add(v);
        out.add(new Service(s.protocol(), PortSpec.of(new PortTerm.Configurable(v, PortSet.ofRanges(List.of(f.range()))))));
        notes.add("configurable port ${" + v + "} (from \"" + shorten(why) + "\"): confirm the variable name");
      } else {
        out.add(s);
        notes.add("the document says " + s.notation() + " is configurable; it has several terms, so it was kept fixed");
      }
    }
    return out;
  }

  private static String shorten(String s) {
    return s.length() <= 90 ? s : s.substring(0, 87) + "...";
  }

  // ---- who talks to whom -------------------------------------------------------------

  private record Binding(String initiator, List<String> responders, boolean loopback, List<String> notes) {}

  private List<Binding> bindings(Table t, Map<Col, Integer> cols, Row row, String component, String purpose,
      Optional<TextClues.Sides> access, List<String> before, List<String> rowNotes) {
    List<Binding> out = new ArrayList<>();
    Binding arrow = arrow(row, cols);
    if (arrow != null) return List.of(arrow);
    if (cols.containsKey(Col.SOURCE) || cols.containsKey(Col.DESTINATION)) {
      String src = row.cell(cols.getOrDefault(Col.SOURCE, -1));
      String dst = row.cell(cols.getOrDefault(Col.DESTINATION, -1));
      List<String> notes = new ArrayList<>();
      String from = src.isBlank() ? unknown(UNKNOWN_FROM, notes) : role(src, true);
      String to = dst.isBlank() ? unknown(UNKNOWN_TO, notes) : role(dst, true);
      out.add(new Binding(from, List.of(to), false, notes));
      return out;
    }
    if (cols.containsKey(Col.DOMAIN)) {
      String domain = row.cell(cols.get(Col.DOMAIN));
      List<String> notes = new ArrayList<>();
      String external = fqdnRole(domain, notes);
      String comp = component == null ? unknown(UNKNOWN_FROM, notes) : role(component, true);
      String dir = row.cell(cols.getOrDefault(Col.DIRECTION, -1)).toLowerCase(Locale.ROOT);
      if (dir.contains("inbound") && !dir.contains("outbound")) out.add(new Binding(external, List.of(comp), false, notes));
      else out.add(new Binding(comp, List.of(external), false, notes));
      return out;
    }
    if (cols.containsKey(Col.DIRECTION)) {
      String dir = row.cell(cols.get(Col.DIRECTION)).toLowerCase(Locale.ROOT);
      boolean in = dir.contains("inbound") || dir.contains("in ") || dir.equals("in");
      boolean outb = dir.contains("outbound") || dir.equals("out");
      boolean loop = dir.contains("loopback");
      String comp = component == null ? null : role(component, true);
      if (loop && comp != null) {
        out.add(new Binding(comp, List.of(comp), true, List.of("loopback: the flow stays on the " + roleNames.get(comp) + " host")));
        return out;
      }
      if (in) {
        List<String> notes = new ArrayList<>();
        List<String> peers = TextClues.initiatorPeers(purpose);
        if (peers.isEmpty() && outb) peers = TextClues.responderPeers(purpose);
        if (outb) notes.add("'" + row.cell(cols.get(Col.DIRECTION)) + "': read as two flows, one each way; confirm the inbound one is real");
        String to = comp == null ? unknown(UNKNOWN_TO, notes) : comp;
        if (peers.isEmpty()) out.add(new Binding(unknown(UNKNOWN_FROM, notes), List.of(to), false, notes));
        else {
          notes.add("initiator read from the notes: " + String.join(", ", peers));
          for (String p : peers) out.add(new Binding(role(p, false), List.of(to), false, notes));
        }
      }
      if (outb || !in) {
        List<String> notes = new ArrayList<>();
        if (!outb) notes.add("traffic direction '" + row.cell(cols.get(Col.DIRECTION)) + "' not understood: read as outbound");
        List<String> peers = TextClues.responderPeers(purpose);
        String from = comp == null ? unknown(UNKNOWN_FROM, notes) : comp;
        if (peers.isEmpty()) out.add(new Binding(from, List.of(unknown(UNKNOWN_TO, notes)), false, notes));
        else {
          notes.add("responder read from the notes: " + String.join(", ", peers));
          out.add(new Binding(from, peers.stream().map(p -> role(p, false)).distinct().toList(), false, notes));
        }
      }
      return out;
    }
    if (cols.containsKey(Col.LOCATION)) return openOn(row.cell(cols.get(Col.LOCATION)), purpose);
    return fromProse(component, purpose, access, before, t.shape());
  }

  private static final Pattern ARROW = Pattern.compile("^\\s*([^\u2192\u27f6\u21d2<>]{1,80}?)\\s*(?:\u2192|\u27f6|\u21d2|-+>|=>)\\s*([^\u2192\u27f6\u21d2<>]{1,80}?)\\s*$");
  private static final Pattern DIGIT = Pattern.compile("\\d");
  private static final Pattern TO = Pattern.compile("^\\s*([A-Za-z][\\w .-]{0,60}?)\\s+to\\s+(?:the\\s+)?([A-Za-z][\\w .-]{0,60}?)\\s*$");

  /**
   * "Elastic Agent → Fleet Server", "Agent -> Server", or "Fleet Server to Elasticsearch" in a
   * communication/connection column: the left side initiates, the right side listens. A cell
   * that says both ways ("↔", "<->") is not read here.
   */
  private Binding arrow(Row row, Map<Col, Integer> cols) {
    List<Integer> cells = new ArrayList<>();
    if (cols.containsKey(Col.FLOW)) cells.add(cols.get(Col.FLOW));
    for (int i = 0; i < row.cells().size(); i++) if (!cells.contains(i) && i != cols.getOrDefault(Col.PORT, -1)) cells.add(i);
    for (int i : cells) {
      String cell = row.cell(i).replace("`", "").replace("*", "");
      var m = ARROW.matcher(cell);
      boolean flowColumn = cols.containsKey(Col.FLOW) && i == cols.get(Col.FLOW);
      if (!m.matches() && flowColumn) m = TO.matcher(cell);
      if (!m.matches() || m.group(1).split("\\s+").length > 6 || m.group(2).split("\\s+").length > 6) continue;
      // "Redirects 80 -> 443" is about ports, not components.
      if (DIGIT.matcher(m.group(1)).find() || DIGIT.matcher(m.group(2)).find()) continue;
      List<String> notes = new ArrayList<>();
      notes.add("initiator and responder read from '" + cell.strip() + "'");
      return new Binding(role(m.group(1), false), List.of(role(m.group(2), false)), false, notes);
    }
    return null;
  }

  /** The one-field-per-line shape: "Open on X" names the responders, "between X and Y" the initiators. */
  private List<Binding> openOn(String location, String purpose) {
    List<String> notes = new ArrayList<>();
    List<String> responders = new ArrayList<>();
    for (String name : RoleNames.split(location)) responders.add(role(dropQualifier(name, notes), false));
    Optional<TextClues.Sides> listener = TextClues.listener(purpose);
    if (responders.isEmpty() && listener.isPresent()) {
      responders.add(role(listener.get().first().getFirst(), false));
      notes.add("responder read from \"used by … to listen\"");
      return List.of(new Binding(role(listener.get().second().getFirst(), false), responders, false, notes));
    }
    List<String> initiators = new ArrayList<>();
    for (TextClues.Sides s : TextClues.between(purpose)) {
      List<String> a = s.first().stream().map(n -> role(dropQualifier(n, notes), false)).toList();
      List<String> b = s.second().stream().map(n -> role(dropQualifier(n, notes), false)).toList();
      if (responders.isEmpty()) {
        responders.addAll(b);
        initiators.addAll(a);
        notes.add("no \"Open on\" line: the second party of \"between\" taken as responder");
      } else if (overlaps(a, responders) && !overlaps(b, responders)) {
        initiators.addAll(b);
      } else if (overlaps(b, responders) && !overlaps(a, responders)) {
        initiators.addAll(a);
      } else {
        initiators.addAll(a.stream().filter(x -> !responders.contains(x)).toList());
        if (initiators.isEmpty()) initiators.addAll(b.stream().filter(x -> !responders.contains(x)).toList());
        notes.add("initiator taken as the first party of \"between\" not listed as open");
      }
    }
    if (initiators.isEmpty()) {
      List<String> peers = TextClues.initiatorPeers(purpose);
      if (!peers.isEmpty()) {
        for (String p : peers) initiators.add(role(p, false));
        notes.add("initiator read from the description: " + String.join(", ", peers));
      }
    }
    List<String> froms = initiators.stream().distinct().filter(x -> !responders.contains(x) || responders.size() > 1).toList();
    if (responders.isEmpty()) responders.add(unknown(UNKNOWN_TO, notes));
    if (froms.isEmpty()) return List.of(new Binding(unknown(UNKNOWN_FROM, notes), List.copyOf(responders), false, notes));
    notes.add("initiator read from \"between …\" in the description");
    List<Binding> out = new ArrayList<>();
    for (String f : froms) out.add(new Binding(f, responders.stream().filter(x -> !x.equals(f)).distinct().toList(), false, notes));
    out.removeIf(b -> b.responders().isEmpty());
    return out;
  }

  /** "imaging Satellite devices" → "Satellite devices", noting the qualifier. */
  private static String dropQualifier(String name, List<String> notes) {
    var m = QUALIFIER.matcher(name);
    if (m.matches()) {
      notes.add("qualifier '" + m.group(1) + "' dropped from '" + name + "'");
      return m.group(2);
    }
    return name;
  }

  private static boolean overlaps(List<String> a, List<String> b) {
    for (String x : a)
      for (String y : b) {
        if (x.equals(y)) return true;
        Set<String> wx = new HashSet<>(RoleNames.words(x));
        wx.retainAll(RoleNames.words(y));
        wx.removeAll(Set.of("server", "device", "the"));
        if (!wx.isEmpty()) return true;
      }
    return false;
  }

  /** The "between … and …" and "… should have access to …" sides of the text before a table, each paragraph read once for the whole page (not once per row of every list). */
  private final List<TextClues.Sides> sidesBefore = new ArrayList<>();
  private int sidesRead;

  private List<TextClues.Sides> sidesBefore(List<String> before) {
    for (; sidesRead < before.size(); sidesRead++) {
      String p = before.get(sidesRead);
      sidesBefore.addAll(TextClues.between(p));
      sidesBefore.addAll(TextClues.shouldAccess(p));
    }
    return sidesBefore;
  }

  /** No role columns: "for X to access Y" above the table, the row's own words, or "between X and Y" before it. */
  private List<Binding> fromProse(String component, String purpose, Optional<TextClues.Sides> access, List<String> before, Shape shape) {
    List<String> notes = new ArrayList<>();
    if (access.isPresent()) {
      notes.add("initiator and responder read from \"for … to access …\" above the table");
      List<Binding> out = new ArrayList<>();
      List<String> to = access.get().second().stream().map(n -> role(n, false)).toList();
      for (String f : access.get().first()) out.add(new Binding(role(f, false), to, false, notes));
      return out;
    }
    List<String> subject = TextClues.subject(purpose);
    List<String> peers = TextClues.responderPeers(purpose);
    if (!subject.isEmpty() || !peers.isEmpty()) {
      String from = subject.isEmpty() ? null : role(subject.getFirst(), false);
      List<String> to = peers.stream().map(p -> role(p, false)).filter(p -> !p.equals(from)).toList();
      if (from != null && !to.isEmpty()) {
        notes.add("initiator and responder read from the purpose text");
        return List.of(new Binding(from, to, false, notes));
      }
      if (from == null && component != null && !to.isEmpty()) {
        notes.add("responder read from the purpose text; initiator not stated");
        return List.of(new Binding(unknown(UNKNOWN_FROM, notes), to, false, notes));
      }
    }
    var portOf = PORT_OF.matcher(purpose.strip());
    if (portOf.find() && portOf.group(1).split(" ").length <= 4) {
      notes.add("responder read from \"" + portOf.group() + "\"; initiator not stated");
      return List.of(new Binding(unknown(UNKNOWN_FROM, notes), List.of(role(portOf.group(1), false)), false, notes));
    }
    if (shape == Shape.PORT_LIST) {
      // "between the CAS server and child DCs": every pair the text before the list names.
      LinkedHashMap<String, Set<String>> pairs = new LinkedHashMap<>();
      for (TextClues.Sides s : sidesBefore(before))
        for (String a : s.first())
          for (String b : s.second())
            if (!isPlace(a) && !isPlace(b)) pairs.computeIfAbsent(role(a, false), x -> new LinkedHashSet<>()).add(role(b, false));
      if (!pairs.isEmpty()) {
        notes.add("roles read from \"between … and …\" and \"… should have access to …\" in the text before the list (first party taken as initiator)");
        List<Binding> out = new ArrayList<>();
        pairs.forEach((a, bs) -> {
          List<String> to = bs.stream().filter(b -> !b.equals(a)).toList();
          if (!to.isEmpty()) out.add(new Binding(a, to, false, notes));
        });
        if (!out.isEmpty()) return out;
      }
    }
    String to = component != null ? role(component, true) : unknown(UNKNOWN_TO, notes);
    if (component != null) notes.add("responder taken from the heading '" + component + "'");
    return List.of(new Binding(unknown(UNKNOWN_FROM, notes), List.of(to), false, notes));
  }

  /** "root domains", "child": places, not components. */
  private static boolean isPlace(String name) {
    return name.matches("(?i)^(?:(?:the\\s+)?(?:root|child|parent|trusting|trusted)\\b.*\\bdomains?|(?:root|child|parent)|.*\\bdomains?)$");
  }

  // ---- roles -------------------------------------------------------------------------

  private String role(String phrase, boolean component) {
    String name = RoleNames.clean(phrase);
    if (name.isEmpty()) name = phrase.strip();
    String id = RoleNames.id(name);
    roleNames.putIfAbsent(id, name);
    if (component) components.add(id);
    return id;
  }

  private String unknown(String id, List<String> notes) {
    roleNames.putIfAbsent(id, id.equals(UNKNOWN_FROM) ? "Unknown initiator" : "Unknown responder");
    String key = "role:" + id;
    if (!reviews.containsKey(key)) note(key, "placeholder: the document does not say which component this is; replace it in every requirement");
    notes.add((id.equals(UNKNOWN_FROM) ? "initiator" : "responder") + " not stated in the document");
    return id;
  }

  private String fqdnRole(String domainCell, List<String> notes) {
    List<String> fqdns = new ArrayList<>(TextClues.fqdns(domainCell));
    if (fqdns.isEmpty()) return role(domainCell, false);
    if (domainCell.toLowerCase(Locale.ROOT).contains("subdomain")) {
      fqdns.add("*." + fqdns.getFirst());
      notes.add("'" + domainCell + "' read as " + fqdns);
    }
    String id = RoleNames.id(fqdns.getFirst().replace("*.", ""));
    roleNames.putIfAbsent(id, domainCell);
    List<String> have = roleFqdns.computeIfAbsent(id, x -> new ArrayList<>());
    for (String f : fqdns) if (!have.contains(f)) have.add(f);
    return id;
  }

  /** Host names in a purpose text ("content … retrieved from novell.cdn.lumension.com"): outbound flows to them. */
  private void externalHosts(String purpose, List<Service> services, String label, Provenance source, List<Condition> conditions, Row row) {
    List<String> fqdns = TextClues.fqdns(purpose);
    if (fqdns.isEmpty()) return;
    List<String> notes = new ArrayList<>();
    List<String> who = TextClues.downloader(purpose);
    String from = who.isEmpty() ? unknown(UNKNOWN_FROM, notes) : role(who.getFirst(), false);
    for (String f : fqdns) {
      String id = RoleNames.id(f);
      roleNames.putIfAbsent(id, f);
      roleFqdns.computeIfAbsent(id, x -> new ArrayList<>(List.of(f)));
      List<String> n = new ArrayList<>(notes);
      n.add("external host " + f + " named in the description: flow from " + roleNames.get(from) + " on this row's ports; confirm the ports");
      Candidate r = Candidate.of(label + " " + f.split("\\.")[0], from, List.of(id), services, purpose, Candidate.allOf(conditions), source, n);
      reqs.add(r);
    }
  }

  /**
   * "ports on the domain controller are": found on its own, the text before it in its sentence
   * (from the last '.') taken after. The same match as "([^.]*?)" before it, which tried every
   * start of a cell and ran to its next '.' from each (quadratic in the cell's length).
   */
  private static final Pattern PORTS_ON = Pattern.compile("(?i)\\bports?\\s+on\\s+(?:the\\s+)?((?:[\\w-]+\\s+){0,3}?(?:server|controller|host|servers|controllers|hosts))\\s+(?:are|is|must|should)\\b");

  /** "Ensure that all secured (636 and 3269) and unsecured (389 and 3268) ports on the domain controller are not blocked". */
  private void portsOnPeer(String purpose, String component, String label, Provenance source, List<Condition> conditions) {
    var m = PORTS_ON.matcher(purpose);
    if (!m.find()) return;
    int start = purpose.lastIndexOf('.', m.start() - 1) + 1;
    String said = purpose.substring(start, m.end());
    var parens = PARENS.matcher(purpose.substring(start, m.start()));
    List<Service> services = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    while (parens.find()) {
      PortExpressions.Result r = PortExpressions.parse(parens.group(1));
      if (r.fromServiceName()) continue;
      for (Service sv : r.services()) if (!services.contains(sv)) services.add(sv);
      for (PortExpressions.Note n : r.notes()) notes.add("'" + parens.group(1) + "': " + n.message());
    }
    if (services.isEmpty()) return;
    String peer = role(m.group(1), false);
    if (peer.equals(component)) return;
    for (Candidate r : reqs) if (r.initiator().equals(component) && r.responders().equals(List.of(peer)) && r.services().equals(services)) return;
    notes.add("ports named in the notes (\"" + shorten(said.strip()) + "\"): flow from " + roleNames.get(component) + " to " + roleNames.get(peer) + " assumed");
    Candidate r = Candidate.of(label + " ports named", component, List.of(peer), services, said.strip(), Candidate.allOf(conditions), source, notes);
    reqs.add(r);
  }

  // ---- reviews ---------------------------------------------------------------------

  private void note(String key, String message) {
    List<String> list = reviews.computeIfAbsent(key, k -> new ArrayList<>());
    if (!list.contains(message)) list.add(message);
  }
}
