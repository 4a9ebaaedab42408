package org.portolan.docimport;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.portolan.model.PortRange;
import org.portolan.model.PortSpec;
import org.portolan.model.PortTerm;
import org.portolan.model.Protocol;
import org.portolan.model.Service;

/**
 * Reads the port expressions vendors write in their tables ("TCP 636 and 3269",
 * "1024/udp to 65535/udp", "6010/tcp and above", "4000/tcp, 4002/tcp ...", "TCP/UDP Dynamic
 * (RPC)", "6910–6930") into catalog services. Hand-written: no library reads this prose-like
 * notation. It never throws: what it cannot read or had to assume becomes a {@link Note} with
 * the offset in the text, for the draft's review comments.
 */
final class PortExpressions {
  private PortExpressions() {}

  /** Something the reader assumed or skipped, at {@code offset} in the expression. */
  record Note(int offset, String message) {}

  /**
   * The services an expression names.
   *
   * @param fromServiceName the ports come from a well-known service name, not from a number
   */
  record Result(List<Service> services, List<Note> notes, boolean protocolAssumed, boolean fromServiceName) {
    Result {
      services = List.copyOf(services);
      notes = List.copyOf(notes);
    }

    boolean isEmpty() {
      return services.isEmpty();
    }
  }

  private enum Kind { PROTO, NUM, RANGE, ABOVE, ELLIPSIS, DYNAMIC, SEP, WORD }

  private record Token(Kind kind, int at, String text, int number, Protocol attached, Protocol also) {
    Token(Kind kind, int at, String text, int number, Protocol attached) {
      this(kind, at, text, number, attached, null);
    }
  }

  /** Well-known service names, used only when an expression names a service and no number. */
  private static final Map<String, List<Service>> WELL_KNOWN = Map.ofEntries(
      Map.entry("http", List.of(Service.tcp(80))),
      Map.entry("https", List.of(Service.tcp(443))),
      Map.entry("smtp", List.of(Service.tcp(25))),
      Map.entry("pop3", List.of(Service.tcp(110))),
      Map.entry("imap", List.of(Service.tcp(143))),
      Map.entry("ssh", List.of(Service.tcp(22))),
      Map.entry("telnet", List.of(Service.tcp(23))),
      Map.entry("rdp", List.of(Service.tcp(3389))),
      Map.entry("ldap", List.of(Service.tcp(389))),
      Map.entry("ldaps", List.of(Service.tcp(636))),
      Map.entry("kerberos", List.of(Service.tcp(88), Service.udp(88))),
      Map.entry("dns", List.of(Service.tcp(53), Service.udp(53))),
      Map.entry("ntp", List.of(Service.udp(123))),
      Map.entry("tftp", List.of(Service.udp(69))),
      Map.entry("snmp", List.of(Service.udp(161))),
      Map.entry("syslog", List.of(Service.udp(514))));

  /** The well-known names whose port is {@code s}. */
  static List<String> wellKnownNames(Service s) {
    List<String> out = new ArrayList<>();
    WELL_KNOWN.forEach((name, services) -> {
      if (services.contains(s)) out.add(name);
    });
    return out;
  }

  private static final Pattern FILER = Pattern.compile("(?i)\\b(filer|nfs\\w*)\\b");
  private static final Pattern RPC = Pattern.compile("(?i)\\b(rpc|dcom|msrpc)\\b");

  static Result parse(String text) {
    return parse(text, "");
  }

  /**
   * Parses {@code text}; {@code context} (the rest of the row) only helps to name a dynamic
   * range ("chosen by the filer" → {@code nfs-filer}).
   */
  static Result parse(String text, String context) {
    return parse(text, context, null);
  }

