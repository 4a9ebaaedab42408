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

  /** The kind of the port clue a listen verb right before the number gives ("listen 443 ssl", "bind 8443"). */
  static final String LISTEN = "listen";
  /** The kind of the port clue a listening address gives ("-graphiteListenAddr=:2003"). */
  static final String LISTEN_ADDRESS = "listen-address";
  /** The kind of the port clue a published container port gives ("-p 8080:80", "ports: - 8080:80"). */
  static final String PUBLISH = "publish";
  /** The kind of the marker a container image's own page gives its code lines; it weighs nothing. */
  static final String IMAGE = "image";
  private static final PortClue IMAGE_PAGE = new PortClue(Strength.WEAK, IMAGE, "the page documents a container image");
  /** "Docker image for running the UrBackup server", "Coturn TURN server Docker image", "the official container image of …". */
  private static final Pattern IMAGE_TITLE = Pattern.compile("(?i)\\b(?:docker|container|oci)\\s+images?\\b");

  /**
   * A container image's own page (a Docker Hub README): its first heading or paragraph says it
   * documents a Docker/container image. Its "docker run -p" lines publish the image's ports, under
   * whatever heading ("Running", "How to use this image").
   */
  private static boolean imagePage(SourceDocument doc) {
    int seen = 0;
    for (Block b : doc.blocks()) {
      String text = switch (b) {
        case Heading h -> h.text();
        case Paragraph p -> p.text();
        case ListItem li -> null;
        case Code c -> null;
        case Table t -> null;
      };
      if (text == null) continue;
      if (IMAGE_TITLE.matcher(text).find()) return true;
      if (++seen >= 2) return false;
    }
    return false;
  }

  /** The kind of the port clue an SRV record gives its port: the record publishes where the service is reached. */
  static final String SRV = "srv";
  /** The kind of the port clue a configuration entry gives that names its own transport ("- port: 3478 / transport: udp"). */
  static final String ENTRY = "entry";
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
    Set<Heading> changeExamples = changeExamples(doc);
    Map<String, AgainstClue> retired = retiredNames(doc);
    boolean imagePage = imagePage(doc);
    // The option a list item names as one end of a range ("turn_max_port"), for the paragraphs that describe it.
    String boundItem = null;
    for (Block b : doc.blocks()) {
      if (!(b instanceof Paragraph) && !(b instanceof ListItem)) boundItem = null;
      switch (b) {
        case Heading h -> {
          heading = h.text();
          section = sectionClues(h.text(), "heading '" + DraftPasses.shorten(h.text()) + "'");
          if (EXAMPLE_HEADING.matcher(h.text()).matches() && changeExamples.contains(h)) {
            // "## Example": the commands and values right under it show one way to set the product up, not its ports.
            section = new ArrayList<>(section);
            section.add(new ExampleClue(UNDER_EXAMPLE_HEADING + " '" + DraftPasses.shorten(h.text().strip()) + "'"));
          }
          if (CONTENTS_HEADING.matcher(h.text()).matches()) {
            // "Table of contents": "FortiGate open ports 6": every number under it is the page an entry starts on.
            section = List.of(new AgainstClue(Against.NOT_A_PORT, "a page number under the heading '" + DraftPasses.shorten(h.text().strip()) + "'"));
          }
          if (AgainstWords.negates(h.text())) {
            // "Ports no longer used", "Removed ports": the section lists what is not to be opened.
            section = new ArrayList<>(section);
            section.add(new AgainstClue(Against.NEGATION, "under the heading '" + DraftPasses.shorten(h.text().strip()) + "'"));
          }
          leadIn = "";
          sweepUnit(new Unit(h.line(), h.text(), Place.HEADING, heading, List.of()), pageDefault, out);
        }
        case Paragraph p -> {
          List<Clue> layout = section;
          if (boundItem != null && DEFAULT_VALUE.matcher(p.text()).find()) {
            // "- **turn_max_port**: *Integer*" then "The default is 65535.": the item's default, in the paragraph under it, is one end of a range.
            layout = new ArrayList<>(section);
            layout.add(new AgainstClue(Against.FORM, "one end of a range ('" + boundItem + "', the item above)"));
          }
          sweepUnit(new Unit(p.line(), p.text(), Place.PROSE, heading, layout), pageDefault, out);
          leadIn = p.text().strip();
        }
        case ListItem li -> {
          List<Clue> layout = new ArrayList<>(section);
          if (leadIn.endsWith(":")) {
            layout.addAll(sectionClues(leadIn, "lead-in '" + DraftPasses.shorten(leadIn) + "'"));
            if (AgainstWords.refuses(leadIn)) layout.add(new AgainstClue(Against.NEGATION, "under the refusing lead-in '" + DraftPasses.shorten(leadIn) + "'"));
          }
          Matcher bound = BOUND_ITEM.matcher(li.text());
          boundItem = null;
          if (bound.find()) {
            boundItem = bound.group().strip();
            // "--max-worker-port: highest port a worker can bind to. Default: 19999.": the item's number is one end of a range.
            layout = new ArrayList<>(layout);
            layout.add(new AgainstClue(Against.FORM, "one end of a range ('" + bound.group().strip() + "')"));
          }
          sweepUnit(new Unit(li.line(), li.text(), Place.LIST_ITEM, heading, layout), pageDefault, out);
        }
        case Code c -> {
          String[] lines = c.text().split("\n", -1);
          boolean manifest = KUBERNETES_API.matcher(c.text()).find() && KUBERNETES_KIND.matcher(c.text()).find();
          int portsIndent = -1;
          String portsKey = "ports:";
          String placeholder = null;
          for (int i = 0; i < lines.length; i++) {
            String l = lines[i];
            if (COMMENT_LINE.matcher(l).lookingAt()) {
              // "# SSH (put here the port you configured)": the next rule's number is the reader's own value, not this product's.
              if (PLACEHOLDER.matcher(l).find()) placeholder = l.strip();
              else placeholder = null;
            }
            int indent = l.length() - l.stripLeading().length();
            // A YAML list may sit at its key's own indent ("ports:\n- containerPort: 6123"), as Kubernetes manifests write it.
            if (!l.isBlank() && portsIndent >= 0 && indent <= portsIndent && !(indent == portsIndent && l.stripLeading().startsWith("- "))) portsIndent = -1;
            List<Clue> layout = section;
            if (imagePage) {
              layout = new ArrayList<>(layout);
              layout.add(IMAGE_PAGE);
            }
            if (portsIndent >= 0) {
              // A compose file's "ports:" list: what is under it is a list of published ports.
              layout = new ArrayList<>(section);
              layout.add(new PortClue(Strength.WEAK, "section", "under a '" + portsKey + "' key"));
            }
            if (placeholder != null && !l.isBlank() && !COMMENT_LINE.matcher(l).lookingAt()) {
              layout = new ArrayList<>(layout);
              layout.add(new ExampleClue(COMMENT_ABOVE + " '" + DraftPasses.shorten(placeholder) + "'"));
              placeholder = null;
            }
            if (manifest && KUBERNETES_PORT_KEY.matcher(l).lookingAt()) {
              layout = new ArrayList<>(layout);
              layout.add(kubernetesTransport(lines, i));
            } else if (CONFIG_PORT_KEY.matcher(l).lookingAt()) {
              Clue sibling = entryTransport(lines, i, CONFIG_TRANSPORT_KEY);
              if (sibling != null) {
                // An entry that names its own transport configures a socket (a listener, or the server it sends to): not a usage example.
                layout = new ArrayList<>(layout);
                layout.add(sibling);
                layout.add(new PortClue(Strength.WEAK, ENTRY, "the entry names its transport"));
              }
              AgainstClue gone = retired.isEmpty() ? null : retiredEntry(lines, i, retired);
              if (gone != null) {
                layout = new ArrayList<>(layout);
                layout.add(gone);
              }
            }
            sweepUnit(new Unit(c.line() + i, l, Place.CODE, heading, layout), pageDefault, out);
            if (PORTS_KEY.matcher(l).matches()) {
              portsIndent = indent;
              portsKey = l.strip();
            }
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
    return footnotedTransports(out);
  }

  /**
   * "135, 137, 138, 139, 445 | TCP/UDP¹" with separate rows "135 | TCP", "137 | UDP": a footnote
   * mark on a row's transport cell says the note splits it; where the page gives a port of that row
   * its transport in a row or cell of its own, that is the port's, nearer than the marked cell.
   */
  private static List<Candidate> footnotedTransports(List<Candidate> out) {
    boolean any = false;
    for (Candidate c : out) if (footnoted(c) != null) any = true;
    if (!any) return out;
    Map<Integer, Set<Protocol>> own = new java.util.HashMap<>();
    Map<Integer, Integer> ownLine = new java.util.HashMap<>();
    for (Candidate c : out) {
      if (c.ports().from() != c.ports().to() || footnoted(c) != null || c.clues().stream().anyMatch(k -> k instanceof AgainstClue)) continue;
      TransportClue t = EvidenceScoring.nearestTransport(c.clues());
      if (t == null || t.tier().compareTo(Tier.ROW) > 0) continue;
      own.computeIfAbsent(c.ports().from(), x -> new LinkedHashSet<>()).addAll(t.protocols());
      ownLine.putIfAbsent(c.ports().from(), c.line());
    }
    List<Candidate> resolved = new ArrayList<>(out.size());
    for (Candidate c : out) {
      TransportClue marked = footnoted(c);
      Set<Protocol> stated = marked == null || c.ports().from() != c.ports().to() ? null : own.get(c.ports().from());
      if (stated != null && marked.protocols().containsAll(stated) && !stated.equals(marked.protocols()))
        c = with(c, new TransportClue(Tier.FOOTNOTE, stated, "the page gives port " + c.ports().from() + " " + names(stated) + " at line "
            + ownLine.get(c.ports().from()) + ", and this row's " + names(marked.protocols()) + " carries a footnote mark"
            + marked.cue().substring(FOOTNOTED.length())));
      resolved.add(c);
    }
    return resolved;
  }

  private static TransportClue footnoted(Candidate c) {
    for (Clue k : c.clues()) if (k instanceof TransportClue t && t.tier() == Tier.ROW && t.cue().startsWith(FOOTNOTED)) return t;
    return null;
  }

  // ---- layout clues ------------------------------------------------------------------

  /**
   * Words of an example that changes or adds to what the page states: "also opens the plain
   * HTTP listener on port 7080", "to add a listener … as well", "a second relay", "move it to
   * another port", "instead". Not "custom" or "second" alone (a component named {@code custom},
   * "1,000 bytes/second").
   */
  private static final Pattern CHANGE_EXAMPLE = Pattern.compile("(?i)\\b(?:also|as\\s+well|another|a\\s+second"
      + "|an?\\s+(?:additional|extra|different|new)\\s+(?:listener|port|instance|entry|endpoint|server)"
      + "|add(?:s|ing)?\\s+(?:a|an|another|one|more)|chang(?:e|es|ed|ing)|mov(?:e|es|ed|ing)|instead|overrid(?:e|es|den|ing))\\b");

  /**
   * The example headings ("## Example", "Examples: …") whose section changes or adds to what the
   * page states (a second listener, another port): what is under them is an example of a choice.
   * An examples section that only describes configurations ("Port 5222 takes c2s connections",
   * ejabberd's listen reference, which has no defaults table) states the product's listeners, as
   * any other section does.
   */
  private static Set<Heading> changeExamples(SourceDocument doc) {
    Set<Heading> out = new HashSet<>();
    Heading open = null;
    for (Block b : doc.blocks()) {
      String text = switch (b) {
        case Heading h -> {
          open = EXAMPLE_HEADING.matcher(h.text()).matches() ? h : null;
          // "## Example: a second listener": the title says it too.
          yield h.text();
        }
        case Paragraph p -> p.text();
        case ListItem li -> li.text();
        case Code c -> "";
        case Table t -> "";
      };
      if (open != null && CHANGE_EXAMPLE.matcher(text).find()) out.add(open);
    }
    return out;
  }

  private static final Pattern COMMENT_LINE = Pattern.compile("\\s*(?:#|//|;|--\\s|rem\\s)", Pattern.CASE_INSENSITIVE);
  /** A comment telling the reader to put their own value in the next line. */
  private static final Pattern PLACEHOLDER = Pattern.compile("(?i)\\b(?:put\\s+here|replace\\s+(?:it\\s+|this\\s+)?with|change\\s+(?:this|it)\\s+to"
      + "|your\\s+own|you\\s+(?:have\\s+)?(?:configured|chose|chosen|set|picked)|adjust\\s+(?:this|it))\\b");
  /** A heading that is only "Example(s)" or "Sample(s)", with a number or a title after a colon: "Example", "Example 2", "Example: enabling HTTP". */
  private static final Pattern EXAMPLE_HEADING = Pattern.compile("(?i)\\W*(?:examples?|samples?)(?:\\s+\\d+)?\\W*(?:[:\u2013\u2014]\\s.*)?");
  /** The cue of an example clue an example heading gives the text right under it. */
  static final String UNDER_EXAMPLE_HEADING = "under the heading";
  /** The cue of an example clue a placeholder comment gives the line under it. */
  static final String COMMENT_ABOVE = "the comment above says";
  private static final Pattern DEFAULT_VALUE = Pattern.compile("(?i)\\bdefault(?:\\s+value)?(?:\\s+is|:)\\s*`?\\d");
  /** The cue of an example marker right before the number: the number is the example value. */
  static final String EXAMPLE_VALUE = "the number is given as an example";
  private static final Pattern EXAMPLE_RIGHT_BEFORE = Pattern.compile(
      "\\b(?:(in\\s+(?:this|the|that)\\s+)?example|for\\s+instance|e\\.\\s?g\\.)[,:]?\\s+(?:(?:tcp|udp)\\s+)?(?:port\\s+)?"
          // "for example 50000 and 50100": the second number of the example is one too.
          + "(?:\\d{1,5}\\s*(?:,\\s*|\\s+(?:and|or|to)\\s+))?$");
  /** The sentence says the port is the reader's to choose. */
  private static final Pattern CHOSEN_VALUE = Pattern.compile("(?i)\\b(?:whatever|you\\s+(?:configure|choose|list|set|pick|define|specify)"
      + "|(?:set|choose|pick|configure|assign)\\s+an?\\s+(?:static\\s+|fixed\\s+|different\\s+|custom\\s+|new\\s+)?port"
      // "To change the SSH port to, for example, 2222", "set both passive port values to a small range, for example ...".
      + "|(?:change|set|move)\\s+(?:the\\s+|both\\s+|its\\s+)?[\\w-]{0,20}\\s?(?:[\\w-]{1,20}\\s)?ports?(?:\\s+values?|\\s+numbers?)?\\s+to\\b)\\b");
  /** "you can set the system to use port", "it may be configured to listen on port": a choice the page leaves open. */
  private static final Pattern OPTION_BEFORE = Pattern.compile("\\b(?:can|may|could)\\s+(?:also\\s+)?(?:set|configure|change|switch|move)\\b[^.;]{0,30}\\bto\\s+(?:use|listen\\s+on)\\s+(?:the\\s+)?(?:tcp\\s+|udp\\s+)?port\\s*$");
  /** A compose file's "ports:" key, or a server's "listen:" / "listeners:" key (ejabberd, Envoy): what is under it is a list of ports. */
  private static final Pattern PORTS_KEY = Pattern.compile("\\s*-?\\s*(?:ports|listen|listeners)\\s*:\\s*(?:#.*)?");
  private static final Pattern PORTS_WORD = Pattern.compile("(?i)\\bports?\\b");
  private static final Pattern TCP = Pattern.compile("(?i)\\btcp\\b");
  private static final Pattern UDP = Pattern.compile("(?i)\\budp\\b");

  private static final Pattern SECTION_WORD = Pattern.compile(".*\\b(firewall|inbound|ingress|listen\\w*)\\b.*");

  /** A heading or lead-in about ports is weak evidence; one naming a single transport ("UDP ports") states it for what is under it. */
  private static List<Clue> sectionClues(String text, String cue) {
    List<Clue> out = new ArrayList<>();
    if (PORTS_WORD.matcher(text).find() || SECTION_WORD.matcher(text.toLowerCase(Locale.ROOT)).matches())
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

  /** A footnote mark: superscript digits (the HTML reader writes {@code <sup>1</sup>} so), a star, a dagger. */
  private static final String FOOTNOTE_MARK = "[\u00b9\u00b2\u00b3\u2070\u2074-\u2079*\u2020\u2021]+";

  /** "TCP/UDP¹", "TCP/UDP <sup>1</sup>", "TCP, UDP*": a transport cell with a footnote mark; the note qualifies it. */
  private static final Pattern FOOTNOTED_TRANSPORT = Pattern.compile(
      "(?i)\\s*(?:tcp|udp)(?:\\s*(?:/|,|and|or|&|\\+)\\s*(?:tcp|udp))?\\s*(" + FOOTNOTE_MARK + ")\\s*");
  static final String FOOTNOTED = "the row's protocol cell, marked by the footnote";

  /** A transport written onto one port: "67 (UDP)", "123/udp". */
  private static final Pattern ATTACHED_FORM = Pattern.compile("(?i)\\b\\d{1,5}\\s*(?:/\\s*(?:tcp|udp)\\b|\\(\\s*(?:tcp|udp)\\b[^()]{0,20}\\))");
  private static final Pattern TRANSPORT_CELL = Pattern.compile("(?i)\\s*(tcp|udp)(?:\\s*(?:/|,|and|or|&|\\+)\\s*(tcp|udp))?\\s*" + "(?:" + FOOTNOTE_MARK + ")?\\s*");

  private static void sweepTable(Table t, String heading, List<Clue> section, Protocol pageDefault, List<Candidate> out) {
    t = DirectionColumnsTable.pivot(t);
    Map<CandidateRows.Col, Integer> cols = CandidateRows.columns(t.header());
    int protocolCol = cols.getOrDefault(CandidateRows.Col.PROTOCOL, -1);
    int valueCol = valueColumn(t);
    int numberCol = CandidateRows.numberColumn(t, cols);
    int namesCol = -1;
    for (int i = 0; valueCol >= 0 && i < t.header().size() && namesCol < 0; i++) if (PORTS_WORD.matcher(t.header().get(i)).find()) namesCol = i;
    List<Clue> fields = section;
    if (closedFact(t)) {
      // A fact table ("Port | 70/UDP" ... "Firewall status | Closed"): its own status says the ports stay closed.
      fields = new ArrayList<>(section);
      fields.add(new AgainstClue(Against.NEGATION, "the table's status row says 'closed'"));
    }
    for (Row r : t.rows()) {
      List<Clue> row = new ArrayList<>(fields);
      // The row's transport: a Protocol cell or any cell that only says TCP/UDP; an application protocol ("HTTPS") says TCP.
      Set<Protocol> rowTransport = new LinkedHashSet<>();
      String footnote = null;
      for (int i = 0; i < r.cells().size(); i++) {
        String cell = r.cell(i);
        if (TRANSPORT_CELL.matcher(cell).matches() || i == protocolCol && cell.length() < 40) {
          rowTransport.addAll(transports(cell));
          Matcher mark = FOOTNOTED_TRANSPORT.matcher(cell);
          if (mark.matches()) footnote = mark.group(1);
        }
        // A protocol cell "Both": TCP and UDP, as the readers take it.
        if (i == protocolCol && cell.strip().equalsIgnoreCase("both")) rowTransport.addAll(List.of(Protocol.TCP, Protocol.UDP));
      }
      // The row's transport is for its port cells; a number in another cell needs its own.
      List<Clue> rowTransportClues = new ArrayList<>();
      if (rowTransport.isEmpty()) {
        // "SNMP agent responder, UDP (local)": a row whose text names exactly one transport states it for its port cells.
        // "67 (UDP), 69 (UDP), 111, 2049": a transport written onto some of the row's ports is theirs, not the row's.
        Set<Protocol> named = transports(ATTACHED_FORM.matcher(String.join(" ", r.cells())).replaceAll(" "));
        if (named.size() == 1) rowTransportClues.add(new TransportClue(Tier.SENTENCE, named, "the row names " + names(named)));
      }
      if (!rowTransport.isEmpty())
        rowTransportClues.add(new TransportClue(Tier.ROW, rowTransport, footnote == null ? "the row's protocol cell" : FOOTNOTED + " '" + footnote + "'"));
      else if (protocolCol >= 0 && ApplicationProtocols.read(r.cell(protocolCol)) instanceof ApplicationProtocols.Reading.Transport tr)
        rowTransportClues.add(new TransportClue(Tier.APPLICATION, transports(tr.cell()), tr.note()));
      // A cell listing several ports, each in its own part ("<li>22 - SSH</li><li>5433 - …</li>"), speaks against them part by part, not for the row.
      StringBuilder rowText = new StringBuilder();
      for (String c : r.cells()) if (!listsParts(c)) rowText.append(c).append(' ');
      String whole = rowText.toString();
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
          if (rowTransportClues.isEmpty() && namesCol >= 0) cell.addAll(namedTransport(r, namesCol));
        } else if (i == numberCol) {
          place = Place.PORT_CELL;
          cell.addAll(rowTransportClues);
          cell.add(new PortClue(Strength.STRONG, "column", "in the '" + t.header().get(i).strip() + "' column of numbers beside a Protocol column"));
        } else if (valueCol >= 0 && namesCol >= 0 && RANGE_HEADER.matcher(h).find() && instanceBlock(r.cell(namesCol), r.cell(i))) {
          // "32NN" | 3200 | "3200-3299": the ports of every instance number, one block.
          place = Place.PORT_CELL;
          cell.addAll(rowTransportClues);
          cell.add(new PortClue(Strength.STRONG, "column", "in the '" + t.header().get(i).strip() + "' column: the block of ports of '"
              + r.cell(namesCol).strip() + "' over every instance number"));
        } else if (!h.isEmpty() && h.matches(".*\\bports?\\b.*|.*\\bportnumbers?\\b.*|(?:tcp|udp|tcp\\s*/\\s*udp)(?:\\s+ports?)?")) {
          int score = CandidateRows.portScore(h);
          int portCol = cols.getOrDefault(CandidateRows.Col.PORT, -1);
          if (score == 1 && i != portCol && !(portCol >= 0 && otherVersion(t.header().get(i), t.header().get(portCol)))) {
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
        String text = r.cell(i);
        if (place == Place.PORT_CELL && text.indexOf('(') >= 0) {
          String why = rangeRemark(i < t.header().size() ? t.header().get(i) : "", text);
          if (why != null) {
            // "5060 (5000-9999)" under "Default Port (Configurable Range)": the bracket is the range the port may be moved to.
            Matcher m = BRACKET.matcher(text);
            StringBuilder own = new StringBuilder();
            while (m.find()) {
              m.appendReplacement(own, " ".repeat(m.group().length()));
              List<Clue> option = new ArrayList<>(cell);
              option.add(new AgainstClue(Against.OPTION, why));
              sweepUnit(new Unit(r.line(), m.group(), place, heading, option), pageDefault, out);
            }
            m.appendTail(own);
            text = own.toString();
          }
        }
        sweepUnit(new Unit(r.line(), text, place, heading, cell), pageDefault, out);
      }
    }
  }

  private static final Pattern PORTISH = Pattern.compile("\\b\\d{2,5}\\b");

  /** A cell of several parts ("a ; b ; c") of which at least two name a port-like number. */
  private static boolean listsParts(String cell) {
    if (cell.indexOf(';') < 0) return false;
    int withNumber = 0;
    for (String part : cell.split(";")) if (PORTISH.matcher(part).find() && ++withNumber >= 2) return true;
    return false;
  }

  /** "M-600", "PA-5220", "DS-920": capitals, a hyphen and the number with nothing between name a model, not a port (not "TCP-443"). */
  private static final Pattern MODEL_BEFORE = Pattern.compile("(?<![\\w-])(?!(?i:tcp|udp|sctp|port|rfc)-$)[A-Z][A-Za-z]{0,3}-$");

  /** A release in a header: "5.x", "6.x to 7.x", "8.x and later", "v2", "10.0+". */
  private static final Pattern VERSION = Pattern.compile(
      "(?i)\\bv?\\d+(?:\\.(?:\\d+|x))+(?:\\s*(?:to|-|\u2013|through)\\s*v?\\d+(?:\\.(?:\\d+|x))+)?(?:\\s+(?:and|or)\\s+(?:later|newer|above|earlier|older)|\\+)?|\\bv\\d+\\b");

  /**
   * "Ports Used in Panorama 6.x to 7.x" beside the port column "Ports Used in Panorama 5.x": the
   * same column for another release, whose ports the product uses as well.
   */
  static boolean otherVersion(String header, String portHeader) {
    if (!VERSION.matcher(header).find() || !VERSION.matcher(portHeader).find()) return false;
    String a = withoutVersion(header);
    return !a.isEmpty() && a.equals(withoutVersion(portHeader));
  }

  /** A header with its releases taken out, in lower case and single spaces: "Ports Used in Panorama 5.x" as "ports used in panorama". */
  private static String withoutVersion(String header) {
    return VERSION.matcher(header).replaceAll(" ").replaceAll("\\s+", " ").strip().toLowerCase(Locale.ROOT);
  }

  /** A bracketed part of a port cell. */
  private static final Pattern BRACKET = Pattern.compile("\\([^()]*\\)|\\([^()]*$");
  /** A header or bracket that names the range a port may be set to rather than the port: "(Configurable Range)", "(allowed range)", "(configurable: …)". */
  private static final Pattern RANGE_REMARK = Pattern.compile("(?i)\\([^()]*\\b(?:configurable|allowed|permitted|possible|valid|selectable)\\b[^()]*\\)"
      + "|\\(\\s*(?:range|configurable)\\b[^()]*\\)");

  /**
   * Why the bracketed numbers of a port cell are a range the port may be moved to, not ports
   * in use: the column's header says its brackets are ("Default Destination Port (Configurable
   * Range)"), or the bracket says so itself ("443 (configurable 1024-65535)"); else {@code null}.
   */
  static String rangeRemark(String header, String cell) {
    Matcher h = RANGE_REMARK.matcher(header);
    if (h.find()) return "in brackets under the header '" + DraftPasses.shorten(header.strip()) + "': the range the port may be set to, not a port in use";
    Matcher c = RANGE_REMARK.matcher(cell);
    if (c.find()) return "'" + c.group() + "': the range the port may be set to, not a port in use";
    return null;
  }

  private static final Pattern VALUE_HEADER = Pattern.compile("(?i)\\s*(?:default(?:\\s+(?:value|number|port))?|value|number)\\s*");
  private static final Pattern LEADING_VALUE = Pattern.compile("\\s*\\d{1,5}\\s+[A-Za-z][\\w<>]*\\s*$");
  private static final Pattern PORT_VALUE = Pattern.compile("\\s*\\d{1,5}(?:\\s*[-\u2013]\\s*\\d{1,5})?\\s*");

  /**
   * "Port | Default | Description" where the Port column holds names ("Agent wake-up port") and
   * the numbers stand under "Default": that column is the port column. -1 when the table is not so.
   */
  private static int valueColumn(Table t) {
    int names = -1;
    int value = -1;
    for (int i = 0; i < t.header().size(); i++) if (value < 0 && VALUE_HEADER.matcher(t.header().get(i)).matches()) value = i;
    for (int i = 0; i < t.header().size(); i++) {
      if (!PORTS_WORD.matcher(t.header().get(i)).find()) continue;
      boolean digits = false;
      for (Row r : t.rows()) digits |= !namesThePort(r.cell(i), value < 0 ? "" : r.cell(value));
      if (digits) return -1;
      names = i;
    }
    if (names < 0 || t.rows().isEmpty()) return -1;
    for (int i = 0; i < t.header().size(); i++) {
      if (i == names || !VALUE_HEADER.matcher(t.header().get(i)).matches()) continue;
      int numbers = 0;
      for (Row r : t.rows()) if (PORT_VALUE.matcher(r.cell(i)).matches() || LEADING_VALUE.matcher(r.cell(i)).lookingAt()) numbers++;
      // Most rows give a number; some say "Not active" or add the service name under it ("3600 sapmsC11").
      if (numbers * 2 >= t.rows().size() || numbers >= 3 && numbers * 3 >= t.rows().size()) return i;
    }
    return -1;
  }

  /** "HTTPS port", "over SSL", "the SSL port": an application protocol said as what the port carries. */
  private static final Pattern CARRIES = Pattern.compile("(?i)\\b(?:over|via|using)\\s+(?:an?\\s+|the\\s+)?([a-z][a-z0-9]{1,10})\\b|\\b([a-z][a-z0-9]{1,10})\\s+port\\b");

  /**
   * The transport of a row of a "Port (names) | Default" table where the row names no single
   * transport: the port's name says one ("SQL server UDP port"), else the row says what the port
   * carries ("HTTPS port that …", "talk to the server over SSL"), an application protocol with one
   * transport.
   */
  private static List<Clue> namedTransport(Row r, int namesCol) {
    Set<Protocol> named = transports(r.cell(namesCol));
    if (named.size() == 1) return List.of(new TransportClue(Tier.ROW, named, "the port's name '" + DraftPasses.shorten(r.cell(namesCol).strip()) + "' says " + names(named)));
    for (String c : r.cells()) {
      Matcher m = CARRIES.matcher(c);
      while (m.find()) {
        String w = m.group(1) != null ? m.group(1) : m.group(2);
        if (ApplicationProtocols.read(w) instanceof ApplicationProtocols.Reading.Transport tr)
          return List.of(new TransportClue(Tier.APPLICATION, transports(tr.cell()), "the row says '" + m.group().strip() + "', carried over " + tr.cell()));
      }
    }
    return List.of();
  }

  /** A port written with the instance number as a placeholder: "32NN", "5NN13", "80xx" (one port per instance). */
  static final Pattern INSTANCE_PORT = Pattern.compile("\\b(\\d{0,3})(NN|XX|nn|xx)(\\d{0,3})\\b");
  /** A service name with digits in it ("sapdp99", "sql6"): a name, not a number. */
  private static final Pattern NAME_WITH_DIGITS = Pattern.compile("\\b[A-Za-z][A-Za-z_\\-]*\\d+[A-Za-z\\d]*\\b");

  /**
   * Whether a Port cell names its port rather than giving the number under "Default": no digits
   * ("Agent wake-up port"), an instance-number pattern ("32NN sapdpNN"), the Default cell's own
   * number again ("1128" beside "1128"), or a port of its own beside a Default that is no number
   * ("25" beside "Not active").
   */
  private static boolean namesThePort(String cell, String value) {
    String rest = cell.replaceAll("\\d+\\.\\d+", "");
    if (!hasDigit(rest)) return true;
    rest = NAME_WITH_DIGITS.matcher(INSTANCE_PORT.matcher(rest).replaceAll(" ")).replaceAll(" ").strip();
    if (!hasDigit(rest)) return true;
    // "25" over a Default of "Not active": the row's port is its own, the Default says nothing against the column.
    if (!PORT_VALUE.matcher(value).matches()) return INSTANCE_PORT.matcher(cell).find() || !value.isBlank() && !hasDigit(value);
    return rest.equals(value.strip());
  }

  /**
   * Whether the range cell of an instance-number row ("32NN" | Default 3200 | Range 3200-3299) states a block
   * of ports when the placeholder ends the number (one port per instance, consecutive); with the
   * placeholder inside ("5NN13": 50013, 50113, …) the range is one port in every hundred, no block.
   */
  static boolean instanceBlock(String portCell, String rangeCell) {
    Matcher m = INSTANCE_PORT.matcher(portCell);
    if (!m.find() || !m.group(3).isEmpty() || m.group(1).isEmpty()) return false;
    Matcher r = FIRST_RANGE.matcher(rangeCell);
    if (!r.lookingAt()) return false;
    int base = Integer.parseInt(m.group(1)) * 100;
    return Integer.parseInt(r.group(1)) == base && Integer.parseInt(r.group(2)) == base + 99;
  }

  private static final Pattern FIRST_RANGE = Pattern.compile("\\s*(\\d{1,5})\\s*[-\u2013]\\s*(\\d{1,5})\\b");
  private static final Pattern RANGE_HEADER = Pattern.compile("(?i)\\brange\\b");

  // ---- sentences ---------------------------------------------------------------------

  /** Words that give what follows as an example; not the placeholder domains ("example.net:8080", "www.example.com"), which say the host is one. */
  static final GatedPattern EXAMPLE = GatedPattern.of("(?i)\\b(?:e\\.\\s?g\\.|for\\s+(?:example|instance)|(?<![.@])(?:examples?|samples?)(?!\\.[a-z])|such\\s+as|placeholder|any\\s+(?:other\\s+)?port\\s+(?:of|in|from|within)\\s+(?:the|that|this)\\s+range|(?:any|whichever)\\s+[a-z ]{0,30}\\bwill\\s+do)(?:\\b|(?<=\\.))",
      "g.", "example", "instance", "sample", "such", "placeholder", "range", "will");
  /** A line of a capture summary ("Flags=...S., SrcPort=52702, … Seq=722369472"): the ports of one packet, not requirements. */
  static final GatedPattern PACKET_TRACE = GatedPattern.of("(?i)\\b(?:seq|ack|win|flags|payloadlen|ttl|call)\\s*=\\s*\\S",
      "seq", "ack", "win", "flags", "payloadlen", "ttl", "call");
  static final GatedPattern VERB = GatedPattern.of("(?i)\\b(?:listen\\w*|open\\w*|allow\\w*|firewall\\w*|inbound|ingress|outbound|egress|expose[sd]?|bind[s]?|bound|reachable|accept\\w*|permit\\w*)\\b",
      "listen", "open", "allow", "firewall", "ingress", "egress", "expose", "bind", "bound", "reachable", "accept", "permit");
  private static final Pattern BOTH = Pattern.compile("(?i)\\b(?:tcp\\s*(?:/|and|&|or|\\+)\\s*udp|udp\\s*(?:/|and|&|or|\\+)\\s*tcp)\\b");

  private static void sweepUnit(Unit u, Protocol pageDefault, List<Candidate> out) {
    String text = u.text();
    if (text == null || text.isEmpty() || !hasDigit(text)) return;
    // Markup that sits around numbers ("`8080`", "**22000/TCP**", AsciiDoc's "+++port=3637+++") is blanked in place, so offsets and line counts stay.
    text = text.replace('`', ' ').replace('*', ' ');
    if (text.contains("++")) text = blankPlusRuns(text);
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
            && !(ch == '.' && abbreviation(text, i))
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

  /** The option a listening address is the value of: "--grpc-address=\"0.0.0.0:", "-http.listen 0.0.0.0:". */
  private static final Pattern OPTION_NAME = Pattern.compile("(?:^|[\\s\"'])-{1,2}([a-z][a-z0-9_.\\-]*?)\\s*[=\\s]\\s*[\"']?[^\\s\"']*$");

  /** "--http-address=0.0.0.0:10902", "--grpc-listen :9095": an option named after an application protocol says the listener's transport. */
  private static void optionProtocol(String before, List<Clue> clues) {
    Matcher o = OPTION_NAME.matcher(before);
    if (!o.find()) return;
    for (String w : o.group(1).split("[-_.]"))
      if (!w.isEmpty() && ApplicationProtocols.read(w) instanceof ApplicationProtocols.Reading.Transport tr) {
        clues.add(new TransportClue(Tier.APPLICATION, transports(tr.cell()), "the option '" + o.group(1) + "' names " + w.toUpperCase(Locale.ROOT)
            + ", carried over " + tr.cell()));
        return;
      }
  }

  /** A Kubernetes manifest: an {@code apiVersion:} and a {@code kind:} line. */
  private static final Pattern KUBERNETES_API = Pattern.compile("(?m)^\\s*apiVersion:\\s*\\S");
  private static final Pattern KUBERNETES_KIND = Pattern.compile("(?m)^\\s*kind:\\s*[A-Z]");
  /** A port field of a manifest's port entry: containerPort, port, targetPort, nodePort, hostPort with a number. */
  private static final Pattern KUBERNETES_PORT_KEY = Pattern.compile("\\s*(?:-\\s+)?(?:containerPort|port|targetPort|nodePort|hostPort)\\s*:\\s*\\d");
  private static final Pattern KUBERNETES_PROTOCOL = Pattern.compile("\\s*(?:-\\s+)?protocol\\s*:\\s*[\"']?(TCP|UDP|SCTP)\\b");

  /**
   * The transport of a manifest's port entry: its {@code protocol:} field, else TCP, the
   * Kubernetes API's default for a port entry that names none (as Docker publishes "-p 80:80" as TCP).
   */
  private static Clue kubernetesTransport(String[] lines, int i) {
    Clue own = entryTransport(lines, i, KUBERNETES_PROTOCOL);
    return own != null ? own : new TransportClue(Tier.ROW, Set.of(Protocol.TCP), "a Kubernetes port entry without 'protocol:', which Kubernetes reads as TCP");
  }

  /** A configuration entry's port field: "port: 5060", "port=\"10514\"", "- port: 3478", "listen_port = 5222". */
  private static final Pattern CONFIG_PORT_KEY = Pattern.compile("(?i)\\s*(?:-\\s+)?[\\w.-]*port\\s*[:=]\\s*[\"']?\\d");
  /** The same entry's transport field: ejabberd's "transport: udp", rsyslog's 'protocol="tcp"', "proto = udp". */
  private static final Pattern CONFIG_TRANSPORT_KEY = Pattern.compile("(?i)\\s*(?:-\\s+)?(?:transport|protocol|proto)\\s*[:=]\\s*[\"']?(tcp|udp)\\b");

  /**
   * The lines [from, to) of the configuration entry (a YAML list item or mapping, a block of
   * {@code key=value} lines) that holds the field at line {@code i}: up to its "- " (or lone "-")
   * line above, and down while the lines stay at its fields' indent, at most 12 lines on.
   */
  private static int[] entry(String[] lines, int i) {
    int indent = indentOf(lines[i].replaceFirst("-\\s", "  "));
    int from = i;
    while (from > 0 && !entryStart(lines[from]) && indentOf(lines[from - 1]) >= indent - 2 && !lines[from - 1].isBlank()) from--;
    int to = from;
    while (to < lines.length && to < i + 12
        && !(to > i && (lines[to].isBlank() || indentOf(lines[to].replaceFirst("-\\s", "  ")) < indent || entryStart(lines[to]) && to != from))) to++;
    return new int[] {from, to};
  }

  /** The transport field ({@code transportKey}) of the entry holding the port field at line {@code i}, or {@code null}. */
  private static Clue entryTransport(String[] lines, int i, Pattern transportKey) {
    int[] e = entry(lines, i);
    for (int k = e[0]; k < e[1]; k++) {
      Matcher m = transportKey.matcher(lines[k]);
      if (m.lookingAt()) return new TransportClue(Tier.ROW, transports(m.group(1)), "the port entry's '" + lines[k].strip() + "'");
    }
    return null;
  }

  /** A configuration name: snake_case or dotted ({@code ejabberd_xmlrpc}, {@code mod_proxy65}, {@code kafka.rest}). */
  private static final Pattern CONFIG_NAME = Pattern.compile("\\b[A-Za-z][A-Za-z0-9]*(?:[_.][A-Za-z0-9]+)*_[A-Za-z0-9_.]*[A-Za-z0-9]\\b");
  /** A field of an entry and its plain value: "module: ejabberd_xmlrpc", 'type="omfwd"'. */
  private static final Pattern FIELD_VALUE = Pattern.compile("\\s*(?:-\\s+)?[\\w.-]+\\s*[:=]\\s*[\"']?([A-Za-z][\\w.-]*)[\"']?\\s*(?:#.*)?");

  /**
   * The configuration names a paragraph or list item says are gone or in doubt ("Up to 20.03,
   * {@code ejabberd_xmlrpc} could also be a listener of its own; that is no longer possible"), with
   * the words: an entry of the page's configuration that names one (its module, type) is an
   * example the page itself says no longer runs.
   */
  private static Map<String, AgainstClue> retiredNames(SourceDocument doc) {
    Map<String, AgainstClue> out = new java.util.HashMap<>();
    for (Block b : doc.blocks()) {
      String text = switch (b) {
        case Paragraph p -> p.text();
        case ListItem li -> li.text();
        case Heading h -> "";
        case Code c -> "";
        case Table t -> "";
      };
      if (text.indexOf('_') < 0) continue;
      AgainstClue a = AgainstWords.against(text, "line " + b.line());
      if (a == null) continue;
      Matcher m = CONFIG_NAME.matcher(text);
      while (m.find()) out.putIfAbsent(m.group(), new AgainstClue(Against.DOUBT, "the entry names " + m.group() + ", and " + a.cue()));
    }
    return out;
  }

  /** The clue against the entry holding the port field at line {@code i} when one of its own fields (not a nested one) names a retired name. */
  private static AgainstClue retiredEntry(String[] lines, int i, Map<String, AgainstClue> retired) {
    int indent = indentOf(lines[i].replaceFirst("-\\s", "  "));
    int[] e = entry(lines, i);
    for (int k = e[0]; k < e[1]; k++) {
      if (indentOf(lines[k].replaceFirst("-\\s", "  ")) != indent) continue;
      Matcher m = FIELD_VALUE.matcher(lines[k]);
      if (m.matches() && retired.containsKey(m.group(1))) return retired.get(m.group(1));
    }
    return null;
  }

  /** A YAML list item's first line: "- port: 80", or a lone "-" with the item's fields under it (ejabberd's style). */
  private static boolean entryStart(String l) {
    String t = l.strip();
    return t.equals("-") || l.stripLeading().startsWith("- ");
  }

  private static int indentOf(String l) {
    return l.length() - l.stripLeading().length();
  }

  /** Runs of two or more '+' (AsciiDoc passthrough marks, "C++") blanked: "3637++" is neither an open-ended range nor a sum. */
  private static String blankPlusRuns(String text) {
    char[] cs = text.toCharArray();
    for (int i = 0; i + 1 < cs.length; i++) {
      if (cs[i] != '+' || cs[i + 1] != '+') continue;
      int j = i;
      while (j < cs.length && cs[j] == '+') cs[j++] = ' ';
      i = j - 1;
    }
    return new String(cs);
  }

  /** "e.g." and "i.e." end no sentence: "a comma-separated list, e.g. 8080, 8443" is one sentence with its example. */
  private static boolean abbreviation(String text, int dot) {
    return dot >= 3 && (text.regionMatches(true, dot - 3, "e.g", 0, 3) || text.regionMatches(true, dot - 3, "i.e", 0, 3))
        && (dot == 3 || !Character.isLetterOrDigit(text.charAt(dot - 4)));
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


  /** "7000 - YB-Master HTTP(S)", "8443: admin console over HTTPS": one port, a dash or colon, what it is. */
  private static final Pattern PORT_ITEM = Pattern.compile("\\s*;?\\s*(\\d{2,5})\\s*(?:-|\u2013|\u2014|:)\\s+([^;]{1,80}?)[\\s;.]*");
  /** A word of an item, "HTTP(S)" read as HTTP. */
  private static final Pattern ITEM_WORD = Pattern.compile("(?i)\\b([a-z][a-z0-9]{1,11})(?:\\(s\\))?(?![\\w-])");

  /** The numbers of one sentence [{@code from}, {@code to}) of {@code text}. */
  private static void sentence(Unit u, String text, int from, int to, int line, boolean unitPorts, Protocol pageDefault, List<Candidate> out) {
    String s = text.substring(from, to);
    if (!hasDigit(s)) return;
    // "UDP 39,999": one number written with a thousands separator; its parts are no ports (a reader that split it is vetoed).
    String digits = s;
    List<Candidate> parts = List.of();
    if (s.indexOf(',') >= 0) {
      Matcher m = THOUSANDS.matcher(s);
      StringBuilder b = null;
      while (m.find()) {
        if (Integer.parseInt(m.group(1)) * 1000 + Integer.parseInt(m.group(2)) > 65535) continue;
        if (b == null) {
          b = new StringBuilder(s);
          parts = new ArrayList<>();
        }
        b.replace(m.start(), m.end(), m.group(1) + m.group(2) + " ");
        AgainstClue whole = new AgainstClue(Against.NOT_A_PORT, "part of '" + m.group() + "', one number written with a thousands separator");
        for (String part : List.of(m.group(1), m.group(2)))
          parts.add(new Candidate(line, PortRange.of(Integer.parseInt(part)), u.place(), quote(s), u.heading(), List.of(whole)));
      }
      if (b != null) digits = b.toString();
    }
    // Sentence-wide clues, found once.
    List<Clue> wide = new ArrayList<>(u.layoutClues());
    AgainstClue against = AgainstWords.against(s, "the sentence");
    if (against != null) wide.add(against);
    if (s.indexOf('=') >= 0 && PACKET_TRACE.matcher(s).find()) wide.add(new AgainstClue(Against.NOT_A_PORT, "a packet trace line (Seq=, Ack=, Flags=)"));
    Matcher ex = EXAMPLE.matcher(s);
    // "… or a second queue manager on its own port, add an entry, for example: MQSeries2 1822/tcp": the numbers after the example are the reader's choice.
    int otherPortExample = -1;
    if (ex.find()) {
      wide.add(new ExampleClue("the sentence says '" + ex.group() + "'"));
      if (AgainstWords.otherPort(s.substring(0, ex.start()))) otherPortExample = ex.end();
    }
    boolean sentencePorts = PORTS_WORD.matcher(s).find();
    if (sentencePorts) wide.add(new PortClue(Strength.WEAK, "ports-word", "the sentence speaks of ports"));
    else if (unitPorts) wide.add(new PortClue(Strength.WEAK, "ports-word", "the paragraph speaks of ports"));
    Matcher verb = VERB.matcher(s);
    if (verb.find()) wide.add(new PortClue(Strength.WEAK, "verb", "the sentence says '" + verb.group() + "'"));
    if (pageDefault != null) wide.add(new TransportClue(Tier.PAGE, Set.of(pageDefault), "the page's default protocol"));
    if (s.indexOf('-') >= 0 || s.indexOf(':') >= 0 || s.indexOf('\u2013') >= 0) {
      // "9300 - Prometheus Node Exporter HTTP": an item that is one port and what runs on it, ending in its application protocol.
      Matcher item = PORT_ITEM.matcher(s);
      if (item.matches() && !hasDigit(item.group(2))) {
        // Only the last word: "the statsd admin interface" names a product beside its admin port, not the port's protocol.
        Matcher w = ITEM_WORD.matcher(item.group(2));
        String lastWord = null;
        while (w.find()) lastWord = w.group();
        w = ITEM_WORD.matcher(lastWord == null ? "" : lastWord);
        if (w.find()) {
          if (ApplicationProtocols.read(w.group(1)) instanceof ApplicationProtocols.Reading.Transport tr) {
            wide.add(new PortClue(Strength.WEAK, "application", "the item names '" + w.group() + "'"));
            wide.add(new TransportClue(Tier.APPLICATION, transports(tr.cell()), "'" + w.group() + "' is carried over " + tr.cell()));
          }
        }
      }
    }
    // The numbers, each with its local clues.
    List<Local> locals = new ArrayList<>();
    int i = 0;
    int n = s.length();
    while (i < n) {
      char c = digits.charAt(i);
      if (c < '0' || c > '9') {
        i++;
        continue;
      }
      int j = i;
      while (j < n && digits.charAt(j) >= '0' && digits.charAt(j) <= '9') j++;
      Local l = local(digits, i, j);
      i = l == null ? j : Math.max(j, l.end());
      if (l != null) locals.add(l);
    }
    // The sentence's own transport words, those attached to a number left out: "53 (UDP and TCP) and NTP (123/udp)".
    StringBuilder rest = new StringBuilder(s);
    for (Local l : locals)
      if (l.transportFrom() >= 0) for (int k = Math.max(0, l.transportFrom()); k < Math.min(rest.length(), l.transportTo()); k++) rest.setCharAt(k, ' ');
    String free = rest.toString();
    Set<Protocol> st = BOTH.matcher(free).find() ? Set.of(Protocol.TCP, Protocol.UDP) : transports(free);
    boolean srv = s.contains("SRV") || s.contains("srv");
    // A bracketed alternative needs a '(' in the sentence: looked for once, not per number (a run of 160,000 numbers stays linear).
    boolean parens = s.indexOf('(') >= 0;
    String quoted = null;
    // "137-139, 445 (TCP)": a bracketed transport after the last number of a list is the whole list's.
    boolean[] continues = new boolean[locals.size()];
    for (int k = 1; k < locals.size(); k++) continues[k] = listContinues(s, locals.get(k - 1).end(), locals.get(k).start());
    TransportClue[] trailing = new TransportClue[locals.size()];
    for (int k = locals.size() - 1; k > 0; k--) {
      if (!continues[k]) continue;
      TransportClue t = trailing[k] != null ? trailing[k] : bracketedTransport(s, locals.get(k).start());
      if (t != null && locals.get(k - 1).transportFrom() < 0) trailing[k - 1] = t;
    }
    for (int k = 0; k < locals.size(); k++) {
      Local l = locals.get(k);
      List<Clue> clues = new ArrayList<>(wide);
      clues.addAll(l.clues());
      if (trailing[k] != null) {
        // The list's last number is stated as a port by its transport; the numbers before it in the list with it.
        clues.add(trailing[k]);
        clues.add(new PortClue(Strength.STRONG, "list", "in a list of ports ending in " + trailing[k].cue().replace(" after the list it ends", "")));
      }
      // "ports 80, 443 and 8443", "TCP ports 80, 443": a list goes on with the clues of its head.
      if (continues[k]) {
        for (Clue c : locals.get(k - 1).inherited()) if (!clues.contains(c)) clues.add(c);
        l = l.inheriting(locals.get(k - 1).inherited());
        locals.set(k, l);
      }
      if (srv) {
        TransportClue record = srvRecord(text, from + l.start());
        if (record != null) {
          clues.add(record);
          clues.add(new PortClue(Strength.STRONG, SRV, record.cue()));
        }
      }
      if (!st.isEmpty()) clues.add(new TransportClue(Tier.SENTENCE, st, "the sentence says " + names(st)));
      else if (parens && l.transportFrom() < 0 && trailing[k] == null) {
        // "TCP Port 389 - LDAP (may also use 636 for LDAPS)": an alternative in brackets takes the transport of the item's port before them.
        TransportClue head = bracketedAlternative(s, locals, k);
        if (head != null) clues.add(head);
      }
      if (otherPortExample >= 0 && l.start() >= otherPortExample)
        clues.add(new AgainstClue(Against.OPTION, "an example of another port than the product's own, after '" + ex.group() + "'"));
      // Kept: numbers with port evidence, and those a reader might have taken that the page says are no port (to veto them).
      boolean portEvidence = clues.stream().anyMatch(x -> x instanceof PortClue);
      boolean vetoing = clues.stream().anyMatch(x -> x instanceof AgainstClue a && a.kind().vetoes);
      if (!portEvidence && !vetoing) continue;
      if (!vetoing && u.place() == Place.CODE && clues.stream().noneMatch(x -> x instanceof PortClue p && p.strength() == Strength.STRONG)) continue;
      if (quoted == null) quoted = quote(s);
      out.add(new Candidate(line, l.ports(), u.place(), quoted, u.heading(), clues));
    }
    out.addAll(parts);
  }

  /** "39,999", "20,000": one or two digits, a comma and three digits, not within a longer run of digits and commas (a list "80,443" is over 65535 as one number, and stays a list). */
  private static final Pattern THOUSANDS = Pattern.compile("(?<![\\d,.])([1-9]\\d?),(\\d{3})(?![\\d,]|\\.\\d)");

  /** The sentence as a candidate keeps it: at most {@value #QUOTE} characters, cut once per sentence (a 20 MB sentence is not copied per number). */
  static final int QUOTE = 240;

  private static String quote(String s) {
    String t = s.strip();
    return t.length() <= QUOTE ? t : t.substring(0, QUOTE) + "...";
  }

  private static String names(Set<Protocol> ps) {
    return ps.contains(Protocol.TCP) && ps.contains(Protocol.UDP) ? "TCP and UDP" : ps.contains(Protocol.UDP) ? "UDP" : "TCP";
  }

  private static final Pattern BRACKETED_TRANSPORT = Pattern.compile(
      "(?i)\\d{1,5}(?:\\s*[-\u2013]\\s*\\d{1,5})?\\s*\\(\\s*(tcp|udp)(?:\\s*(?:/|,|and|&)\\s*(tcp|udp))?\\s*\\)");

  /** The "(TCP)" right after the number at {@code start}, as the transport of the list it ends; {@code null} when there is none. */
  private static TransportClue bracketedTransport(String s, int start) {
    Matcher m = BRACKETED_TRANSPORT.matcher(s);
    m.region(start, Math.min(s.length(), start + 40));
    if (!m.lookingAt()) return null;
    Set<Protocol> ps = transports(m.group(1) + " " + (m.group(2) == null ? "" : m.group(2)));
    return new TransportClue(Tier.ATTACHED, ps, "'(" + names(ps) + ")' after the list it ends");
  }

  private static final Pattern ALTERNATIVE = Pattern.compile("(?i)\\b(?:also|instead|or|alternatively|otherwise)\\b");

  /**
   * The transport of an earlier number of the sentence, stated beside it ("TCP Port 25"), for a
   * number in a bracket opened after it that offers an alternative ("(… may use 587 instead)",
   * "(may also use 636 for LDAPS)"); {@code null} otherwise.
   */
  private static TransportClue bracketedAlternative(String s, List<Local> locals, int k) {
    int at = locals.get(k).start();
    int open = s.lastIndexOf('(', at);
    if (open < 0 || s.lastIndexOf(')', at) > open) return null;
    int close = s.indexOf(')', at);
    if (!ALTERNATIVE.matcher(s).region(open, close < 0 ? s.length() : close).find()) return null;
    for (int h = k - 1; h >= 0; h--) {
      Local head = locals.get(h);
      if (head.end() > open) continue;
      if (head.transportFrom() < 0) return null;
      for (Clue c : head.clues())
        if (c instanceof TransportClue t && t.tier() == Tier.ATTACHED)
          return new TransportClue(Tier.SENTENCE, t.protocols(), "an alternative in brackets to " + names(t.protocols()) + " port " + head.ports().notation());
      return null;
    }
    return null;
  }

  private static final Pattern LIST_SEPARATOR = Pattern.compile("(?i)[\\s,&/]*(?:and|or|as well as)?[\\s,]*");

  private static boolean listContinues(String s, int prevEnd, int start) {
    if (start - prevEnd > LIST_GAP || start < prevEnd) return false;
    return LIST_SEPARATOR.matcher(s).region(prevEnd, start).matches();
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
  private static final Pattern SLASH_TRANSPORT_AFTER = Pattern.compile("^\\s*/\\s*(tcp|udp|sctp)\\b(?:\\s*(?:/|\\+|&|\\band\\b|\\bor\\b)\\s*(tcp|udp)\\b)?");
  private static final Pattern PAREN_TRANSPORT_AFTER = Pattern.compile("^\\s*\\(\\s*(tcp|udp)\\b(?:\\s*(?:/|,|and|or|&)\\s*(tcp|udp)\\b)?");
  /** An iptables/ip6tables destination port option right before the number ("--dport 111", "--dports 80,443", "--destination-port 53"). */
  private static final Pattern DPORT_BEFORE = Pattern.compile("--(?:dports?|destination-ports?)[=\\s]\\s*$");
  /** An iptables rule's protocol option ("-p udp", "--protocol tcp"); the last one before the number is its rule's. */
  private static final Pattern RULE_PROTOCOL = Pattern.compile("(?:^|\\s)(?:-p|--protocol)[=\\s]\\s*(tcp|udp)\\b");
  private static final Pattern SLASH_TRANSPORT_BEFORE = Pattern.compile("\\b(tcp|udp)\\s*/\\s*$");
  /** "2377 TCP", "8006: TCP"; not "7000 UDP: 7001" or "80 TCP 443", where the word labels the next port, and not across a line. */
  private static final Pattern WORD_TRANSPORT_AFTER = Pattern.compile("^[ \\t]*:?[ \\t]*(tcp|udp)\\b(?:[ \\t]*(?:/|,|and|or|&)[ \\t]*(tcp|udp)\\b)?(?![ \\t]*[:/]?[ \\t]*\\d)");
  private static final Pattern COMMA_TRANSPORT_IN_PARENS = Pattern.compile("^\\s*,\\s*(tcp|udp)\\b(?:\\s*(?:/|,|and|or|&)\\s*(tcp|udp)\\b)?\\s*\\)");
  private static final Pattern OVER_TRANSPORT_AFTER = Pattern.compile("^\\s+(?:for|over|via|using|on)\\s+(?:the\\s+)?(tcp|udp)\\b");
  private static final Pattern TRANSPORT_BEFORE = Pattern.compile("\\b(tcp|udp|sctp)(?:\\s*(?:/|and|or|&)\\s*(tcp|udp))?\\s*(?:/|:\\s|\\s)\\s*(?:ports?\\s*)?(?:(?:numbers?|range)\\s*)?(?:#\\s*)?$");
  private static final Pattern PORT_BEFORE = Pattern.compile(
      "\\bports?\\s*(?:numbers?\\s*|no\\.?\\s*|#\\s*)?(?:[:=]\\s*)?(?:(?:is|are|of|on|at|to|set\\s+to|defaults?\\s+to|default\\s+is|number|range|will\\s+be|would\\s+be)\\s+)*(?:the\\s+)?(?:tcp\\s+|udp\\s+)?$");
  /** "… port, " right before the number: an apposition ("the standard MySQL port, 3306, is used"); singular, so no list ("ports, 80"). */
  private static final Pattern PORT_APPOSITION_BEFORE = Pattern.compile("\\bport\\s*,\\s*$");
  /** What closes an apposition after the number: a comma, "unless", "by default", a bracket, the end. */
  private static final Pattern PORT_APPOSITION_AFTER = Pattern.compile("\\s*(?:,|\\(|\\.(?!\\d)|unless\\b|by\\s+default\\b|$)");
  /** An application protocol right before "port" ("MySQL port", "SMTP server port", "PostgreSQL database port is"), up to the number. */
  private static final Pattern APP_PORT_BEFORE = Pattern.compile("\\b([a-z][a-z0-9]*)\\s+(?:server'?s?\\s+|database\\s+|service\\s+)?port\\b(?:\\s*(?:,|:|=|number|is|of|defaults\\s+to|default\\s+is))*\\s*$");
  /** "for LDAP over SSL", "for the SMTP relay", "for HTTPS": the protocol after "for", up to three words. */
  private static final Pattern FOR_APP_AFTER = Pattern.compile(" for\\s+(?:the\\s+)?([a-z][a-z0-9/]*(?:\\s+(?:over|and|or)\\s+[a-z][a-z0-9/]*)?)(?![a-z0-9/])(?!\\s+(?:server|servers|clients?|database)\\b)");
  private static final Pattern LISTEN_BEFORE = Pattern.compile("\\b(?:listen(?:s|ing)?(?:\\s+on)?|expose|bind(?:s)?(?:\\s+to)?)\\s+(?:port\\s+)?$");
  private static final Pattern KEY_BEFORE = Pattern.compile("(?:^|[\\s\"'{(,])(-{0,2}[a-z0-9_.\\-]*port[a-z0-9_.\\-]*)\\s*[:=]?\\s*[\"']?\\s*$");
  /** "-graphiteListenAddr=:2003", "address: \":1704/udp\"", "bind = :8080": a listening address on every interface. */
  private static final Pattern LISTEN_ADDRESS_BEFORE = Pattern.compile("(?:listen\\w*|addr\\w*|bind\\w*)\\s*[:=]\\s*[\"']?\\s*:$");
  /** "0.0.0.0:", "tcp://0.0.0.0:", "[::]:": the address of every interface, before a port. */
  private static final Pattern WILDCARD_BEFORE = Pattern.compile("(?:^|[^0-9.:a-z])(?:(tcp|udp)://)?(0\\.0\\.0\\.0|\\[::\\]):$");
  /** A dotted IPv4 address before the colon ("127.0.0.1:"), whose last octet is not the hour of a time. */
  /** "… at 5:" (a time of day's hour, one or two digits after no word character), compiled once: it was compiled per number. */
  private static final Pattern HOUR_BEFORE = Pattern.compile("(?s).*\\b\\d{1,2}:$");
  private static final Pattern IPV4_BEFORE = Pattern.compile("(?:^|[^0-9.])\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}:$");
  /** Docker's "-p 8080:80", a compose list item "- 8080:80", or prose that publishes a mapping ("publish \"443:443\""). */
  /** The YAML list-item form of {@link #PUBLISH_BEFORE} ("- 8080:80" under a compose "ports:" key, or any other list's item). */
  private static final Pattern PUBLISH_ITEM_BEFORE = Pattern.compile("^\\s*-\\s+[\"']?$");
  private static final Pattern PUBLISH_BEFORE = Pattern.compile("(?:^|\\s)(?:-p|--publish)[\\s=]+[\"']?(?:[0-9.]+:)?$|^\\s*-\\s+[\"']?$"
      + "|\\bpublish(?:es|ed|ing)?\\s+(?:the\\s+)?(?:ports?\\s+)?[\"']?$");
  /** "ssh -p 2222", "sftp -P 2222", "nc -p 4444": a client's flag for the port it connects to, not a published port. */
  private static final Pattern CLIENT_PORT_FLAG_BEFORE = Pattern.compile("(?i)\\b(?:ssh|sftp|scp|mosh|telnet|nc|ncat|netcat|redis-cli|mysql|psql)\\b[^|;&]{0,60}\\s-[pP][\\s=]+$");
  private static final Pattern HOST_BEFORE = Pattern.compile("(?:[a-z0-9_\\-\\]*]|\\[[0-9a-f:]+\\]):$");
  /** "TCP:36", "IPv4:7" in a packet trace: a protocol and a frame number, not a host and port. */
  private static final Pattern NOT_A_HOST = Pattern.compile("\\b(?:tcp|udp|ip|ipv4|ipv6|icmp|sctp|http|https)(?<!://):$");
  private static final Pattern BOUND_BEFORE = Pattern.compile("(?:[<>\u2264\u2265]=?|\\b(?:above|below|greater\\s+than|less\\s+than|higher\\s+than|lower\\s+than))\\s*$");
  private static final Pattern FOOTNOTE_BEFORE = Pattern.compile("\\d\\s*\\($");
  /** "tcp://host:", "udp://host:": a URL whose scheme is the transport. */
  private static final Pattern TRANSPORT_SCHEME = Pattern.compile("\\b(tcp|udp)://[^\\s/]*$");
  private static final Pattern SCHEME = Pattern.compile("\\b(https?|wss?|grpcs?|ldaps?|ftp|ssh|smtp|imaps?)://[^\\s/]*$");
  private static final Pattern PORT_AFTER = Pattern.compile("^\\s*(?:is\\s+)?(?:the\\s+)?(?:default\\s+)?(?:tcp\\s+|udp\\s+)?port\\b(?!s)");
  private static final Pattern PORTS_AFTER = Pattern.compile("^\\s*(?:tcp\\s+|udp\\s+)?ports\\b");
  private static final Pattern APP_ADJACENT_BEFORE = Pattern.compile("\\b([a-z][a-z0-9]*)\\s*[:(]?\\s*$");
  private static final Pattern APP_ADJACENT_AFTER = Pattern.compile("^\\s*[(:\\-]?\\s*([a-z][a-z0-9]*)\\b");
  /** "10.0.0.0/8", "fd00::/64"; not "80/443", a list of two ports. */
  private static final Pattern PREFIX_BEFORE = Pattern.compile("(?:\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}|[0-9a-f]*::?[0-9a-f:]*)/$");
  /** "source address=/32", "--src <ip>/24": a prefix length whose address is a placeholder the page (or its markup) left blank. */
  private static final Pattern BLANK_ADDRESS_PREFIX_BEFORE = Pattern.compile("(?:addr\\w*|source|destination|src|dst|subnet|network|cidr|net)\\s*[=:]?\\s*[\"'<>\\[\\]{}a-z_\\-]*\\s*/$");
  private static final Pattern OPEN_ENDED_AFTER = Pattern.compile("^\\s*(?:\\+(?!\\s*\\d)|and\\s+(?:above|up|higher|later|greater)|or\\s+(?:above|higher|more|greater|larger)|upwards|onwards)");
  private static final Pattern UNIT_AFTER = Pattern.compile(
      "^\\s*-?\\s*(?:%|percent|ms|msec|s|secs?|seconds?|min|mins|minutes?|hours?|hrs?|h|days?|weeks?|months?|years?|kb|mb|gb|tb|kib|mib|gib|tib|bytes?|bits?|kbps|mbps|gbps"
          + "|px|times|threads?|connections?|users?|nodes?|servers?|instances?|cores?|cpus?|vcpus?|replicas?|entries|rows|records|requests|items|characters|chars"
          + "|digits|hosts|devices|clients|sessions|agents|members|brokers|partitions|retries|attempts|steps|workers|processes|files|lines|gb/s|mb/s|bit|x)\\b");
  private static final Pattern REFERENCE_BEFORE = Pattern.compile(
      "\\b(?:version|versions|release|build|v|ver|rfc|cve|section|step|chapter|table|figure|fig|page|line|item|appendix|kb|sp|update|patch|level|tier|phase"
          + "|type|code|class|error|status|id|revision|rev|java|jdk|jre|python|node|windows|server|ubuntu|debian|rhel|centos|iso|ieee|top|first|last|up\\s+to"
          + "|at\\s+least|at\\s+most|maximum|minimum|max|min|about|approximately|around|every|each|per|over|under|than|timeout|interval|size|count|limit"
          + "|views|votes|likes|downloads|replies)\\s*[.:#-]?\\s*$");
  /** A key naming a source port; iptables' "--sport"/"--sports" too ("-p udp --sport 123": where the peer's packets come from). */
  private static final Pattern SOURCE_KEY = Pattern.compile("(?i).*(?:src|source|client|local|ephemeral).*|-*sports?");
  /** A list item about one end of a port range: "--min-worker-port: …", "max_port = …", "the highest port a worker can bind to". */
  private static final Pattern BOUND_ITEM = Pattern.compile("(?i)^\\W*-{0,2}[a-z0-9_.\\-]*(?:min|max)[a-z0-9_.\\-]*port\\b|^\\W*-{0,2}[a-z0-9_.\\-]*port[a-z0-9_.\\-]*(?:min|max)\\w*\\b"
      + "|\\b(?:lowest|highest|minimum|maximum|smallest|largest)\\s+(?:tcp\\s+|udp\\s+)?port\\b(?!s)");
  private static final Pattern BOUND_KEY = Pattern.compile("(?i).*(?:min|max|count|range|limit|retries|retry|attempts|tries|offset|increment|timeout|number|num|size).*");
  private static final Pattern MONTH = Pattern.compile("\\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\\.?\\s*$");
  private static final Pattern MONTH_AFTER = Pattern.compile("^\\s*(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\\b");

  /** {@code null} when the characters glued to the number make it no port at all (an identifier, "10ms", "x509", an over-long digit run). */
  /** An SRV record's fields before its port: "IN SRV 0 5 " (priority, weight). */
  private static final Pattern SRV_BEFORE = Pattern.compile("(?i)\\bsrv\\s+\\d{1,5}\\s+\\d{1,5}\\s+$");
  /** An SRV record's owner name: "_sip._udp", "_xmpps-server._tcp.conference". */
  private static final Pattern SRV_LABEL = Pattern.compile("(?i)(?<![\\w-])_[a-z0-9][a-z0-9-]*\\._(tcp|udp)\\b");

  /**
   * "_xmpp-client._tcp.example.org. 86400 IN SRV 0 5 5222 xmpp.example.org.": an SRV record's
   * third number is the port of the service it publishes, its {@code _tcp}/{@code _udp} label the
   * transport (RFC 2782); {@code null} when the number at {@code at} is not an SRV record's port.
   * Read on the whole text: the owner name's dots end no sentence here.
   */
  private static TransportClue srvRecord(String text, int at) {
    String before = text.substring(Math.max(0, at - WINDOW), at);
    if (!SRV_BEFORE.matcher(before).find()) return null;
    Matcher label = SRV_LABEL.matcher(text.substring(Math.max(0, at - 200), at));
    String proto = null;
    while (label.find()) proto = label.group(1).toLowerCase(Locale.ROOT);
    return proto == null ? null : new TransportClue(Tier.ATTACHED, transports(proto), "the SRV record's _" + proto + " label");
  }

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
    // "IP protocol 112 (VRRP)", "protocol number 89": an IP protocol number, which has no port.
    if (words && before.contains("proto") && IP_PROTOCOL_BEFORE.matcher(before).find()) clues.add(new AgainstClue(Against.NOT_A_PORT, "an IP protocol number"));
    // "the source port of a client is any unprivileged port (1024-65535)": where the client's packets come from, not a port to open.
    if (portWord && sourcePortClause(s, i)) clues.add(new AgainstClue(Against.NOT_A_PORT, "a client's source port, not one to open"));
    // Ranges and dates.
    if (last == '-' && value >= 1 && value <= 31 && ISO_DATE_HEAD.matcher(before).find()) clues.add(new AgainstClue(Against.NOT_A_PORT, "a date"));
    Matcher range = RANGE_AFTER.matcher(after);
    if (range.lookingAt()) {
      int hi = Integer.parseInt(range.group(1));
      String rest = after.substring(range.end());
      if (rest.length() > 1 && rest.charAt(0) == '-' && rest.charAt(1) >= '0' && rest.charAt(1) <= '9' || after.startsWith("-") && value > 1900 && value < 2100 && hi <= 12) clues.add(new AgainstClue(Against.NOT_A_PORT, "a date"));
      else if (hi > value && hi <= 65535) {
        if (value <= 1 && hi == 65535) clues.add(new AgainstClue(Against.FORM, "the whole port number space"));
        ports = new PortRange(value, hi);
        end = j + range.end();
        after = after.substring(range.end());
      }
    }
    Matcher map = MAPPING_AFTER.matcher(after);
    boolean publish = (before.indexOf('-') >= 0 || before.contains("publish")) && PUBLISH_BEFORE.matcher(before).find()
        && !CLIENT_PORT_FLAG_BEFORE.matcher(before).find();
    // "-p 35623:35623/udp", "--publish 8080:80", "publishes port 80": a container's port published on the host; not a bare YAML item ("- \"3600\"").
    String publishKind = publish && PUBLISH_ITEM_BEFORE.matcher(before).find() ? "publish-item" : PUBLISH;
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
        clues.add(new PortClue(Strength.STRONG, publishKind, "published as host:container"));
        end += map.end();
        after = after.substring(map.end());
      }
    }
    if (publish) {
      clues.add(new PortClue(Strength.STRONG, publishKind, "a published port (-p)"));
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
    if (attached.isEmpty() && transportWord && before.contains("--d") && DPORT_BEFORE.matcher(before).find()) {
      // "-A INPUT -p udp -m state --state NEW --dport 111 -j ACCEPT": iptables' "-p" names the transport of the rule's "--dport".
      Matcher p = RULE_PROTOCOL.matcher(before);
      String proto = null;
      while (p.find()) proto = p.group(1);
      if (proto != null) {
        addTransport(attached, proto);
        attachedCue = "'-p " + proto + " … --dport " + value + "'";
        inherited.add(new TransportClue(Tier.ATTACHED, Set.copyOf(attached), attachedCue));
      }
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
    // "(for example 1433 for SQL Server)", "for example TCP 3128", "In this example, 9999 is the new port": the number is the example itself.
    // Only where the page says the value is the reader's own choice ("whatever you configure", "set a static port"), or that
    // the text is an example as a whole ("In this example"): "the port used to serve clients, for example 6379" gives the default.
    Matcher exampleBefore = words && (before.contains("example") || before.contains("instance") || before.contains("e.g"))
        ? EXAMPLE_RIGHT_BEFORE.matcher(before) : null;
    if (exampleBefore != null && exampleBefore.find() && (exampleBefore.group(1) != null || CHOSEN_VALUE.matcher(s).find()))
      clues.add(new ExampleClue(EXAMPLE_VALUE + " ('" + lastWords(before) + "')"));
    // Port words.
    if (portWord && PORT_BEFORE.matcher(before).find()) {
      PortClue p = new PortClue(Strength.STRONG, "port-word", "'port' before it");
      clues.add(p);
      inherited.add(p);
    } else if (portWord && last == ',' && PORT_APPOSITION_BEFORE.matcher(before).find() && PORT_APPOSITION_AFTER.matcher(after).lookingAt()) {
      // "the standard MySQL port, 3306, is used", "Database port, 5432 unless set": the number set off after "port" is that port.
      clues.add(new PortClue(Strength.STRONG, "port-word", "'port,' before it"));
    }
    if (portWord) {
      // "the standard MySQL port", "the SMTP server port", "LDAPS port 636": the application protocol whose port it is names its transport.
      Matcher app = APP_PORT_BEFORE.matcher(before);
      if (app.find() && ApplicationProtocols.read(app.group(1)) instanceof ApplicationProtocols.Reading.Transport tr) {
        clues.add(new PortClue(Strength.WEAK, "application", "the " + app.group(1) + " port"));
        clues.add(new TransportClue(Tier.APPLICATION, transports(tr.cell()), "'" + app.group(1) + "' is carried over " + tr.cell()));
      }
    } else if (words && (before.contains("listen") || before.contains("expose") || before.contains("bind")) && LISTEN_BEFORE.matcher(before).find()) clues.add(new PortClue(Strength.STRONG, LISTEN, "'" + before.strip() + "' before it"));
    Matcher key = KEY_BEFORE.matcher(portWord ? before : "");
    if (key.find()) {
      if (BOUND_KEY.matcher(key.group(1)).matches()) clues.add(new AgainstClue(Against.FORM, "the value of '" + key.group(1) + "', a bound or count"));
      else if (SOURCE_KEY.matcher(key.group(1)).matches()) clues.add(new AgainstClue(Against.FORM, "the value of '" + key.group(1) + "', a source port"));
      else clues.add(new PortClue(Strength.STRONG, "key", "the value of '" + key.group(1) + "'"));
    }
    boolean colon = before.endsWith(":");
    Matcher wildcard = colon ? WILDCARD_BEFORE.matcher(before) : null;
    if (colon && words && LISTEN_ADDRESS_BEFORE.matcher(before).find()) {
      clues.add(new PortClue(Strength.STRONG, LISTEN_ADDRESS, "a listening address ':" + value + "'"));
      optionProtocol(before, clues);
    } else if (colon && wildcard.find()) {
      // "--server.endpoint tcp://0.0.0.0:5001", "[::]:9000": a server binds every interface; only a listener does.
      clues.add(new PortClue(Strength.STRONG, LISTEN_ADDRESS, "a wildcard listening address '" + wildcard.group(2) + ":" + value + "'"));
      if (wildcard.group(1) != null) clues.add(new TransportClue(Tier.ATTACHED, transports(wildcard.group(1)), "the URL scheme " + wildcard.group(1) + "://"));
      else optionProtocol(before, clues);
    } else if (colon && !after.startsWith("|") && HOST_BEFORE.matcher(before).find() && (!HOUR_BEFORE.matcher(before).matches() || IPV4_BEFORE.matcher(before).find())
        && !NOT_A_HOST.matcher(before).find()) {
      // Not "test.metric:100|c": a number closed by '|' is a field of a record (a StatsD line), not the port of an address.
      clues.add(new PortClue(Strength.STRONG, "host", "host:port"));
      Matcher scheme = SCHEME.matcher(before);
      if (scheme.find() && ApplicationProtocols.read(scheme.group(1)) instanceof ApplicationProtocols.Reading.Transport tr)
        clues.add(new TransportClue(Tier.ATTACHED, transports(tr.cell()), "the URL scheme " + scheme.group(1) + "://"));
      else {
        Matcher ts = TRANSPORT_SCHEME.matcher(before);
        if (ts.find()) clues.add(new TransportClue(Tier.ATTACHED, transports(ts.group(1)), "the URL scheme " + ts.group(1) + "://"));
      }
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
    if (after.startsWith(" for ")) {
      // "636 for LDAP over SSL (LDAPS)", "587 for SMTP submission": the protocol the port is for names its transport ("for unencrypted LDAP" names none).
      Matcher forApp = FOR_APP_AFTER.matcher(after);
      if (forApp.lookingAt() && ApplicationProtocols.read(forApp.group(1)) instanceof ApplicationProtocols.Reading.Transport tr) {
        clues.add(new PortClue(Strength.WEAK, "application", "for " + forApp.group(1)));
        clues.add(new TransportClue(Tier.APPLICATION, transports(tr.cell()), "'" + forApp.group(1) + "' is carried over " + tr.cell()));
      }
    }
    if (portWord && OPTION_BEFORE.matcher(before).find())
      clues.add(new AgainstClue(Against.OPTION, "an option the page allows ('" + DraftPasses.shorten(before.strip()) + "'), not the port in use"));
    // Against: sizes, durations, counts, references, dates, footnotes, list marks, formulas.
    if (last == '-' && i > 1 && MODEL_BEFORE.matcher(s.substring(Math.max(0, i - 6), i)).find())
      clues.add(new AgainstClue(Against.NOT_A_PORT, "a model or part number ('" + s.substring(Math.max(0, i - 6), i).strip() + value + "')"));
    if (OPEN_ENDED_AFTER.matcher(after).lookingAt()) clues.add(new AgainstClue(Against.FORM, "the start of an open-ended range"));
    if (UNIT_AFTER.matcher(after).lookingAt()) clues.add(new AgainstClue(Against.NOT_A_PORT, "a size, duration or count"));
    if (words && REFERENCE_LAST.contains(lastToken(before, ".:#-")) && REFERENCE_BEFORE.matcher(before).find()) clues.add(new AgainstClue(Against.NOT_A_PORT, "a version, reference or count ('" + lastWords(before) + "')"));
    if (words && startsWithMonth(lastToken(before, ".")) && MONTH.matcher(before).find() || MONTH_AFTER.matcher(after).lookingAt()) clues.add(new AgainstClue(Against.NOT_A_PORT, "a date"));
    if ((last == '/' || after.startsWith("/")) && slashDate(before, value, after)) clues.add(new AgainstClue(Against.NOT_A_PORT, "a date"));
    if ("+*\u00d7$\u20ac\u00a3^".indexOf(last) >= 0 || "+*\u00d7".indexOf(firstAfterSpace(after)) >= 0) clues.add(new AgainstClue(Against.FORM, "a formula or amount"));
    // "[2]", "1433 (2)": a mark after a number or in brackets; not "DHCP (67)".
    if (before.endsWith("[") && after.startsWith("]") || last == '(' && FOOTNOTE_BEFORE.matcher(before).find() && after.startsWith(")") && value < 100)
      clues.add(new AgainstClue(Against.NOT_A_PORT, "a footnote mark"));
    if (before.isBlank() && after.matches("(?s)^[.)](?:\\s.*)?") && value < 100) clues.add(new AgainstClue(Against.NOT_A_PORT, "list numbering"));
    if (value >= 1900 && value <= 2099 && ports.from() == ports.to()) clues.add(new AgainstClue(Against.SOFT, "looks like a year"));
    if (value < SMALL && ports.from() == ports.to()) clues.add(new AgainstClue(Against.SOFT, "a small number"));
    return new Local(i, end, ports, clues, inherited, tFrom, tTo);
  }

  /** "IP protocol ", "IP protocol number ", "protocol no. ", "ip proto " right before the number: the IANA protocol number, not a port. */
  private static final Pattern IP_PROTOCOL_BEFORE = Pattern.compile("\\b(?:ip\\s+proto(?:col)?(?:\\s+(?:number|no\\.?|#))?|protocol\\s+(?:number|no\\.?|#))\\s*$");
  /** "source port of every row is any port (", "source ports are ": the number in the clause that names the source port, before any destination. */
  private static final Pattern SOURCE_PORT_PROSE = Pattern.compile("\\bsource\\s+ports?\\b(?:(?!\\bdest|\\bto\\b|\\bon\\b)[^.;:])*$");
  /** Whether the clause that ends at {@code i} names the source port ({@link #SOURCE_PORT_PROSE}); it looks further back than {@link #WINDOW}: such clauses run long. */
  private static boolean sourcePortClause(String s, int i) {
    String clause = s.substring(Math.max(0, i - 3 * WINDOW), i).toLowerCase(Locale.ROOT);
    return clause.contains("source") && SOURCE_PORT_PROSE.matcher(clause).find();
  }

  private static final Pattern STATUS_KEY = Pattern.compile("(?i)\\s*(?:firewall\\s+)?(?:port\\s+)?status\\s*:?\\s*");
  private static final Pattern CLOSED_VALUE = Pattern.compile("(?i)\\s*(?:closed|blocked|keep\\s+closed|not\\s+open(?:ed)?)\\s*\\.?\\s*");

  /** A two-column fact table with a "Firewall status | Closed" row: the one thing it describes is to stay closed. */
  private static boolean closedFact(Table t) {
    for (Row r : t.rows())
      if (r.cells().size() == 2 && STATUS_KEY.matcher(r.cell(0)).matches() && CLOSED_VALUE.matcher(r.cell(1)).matches()) return true;
    return false;
  }

  /** The heading of a document's table of contents: "Table of contents", "CONTENTS", "Contents:". */
  private static final Pattern CONTENTS_HEADING = Pattern.compile("(?i)\\s*(?:table\\s+of\\s+)?contents\\s*:?\\s*");
  /** "2025-" or "2025-05-" right before the number: its month or day in an ISO date ("2025-05-14" is no port 2025 and no range 5-14). */
  private static final Pattern ISO_DATE_HEAD = Pattern.compile("(?<![\\d.\\-])(?:19|20)\\d{2}-(?:(?:0?[1-9]|1[0-2])-)?$");

  /** "10/22/2024", "2024/10/22": a date written with slashes, not a list of ports ("80/443/8443" has no year in it). */
  private static final Pattern SLASH_DATE = Pattern.compile("(?:(?:0?[1-9]|[12]\\d|3[01])/(?:0?[1-9]|[12]\\d|3[01])/(?:19|20)\\d{2}|(?:19|20)\\d{2}/(?:0?[1-9]|1[0-2])/(?:0?[1-9]|[12]\\d|3[01]))");

  /** Whether {@code value}, between {@code before} and {@code after}, is part of a slash date: the digits and slashes around it make the whole token. */
  private static boolean slashDate(String before, int value, String after) {
    int b = before.length();
    while (b > 0 && (Character.isDigit(before.charAt(b - 1)) || before.charAt(b - 1) == '/')) b--;
    if (b > 0 && Character.isLetterOrDigit(before.charAt(b - 1))) return false;
    int a = 0;
    while (a < after.length() && (Character.isDigit(after.charAt(a)) || after.charAt(a) == '/')) a++;
    if (a < after.length() && Character.isLetter(after.charAt(a))) return false;
    return SLASH_DATE.matcher(before.substring(b) + value + after.substring(0, a)).matches();
  }

  /** Below this a number is read as a port only beside an explicit "port", a transport, a port column or a port setting. */
  static final int SMALL = 20;

  /** The final words of {@link #REFERENCE_BEFORE}'s words: a window whose last word is none of them cannot match it. */
  private static final Set<String> REFERENCE_LAST = Set.of("version", "versions", "release", "build", "v", "ver", "rfc", "cve", "section", "step", "chapter",
      "table", "figure", "fig", "page", "line", "item", "appendix", "kb", "sp", "update", "patch", "level", "tier", "phase", "type", "code", "class", "error",
      "status", "id", "revision", "rev", "java", "jdk", "jre", "python", "node", "windows", "server", "ubuntu", "debian", "rhel", "centos", "iso", "ieee", "top",
      "first", "last", "to", "least", "most", "maximum", "minimum", "max", "min", "about", "approximately", "around", "every", "each", "per", "over", "under",
      "than", "timeout", "interval", "size", "count", "limit",
      // A knowledge-base article's own counts ("Views: 412", "Votes: 2").
      "views", "votes", "likes", "downloads", "replies");
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
