package org.portolan.docimport;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.portolan.docimport.PortEvidence.Against;
import org.portolan.docimport.PortEvidence.AgainstClue;
import org.portolan.docimport.PortEvidence.Candidate;
import org.portolan.docimport.PortEvidence.Clue;
import org.portolan.docimport.PortEvidence.ExampleClue;
import org.portolan.docimport.PortEvidence.Place;
import org.portolan.docimport.PortEvidence.PortClue;
import org.portolan.docimport.PortEvidence.Strength;
import org.portolan.docimport.PortEvidence.Tier;
import org.portolan.docimport.PortEvidence.TransportClue;
import org.portolan.docimport.SourceDocument.Block;
import org.portolan.docimport.SourceDocument.Code;
import org.portolan.docimport.SourceDocument.Heading;
import org.portolan.docimport.SourceDocument.ListItem;
import org.portolan.docimport.SourceDocument.Paragraph;
import org.portolan.docimport.SourceDocument.Row;
import org.portolan.docimport.SourceDocument.Table;
import org.portolan.model.PortRange;
import org.portolan.model.Protocol;

/**
 * The document-wide sweep: every number in every text the readers see (headings, paragraphs,
 * list items, code lines, table cells) that could be a port becomes a {@link Candidate} with
 * the clues around it. Numbers with no port clue at all are not kept.
 *
 * <p>Linear: each text is cut into sentences once, each sentence is scanned once for its
 * numbers and once for its sentence-wide words, and each number looks at a fixed window of
 * {@value #WINDOW} characters on either side. Hand-written because no library reads "is this
 * number a port" from prose.
 */
final class PortSweep {
  private PortSweep() {}

  /** Characters either side of a number that its local clues are read from. */
  static final int WINDOW = 48;
  /** A list of ports continues over at most this many characters of separators ("80, 443 and 8443"). */
  private static final int LIST_GAP = 12;

  /** One text to sweep, with what its layout says about the numbers in it. */
  private record Unit(int line, String text, Place place, String heading, List<Clue> layoutClues) {}

  static List<Candidate> sweep(SourceDocument doc, Protocol pageDefault) {
    List<Candidate> out = new ArrayList<>();
    String heading = null;
    List<Clue> section = List.of();
    String leadIn = "";
    for (Block b : doc.blocks()) {
      switch (b) {
        case Heading h -> {
          heading = h.text();
          section = sectionClues(h.text(), "heading '" + DraftPasses.shorten(h.text()) + "'");
          leadIn = "";
          sweepUnit(new Unit(h.line(), h.text(), Place.HEADING, heading, List.of()), pageDefault, out);
        }
        case Paragraph p -> {
          sweepUnit(new Unit(p.line(), p.text(), Place.PROSE, heading, section), pageDefault, out);
          leadIn = p.text().strip();
        }
        case ListItem li -> {
          List<Clue> layout = new ArrayList<>(section);
          if (leadIn.endsWith(":")) {
            layout.addAll(sectionClues(leadIn, "lead-in '" + DraftPasses.shorten(leadIn) + "'"));
            if (AgainstWords.refuses(leadIn)) layout.add(new AgainstClue(Against.NEGATION, "under the refusing lead-in '" + DraftPasses.shorten(leadIn) + "'"));
          }
          sweepUnit(new Unit(li.line(), li.text(), Place.LIST_ITEM, heading, layout), pageDefault, out);
        }
        case Code c -> {
          String[] lines = c.text().split("\n", -1);
          int portsIndent = -1;
          String placeholder = null;
          for (int i = 0; i < lines.length; i++) {
            String l = lines[i];
            if (COMMENT_LINE.matcher(l).lookingAt()) {
              // "# SSH (put here the port you configured)": the next rule's number is the reader's own value, not this product's.
              if (PLACEHOLDER.matcher(l).find()) placeholder = l.strip();
              else placeholder = null;
            }
            int indent = l.length() - l.stripLeading().length();
            if (!l.isBlank() && portsIndent >= 0 && indent <= portsIndent) portsIndent = -1;
            List<Clue> layout = section;
            if (portsIndent >= 0) {
              // A compose file's "ports:" list: what is under it is a list of published ports.
              layout = new ArrayList<>(section);
              layout.add(new PortClue(Strength.WEAK, "section", "under a 'ports:' key"));
            }
            if (placeholder != null && !l.isBlank() && !COMMENT_LINE.matcher(l).lookingAt()) {
              layout = new ArrayList<>(layout);
              layout.add(new ExampleClue(COMMENT_ABOVE + " '" + DraftPasses.shorten(placeholder) + "'"));
              placeholder = null;
            }
            sweepUnit(new Unit(c.line() + i, l, Place.CODE, heading, layout), pageDefault, out);
            if (PORTS_KEY.matcher(l).matches()) portsIndent = indent;
          }
        }
        case Table t -> {
          List<Clue> layout = new ArrayList<>(section);
          if (AgainstWords.refusingLeadIn(leadIn))
            layout.add(new AgainstClue(Against.NEGATION, "under the refusing lead-in '" + DraftPasses.shorten(leadIn) + "'"));
          sweepTable(t, heading, layout, pageDefault, out);
          leadIn = "";
        }
      }
    }
    return out;
  }

  // ---- layout clues ------------------------------------------------------------------

