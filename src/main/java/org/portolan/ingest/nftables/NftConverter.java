package org.portolan.ingest.nftables;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.portolan.diag.Diagnostics;
import org.portolan.diag.SourcePosition;
import org.portolan.ingest.acl.Acl;
import org.portolan.ingest.acl.AclLine;
import org.portolan.ingest.acl.Action;
import org.portolan.ingest.acl.Addrs;
import org.portolan.ingest.acl.Box;
import org.portolan.ingest.acl.Chain;
import org.portolan.ingest.acl.InterfaceMatch;
import org.portolan.ingest.acl.LineSource;
import org.portolan.ingest.acl.Match;
import org.portolan.ingest.acl.Ports;
import org.portolan.ingest.acl.Protocols;
import org.portolan.ingest.acl.Ranges;
import org.portolan.ingest.acl.Space;
import org.portolan.ingest.acl.Unmodelled;
import org.portolan.ingest.acl.Stage;
import org.portolan.ingest.nftables.Nft.Anonymous;
import org.portolan.ingest.nftables.Nft.Ct;
import org.portolan.ingest.nftables.Nft.Meta;
import org.portolan.ingest.nftables.Nft.Payload;
import org.portolan.ingest.nftables.Nft.Prefix;
import org.portolan.ingest.nftables.Nft.Range;
import org.portolan.ingest.nftables.Nft.SetRef;
import org.portolan.ingest.nftables.Nft.Single;
import org.portolan.ingest.nftables.Nft.Value;
import org.portolan.ingest.nftables.Nft.Words;

/** nftables vendor records → ACL model. Each piece is a small function tested directly. */
final class NftConverter {
  private NftConverter() {}

  static Optional<Set<Integer>> families(String family) {
    return switch (family) {
      case "ip" -> Optional.of(Set.of(4));
      case "ip6" -> Optional.of(Set.of(6));
      case "inet", "netdev" -> Optional.of(Set.of(4, 6));
      default -> Optional.empty();
    };
  }

  /** The hooks a path traverses, in order: netdev ingress, prerouting, the path's own hook, postrouting, netdev egress. */
  static final Map<String, List<String>> PATHS = Map.of(
      "input", List.of("ingress", "prerouting", "input"),
      "forward", List.of("ingress", "prerouting", "forward", "postrouting", "egress"),
      "output", List.of("output", "postrouting", "egress"));

  /**
   * Builds the ACL: every base chain of type filter, route or nat on an IP path becomes a
   * stage of that path, hook by hook and by priority within a hook (nat chains see only the
   * first packet of a connection; dnat/redirect there are undetermined).
   */
  static Optional<Acl> acl(Nft.Ruleset rs, String file, Diagnostics d) {
    return acl(rs, file, org.portolan.ingest.acl.HostFacts.NONE, d);
  }

