package org.portolan.ingest.gcp;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
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
import org.portolan.ingest.acl.Chain;
import org.portolan.ingest.acl.LineSource;
import org.portolan.ingest.acl.Match;
import org.portolan.ingest.acl.Ports;
import org.portolan.ingest.acl.Protocols;
import org.portolan.ingest.acl.Ranges;
import org.portolan.ingest.acl.Space;
import org.portolan.ingest.acl.Stage;
import org.portolan.ingest.acl.Unmodelled;

/**
 * GCP rules → ACL model. Per direction, rules by priority (0 first); at equal priority a deny
 * rule wins over an allow rule. Then the implied rules (priority 65535): deny all ingress,
 * allow all egress. A rule with target tags or service accounts applies only to the instances
 * that carry them: {@code input}/{@code output} are an instance with none of them (rules
 * without targets only), {@code input:tag:T} / {@code input:sa:EMAIL} an instance with that
 * one target (its rules and the rules without targets).
 */
final class GcpConverter {
  private GcpConverter() {}

  static Acl convert(List<GcpFirewall.Rule> rules, String file, Diagnostics d) {
    List<GcpFirewall.Rule> sorted = new ArrayList<>(rules.stream().filter(r -> !r.disabled()).toList());
    sorted.sort(Comparator.comparingInt(GcpFirewall.Rule::priority).thenComparing(r -> r.allow()));
    Map<GcpFirewall.Rule, AclLine> lines = new LinkedHashMap<>();
    for (GcpFirewall.Rule r : sorted) lines.put(r, line(r, file, d));
    Set<String> targets = new LinkedHashSet<>();
    for (GcpFirewall.Rule r : sorted) targets.addAll(r.targets());
    Map<String, Chain> chains = new LinkedHashMap<>();
    Map<String, List<Stage>> paths = new LinkedHashMap<>();
    List<String> instances = new ArrayList<>();
    instances.add("");
    instances.addAll(targets);
    for (String dir : List.of("INGRESS", "EGRESS")) {
      boolean in = dir.equals("INGRESS");
      for (String target : instances) {
        List<AclLine> ls = new ArrayList<>();
        for (var e : lines.entrySet())
          if (e.getKey().direction().equals(dir) && (e.getKey().targets().isEmpty() || e.getKey().targets().contains(target))) ls.add(e.getValue());
        String key = (in ? "input" : "output") + (target.isEmpty() ? "" : ":" + target);
        chains.put(key, new Chain(key, ls, Optional.of(in ? Action.DROP : Action.ACCEPT),
            new LineSource(file, 0, in ? "implied rule (priority 65535): deny all ingress" : "implied rule (priority 65535): allow all egress")));
        paths.put(key, List.of(Stage.both(key)));
      }
    }
    if (!targets.isEmpty())
      d.warning(SourcePosition.of(file), "rules with target tags or service accounts apply only to the instances that carry them; flows are evaluated for an instance without any ("
          + "paths input/output) unless --path names one: " + String.join(", ", targets.stream().map(t -> "input:" + t).toList()));
    return new Acl(file, "gcp", chains, paths, true);
  }

  static AclLine line(GcpFirewall.Rule r, String file, Diagnostics d) {
    Action action = r.allow() ? Action.ACCEPT : Action.DROP;
    List<String> problems = new ArrayList<>();
    Space svc = Space.EMPTY;
    boolean svcKnown = true;
    for (GcpFirewall.Proto p : r.protos()) {
      Optional<Space> s = proto(p);
      if (s.isEmpty()) { problems.add("protocol '" + p.protocol() + "' ports " + p.ports()); svcKnown = false; continue; }
      svc = svc.plus(s.get());
    }
    boolean in = r.direction().equals("INGRESS");
    Match m = Match.any();
    // GCP: an ingress rule with no source (ranges or tags) has source 0.0.0.0/0; an egress rule with no destination ranges, 0.0.0.0/0
    List<String> src = r.sourceRanges(), dst = r.destinationRanges();
    if (in && src.isEmpty() && r.sourceTags().isEmpty()) src = List.of("0.0.0.0/0");
    if (!in && dst.isEmpty()) dst = List.of("0.0.0.0/0");
    Optional<Addrs> s = ranges(src, problems), t = ranges(dst, problems);
    if (in && !r.sourceTags().isEmpty()) {
      // the sources are the ranges OR the instances with those tags/accounts, whose addresses the file does not say: any source, doubted
      problems.add("source tags/service accounts " + r.sourceTags() + " (instances whose addresses this file does not say)");
      s = Optional.empty();
    }
    if (s.isPresent() && !src.isEmpty()) m.src(s.get(), false);
    if (t.isPresent() && !dst.isEmpty()) m.dst(t.get(), false);
    Space match = svcKnown ? m.build().intersect(svc) : m.build();
    String text = r.name() + " (" + r.direction() + " priority " + r.priority() + " " + (r.allow() ? "allow " : "deny ")
        + String.join(",", r.protos().stream().map(p -> p.protocol() + (p.ports().isEmpty() ? "" : ":" + String.join(",", p.ports()))).toList())
        + (src.isEmpty() ? "" : " from " + String.join(",", src)) + (r.sourceTags().isEmpty() ? "" : " from tags " + String.join(",", r.sourceTags()))
        + (dst.isEmpty() ? "" : " to " + String.join(",", dst)) + (r.targets().isEmpty() ? "" : " on instances " + String.join(",", r.targets())) + ")";
    AclLine l = AclLine.of(match, action, new LineSource(file, r.at().line(), text));
    return problems.isEmpty() ? l : Unmodelled.doubtful(l, problems, r.at(), d);
  }

  private static Optional<Addrs> ranges(List<String> rs, List<String> problems) {
    Addrs a = Addrs.NONE;
    for (String x : rs) {
      Optional<Addrs> v = Addrs.parse(x);
      if (v.isEmpty()) { problems.add("range '" + x + "'"); return Optional.empty(); }
      a = a.union(v.get());
    }
    return Optional.of(a);
  }

  private static Optional<Space> proto(GcpFirewall.Proto p) {
    if (p.protocol().equals("all")) return p.ports().isEmpty() ? Optional.of(Space.universe()) : Optional.empty();
    OptionalInt n = Protocols.protocol(p.protocol());
    if (n.isEmpty()) return Optional.empty();
    Match m = Match.any().protoNumber(n.getAsInt());
    if (n.getAsInt() == 1) m.family(4);
    if (n.getAsInt() == 58) m.family(6);
    if (!p.ports().isEmpty()) {
      if (!Set.of(6, 17, 132).contains(n.getAsInt())) return Optional.empty();
      Optional<Ranges> r = Ports.parse(String.join(",", p.ports()));
      if (r.isEmpty()) return Optional.empty();
      m.dport(r.get(), false);
    }
    return Optional.of(m.build());
  }
}
