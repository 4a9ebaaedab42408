package org.portolan.ingest.nftables;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.portolan.diag.Diagnostics;
import org.portolan.diag.SourcePosition;
import org.portolan.ingest.acl.Acl;
import org.portolan.ingest.acl.Protocols;

/**
 * {@code nft list ruleset} text (and nft files written in the same block syntax) → vendor
 * records → ACL model. A hand-written recursive-descent reader: nftables' own grammar is a
 * bison file, and no Java library parses it.
 */
public final class NftTextImporter {
  private NftTextImporter() {}

  public static Optional<Acl> read(String content, String file, Diagnostics d) {
    return read(content, file, org.portolan.ingest.acl.Addrs.NONE, d);
  }

  /** {@code local}: the host's own addresses (for {@code fib … type}), taken as all of them; none known: empty. */
  public static Optional<Acl> read(String content, String file, org.portolan.ingest.acl.Addrs local, Diagnostics d) {
    return read(content, file, new org.portolan.ingest.acl.HostFacts(local, java.util.Map.of()), d);
  }

  /** {@code facts}: the host's own addresses and, when known, its broadcast addresses (for {@code fib … type}). */
  public static Optional<Acl> read(String content, String file, org.portolan.ingest.acl.HostFacts local, Diagnostics d) {
    Optional<Nft.Ruleset> rs = new Reader(content, file, d).ruleset();
    if (rs.isEmpty() || d.hasErrors()) return Optional.empty();
    return NftConverter.acl(rs.get(), file, local, d);
  }

  /** A word, string, brace, semicolon, comma or line end, with its position. */
  record Tok(String text, int line, int column, boolean quoted) {
    boolean is(String s) {
      return !quoted && text.equals(s);
    }
  }

  static List<Tok> lex(String s) {
    List<Tok> out = new ArrayList<>();
    int line = 1, col = 1, i = 0, n = s.length();
    while (i < n) {
      char c = s.charAt(i);
      if (c == '\n') { out.add(new Tok("\n", line, col, false)); line++; col = 1; i++; continue; }
      if (c == ' ' || c == '\t' || c == '\r') { i++; col++; continue; }
      if (c == '#') { while (i < n && s.charAt(i) != '\n') { i++; col++; } continue; }
      if (c == '\\' && i + 1 < n && s.charAt(i + 1) == '\n') { i += 2; line++; col = 1; continue; }
      if (c == '{' || c == '}' || c == ';' || c == ',') { out.add(new Tok(String.valueOf(c), line, col, false)); i++; col++; continue; }
      if (c == '"') {
        int startCol = col;
        StringBuilder sb = new StringBuilder();
        i++; col++;
        while (i < n && s.charAt(i) != '"' && s.charAt(i) != '\n') { sb.append(s.charAt(i)); i++; col++; }
        if (i < n && s.charAt(i) == '"') { i++; col++; }
        out.add(new Tok(sb.toString(), line, startCol, true));
        continue;
      }
      int startCol = col;
      StringBuilder sb = new StringBuilder();
      while (i < n) {
        char x = s.charAt(i);
        if (x == ' ' || x == '\t' || x == '\r' || x == '\n' || x == '{' || x == '}' || x == ';' || x == ',' || x == '"' || x == '#') break;
        sb.append(x); i++; col++;
      }
      out.add(new Tok(sb.toString(), line, startCol, false));
    }
    out.add(new Tok("", line, col, false)); // end
    return out;
  }

  private static final class Reader {
    final List<Tok> t;
    final String[] lines;
    final String file;
    final Diagnostics d;
    int p;

    Reader(String content, String file, Diagnostics d) {
      this.t = lex(content);
      this.lines = content.split("\r?\n", -1);
      this.file = file;
      this.d = d;
    }

    Tok peek() { return t.get(p); }
    boolean atEnd() { return p >= t.size() - 1; }
    Tok next() { return t.get(atEnd() ? p : p++); }
    SourcePosition at(Tok x) { return new SourcePosition(file, x.line(), x.column()); }

    void skipSeparators() {
      while (!atEnd() && (peek().is("\n") || peek().is(";"))) p++;
    }