  /** {@code local}: the host's own addresses and broadcast addresses, for {@code fib daddr type}; none known: empty. */
  static Optional<Acl> acl(Nft.Ruleset rs, String file, org.portolan.ingest.acl.HostFacts local, Diagnostics d) {
    Map<String, Chain> chains = new HashMap<>();
    record Base(String key, int prio, Set<Integer> fams, boolean nat) {}
    Map<String, List<Base>> bases = new HashMap<>();
    Optional<Set<Long>> marks = reachableMarks(rs);
    for (Nft.Table t : rs.tables()) {
      Optional<Set<Integer>> fams = families(t.family());
      if (fams.isEmpty()) {
        if (!t.chains().isEmpty()) d.warning(new SourcePosition(file, t.line(), 1), "table " + t.family() + " " + t.name() + " is not evaluated (only ip, ip6 and inet tables filter IP traffic here)");
        continue;
      }
      for (Nft.ChainDef c : t.chains()) {
        List<AclLine> lines = new ArrayList<>();
        for (Nft.Rule r : c.rules()) for (Nft.Rule x : expand(r)) lines.add(line(x, t, fams.get(), local, marks, file, d));
        Optional<Action> policy = Optional.empty();
        if (c.hook().isPresent()) policy = Optional.of(c.policy().orElse("accept").equals("drop") ? Action.DROP : Action.ACCEPT);
        String text = c.hook().isPresent() ? "chain " + c.name() + " { type " + c.type() + " hook " + c.hook().get() + " priority " + c.priority() + "; policy " + c.policy().orElse("accept") + "; }" : "chain " + c.name();
        chains.put(t.key(c.name()), new Chain(t.key(c.name()), lines, policy, new LineSource(file, c.line(), t.family() + " " + t.name() + " " + text)));
        if (c.hook().isPresent()) {
          String h = c.hook().get();
          boolean netdev = t.family().equals("netdev");
          boolean known = netdev ? List.of("ingress", "egress").contains(h) : List.of("prerouting", "input", "forward", "output", "postrouting").contains(h);
          if (!known || !List.of("filter", "route", "nat").contains(c.type())) {
            if (!c.rules().isEmpty() || c.policy().orElse("accept").equals("drop"))
              d.warning(new SourcePosition(file, c.line(), 1), "chain " + t.key(c.name()) + " (type " + c.type() + " hook " + h + ") is not on an IP path and is not evaluated");
            continue;
          }
          if (netdev && (!c.rules().isEmpty() || c.policy().orElse("accept").equals("drop")))
            d.warning(new SourcePosition(file, c.line(), 1), "netdev chain " + t.key(c.name()) + " is bound to one device; it is read as seeing every flow (the flows' devices are not known here)");
          bases.computeIfAbsent(h, k -> new ArrayList<>()).add(new Base(t.key(c.name()), c.priority(), fams.get(), c.type().equals("nat")));
        }
      }
    }
    for (Chain c : chains.values())
      for (AclLine l : c.lines())
        switch (l.action()) {
          case Action.Call call -> { if (!chains.containsKey(call.chain())) d.error(new SourcePosition(file, l.source().line(), 1), "jump to unknown chain " + call.chain()); }
          case Action.Goto g -> { if (!chains.containsKey(g.chain())) d.error(new SourcePosition(file, l.source().line(), 1), "goto unknown chain " + g.chain()); }
          case Action.Accept a -> { }
          case Action.Drop x -> { }
          case Action.Reject x -> { }
          case Action.Return x -> { }
          case Action.Continue x -> { }
          case Action.Unknown x -> { }
        }
    if (d.hasErrors()) return Optional.empty();
    Map<String, List<Stage>> paths = new HashMap<>();
    for (var e : PATHS.entrySet()) {
      if (e.getValue().stream().noneMatch(bases::containsKey)) continue;
      List<Stage> st = new ArrayList<>();
      for (String hook : e.getValue()) {
        List<Base> bs = new ArrayList<>(bases.getOrDefault(hook, List.of()));
        bs.sort((a, b) -> Integer.compare(a.prio(), b.prio()));
        for (Base b : bs) st.add(new Stage(b.key(), b.fams(), b.nat(), b.nat()));
      }
      paths.put(e.getKey(), List.copyOf(st));
    }
    return Optional.of(new Acl(file, "nftables", chains, paths, false));
  }

  /**
   * A rule with a verdict map ({@code ct state vmap { established : accept, invalid : drop }})
   * as one rule per element: {@code FIELD == KEY VERDICT}. The keys of a map are disjoint, so
   * their order does not matter; statements after the map are never reached.
   */
  static List<Nft.Rule> expand(Nft.Rule r) {
    int at = -1;
    for (int i = 0; i < r.statements().size(); i++) if (r.statements().get(i) instanceof Nft.VerdictMap) { at = i; break; }
    if (at < 0) return List.of(r);
    Nft.VerdictMap vm = (Nft.VerdictMap) r.statements().get(at);
    List<Nft.Rule> out = new ArrayList<>();
    for (Nft.VerdictMap.Entry e : vm.entries()) {
      List<Nft.Statement> st = new ArrayList<>(r.statements().subList(0, at));
      st.add(new Nft.Match(vm.left(), "==", e.key()));
      st.add(e.verdict());
      out.add(new Nft.Rule(r.line(), r.column(), r.text(), st));
    }
    return out;
  }

  /** One rule → one ACL line; conditions not modelled are warnings, and a verdict that depends on them undetermined. */
  static AclLine line(Nft.Rule r, Nft.Table t, Set<Integer> fams, String file, Diagnostics d) {
    return line(r, t, fams, org.portolan.ingest.acl.HostFacts.NONE, file, d);
  }

  static AclLine line(Nft.Rule r, Nft.Table t, Set<Integer> fams, org.portolan.ingest.acl.HostFacts local, String file, Diagnostics d) {
    return line(r, t, fams, local, Optional.empty(), file, d);
  }

  /**
   * The marks a packet can have on the path, besides one nothing set: those every
   * {@code meta mark set} of the ruleset can give ({@link Action.SetMark#reachable}); empty when
   * one sets it to something not read here, or there are more than 4,096.
   */
  static Optional<Set<Long>> reachableMarks(Nft.Ruleset rs) {
    List<Action.SetMark> ops = new ArrayList<>();
    for (Nft.Table t : rs.tables())
      for (Nft.ChainDef c : t.chains())
        for (Nft.Rule r : c.rules())
          for (Nft.Statement s : r.statements())
            if (s instanceof Nft.MarkSet ms) {
              if (ms.op().isEmpty()) return Optional.empty();
              ops.add(ms.op().get());
            }
    return Action.SetMark.reachable(ops);
  }

