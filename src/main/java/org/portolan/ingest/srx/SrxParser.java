package org.portolan.ingest.srx;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.portolan.diag.Diagnostics;
import org.portolan.diag.SourcePosition;
import org.portolan.diag.SourceText;
import org.portolan.ingest.acl.Tokens.Token;
import org.portolan.ingest.acl.Tokens;

/**
 * Reads the filtering part of {@code show configuration | display set}: address books,
 * applications and application sets, security policies and the default policy. Other
 * statements (interfaces, routing, NAT, screens) are passed over; lines that are not
 * {@code set}/{@code deactivate} commands are errors with their position.
 */
final class SrxParser {
  private SrxParser() {}

  /** A policy being assembled from its lines. */
  private static final class P {
    final String from, to, name;
    final List<String> src = new ArrayList<>(), dst = new ArrayList<>(), apps = new ArrayList<>(), gFrom = new ArrayList<>(), gTo = new ArrayList<>();
    final Set<String> unmodelled = new LinkedHashSet<>();
    boolean srcEx, dstEx, inactive;
    String action = "";
    final SourcePosition at;
    final StringBuilder text = new StringBuilder();

    P(String from, String to, String name, SourcePosition at) {
      this.from = from;
      this.to = to;
      this.name = name;
      this.at = at;
    }
  }

  static Srx.Config parse(String content, String file, Diagnostics d) {
    String[] lines = SourceText.lines(content);
    List<Srx.Address> addrs = new ArrayList<>();
    List<Srx.AddressSetMember> sets = new ArrayList<>();
    Map<String, Map<String, String>> terms = new LinkedHashMap<>();
    Map<String, SourcePosition> termAt = new LinkedHashMap<>();
    List<Srx.AppSetMember> appSets = new ArrayList<>();
    Map<String, P> policies = new LinkedHashMap<>();
    List<String[]> deactivated = new ArrayList<>();
    Optional<Srx.DefaultPolicy> def = Optional.empty();
    for (int i = 0; i < lines.length; i++) {
      String raw = lines[i];
      String s = raw.strip();
      if (s.isEmpty() || s.startsWith("#") || (s.startsWith("{") && s.endsWith("}"))) continue;
      SourcePosition at = new SourcePosition(file, i + 1, 1);
      List<Token> t = Tokens.split(raw);
      String verb = t.getFirst().text();
      if (verb.equals("deactivate")) {
        deactivated.add(t.stream().skip(1).map(Token::text).toArray(String[]::new));
        continue;
      }
      if (verb.equals("delete") || verb.equals("activate") || verb.equals("insert")) {
        d.warning(at, "'" + verb + "' is an edit command, not configuration as 'show configuration | display set' writes it; line skipped");
        continue;
      }
      if (!verb.equals("set")) {
        d.error(at, "expected a 'set' command (the output of 'show configuration | display set'), found '" + verb + "'");
        continue;
      }
      List<String> w = t.stream().map(Token::text).toList();
      if (w.size() >= 3 && w.get(1).equals("security") && w.get(2).equals("address-book")) addressBook(w, 3, t, file, i + 1, addrs, sets, d);
      else if (w.size() >= 6 && w.get(1).equals("security") && w.get(2).equals("zones") && w.get(3).equals("security-zone") && w.get(5).equals("address-book"))
        addressBook(w, 5, t, file, i + 1, addrs, sets, d);
      else if (w.size() >= 2 && w.get(1).equals("applications")) application(w, t, file, i + 1, terms, termAt, appSets, d);
      else if (w.size() >= 3 && w.get(1).equals("security") && w.get(2).equals("policies")) {
        if (w.size() >= 4 && w.get(3).equals("default-policy")) {
          if (w.size() < 5 || !(w.get(4).equals("permit-all") || w.get(4).equals("deny-all"))) { d.error(pos(file, i + 1, t, 4), "expected 'default-policy permit-all' or 'default-policy deny-all'"); continue; }
          def = Optional.of(new Srx.DefaultPolicy(w.get(4).equals("permit-all"), at, s));
          continue;
        }
        String from = "", to = "", name;
        int k;
        if (w.size() >= 9 && w.get(3).equals("from-zone") && w.get(5).equals("to-zone") && w.get(7).equals("policy")) { from = w.get(4); to = w.get(6); name = w.get(8); k = 9; }
        else if (w.size() >= 6 && w.get(3).equals("global") && w.get(4).equals("policy")) { name = w.get(5); k = 6; }
        else if (w.size() >= 4 && (w.get(3).equals("policy-rematch") || w.get(3).equals("traceoptions") || w.get(3).equals("pre-id-default-policy") || w.get(3).equals("stateful-firewall-rule"))) continue;
        else { d.error(pos(file, i + 1, t, 3), "expected 'from-zone A to-zone B policy NAME …', 'global policy NAME …' or 'default-policy …'"); continue; }
        String key = from + "\u0000" + to + "\u0000" + name;
        P p = policies.computeIfAbsent(key, x -> new P(x.split("\u0000", -1)[0], x.split("\u0000", -1)[1], name, at));
        if (p.text.length() < 400) p.text.append(p.text.isEmpty() ? "" : "; ").append(s);
        policyBody(p, w, k, t, file, i + 1, d);
      }
    }
    for (String[] x : deactivated) {
      List<String> w = List.of(x);
      for (P p : policies.values())
        if (w.size() >= 3 && w.get(0).equals("security") && w.get(1).equals("policies")
            && (p.from.isEmpty() ? w.equals(List.of("security", "policies", "global", "policy", p.name))
                : w.equals(List.of("security", "policies", "from-zone", p.from, "to-zone", p.to, "policy", p.name))))
          p.inactive = true;
    }
    List<Srx.AppTerm> appTerms = new ArrayList<>();
    for (var e : terms.entrySet()) {
      String[] k = e.getKey().split("\u0000", -1);
      appTerms.add(new Srx.AppTerm(k[0], k[1], Map.copyOf(e.getValue()), termAt.get(e.getKey())));
    }
    List<Srx.Policy> out = new ArrayList<>();
    for (P p : policies.values())
      out.add(new Srx.Policy(p.from, p.to, p.name, List.copyOf(p.src), List.copyOf(p.dst), List.copyOf(p.apps), p.srcEx, p.dstEx, List.copyOf(p.gFrom), List.copyOf(p.gTo),
          p.action, List.copyOf(p.unmodelled), p.inactive, p.at, p.text.toString()));
    return new Srx.Config(addrs, sets, appTerms, appSets, out, def);
  }

