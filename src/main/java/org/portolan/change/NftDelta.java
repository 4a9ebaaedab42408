package org.portolan.change;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An {@code nft -f} script of {@code insert rule FAMILY TABLE CHAIN position HANDLE …} (before
 * the rule that blocks each flow; {@code index N} when the dump has no handles, inserted from
 * the bottom of each chain up) and {@code add rule …} where the chain's policy blocks them —
 * always into the existing table and chain, never a new base chain (a second base chain
 * cannot accept what the existing one drops).
 */
final class NftDelta implements Delta {
  static final int COMMENT_MAX = 120;

  @Override
  public String fileName(ChangeResult r) {
    return "change.nft";
  }

  @Override
  public String script(ChangeResult r) {
    if (r.additions().isEmpty()) return "";
    StringBuilder b = new StringBuilder("#!/usr/sbin/nft -f\n");
    b.append("# Portolan change for ").append(r.acl().file()).append(": apply with 'nft -f change.nft'.\n");
    b.append("# It only inserts rules into the existing tables and chains; nothing is flushed or replaced.\n");
    for (var e : commands(r).entrySet()) {
      b.append("# ").append(Delta.clean(e.getKey().flow() + ": " + e.getKey().why(), 400)).append('\n');
      for (String c : e.getValue()) b.append(c).append('\n');
    }
    return b.toString();
  }

  @Override
  public Map<Addition, List<String>> commands(ChangeResult r) {
    Change.Locations where = Delta.where(r);
    NftHandles handles = Delta.handles(r);
    Map<Addition, List<String>> out = new LinkedHashMap<>();
    for (Addition a : Delta.byPositionDescending(r, where)) {
      String head = a.before().map(l -> handles.handle(a.chain(), l.line(), where.indexOf(l)).map(h -> "insert rule " + a.chain() + " position " + h)
          .orElse("insert rule " + a.chain() + " index " + where.indexOf(l))).orElse("add rule " + a.chain());
      List<String> lines = new ArrayList<>();
      for (Fields f : Fields.of(a.accept()).stream().flatMap(x -> x.splitIcmp().stream()).toList()) lines.add(head + " " + match(f, a) + " accept comment \"" + Delta.clean(a.why(), COMMENT_MAX) + "\"");
      out.put(a, lines);
    }
    return out;
  }

  @Override
  public String position(ChangeResult r, Addition a) {
    Change.Locations where = Delta.where(r);
    NftHandles handles = Delta.handles(r);
    return a.before().map(l -> "chain " + a.chain() + ", before " + handles.handle(a.chain(), l.line(), where.indexOf(l)).map(h -> "handle " + h).orElse("rule index " + where.indexOf(l)) + " (line " + l.line() + ")")
        .orElse("chain " + a.chain() + ", at the end" + Delta.endNote(r, a));
  }

  @Override
  public List<String> tighten(ChangeResult r, Tightening t) {
    if (t.chain().isEmpty()) return List.of();
    Long h = Delta.handles(r).handle(t.chain(), t.line().line(), Delta.where(r).indexOf(t.line())).orElse(null);
    if (h == null) return List.of();
    List<String> out = new ArrayList<>();
    if (!t.replacement().isEmpty()) {
      Addition a = new Addition("tighten", List.of(), List.of(), t.chain(), java.util.Optional.of(t.line()), t.line(), t.replacement(),
          Tighten.in(r, t), Tighten.out(r, t), "new", "");
      for (Fields f : Fields.of(t.replacement()).stream().flatMap(x -> x.splitIcmp().stream()).toList())
        out.add("insert rule " + t.chain() + " position " + h + " " + match(f, a) + " accept comment \"" + Delta.clean("narrowed from line " + t.line().line() + ": " + String.join(", ", t.dependents()), COMMENT_MAX) + "\"");
    }
    out.add("delete rule " + t.chain() + " handle " + h);
    return out;
  }

  static String match(Fields f, Addition a) {
    List<String> m = new ArrayList<>();
    a.in().ifPresent(i -> m.add("iifname \"" + i + "\""));
    a.out().ifPresent(o -> m.add("oifname \"" + o + "\""));
    String fam = f.family() == 4 ? "ip" : "ip6";
    if (!f.src().isEmpty()) m.add(fam + " saddr " + set(f.src()));
    if (!f.dst().isEmpty()) m.add(fam + " daddr " + set(f.dst()));
    if (f.src().isEmpty() && f.dst().isEmpty()) m.add("meta nfproto " + (f.family() == 4 ? "ipv4" : "ipv6"));
    if (f.proto() == 6 || f.proto() == 17) {
      String p = Fields.protoName(f.proto());
      if (!f.sports().isEmpty()) m.add(p + " sport " + set(f.sports().stream().map(x -> Fields.range(x, "-")).toList()));
      if (!f.dports().isEmpty()) m.add(p + " dport " + set(f.dports().stream().map(x -> Fields.range(x, "-")).toList()));
      if (f.sports().isEmpty() && f.dports().isEmpty()) m.add("meta l4proto " + p);
    } else if (f.proto() == 1 || f.proto() == 58) {
      String p = f.proto() == 1 ? "icmp" : "icmpv6";
      if (f.icmp().isEmpty()) m.add("meta l4proto " + (f.proto() == 1 ? "icmp" : "ipv6-icmp"));
      else if (f.icmp().size() == 1 && f.icmp().getFirst()[1] != Fields.ANY) m.add(p + " type " + f.icmp().getFirst()[0] + " " + p + " code " + f.icmp().getFirst()[1]);
      else if (f.icmp().stream().allMatch(t -> t[1] == Fields.ANY)) m.add(p + " type " + set(f.icmp().stream().map(t -> Integer.toString(t[0])).toList()));
      else throw new IllegalStateException("ICMP types with several codes are written one line each");
    } else if (f.proto() != Fields.ANY) {
      m.add("meta l4proto " + f.proto());
    }
    if (f.state() != Fields.ANY) m.add("ct state " + Fields.stateName(f.state()));
    return String.join(" ", m);
  }

  private static String set(List<String> items) {
    return items.size() == 1 ? items.getFirst() : "{ " + String.join(", ", items) + " }";
  }
}