  /** {@code marks}: see {@link #reachableMarks}; they decide a {@code meta mark & M == V} whose exact set is too fragmented. */
  static AclLine line(Nft.Rule r, Nft.Table t, Set<Integer> fams, org.portolan.ingest.acl.HostFacts local, Optional<Set<Long>> reachable, String file, Diagnostics d) {
    SourcePosition at = new SourcePosition(file, r.line(), r.column());
    Match m = Match.any().families(fams);
    List<String> problems = new ArrayList<>();
    Optional<InterfaceMatch> in = Optional.empty(), out = Optional.empty();
    Action action = new Action.Continue("no verdict");
    boolean decided = false;
    List<Space> extra = new ArrayList<>();
    List<Nft.Rate> rates = new ArrayList<>();
    List<Space> unsure = new ArrayList<>(), dnatStatus = new ArrayList<>();
    Optional<Action.SetMark> markSet = Optional.empty();
    boolean markMatched = false;
    for (Nft.Statement s : r.statements()) {
      if (decided) break;
      switch (s) {
        case Nft.Match x -> {
          boolean neg = x.op().equals("!=");
          if (!List.of("==", "!=", "in").contains(x.op())) {
            Optional<Value> cmp = comparison(x.op(), x.right());
            if (cmp.isEmpty()) { problems.add("comparison '" + x.op() + "'"); continue; }
            x = new Nft.Match(x.left(), "==", cmp.get());
          }
          switch (x.left()) {
            case Payload p -> payload(p, x.right(), neg, t, m, problems, extra);
            case Meta meta -> {
              switch (meta.key()) {
                case "iifname", "oifname", "iif", "oif" -> {
                  Optional<List<String>> names = words(x.right(), t);
                  if (names.isEmpty() || names.get().isEmpty()) { problems.add("interface set"); continue; }
                  InterfaceMatch im = new InterfaceMatch(names.get(), neg);
                  if (meta.key().startsWith("i")) in = Optional.of(im); else out = Optional.of(im);
                }
                case "mark" -> {
                  // exact where the path set the mark (Box.MARK_UNSET is doubted below)
                  Optional<List<Value>> els = elements(x.right(), t);
                  Ranges marks = Ranges.EMPTY;
                  boolean ok = els.isPresent();
                  for (Value e : els.orElse(List.of())) {
                    Optional<Ranges> one = markValue(e);
                    if (one.isEmpty()) { ok = false; break; }
                    marks = marks.union(one.get());
                  }
                  if (!ok) { problems.add("meta mark value"); continue; }
                  m.mark(marks, neg);
                  markMatched = true;
                }
                case "l4proto" -> protos(x.right(), t).ifPresentOrElse(v -> m.proto(v, neg), () -> problems.add("meta l4proto value"));
                case "nfproto", "protocol" -> {
                  Optional<String> w = singleWord(x.right());
                  if (w.isPresent() && (w.get().equals("ipv4") || w.get().equals("ip"))) m.families(neg ? Set.of(6) : Set.of(4));
                  else if (w.isPresent() && (w.get().equals("ipv6") || w.get().equals("ip6"))) m.families(neg ? Set.of(4) : Set.of(6));
                  else problems.add("meta " + meta.key() + " " + w.orElse("set"));
                }
                default -> problems.add("meta " + meta.key());
              }
            }
            case Ct ct -> {
              if (ct.key().equals("state")) {
                Optional<Ranges> st = states(x.right(), t);
                if (st.isEmpty()) problems.add("ct state value");
                else m.state(st.get(), neg);
              } else if (ct.key().equals("status") && words(x.right(), t).filter(w -> w.equals(List.of("dnat"))).isPresent()) {
                // see Box.DNAT_STATUS: false for a first packet, unknown for the rest
                Ranges later = Box.DNAT_STATUS;
                if (!neg) m.state(later, false);
                dnatStatus.add(Match.any().state(later, false).build());
              } else problems.add("ct " + ct.key());
            }
            case Nft.UnknownField u -> problems.add(u.text());
            case Nft.Masked mk when mk.payload().protocol().equals("meta") && mk.payload().field().equals("mark") -> {
              // meta mark & MASK == VALUE: the marks m with m & MASK == VALUE, exactly as intervals (Box.MARK_UNSET doubted below)
              java.util.OptionalLong mask = markNumber(mk.mask()), val = x.right() instanceof Single sv ? markNumber(sv.text()) : java.util.OptionalLong.empty();
              Optional<Ranges> set = mask.isPresent() && val.isPresent() && (val.getAsLong() & ~mask.getAsLong()) == 0
                  ? Addrs.masked(val.getAsLong(), mask.getAsLong()).map(Addrs::v4) : Optional.empty();
              if (set.isEmpty() && mask.isPresent() && val.isPresent() && reachable.isPresent()) {
                // too fragmented as intervals: the marks the path can give, among which those that match (the rest never occur)
                Ranges r0 = Ranges.EMPTY;
                for (long v : reachable.get()) if ((v & mask.getAsLong()) == val.getAsLong()) r0 = r0.union(Ranges.single(v));
                set = Optional.of(r0);
              }
              if (set.isEmpty()) { problems.add("meta mark & " + mk.mask()); continue; }
              m.mark(set.get(), neg);
              markMatched = true;
            }
            case Nft.Masked mk -> masked(mk, x.right(), neg, m, problems, unsure);
            case Nft.Fib f -> {
              boolean src = f.text().equals("fib saddr type");
              Optional<List<String>> types = words(x.right(), t);
              if (!(src || f.text().equals("fib daddr type")) || types.isEmpty()) { problems.add(f.text() + " (what the routing table says)"); continue; }
              Addrs sure = Addrs.NONE, maybe = Addrs.NONE;
              boolean ok = true;
              for (String ty : types.get()) {
                Optional<org.portolan.ingest.acl.AddressTypes.Reading> rd = org.portolan.ingest.acl.AddressTypes.of(ty, local);
                if (rd.isEmpty()) { ok = false; break; }
                sure = sure.union(rd.get().sure());
                maybe = maybe.union(rd.get().maybe());
              }
              if (!ok) { problems.add(f.text() + " " + String.join(",", types.get())); continue; }
              maybe = maybe.minus(sure);
              if (neg) sure = Addrs.ANY.minus(sure).minus(maybe);
              Addrs upper = sure.union(maybe);
              if (src) m.src(upper, false); else m.dst(upper, false);
              if (!maybe.isEmpty()) unsure.add(src ? Match.any().src(maybe, false).build() : Match.any().dst(maybe, false).build());
            }
          }
        }
        case Nft.Verdict v -> {
          action = switch (v.kind()) {
            case "accept" -> Action.ACCEPT;
            case "drop" -> Action.DROP;
            case "reject" -> Action.REJECT;
            case "return" -> Action.RETURN;
            case "jump" -> new Action.Call(t.key(v.target()));
            case "goto" -> new Action.Goto(t.key(v.target()));
            case "continue" -> new Action.Continue("continue");
            case "snat", "masquerade" -> Action.ACCEPT; // after filtering: the packet goes on
            case "dnat", "redirect", "tproxy" -> {
              d.warning(at, v.kind() + " rewrites where the packet goes; that is not modelled, so a verdict for what it matches is undetermined");
              yield new Action.Unknown(v.kind() + " (rewrites the destination; not modelled)");
            }
            case "xt" -> {
              d.warning(at, "iptables target " + v.target() + " is held only as an opaque xt object: this dump lost what it does; import iptables-save output, which keeps it");
              yield new Action.Unknown("xt target " + v.target() + " (lost by this dump; iptables-save keeps it)");
            }
            default -> {
              d.warning(at, "verdict '" + v.kind() + "' is not modelled; a verdict that depends on this line is undetermined");
              yield new Action.Unknown("verdict " + v.kind());
            }
          };
          decided = !(action instanceof Action.Continue);
        }
        case Nft.Other o -> {
          if (o.affectsMatching() && o.name().startsWith("xt "))
            problems.add("'" + o.name() + "': an iptables condition this dump holds only as an opaque xt object (lost here; import iptables-save output, which keeps it)");
          else if (o.affectsMatching()) problems.add("'" + o.name() + "'");
        }
        case Nft.Rate rt -> rates.add(rt);
        case Nft.MarkSet ms -> {
          if (ms.op().isPresent()) markSet = ms.op();
          else { markSet = Optional.of(new Action.SetMark(0, 0)); problems.add(ms.text() + " (what the mark becomes is not read)"); }
        }
        case Nft.VerdictMap vm -> problems.add("verdict map");
      }
    }
    Space match = m.build();
    for (Space e : extra) match = match.intersect(e);
    if (markSet.isPresent() && action instanceof Action.Continue c) action = new Action.Continue(c.what(), markSet);
    if (markMatched) dnatStatus.add(org.portolan.ingest.acl.Match.MARK_DOUBT);
    AclLine line = new AclLine(match, in, out, action, new LineSource(file, r.line(), r.text()));
    if (!rates.isEmpty())
      line = line.rateLimited(String.join(" ", rates.stream().map(Nft.Rate::text).toList()), rates.stream().noneMatch(Nft.Rate::over));
    if (problems.isEmpty() && !dnatStatus.isEmpty() && unsure.isEmpty())
      return line.doubting(markMatched && dnatStatus.size() == 1 ? "the packet mark, where no line earlier on the path set it (meta mark)"
          : "whether the connection of an established or related packet was DNATed (ct status dnat), or the packet mark where no line earlier on the path set it",
          dnatStatus.stream().reduce(Space.EMPTY, Space::plus));
    unsure.addAll(dnatStatus);
    if (problems.isEmpty() && !unsure.isEmpty()) {
      Space region = Space.EMPTY;
      for (Space u : unsure) region = region.plus(u);
      d.warning(at, "the address type or TCP flags of some packets this rule matches are not known here (give --local with the host's addresses); a verdict that depends on them is undetermined");
      return line.doubting("address type or TCP flags of these packets (fib / tcp flags)", region);
    }
    return problems.isEmpty() ? line : Unmodelled.doubtful(line, problems, at, d);
  }

