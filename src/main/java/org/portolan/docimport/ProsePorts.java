package org.portolan.docimport;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.portolan.model.PortRange;
import org.portolan.model.PortSpec;
import org.portolan.model.PortTerm;
import org.portolan.model.Protocol;
import org.portolan.model.Service;

/**
 * Reads the ports that running text and bullets state: "X listens on TCP 8443", "open port
 * 2377/tcp", "TCP and UDP port 7946", "ports 7946 TCP/UDP", "the default port is 4646",
 * "Web interface: 8006 (TCP, HTTP/1.1 over TLS)", "22000/TCP: sync traffic", "4567 is
 * reserved … TCP and UDP", "needs port 6443 and 9345". A number is a port only in a port
 * context: a protocol beside it, the word "port(s)" before it, a list or range continuing
 * such a number, "listens on"/"default", or at the start of a list item on a page section
 * about ports. Service names never become ports here. Hand-written: a small tokenizer over
 * one sentence, linear in its length (no regular expression scans the sentence).
 */
final class ProsePorts {
  private ProsePorts() {}

  /** A sentence that states ports, with the component and direction when it says them. */
  /**
   * @param loopback the ports were written with a loopback address ("127.0.0.1:8080", "localhost:2379")
   * @param legacy the sentence names the ports as what older versions or documents used ("older code still names ports 4001 and 7001"): not a port to open, a review hint
   * @param refused the sentence says the ports are not to be opened ("must be free", "do not open these ports", "is not required"): no requirement, a review hint
   */
  record Statement(String sentence, List<Service> services, List<String> notes, int firstPort, boolean loopback, boolean legacy, boolean refused) {
    Statement {
      services = List.copyOf(services);
      notes = List.copyOf(notes);
    }

    /** Who listens, when the sentence says it (read only when asked: most sentences repeat ports already known). */
    String responder() {
      return ProsePorts.responder(sentence);
    }

    String initiator() {
      return ProsePorts.initiator(sentence);
    }

    /** What the port is for, in up to three words. */
    String label() {
      return ProsePorts.label(sentence, tokenize(sentence), firstPort);
    }

    /** Whether a person must decide on these ports rather than open them: legacy or refused. */
    boolean notToOpen() {
      return legacy || refused;
    }

    Statement refusedBy(String next) {
      List<String> n = new ArrayList<>(notes);
      n.add("the next sentence refuses these ports: \"" + next + "\"");
      return new Statement(sentence, services, n, firstPort, loopback, legacy, true);
    }
  }

  private enum K { NUM, PROTO, WORD, PUNCT }

  private record Tok(K kind, int at, int end, String text, int value, Protocol proto) {}

  private static final Set<String> UNITS = Set.of("ms", "s", "sec", "secs", "seconds", "second", "minutes", "minute", "min", "hours", "hour", "h",
      "days", "day", "mb", "gb", "kb", "tb", "mib", "gib", "kib", "ghz", "mhz", "cpu", "cpus", "cores", "core", "nodes", "node", "times", "bytes",
      "byte", "bit", "bits", "x", "percent", "vcpu", "vcpus", "gbps", "mbps", "users", "servers", "hosts", "members", "instances", "replicas",
      "characters", "chars", "lines", "rows", "items", "years", "months", "weeks", "am", "pm", "utc", "k", "m", "g", "rpm");

  /** Words that may stand between "port(s)" and its number: "port number 8080", "the default port is 4646". */
  private static final Set<String> BRIDGE = Set.of("in", "number", "numbers", "no", "is", "are", "of", "default", "the", "range", "ranges", "set",
      "to", "defaults", "value", "was", "be", "will", "by", "listening", "on", "uses", "use", "at");

  private static final Set<String> SEP_WORDS = Set.of("and", "or", "as", "well", "plus");

  static final Pattern DEFAULT_PROTOCOL = Pattern.compile(
      "(?i)\\b(?:(tcp|udp)\\b[^.;]{0,40}?\\bunless\\s+(?:otherwise\\s+)?(?:(?:tcp|udp)\\s+is\\s+)?(?:specifically\\s+|explicitly\\s+)?(?:noted|stated|specified|indicated|marked)"
          + "|all\\s+(?:the\\s+)?(?:ports|port\\s+numbers)(?:\\s+(?:listed|below|above|here|on\\s+this\\s+page))?\\s+(?:are|use)\\s+(tcp|udp)\\b)");

  /**
   * "All (the other) services exchange requests over TLS", "all traffic between the nodes runs over
   * HTTPS": the page says what every connection is carried in, and TLS, HTTPS and websockets run
   * over TCP. Not "… over UDP or TCP" (then the first pattern or nothing decides).
   */
  static final Pattern ALL_OVER_TLS = Pattern.compile(
      "(?i)\\ball\\s+(?:the\\s+)?(?:other\\s+)?(?:services|components|nodes|traffic|communications?|connections)\\b[^.;]{0,60}?"
          + "\\b(?:over|through|via|using|uses?)\\s+(?:an?\\s+)?(?:encrypted\\s+|secured?\\s+)?(?:tls|https|ssl|mtls|websockets?)\\b(?![^.;]{0,20}\\budp\\b)");

  /** "Panorama communicates over TCP on all of these ports", "uses UDP for all its ports". */
  static final Pattern ALL_PORTS_OVER = Pattern.compile(
      "(?i)\\b(?:over|uses?|via|using)\\s+(tcp|udp)\\s+(?:on|for)\\s+(?:all|every\\s+one)\\s+(?:of\\s+)?(?:these|the|its|those|their)?\\s*ports\\b"
          // "Unless a row says otherwise, the port is a TCP port."
          + "|\\bunless\\s+(?:a|the)\\s+(?:row|table|entry|line|cell)\\s+(?:says|states|notes)\\s+otherwise,?\\s+(?:the|a|each|every)\\s+port\\s+is\\s+(?:an?\\s+)?(tcp|udp)\\b");

  /**
   * A documented transport option with its default: ejabberd's "transport: tcp|udp … The default is
   * tcp", rsyslog's "Protocol udp/tcp [default udp]", Kubernetes' "protocol … Supports TCP, UDP and
   * SCTP. Default is TCP", PortQry's "/p protocol … The default is TCP". A port the page's
   * configuration gives without that option runs over the default.
   */
  private static final Pattern OPTION_DEFAULT = Pattern.compile(
      "(?i)\\b(?:transport|protocol)\\b[^;\\n]{0,80}?(?:\\bdefault\\s+(?:is|value\\s+is|:)\\s*|\\bdefaults\\s+to\\s+|\\[default\\s+)[`\"'*]*(tcp|udp)\\b(?![/|`\"'*]*\\s*(?:/|\\||or|and)\\s*[`\"'*]*(?:tcp|udp)\\b)");

