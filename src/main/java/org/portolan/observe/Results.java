package org.portolan.observe;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.portolan.plan.Endpoint;
import org.portolan.plan.Flow;
import org.portolan.plan.Trace;

/** Turns a merged {@link Aggregate} into the {@link ObserveResult}; the same for the embedded engine and Spark. */
final class Results {
  static final int CANDIDATES_SHOWN = 10_000;

  private Results() {}

  static ObserveResult of(boolean planned, List<Flow> flows, List<ObserveResult.Input> inputs, Window window, Aggregate a) {
    List<ObserveResult.FlowObservation> out = new ArrayList<>();
    for (int i = 0; i < flows.size(); i++) {
      Flow f = flows.get(i);
      Aggregate.PerFlow p = a.flows[i];
      ObserveResult.Status s = p.denied > 0 ? ObserveResult.Status.DENIED : p.accepted > 0 ? ObserveResult.Status.WORKING
          : p.records > 0 ? ObserveResult.Status.SEEN : ObserveResult.Status.NOT_SEEN;
      List<ObserveResult.Denial> denials = new ArrayList<>();
      for (Map.Entry<String, Long> e : p.denials.entrySet()) {
        String[] dr = e.getKey().split("\u0000", 2);
        denials.add(new ObserveResult.Denial(dr[0], dr[1], e.getValue()));
      }
      List<ObserveResult.Evidence> ev = p.evidence.values().stream()
          .map(x -> new ObserveResult.Evidence(x.file(), x.line(), x.src(), x.srcPort(), x.dst(), x.dstPort(), x.device(), x.rule())).toList();
      out.add(new ObserveResult.FlowObservation(f.name(), f.traces().stream().map(Trace::requirementRef).distinct().toList(),
          notation(f.sources()), notation(f.destinations()), f.protocol().keyword(), f.ports().notation(), s, p.records, p.accepted, p.denied,
          p.unknown, p.replies, p.packets, p.bytes, time(p.first), time(p.last), denials, ev));
    }
    List<Map.Entry<Aggregate.GroupKey, Aggregate.Group>> groups = new ArrayList<>(a.groups.entrySet());
    groups.sort(Comparator.<Map.Entry<Aggregate.GroupKey, Aggregate.Group>>comparingLong(e -> -e.getValue().records)
        .thenComparing(Map.Entry::getKey));
    long overflow = a.groupsOverflow;
    List<ObserveResult.Candidate> candidates = new ArrayList<>();
    for (var e : groups) {
      Aggregate.Group g = e.getValue();
      if (candidates.size() >= CANDIDATES_SHOWN) {
        overflow += g.records;
        continue;
      }
      Aggregate.GroupKey k = e.getKey();
      candidates.add(new ObserveResult.Candidate(k.src(), k.dst(), LogRecord.protoName(k.proto()), k.port(), g.records, g.accepted, g.denied,
          g.unknown, g.replies, g.packets, g.bytes, time(g.first), time(g.last), g.example));
    }
    List<ObserveResult.RuleHits> rules = a.rules.entrySet().stream().sorted(Map.Entry.comparingByKey())
        .map(e -> new ObserveResult.RuleHits(e.getKey().device(), e.getKey().rule(), e.getValue()[0], e.getValue()[1], e.getValue()[2])).toList();
    ObserveResult.Stats stats = new ObserveResult.Stats(a.records, a.skipped, a.malformed, a.outsideWindow, a.untimed, a.explained,
        time(a.first), time(a.last));
    return new ObserveResult(planned, inputs, window, stats, out, planned ? candidates : List.of(), planned ? overflow : 0, rules,
        a.rulesOverflow, List.copyOf(a.malformedKept.values()));
  }

  private static Long time(long t) {
    return t == Long.MAX_VALUE || t == Long.MIN_VALUE ? null : t;
  }

  private static String notation(List<Endpoint> eps) {
    return eps.stream().map(Endpoint::csvNotation).collect(Collectors.joining(" "));
  }
}