  /**
   * As {@link #parse(String, String)}; a number without protocol takes {@code defaultProtocol}
   * when the page states one ("all ports are TCP unless noted"), else TCP is assumed (noted).
   */
  static Result parse(String text, String context, Protocol defaultProtocol) {
    String t = text == null ? "" : text;
    List<Note> notes = new ArrayList<>();
    List<Token> tokens = tokenize(t, notes);
    record Item(List<Protocol> protocols, PortTerm term, int at) {}
    List<Item> items = new ArrayList<>();
    List<Protocol> group = null;
    boolean groupUsed = false;
    boolean icmp = false;
    List<Service> icmpTypes = new ArrayList<>();
    boolean sawNumberOrDynamic = false;
    Token previous = null;
    int listStart = 0;
    for (int i = 0; i < tokens.size(); i++) {
      Token k = tokens.get(i);
      switch (k.kind()) {
        case PROTO -> {
          boolean continues = group != null && !groupUsed && previous != null
              && (previous.kind() == Kind.PROTO || previous.kind() == Kind.SEP);
          if (k.attached() instanceof Protocol.Icmp) {
            icmp = true;
          } else if (continues) {
            if (!group.contains(k.attached())) group.add(k.attached());
          } else {
            group = new ArrayList<>(List.of(k.attached()));
            groupUsed = false;
            listStart = items.size();
          }
        }
        case NUM -> {
          sawNumberOrDynamic = true;
          if (icmp && k.attached() == null && (group == null || groupUsed || previous != null && previous.kind() == Kind.PROTO
              && previous.attached() instanceof Protocol.Icmp)) {
            // "ICMP 8/0", "ICMP type 3 code 4": type and code, not ports.
            Token slash = at(tokens, i + 1);
            Token code = at(tokens, i + 2);
            if (k.number() <= 255) {
              if (slash != null && slash.kind() == Kind.SEP && slash.text().equals("/") && code != null && code.kind() == Kind.NUM && code.number() <= 255) {
                icmpTypes.add(new Service(new Protocol.Icmp(java.util.OptionalInt.of(k.number()), java.util.OptionalInt.of(code.number())), PortSpec.NONE));
                i += 2;
              } else icmpTypes.add(new Service(Protocol.Icmp.ofType(k.number()), PortSpec.NONE));
              previous = k;
              continue;
            }
          }
          Protocol own = k.attached();
          PortTerm term = null;
          Token next = at(tokens, i + 1);
          Token after = at(tokens, i + 2);
          if (next != null && next.kind() == Kind.RANGE && after != null && after.kind() == Kind.NUM) {
            if (k.number() <= after.number()) {
              term = new PortTerm.Fixed(new PortRange(k.number(), after.number()));
              if (own == null) own = after.attached();
            } else {
              notes.add(new Note(k.at(), "range " + k.number() + " to " + after.number() + " runs backwards; read as two ports"));
            }
            if (term != null) i += 2;
          } else if (next != null && next.kind() == Kind.ABOVE) {
            term = new PortTerm.OpenEnded(k.number());
            i += 1;
          } else if (next != null && next.kind() == Kind.SEP && next.text().equalsIgnoreCase("and")
              && after != null && after.kind() == Kind.ABOVE) {
            term = new PortTerm.OpenEnded(k.number());
            i += 2;
          }
          if (term == null) term = new PortTerm.Fixed(PortRange.of(k.number()));
          List<Protocol> protocols = own != null ? (k.also() != null ? List.of(own, k.also()) : List.of(own)) : group == null ? null : List.copyOf(group);
          if (own == null && group != null) groupUsed = true;
          items.add(new Item(protocols, term, k.at()));
        }
        case ELLIPSIS -> {
          // "4000/tcp, 4002/tcp ...": the trailing run of single ports with one step is a series.
          int end = items.size();
          int start = end;
          while (start > listStart && items.get(start - 1).term() instanceof PortTerm.Fixed f && f.range().isSingle()
              && java.util.Objects.equals(items.get(start - 1).protocols(), items.get(end - 1).protocols())) start--;
          if (end - start >= 2) {
            int first = ((PortTerm.Fixed) items.get(start).term()).range().from();
            int step = ((PortTerm.Fixed) items.get(start + 1).term()).range().from() - first;
            boolean even = step > 0;
            for (int j = start + 1; j < end && even; j++)
              even = ((PortTerm.Fixed) items.get(j).term()).range().from() - ((PortTerm.Fixed) items.get(j - 1).term()).range().from() == step;
            if (even) {
              Item head = items.get(start);
              items.subList(start, end).clear();
              items.add(new Item(head.protocols(), new PortTerm.Series(first, step), head.at()));
              notes.add(new Note(k.at(), "\"...\" read as a series: one port per array member from " + first + " in steps of " + step));
            } else {
              notes.add(new Note(k.at(), "\"...\" after ports without one step: listed ports kept, the continuation is not encoded"));
            }
          } else {
            notes.add(new Note(k.at(), "\"...\" after fewer than two ports: continuation not encoded"));
          }
        }
        case DYNAMIC -> {
          sawNumberOrDynamic = true;
          String all = t + " " + (context == null ? "" : context);
          String name;
          if (FILER.matcher(all).find()) name = "nfs-filer";
          else {
            name = "rpc";
            if (!RPC.matcher(all).find())
              notes.add(new Note(k.at(), "\"dynamic\" without saying which range: Windows RPC dynamic (49152-65535) assumed"));
            else
              notes.add(new Note(k.at(), "dynamic RPC ports: rpc (49152-65535) assumed; older Windows use rpc-legacy (1025-5000), some documents mean rpc-wide (1024-65535)"));
          }
          List<Protocol> protocols = group == null ? null : List.copyOf(group);
          if (group != null) groupUsed = true;
          items.add(new Item(protocols, new PortTerm.Dynamic(name), k.at()));
        }
        case RANGE, ABOVE, SEP, WORD -> { }
      }
      previous = k;
    }

    boolean assumed = false;
    boolean bareNumbersArePorts = tokens.stream().noneMatch(k -> k.kind() == Kind.WORD);
    List<Protocol> trailing = group != null && !groupUsed ? group : null;
    Map<Protocol, List<PortTerm>> byProtocol = new LinkedHashMap<>();
    for (Item item : items) {
      List<Protocol> protocols = item.protocols();
      if (protocols == null && trailing != null) protocols = trailing;
      if (protocols == null && !bareNumbersArePorts && !portContext(t, item.at())) {
        notes.add(new Note(item.at(), "ignored " + item.term().notation() + ": a number without protocol, parentheses or the word 'port'"));
        continue;
      }
      if (protocols == null) {
        assumed = true;
        // Bare NetBIOS ports: the registered protocol of each port, else TCP; both for review.
        if (item.term() instanceof PortTerm.Fixed f && f.range().size() <= 16 && registered(f.range()) != null) {
          for (var e : registered(f.range()).entrySet()) {
            List<PortTerm> terms = byProtocol.computeIfAbsent(e.getKey(), x -> new ArrayList<>());
            for (PortRange r : e.getValue()) if (!terms.contains(new PortTerm.Fixed(r))) terms.add(new PortTerm.Fixed(r));
          }
          notes.add(new Note(item.at(), "no protocol stated: " + f.range().notation() + " read with the registered protocol of each port (NetBIOS: 137-138 udp, 139 tcp)"));
          continue;
        }
        if (defaultProtocol != null) {
          protocols = List.of(defaultProtocol);
          notes.add(new Note(item.at(), "no protocol in the cell: " + defaultProtocol.keyword().toUpperCase(Locale.ROOT) + " as the page says for unmarked ports (" + item.term().notation() + ")"));
        } else {
          protocols = List.of(Protocol.TCP);
          notes.add(new Note(item.at(), "no protocol stated: TCP assumed for " + item.term().notation()));
        }
      }
      for (Protocol p : protocols) {
        List<PortTerm> terms = byProtocol.computeIfAbsent(p, x -> new ArrayList<>());
        if (!terms.contains(item.term())) terms.add(item.term());
      }
    }
    List<Service> services = new ArrayList<>();
    for (var e : byProtocol.entrySet()) services.add(new Service(e.getKey(), new PortSpec(e.getValue())));
    if (!icmpTypes.isEmpty()) services.addAll(icmpTypes);
    else if (icmp) services.add(Service.icmp());

    boolean fromName = false;
    if (services.isEmpty() && !sawNumberOrDynamic) {
      List<Token> words = tokens.stream().filter(k -> k.kind() == Kind.WORD).toList();
      if (words.size() <= 6) {
        for (Token w : words) {
          List<Service> known = WELL_KNOWN.get(w.text().toLowerCase(Locale.ROOT));
          if (known == null) continue;
          for (Service s : known) if (!services.contains(s)) services.add(s);
          notes.add(new Note(w.at(), "no port number given: " + w.text() + " read as its well-known port "
              + known.stream().map(Service::notation).reduce((a, b) -> a + ", " + b).orElse("")));
          fromName = true;
        }
      }
    }
    return new Result(services, notes, assumed, fromName);
  }

