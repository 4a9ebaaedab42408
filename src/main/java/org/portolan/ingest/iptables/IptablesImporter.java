package org.portolan.ingest.iptables;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.portolan.diag.Diagnostics;
import org.portolan.diag.SourcePosition;
import org.portolan.ingest.acl.Acl;
import org.portolan.ingest.acl.AclLine;
import org.portolan.ingest.acl.Action;
import org.portolan.ingest.acl.Chain;
import org.portolan.ingest.acl.LineSource;
import org.portolan.ingest.acl.Stage;

/**
 * iptables-save / ip6tables-save output → ACL model. The filter table's INPUT, FORWARD and
 * OUTPUT chains become the paths {@code input}, {@code forward}, {@code output}; other tables
 * are not evaluated (a warning says so when they hold rules).
 */
public final class IptablesImporter {
  private IptablesImporter() {}

  /** ip6tables-restore input without the ip6tables-save header: an IPv6 address or ICMPv6 gives it away. */
  static boolean looksIpv6(IptablesRule r) {
    return r.source().map(x -> x.value().contains(":")).orElse(false) || r.destination().map(x -> x.value().contains(":")).orElse(false)
        || r.protocol().map(x -> x.value().equalsIgnoreCase("icmpv6") || x.value().equalsIgnoreCase("ipv6-icmp")).orElse(false);
  }

  /** The tables besides filter that can drop or rewrite a packet on its path, evaluated as stages. */
  static final Map<String, Integer> OTHER = Map.of("raw", 0, "mangle", 1, "nat", 2, "security", 3);

  /** The base chains a path traverses, in the kernel's order (netfilter hook priorities). */
  static final Map<String, List<String>> HOOKS = Map.of(
      "input", List.of("raw:PREROUTING", "mangle:PREROUTING", "nat:PREROUTING", "mangle:INPUT", "INPUT", "security:INPUT", "nat:INPUT"),
      "forward", List.of("raw:PREROUTING", "mangle:PREROUTING", "nat:PREROUTING", "mangle:FORWARD", "FORWARD", "security:FORWARD", "mangle:POSTROUTING", "nat:POSTROUTING"),
      "output", List.of("raw:OUTPUT", "mangle:OUTPUT", "nat:OUTPUT", "OUTPUT", "security:OUTPUT", "mangle:POSTROUTING", "nat:POSTROUTING"));

  /** A chain with rules or a policy other than ACCEPT, or one calling such a chain: worth a stage. */
  private static boolean reaches(Map<String, Chain> chains, String c, Set<String> active) {
    return active.contains(c);
  }

  /** Imports; errors and warnings go to {@code d}; returns empty when the file cannot be read as a ruleset. */
  public static Optional<Acl> read(String content, String file, Diagnostics d) {
    return read(content, file, org.portolan.ingest.acl.HostFacts.NONE, d);
  }

  /** {@code facts}: the host's own addresses (for {@code -m addrtype}, taken as all of them) and its ipsets (for {@code -m set}). */
  public static Optional<Acl> read(String content, String file, org.portolan.ingest.acl.HostFacts facts, Diagnostics d) {
    IptablesSaveParser.Save save = IptablesSaveParser.parse(content, file, d);
    int family = save.ipv6() || save.tables().stream().flatMap(t -> t.rules().stream()).anyMatch(IptablesImporter::looksIpv6) ? 6 : 4;
    Map<String, Chain> chains = new HashMap<>();
    boolean sawFilter = false;
    Set<String> active = new HashSet<>();
    Optional<Set<Long>> marks = IptablesConverter.reachableMarks(save.tables().stream().flatMap(t -> t.rules().stream()).toList());
    for (IptablesSaveParser.Table t : save.tables()) {
      boolean filter = t.name().equals("filter");
      if (!filter && !OTHER.containsKey(t.name())) {
        if (!t.rules().isEmpty())
          d.warning(new SourcePosition(file, t.line(), 1), "table *" + t.name() + " (" + t.rules().size() + " rules) is not evaluated");
        continue;
      }
      if (filter && sawFilter) d.error(new SourcePosition(file, t.line(), 1), "a second *filter table");
      sawFilter |= filter;
      String prefix = filter ? "" : t.name() + ":";
      Set<String> user = new HashSet<>();
      for (var c : t.chains().values()) if (c.policy().equals("-")) user.add(c.name());
      Map<String, List<AclLine>> lines = new HashMap<>();
      for (IptablesRule r : t.rules()) {
        AclLine l = IptablesConverter.line(r, family, user, facts, marks, file, d);
        if (!filter) l = IptablesConverter.inTable(t.name(), r, l, prefix, file, d);
        lines.computeIfAbsent(r.chain(), k -> new ArrayList<>()).add(l);
        active.add(prefix + r.chain());
      }
      for (var c : t.chains().values()) {
        List<AclLine> ls = lines.getOrDefault(c.name(), List.of());
        Optional<Action> policy = switch (c.policy()) {
          case "-" -> Optional.empty();
          case "ACCEPT" -> Optional.of(Action.ACCEPT);
          default -> Optional.of(Action.DROP);
        };
        if (c.policy().equals("QUEUE") || c.policy().equals("RETURN"))
          d.warning(new SourcePosition(file, c.line(), 1), "policy " + c.policy() + " is read as DROP (conservative)");
        chains.put(prefix + c.name(), new Chain(prefix + c.name(), ls, policy, new LineSource(file, c.line(), (filter ? "" : "*" + t.name() + " ") + c.text())));
        if (!c.policy().equals("-") && !c.policy().equals("ACCEPT")) active.add(prefix + c.name());
      }
    }
    if (d.hasErrors()) return Optional.empty();
    if (!sawFilter) {
      d.error(SourcePosition.of(file), "no *filter table: expected iptables-save output with '*filter' … 'COMMIT'");
      return Optional.empty();
    }
    Map<String, List<Stage>> paths = new HashMap<>();
    for (var e : Map.of("input", "INPUT", "forward", "FORWARD", "output", "OUTPUT").entrySet()) {
      if (!chains.containsKey(e.getValue())) continue;
      List<Stage> st = new ArrayList<>();
      for (String c : HOOKS.get(e.getKey())) {
        if (c.equals("INPUT") || c.equals("FORWARD") || c.equals("OUTPUT")) { st.add(new Stage(c, Set.of(family))); continue; }
        if (!chains.containsKey(c) || !reaches(chains, c, active)) continue;
        st.add(new Stage(c, Set.of(family), !c.startsWith("security:"), c.startsWith("nat:")));
      }
      paths.put(e.getKey(), List.copyOf(st));
    }
    return Optional.of(new Acl(file, "iptables", chains, paths, false, Set.of(family)));
  }
}