  /**
   * One mark value: {@code V}, a range {@code V-W}, or the prefix {@code V/LEN} nft writes for
   * {@code meta mark & MASK == V} when the mask is LEN high bits (the marks whose top LEN bits are V's).
   */
  static Optional<Ranges> markValue(Value e) {
    switch (e) {
      case Single sv -> {
        java.util.OptionalLong n = markNumber(sv.text());
        return n.isPresent() ? Optional.of(Ranges.single(n.getAsLong())) : Optional.empty();
      }
      case Nft.Range r -> {
        java.util.OptionalLong a = markNumber(r.from()), b = markNumber(r.to());
        return a.isPresent() && b.isPresent() && a.getAsLong() <= b.getAsLong() ? Optional.of(Ranges.of(a.getAsLong(), b.getAsLong())) : Optional.empty();
      }
      case Nft.Prefix pf -> {
        java.util.OptionalLong a = markNumber(pf.address());
        if (a.isEmpty() || pf.length() < 0 || pf.length() > 32) return Optional.empty();
        long low = (1L << (32 - pf.length())) - 1, lo = a.getAsLong() & ~low & 0xFFFF_FFFFL;
        return Optional.of(Ranges.of(lo, lo | low));
      }
      case Nft.SetRef x -> { return Optional.empty(); }
      case Nft.Anonymous x -> { return Optional.empty(); }
      case Words x -> { return Optional.empty(); }
    }
  }