  private static SourcePosition pos(String file, int line, List<Token> t, int word) {
    return new SourcePosition(file, line, word < t.size() ? t.get(word).column() : t.getLast().column() + t.getLast().text().length());
  }

  private static void addressBook(List<String> w, int k, List<Token> t, String file, int line, List<Srx.Address> addrs, List<Srx.AddressSetMember> sets, Diagnostics d) {
    int i = k;
    if (w.size() > i && !w.get(i).equals("address") && !w.get(i).equals("address-set")) i++; // global address book NAME
    if (w.size() <= i) return;
    switch (w.get(i)) {
      case "address" -> {
        if (w.size() < i + 3) { d.error(pos(file, line, t, w.size()), "expected 'address NAME PREFIX', 'address NAME dns-name HOST' or 'address NAME range-address A to B'"); return; }
        String name = w.get(i + 1), kind = w.get(i + 2);
        switch (kind) {
          case "description" -> { }
          case "dns-name", "wildcard-address" -> addrs.add(new Srx.Address(name, kind, w.size() > i + 3 ? w.get(i + 3) : "", pos(file, line, t, i + 2)));
          case "range-address" -> {
            if (w.size() < i + 6 || !w.get(i + 4).equals("to")) { d.error(pos(file, line, t, i + 3), "expected 'range-address A to B'"); return; }
            addrs.add(new Srx.Address(name, kind, w.get(i + 3) + "-" + w.get(i + 5), pos(file, line, t, i + 3)));
          }
          default -> addrs.add(new Srx.Address(name, "prefix", kind, pos(file, line, t, i + 2)));
        }
      }
      case "address-set" -> {
        if (w.size() < i + 4) { d.error(pos(file, line, t, w.size()), "expected 'address-set NAME address MEMBER' or 'address-set NAME address-set MEMBER'"); return; }
        if (w.get(i + 2).equals("address") || w.get(i + 2).equals("address-set")) sets.add(new Srx.AddressSetMember(w.get(i + 1), w.get(i + 3), pos(file, line, t, i + 3)));
      }
      default -> { }
    }
  }

  private static final Set<String> TERM_ATTRS = Set.of("protocol", "destination-port", "source-port", "icmp-type", "icmp-code", "icmp6-type", "icmp6-code");