  private static final Pattern COMMENT_LINE = Pattern.compile("\\s*(?:#|//|;|--\\s|rem\\s)", Pattern.CASE_INSENSITIVE);
  /** A comment telling the reader to put their own value in the next line. */
  private static final Pattern PLACEHOLDER = Pattern.compile("(?i)\\b(?:put\\s+here|replace\\s+(?:it\\s+|this\\s+)?with|change\\s+(?:this|it)\\s+to"
      + "|your\\s+own|you\\s+(?:have\\s+)?(?:configured|chose|chosen|set|picked)|adjust\\s+(?:this|it))\\b");
  /** The cue of an example clue a placeholder comment gives the line under it. */
  static final String COMMENT_ABOVE = "the comment above says";
  /** "you can set the system to use port", "it may be configured to listen on port": a choice the page leaves open. */
  private static final Pattern OPTION_BEFORE = Pattern.compile("\\b(?:can|may|could)\\s+(?:also\\s+)?(?:set|configure|change|switch|move)\\b[^.;]{0,30}\\bto\\s+(?:use|listen\\s+on)\\s+(?:the\\s+)?(?:tcp\\s+|udp\\s+)?port\\s*$");
  private static final Pattern PORTS_KEY = Pattern.compile("\\s*-?\\s*ports\\s*:\\s*(?:#.*)?");
  private static final Pattern PORTS_WORD = Pattern.compile("(?i)\\bports?\\b");
  private static final Pattern TCP = Pattern.compile("(?i)\\btcp\\b");
  private static final Pattern UDP = Pattern.compile("(?i)\\budp\\b");

  /** A heading or lead-in about ports is weak evidence; one naming a single transport ("UDP ports") states it for what is under it. */
  private static List<Clue> sectionClues(String text, String cue) {
    List<Clue> out = new ArrayList<>();
    if (PORTS_WORD.matcher(text).find() || text.toLowerCase(Locale.ROOT).matches(".*\\b(firewall|inbound|ingress|listen\\w*)\\b.*"))
      out.add(new PortClue(Strength.WEAK, "section", cue));
    Set<Protocol> t = transports(text);
    if (t.size() == 1 && PORTS_WORD.matcher(text).find()) out.add(new TransportClue(Tier.SECTION, t, cue));
    return out;
  }

  private static Set<Protocol> transports(String text) {
    Set<Protocol> out = new HashSet<>();
    if (TCP.matcher(text).find()) out.add(Protocol.TCP);
    if (UDP.matcher(text).find()) out.add(Protocol.UDP);
    return out;
  }

  private static final Pattern TRANSPORT_CELL = Pattern.compile("(?i)\\s*(tcp|udp)(?:\\s*(?:/|,|and|or|&|\\+)\\s*(tcp|udp))?\\s*");

  private static void sweepTable(Table t, String heading, List<Clue> section, Protocol pageDefault, List<Candidate> out) {
    Map<CandidateRows.Col, Integer> cols = CandidateRows.columns(t.header());
    int protocolCol = cols.getOrDefault(CandidateRows.Col.PROTOCOL, -1);
    int valueCol = valueColumn(t);
    for (Row r : t.rows()) {
      List<Clue> row = new ArrayList<>(section);
      // The row's transport: a Protocol cell or any cell that only says TCP/UDP; an application protocol ("HTTPS") says TCP.
      Set<Protocol> rowTransport = new LinkedHashSet<>();
      for (int i = 0; i < r.cells().size(); i++) {
        String cell = r.cell(i);
        if (TRANSPORT_CELL.matcher(cell).matches() || i == protocolCol && cell.length() < 40) rowTransport.addAll(transports(cell));
      }
      // The row's transport is for its port cells; a number in another cell needs its own.
      List<Clue> rowTransportClues = new ArrayList<>();
      if (rowTransport.isEmpty()) {
        // "SNMP agent responder, UDP (local)": a row whose text names exactly one transport states it for its port cells.
        Set<Protocol> named = transports(String.join(" ", r.cells()));
        if (named.size() == 1) rowTransportClues.add(new TransportClue(Tier.SENTENCE, named, "the row names " + names(named)));
      }
      if (!rowTransport.isEmpty()) rowTransportClues.add(new TransportClue(Tier.ROW, rowTransport, "the row's protocol cell"));
      else if (protocolCol >= 0 && ApplicationProtocols.read(r.cell(protocolCol)) instanceof ApplicationProtocols.Reading.Transport tr)
        rowTransportClues.add(new TransportClue(Tier.APPLICATION, transports(tr.cell()), tr.note()));
      String whole = String.join(" ", r.cells());
      AgainstClue rowAgainst = AgainstWords.against(whole, "the row");
      if (rowAgainst != null) row.add(rowAgainst);
      for (int i = 0; i < r.cells().size(); i++) {
        String h = i < t.header().size() ? t.header().get(i).toLowerCase(Locale.ROOT).strip() : "";
        List<Clue> cell = new ArrayList<>(row);
        Place place = Place.CELL;
        if (i == valueCol) {
          place = Place.PORT_CELL;
          cell.addAll(rowTransportClues);
          cell.add(new PortClue(Strength.STRONG, "column", "in the '" + t.header().get(i).strip() + "' column, beside a port column of names"));
        } else if (!h.isEmpty() && h.matches(".*\\bports?\\b.*|.*\\bportnumbers?\\b.*|(?:tcp|udp|tcp\\s*/\\s*udp)(?:\\s+ports?)?")) {
          int score = CandidateRows.portScore(h);
          if (score == 1 && i != cols.getOrDefault(CandidateRows.Col.PORT, -1)) {
            // "When the port is required": a header that speaks of the port without naming a port column.
          } else if (score <= -100) cell.add(new AgainstClue(Against.FORM, "in the '" + t.header().get(i).strip() + "' column (not a port to open)"));
          else {
            place = Place.PORT_CELL;
            cell.addAll(rowTransportClues);
            cell.add(new PortClue(Strength.STRONG, "column", "in the '" + t.header().get(i).strip() + "' column"));
            Set<Protocol> ht = transports(h);
            if (!ht.isEmpty()) cell.add(new TransportClue(Tier.ROW, ht, "the column header '" + t.header().get(i).strip() + "'"));
          }
        }
        if (place == Place.CELL)
          // "Additional ports will be 9002, 9003" in a row's description: the row's transport, below any the cell states itself.
          for (Clue k : rowTransportClues)
            if (k instanceof TransportClue tc) cell.add(new TransportClue(Tier.SECTION, tc.protocols(), tc.cue() + " (of the same row)"));
        sweepUnit(new Unit(r.line(), r.cell(i), place, heading, cell), pageDefault, out);
      }
    }
  }