  /**
   * The value of {@code meta mark set}: {@code N}, or the mark ({@code mark}, {@code meta mark})
   * followed by and/&, or/|, xor/^ of numbers, applied left to right as nft does; empty otherwise.
   */
  static Optional<Action.SetMark> markExpression(List<String> words) {
    if (words.size() == 1) {
      java.util.OptionalLong n = markNumber(words.getFirst());
      return n.isPresent() ? Optional.of(new Action.SetMark(n.getAsLong(), 0xFFFF_FFFFL)) : Optional.empty();
    }
    int i = words.size() > 0 && words.getFirst().equals("meta") ? 1 : 0;
    if (i >= words.size() || !words.get(i).equals("mark")) return Optional.empty();
    Action.SetMark op = Action.SetMark.KEEP;
    for (i++; i + 1 < words.size(); i += 2) {
      java.util.OptionalLong n = markNumber(words.get(i + 1));
      if (n.isEmpty()) return Optional.empty();
      op = switch (words.get(i)) {
        case "and", "&" -> op.and(n.getAsLong());
        case "or", "|" -> op.or(n.getAsLong());
        case "xor", "^" -> op.xor(n.getAsLong());
        default -> null;
      };
      if (op == null) return Optional.empty();
    }
    return i == words.size() ? Optional.of(op) : Optional.empty();
  }

  /** A mark as nft writes it (0x00000001) or a decimal, 32 bits. */
  static java.util.OptionalLong markNumber(String t) {
    try {
      long n = t.startsWith("0x") ? Long.parseLong(t.substring(2), 16) : Long.parseLong(t);
      return n >= 0 && n <= 0xFFFF_FFFFL ? java.util.OptionalLong.of(n) : java.util.OptionalLong.empty();
    } catch (NumberFormatException e) {
      return java.util.OptionalLong.empty();
    }
  }