  /** "(5950)", "Port 5950", "(137-139)": a bare number that is meant as a port. */
  private static boolean portContext(String t, int at) {
    String before = t.substring(0, at).stripTrailing();
    return before.endsWith("(") || before.toLowerCase(Locale.ROOT).matches("(?s).*\\bports?$");
  }

  /** IANA-registered protocol of the NetBIOS ports, the only bare ports read without assuming TCP. */
  private static final Map<Integer, Protocol> REGISTERED = Map.of(137, Protocol.UDP, 138, Protocol.UDP, 139, Protocol.TCP);

  private static Map<Protocol, List<PortRange>> registered(PortRange range) {
    Map<Protocol, List<PortRange>> out = new LinkedHashMap<>();
    for (int p = range.from(); p <= range.to(); p++) {
      Protocol proto = REGISTERED.get(p);
      if (proto == null) return null;
      List<PortRange> list = out.computeIfAbsent(proto, x -> new ArrayList<>());
      if (!list.isEmpty() && list.getLast().to() == p - 1) list.set(list.size() - 1, new PortRange(list.getLast().from(), p));
      else list.add(PortRange.of(p));
    }
    return out;
  }

  private static Token at(List<Token> tokens, int i) {
    return i < tokens.size() ? tokens.get(i) : null;
  }