  private static final Pattern VALUE_HEADER = Pattern.compile("(?i)\\s*(?:default(?:\\s+(?:value|number|port))?|value|number)\\s*");
  private static final Pattern PORT_VALUE = Pattern.compile("\\s*\\d{1,5}(?:\\s*[-\u2013]\\s*\\d{1,5})?\\s*");

  /**
   * "Port | Default | Description" where the Port column holds names ("Agent wake-up port") and
   * the numbers stand under "Default": that column is the port column. -1 when the table is not so.
   */
  private static int valueColumn(Table t) {
    int names = -1;
    for (int i = 0; i < t.header().size(); i++) {
      if (!PORTS_WORD.matcher(t.header().get(i)).find()) continue;
      boolean digits = false;
      for (Row r : t.rows()) digits |= hasDigit(r.cell(i).replaceAll("\\d+\\.\\d+", ""));
      if (digits) return -1;
      names = i;
    }
    if (names < 0 || t.rows().isEmpty()) return -1;
    for (int i = 0; i < t.header().size(); i++) {
      if (i == names || !VALUE_HEADER.matcher(t.header().get(i)).matches()) continue;
      int numbers = 0;
      for (Row r : t.rows()) if (PORT_VALUE.matcher(r.cell(i)).matches()) numbers++;
      if (numbers * 2 >= t.rows().size()) return i;
    }
    return -1;
  }

  // ---- sentences ---------------------------------------------------------------------

  private static final Pattern EXAMPLE = Pattern.compile("(?i)\\b(?:e\\.\\s?g\\.|for\\s+(?:example|instance)|examples?|samples?|such\\s+as|placeholder|any\\s+(?:other\\s+)?port\\s+(?:of|in|from|within)\\s+(?:the|that|this)\\s+range|(?:any|whichever)\\s+[a-z ]{0,30}\\bwill\\s+do)(?:\\b|(?<=\\.))");
  /** A line of a capture summary ("Flags=...S., SrcPort=52702, … Seq=722369472"): the ports of one packet, not requirements. */
  private static final Pattern PACKET_TRACE = Pattern.compile("(?i)\\b(?:seq|ack|win|flags|payloadlen|ttl|call)\\s*=\\s*\\S");
  private static final Pattern VERB = Pattern.compile("(?i)\\b(?:listen\\w*|open\\w*|allow\\w*|firewall\\w*|inbound|ingress|outbound|egress|expose[sd]?|bind[s]?|bound|reachable|accept\\w*|permit\\w*)\\b");
  private static final Pattern BOTH = Pattern.compile("(?i)\\b(?:tcp\\s*(?:/|and|&|or|\\+)\\s*udp|udp\\s*(?:/|and|&|or|\\+)\\s*tcp)\\b");

  private static void sweepUnit(Unit u, Protocol pageDefault, List<Candidate> out) {
    String text = u.text();
    if (text == null || text.isEmpty() || !hasDigit(text)) return;
    // Markup that sits around numbers ("`8080`", "**22000/TCP**") is blanked in place, so offsets and line counts stay.
    text = text.replace('`', ' ').replace('*', ' ');
    boolean unitPorts = PORTS_WORD.matcher(text).find();
    int start = 0;
    int newlines = 0;
    int previousFrom = out.size();
    int n = text.length();
    for (int i = 0; i <= n; i++) {
      boolean end = i == n;
      if (!end) {
        char ch = text.charAt(i);
        boolean stop = (ch == '.' || ch == ';' || ch == '!' || ch == '?') && (i + 1 == n || Character.isWhitespace(text.charAt(i + 1)))
            || ch == '\n' && (u.place() == Place.CODE || i + 1 < n && text.charAt(i + 1) == '\n');
        if (!stop) continue;
      }
      int to = end ? n : i + 1;
      if (to > start) {
        String sentence = text.substring(start, to);
        Against back = !hasDigit(sentence) && previousFrom < out.size() ? AgainstWords.pointingBackAgainst(sentence) : null;
        if (back != null) {
          // "… ports 8080 and 8443 are used internally. Do not open these ports.": the refusal points back.
          for (int k = previousFrom; k < out.size(); k++)
            out.set(k, with(out.get(k), new AgainstClue(back, "the next sentence says '" + DraftPasses.shorten(sentence.strip()) + "'")));
        }
        if (!hasDigit(sentence) && previousFrom < out.size() && AgainstWords.pointsBack(sentence)) {
          // "… 3478 and 5349. Allow both TCP and UDP on them.": the transport points back.
          Set<Protocol> t = BOTH.matcher(sentence).find() ? Set.of(Protocol.TCP, Protocol.UDP) : transports(sentence);
          if (!t.isEmpty())
            for (int k = previousFrom; k < out.size(); k++) out.set(k, with(out.get(k), new TransportClue(Tier.SENTENCE, t, "the next sentence says " + names(t))));
        }
        if (hasDigit(sentence)) {
          previousFrom = out.size();
          sentence(u, text, start, to, u.line() + newlines, unitPorts, pageDefault, out);
        }
      }
      for (int k = start; k < to; k++) if (text.charAt(k) == '\n') newlines++;
      start = to;
    }
  }

  private static Candidate with(Candidate c, Clue clue) {
    List<Clue> clues = new ArrayList<>(c.clues());
    clues.add(clue);
    return new Candidate(c.line(), c.ports(), c.place(), c.sentence(), c.heading(), clues);
  }

  private static boolean hasDigit(String s) {
    for (int i = 0; i < s.length(); i++) if (s.charAt(i) >= '0' && s.charAt(i) <= '9') return true;
    return false;
  }


