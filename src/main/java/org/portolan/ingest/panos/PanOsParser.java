package org.portolan.ingest.panos;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.portolan.diag.Diagnostics;
import org.portolan.diag.SourcePosition;
import org.portolan.diag.SourceText;
import org.portolan.ingest.acl.Tokens.Token;
import org.portolan.ingest.acl.Tokens;

/**
 * Reads the filtering part of PAN-OS set commands: address and service objects and groups
 * and security rules, under {@code shared}, {@code vsys NAME} or a Panorama
 * {@code device-group NAME} (pre-, post- and local rulebases, in that order). Other
 * statements (network, NAT, profiles) are passed over.
 */
final class PanOsParser {
  private PanOsParser() {}

  private static final List<String> LIST_ATTRS = List.of("from", "to", "source", "destination", "service", "application", "source-user", "category", "tag",
      "negate-source", "negate-destination", "action", "disabled", "description", "rule-type", "source-hip", "destination-hip");

  static PanOs.Config parse(String content, String file, Diagnostics d) {
    String[] lines = SourceText.lines(content);
    Map<String, PanOs.Obj> addrs = new LinkedHashMap<>(), svcs = new LinkedHashMap<>();
    List<PanOs.Member> ag = new ArrayList<>(), sg = new ArrayList<>();
    Map<String, Map<String, List<String>>> pre = new LinkedHashMap<>(), local = new LinkedHashMap<>(), post = new LinkedHashMap<>();
    Map<String, SourcePosition> ruleAt = new LinkedHashMap<>();
    Map<String, StringBuilder> ruleText = new LinkedHashMap<>();
    for (int i = 0; i < lines.length; i++) {
      String s = lines[i].strip();
      if (s.isEmpty() || s.startsWith("#")) continue;
      List<Token> t = Tokens.split(lines[i]);
      if (!t.getFirst().text().equals("set")) {
        d.error(new SourcePosition(file, i + 1, t.getFirst().column()), "expected a 'set' command (PAN-OS configuration in set format), found '" + t.getFirst().text() + "'");
        continue;
      }
      List<String> w = t.stream().map(Token::text).toList();
      int k0 = 1;
      if (w.size() > k0 && w.get(k0).equals("shared")) k0++;
      else if (w.size() > k0 + 1 && (w.get(k0).equals("vsys") || w.get(k0).equals("device-group"))) k0 += 2;
      final int k = k0;
      if (w.size() <= k) continue;
      String head = w.get(k);
      int line = i + 1;
      switch (head) {
        case "address", "service" -> {
          if (w.size() < k + 4) { d.error(at(file, line, t, w.size()), "expected '" + head + " NAME ATTRIBUTE VALUE'"); continue; }
          Map<String, PanOs.Obj> m = head.equals("address") ? addrs : svcs;
          String name = w.get(k + 1);
          PanOs.Obj o = m.computeIfAbsent(name, x -> new PanOs.Obj(x, new LinkedHashMap<>(), at(file, line, t, k + 2)));
          pairs(w, k + 2, o.attrs());
        }
        case "address-group", "service-group" -> {
          if (w.size() < k + 3) { d.error(at(file, line, t, w.size()), "expected '" + head + " NAME static|members …'"); continue; }
          List<PanOs.Member> m = head.equals("address-group") ? ag : sg;
          String name = w.get(k + 1), kind = w.get(k + 2);
          if (kind.equals("static") || kind.equals("members")) for (String v : values(w, k + 3)) m.add(new PanOs.Member(name, v, at(file, line, t, k + 3)));
          else if (kind.equals("dynamic")) m.add(new PanOs.Member(name, "", at(file, line, t, k + 2)));
        }
        case "rulebase", "pre-rulebase", "post-rulebase" -> {
          if (w.size() < k + 4 || !w.get(k + 1).equals("security") || !w.get(k + 2).equals("rules")) continue;
          String name = w.get(k + 3);
          var base = head.equals("pre-rulebase") ? pre : head.equals("post-rulebase") ? post : local;
          Map<String, List<String>> r = base.computeIfAbsent(name, x -> new LinkedHashMap<>());
          ruleAt.putIfAbsent(head + "\u0000" + name, new SourcePosition(file, line, 1));
          StringBuilder text = ruleText.computeIfAbsent(head + "\u0000" + name, x -> new StringBuilder());
          if (text.length() < 400) text.append(text.isEmpty() ? "" : "; ").append(s);
          int j = k + 4;
          while (j < w.size()) {
            String a = w.get(j);
            if (j + 1 >= w.size()) { d.error(at(file, line, t, j + 1), "expected a value after '" + a + "'"); break; }
            List<String> v = new ArrayList<>();
            int next = collect(w, j + 1, v);
            if (next < 0) { d.error(at(file, line, t, j + 1), "'[' without closing ']'"); break; }
            if (LIST_ATTRS.contains(a)) r.computeIfAbsent(a, x -> new ArrayList<>()).addAll(v);
            else r.computeIfAbsent("unmodelled", x -> new ArrayList<>()).add(a);
            j = next;
          }
        }
        default -> { }
      }
    }
    List<PanOs.Rule> rules = new ArrayList<>();
    for (var base : List.of(Map.entry("pre-rulebase", pre), Map.entry("rulebase", local), Map.entry("post-rulebase", post)))
      for (var e : base.getValue().entrySet())
        rules.add(new PanOs.Rule(e.getKey(), Map.copyOf(e.getValue()), ruleAt.get(base.getKey() + "\u0000" + e.getKey()), ruleText.get(base.getKey() + "\u0000" + e.getKey()).toString()));
    return new PanOs.Config(List.copyOf(addrs.values()), ag, List.copyOf(svcs.values()), sg, rules);
  }

  private static SourcePosition at(String file, int line, List<Token> t, int word) {
    return new SourcePosition(file, line, word < t.size() ? t.get(word).column() : t.getLast().column() + t.getLast().text().length());
  }

  /** {@code protocol tcp port 80} → protocol=tcp, port=80; nested attributes keep their last word pair. */
  private static void pairs(List<String> w, int from, Map<String, String> out) {
    for (int j = from; j + 1 < w.size(); j++) {
      if (w.get(j).equals("protocol") && j + 1 < w.size()) { out.put("protocol", w.get(j + 1)); j++; continue; }
      if (w.get(j).equals("description") || w.get(j).equals("tag")) { j++; continue; }
      out.put(w.get(j), w.get(j + 1));
      j++;
    }
  }

  private static List<String> values(List<String> w, int i) {
    List<String> v = new ArrayList<>();
    collect(w, i, v);
    return v;
  }

  /** One value or a {@code [ a b ]} list at {@code i}; the index after it, or -1 when the list is not closed. */
  private static int collect(List<String> w, int i, List<String> out) {
    if (i >= w.size()) return i;
    if (!w.get(i).equals("[")) { out.add(w.get(i)); return i + 1; }
    int k = i + 1;
    while (k < w.size() && !w.get(k).equals("]")) out.add(w.get(k++));
    return k >= w.size() ? -1 : k + 1;
  }
}