    boolean expect(String s, String what) {
      if (peek().is(s)) { p++; return true; }
      d.error(at(peek()), "expected " + what + ", got '" + show(peek()) + "'");
      return false;
    }

    static String show(Tok x) {
      return x.text().equals("\n") ? "end of line" : x.text().isEmpty() ? "end of input" : x.text();
    }

    /** Skips a balanced { … } block starting at the current '{'. */
    void skipBlock() {
      int depth = 0;
      while (!atEnd()) {
        Tok x = next();
        if (x.is("{")) depth++;
        else if (x.is("}") && --depth <= 0) return;
      }
    }

    Optional<Nft.Ruleset> ruleset() {
      List<Nft.Table> tables = new ArrayList<>();
      while (true) {
        skipSeparators();
        if (atEnd()) break;
        Tok x = next();
        if (x.is("table")) {
          Nft.Table tb = table(x);
          if (tb == null) return Optional.empty();
          tables.removeIf(o -> o.family().equals(tb.family()) && o.name().equals(tb.name()) && o.chains().isEmpty() && o.sets().isEmpty());
          tables.add(tb);
        } else if (x.is("flush") || x.is("delete")) {
          while (!atEnd() && !peek().is("\n") && !peek().is(";")) p++;
        } else {
          d.error(at(x), "expected 'table FAMILY NAME {', got '" + show(x) + "'");
          return Optional.empty();
        }
      }
      return Optional.of(new Nft.Ruleset(tables));
    }

    Nft.Table table(Tok kw) {
      Tok a = next();
      String family = "ip", name;
      if (Set.of("ip", "ip6", "inet", "arp", "bridge", "netdev").contains(a.text()) && !peek().is("{")) {
        family = a.text();
        name = next().text();
      } else {
        name = a.text();
      }
      if (name.isEmpty() || name.equals("{")) { d.error(at(a), "expected a table name"); return null; }
      Nft.Table tb = new Nft.Table(family, name, kw.line(), new LinkedHashMap<>(), new ArrayList<>());
      if (peek().is("\n") || peek().is(";") || atEnd()) return tb; // a declaration ("table inet t"), as nft -f scripts write before "delete table"
      if (!expect("{", "'{' after table " + name)) return null;
      while (true) {
        skipSeparators();
        if (atEnd()) { d.error(at(peek()), "table " + name + " is not closed with '}'"); return null; }
        Tok x = next();
        if (x.is("}")) return tb;
        switch (x.text()) {
          case "set" -> { if (!set(tb, x)) return null; }
          case "chain" -> { if (!chain(tb, x)) return null; }
          case "flags" -> { while (!atEnd() && !peek().is("\n") && !peek().is(";")) p++; }
          default -> {
            d.warning(at(x), "'" + x.text() + "' in table " + name + " is not modelled and is skipped");
            while (!atEnd() && !peek().is("{") && !peek().is("\n") && !peek().is("}")) p++;
            if (peek().is("{")) skipBlock();
          }
        }
      }
    }

    boolean set(Nft.Table tb, Tok kw) {
      Tok nameTok = next();
      if (!expect("{", "'{' after set " + nameTok.text())) return false;
      String type = "";
      List<Nft.Value> els = new ArrayList<>();
      boolean ok = true;
      while (true) {
        skipSeparators();
        if (atEnd()) { d.error(at(peek()), "set " + nameTok.text() + " is not closed with '}'"); return false; }
        Tok x = next();
        if (x.is("}")) break;
        if (x.is("type")) { type = next().text(); continue; }
        if (x.is("elements")) {
          if (!expect("=", "'=' after elements")) return false;
          Optional<Nft.Value> v = value();
          if (v.isEmpty()) { ok = false; continue; }
          els.addAll(NftConverter.elements(v.get(), tb).orElse(List.of()));
          continue;
        }
        while (!atEnd() && !peek().is("\n") && !peek().is(";") && !peek().is("}")) p++;
      }
      if (ok) tb.sets().put(nameTok.text(), new Nft.NamedSet(nameTok.text(), type, els, kw.line()));
      else d.warning(at(kw), "set " + nameTok.text() + " has elements that are not modelled; rules using it are read conservatively");
      return true;
    }