  /** The numbers of one sentence [{@code from}, {@code to}) of {@code text}. */
  private static void sentence(Unit u, String text, int from, int to, int line, boolean unitPorts, Protocol pageDefault, List<Candidate> out) {
    String s = text.substring(from, to);
    if (!hasDigit(s)) return;
    // Sentence-wide clues, found once.
    List<Clue> wide = new ArrayList<>(u.layoutClues());
    AgainstClue against = AgainstWords.against(s, "the sentence");
    if (against != null) wide.add(against);
    if (s.indexOf('=') >= 0 && PACKET_TRACE.matcher(s).find()) wide.add(new AgainstClue(Against.NOT_A_PORT, "a packet trace line (Seq=, Ack=, Flags=)"));
    Matcher ex = EXAMPLE.matcher(s);
    if (ex.find()) wide.add(new ExampleClue("the sentence says '" + ex.group() + "'"));
    boolean sentencePorts = PORTS_WORD.matcher(s).find();
    if (sentencePorts) wide.add(new PortClue(Strength.WEAK, "ports-word", "the sentence speaks of ports"));
    else if (unitPorts) wide.add(new PortClue(Strength.WEAK, "ports-word", "the paragraph speaks of ports"));
    Matcher verb = VERB.matcher(s);
    if (verb.find()) wide.add(new PortClue(Strength.WEAK, "verb", "the sentence says '" + verb.group() + "'"));
    if (pageDefault != null) wide.add(new TransportClue(Tier.PAGE, Set.of(pageDefault), "the page's default protocol"));
    // The numbers, each with its local clues.
    List<Local> locals = new ArrayList<>();
    int i = 0;
    int n = s.length();
    while (i < n) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        i++;
        continue;
      }
      int j = i;
      while (j < n && s.charAt(j) >= '0' && s.charAt(j) <= '9') j++;
      Local l = local(s, i, j);
      i = l == null ? j : Math.max(j, l.end());
      if (l != null) locals.add(l);
    }
    // The sentence's own transport words, those attached to a number left out: "53 (UDP and TCP) and NTP (123/udp)".
    StringBuilder rest = new StringBuilder(s);
    for (Local l : locals)
      if (l.transportFrom() >= 0) for (int k = Math.max(0, l.transportFrom()); k < Math.min(rest.length(), l.transportTo()); k++) rest.setCharAt(k, ' ');
    String free = rest.toString();
    Set<Protocol> st = BOTH.matcher(free).find() ? Set.of(Protocol.TCP, Protocol.UDP) : transports(free);
    String quoted = null;
    for (int k = 0; k < locals.size(); k++) {
      Local l = locals.get(k);
      List<Clue> clues = new ArrayList<>(wide);
      clues.addAll(l.clues());
      // "ports 80, 443 and 8443", "TCP ports 80, 443": a list goes on with the clues of its head.
      if (k > 0 && listContinues(s, locals.get(k - 1).end(), l.start())) {
        for (Clue c : locals.get(k - 1).inherited()) if (!clues.contains(c)) clues.add(c);
        l = l.inheriting(locals.get(k - 1).inherited());
        locals.set(k, l);
      }
      if (!st.isEmpty()) clues.add(new TransportClue(Tier.SENTENCE, st, "the sentence says " + names(st)));
      // Kept: numbers with port evidence, and those a reader might have taken that the page says are no port (to veto them).
      boolean portEvidence = clues.stream().anyMatch(x -> x instanceof PortClue);
      boolean vetoing = clues.stream().anyMatch(x -> x instanceof AgainstClue a && a.kind().vetoes);
      if (!portEvidence && !vetoing) continue;
      if (!vetoing && u.place() == Place.CODE && clues.stream().noneMatch(x -> x instanceof PortClue p && p.strength() == Strength.STRONG)) continue;
      if (quoted == null) quoted = quote(s);
      out.add(new Candidate(line, l.ports(), u.place(), quoted, u.heading(), clues));
    }
  }

  /** The sentence as a candidate keeps it: at most {@value #QUOTE} characters, cut once per sentence (a 20 MB sentence is not copied per number). */
  static final int QUOTE = 240;

  private static String quote(String s) {
    String t = s.strip();
    return t.length() <= QUOTE ? t : t.substring(0, QUOTE) + "...";
  }

  private static String names(Set<Protocol> ps) {
    return ps.contains(Protocol.TCP) && ps.contains(Protocol.UDP) ? "TCP and UDP" : ps.contains(Protocol.UDP) ? "UDP" : "TCP";
  }

  private static boolean listContinues(String s, int prevEnd, int start) {
    if (start - prevEnd > LIST_GAP || start < prevEnd) return false;
    String gap = s.substring(prevEnd, start).toLowerCase(Locale.ROOT);
    return gap.matches("[\\s,&/]*(?:and|or|as well as)?[\\s,]*");
  }

  /**
   * A number at [{@code i}, {@code j}) of {@code s} and what its immediate surroundings say.
   *
   * @param inherited the clues a list continuing after it takes over (port word, list transport)
   */
  private record Local(int start, int end, PortRange ports, List<Clue> clues, List<Clue> inherited, int transportFrom, int transportTo) {
    Local inheriting(List<Clue> more) {
      List<Clue> all = new ArrayList<>(inherited);
      for (Clue c : more) if (!all.contains(c)) all.add(c);
      return new Local(start, end, ports, clues, all, transportFrom, transportTo);
    }
  }

  private static final Pattern RANGE_AFTER = Pattern.compile("^(?:\\s*/\\s*(?:tcp|udp))?\\s*(?:-|\u2013|\u2014|\\.\\.|to|through|thru)\\s*(\\d{1,5})(?!\\d|\\.\\d)");
  private static final Pattern MAPPING_AFTER = Pattern.compile("^:(\\d{1,5})(?:\\s*-\\s*\\d{1,5})?(?![\\d.])");
  private static final Pattern SLASH_TRANSPORT_AFTER = Pattern.compile("^\\s*/\\s*(tcp|udp|sctp)\\b(?:\\s*/\\s*(tcp|udp)\\b)?");
  private static final Pattern PAREN_TRANSPORT_AFTER = Pattern.compile("^\\s*\\(\\s*(tcp|udp)\\b(?:\\s*(?:/|,|and|or|&)\\s*(tcp|udp)\\b)?");
  private static final Pattern SLASH_TRANSPORT_BEFORE = Pattern.compile("\\b(tcp|udp)\\s*/\\s*$");
  /** "2377 TCP", "8006: TCP"; not "7000 UDP: 7001" or "80 TCP 443", where the word labels the next port, and not across a line. */
  private static final Pattern WORD_TRANSPORT_AFTER = Pattern.compile("^[ \\t]*:?[ \\t]*(tcp|udp)\\b(?:[ \\t]*(?:/|,|and|or|&)[ \\t]*(tcp|udp)\\b)?(?![ \\t]*[:/]?[ \\t]*\\d)");
  private static final Pattern COMMA_TRANSPORT_IN_PARENS = Pattern.compile("^\\s*,\\s*(tcp|udp)\\b(?:\\s*(?:/|,|and|or|&)\\s*(tcp|udp)\\b)?\\s*\\)");
  private static final Pattern OVER_TRANSPORT_AFTER = Pattern.compile("^\\s+(?:for|over|via|using|on)\\s+(?:the\\s+)?(tcp|udp)\\b");
  private static final Pattern TRANSPORT_BEFORE = Pattern.compile("\\b(tcp|udp|sctp)(?:\\s*(?:/|and|or|&)\\s*(tcp|udp))?\\s*(?:/|:\\s|\\s)\\s*(?:ports?\\s*)?(?:(?:numbers?|range)\\s*)?(?:#\\s*)?$");
  private static final Pattern PORT_BEFORE = Pattern.compile(
      "\\bports?\\s*(?:numbers?\\s*|no\\.?\\s*|#\\s*)?(?:[:=]\\s*)?(?:(?:is|are|of|on|at|to|set\\s+to|defaults?\\s+to|default\\s+is|number|range|will\\s+be|would\\s+be)\\s+)*(?:the\\s+)?(?:tcp\\s+|udp\\s+)?$");
  private static final Pattern LISTEN_BEFORE = Pattern.compile("\\b(?:listen(?:s|ing)?(?:\\s+on)?|expose|bind(?:s)?(?:\\s+to)?)\\s+(?:port\\s+)?$");
  private static final Pattern KEY_BEFORE = Pattern.compile("(?:^|[\\s\"'{(,])(-{0,2}[a-z0-9_.\\-]*port[a-z0-9_.\\-]*)\\s*[:=]?\\s*[\"']?\\s*$");
  /** "-graphiteListenAddr=:2003", "address: \":1704/udp\"", "bind = :8080": a listening address on every interface. */
  private static final Pattern LISTEN_ADDRESS_BEFORE = Pattern.compile("(?:listen\\w*|addr\\w*|bind\\w*)\\s*[:=]\\s*[\"']?\\s*:$");
  private static final Pattern PUBLISH_BEFORE = Pattern.compile("(?:^|\\s)(?:-p|--publish)[\\s=]+[\"']?(?:[0-9.]+:)?$|^\\s*-\\s+[\"']?$");
  private static final Pattern HOST_BEFORE = Pattern.compile("(?:[a-z0-9_\\-\\]*]|\\[[0-9a-f:]+\\]):$");
  /** "TCP:36", "IPv4:7" in a packet trace: a protocol and a frame number, not a host and port. */
  private static final Pattern NOT_A_HOST = Pattern.compile("\\b(?:tcp|udp|ip|ipv4|ipv6|icmp|sctp|http|https)(?<!://):$");
  private static final Pattern BOUND_BEFORE = Pattern.compile("(?:[<>\u2264\u2265]=?|\\b(?:above|below|greater\\s+than|less\\s+than|higher\\s+than|lower\\s+than))\\s*$");
  private static final Pattern FOOTNOTE_BEFORE = Pattern.compile("\\d\\s*\\($");
  private static final Pattern SCHEME = Pattern.compile("\\b(https?|wss?|grpcs?|ldaps?|ftp|ssh|smtp|imaps?)://[^\\s/]*$");
  private static final Pattern PORT_AFTER = Pattern.compile("^\\s*(?:is\\s+)?(?:the\\s+)?(?:default\\s+)?(?:tcp\\s+|udp\\s+)?port\\b(?!s)");
  private static final Pattern PORTS_AFTER = Pattern.compile("^\\s*(?:tcp\\s+|udp\\s+)?ports\\b");
  private static final Pattern APP_ADJACENT_BEFORE = Pattern.compile("\\b([a-z][a-z0-9]*)\\s*[:(]?\\s*$");
  private static final Pattern APP_ADJACENT_AFTER = Pattern.compile("^\\s*[(:\\-]?\\s*([a-z][a-z0-9]*)\\b");
  /** "10.0.0.0/8", "fd00::/64"; not "80/443", a list of two ports. */
  private static final Pattern PREFIX_BEFORE = Pattern.compile("(?:\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}|[0-9a-f]*::?[0-9a-f:]*)/$");
  /** "source address=/32", "--src <ip>/24": a prefix length whose address is a placeholder the page (or its markup) left blank. */
  private static final Pattern BLANK_ADDRESS_PREFIX_BEFORE = Pattern.compile("(?:addr\\w*|source|destination|src|dst|subnet|network|cidr|net)\\s*[=:]?\\s*[\"'<>\\[\\]{}a-z_\\-]*\\s*/$");
  private static final Pattern OPEN_ENDED_AFTER = Pattern.compile("^\\s*(?:\\+(?!\\s*\\d)|and\\s+(?:above|up|higher|later)|or\\s+(?:above|higher|more)|upwards|onwards)");
  private static final Pattern UNIT_AFTER = Pattern.compile(
      "^\\s*-?\\s*(?:%|percent|ms|msec|s|secs?|seconds?|min|mins|minutes?|hours?|hrs?|h|days?|weeks?|months?|years?|kb|mb|gb|tb|kib|mib|gib|tib|bytes?|bits?|kbps|mbps|gbps"
          + "|px|times|threads?|connections?|users?|nodes?|servers?|instances?|cores?|cpus?|vcpus?|replicas?|entries|rows|records|requests|items|characters|chars"
          + "|digits|hosts|devices|clients|sessions|agents|members|brokers|partitions|retries|attempts|steps|workers|processes|files|lines|gb/s|mb/s|bit|x)\\b");
  private static final Pattern REFERENCE_BEFORE = Pattern.compile(
      "\\b(?:version|versions|release|build|v|ver|rfc|cve|section|step|chapter|table|figure|fig|page|line|item|appendix|kb|sp|update|patch|level|tier|phase"
          + "|type|code|class|error|status|id|revision|rev|java|jdk|jre|python|node|windows|server|ubuntu|debian|rhel|centos|iso|ieee|top|first|last|up\\s+to"
          + "|at\\s+least|at\\s+most|maximum|minimum|max|min|about|approximately|around|every|each|per|over|under|than|timeout|interval|size|count|limit)\\s*[.:#-]?\\s*$");
  private static final Pattern SOURCE_KEY = Pattern.compile("(?i).*(?:src|source|client|local|ephemeral).*");
  private static final Pattern BOUND_KEY = Pattern.compile("(?i).*(?:min|max|count|range|limit|retries|retry|attempts|tries|offset|increment|timeout|number|num|size).*");
  private static final Pattern MONTH = Pattern.compile("\\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\\.?\\s*$");
  private static final Pattern MONTH_AFTER = Pattern.compile("^\\s*(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\\b");

  /** {@code null} when the characters glued to the number make it no port at all (an identifier, "10ms", "x509", an over-long digit run). */
  private static Local local(String s, int i, int j) {
    if (j - i > 5) return null;
    if (i > 0 && (Character.isLetter(s.charAt(i - 1)) || s.charAt(i - 1) == '_')) return null;
    if (j < s.length() && (Character.isLetter(s.charAt(j)) || s.charAt(j) == '_')) return null;
    int value = Integer.parseInt(s, i, j, 10);
    if (value > 65535) return null;
    String before = s.substring(Math.max(0, i - WINDOW), i).toLowerCase(Locale.ROOT);
    String afterRaw = s.substring(j, Math.min(s.length(), j + WINDOW));
    String after = afterRaw.toLowerCase(Locale.ROOT);
    List<Clue> clues = new ArrayList<>();
    List<Clue> inherited = new ArrayList<>();
    int end = j;
    // Cheap facts about the window, so the end-anchored patterns run only where they can match (a run of digits and commas skips them all).
    String tail = before.stripTrailing();
    char last = tail.isEmpty() ? ' ' : tail.charAt(tail.length() - 1);
    boolean words = hasLetter(before);
    boolean portWord = words && before.contains("port");
    boolean transportWord = words && (before.contains("tcp") || before.contains("udp") || before.contains("sctp"));
    PortRange ports = PortRange.of(value);
    if (value == 0) clues.add(new AgainstClue(Against.FORM, "port 0 is no port to open"));
    if ((last == '<' || last == '>' || last == '=' || last == '\u2264' || last == '\u2265' || words && (before.contains("above") || before.contains("below") || before.contains("than")))
        && BOUND_BEFORE.matcher(before).find())
      clues.add(new AgainstClue(Against.FORM, "a bound ('" + lastWords(before) + "'), not a port"));
    // Dotted: a version, an address octet or a decimal.
    if (before.endsWith(".") && before.length() > 1 && Character.isDigit(before.charAt(before.length() - 2))
        || after.length() > 1 && after.charAt(0) == '.' && Character.isDigit(after.charAt(1)))
      clues.add(new AgainstClue(Against.NOT_A_PORT, "part of a version, address or decimal"));
    // "H.323", "X.509", "G.711": one letter and a dot name a standard, not a port.
    if (before.endsWith(".") && before.length() > 1 && Character.isLetter(before.charAt(before.length() - 2))
        && (before.length() == 2 || !Character.isLetterOrDigit(before.charAt(before.length() - 3))))
      clues.add(new AgainstClue(Against.NOT_A_PORT, "the name of a standard ('" + before.charAt(before.length() - 2) + "." + value + "')"));
    if (last == '/' && (PREFIX_BEFORE.matcher(before).find() || value <= 128 && words && BLANK_ADDRESS_PREFIX_BEFORE.matcher(before).find()))
      clues.add(new AgainstClue(Against.NOT_A_PORT, "a prefix length"));
    // Ranges and dates.
    Matcher range = RANGE_AFTER.matcher(after);
    if (range.lookingAt()) {
      int hi = Integer.parseInt(range.group(1));
      String rest = after.substring(range.end());
      if (rest.matches("(?s)^-\\d.*") || after.startsWith("-") && value > 1900 && value < 2100 && hi <= 12) clues.add(new AgainstClue(Against.NOT_A_PORT, "a date"));
      else if (hi > value && hi <= 65535) {
        if (value <= 1 && hi == 65535) clues.add(new AgainstClue(Against.FORM, "the whole port number space"));
        ports = new PortRange(value, hi);
        end = j + range.end();
        after = after.substring(range.end());
      }
    }
    Matcher map = MAPPING_AFTER.matcher(after);
    boolean publish = before.indexOf('-') >= 0 && PUBLISH_BEFORE.matcher(before).find();
    Matcher rangeKey = KEY_BEFORE.matcher(portWord ? before : "");
    if (map.lookingAt()) {
      int right = Integer.parseInt(map.group(1));
      if (value <= 24 && right < 60 && !publish) clues.add(new AgainstClue(Against.NOT_A_PORT, "a time of day"));
      else if (!publish && right > value && ports.from() == ports.to() && rangeKey.find()) {
        // "--dports 10000:20000": iptables writes a range with a colon.
        ports = new PortRange(value, right);
        end += map.end();
        after = after.substring(map.end());
      }
      else if (publish || ports.from() == ports.to() && right == value) {
        // "-p 3478:3478/udp", "- 8080:80": the host side is the port to open; the container side is consumed with it.
        clues.add(new PortClue(Strength.STRONG, "publish", "published as host:container"));
        end += map.end();
        after = after.substring(map.end());
      }
    }
    if (publish) {
      clues.add(new PortClue(Strength.STRONG, "publish", "a published port (-p)"));
      Matcher slash = SLASH_TRANSPORT_AFTER.matcher(after);
      if (!slash.lookingAt()) clues.add(new TransportClue(Tier.ATTACHED, Set.of(Protocol.TCP), "published without /udp, which Docker publishes as TCP"));
    }
    // Attached transport: "8080/tcp", "53/TCP/UDP", "8080 (TCP)", "2377 TCP", "tcp/8080", "TCP 443", "UDP port 53".
    Set<Protocol> attached = new LinkedHashSet<>();
    String attachedCue = null;
    // Where the attached transport words stand, so the sentence-wide transport is read without them.
    int tFrom = -1;
    int tTo = -1;
    int beforeStart = i - before.length();
    Matcher slashBefore = SLASH_TRANSPORT_BEFORE.matcher(transportWord && last == '/' ? before : "");
    if (slashBefore.find()) {
      tFrom = beforeStart + slashBefore.start();
      tTo = i;
      addTransport(attached, slashBefore.group(1));
      attachedCue = "'" + slashBefore.group(1) + "/" + value + "'";
    }
    // "(53, UDP and TCP)": inside parentheses a comma joins the port to its transports.
    List<Pattern> afterForms = last == '(' ? List.of(SLASH_TRANSPORT_AFTER, PAREN_TRANSPORT_AFTER, WORD_TRANSPORT_AFTER, COMMA_TRANSPORT_IN_PARENS)
        : List.of(SLASH_TRANSPORT_AFTER, PAREN_TRANSPORT_AFTER, WORD_TRANSPORT_AFTER);
    for (Pattern p : attached.isEmpty() ? afterForms : List.<Pattern>of()) {
      Matcher m = p.matcher(after);
      if (m.lookingAt()) {
        addTransport(attached, m.group(1));
        if (m.groupCount() >= 2) addTransport(attached, m.group(2));
        attachedCue = "'" + DraftPasses.shorten(s.substring(i, Math.min(s.length(), end + m.end())).strip()) + "'";
        tFrom = end;
        tTo = end + m.end();
        if (p == SLASH_TRANSPORT_AFTER) end += m.end();
        break;
      }
    }
    Matcher tb = TRANSPORT_BEFORE.matcher(transportWord ? before : "");
    if (attached.isEmpty() && tb.find()) {
      tFrom = beforeStart + tb.start();
      tTo = i;
      addTransport(attached, tb.group(1));
      addTransport(attached, tb.group(2));
      attachedCue = "'" + tb.group().strip() + " " + value + "'";
      TransportClue list = new TransportClue(Tier.ATTACHED, Set.copyOf(attached), attachedCue);
      inherited.add(list);
      inherited.add(new PortClue(Strength.STRONG, "attached", attachedCue));
    }
    if (!attached.isEmpty()) {
      clues.add(new TransportClue(Tier.ATTACHED, attached, attachedCue));
      clues.add(new PortClue(Strength.STRONG, "attached", attachedCue + " names a transport and a port"));
    } else {
      Matcher over = OVER_TRANSPORT_AFTER.matcher(after);
      if (over.lookingAt()) {
        Set<Protocol> o = new LinkedHashSet<>();
        addTransport(o, over.group(1));
        clues.add(new TransportClue(Tier.ATTACHED, o, "'" + over.group().strip() + "'"));
        tFrom = end;
        tTo = end + over.end();
      }
    }
    // Port words.
    if (portWord && PORT_BEFORE.matcher(before).find()) {
      PortClue p = new PortClue(Strength.STRONG, "port-word", "'port' before it");
      clues.add(p);
      inherited.add(p);
    } else if (words && (before.contains("listen") || before.contains("expose") || before.contains("bind")) && LISTEN_BEFORE.matcher(before).find()) clues.add(new PortClue(Strength.STRONG, "listen", "'" + before.strip() + "' before it"));
    Matcher key = KEY_BEFORE.matcher(portWord ? before : "");
    if (key.find()) {
      if (BOUND_KEY.matcher(key.group(1)).matches()) clues.add(new AgainstClue(Against.FORM, "the value of '" + key.group(1) + "', a bound or count"));
      else if (SOURCE_KEY.matcher(key.group(1)).matches()) clues.add(new AgainstClue(Against.FORM, "the value of '" + key.group(1) + "', a source port"));
      else clues.add(new PortClue(Strength.STRONG, "key", "the value of '" + key.group(1) + "'"));
    }
    boolean colon = before.endsWith(":");
    if (colon && words && LISTEN_ADDRESS_BEFORE.matcher(before).find()) clues.add(new PortClue(Strength.STRONG, "host", "a listening address ':" + value + "'"));
    else if (colon && HOST_BEFORE.matcher(before).find() && !before.matches("(?s).*\\b\\d{1,2}:$") && !NOT_A_HOST.matcher(before).find()) {
      clues.add(new PortClue(Strength.STRONG, "host", "host:port"));
      Matcher scheme = SCHEME.matcher(before);
      if (scheme.find() && ApplicationProtocols.read(scheme.group(1)) instanceof ApplicationProtocols.Reading.Transport tr)
        clues.add(new TransportClue(Tier.ATTACHED, transports(tr.cell()), "the URL scheme " + scheme.group(1) + "://"));
    }
    if (PORT_AFTER.matcher(after).lookingAt()) clues.add(new PortClue(Strength.STRONG, "port-word", "'port' after it"));
    else if (PORTS_AFTER.matcher(after).lookingAt()) {
      if (value < 100) clues.add(new AgainstClue(Against.NOT_A_PORT, "a count of ports"));
      else clues.add(new PortClue(Strength.STRONG, "port-word", "'ports' after it"));
    }
    // An application protocol beside it ("HTTPS 443", "443 (HTTPS)"): weak port evidence, and the transport if the protocol has one.
    for (Matcher m : List.of(appAdjacentBefore(Character.isLetter(last) || last == ':' || last == '(' ? before : ""), APP_ADJACENT_AFTER.matcher(after))) {
      if (!m.find()) continue;
      if (ApplicationProtocols.read(m.group(1)) instanceof ApplicationProtocols.Reading.Transport tr) {
        clues.add(new PortClue(Strength.WEAK, "application", "beside '" + m.group(1) + "'"));
        clues.add(new TransportClue(Tier.APPLICATION, transports(tr.cell()), "'" + m.group(1) + "' is carried over " + tr.cell()));
        break;
      }
    }
    if (portWord && OPTION_BEFORE.matcher(before).find())
      clues.add(new AgainstClue(Against.OPTION, "an option the page allows ('" + DraftPasses.shorten(before.strip()) + "'), not the port in use"));
    // Against: sizes, durations, counts, references, dates, footnotes, list marks, formulas.
    if (OPEN_ENDED_AFTER.matcher(after).lookingAt()) clues.add(new AgainstClue(Against.FORM, "the start of an open-ended range"));
    if (UNIT_AFTER.matcher(after).lookingAt()) clues.add(new AgainstClue(Against.NOT_A_PORT, "a size, duration or count"));
    if (words && REFERENCE_LAST.contains(lastToken(before, ".:#-")) && REFERENCE_BEFORE.matcher(before).find()) clues.add(new AgainstClue(Against.NOT_A_PORT, "a version, reference or count ('" + lastWords(before) + "')"));
    if (words && startsWithMonth(lastToken(before, ".")) && MONTH.matcher(before).find() || MONTH_AFTER.matcher(after).lookingAt()) clues.add(new AgainstClue(Against.NOT_A_PORT, "a date"));
    if ("+*\u00d7$\u20ac\u00a3^".indexOf(last) >= 0 || "+*\u00d7".indexOf(firstAfterSpace(after)) >= 0) clues.add(new AgainstClue(Against.FORM, "a formula or amount"));
    // "[2]", "1433 (2)": a mark after a number or in brackets; not "DHCP (67)".
    if (before.endsWith("[") && after.startsWith("]") || last == '(' && FOOTNOTE_BEFORE.matcher(before).find() && after.startsWith(")") && value < 100)
      clues.add(new AgainstClue(Against.NOT_A_PORT, "a footnote mark"));
    if (before.isBlank() && after.matches("(?s)^[.)](?:\\s.*)?") && value < 100) clues.add(new AgainstClue(Against.NOT_A_PORT, "list numbering"));
    if (value >= 1900 && value <= 2099 && ports.from() == ports.to()) clues.add(new AgainstClue(Against.SOFT, "looks like a year"));
    if (value < SMALL && ports.from() == ports.to()) clues.add(new AgainstClue(Against.SOFT, "a small number"));
    return new Local(i, end, ports, clues, inherited, tFrom, tTo);
  }

  /** Below this a number is read as a port only beside an explicit "port", a transport, a port column or a port setting. */
  static final int SMALL = 20;

  /** The final words of {@link #REFERENCE_BEFORE}'s words: a window whose last word is none of them cannot match it. */
  private static final Set<String> REFERENCE_LAST = Set.of("version", "versions", "release", "build", "v", "ver", "rfc", "cve", "section", "step", "chapter",
      "table", "figure", "fig", "page", "line", "item", "appendix", "kb", "sp", "update", "patch", "level", "tier", "phase", "type", "code", "class", "error",
      "status", "id", "revision", "rev", "java", "jdk", "jre", "python", "node", "windows", "server", "ubuntu", "debian", "rhel", "centos", "iso", "ieee", "top",
      "first", "last", "to", "least", "most", "maximum", "minimum", "max", "min", "about", "approximately", "around", "every", "each", "per", "over", "under",
      "than", "timeout", "interval", "size", "count", "limit");
  private static final String[] MONTHS = {"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"};

  /** Whether {@code c} is one of the characters regex {@code \s} matches. */
  private static boolean regexSpace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r';
  }

  /**
   * The run of a-z letters that ends {@code before} once trailing {@code \s*[punct]?\s*} is set aside: a pattern
   * "\\b(?:words)\\s*[punct]?\\s*$" can only match where this run is one of its words. A cheap check before the regex.
   */
  private static String lastToken(String before, String punct) {
    int p = before.length();
    while (p > 0 && regexSpace(before.charAt(p - 1))) p--;
    if (p > 0 && punct.indexOf(before.charAt(p - 1)) >= 0) {
      p--;
      while (p > 0 && regexSpace(before.charAt(p - 1))) p--;
    }
    int q = p;
    while (q > 0 && before.charAt(q - 1) >= 'a' && before.charAt(q - 1) <= 'z') q--;
    return before.substring(q, p);
  }

  private static boolean startsWithMonth(String word) {
    for (String m : MONTHS) if (word.startsWith(m)) return true;
    return false;
  }

  /** The first character of {@code s} after regex whitespace, or NUL when there is none. */
  private static char firstAfterSpace(String s) {
    int k = 0;
    while (k < s.length() && regexSpace(s.charAt(k))) k++;
    return k < s.length() ? s.charAt(k) : '\0';
  }

  /**
   * {@link #APP_ADJACENT_BEFORE} over {@code before}, searched only in the tail of characters its matches are made of
   * (a-z, 0-9, whitespace, ':' and '('): no match can start earlier, and transparent bounds keep {@code \\b} as it was.
   */
  private static Matcher appAdjacentBefore(String before) {
    int from = before.length();
    while (from > 0) {
      char c = before.charAt(from - 1);
      if (c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == ':' || c == '(' || regexSpace(c)) from--;
      else break;
    }
    return APP_ADJACENT_BEFORE.matcher(before).useTransparentBounds(true).region(from, before.length());
  }

  private static boolean hasLetter(String s) {
    for (int k = 0; k < s.length(); k++) if (Character.isLetter(s.charAt(k))) return true;
    return false;
  }

  private static String lastWords(String before) {
    String b = before.strip();
    int k = Math.max(b.lastIndexOf(' ', Math.max(0, b.length() - 2)), 0);
    return b.substring(k).strip();
  }

  private static void addTransport(Set<Protocol> set, String word) {
    if (word == null) return;
    String w = word.toLowerCase(Locale.ROOT);
    if (w.equals("tcp")) set.add(Protocol.TCP);
    else if (w.equals("udp")) set.add(Protocol.UDP);
  }

}
