package org.portolan.ingest.iptables;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.portolan.diag.Diagnostics;
import org.portolan.diag.SourcePosition;
import org.portolan.ingest.acl.AclLine;
import org.portolan.ingest.acl.Action;
import org.portolan.ingest.acl.Addrs;
import org.portolan.ingest.acl.Box;
import org.portolan.ingest.acl.InterfaceMatch;
import org.portolan.ingest.acl.LineSource;
import org.portolan.ingest.acl.Match;
import org.portolan.ingest.acl.Ports;
import org.portolan.ingest.acl.Protocols;
import org.portolan.ingest.acl.Ranges;
import org.portolan.ingest.acl.Space;
import org.portolan.ingest.acl.TcpFlags;
import org.portolan.ingest.acl.Unmodelled;
import org.portolan.ingest.iptables.IptablesRule.Neg;

/** Converts iptables vendor records into ACL lines. Each function is small and tested directly. */
final class IptablesConverter {
  private IptablesConverter() {}

  static final Set<String> NON_TERMINAL = Set.of("LOG", "NFLOG", "ULOG", "MARK", "CONNMARK", "TRACE", "AUDIT", "CT", "NOTRACK",
      "CLASSIFY", "DSCP", "TOS", "TCPMSS", "SECMARK", "CONNSECMARK", "CHECKSUM", "TTL", "HL", "IDLETIMER", "LED", "RATEEST", "SET");

  /** The action of a target; {@code userChains} are the chains declared in the same table. */
  static Action action(IptablesRule.Target t, Set<String> userChains, SourcePosition at, Diagnostics d) {
    String n = t.name();
    if (n.isEmpty()) return new Action.Continue("no target (counting rule)");
    if (userChains.contains(n)) return t.gotoChain() ? new Action.Goto(n) : new Action.Call(n);
    if (t.gotoChain()) {
      d.error(at, "-g names chain '" + n + "', which this table does not declare");
      return Action.DROP;
    }
    return switch (n) {
      case "ACCEPT" -> Action.ACCEPT;
      case "DROP" -> Action.DROP;
      case "REJECT" -> Action.REJECT;
      case "RETURN" -> Action.RETURN;
      case "SNAT", "MASQUERADE" -> Action.ACCEPT; // nat POSTROUTING, after filtering: the packet goes on
      case "DNAT", "REDIRECT", "NETMAP", "TPROXY" -> {
        d.warning(at, "-j " + n + " rewrites where the packet goes before the filter table; that is not modelled, so a verdict for what it matches is undetermined");
        yield new Action.Unknown("-j " + n + " (rewrites the destination before the filter table)");
      }
      default -> {
        if (NON_TERMINAL.contains(n)) yield new Action.Continue(n);
        d.warning(at, "target '" + n + "' is not modelled; a verdict that depends on this line is undetermined");
        yield new Action.Unknown("target " + n);
      }
    };
  }

  /**
   * A line of the raw, mangle, nat or security table: calls name the table's own chains;
   * DNAT, REDIRECT, NETMAP, TPROXY (they rewrite where the packet goes before the filter table)
   * and raw NOTRACK (the packet is then untracked) are not modelled, so what they match is
   * undetermined; SNAT and MASQUERADE (after filtering) let the packet go on.
   */
  static AclLine inTable(String table, IptablesRule r, AclLine l, String prefix, String file, Diagnostics d) {
    String target = r.target().name();
    Action a = switch (l.action()) {
      case Action.Call c -> new Action.Call(prefix + c.chain());
      case Action.Goto g -> new Action.Goto(prefix + g.chain());
      case Action.Unknown u -> u;
      case Action.Continue c -> (target.equals("NOTRACK") || target.equals("CT") && r.text().contains("--notrack"))
          ? new Action.Unknown("*" + table + " -j " + target + " (the packets become untracked; not modelled)") : c;
      case Action.Accept x -> x;
      case Action.Drop x -> x;
      case Action.Reject x -> x;
      case Action.Return x -> x;
    };
    if (a instanceof Action.Unknown u && !(l.action() instanceof Action.Unknown))
      d.warning(new SourcePosition(file, r.line(), 1), u.what() + ": a verdict for what it matches is undetermined");
    return new AclLine(l.match(), l.in(), l.out(), a, l.source(), l.doubt(), l.rate());
  }

