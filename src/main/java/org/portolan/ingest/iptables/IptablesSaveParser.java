package org.portolan.ingest.iptables;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.portolan.diag.Diagnostics;
import org.portolan.diag.SourcePosition;
import org.portolan.diag.SourceText;
import org.portolan.ingest.acl.Tokens.Token;
import org.portolan.ingest.acl.Tokens;
import org.portolan.ingest.iptables.IptablesRule.Neg;
import org.portolan.ingest.iptables.IptablesRule.Target;
import org.portolan.ingest.iptables.IptablesRule.Unknown;

/** Reads iptables-save (or ip6tables-save) output into vendor records; problems go to diagnostics. */
final class IptablesSaveParser {
  private IptablesSaveParser() {}

  /** A chain declaration {@code :NAME POLICY [p:b]}; policy "-" for user chains. */
  record ChainDecl(String name, String policy, int line, String text) {}

  record Table(String name, int line, Map<String, ChainDecl> chains, List<IptablesRule> rules) {}

  record Save(boolean ipv6, List<Table> tables) {}

  static Save parse(String content, String file, Diagnostics d) {
    String[] lines = SourceText.lines(content);
    List<Table> tables = new ArrayList<>();
    Table current = null;
    boolean ipv6 = false;
    for (int i = 0; i < lines.length; i++) {
      int no = i + 1;
      String raw = lines[i];
      String line = raw.strip();
      if (line.isEmpty()) continue;
      if (line.startsWith("#")) {
        if (line.contains("ip6tables-save")) ipv6 = true;
        continue;
      }
      if (line.startsWith("[") && line.contains("]")) line = line.substring(line.indexOf(']') + 1).strip(); // -c counters
      if (line.startsWith("*")) {
        if (current != null) d.error(new SourcePosition(file, no, 1), "table *" + line.substring(1) + " starts before table *" + current.name() + " was closed with COMMIT");
        String name = line.substring(1).strip();
        if (name.isEmpty() || !name.matches("[A-Za-z0-9_-]+")) {
          d.error(new SourcePosition(file, no, 2), "expected a table name after '*', got '" + name + "'");
          current = null;
          continue;
        }
        current = new Table(name, no, new LinkedHashMap<>(), new ArrayList<>());
        tables.add(current);
      } else if (line.equals("COMMIT")) {
        if (current == null) d.error(new SourcePosition(file, no, 1), "COMMIT outside a table");
        current = null;
      } else if (line.startsWith(":")) {
        if (current == null) { d.error(new SourcePosition(file, no, 1), "chain declaration outside a table (expected '*filter' first)"); continue; }
        List<Token> t = Tokens.split(line.substring(1));
        if (t.size() < 2) { d.error(new SourcePosition(file, no, 1), "expected ':CHAIN POLICY [packets:bytes]', got '" + line + "'"); continue; }
        String policy = t.get(1).text();
        if (!List.of("ACCEPT", "DROP", "-", "RETURN", "QUEUE").contains(policy)) {
          d.error(new SourcePosition(file, no, t.get(1).column() + 1), "expected policy ACCEPT, DROP or '-', got '" + policy + "'");
          continue;
        }
        current.chains().put(t.get(0).text(), new ChainDecl(t.get(0).text(), policy, no, raw));
      } else if (line.startsWith("-A ") || line.startsWith("-I ") || line.equals("-A")) {
        if (current == null) { d.error(new SourcePosition(file, no, 1), "rule outside a table (expected '*filter' first)"); continue; }
        int offset = raw.indexOf(line.charAt(0));
        IptablesRule r = rule(line, no, raw, offset, file, d);
        if (r == null) continue;
        if (!current.chains().containsKey(r.chain())) {
          d.error(new SourcePosition(file, no, offset + 4), "rule appends to chain '" + r.chain() + "', which this table does not declare");
          continue;
        }
        current.rules().add(r);
      } else {
        d.error(new SourcePosition(file, no, 1), "expected '*table', ':CHAIN POLICY', '-A CHAIN …', 'COMMIT' or a '#' comment, got '" + abbreviate(line) + "'");
      }
    }
    if (current != null) d.error(new SourcePosition(file, current.line(), 1), "table *" + current.name() + " is never closed with COMMIT");
    return new Save(ipv6, tables);
  }

