package org.portolan.ingest.windows;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.portolan.diag.Diagnostics;
import org.portolan.diag.SourcePosition;
import org.portolan.diag.SourceText;

/**
 * Reads {@code New-NetFirewallRule} and {@code Set-NetFirewallProfile} calls from a
 * PowerShell script (such as compile --dialect windows writes): named parameters whose values
 * are bare words or single-quoted literals (quotes doubled inside), comma-separated lists,
 * lines continued with a backtick. Other commands are passed over. Hand-written: no Java
 * library parses PowerShell, and only this parameter syntax is needed.
 */
final class PowerShellParser {
  private PowerShellParser() {}

  static WindowsRules.Doc parse(String content, String file, Diagnostics d) {
    String[] lines = SourceText.lines(content);
    List<WindowsRules.Rule> rules = new ArrayList<>();
    List<WindowsRules.Profile> profiles = new ArrayList<>();
    for (int i = 0; i < lines.length; i++) {
      int start = i;
      StringBuilder cmd = new StringBuilder(lines[i]);
      while (cmd.toString().stripTrailing().endsWith("`") && i + 1 < lines.length) {
        String s = cmd.toString().stripTrailing();
        cmd = new StringBuilder(s.substring(0, s.length() - 1)).append(' ').append(lines[++i]);
      }
      String s = cmd.toString().strip();
      if (s.isEmpty() || s.startsWith("#")) continue;
      String verb = s.split("\\s+", 2)[0];
      if (!verb.equalsIgnoreCase("New-NetFirewallRule") && !verb.equalsIgnoreCase("Set-NetFirewallProfile")) continue;
      SourcePosition at = new SourcePosition(file, start + 1, 1);
      Optional<Map<String, List<String>>> p = params(s.substring(verb.length()), file, start + 1, cmd.indexOf(verb) + verb.length(), d);
      if (p.isEmpty()) continue;
      Map<String, List<String>> m = p.get();
      if (verb.equalsIgnoreCase("Set-NetFirewallProfile")) {
        profiles.add(new WindowsRules.Profile(one(m, "defaultinboundaction").map(x -> x.equalsIgnoreCase("Block")), one(m, "defaultoutboundaction").map(x -> x.equalsIgnoreCase("Block")), at, s));
        continue;
      }
      String dir = one(m, "direction").orElse("Inbound"), act = one(m, "action").orElse("Allow");
      if (!dir.equalsIgnoreCase("Inbound") && !dir.equalsIgnoreCase("Outbound")) { d.error(at, "-Direction must be Inbound or Outbound, found '" + dir + "'"); continue; }
      if (!act.equalsIgnoreCase("Allow") && !act.equalsIgnoreCase("Block")) { d.error(at, "-Action must be Allow or Block, found '" + act + "'"); continue; }
      List<String> unmodelled = new ArrayList<>();
      for (String f : List.of("program", "service", "package", "interfacealias", "interfacetype", "localuser", "remoteuser", "remotemachine", "owner", "overrideblockrules"))
        if (m.containsKey(f) && !m.get(f).equals(List.of("Any"))) unmodelled.add("-" + f + " " + String.join(",", m.get(f)));
      String prof = String.join(", ", m.getOrDefault("profile", List.of("Any")));
      String lp = prof.toLowerCase(Locale.ROOT);
      if (lp.contains("domain") && lp.contains("private") && lp.contains("public")) prof = "Any";
      rules.add(new WindowsRules.Rule(one(m, "displayname").or(() -> one(m, "name")).orElse("rule at line " + (start + 1)), dir.equalsIgnoreCase("Inbound"), act.equalsIgnoreCase("Allow"),
          !one(m, "enabled").orElse("True").equalsIgnoreCase("False"), prof, one(m, "protocol").orElse("Any"), m.getOrDefault("localport", List.of()), m.getOrDefault("remoteport", List.of()),
          m.getOrDefault("localaddress", List.of()), m.getOrDefault("remoteaddress", List.of()), m.getOrDefault("icmptype", List.of()), unmodelled, at));
    }
    return new WindowsRules.Doc(rules, profiles);
  }

  private static Optional<String> one(Map<String, List<String>> m, String k) {
    List<String> v = m.get(k);
    return v == null || v.isEmpty() ? Optional.empty() : Optional.of(v.getFirst());
  }

  /** {@code -Name value[,value…]} pairs up to a pipe; keys lower-cased; a switch without a value gets none. */
  private static Optional<Map<String, List<String>>> params(String s, String file, int line, int offset, Diagnostics d) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    int i = 0, n = s.length();
    String key = null;
    while (i < n) {
      char c = s.charAt(i);
      if (Character.isWhitespace(c)) { i++; continue; }
      if (c == '|') break;
      if (c == '-' && i + 1 < n && Character.isLetter(s.charAt(i + 1))) {
        int j = i + 1;
        while (j < n && Character.isLetterOrDigit(s.charAt(j))) j++;
        key = s.substring(i + 1, j).toLowerCase(Locale.ROOT);
        out.put(key, new ArrayList<>());
        i = j;
        continue;
      }
      if (key == null) { d.error(new SourcePosition(file, line, offset + i + 1), "expected a parameter (-Name value), found '" + c + "'"); return Optional.empty(); }
      List<String> values = out.get(key);
      while (true) {
        StringBuilder b = new StringBuilder();
        if (i < n && isQuote(s.charAt(i))) {
          int q = i++;
          boolean closed = false;
          while (i < n) {
            char x = s.charAt(i);
            if (isQuote(x)) {
              if (i + 1 < n && isQuote(s.charAt(i + 1))) { b.append(x); i += 2; continue; }
              i++;
              closed = true;
              break;
            }
            b.append(x);
            i++;
          }
          if (!closed) { d.error(new SourcePosition(file, line, offset + q + 1), "quoted value not closed"); return Optional.empty(); }
        } else {
          while (i < n && !Character.isWhitespace(s.charAt(i)) && s.charAt(i) != ',' && s.charAt(i) != '|') b.append(s.charAt(i++));
        }
        values.add(b.toString());
        while (i < n && s.charAt(i) == ' ') i++;
        if (i < n && s.charAt(i) == ',') { i++; while (i < n && s.charAt(i) == ' ') i++; continue; }
        break;
      }
      key = null;
    }
    return Optional.of(out);
  }

  /** The quote characters PowerShell treats as a single quote. */
  private static boolean isQuote(char c) {
    return c == '\'' || c == '\u2018' || c == '\u2019' || c == '\u201A' || c == '\u201B';
  }
}
