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

  /** Imports; errors and warnings go to {@code d}; returns empty when the file cannot be read as a ruleset. */
  public static Optional<Acl> read(String content, String file, Diagnostics d) {
    IptablesSaveParser.Save save = IptablesSaveParser.parse(content, file, d);
    int family = save.ipv6() ? 6 : 4;
    Map<String, Chain> chains = new HashMap<>();
    boolean sawFilter = false;
    for (IptablesSaveParser.Table t : save.tables()) {
      if (!t.name().equals("filter")) {
        if (!t.rules().isEmpty())
          d.warning(new SourcePosition(file, t.line(), 1), "table *" + t.name() + " (" + t.rules().size() + " rules) is not evaluated; only *filter decides what passes here");
        continue;
      }
      if (sawFilter) d.error(new SourcePosition(file, t.line(), 1), "a second *filter table");
      sawFilter = true;
      Set<String> user = new HashSet<>();
      for (var c : t.chains().values()) if (c.policy().equals("-")) user.add(c.name());
      Map<String, List<AclLine>> lines = new HashMap<>();
      for (IptablesRule r : t.rules()) {
        AclLine l = IptablesConverter.line(r, family, user, file, d);
        lines.computeIfAbsent(r.chain(), k -> new ArrayList<>()).add(l);
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
        chains.put(c.name(), new Chain(c.name(), ls, policy, new LineSource(file, c.line(), c.text())));
      }
    }
    if (d.hasErrors()) return Optional.empty();
    if (!sawFilter) {
      d.error(SourcePosition.of(file), "no *filter table: expected iptables-save output with '*filter' … 'COMMIT'");
      return Optional.empty();
    }
    Map<String, List<Stage>> paths = new HashMap<>();
    for (var e : Map.of("input", "INPUT", "forward", "FORWARD", "output", "OUTPUT").entrySet()) {
      if (chains.containsKey(e.getValue())) paths.put(e.getKey(), List.of(new Stage(e.getValue(), Set.of(family))));
    }
    return Optional.of(new Acl(file, "iptables", chains, paths, false, Set.of(family)));
  }
}