  /** The protocol a page gives its unmarked ports ("All ports are TCP unless noted"), if it says one. */
  static Protocol defaultProtocol(String text) {
    // Each pattern is tried only where one of its first words begins: these run over the whole document.
    Matcher m = GatedPattern.findStartingWith(DEFAULT_PROTOCOL, text, "tcp", "udp", "all");
    if (m == null) {
      Matcher all = GatedPattern.findStartingWith(ALL_PORTS_OVER, text, "over", "us", "via", "unless");
      if (all != null) return "udp".equalsIgnoreCase(all.group(1) != null ? all.group(1) : all.group(2)) ? Protocol.UDP : Protocol.TCP;
      if (GatedPattern.findStartingWith(ALL_OVER_TLS, text, "all") != null) return Protocol.TCP;
      Matcher option = GatedPattern.findStartingWith(OPTION_DEFAULT, text, "transport", "protocol");
      return option != null ? (option.group(1).equalsIgnoreCase("udp") ? Protocol.UDP : Protocol.TCP) : null;
    }
    String p = m.group(1) != null ? m.group(1) : m.group(2);
    return p.equalsIgnoreCase("udp") ? Protocol.UDP : Protocol.TCP;
  }

  /**
   * The statements of one paragraph or list item.
   *
   * @param item the text is a list item or definition (a port at its start counts when {@code portSection})
   * @param portSection the heading or lead-in of this text is about ports
   * @param defaultProtocol the page's protocol for unmarked ports, or {@code null}
   */
  static List<Statement> read(String text, boolean item, boolean portSection, Protocol defaultProtocol) {
    return read(text, item, portSection, defaultProtocol, false);
  }

  /**
   * As {@link #read(String, boolean, boolean, Protocol)}; {@code portTableCell}: the text is a
   * notes or purpose cell of a port table, where "behind a proxy on 443" states a port too.
   */
  static List<Statement> read(String text, boolean item, boolean portSection, Protocol defaultProtocol, boolean portTableCell) {
    List<Statement> out = new ArrayList<>();
    boolean icmp = mentionsIcmp(text);
    if (!hasDigit(text) && !icmp) return out;
    if (text.indexOf('\u2022') >= 0) return bulleted(text, portSection, defaultProtocol, portTableCell);
    Statement last = null;
    WholeText whole = new WholeText(text);
    for (String sentence : sentences(text)) {
      if (!hasDigit(sentence) && !mentionsIcmp(sentence)) {
        // "… ports 8080, 8443 and 749 are used internally. Do not open these ports.": the refusal points back.
        if (last != null && !last.refused() && AgainstWords.pointingBackAgainst(sentence) != null) {
          out.set(out.size() - 1, last.refusedBy(sentence));
        }
        last = null;
        continue;
      }
      Statement s = sentence(sentence, whole, item && out.isEmpty(), portSection, defaultProtocol, portTableCell);
      if (s != null) out.add(s);
      last = s;
    }
    return out;
  }

  private static final Pattern PORT_COUNT = Pattern.compile("(?i).*ports?[-_.]?(?:range|count|limit|attempts|tries|retries|offset|increment)");

  /** "localPortRange (100 by default)", "portCount = 8": the number right after an option counting ports is a count, not a port. */
  private static boolean countsPorts(List<Tok> toks, int i) {
    for (int k = i - 1, seen = 0; k >= 0 && seen < 2; k--) {
      Tok b = toks.get(k);
      if (b.kind() == K.PUNCT) continue;
      seen++;
      if (b.kind() == K.WORD && PORT_COUNT.matcher(b.text()).matches()) return true;
    }
    return false;
  }

  private static final Pattern MULTICAST = Pattern.compile("(?i)\\bmulticast\\b");

  private static final Pattern LEAD_IN_PROTOCOL = Pattern.compile("(?i)\\b(tcp|udp)\\s+ports?\\b");

  /**
   * Text with inline bullets ("… these protocols and TCP ports: • SOCKS4, SOCKS5: 1081, 1080 •
   * Wingate, Telnet: 23"), as a table cell holds a list: the text before the first bullet is
   * read as prose, and each bullet as a list item, under a lead-in ending in ':' that names the
   * ports ("TCP ports") as in a port section, with the lead-in's protocol for unmarked numbers.
   */
  private static List<Statement> bulleted(String text, boolean portSection, Protocol defaultProtocol, boolean portTableCell) {
    // "server: ; • SOCKS4 …": a cell's line breaks, read as "; ", stand beside the bullets.
    String[] parts = text.split("[\\s;]*\u2022\\s*", -1);
    List<Statement> out = new ArrayList<>(read(parts[0], false, portSection, defaultProtocol, portTableCell));
    List<String> lead = sentences(parts[0]);
    String leadIn = lead.isEmpty() ? "" : lead.getLast().strip();
    boolean list = leadIn.endsWith(":") && leadIn.toLowerCase(Locale.ROOT).contains("port");
    Protocol proto = defaultProtocol;
    Matcher m = LEAD_IN_PROTOCOL.matcher(leadIn);
    if (list && m.find()) {
      String named = m.group(1);
      boolean other = m.find() && !m.group(1).equalsIgnoreCase(named);
      if (!other) proto = named.equalsIgnoreCase("udp") ? Protocol.UDP : Protocol.TCP;
    }
    for (int k = 1; k < parts.length; k++) if (!parts[k].isBlank()) out.addAll(read(parts[k], true, portSection || list, proto, portTableCell));
    return out;
  }

  private static boolean mentionsIcmp(String s) {
    for (int i = 0; i + 4 <= s.length(); i++) if ((s.charAt(i) == 'i' || s.charAt(i) == 'I') && s.regionMatches(true, i, "icmp", 0, 4)) return true;
    return false;
  }