  /** Conntrack states: NEW, ESTABLISHED, RELATED, INVALID, UNTRACKED (SNAT/DNAT are read as any). */
  static Optional<Ranges> states(String text) {
    Ranges r = Ranges.EMPTY;
    for (String s : text.split(",")) {
      int v = switch (s.strip().toUpperCase(Locale.ROOT)) {
        case "NEW" -> Box.NEW;
        case "ESTABLISHED" -> Box.ESTABLISHED;
        case "RELATED" -> Box.RELATED;
        case "INVALID" -> Box.INVALID;
        case "UNTRACKED" -> Box.UNTRACKED;
        default -> -1;
      };
      if (v < 0) return Optional.empty();
      r = r.union(Ranges.single(v));
    }
    return Optional.of(r);
  }

  /** {@code 8}, {@code 8/0}, {@code echo-request}, {@code any} as a DPORT-dimension range. */
  static Optional<Ranges> icmpType(String text) {
    if (text.equalsIgnoreCase("any")) return Optional.of(Box.ALL_PORTS);
    String[] p = text.split("/", -1);
    if (p.length > 2) return Optional.empty();
    OptionalInt type = Protocols.icmpType(p[0]);
    OptionalInt code = p.length == 2 ? Protocols.number(p[1], 255) : OptionalInt.empty();
    if (type.isEmpty() || p.length == 2 && code.isEmpty()) return Optional.empty();
    return Optional.of(Ports.icmp(type.getAsInt(), code));
  }

  /**
   * {@code VALUE[/MASK]} (hex or decimal, 32 bits): the marks {@code m & MASK == VALUE & MASK},
   * as intervals; where those are too fragmented, the ones among {@code reachable} (the only
   * marks a packet can have on the path, besides one nothing set); empty when unreadable or
   * neither is known.
   */
  static Optional<Ranges> markValues(String text, Optional<Set<Long>> reachable) {
    String[] p = text.split("/", -1);
    Optional<Long> v = mark32(p[0]), mask = p.length == 1 ? Optional.of(0xFFFF_FFFFL) : p.length == 2 ? mark32(p[1]) : Optional.empty();
    if (v.isEmpty() || mask.isEmpty()) return Optional.empty();
    Optional<Ranges> exact = Addrs.masked(v.get() & mask.get(), mask.get()).map(Addrs::v4);
    if (exact.isPresent() || reachable.isEmpty()) return exact;
    Ranges r = Ranges.EMPTY;
    for (long x : reachable.get()) if ((x & mask.get()) == (v.get() & mask.get())) r = r.union(Ranges.single(x));
    return Optional.of(r);
  }

  /** The marks the ruleset's MARK targets can give a packet starting from none set: closed under every target, at most 4,096 (else empty). */
  static Optional<Set<Long>> reachableMarks(List<IptablesRule> rules) {
    List<Action.SetMark> ops = new ArrayList<>();
    for (IptablesRule r : rules) if (r.target().name().equals("MARK")) {
      Optional<Action.SetMark> s = setMark(r.text());
      if (s.isEmpty()) return Optional.empty();
      ops.add(s.get());
    }
    return Action.SetMark.reachable(ops);
  }

  /** {@code (mask, xor)} of a MARK target's options as iptables-save writes them ({@code --set-xmark 0x1/0xffffffff}), or as typed. */
  static Optional<Action.SetMark> setMark(String ruleText) {
    java.util.regex.Matcher x = java.util.regex.Pattern.compile("-j MARK --(set-xmark|set-mark|and-mark|or-mark|xor-mark) (\\S+)\\s*$").matcher(ruleText.strip());
    if (!x.find()) return Optional.empty();
    String[] p = x.group(2).split("/", -1);
    Optional<Long> v = mark32(p[0]), mask = p.length == 1 ? Optional.of(0xFFFF_FFFFL) : p.length == 2 ? mark32(p[1]) : Optional.empty();
    if (v.isEmpty() || mask.isEmpty() || (p.length == 2 && !x.group(1).startsWith("set"))) return Optional.empty();
    long a = v.get(), mk = mask.get();
    // libxt_MARK: --set-mark V/M is V xor into the mask M|V; --and-mark B clears ~B; --or-mark B sets B; --xor-mark B flips B
    return Optional.of(switch (x.group(1)) {
      case "set-xmark" -> new Action.SetMark(a, mk);
      case "set-mark" -> new Action.SetMark(a, mk | a);
      case "and-mark" -> new Action.SetMark(0, ~a & 0xFFFF_FFFFL);
      case "or-mark" -> new Action.SetMark(a, a);
      default -> new Action.SetMark(a, 0);
    });
  }