    boolean chain(Nft.Table tb, Tok kw) {
      Tok nameTok = next();
      if (!expect("{", "'{' after chain " + nameTok.text())) return false;
      String type = "filter";
      Optional<String> hook = Optional.empty(), policy = Optional.empty();
      int prio = 0;
      List<Nft.Rule> rules = new ArrayList<>();
      while (true) {
        skipSeparators();
        if (atEnd()) { d.error(at(peek()), "chain " + nameTok.text() + " is not closed with '}'"); return false; }
        if (peek().is("}")) { p++; break; }
        Tok first = peek();
        if (first.is("type")) {
          p++;
          type = next().text();
          if (peek().is("hook")) { p++; hook = Optional.of(next().text()); }
          if (peek().is("device")) { p++; next(); }
          if (peek().is("priority")) {
            p++;
            OptionalInt pr = priority();
            if (pr.isEmpty()) { d.error(at(peek()), "expected a chain priority (a number or filter, raw, mangle, security… ± number)"); return false; }
            prio = pr.getAsInt();
          }
          continue;
        }
        if (first.is("policy")) {
          p++;
          Tok v = next();
          if (!v.is("accept") && !v.is("drop")) { d.error(at(v), "expected policy accept or drop, got '" + show(v) + "'"); return false; }
          policy = Optional.of(v.text());
          continue;
        }
        if (first.is("comment")) { p++; next(); continue; }
        Nft.Rule r = rule();
        if (r != null) rules.add(r);
      }
      tb.chains().add(new Nft.ChainDef(nameTok.text(), type, hook, prio, policy, kw.line(), rules));
      return true;
    }

    OptionalInt priority() {
      Tok x = next();
      Integer base = switch (x.text()) {
        case "raw" -> -300;
        case "mangle" -> -150;
        case "dstnat" -> -100;
        case "filter" -> 0;
        case "security" -> 50;
        case "srcnat" -> 100;
        case "out" -> 100; // bridge family: filter is -200 there, out 100
        default -> null;
      };
      if (base == null) {
        try {
          return OptionalInt.of(Integer.parseInt(x.text()));
        } catch (NumberFormatException e) {
          return OptionalInt.empty();
        }
      }
      if (peek().is("+") || peek().is("-")) {
        boolean minus = next().is("-");
        OptionalInt n = Protocols.number(next().text(), 100000);
        if (n.isEmpty()) return OptionalInt.empty();
        return OptionalInt.of(base + (minus ? -n.getAsInt() : n.getAsInt()));
      }
      return OptionalInt.of(base);
    }

    /** One rule: tokens up to a line end or ';' outside braces. */
    Nft.Rule rule() {
      Tok first = peek();
      List<Nft.Statement> st = new ArrayList<>();
      while (!atEnd() && !peek().is("\n") && !peek().is(";") && !peek().is("}")) {
        int before = p;
        st.add(statement());
        if (p == before) p++; // always progress
      }
      String raw = first.line() - 1 < lines.length ? lines[first.line() - 1].strip() : "";
      return new Nft.Rule(first.line(), first.column(), raw, st);
    }

    static final Set<String> HEADERS = Set.of("ip", "ip6", "tcp", "udp", "th", "icmp", "icmpv6", "sctp", "udplite", "dccp");
    static final Set<String> META_BARE = Set.of("iifname", "oifname", "iif", "oif", "l4proto", "nfproto", "mark", "iiftype", "oiftype", "skuid", "skgid");
    static final Set<String> OPS = Set.of("==", "!=", "<", ">", "<=", ">=", "eq", "ne", "lt", "gt", "le", "ge");

