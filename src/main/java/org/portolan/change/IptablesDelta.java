package org.portolan.change;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.portolan.ingest.acl.LineSource;

/**
 * An {@code iptables-restore --noflush} fragment (ip6tables-restore for an IPv6 ruleset):
 * {@code -I CHAIN N} before the line that blocks each flow, in the chain the packets reach
 * (user chains such as ufw's {@code ufw-user-input} included), {@code -A CHAIN} where the
 * chain's policy blocks them. Numbers count the existing rules: the fragment inserts from
 * the bottom of each chain up, so every number is the one {@code iptables -L --line-numbers}
 * shows today. Port lists use multiport (15 slots per line).
 */
final class IptablesDelta implements Delta {
  static final int MULTIPORT_SLOTS = 15;
  static final int COMMENT_MAX = 255;

  @Override
  public String fileName(ChangeResult r) {
    return r.acl().families().contains(6) && !r.acl().families().contains(4) ? "change.ip6tables" : "change.iptables";
  }

  @Override
  public String script(ChangeResult r) {
    if (r.additions().isEmpty()) return "";
    StringBuilder b = new StringBuilder();
    boolean v6 = fileName(r).endsWith("ip6tables");
    b.append("# Portolan change for ").append(r.acl().file()).append(": apply with '").append(v6 ? "ip6tables-restore" : "iptables-restore").append(" --noflush < ")
        .append(fileName(r)).append("'\n");
    b.append("# It only inserts lines into the existing chains; nothing is flushed or replaced.\n");
    b.append("*filter\n");
    for (var e : commands(r).entrySet()) {
      b.append("# ").append(Delta.clean(e.getKey().flow() + ": " + e.getKey().why(), 400)).append('\n');
      for (String c : e.getValue()) b.append(c).append('\n');
    }
    b.append("COMMIT\n");
    return b.toString();
  }

  @Override
  public Map<Addition, List<String>> commands(ChangeResult r) {
    Change.Locations where = Delta.where(r);
    Map<Addition, List<String>> out = new LinkedHashMap<>();
    for (Addition a : Delta.byPositionDescending(r, where)) {
      String head = a.before().map(l -> "-I " + a.chain() + " " + (where.indexOf(l) + 1)).orElse("-A " + a.chain());
      List<String> lines = new ArrayList<>();
      for (Fields f : Fields.of(a.accept())) for (String m : matches(f, a)) lines.add(head + m + " -m comment --comment \"" + Delta.clean(a.why(), COMMENT_MAX) + "\" -j ACCEPT");
      out.put(a, lines);
    }
    return out;
  }

  @Override
  public String position(ChangeResult r, Addition a) {
    Change.Locations where = Delta.where(r);
    return a.before().map(l -> "chain " + a.chain() + ", before rule " + (where.indexOf(l) + 1) + " (line " + l.line() + ")")
        .orElse("chain " + a.chain() + ", at the end" + Delta.endNote(r, a));
  }

  @Override
  public List<String> tighten(ChangeResult r, Tightening t) {
    if (t.line().line() == 0 || !t.line().text().startsWith("-A ")) return List.of();
    List<String> out = new ArrayList<>();
    Change.Locations where = Delta.where(r);
    if (!t.replacement().isEmpty()) {
      Addition a = new Addition("tighten", List.of(), List.of("narrowed from line " + t.line().line()), t.chain(), java.util.Optional.of(t.line()), t.line(),
          t.replacement(), Tighten.in(r, t), Tighten.out(r, t), "new", "");
      for (Fields f : Fields.of(t.replacement()))
        for (String m : matches(f, a))
          out.add("-I " + t.chain() + " " + (where.indexOf(t.line()) + 1) + m + " -m comment --comment \"" + Delta.clean("narrowed from line " + t.line().line() + ": " + String.join(", ", t.dependents()), COMMENT_MAX) + "\" -j ACCEPT");
    }
    out.add("-D " + t.line().text().substring(3));
    return out;
  }

  /** The match part of each line; several when a port list needs more than one multiport match. */
  static List<String> matches(Fields f, Addition a) {
    StringBuilder m = new StringBuilder();
    a.in().ifPresent(i -> m.append(" -i ").append(i));
    a.out().ifPresent(o -> m.append(" -o ").append(o));
    if (!f.src().isEmpty()) m.append(" -s ").append(String.join(",", f.src()));
    if (!f.dst().isEmpty()) m.append(" -d ").append(String.join(",", f.dst()));
    String state = f.state() == Fields.ANY ? "" : " -m conntrack --ctstate " + Fields.stateName(f.state()).toUpperCase(java.util.Locale.ROOT);
    List<String> out = new ArrayList<>();
    if (f.proto() == Fields.ANY) return List.of(m + state);
    String p = f.family() == 6 && f.proto() == 58 ? "ipv6-icmp" : Fields.protoName(f.proto());
    m.append(" -p ").append(p);
    if (f.proto() == 1 || f.proto() == 58) {
      String opt = f.proto() == 58 ? " -m icmp6 --icmpv6-type " : " -m icmp --icmp-type ";
      if (f.icmp().isEmpty()) return List.of(m + state);
      for (int[] t : f.icmp()) out.add(m + opt + t[0] + (t[1] == Fields.ANY ? "" : "/" + t[1]) + state);
      return out;
    }
    if (f.proto() != 6 && f.proto() != 17) return List.of(m + state);
    String sport = f.sports().isEmpty() ? "" : " -m multiport --sports " + String.join(",", f.sports().stream().map(x -> Fields.range(x, ":")).toList());
    if (f.dports().isEmpty()) return List.of(m + sport + state);
    if (f.dports().size() == 1) return List.of(m + " -m " + p + " --dport " + Fields.range(f.dports().getFirst(), ":") + sport + state);
    List<String> chunk = new ArrayList<>();
    int slots = 0;
    for (long[] iv : f.dports()) {
      int need = iv[0] == iv[1] ? 1 : 2;
      if (slots + need > MULTIPORT_SLOTS) {
        out.add(m + " -m multiport --dports " + String.join(",", chunk) + sport + state);
        chunk.clear();
        slots = 0;
      }
      chunk.add(Fields.range(iv, ":"));
      slots += need;
    }
    out.add(m + " -m multiport --dports " + String.join(",", chunk) + sport + state);
    return out;
  }

  static String describe(LineSource l) {
    return "line " + l.line() + ": " + l.text();
  }
}