  private static List<Token> tokenize(String t, List<Note> notes) {
    List<Token> out = new ArrayList<>();
    int n = t.length();
    int i = 0;
    while (i < n) {
      char c = t.charAt(i);
      if (isDigit(c)) {
        int s = i;
        while (i < n && isDigit(t.charAt(i))) i++;
        String digits = t.substring(s, i);
        boolean glued = (s > 0 && (Character.isLetter(t.charAt(s - 1)) || t.charAt(s - 1) == '.' || t.charAt(s - 1) == '_'))
            || (i < n && (Character.isLetter(t.charAt(i)) || t.charAt(i) == '_'))
            || (i + 1 < n && (t.charAt(i) == '.' || t.charAt(i) == ':') && isDigit(t.charAt(i + 1)));
        if (glued) {
          while (i < n && (Character.isLetterOrDigit(t.charAt(i)) || t.charAt(i) == '.' || t.charAt(i) == '_' || t.charAt(i) == ':')) i++;
          out.add(new Token(Kind.WORD, s, t.substring(s, i), 0, null));
          continue;
        }
        Protocol attached = null;
        if (i < n && t.charAt(i) == '/') {
          int w = i + 1;
          int e = w;
          while (e < n && Character.isLetter(t.charAt(e))) e++;
          String word = t.substring(w, e).toLowerCase(Locale.ROOT);
          if (word.equals("tcp")) attached = Protocol.TCP;
          else if (word.equals("udp")) attached = Protocol.UDP;
          if (attached != null) i = e;
        }
        // "53/TCP/UDP": a second protocol glued after the first.
        Protocol also = null;
        if (attached != null && i + 3 < n && (t.charAt(i) == '/' || t.charAt(i) == '+')) {
          String w2 = t.substring(i + 1, Math.min(n, i + 4)).toLowerCase(Locale.ROOT);
          boolean ends = i + 4 >= n || !Character.isLetter(t.charAt(i + 4));
          if (ends && (w2.equals("tcp") || w2.equals("udp"))) {
            also = w2.equals("tcp") ? Protocol.TCP : Protocol.UDP;
            if (also.equals(attached)) also = null;
            i += 4;
          }
        }
        if (digits.length() > 5 || Integer.parseInt(digits) > PortRange.MAX) {
          notes.add(new Note(s, "ignored " + digits + ": not a port number (0-65535)"));
          out.add(new Token(Kind.WORD, s, digits, 0, null));
          continue;
        }
        out.add(new Token(Kind.NUM, s, digits, Integer.parseInt(digits), attached, also));
      } else if (Character.isLetter(c)) {
        int s = i;
        while (i < n && (Character.isLetterOrDigit(t.charAt(i)) || t.charAt(i) == '_')) i++;
        String word = t.substring(s, i);
        String w = word.toLowerCase(Locale.ROOT);
        switch (w) {
          case "tcp" -> out.add(new Token(Kind.PROTO, s, word, 0, Protocol.TCP));
          case "udp" -> out.add(new Token(Kind.PROTO, s, word, 0, Protocol.UDP));
          case "icmp" -> out.add(new Token(Kind.PROTO, s, word, 0, Protocol.ICMP_ANY));
          case "to", "through", "thru" -> out.add(new Token(Kind.RANGE, s, word, 0, null));
          case "above", "higher", "upwards" -> out.add(new Token(Kind.ABOVE, s, word, 0, null));
          case "and", "or" -> out.add(new Token(Kind.SEP, s, word, 0, null));
          case "dynamic" -> out.add(new Token(Kind.DYNAMIC, s, word, 0, null));
          case "port", "ports" -> { }
          default -> out.add(new Token(Kind.WORD, s, word, 0, null));
        }
      } else if (c == '-' || c == '\u2013' || c == '\u2014' || c == '\u2012') {
        out.add(new Token(Kind.RANGE, i, String.valueOf(c), 0, null));
        i++;
      } else if ((c == '>' || c == '\u2265') && i + 1 < n) {
        // ">1023" is 1024 and above; ">=1024" and "≥1024" are 1024 and above.
        int s = i;
        int k = i + 1;
        boolean orEqual = c == '\u2265';
        if (k < n && t.charAt(k) == '=') { orEqual = true; k++; }
        while (k < n && t.charAt(k) == ' ') k++;
        int d = k;
        while (k < n && isDigit(t.charAt(k)) && k - d < 6) k++;
        if (k > d && k - d <= 5 && Integer.parseInt(t.substring(d, k)) + (orEqual ? 0 : 1) <= PortRange.MAX) {
          int from = Integer.parseInt(t.substring(d, k)) + (orEqual ? 0 : 1);
          out.add(new Token(Kind.NUM, s, Integer.toString(from), from, null));
          out.add(new Token(Kind.ABOVE, s, t.substring(s, k), 0, null));
          if (!orEqual) notes.add(new Note(s, "'" + t.substring(s, k) + "' read as " + from + " and above"));
          i = k;
        } else i++;
      } else if (c == '+') {
        out.add(new Token(Kind.ABOVE, i, "+", 0, null));
        i++;
      } else if (c == '\u2026') {
        out.add(new Token(Kind.ELLIPSIS, i, "…", 0, null));
        i++;
      } else if (c == '.' && i + 2 < n && t.charAt(i + 1) == '.' && t.charAt(i + 2) == '.') {
        out.add(new Token(Kind.ELLIPSIS, i, "...", 0, null));
        while (i < n && t.charAt(i) == '.') i++;
      } else if (c == ',' || c == '/' || c == ';' || c == '&') {
        out.add(new Token(Kind.SEP, i, String.valueOf(c), 0, null));
        i++;
      } else {
        i++;
      }
    }
    return out;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }
}