  static String abbreviate(String s) {
    return s.length() > 60 ? s.substring(0, 57) + "..." : s;
  }

  private static IptablesRule rule(String line, int no, String raw, int offset, String file, Diagnostics d) {
    List<Token> t = Tokens.split(line);
    if (t.size() < 2) { d.error(new SourcePosition(file, no, offset + 1), "expected a chain name after -A"); return null; }
    String chain = t.get(1).text();
    Map<String, Neg<String>> opts = new LinkedHashMap<>();
    List<Unknown> unknown = new ArrayList<>();
    Target target = Target.NONE;
    Optional<String> comment = Optional.empty();
    boolean syn = false;
    boolean neg = false;
    String module = "";
    int i = 2;
    while (i < t.size()) {
      Token tok = t.get(i);
      String o = tok.text();
      int col = offset + tok.column();
      if (o.equals("!")) { neg = true; i++; continue; }
      switch (o) {
        case "-j", "--jump", "-g", "--goto" -> {
          if (i + 1 >= t.size()) { d.error(new SourcePosition(file, no, col), "expected a target after " + o); return null; }
          target = new Target(t.get(i + 1).text(), o.equals("-g") || o.equals("--goto"));
          i = t.size(); // target options follow; they do not change the verdict
          continue;
        }
        case "-m", "--match" -> { module = i + 1 < t.size() ? t.get(i + 1).text() : ""; i += 2; neg = false; continue; }
        case "--syn" -> { opts.put("flags", new Neg<>("FIN,SYN,RST,ACK SYN", neg)); neg = false; i++; continue; }
        case "--tcp-flags" -> {
          if (i + 2 >= t.size()) { d.error(new SourcePosition(file, no, col), "expected MASK COMP after --tcp-flags"); return null; }
          opts.put("flags", new Neg<>(t.get(i + 1).text() + " " + t.get(i + 2).text(), neg));
          neg = false;
          i += 3;
          continue;
        }
        default -> { }
      }
      String key = switch (o) {
        case "-p", "--protocol" -> "p";
        case "-s", "--source", "--src" -> "s";
        case "-d", "--destination", "--dst" -> "d";
        case "-i", "--in-interface" -> "i";
        case "-o", "--out-interface" -> "o";
        case "--sport", "--source-port", "--sports", "--source-ports" -> "sport";
        case "--dport", "--destination-port", "--dports", "--destination-ports" -> "dport";
        case "--ports" -> "ports";
        case "--state", "--ctstate" -> "state";
        case "--icmp-type", "--icmpv6-type" -> "icmp";
        case "--src-range" -> "srcrange";
        case "--dst-range" -> "dstrange";
        case "--comment" -> "comment";
        default -> null;
      };
      if (key == null) {
        StringBuilder u = new StringBuilder((module.isEmpty() ? "" : "-m " + module + " ") + (neg ? "! " + o : o));
        i++;
        while (i < t.size() && !t.get(i).text().startsWith("-") && !t.get(i).text().equals("!")) u.append(' ').append(t.get(i++).text());
        unknown.add(new Unknown(u.toString(), col));
        neg = false;
        continue;
      }
      if (i + 1 >= t.size()) { d.error(new SourcePosition(file, no, col), "expected a value after " + o); return null; }
      String value = t.get(i + 1).text();
      if (value.equals("!")) { // old syntax: --dport ! 80
        if (i + 2 >= t.size()) { d.error(new SourcePosition(file, no, col), "expected a value after " + o + " !"); return null; }
        neg = true;
        value = t.get(i + 2).text();
        i++;
      }
      if (key.equals("comment")) comment = Optional.of(value);
      else if (opts.containsKey(key)) unknown.add(new Unknown("repeated " + o + " " + value, col));
      else opts.put(key, new Neg<>(value, neg));
      neg = false;
      i += 2;
    }
    return new IptablesRule(chain, no, raw, o(opts, "p"), o(opts, "s"), o(opts, "d"), o(opts, "i"), o(opts, "o"),
        o(opts, "sport"), o(opts, "dport"), o(opts, "ports"), o(opts, "state"), o(opts, "icmp"), o(opts, "srcrange"), o(opts, "dstrange"),
        syn, o(opts, "flags"), comment, target, unknown);
  }

  private static Optional<Neg<String>> o(Map<String, Neg<String>> m, String k) {
    return Optional.ofNullable(m.get(k));
  }
}