  private static void application(List<String> w, List<Token> t, String file, int line, Map<String, Map<String, String>> terms, Map<String, SourcePosition> termAt,
      List<Srx.AppSetMember> appSets, Diagnostics d) {
    if (w.size() < 4) return;
    if (w.get(2).equals("application-set")) {
      if (w.size() >= 6 && (w.get(4).equals("application") || w.get(4).equals("application-set"))) appSets.add(new Srx.AppSetMember(w.get(3), w.get(5), pos(file, line, t, 5)));
      return;
    }
    if (!w.get(2).equals("application")) return;
    String app = w.get(3), term = "";
    int i = 4;
    if (w.size() > 5 && w.get(4).equals("term")) { term = w.get(5); i = 6; }
    String key = app + "\u0000" + term;
    while (i < w.size()) {
      String a = w.get(i);
      if (a.equals("alg") || a.equals("inactivity-timeout") || a.equals("application-protocol") || a.equals("description") || a.equals("rpc-program-number") || a.equals("uuid") || a.equals("ether-type")) {
        if (a.equals("rpc-program-number") || a.equals("uuid") || a.equals("ether-type"))
          terms.computeIfAbsent(key, x -> new LinkedHashMap<>()).put("unmodelled", a);
        i += 2;
        continue;
      }
      if (!TERM_ATTRS.contains(a)) { i++; continue; }
      if (i + 1 >= w.size()) { d.error(pos(file, line, t, i + 1), "expected a value after '" + a + "'"); return; }
      termAt.putIfAbsent(key, pos(file, line, t, i));
      terms.computeIfAbsent(key, x -> new LinkedHashMap<>()).put(a, w.get(i + 1));
      i += 2;
    }
  }

  private static List<String> values(List<String> w, int i, List<Token> t, String file, int line, Diagnostics d, int[] next) {
    if (i >= w.size()) { d.error(pos(file, line, t, i), "expected a value"); next[0] = i; return List.of(); }
    if (!w.get(i).equals("[")) { next[0] = i + 1; return List.of(w.get(i)); }
    List<String> out = new ArrayList<>();
    int k = i + 1;
    while (k < w.size() && !w.get(k).equals("]")) out.add(w.get(k++));
    if (k >= w.size()) d.error(pos(file, line, t, i), "'[' without closing ']'");
    next[0] = k + 1;
    return out;
  }

  private static void policyBody(P p, List<String> w, int k, List<Token> t, String file, int line, Diagnostics d) {
    if (k >= w.size()) return;
    switch (w.get(k)) {
      case "match" -> {
        int i = k + 1;
        int[] next = new int[1];
        while (i < w.size()) {
          String a = w.get(i);
          switch (a) {
            case "source-address" -> { p.src.addAll(values(w, i + 1, t, file, line, d, next)); i = next[0]; }
            case "destination-address" -> { p.dst.addAll(values(w, i + 1, t, file, line, d, next)); i = next[0]; }
            case "application" -> { p.apps.addAll(values(w, i + 1, t, file, line, d, next)); i = next[0]; }
            case "from-zone" -> { p.gFrom.addAll(values(w, i + 1, t, file, line, d, next)); i = next[0]; }
            case "to-zone" -> { p.gTo.addAll(values(w, i + 1, t, file, line, d, next)); i = next[0]; }
            case "source-address-excluded" -> { p.srcEx = true; i++; }
            case "destination-address-excluded" -> { p.dstEx = true; i++; }
            default -> {
              // source-identity, dynamic-application, url-category, source-end-user-profile …: conditions on things no header says
              p.unmodelled.add("match " + a);
              values(w, i + 1, t, file, line, new Diagnostics(), next);
              i = next[0];
            }
          }
        }
      }
      case "then" -> {
        if (k + 1 >= w.size()) { d.error(pos(file, line, t, k + 1), "expected permit, deny, reject, log or count after 'then'"); return; }
        String a = w.get(k + 1);
        switch (a) {
          case "permit", "deny", "reject" -> p.action = a;
          case "log", "count" -> { }
          default -> d.error(pos(file, line, t, k + 1), "expected permit, deny, reject, log or count after 'then', found '" + a + "'");
        }
      }
      case "scheduler-name" -> p.unmodelled.add("scheduler-name " + (k + 1 < w.size() ? w.get(k + 1) : "") + " (the policy is active only at scheduled times)");
      default -> { }
    }
  }
}