  /** {@code ip saddr & MASK == VALUE} (any mask, exactly) and {@code tcp flags & MASK == VALUE}. */
  private static void masked(Nft.Masked mk, Value right, boolean neg, Match m, List<String> problems, List<Space> unsure) {
    String what = mk.payload().protocol() + " " + mk.payload().field();
    switch (what) {
      case "ip saddr", "ip daddr" -> {
        Optional<Long> mask = Addrs.v4(mk.mask()), val = right instanceof Single s ? Addrs.v4(s.text()) : Optional.empty();
        Optional<Addrs> a = mask.isPresent() && val.isPresent() ? Addrs.masked(val.get(), mask.get()) : Optional.empty();
        if (a.isEmpty()) { problems.add(what + " & " + mk.mask()); return; }
        m.family(4);
        if (mk.payload().field().equals("saddr")) m.src(a.get(), neg); else m.dst(a.get(), neg);
      }
      case "tcp flags" -> {
        Optional<Integer> mask = org.portolan.ingest.acl.TcpFlags.parse(mk.mask());
        Optional<Integer> val = right instanceof Single s ? org.portolan.ingest.acl.TcpFlags.parse(s.text())
            : right instanceof Words w ? org.portolan.ingest.acl.TcpFlags.parse(String.join("|", w.words())) : Optional.empty();
        if (mask.isEmpty() || val.isEmpty()) { problems.add(what + " & " + mk.mask()); return; }
        org.portolan.ingest.acl.TcpFlags.Reading rd = org.portolan.ingest.acl.TcpFlags.read(mask.get(), val.get() & mask.get(), neg);
        m.proto(Ranges.single(6), false).state(rd.states(), false);
        if (!rd.exact()) unsure.add(Match.any().state(Ranges.single(Box.ESTABLISHED), false).build());
      }
      default -> problems.add(what + " & " + mk.mask());
    }
  }


  private static Optional<Value> comparison(String op, Value v) {
    if (!(v instanceof Single s)) return Optional.empty();
    OptionalInt n = Protocols.number(s.text(), 65535);
    if (n.isEmpty()) return Optional.empty();
    int x = n.getAsInt();
    return switch (op) {
      case "<" -> x == 0 ? Optional.of(new Anonymous(List.of())) : Optional.of(new Range("0", Integer.toString(x - 1)));
      case "<=" -> Optional.of(new Range("0", Integer.toString(x)));
      case ">" -> x >= 65535 ? Optional.of(new Anonymous(List.of())) : Optional.of(new Range(Integer.toString(x + 1), "65535"));
      case ">=" -> Optional.of(new Range(Integer.toString(x), "65535"));
      default -> Optional.empty();
    };
  }

  /** Interface names of a value: one name, an anonymous set or a named set of names. */
  private static Optional<List<String>> words(Value v, Nft.Table t) {
    Optional<List<Value>> els = elements(v, t);
    if (els.isEmpty()) return Optional.empty();
    List<String> out = new ArrayList<>();
    for (Value e : els.get()) {
      if (!(e instanceof Single s)) return Optional.empty();
      out.add(s.text());
    }
    return Optional.of(out);
  }

  private static Optional<String> singleWord(Value v) {
    return switch (v) {
      case Single s -> Optional.of(s.text());
      case Words w -> w.words().size() == 1 ? Optional.of(w.words().getFirst()) : Optional.empty();
      case Anonymous a -> a.elements().size() == 1 ? singleWord(a.elements().getFirst()) : Optional.empty();
      case Prefix p -> Optional.empty();
      case Range r -> Optional.empty();
      case SetRef s -> Optional.empty();
    };
  }

  /** Elements of a value, with named sets expanded. */
  static Optional<List<Value>> elements(Value v, Nft.Table t) {
    return switch (v) {
      case SetRef s -> Optional.ofNullable(t.sets().get(s.name())).map(Nft.NamedSet::elements);
      case Anonymous a -> Optional.of(a.elements());
      case Words w -> Optional.of(w.words().stream().map(x -> (Value) new Single(x)).toList());
      case Single s -> Optional.of(List.of(s));
      case Prefix p -> Optional.of(List.of(p));
      case Range r -> Optional.of(List.of(r));
    };
  }