    Nft.Statement statement() {
      Tok x = next();
      String w = x.text();
      if (x.quoted()) return new Nft.Other("\"" + w + "\"", true);
      switch (w) {
        case "accept", "drop", "return", "continue" -> { return new Nft.Verdict(w, ""); }
        case "reject" -> {
          if (peek().is("with")) { p++; while (!atEnd() && !peek().is("\n") && !peek().is(";") && !peek().is("}") && !isVerdictWord(peek())) p++; }
          return new Nft.Verdict("reject", "");
        }
        case "jump", "goto" -> { return new Nft.Verdict(w, next().text()); }
        case "queue" -> { skipToEnd(); return new Nft.Verdict("queue", ""); }
        case "dnat", "snat", "masquerade", "redirect", "tproxy" -> { skipExpression(); return new Nft.Verdict(w, ""); }
        case "counter" -> {
          while (peek().is("packets") || peek().is("bytes")) { p++; next(); }
          return new Nft.Other("counter", false);
        }
        case "log" -> {
          while (Set.of("prefix", "level", "group", "snaplen", "queue-threshold", "flags").contains(peek().text())) {
            String k = next().text();
            next();
            if (k.equals("flags")) while (peek().is(",")) { p++; next(); }
          }
          return new Nft.Other("log", false);
        }
        case "comment" -> { next(); return new Nft.Other("comment", false); }
        case "meta" -> {
          Tok key = next();
          if (peek().is("set") && key.text().equals("mark")) {
            p++;
            int from = p;
            skipExpression();
            // a number, or the mark and/or/xor numbers; anything else (ct mark, a map) is not read
            List<String> words = t.subList(from, p).stream().map(Tok::text).toList();
            return new Nft.MarkSet(NftConverter.markExpression(words), "meta mark set " + String.join(" ", words));
          }
          if (peek().is("set")) { p++; skipExpression(); return new Nft.Other("meta " + key.text() + " set", false); }
          if (key.text().equals("mark") && (peek().is("&") || peek().is("and"))) {
            // meta mark & MASK == VALUE (nft list ruleset writes '&'; 'and' as typed)
            p++;
            String mask = next().text();
            return match(new Nft.Masked(new Nft.Payload("meta", "mark"), mask.replace("(", "").replace(")", "")));
          }
          return match(new Nft.Meta(key.text()));
        }
        case "ct" -> {
          Tok key = next();
          if (peek().is("set")) { p++; skipExpression(); return new Nft.Other("ct " + key.text() + " set", false); }
          if (key.is("count")) {
            boolean over = peek().is("over");
            if (over) p++;
            return new Nft.Rate("ct count " + (over ? "over " : "") + next().text(), over);
          }
          return match(new Nft.Ct(key.text()));
        }
        case "limit" -> {
          StringBuilder sb = new StringBuilder("limit");
          boolean over = false;
          while (!atEnd() && !peek().is("\n") && !peek().is(";") && !peek().is("}") && !isVerdictWord(peek())
              && (Set.of("rate", "over", "burst", "packets", "bytes", "kbytes", "mbytes").contains(peek().text()) || Character.isDigit(peek().text().isEmpty() ? 'x' : peek().text().charAt(0)))) {
            over |= peek().is("over");
            sb.append(' ').append(next().text());
          }
          return new Nft.Rate(sb.toString(), over);
        }
        case "meter", "add", "update" -> {
          // meter NAME [size N] { KEY limit rate [over] … } / add @set { KEY [limit …] }
          StringBuilder sb = new StringBuilder(w);
          int start = p;
          while (!atEnd() && !peek().is("{") && !peek().is("\n") && !peek().is(";")) sb.append(' ').append(next().text());
          if (!peek().is("{")) { p = start; return new Nft.Other(w, true); }
          int from = p;
          skipBalanced();
          StringBuilder inner = new StringBuilder();
          for (int k = from; k < p; k++) inner.append(k == from ? "" : " ").append(t.get(k).text());
          String body = inner.toString();
          sb.append(' ').append(body);
          if (body.contains("limit") || body.contains("ct count")) return new Nft.Rate(sb.toString(), body.contains("over"));
          return new Nft.Other(sb.toString(), false);
        }
        case "xt" -> {
          String kind = next().text(), name = next().text();
          if (kind.equals("target")) return new Nft.Verdict("xt", name);
          return new Nft.Other("xt " + kind + " " + name, true);
        }
        case "fib" -> {
          StringBuilder sb = new StringBuilder("fib");
          while (!atEnd() && !peek().is("\n") && !peek().is(";")) {
            String k = next().text();
            sb.append(' ').append(k);
            if (k.equals("type") || k.equals("oif") || k.equals("oifname")) break;
          }
          return match(new Nft.Fib(sb.toString()));
        }
        case "notrack" -> { return new Nft.Other("notrack", false); }
        case "{" -> { p--; skipBalanced(); return new Nft.Other("{ … }", true); }
        default -> { }
      }
      if (META_BARE.contains(w)) return match(new Nft.Meta(w));
      if (HEADERS.contains(w)) {
        Tok field = next();
        Nft.Payload pl = new Nft.Payload(w, field.text());
        if (peek().is("&")) { p++; String mask = next().text(); return match(new Nft.Masked(pl, mask.replace("(", "").replace(")", ""))); }
        return match(pl);
      }
      // not modelled: keep reading to find the verdict; the rule is read conservatively
      return new Nft.Other(w, true);
    }