  private static Optional<Long> mark32(String t) {
    try {
      long n = t.startsWith("0x") || t.startsWith("0X") ? Long.parseLong(t.substring(2), 16) : Long.parseLong(t);
      return n >= 0 && n <= 0xFFFF_FFFFL ? Optional.of(n) : Optional.empty();
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  /** Converts one rule; unknown or unreadable conditions are warnings with a stated reading. */
  static AclLine line(IptablesRule r, int family, Set<String> userChains, String file, Diagnostics d) {
    return line(r, family, userChains, org.portolan.ingest.acl.HostFacts.NONE, file, d);
  }

  /** {@code facts}: the host's own addresses ({@code -m addrtype}) and ipsets ({@code -m set}). */
  static AclLine line(IptablesRule r, int family, Set<String> userChains, org.portolan.ingest.acl.HostFacts facts, String file, Diagnostics d) {
    return line(r, family, userChains, facts, Optional.empty(), file, d);
  }

  /** {@code marks}: every mark the ruleset's MARK targets can give a packet whose mark nothing else set ({@link #reachableMarks}); empty: not known. */
  static AclLine line(IptablesRule r, int family, Set<String> userChains, org.portolan.ingest.acl.HostFacts facts, Optional<Set<Long>> marks, String file, Diagnostics d) {
    SourcePosition at = new SourcePosition(file, r.line(), 1);
    Action action = action(r.target(), userChains, at, d);
    List<String> problems = new ArrayList<>();
    Match m = Match.any().family(family);
    List<String> rates = new ArrayList<>();
    List<Space> unsure = new ArrayList<>();
    List<Space> sets = new ArrayList<>();
    boolean firstConnectionMatches = modules(r, problems, rates, m, facts, unsure, sets, marks);
    r.protocol().ifPresent(p -> {
      // iptables(8): "The number zero is equivalent to all" — every protocol, not protocol 0.
      if (p.value().equalsIgnoreCase("all") || p.value().matches("0+")) {
        if (p.negated()) m.proto(Box.ALL_PROTO, true);
        return;
      }
      OptionalInt n = Protocols.protocol(p.value());
      if (n.isEmpty()) problems.add("protocol '" + p.value() + "'");
      else m.proto(Ranges.single(n.getAsInt()), p.negated());
    });
    addr(r.source(), problems, "source").ifPresent(a -> m.src(a.value(), a.negated()));
    addr(r.destination(), problems, "destination").ifPresent(a -> m.dst(a.value(), a.negated()));
    range(r.srcRange(), problems).ifPresent(a -> m.src(a.value(), a.negated()));
    range(r.dstRange(), problems).ifPresent(a -> m.dst(a.value(), a.negated()));
    ports(r.sourcePorts(), problems).ifPresent(p -> m.sport(p.value(), p.negated()));
    ports(r.destinationPorts(), problems).ifPresent(p -> m.dport(p.value(), p.negated()));
    Space dnatStatus = Space.EMPTY;
    if (r.states().isPresent()) {
      Neg<String> s = r.states().get();
      // the virtual state DNAT (the connection's destination was rewritten): see Box.DNAT_STATUS
      List<String> words = List.of(s.value().toUpperCase(Locale.ROOT).split(","));
      boolean dnat = words.contains("DNAT");
      String real = String.join(",", words.stream().filter(w -> !w.equals("DNAT")).toList());
      Optional<Ranges> v = real.isEmpty() ? Optional.of(Ranges.EMPTY) : states(real);
      if (v.isEmpty()) problems.add("state '" + s.value() + "'");
      else {
        Ranges sure = v.get(), upper = dnat ? sure.union(Box.DNAT_STATUS) : sure;
        m.state(s.negated() ? sure : upper, s.negated());
        if (dnat && !Box.DNAT_STATUS.minus(sure).isEmpty()) dnatStatus = Match.any().state(Box.DNAT_STATUS.minus(sure), false).build();
      }
    }
    r.icmpType().ifPresent(s -> icmpType(s.value()).ifPresentOrElse(v -> m.dport(v, s.negated()), () -> problems.add("ICMP type '" + s.value() + "'")));
    if (r.syn()) m.state(Ranges.single(Box.NEW), false);
    r.tcpFlags().ifPresent(f -> {
      String[] mc = f.value().split(" ");
      Optional<Integer> mask = TcpFlags.parse(mc[0]), comp = TcpFlags.parse(mc[1]);
      if (mask.isEmpty() || comp.isEmpty()) { problems.add("--tcp-flags " + f.value()); return; }
      TcpFlags.Reading rd = TcpFlags.read(mask.get(), comp.get() & mask.get(), f.negated());
      m.proto(Ranges.single(6), false).state(rd.states(), false);
      if (!rd.exact()) unsure.add(Match.any().state(Ranges.single(Box.ESTABLISHED), false).build());
    });
    Space match = m.build();
    for (Space set : sets) match = match.intersect(set);
    Optional<Neg<Ranges>> any = ports(r.anyPorts(), problems);
    if (any.isPresent()) {
      // --ports: source OR destination port in the list; negated: neither
      Ranges v = any.get().value();
      Space bothV = Match.any().sport(v, false).build().plus(Match.any().dport(v, false).build());
      match = any.get().negated() ? match.minus(bothV) : match.intersect(bothV);
    }
    Optional<InterfaceMatch> in = r.inInterface().map(i -> new InterfaceMatch(i.value(), i.negated()));
    Optional<InterfaceMatch> out = r.outInterface().map(i -> new InterfaceMatch(i.value(), i.negated()));
    if (r.target().name().equals("MARK") && action instanceof Action.Continue c) {
      Optional<Action.SetMark> set = setMark(r.text());
      if (set.isPresent()) action = new Action.Continue(c.what(), set);
      else {
        // a mark set in a way not read here: what later mark conditions see is unknown, so this line is doubted as setting it to anything
        action = new Action.Continue(c.what(), Optional.of(new Action.SetMark(0, 0)));
        problems.add("MARK target options");
      }
    }
    if (r.target().name().equals("CONNMARK") && r.text().contains("--restore-mark") && action instanceof Action.Continue c) {
      // the packet mark becomes the connection's, which is not followed: doubted, so the mark is unknown after it
      action = new Action.Continue(c.what(), Optional.of(new Action.SetMark(0, 0)));
      problems.add("CONNMARK --restore-mark (the connection's mark is not followed)");
    }
    AclLine line = new AclLine(match, in, out, action, new LineSource(file, r.line(), r.text()));
    if (!rates.isEmpty()) line = line.rateLimited(String.join(" ", rates), firstConnectionMatches);
    Space special = dnatStatus;
    List<String> why = new ArrayList<>();
    if (!dnatStatus.isEmpty()) why.add("whether the connection of an established or related packet was DNATed (--ctstate DNAT)");
    if (r.unknown().stream().anyMatch(u -> u.option().startsWith("-m mark "))) {
      special = special.plus(Match.MARK_DOUBT);
      why.add("the packet mark, where no line earlier on the path set it (-m mark)");
    }
    if (problems.isEmpty() && !special.isEmpty() && unsure.isEmpty()) return line.doubting(String.join("; ", why), special);
    if (!special.isEmpty()) unsure.add(special);
    if (problems.isEmpty() && !unsure.isEmpty()) {
      Space region = Space.EMPTY;
      for (Space u : unsure) region = region.plus(u);
      d.warning(at, "the address type or TCP flags of some packets this line matches are not known here (give --local with the host's addresses); a verdict that depends on them is undetermined");
      return line.doubting("address type or TCP flags of these packets (-m addrtype / --tcp-flags)", region);
    }
    return problems.isEmpty() ? line : Unmodelled.doubtful(line, problems, at, d);
  }


  /**
   * The match modules the save holds beyond the modelled options. Rate conditions are read as
   * they are for the first connection of a flow: {@code -m limit}, {@code hashlimit} (upto),
   * {@code connlimit --connlimit-upto}, {@code recent --set} match; {@code hashlimit-above},
   * {@code connlimit-above}, {@code recent --rcheck/--update} with {@code --hitcount} of 2 or
   * more do not. Returns false when the line does not match a first connection; anything else
   * not modelled goes to {@code problems}.
   */
  static boolean modules(IptablesRule r, List<String> problems, List<String> rates, Match m, org.portolan.ingest.acl.HostFacts facts, List<Space> unsure, List<Space> sets, Optional<Set<Long>> reachable) {
    Addrs local = facts.local();
    java.util.Map<String, List<IptablesRule.Unknown>> byModule = new java.util.LinkedHashMap<>();
    for (IptablesRule.Unknown u : r.unknown()) {
      String o = u.option();
      byModule.computeIfAbsent(o.startsWith("-m ") ? o.split(" ")[1] : "", k -> new ArrayList<>()).add(u);
    }
    boolean matches = true;
    for (var e : byModule.entrySet()) {
      String mod = e.getKey();
      String all = String.join(" ", e.getValue().stream().map(u -> u.option().startsWith("-m ") ? u.option().substring(3 + mod.length()).strip() : u.option()).toList());
      String shown = "-m " + mod + " " + all;
      switch (mod) {
        case "comment" -> { }
        case "set" -> {
          // --match-set NAME src|dst (one address per member); other flags or set types: doubted
          for (IptablesRule.Unknown u : e.getValue()) {
            String[] w = u.option().substring(3 + mod.length()).strip().split("\\s+");
            boolean neg = w[0].equals("!");
            int k = neg ? 1 : 0;
            if (w.length < k + 1 || !w[k].equals("--match-set")) {
              if (Set.of("--return-nomatch", "--update-counters", "--update-subcounters").contains(w[k])) continue;
              problems.add("'" + u.option() + "'");
              continue;
            }
            if (w.length < k + 3) { problems.add("'" + u.option() + "'"); continue; }
            org.portolan.ingest.acl.IpsetTuples tuples = facts.tuples().get(w[k + 1]);
            List<String> flags = List.of(w[k + 2].split(","));
            if (tuples != null && flags.stream().allMatch(f -> f.equals("src") || f.equals("dst"))) {
              Space region = tuples.matching(flags.stream().map(f -> f.equals("src")).toList());
              sets.add(neg ? Space.universe().minus(region) : region);
              continue;
            }
            Optional<Addrs> members = facts.ipsets().getOrDefault(w[k + 1], Optional.empty());
            // a one-field set reads the first flag; the kernel ignores the others
            String dir = flags.getFirst();
            if (members.isEmpty() || !flags.stream().allMatch(f -> f.equals("src") || f.equals("dst"))) {
              problems.add("'" + u.option() + "' (" + (facts.ipsets().containsKey(w[k + 1]) ? "a set type or flags not modelled" : "the members of ipset " + w[k + 1] + " are not known: give its 'ipset save' output with --ipset FILE") + ")");
              continue;
            }
            if (dir.equals("src")) m.src(members.get(), neg); else m.dst(members.get(), neg);
          }
        }
        case "addrtype" -> {
          for (IptablesRule.Unknown u : e.getValue()) {
            String[] w = u.option().substring(3 + mod.length()).strip().split("\\s+");
            boolean neg = w[0].equals("!");
            int k = neg ? 1 : 0;
            if (w.length < k + 2 || !(w[k].equals("--src-type") || w[k].equals("--dst-type"))) { problems.add("'" + u.option() + "'"); continue; }
            Addrs sure = Addrs.NONE, maybe = Addrs.NONE;
            boolean ok = true;
            for (String type : w[k + 1].split(",")) {
              Optional<org.portolan.ingest.acl.AddressTypes.Reading> rd = org.portolan.ingest.acl.AddressTypes.of(type, facts);
              if (rd.isEmpty()) { ok = false; break; }
              sure = sure.union(rd.get().sure());
              maybe = maybe.union(rd.get().maybe());
            }
            if (!ok) { problems.add("'" + u.option() + "'"); continue; }
            maybe = maybe.minus(sure);
            if (neg) sure = Addrs.ANY.minus(sure).minus(maybe);
            boolean src = w[k].equals("--src-type");
            Addrs upper = sure.union(maybe);
            if (src) m.src(upper, false); else m.dst(upper, false);
            if (!maybe.isEmpty()) unsure.add(src ? Match.any().src(maybe, false).build() : Match.any().dst(maybe, false).build());
          }
        }
        case "mark" -> {
          // --mark VALUE[/MASK]: exact on the mark the path set (see Box.MARK_UNSET; line() doubts the rest)
          for (IptablesRule.Unknown u : e.getValue()) {
            String[] w = u.option().substring(3 + mod.length()).strip().split("\\s+");
            boolean neg = w[0].equals("!");
            int k = neg ? 1 : 0;
            Optional<Ranges> marks = w.length == k + 2 && w[k].equals("--mark") ? markValues(w[k + 1], reachable) : Optional.empty();
            if (marks.isEmpty()) problems.add("'" + u.option() + "'");
            else m.mark(marks.get(), neg);
          }
        }
        case "limit" -> rates.add(shown);
        case "hashlimit" -> { rates.add(shown); if (all.contains("--hashlimit-above")) matches = false; }
        case "connlimit" -> {
          if (all.contains("--connlimit-above") && !all.contains("--connlimit-above 0")) { rates.add(shown); matches = false; }
          else if (all.contains("--connlimit-upto") && !all.contains("--connlimit-upto 0")) rates.add(shown);
          else problems.add("'" + shown + "'");
        }
        case "recent" -> {
          java.util.regex.Matcher hc = java.util.regex.Pattern.compile("--hitcount (\\d+)").matcher(all);
          int hitcount = hc.find() ? Integer.parseInt(hc.group(1)) : 1;
          if (all.contains("--set")) rates.add(shown);
          else if ((all.contains("--rcheck") || all.contains("--update")) && hitcount >= 2) { rates.add(shown); matches = false; }
          else problems.add("'" + shown + "' (whether the source is already listed depends on earlier packets)");
        }
        default -> { for (IptablesRule.Unknown u : e.getValue()) problems.add("'" + u.option() + "' (column " + u.column() + ")"); }
      }
    }
    return matches;
  }

  private static Optional<Neg<Addrs>> addr(Optional<Neg<String>> v, List<String> problems, String what) {
    if (v.isEmpty()) return Optional.empty();
    Addrs all = Addrs.NONE;
    for (String part : v.get().value().split(",")) {
      Optional<Addrs> a = Addrs.parse(part);
      if (a.isEmpty()) {
        problems.add(what + " '" + part + "' (" + (part.matches("[0-9.]+/[0-9.]+\\.[0-9.]+") ? "a mask whose address set has more than " + Addrs.MAX_MASK_INTERVALS + " ranges is not represented" : "not an address") + ")");
        return Optional.empty();
      }
      all = all.union(a.get());
    }
    return Optional.of(new Neg<>(all, v.get().negated()));
  }

  private static Optional<Neg<Addrs>> range(Optional<Neg<String>> v, List<String> problems) {
    if (v.isEmpty()) return Optional.empty();
    Optional<Addrs> a = Addrs.parse(v.get().value());
    if (a.isEmpty() || !v.get().value().contains("-")) { problems.add("address range '" + v.get().value() + "'"); return Optional.empty(); }
    return Optional.of(new Neg<>(a.get(), v.get().negated()));
  }

  private static Optional<Neg<Ranges>> ports(Optional<Neg<String>> v, List<String> problems) {
    if (v.isEmpty()) return Optional.empty();
    Optional<Ranges> p = Ports.parse(v.get().value());
    if (p.isEmpty()) { problems.add("ports '" + v.get().value() + "'"); return Optional.empty(); }
    return Optional.of(new Neg<>(p.get(), v.get().negated()));
  }
}