  static Optional<Addrs> addresses(Value v, Nft.Table t) {
    Optional<List<Value>> els = elements(v, t);
    if (els.isEmpty()) return Optional.empty();
    List<Addrs> parts = new ArrayList<>(els.get().size());
    for (Value e : els.get()) {
      Optional<Addrs> x = switch (e) {
        case Single s -> Addrs.parse(s.text());
        case Prefix p -> Addrs.parse(p.address() + "/" + p.length());
        case Range r -> Addrs.parse(r.from() + "-" + r.to());
        case SetRef s -> Optional.empty();
        case Anonymous an -> addresses(an, t);
        case Words w -> Optional.empty();
      };
      if (x.isEmpty()) return Optional.empty();
      parts.add(x.get());
    }
    return Optional.of(Addrs.unionAll(parts));
  }

  private static final Map<String, Integer> SERVICES = Map.ofEntries(Map.entry("ssh", 22), Map.entry("http", 80), Map.entry("https", 443),
      Map.entry("domain", 53), Map.entry("smtp", 25), Map.entry("ntp", 123), Map.entry("ftp", 21), Map.entry("telnet", 23),
      Map.entry("ldap", 389), Map.entry("ldaps", 636), Map.entry("kerberos", 88), Map.entry("microsoft-ds", 445), Map.entry("bootps", 67),
      Map.entry("bootpc", 68), Map.entry("snmp", 161), Map.entry("imap", 143), Map.entry("pop3", 110), Map.entry("rdp", 3389), Map.entry("ms-wbt-server", 3389));

  static OptionalInt port(String s) {
    Integer n = SERVICES.get(s.toLowerCase(Locale.ROOT));
    return n != null ? OptionalInt.of(n) : Protocols.number(s, 65535);
  }

  static Optional<Ranges> ports(Value v, Nft.Table t) {
    Optional<List<Value>> els = elements(v, t);
    if (els.isEmpty()) return Optional.empty();
    Ranges r = Ranges.EMPTY;
    for (Value e : els.get()) {
      switch (e) {
        case Single s -> {
          OptionalInt p = port(s.text());
          if (p.isEmpty()) return Optional.empty();
          r = r.union(Ranges.single(p.getAsInt()));
        }
        case Range rg -> {
          OptionalInt a = port(rg.from()), b = port(rg.to());
          if (a.isEmpty() || b.isEmpty() || a.getAsInt() > b.getAsInt()) return Optional.empty();
          r = r.union(Ranges.of(a.getAsInt(), b.getAsInt()));
        }
        case Anonymous an -> {
          Optional<Ranges> x = ports(an, t);
          if (x.isEmpty()) return Optional.empty();
          r = r.union(x.get());
        }
        case Prefix p -> { return Optional.empty(); }
        case SetRef s -> { return Optional.empty(); }
        case Words w -> { return Optional.empty(); }
      }
    }
    return Optional.of(r);
  }

  static Optional<Ranges> protos(Value v, Nft.Table t) {
    Optional<List<Value>> els = elements(v, t);
    if (els.isEmpty()) return Optional.empty();
    Ranges r = Ranges.EMPTY;
    for (Value e : els.get()) {
      if (!(e instanceof Single s)) return Optional.empty();
      OptionalInt p = Protocols.protocol(s.text());
      if (p.isEmpty()) return Optional.empty();
      r = r.union(Ranges.single(p.getAsInt()));
    }
    return Optional.of(r);
  }

  static Optional<Ranges> states(Value v, Nft.Table t) {
    Optional<List<Value>> els = elements(v, t);
    if (els.isEmpty()) return Optional.empty();
    Ranges r = Ranges.EMPTY;
    for (Value e : els.get()) {
      if (!(e instanceof Single s)) return Optional.empty();
      for (String w : s.text().split(",")) {
        int st = switch (w.strip()) {
          case "new" -> Box.NEW;
          case "established" -> Box.ESTABLISHED;
          case "related" -> Box.RELATED;
          case "invalid" -> Box.INVALID;
          case "untracked" -> Box.UNTRACKED;
          default -> -1;
        };
        if (st < 0) return Optional.empty();
        r = r.union(Ranges.single(st));
      }
    }
    return Optional.of(r);
  }

  static Optional<Ranges> icmpTypes(Value v, Nft.Table t, boolean code) {
    Optional<List<Value>> els = elements(v, t);
    if (els.isEmpty()) return Optional.empty();
    Ranges r = Ranges.EMPTY;
    for (Value e : els.get()) {
      if (!(e instanceof Single s)) return Optional.empty();
      OptionalInt n = code ? Protocols.number(s.text(), 255) : icmpType(s.text());
      if (n.isEmpty()) return Optional.empty();
      r = r.union(Ranges.single(n.getAsInt()));
    }
    return Optional.of(r);
  }