    private boolean isVerdictWord(Tok x) {
      return Set.of("accept", "drop", "return", "continue", "jump", "goto", "counter", "log", "comment", "dnat", "snat", "masquerade", "redirect").contains(x.text()) && !x.quoted();
    }

    /** Skips a balanced { … } group at the current '{' (it may span lines). */
    void skipBalanced() {
      int depth = 0;
      while (!atEnd()) {
        Tok x = next();
        if (x.is("{")) depth++;
        else if (x.is("}") && --depth <= 0) return;
      }
    }

    /** Skips the value expression of a {@code set} statement ({@code udp dport map { 69 : "tftp-69" }}) up to the next verdict or statement end. */
    void skipExpression() {
      while (!atEnd() && !peek().is("\n") && !peek().is(";") && !peek().is("}") && !isVerdictWord(peek())) {
        if (peek().is("{")) skipBalanced();
        else p++;
      }
    }

    void skipToEnd() {
      while (!atEnd() && !peek().is("\n") && !peek().is(";") && !peek().is("}")) p++;
    }

    Nft.Statement match(Nft.Field f) {
      String op = "==";
      if (f instanceof Nft.Payload pl && pl.field().equals("flags") && peek().is("!")) {
        // tcp flags ! fin,syn,rst,psh,ack,urg: none of these is set (what nft prints for iptables' --tcp-flags ALL NONE)
        p++;
        Optional<Nft.Value> v = value();
        if (v.isEmpty()) return new Nft.Other(NftRender.field(f) + " value", true);
        return new Nft.Match(new Nft.Masked(pl, NftRender.value(v.get()).replace(",", "|")), "==", new Nft.Single("none"));
      }
      if (OPS.contains(peek().text()) && !peek().quoted()) {
        op = switch (next().text()) {
          case "eq" -> "==";
          case "ne" -> "!=";
          case "lt" -> "<";
          case "gt" -> ">";
          case "le" -> "<=";
          case "ge" -> ">=";
          default -> t.get(p - 1).text();
        };
      }
      if (peek().is("vmap")) {
        p++;
        return verdictMap(f);
      }
      boolean implicit = op.equals("==") && !OPS.contains(t.get(p - 1).text());
      Optional<Nft.Value> v = value();
      if (v.isEmpty()) return new Nft.Other(NftRender.field(f) + " value", true);
      if (peek().is("/") && f instanceof Nft.Payload pl) { // tcp flags syn / fin,syn,rst,ack
        p++;
        Optional<Nft.Value> mask = value();
        if (mask.isEmpty()) return new Nft.Other(NftRender.field(f) + " value", true);
        return new Nft.Match(new Nft.Masked(pl, NftRender.value(mask.get()).replace(",", "|")), op, v.get());
      }
      if (implicit && f instanceof Nft.Payload pl && pl.field().equals("flags") && v.get() instanceof Nft.Single s) // tcp flags syn: the bit is set
        return new Nft.Match(new Nft.Masked(pl, s.text()), "==", v.get());
      return new Nft.Match(f, op, v.get());
    }

