package org.portolan.ingest.iptables;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.portolan.diag.Diagnostics;
import org.portolan.diag.SourcePosition;
import org.portolan.diag.SourceText;
import org.portolan.ingest.acl.Addrs;
import org.portolan.ingest.acl.IpsetTuples;
import org.portolan.ingest.acl.Match;
import org.portolan.ingest.acl.Ports;
import org.portolan.ingest.acl.Ranges;
import org.portolan.ingest.acl.Space;
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
    return read(content, file, d).single();
  }

  /** The sets of one address per member, and those of address and port tuples. */
  public record Sets(Map<String, Optional<Addrs>> single, Map<String, IpsetTuples> tuples) {}

  /** The field kinds of a tuple type ({@code hash:ip,port} → ip, port), or empty when one is not an address or a port. */
  static Optional<List<String>> tupleFields(String type) {
    if (!type.startsWith("hash:")) return Optional.empty();
    List<String> f = List.of(type.substring(5).split(","));
    if (f.size() < 2 || !f.stream().allMatch(k -> k.equals("ip") || k.equals("net") || k.equals("port"))) return Optional.empty();
    return Optional.of(f);
  }

  /** {@code ipset save} output → every set it declares: those not modelled are empty in {@link Sets#single}. */
  public static Sets read(String content, String file, Diagnostics d) {
    Map<String, Optional<Addrs>> sets = new LinkedHashMap<>();
    // members gathered per set and merged once at the end: folding 100,000 members in one at a time is quadratic
    Map<String, List<Addrs>> addrMembers = new java.util.HashMap<>();
    Map<String, List<String>> tupleTypes = new LinkedHashMap<>();
    Map<String, List<List<Space[]>>> tuples = new LinkedHashMap<>();
    String[] lines = SourceText.lines(content);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].strip();
      if (line.isEmpty() || line.startsWith("#")) continue;
      List<Tokens.Token> t = Tokens.split(line);
      SourcePosition at = new SourcePosition(file, i + 1, 1);
      switch (t.getFirst().text()) {
        case "create", "-N", "-exist" -> {
          if (t.size() < 3) { d.error(at, "expected 'create NAME TYPE …'"); continue; }
          sets.put(t.get(1).text(), ADDRESS_TYPES.contains(t.get(2).text()) ? Optional.of(Addrs.NONE) : Optional.empty());
          addrMembers.remove(t.get(1).text());
          tupleFields(t.get(2).text()).ifPresent(f -> { tupleTypes.put(t.get(1).text(), f); tuples.put(t.get(1).text(), new ArrayList<>()); });
        }
        case "add", "-A" -> {
          if (t.size() < 3) { d.error(at, "expected 'add NAME MEMBER'"); continue; }
          String name = t.get(1).text();
          if (!sets.containsKey(name)) { d.error(new SourcePosition(file, i + 1, t.get(1).column()), "add to set '" + name + "', which no 'create' line declares before"); continue; }
          boolean nomatch = t.stream().anyMatch(x -> x.text().equals("nomatch"));
          if (tuples.containsKey(name)) {
            Optional<List<Space[]>> m = nomatch ? Optional.empty() : member(t.get(2).text(), tupleTypes.get(name));
            // a member this model cannot read (an ICMP or other-protocol port…): the whole set is not modelled
            if (m.isEmpty()) { tuples.remove(name); continue; }
            tuples.get(name).add(m.get());
            continue;
          }
          if (sets.get(name).isEmpty()) continue;
          if (nomatch) { sets.put(name, Optional.empty()); continue; }
          Optional<Addrs> a = Addrs.parse(t.get(2).text());
          if (a.isEmpty()) { d.error(new SourcePosition(file, i + 1, t.get(2).column()), "expected an address, CIDR or range as member of " + name + ", got '" + t.get(2).text() + "'"); continue; }
          addrMembers.computeIfAbsent(name, k -> new java.util.ArrayList<>()).add(a.get());
        }
        default -> d.error(at, "expected 'create NAME TYPE …' or 'add NAME MEMBER' (ipset save output), got '" + IptablesSaveParser.abbreviate(line) + "'");
      }
    }
    for (var e : addrMembers.entrySet()) if (sets.get(e.getKey()).isPresent()) sets.put(e.getKey(), Optional.of(Addrs.unionAll(e.getValue())));
    Map<String, IpsetTuples> read = new LinkedHashMap<>();
    tuples.forEach((name, members) -> read.put(name, new IpsetTuples(tupleTypes.get(name).size(), members)));
    return new Sets(sets, read);
  }

  /** One member of a tuple set ({@code 198.19.2.10,tcp:1002}): per field, the packets whose source, then destination, it matches. */
  static Optional<List<Space[]>> member(String text, List<String> kinds) {
    String[] f = text.split(",", -1);
    if (f.length != kinds.size()) return Optional.empty();
    List<Space[]> out = new ArrayList<>();
    for (int i = 0; i < f.length; i++) {
      if (kinds.get(i).equals("port")) {
        // PROTO:PORT or PORT (tcp), a port range FROM-TO; ipset's other protocols (icmp:TYPE…) are not modelled
        String[] pp = f[i].contains(":") ? f[i].split(":", 2) : new String[] {"tcp", f[i]};
        int proto = switch (pp[0]) {
          case "tcp" -> 6;
          case "udp" -> 17;
          case "sctp" -> 132;
          case "udplite" -> 136;
          default -> -1;
        };
        Optional<Ranges> ports = Ports.parse(pp[1]);
        if (proto < 0 || ports.isEmpty()) return Optional.empty();
        out.add(new Space[] {Match.any().proto(Ranges.single(proto), false).sport(ports.get(), false).build(),
            Match.any().proto(Ranges.single(proto), false).dport(ports.get(), false).build()});
      } else {
        Optional<Addrs> a = Addrs.parse(f[i]);
        if (a.isEmpty()) return Optional.empty();
        out.add(new Space[] {Match.any().src(a.get(), false).build(), Match.any().dst(a.get(), false).build()});
      }
    }
    return Optional.of(out);
  }
}