  /** Every icmpv6 type name nft(8) knows (its ICMPV6 TYPE TYPE table). */
  private static final Map<String, Integer> ICMPV6 = Map.ofEntries(Map.entry("destination-unreachable", 1), Map.entry("packet-too-big", 2),
      Map.entry("time-exceeded", 3), Map.entry("parameter-problem", 4), Map.entry("echo-request", 128), Map.entry("echo-reply", 129),
      Map.entry("mld-listener-query", 130), Map.entry("mld-listener-report", 131), Map.entry("mld-listener-done", 132), Map.entry("mld-listener-reduction", 132),
      Map.entry("nd-router-solicit", 133), Map.entry("nd-router-advert", 134), Map.entry("nd-neighbor-solicit", 135), Map.entry("nd-neighbor-advert", 136),
      Map.entry("nd-redirect", 137), Map.entry("router-renumbering", 138), Map.entry("ind-neighbor-solicit", 141), Map.entry("ind-neighbor-advert", 142),
      Map.entry("mld2-listener-report", 143));

  private static OptionalInt icmpType(String s) {
    return Protocols.icmpType(s);
  }

  private static void payload(Payload p, Value right, boolean neg, Nft.Table t, Match m, List<String> problems, List<Space> extra) {
    String proto = p.protocol(), field = p.field();
    switch (proto + " " + field) {
      case "ip saddr", "ip daddr", "ip6 saddr", "ip6 daddr" -> {
        Optional<Addrs> a = addresses(right, t);
        if (a.isEmpty()) { problems.add(proto + " " + field + " value"); return; }
        m.family(proto.equals("ip") ? 4 : 6);
        if (field.equals("saddr")) m.src(a.get(), neg); else m.dst(a.get(), neg);
      }
      case "ip protocol", "ip6 nexthdr" -> {
        m.family(proto.equals("ip") ? 4 : 6);
        protos(right, t).ifPresentOrElse(v -> m.proto(v, neg), () -> problems.add(proto + " " + field + " value"));
      }
      case "tcp dport", "tcp sport", "udp dport", "udp sport", "sctp dport", "sctp sport", "th dport", "th sport" -> {
        Optional<Ranges> ports = ports(right, t);
        if (ports.isEmpty()) { problems.add(proto + " " + field + " value"); return; }
        Ranges pr = switch (proto) {
          case "tcp" -> Ranges.single(6);
          case "udp" -> Ranges.single(17);
          case "sctp" -> Ranges.single(132);
          default -> Ranges.single(6).union(Ranges.single(17)).union(Ranges.single(132)).union(Ranges.single(33)).union(Ranges.single(136));
        };
        m.proto(pr, false);
        if (field.equals("dport")) m.dport(ports.get(), neg); else m.sport(ports.get(), neg);
      }
      case "icmp type", "icmpv6 type", "icmp code", "icmpv6 code" -> {
        boolean v6 = proto.equals("icmpv6");
        boolean code = field.equals("code");
        Optional<Ranges> types = v6 && !code ? icmp6Types(right, t) : icmpTypes(right, t, code);
        if (types.isEmpty()) { problems.add(proto + " " + field + " value"); return; }
        m.family(v6 ? 6 : 4).proto(Ranges.single(v6 ? 58 : 1), false);
        Ranges enc = Ranges.EMPTY;
        for (int i = 0; i < types.get().intervals(); i++)
          for (long x = types.get().fromLo(i); x <= types.get().toLo(i); x++)
            enc = enc.union(code ? codeRange((int) x) : Ports.icmp((int) x, OptionalInt.empty()));
        m.dport(enc, neg);
      }
      default -> problems.add(proto + " " + field);
    }
  }

  /** All type*256+code values with this code. */
  private static Ranges codeRange(int code) {
    Ranges r = Ranges.EMPTY;
    for (int type = 0; type < 256; type++) r = r.union(Ranges.single(type * 256L + code));
    return r;
  }

  private static Optional<Ranges> icmp6Types(Value v, Nft.Table t) {
    Optional<List<Value>> els = elements(v, t);
    if (els.isEmpty()) return Optional.empty();
    Ranges r = Ranges.EMPTY;
    for (Value e : els.get()) {
      if (!(e instanceof Single s)) return Optional.empty();
      Integer n = ICMPV6.get(s.text());
      OptionalInt x = n != null ? OptionalInt.of(n) : Protocols.number(s.text(), 255);
      if (x.isEmpty()) return Optional.empty();
      r = r.union(Ranges.single(x.getAsInt()));
    }
    return Optional.of(r);
  }
}