    /** {@code { KEY : VERDICT, … }} after vmap; keys may be ranges, prefixes or sets of words. */
    Nft.Statement verdictMap(Nft.Field f) {
      Tok open = peek();
      if (!peek().is("{")) {
        // vmap @name: a named verdict map, not modelled
        next();
        return new Nft.Other(NftRender.field(f) + " vmap " + open.text(), true);
      }
      p++;
      List<Nft.VerdictMap.Entry> entries = new ArrayList<>();
      while (!atEnd()) {
        while (peek().is("\n") || peek().is(",")) p++;
        if (peek().is("}")) { p++; return new Nft.VerdictMap(f, entries); }
        Tok k = next();
        if (k.is("{")) break;
        Nft.Value key = single(k);
        if (!peek().is(":")) {
          // "established : accept" may be lexed as "established" ":" or "established:" …
          if (k.text().endsWith(":")) key = single(new Tok(k.text().substring(0, k.text().length() - 1), k.line(), k.column(), k.quoted()));
          else { d.error(at(peek()), "expected ':' after a verdict-map key, got '" + show(peek()) + "'"); return new Nft.Other("vmap", true); }
        } else p++;
        Tok vw = next();
        Nft.Verdict v = switch (vw.text()) {
          case "jump", "goto" -> new Nft.Verdict(vw.text(), next().text());
          case "accept", "drop", "return", "continue", "reject" -> new Nft.Verdict(vw.text(), "");
          default -> null;
        };
        if (v == null) { d.error(at(vw), "expected a verdict (accept, drop, jump CHAIN…) in the verdict map, got '" + show(vw) + "'"); return new Nft.Other("vmap", true); }
        entries.add(new Nft.VerdictMap.Entry(key, v));
      }
      d.error(at(open), "verdict map opened with '{' is not closed with '}'");
      return new Nft.Other("vmap", true);
    }

    /** A value: {@code @set}, {@code { a, b-c, d/len }}, or words joined by commas. */
    Optional<Nft.Value> value() {
      Tok x = peek();
      if (x.is("{")) {
        p++;
        List<Nft.Value> els = new ArrayList<>();
        int guard = 0;
        while (!atEnd() && guard++ < 1_000_000) {
          while (peek().is("\n") || peek().is(",")) p++;
          if (peek().is("}")) { p++; return Optional.of(new Nft.Anonymous(els)); }
          if (peek().is("{") || atEnd()) break;
          Tok e = next();
          els.add(single(e));
          // element options such as "timeout 1s" or "expires …" are skipped
          while (!atEnd() && !peek().is(",") && !peek().is("}") && !peek().is("\n")) p++;
        }
        d.error(at(x), "set elements opened with '{' are not closed with '}'");
        return Optional.empty();
      }
      if (x.is("\n") || x.is(";") || x.is("}") || atEnd()) return Optional.empty();
      p++;
      if (!x.quoted() && x.text().startsWith("@")) return Optional.of(new Nft.SetRef(x.text().substring(1)));
      if (peek().is(",")) {
        List<String> words = new ArrayList<>(List.of(x.text()));
        while (peek().is(",")) { p++; words.add(next().text()); }
        return Optional.of(new Nft.Words(words));
      }
      return Optional.of(single(x));
    }

    static Nft.Value single(Tok x) {
      String s = x.text();
      if (x.quoted()) return new Nft.Single(s);
      int slash = s.indexOf('/');
      if (slash > 0) {
        OptionalInt len = Protocols.number(s.substring(slash + 1), 128);
        if (len.isPresent()) return new Nft.Prefix(s.substring(0, slash), len.getAsInt());
      }
      int dash = s.indexOf('-');
      if (dash > 0 && dash == s.lastIndexOf('-')) {
        String a = s.substring(0, dash), b = s.substring(dash + 1);
        if (rangeEnd(a) && rangeEnd(b)) return new Nft.Range(a, b);
      }
      return new Nft.Single(s);
    }

    private static boolean rangeEnd(String s) {
      return !s.isEmpty() && (s.chars().allMatch(Character::isDigit) || s.chars().allMatch(c -> Character.isDigit(c) || c == '.') || s.contains(":"));
    }
  }

}