  /** ICMP that a sentence asks to let through: "answers ICMP echo requests", "allow ICMP", "ICMP must be permitted". */
  private static final Pattern ICMP_ALLOWED = Pattern.compile(
      "(?i)\\b(?:answer\\w*|respond\\w*|repl(?:y|ies)|allow\\w*|permit\\w*|open\\w*|accept\\w*|requir\\w*|needs?|needed|must|enabl\\w*|reach\\w*|ping\\w*|uses?)\\b");
  private static final Pattern ECHO = Pattern.compile("(?i)\\b(?:echo|ping\\w*)\\b");

  private static boolean hasDigit(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c >= '0' && c <= '9') return true;
    }
    return false;
  }

  /** Sentences: cut at ". " followed by an upper-case letter or a digit, and at "; ". */
  static List<String> sentences(String text) {
    List<String> out = new ArrayList<>();
    int from = 0;
    int n = text.length();
    for (int i = 0; i < n; i++) {
      char c = text.charAt(i);
      boolean cut = (c == '.' || c == '!' || c == '?') && i + 2 < n && text.charAt(i + 1) == ' '
          && (Character.isUpperCase(text.charAt(i + 2)) || Character.isDigit(text.charAt(i + 2)))
          && !(i >= 2 && text.regionMatches(true, i - 2, "e.g", 0, 3)) && !(i >= 1 && text.regionMatches(true, i - 1, "i.e", 0, 3));
      if (cut) {
        out.add(text.substring(from, i + 1).strip());
        from = i + 2;
      } else if (c == ';' && i + 1 < n && text.charAt(i + 1) == ' ') {
        out.add(text.substring(from, i).strip());
        from = i + 2;
      }
    }
    if (from < n) out.add(text.substring(from).strip());
    out.removeIf(String::isEmpty);
    return out;
  }

  /**
   * The paragraph or item a sentence is read in, with what its sentences ask of all of it (its
   * protocols, whether it speaks of ports) found once, when first asked: a 20 MB paragraph of
   * sentences was tokenized, or lowered, once per sentence (quadratic).
   */
  private static final class WholeText {
    final String text;
    private List<Protocol> protocols;
    private Boolean portWords;

    WholeText(String text) {
      this.text = text;
    }

    List<Protocol> protocols() {
      if (protocols == null) {
        protocols = new ArrayList<>();
        for (Tok t : tokenize(text)) if (t.kind() == K.PROTO) addProto(protocols, t.proto());
      }
      return protocols;
    }

    boolean portWords() {
      if (portWords == null) {
        String l = text.toLowerCase(Locale.ROOT);
        portWords = l.contains("port") || l.contains("listen") || l.contains("tcp") || l.contains("udp");
      }
      return portWords;
    }
  }

  private static Statement sentence(String s, WholeText whole, boolean itemStart, boolean portSection, Protocol defaultProtocol, boolean portTableCell) {
    List<Tok> toks = tokenize(s);
    int n = toks.size();
    boolean[] port = new boolean[n];
    boolean[] icmpType = new boolean[n];
    boolean loopback = false;
    List<String> notes = new ArrayList<>();
    boolean portWord = false;
    for (Tok t : toks) if (t.kind() == K.WORD && (t.text().equals("port") || t.text().equals("ports"))) portWord = true;
    boolean otherPort = AgainstWords.otherPort(s);
    boolean transport = itemStart && hasTransport(toks);
    // Ranges: "30000-32767", "8300 to 8302".
    int[] rangeEnd = new int[n];
    java.util.Arrays.fill(rangeEnd, -1);
    for (int i = 0; i + 2 < n; i++) {
      Tok a = toks.get(i);
      Tok r = toks.get(i + 1);
      Tok b = toks.get(i + 2);
      if (a.kind() == K.NUM && b.kind() == K.NUM && b.value() >= a.value()
          && (r.kind() == K.PUNCT && "-\u2013\u2014:".contains(r.text()) && r.at() - a.end() <= 1 && b.at() - r.end() <= 1
              || r.kind() == K.WORD && (r.text().equals("to") || r.text().equals("through") || r.text().equals("thru")))) rangeEnd[i] = i + 2;
    }
    for (int i = 0; i < n; i++) {
      Tok t = toks.get(i);
      if (t.kind() != K.NUM || !plausible(toks, i)) continue;
      if (countsPorts(toks, i)) continue;
      int last = rangeEnd[i] >= 0 ? rangeEnd[i] : i;
      if (icmpOnly(toks, attachedBefore(toks, i)) && attachedAfter(toks, last) == null) {
        // "ICMP 8", "ICMP type 3": a type, not a port.
        icmpType[i] = true;
        continue;
      }
      int addr = addressBefore(s, toks, i);
      if (addr != 0 && EXAMPLE_ADDRESS.matcher(s.substring(Math.max(0, t.at() - 60), t.at())).find()) {
        // "(such as `127.0.0.1:80`)": an address given as an example names no port of the product.
        continue;
      }
      if (addr != 0) {
        // "127.0.0.1:8080", "http://localhost:2379", "[::1]:9000", "example.com:443": the number after the address is its port.
        port[i] = true;
        if (addr < 0) loopback = true;
        continue;
      }
      boolean example = portWord && !otherPort && exampleNear(toks, i, last);
      boolean p = attachedAfter(toks, last) != null || attachedBefore(toks, i) != null || portWordBefore(toks, i) || listenBefore(toks, i, whole)
          || itemStart && (portSection || transport) && firstNumber(toks, i) && startsItem(toks, i, last) || example
          || portTableCell && onBefore(toks, i) && t.value() >= 20 || portWord && (defaultAfter(toks, last) || portForIs(toks, i));
      if (p && example && !(attachedAfter(toks, last) != null || attachedBefore(toks, i) != null || portWordBefore(toks, i) || listenBefore(toks, i, whole)))
        notes.add(t.text() + ": the sentence gives it as an example port; confirm it is the port this product uses");
      if (p) {
        port[i] = true;
        if (rangeEnd[i] >= 0) port[rangeEnd[i]] = true;
      }
    }
    // Lists continue a port: "ports 6443 and 9345", "4567, 4568 and 4444".
    for (int i = 0; i < n; i++) {
      if (!port[i]) continue;
      int after = rangeEnd[i] >= 0 ? rangeEnd[i] + 1 : i + 1;
      int alt = alternativeInParentheses(toks, after);
      if (alt >= 0 && !port[alt] && !icmpType[alt] && plausible(toks, alt)) {
        // "listens on TCP 8080 (8443 with TLS)": the number in the parenthesis is a port too, under what the parenthesis says.
        port[alt] = true;
        if (rangeEnd[alt] >= 0) port[rangeEnd[alt]] = true;
        String cond = parenthesisWords(s, toks, alt);
        if (!cond.isEmpty()) notes.add(toks.get(alt).text() + ": stated in parentheses beside " + t0(toks, i) + " (\"" + cond + "\"); that condition is not encoded, confirm which one your configuration opens");
        continue;
      }
      // "2379 for client requests and 2380 for peer traffic", "8300 (RPC) and 8301 (gossip)": the list goes on after what each port is for.
      after = skipPurpose(toks, after);
      int j = after;
      boolean or = false;
      while (j < n && (isSep(toks.get(j)) || j > after && ALTERNATIVE_BRIDGE.contains(toks.get(j).text()))) {
        if (toks.get(j).text().equals("or")) or = true;
        j++;
      }
      if (j < n && j > after && toks.get(j).kind() == K.NUM && !port[j] && !icmpType[j] && plausible(toks, j)) {
        port[j] = true;
        // "8080, or 8443 when TLS is on": an alternative with its own condition.
        String cond = or ? conditionAfter(toks, rangeEnd[j] >= 0 ? rangeEnd[j] : j) : "";
        if (!cond.isEmpty()) notes.add(toks.get(j).text() + ": stated as the alternative to " + t0(toks, i) + " \"" + cond + "\"; that condition is not encoded, confirm which one your configuration opens");
      }
    }
    // Terms with their own protocols.
    record Term(PortTerm term, List<Protocol> protocols, int at) {}
    List<Term> terms = new ArrayList<>();
    Set<Integer> usedProto = new java.util.HashSet<>();
    for (int i = 0; i < n; i++) {
      if (!port[i] || toks.get(i).kind() != K.NUM) continue;
      if (i > 0 && rangeEnd[Math.max(i - 2, 0)] == i && port[i - 2]) continue;
      int last = rangeEnd[i] >= 0 ? rangeEnd[i] : i;
      boolean plus = rangeEnd[i] < 0 && i + 1 < n && toks.get(i + 1).kind() == K.PUNCT && toks.get(i + 1).text().equals("+") && toks.get(i + 1).at() == toks.get(i).end();
      PortTerm term = rangeEnd[i] >= 0 ? new PortTerm.Fixed(new PortRange(toks.get(i).value(), toks.get(last).value()))
          : plus ? new PortTerm.OpenEnded(toks.get(i).value()) // "1024+": that port and every one above it
          : new PortTerm.Fixed(PortRange.of(toks.get(i).value()));
      List<Protocol> protos = new ArrayList<>();
      int[] after = attachedAfter(toks, last);
      if (after != null) {
        for (int k = after[0]; k <= after[1]; k++) if (toks.get(k).kind() == K.PROTO) { addProto(protos, toks.get(k).proto()); usedProto.add(k); }
      }
      int[] before = attachedBefore(toks, i);
      if (protos.isEmpty() && before != null)
        for (int k = before[0]; k <= before[1]; k++) if (toks.get(k).kind() == K.PROTO) { addProto(protos, toks.get(k).proto()); usedProto.add(k); }
      terms.add(new Term(term, protos, i));
    }
    List<Service> icmpServices = new ArrayList<>();
    for (int i = 0; i < n; i++) if (icmpType[i] && toks.get(i).value() <= 255) addService(icmpServices, new Service(Protocol.Icmp.ofType(toks.get(i).value()), PortSpec.NONE));
    if (icmpServices.isEmpty() && icmpAllowed(s, toks))
      icmpServices.add(new Service(ECHO.matcher(s).find() ? Protocol.Icmp.ofType(8) : Protocol.ICMP_ANY, PortSpec.NONE));
    if (!icmpServices.isEmpty()) notes.add("ICMP read from the sentence; " + (ECHO.matcher(s).find() ? "echo request (type 8) as it says echo or ping" : "no type stated: any ICMP"));
    if (terms.isEmpty() && icmpServices.isEmpty()) return null;
    boolean legacy = AgainstWords.legacy(s);
    boolean refused = AgainstWords.refuses(s);
    if (terms.isEmpty()) return new Statement(s, icmpServices, notes, firstProto(toks), false, legacy, refused);
    // A list shares the protocols stated at its head or its tail: "TCP ports 80 and 443", "ports 80, 443 TCP".
    for (int a = 0; a < terms.size(); a++) {
      if (!terms.get(a).protocols().isEmpty()) continue;
      for (int d : new int[] {-1, 1}) {
        int b = a + d;
        if (b < 0 || b >= terms.size() || terms.get(b).protocols().isEmpty()) continue;
        int lo = Math.min(terms.get(a).at(), terms.get(b).at());
        int hi = Math.max(terms.get(a).at(), terms.get(b).at());
        boolean onlySeps = true;
        for (int k = lo + 1; k < hi && onlySeps; k++) if (!(isSep(toks.get(k)) || toks.get(k).kind() == K.NUM || toks.get(k).text().equals("-"))) onlySeps = false;
        if (onlySeps) {
          terms.set(a, new Term(terms.get(a).term(), terms.get(b).protocols(), terms.get(a).at()));
          break;
        }
      }
    }
    List<Protocol> sentenceProtos = new ArrayList<>();
    for (int k = 0; k < n; k++) if (toks.get(k).kind() == K.PROTO && !usedProto.contains(k) && !(toks.get(k).proto() instanceof Protocol.Icmp)) addProto(sentenceProtos, toks.get(k).proto());
    if (sentenceProtos.isEmpty() && whole.text.length() > s.length()) {
      // The item says the protocol in another sentence ("HTTP API (Default 4646). … TCP only.").
      sentenceProtos.addAll(whole.protocols());
    }
    Map<Protocol, List<PortTerm>> by = new LinkedHashMap<>();
    boolean multicast = MULTICAST.matcher(s).find(); // once per sentence: a run of numbers stays linear
    for (Term t : terms) {
      List<Protocol> protos = t.protocols();
      if (protos.isEmpty() && !sentenceProtos.isEmpty()) {
        protos = sentenceProtos;
        notes.add(t.term().notation() + ": protocol " + String.join("/", protos.stream().map(Protocol::keyword).toList()) + " read from the sentence");
      }
      if (protos.isEmpty() && multicast) {
        // "Multicast port to use for the status publication": IP multicast is carried over UDP only.
        protos = List.of(Protocol.UDP);
        notes.add(t.term().notation() + ": a multicast port, carried over UDP");
      }
      if (protos.isEmpty()) {
        Protocol d = defaultProtocol != null ? defaultProtocol : Protocol.TCP;
        protos = List.of(d);
        notes.add(defaultProtocol != null ? t.term().notation() + ": no protocol in the sentence; " + d.keyword() + " as the page says for unmarked ports"
            : "no protocol stated: TCP assumed for " + t.term().notation());
      }
      for (Protocol p : protos) {
        List<PortTerm> list = by.computeIfAbsent(p, x -> new ArrayList<>());
        if (!list.contains(t.term())) list.add(t.term());
      }
    }
    List<Service> services = new ArrayList<>();
    by.forEach((p, ts) -> services.add(new Service(p, new PortSpec(ts))));
    for (Service sv : icmpServices) addService(services, sv);
    if (loopback) notes.add("the sentence writes the port with a loopback address: the flow stays on the host");
    return new Statement(s, services, notes, terms.getFirst().at(), loopback, legacy, refused);
  }

  private static void addService(List<Service> list, Service s) {
    if (!list.contains(s)) list.add(s);
  }

  private static int firstProto(List<Tok> toks) {
    for (int k = 0; k < toks.size(); k++) if (toks.get(k).kind() == K.PROTO) return k;
    return 0;
  }

  /** ICMP named as something to let through, not as something refused. */
  private static boolean icmpAllowed(String s, List<Tok> toks) {
    boolean icmp = false;
    for (Tok t : toks) if (t.kind() == K.PROTO && t.proto() instanceof Protocol.Icmp) icmp = true;
    if (!icmp || !ICMP_ALLOWED.matcher(s).find()) return false;
    return !AgainstWords.refusesIcmp(s);
  }

  /** The protocol tokens attached before a number are ICMP only ("ICMP 8", "ICMP type 3"). */
  private static boolean icmpOnly(List<Tok> toks, int[] span) {
    if (span == null) return false;
    for (int k = span[0]; k <= span[1]; k++) if (toks.get(k).kind() == K.PROTO && !(toks.get(k).proto() instanceof Protocol.Icmp)) return false;
    return true;
  }

  /**
   * The number follows an address and a colon with no space ("127.0.0.1:8080", "localhost:2379",
   * "[::1]:9000", "*:8080", "example.com:443"): 1 for an address, -1 for a loopback one, 0 when none.
   */
  private static int addressBefore(String s, List<Tok> toks, int i) {
    if (i < 2) return 0;
    Tok colon = toks.get(i - 1);
    Tok num = toks.get(i);
    if (colon.kind() != K.PUNCT || !colon.text().equals(":") || colon.end() != num.at()) return 0;
    // "test.metric:100|c": a number closed by '|' is a field of a record (a StatsD line), not the port of an address.
    if (num.end() < s.length() && s.charAt(num.end()) == '|') return 0;
    int end = colon.at();
    int st = end;
    // Bounded: a host name has at most 253 characters, so a run of "1:1:1:…" stays linear.
    while (st > 0 && end - st < 260 && (Character.isLetterOrDigit(s.charAt(st - 1)) || ".-_[]:*".indexOf(s.charAt(st - 1)) >= 0)) st--;
    if (end - st >= 260) return 0;
    String host = s.substring(st, end);
    if (host.isEmpty()) return 0;
    String h = host.toLowerCase(Locale.ROOT);
    if (h.equals("localhost") || h.startsWith("127.") && h.matches("127(?:\\.\\d{1,3}){3}") || h.equals("[::1]")) return -1;
    if (h.matches("\\d{1,3}(?:\\.\\d{1,3}){3}") || h.equals("*") || h.startsWith("[") && h.endsWith("]") && h.indexOf(':') >= 0) return 1;
    // A host name with a dot and a letter in its last label ("example.com", "db.internal").
    int dot = h.lastIndexOf('.');
    if (dot > 0 && dot < h.length() - 1 && h.substring(dot + 1).chars().allMatch(Character::isLetter) && h.chars().noneMatch(c -> c == ':' || c == '[')) return 1;
    return 0;
  }

  /** "for example 6379", "e.g. 8080", "such as 9090", "16379 in the example": a port the sentence gives as its example. */
  private static boolean exampleNear(List<Tok> toks, int i, int last) {
    for (int k = i - 1; k >= Math.max(0, i - 3); k--) {
      Tok t = toks.get(k);
      if (t.kind() == K.WORD && (t.text().equals("example") || t.text().equals("eg") || t.text().equals("e") && k + 2 < toks.size() && toks.get(k + 2).text().equals("g")
          || t.text().equals("such") && k + 1 < toks.size() && toks.get(k + 1).text().equals("as"))) return true;
      if (t.kind() == K.NUM) return false;
    }
    for (int k = last + 1; k <= Math.min(toks.size() - 1, last + 3); k++) {
      Tok t = toks.get(k);
      if (t.kind() == K.WORD && t.text().equals("example")) return true;
      if (t.kind() == K.NUM || t.kind() == K.PUNCT && !t.text().equals(",")) return false;
    }
    return false;
  }

  /** "on 443", "via 8443", "through 3128" right before the number (a port table's notes cell). */
  private static boolean onBefore(List<Tok> toks, int i) {
    if (i < 1) return false;
    Tok t = toks.get(i - 1);
    return t.kind() == K.WORD && (t.text().equals("on") || t.text().equals("via") || t.text().equals("through") || t.text().equals("at"));
  }

  /** Words that may follow "or" before an alternative port: "8080, or on 8443 with TLS", "or port 8443". */
  private static final Set<String> ALTERNATIVE_BRIDGE = Set.of("on", "port", "at");

  private static String t0(List<Tok> toks, int i) {
    return toks.get(i).text();
  }

  /** The index of a port number opening a parenthesis right after a port ("8080 (8443 with TLS)"), else -1. */
  private static int alternativeInParentheses(List<Tok> toks, int k) {
    int n = toks.size();
    if (k + 1 >= n || toks.get(k).kind() != K.PUNCT || !toks.get(k).text().equals("(")) return -1;
    int j = k + 1;
    if (j < n && toks.get(j).kind() == K.WORD && (toks.get(j).text().equals("or") || toks.get(j).text().equals("port"))) j++;
    if (j < n && toks.get(j).kind() == K.WORD && toks.get(j).text().equals("port")) j++;
    return j < n && toks.get(j).kind() == K.NUM ? j : -1;
  }

  /** The words after the number up to the closing parenthesis: "with TLS". */
  private static String parenthesisWords(String s, List<Tok> toks, int num) {
    int end = -1;
    for (int k = num + 1; k < toks.size() && k - num <= 8; k++)
      if (toks.get(k).text().equals(")")) {
        end = k;
        break;
      }
    if (end < 0 || end == num + 1) return "";
    return s.substring(toks.get(num + 1).at(), toks.get(end).at()).strip();
  }

  /** "when TLS is on", "with TLS", "if SSL is enabled" right after an alternative port, up to the next punctuation. */
  private static String conditionAfter(List<Tok> toks, int last) {
    int k = last + 1;
    if (k >= toks.size() || toks.get(k).kind() != K.WORD || !Set.of("when", "with", "if", "for", "under").contains(toks.get(k).text())) return "";
    StringBuilder b = new StringBuilder();
    for (int j = k; j < toks.size() && j - k < 8 && toks.get(j).kind() != K.PUNCT && toks.get(j).kind() != K.NUM; j++) b.append(b.isEmpty() ? "" : " ").append(toks.get(j).text());
    return b.toString();
  }

  /** Past what a port is for: "for client requests", "(RPC)"; up to five words, stopping at a number or a separator. */
  private static int skipPurpose(List<Tok> toks, int k) {
    int n = toks.size();
    if (k < n && toks.get(k).kind() == K.PUNCT && toks.get(k).text().equals("(")) {
      int j = k + 1;
      while (j < n && j - k <= 6 && !toks.get(j).text().equals(")")) j++;
      return j < n && toks.get(j).text().equals(")") ? j + 1 : k;
    }
    if (k < n && toks.get(k).kind() == K.WORD && toks.get(k).text().equals("for")) {
      int j = k + 1;
      while (j < n && j - k <= 5 && toks.get(j).kind() == K.WORD && !SEP_WORDS.contains(toks.get(j).text())) j++;
      if (j < n && (isSep(toks.get(j)) || toks.get(j).kind() == K.PUNCT && toks.get(j).text().equals(","))) return j;
    }
    return k;
  }

  private static void addProto(List<Protocol> list, Protocol p) {
    if (p instanceof Protocol.Icmp) return;
    if (!list.contains(p)) list.add(p);
  }

  private static boolean isSep(Tok t) {
    return t.kind() == K.PUNCT && (t.text().equals(",") || t.text().equals("/") || t.text().equals("&"))
        || t.kind() == K.WORD && SEP_WORDS.contains(t.text());
  }

  /** Not a version, an address, a time, a size or a count. */
  private static boolean plausible(List<Tok> toks, int i) {
    Tok t = toks.get(i);
    if (t.value() < 0 || t.value() > PortRange.MAX) return false;
    Tok next = i + 1 < toks.size() ? toks.get(i + 1) : null;
    if (next != null && next.kind() == K.WORD && next.at() - t.end() <= 1 && UNITS.contains(next.text())) return false;
    if (next != null && next.kind() == K.PUNCT && next.text().equals("%")) return false;
    // "Last Published: 2018-09-20": a part of a date, not a port.
    if (inDate(toks, i)) return false;
    return true;
  }

  /** The number is the year, month or day of an ISO date (yyyy-mm-dd). */
  private static boolean inDate(List<Tok> toks, int i) {
    for (int start = Math.max(0, i - 4); start <= i; start++) {
      if (start + 4 >= toks.size()) break;
      Tok y = toks.get(start), d1 = toks.get(start + 1), m = toks.get(start + 2), d2 = toks.get(start + 3), d = toks.get(start + 4);
      if (y.kind() == K.NUM && y.text().length() == 4 && d1.text().equals("-") && m.kind() == K.NUM && m.text().length() <= 2 && d2.text().equals("-")
          && d.kind() == K.NUM && d.text().length() <= 2 && d1.at() == y.end() && m.at() == d1.end() && d2.at() == m.end() && d.at() == d2.end()
          && (i == start || i == start + 2 || i == start + 4)) return true;
    }
    return false;
  }

  /** Protocol tokens right after the number (or its range): "/tcp", " TCP/UDP", " (TCP, …", " TCP and UDP". Returns [first, last] token index. */
  private static int[] attachedAfter(List<Tok> toks, int i) {
    int k = i + 1;
    int n = toks.size();
    if (k < n && toks.get(k).kind() == K.PUNCT && (toks.get(k).text().equals("/") || toks.get(k).text().equals("("))) k++;
    if (k < n && toks.get(k).kind() == K.WORD && (toks.get(k).text().equals("over") || toks.get(k).text().equals("via"))) k++;
    if (k >= n || toks.get(k).kind() != K.PROTO) return null;
    int first = k;
    int last = k;
    while (last + 2 < n && isSep(toks.get(last + 1)) && toks.get(last + 2).kind() == K.PROTO) last += 2;
    return new int[] {first, last};
  }

  /** Protocol tokens right before the number: "TCP 2377", "TCP/2377", "TCP and UDP port 7946", "UDP ports 500, 4500". */
  private static int[] attachedBefore(List<Tok> toks, int i) {
    int k = i - 1;
    if (k >= 0 && toks.get(k).kind() == K.PUNCT && (toks.get(k).text().equals("/") || toks.get(k).text().equals(":"))) k--;
    if (k >= 0 && toks.get(k).kind() == K.WORD && (toks.get(k).text().equals("port") || toks.get(k).text().equals("ports"))) k--;
    if (k < 0 || toks.get(k).kind() != K.PROTO) return null;
    int last = k;
    int first = k;
    while (first - 2 >= 0 && isSep(toks.get(first - 1)) && toks.get(first - 2).kind() == K.PROTO) first -= 2;
    return new int[] {first, last};
  }

  private static boolean portWordBefore(List<Tok> toks, int i) {
    for (int k = i - 1, seen = 0; k >= 0 && seen < 5; k--, seen++) {
      Tok t = toks.get(k);
      if (t.kind() == K.WORD && (t.text().equals("port") || t.text().equals("ports") || t.text().equals("portnumber"))) return true;
      if (t.kind() == K.PROTO) continue;
      if (t.kind() == K.WORD && BRIDGE.contains(t.text())) continue;
      if (t.kind() == K.PUNCT && (t.text().equals(":") || t.text().equals("=") || t.text().equals("(") || t.text().equals("/") || t.text().equals("#"))) continue;
      return false;
    }
    return false;
  }

  /** An example marker right before an address ("such as `127.0.0.1:", "e.g. http://localhost:"). */
  private static final Pattern EXAMPLE_ADDRESS = Pattern.compile("(?i)\\b(?:such\\s+as|e\\.\\s?g\\.?|for\\s+(?:example|instance)),?\\s*[`'\"(]*[^\\s`'\"]*$");

  private static final Set<String> CUSTOMARY = Set.of("default", "usual", "customary", "standard", "conventional", "typical");

  /** "(19042 by default)", "19142 is the usual choice", "9142 is the default port": the number after it is said to be the default. */
  private static boolean defaultAfter(List<Tok> toks, int last) {
    int n = toks.size();
    if (last + 2 < n && toks.get(last + 1).text().equals("by") && toks.get(last + 2).text().equals("default")) return true;
    return last + 3 < n && toks.get(last + 1).text().equals("is") && toks.get(last + 2).text().equals("the") && CUSTOMARY.contains(toks.get(last + 3).text());
  }

  /** "The customary port for encrypted connections is 9142": "port for" a few words "is" the number. */
  private static boolean portForIs(List<Tok> toks, int i) {
    if (i < 4 || !toks.get(i - 1).text().equals("is")) return false;
    for (int k = i - 2, seen = 0; k > 0 && seen < 5; k--, seen++) {
      Tok t = toks.get(k);
      if (t.kind() == K.NUM) return false;
      if (t.text().equals("for") && (toks.get(k - 1).text().equals("port") || toks.get(k - 1).text().equals("ports"))) return true;
    }
    return false;
  }

  /** "listens on 8443", "listening on TCP 8443", "(default 4646)", "defaults to 8080" in a sentence about ports or listening. */
  private static boolean listenBefore(List<Tok> toks, int i, WholeText whole) {
    for (int k = i - 1, seen = 0; k >= 0 && seen < 4; k--, seen++) {
      Tok t = toks.get(k);
      if (t.kind() == K.WORD && (t.text().startsWith("listen") || t.text().equals("binds") || t.text().equals("bound"))) return true;
      if (t.kind() == K.WORD && (t.text().equals("default") || t.text().equals("defaults"))) return whole.portWords();
      if (t.kind() == K.PROTO || t.kind() == K.WORD && (t.text().equals("on") || t.text().equals("to") || t.text().equals("at") || t.text().equals("is")
          || t.text().equals("port"))) continue;
      if (t.kind() == K.PUNCT && (t.text().equals(":") || t.text().equals("("))) continue;
      return false;
    }
    return false;
  }

  /** "``2383`` -- the default instance of Analysis Services (TCP)": the item names TCP or UDP. */
  private static boolean hasTransport(List<Tok> toks) {
    for (Tok t : toks) if (t.kind() == K.PROTO && !(t.proto() instanceof Protocol.Icmp)) return true;
    return false;
  }

  private static boolean firstNumber(List<Tok> toks, int i) {
    for (int k = 0; k < i; k++) {
      Tok t = toks.get(k);
      if (t.kind() == K.NUM) return false;
      // "Web interface: 8006", "Port 22000:": a short label before the number is allowed.
      if (k > 6) return false;
    }
    if (i == 0) return true;
    Tok prev = toks.get(i - 1);
    return prev.kind() == K.PUNCT && (prev.text().equals(":") || prev.text().equals("-") || prev.text().equals("\u2013"));
  }

  /** After the number: a protocol, "(", ":", a dash, "for", "is", "used", or the end. */
  private static boolean startsItem(List<Tok> toks, int i, int last) {
    if (last + 1 >= toks.size()) return true;
    Tok t = toks.get(last + 1);
    if (t.kind() == K.PROTO) return true;
    if (t.kind() == K.PUNCT) return "(:-\u2013\u2014/,".contains(t.text());
    return t.kind() == K.WORD && Set.of("for", "is", "are", "used", "and", "or", "to", "should", "must", "needs", "required", "allows").contains(t.text());
  }

  private static List<Tok> tokenize(String s) {
    List<Tok> out = new ArrayList<>();
    int n = s.length();
    int i = 0;
    while (i < n) {
      char c = s.charAt(i);
      if (c >= '0' && c <= '9') {
        int st = i;
        while (i < n && s.charAt(i) >= '0' && s.charAt(i) <= '9') i++;
        boolean glued = st > 0 && (Character.isLetter(s.charAt(st - 1)) || s.charAt(st - 1) == '.' || s.charAt(st - 1) == '_' || s.charAt(st - 1) == '$'
            || s.charAt(st - 1) == ',' && st > 1 && Character.isDigit(s.charAt(st - 2)))
            || i < n && (Character.isLetter(s.charAt(i)) && !(i + 2 < n && s.regionMatches(true, i, "tcp", 0, 3)) && !(i + 2 < n && s.regionMatches(true, i, "udp", 0, 3))
                || s.charAt(i) == '_')
            || i + 1 < n && (s.charAt(i) == '.' || s.charAt(i) == ',' && Character.isDigit(s.charAt(i + 1)) && i + 3 < n && Character.isDigit(s.charAt(i + 3))) && Character.isDigit(s.charAt(i + 1));
        if (glued || i - st > 5) {
          while (i < n && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '.' || s.charAt(i) == '_' || s.charAt(i) == ',' && i + 1 < n && Character.isDigit(s.charAt(i + 1)))) i++;
          out.add(new Tok(K.WORD, st, i, s.substring(st, i).toLowerCase(Locale.ROOT), -1, null));
          continue;
        }
        out.add(new Tok(K.NUM, st, i, s.substring(st, i), Integer.parseInt(s.substring(st, i)), null));
      } else if (Character.isLetter(c)) {
        int st = i;
        while (i < n && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '_' || s.charAt(i) == '-' && i + 1 < n && Character.isLetter(s.charAt(i + 1)))) i++;
        String w = lower(s.substring(st, i));
        Protocol p = switch (w) {
          case "tcp" -> Protocol.TCP;
          case "udp" -> Protocol.UDP;
          case "icmp" -> Protocol.ICMP_ANY;
          default -> null;
        };
        out.add(new Tok(p != null ? K.PROTO : K.WORD, st, i, w, -1, p));
      } else if (Character.isWhitespace(c) || c == '*' || c == '`' || c == '"' || c == '\'' || c == '\u201c' || c == '\u201d') {
        i++;
      } else {
        out.add(new Tok(K.PUNCT, i, i + 1, String.valueOf(c), -1, null));
        i++;
      }
    }
    return out;
  }

  /** Lower case without a copy when the word has no upper-case letter (most words of running text). */
  private static String lower(String w) {
    for (int i = 0; i < w.length(); i++) if (!Character.isLowerCase(w.charAt(i)) && Character.isLetter(w.charAt(i))) return w.toLowerCase(Locale.ROOT);
    return w;
  }

  private static final Pattern LISTENER = Pattern.compile(
      "^(?:[Tt]he\\s+)?([A-Za-z][\\w.-]*(?:\\s+[A-Za-z][\\w.-]*){0,4}?)\\s+(?:service\\s+|daemon\\s+|process\\s+)?(?:also\\s+|only\\s+)?(?:listens|is\\s+listening|listen|accepts|serves|exposes|binds|answers|responds|replies)\\b");
  private static final Pattern OPEN_ON = Pattern.compile(
      "(?i)\\b(?:open(?:ed)?|available|reachable|accessible|allowed|required|needed)\\s+(?:only\\s+)?on\\s+(?:the\\s+|all\\s+|each\\s+|every\\s+)?((?:[\\w-]+\\s+){0,3}(?:nodes?|servers?|hosts?|managers?|workers?|masters?|agents?|machines?|members?|appliances?))\\b");
  private static final Pattern INBOUND_TO = Pattern.compile(
      "(?i)\\b(?:inbound|incoming)\\s+(?:traffic\\s+)?(?:to|on)\\s+(?:the\\s+|all\\s+|each\\s+)?((?:[\\w-]+\\s+){0,3}(?:nodes?|servers?|hosts?|managers?|workers?|masters?|agents?))\\b");
  private static final Pattern FROM = Pattern.compile(
      "(?i)\\bfrom\\s+(?:the\\s+|all\\s+|other\\s+|each\\s+|any\\s+)?((?:[\\w-]+\\s+){0,3}(?:nodes?|servers?|hosts?|clients?|agents?|browsers?|managers?|workers?|members?|peers?|devices?|consoles?))\\b");

  private static final Pattern SUBJECT = Pattern.compile(
      "^(?:[Tt]he\\s+|[Ee]ach\\s+|[Ee]very\\s+)?([A-Za-z][\\w.-]*(?:\\s+[A-Za-z][\\w.-]*){0,3}?)\\s+(?:also\\s+|only\\s+)?(uses|opens|needs|requires|makes|connects|sends|reaches|contacts)\\b");
  private static final Pattern OUTGOING = Pattern.compile("(?i)\\b(?:outgoing|outbound|connects?\\s+to|connection\\s+to|sends?\\b|reach(?:es)?|contacts?)\\b");

  /** The sentence's subject when it is the side that connects: "The server also makes an outgoing connection to …". */
  private static String subjectThatConnects(String s) {
    Matcher m = SUBJECT.matcher(s.strip());
    if (!m.find() || m.group(1).matches("(?i)(?:it|this|that|which|port|ports|you|we|they)")) return null;
    return OUTGOING.matcher(s).find() ? m.group(1) : null;
  }

  /** Who listens, when the sentence says it. */
  static String responder(String s) {
    Matcher sub = SUBJECT.matcher(s.strip());
    if (sub.find() && subjectThatConnects(s) == null && !sub.group(1).matches("(?i)(?:it|this|that|which|port|ports|you|we|they)")
        && sub.group(2).matches("uses|opens|needs|requires")) return sub.group(1);
    Matcher m = LISTENER.matcher(s.strip());
    if (m.find() && m.group(1).split("\\s+").length <= 5 && !m.group(1).matches("(?i)(?:it|this|that|which|port|ports|you|we)")) return m.group(1);
    m = OPEN_ON.matcher(s);
    if (m.find()) return m.group(1).strip();
    m = INBOUND_TO.matcher(s);
    if (m.find()) return m.group(1).strip();
    return null;
  }

  /** Who connects, when the sentence says it ("from other swarm nodes"). */
  static String initiator(String s) {
    String subject = subjectThatConnects(s);
    if (subject != null) return subject;
    Matcher m = FROM.matcher(s);
    return m.find() ? m.group(1).strip() : null;
  }

  private static final Set<String> LABEL_STOP = Set.of("the", "a", "an", "port", "ports", "is", "are", "used", "for", "by", "to", "and", "or", "of",
      "on", "in", "tcp", "udp", "this", "that", "must", "be", "open", "opened", "should", "needs", "need", "required", "traffic", "default", "with",
      "it", "its", "only", "also", "all", "over", "via", "communication", "protocol", "number", "listens", "listening", "reserved", "allow", "allows");

  /** What the port is for, in up to three words: the words after "for"/"used by"/":" or the label before the number. */
  static String label(String s, List<Tok> toks, int firstNum) {
    List<String> words = new ArrayList<>();
    // A label before the number ("Web interface: 8006", "- corosync cluster traffic: 5405-5412").
    boolean colon = false;
    for (int k = 0; k < firstNum; k++) {
      if (toks.get(k).kind() == K.WORD && !LABEL_STOP.contains(toks.get(k).text())) words.add(toks.get(k).text());
      if (toks.get(k).kind() == K.PUNCT && toks.get(k).text().equals(":")) colon = true;
    }
    List<String> prefix = List.copyOf(words);
    if (!colon || words.isEmpty() || words.size() > 4) {
      words.clear();
      boolean go = false;
      for (int k = firstNum + 1; k < toks.size() && words.size() < 3; k++) {
        Tok t = toks.get(k);
        if (t.kind() == K.WORD && (t.text().equals("for") || t.text().equals("by"))) go = true;
        else if (t.kind() == K.PUNCT && (t.text().equals(":") || t.text().equals("(") || t.text().equals("-"))) go = true;
        else if (go && t.kind() == K.WORD && !LABEL_STOP.contains(t.text())) words.add(t.text());
        else if (go && t.kind() == K.PUNCT && (t.text().equals(".") || t.text().equals(",") || t.text().equals(")")) && !words.isEmpty()) break;
      }
    }
    if (words.isEmpty() && !prefix.isEmpty() && prefix.size() <= 4) words = new ArrayList<>(prefix);
    return String.join(" ", words.subList(0, Math.min(words.size(), 3)));
  }
}
