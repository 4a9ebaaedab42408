package org.portolan.ingest.iptables;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.portolan.diag.Diagnostics;
import org.portolan.diag.SourcePosition;
import org.portolan.ingest.acl.Addrs;
import org.portolan.ingest.acl.Tokens;

/**
 * {@code ipset save} output → the members of each set. Sets of one address per member
 * ({@code hash:ip}, {@code hash:net}, {@code bitmap:ip}) are read exactly (entries with a
 * {@code timeout} count as members: they are, at the time of the dump); other types
 * ({@code hash:ip,port}, {@code hash:net,iface}, {@code list:set}…) are kept as "not modelled"
 * (empty), so rules using them are doubted.
 */
public final class IpsetSave {
  private IpsetSave() {}

  static final Set<String> ADDRESS_TYPES = Set.of("hash:ip", "hash:net", "bitmap:ip");

  public static Map<String, Optional<Addrs>> parse(String content, String file, Diagnostics d) {
    Map<String, Optional<Addrs>> sets = new LinkedHashMap<>();
    // members gathered per set and merged once at the end: folding 100,000 members in one at a time is quadratic
    Map<String, List<Addrs>> members = new java.util.HashMap<>();
    String[] lines = content.split("\r?\n|\r", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].strip();
      if (line.isEmpty() || line.startsWith("#")) continue;
      List<Tokens.Token> t = Tokens.split(line);
      SourcePosition at = new SourcePosition(file, i + 1, 1);
      switch (t.getFirst().text()) {
        case "create", "-N", "-exist" -> {
          if (t.size() < 3) { d.error(at, "expected 'create NAME TYPE …'"); continue; }
          sets.put(t.get(1).text(), ADDRESS_TYPES.contains(t.get(2).text()) ? Optional.of(Addrs.NONE) : Optional.empty());
          members.remove(t.get(1).text());
        }
        case "add", "-A" -> {
          if (t.size() < 3) { d.error(at, "expected 'add NAME MEMBER'"); continue; }
          String name = t.get(1).text();
          if (!sets.containsKey(name)) { d.error(new SourcePosition(file, i + 1, t.get(1).column()), "add to set '" + name + "', which no 'create' line declares before"); continue; }
          if (sets.get(name).isEmpty()) continue;
          Optional<Addrs> a = Addrs.parse(t.get(2).text());
          if (a.isEmpty()) { d.error(new SourcePosition(file, i + 1, t.get(2).column()), "expected an address, CIDR or range as member of " + name + ", got '" + t.get(2).text() + "'"); continue; }
          members.computeIfAbsent(name, k -> new java.util.ArrayList<>()).add(a.get());
        }
        default -> d.error(at, "expected 'create NAME TYPE …' or 'add NAME MEMBER' (ipset save output), got '" + IptablesSaveParser.abbreviate(line) + "'");
      }
    }
    for (var e : members.entrySet()) if (sets.get(e.getKey()).isPresent()) sets.put(e.getKey(), Optional.of(Addrs.unionAll(e.getValue())));
    return sets;
  }
}
