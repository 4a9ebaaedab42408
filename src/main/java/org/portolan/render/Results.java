package org.portolan.render;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.portolan.diag.Diagnostics;
import org.portolan.plan.Flow;
import org.portolan.plan.FlowPlan;

/**
 * What verify, probe and capture found, keyed by plan flow name, plus their findings.
 * Immutable; evidence is indexed by flow name once, since every renderer asks per flow.
 */
public final class Results {
  public static final Results NONE = new Results(List.of(), List.of(), List.of());

  private final List<Evidence> evidence;
  private final List<Finding> findings;
  private final List<String> sources;
  private final Map<String, List<Evidence>> byFlow;
  private final Optional<ChangeSection.Changes> changes;

  /**
   * @param evidence every piece of evidence, in file order
   * @param findings excess, shadowed and redundant rules, warnings, unexplained traffic
   * @param sources the result files read ("verify: r.json"), for the report's summary
   */
  Results(List<Evidence> evidence, List<Finding> findings, List<String> sources) {
    this(evidence, findings, sources, Optional.empty());
  }

  private Results(List<Evidence> evidence, List<Finding> findings, List<String> sources, Optional<ChangeSection.Changes> changes) {
    this.changes = changes;
    this.evidence = List.copyOf(evidence);
    this.findings = List.copyOf(findings);
    this.sources = List.copyOf(sources);
    Map<String, List<Evidence>> index = new java.util.HashMap<>();
    for (Evidence e : this.evidence) index.computeIfAbsent(e.flow(), k -> new ArrayList<>()).add(e);
    this.byFlow = index;
  }

  /** These results with a change result, for the report's "Changes" section. */
  public Results withChanges(ChangeSection.Changes c) {
    List<String> s = new ArrayList<>(sources);
    s.add("change: " + c.file());
    return new Results(evidence, findings, s, Optional.of(c));
  }

  public Optional<ChangeSection.Changes> changes() {
    return changes;
  }

  /** Every piece of evidence, in file order. */
  public List<Evidence> evidence() {
    return evidence;
  }

  /** Excess, shadowed and redundant rules, warnings and unexplained traffic, as the result files list them. */
  public List<Finding> findings() {
    return findings;
  }

  /** The result files read ("verify: r.json"). */
  public List<String> sources() {
    return sources;
  }

  /**
   * Reads the result files given (each optional); every problem in them is reported at once
   * as an {@code InvalidInputException} naming the file and the JSON path.
   */
  public static Results read(Optional<Path> verify, Optional<Path> probe, Optional<Path> capture) {
    return read(verify.stream().toList(), probe.stream().toList(), capture.stream().toList());
  }

  /**
   * Reads any number of result files of each kind (several firewalls verified, probes from
   * several hosts, several traces); evidence from all of them is kept, each naming its file.
   */
  public static Results read(List<Path> verify, List<Path> probe, List<Path> capture) {
    return read(verify, probe, capture, List.of());
  }

  public static Results read(List<Path> verify, List<Path> probe, List<Path> capture, List<Path> observe) {
    Diagnostics d = new Diagnostics();
    List<Results> parts = new ArrayList<>();
    for (Path p : verify) parts.add(ResultsJson.verify(ResultsJson.readFile(p, d), p.toString(), d));
    for (Path p : probe) parts.add(ResultsJson.probe(ResultsJson.readFile(p, d), p.toString(), d));
    for (Path p : capture) parts.add(ResultsJson.capture(ResultsJson.readFile(p, d), p.toString(), d));
    for (Path p : observe) parts.add(ResultsJson.observe(ResultsJson.readFile(p, d), p.toString(), d));
    d.throwIfErrors();
    return merge(parts);
  }

  static Results merge(List<Results> parts) {
    List<Evidence> e = new ArrayList<>();
    List<Finding> f = new ArrayList<>();
    List<String> s = new ArrayList<>();
    for (Results r : parts) {
      e.addAll(r.evidence);
      f.addAll(r.findings);
      s.addAll(r.sources);
    }
    return new Results(e, f, s);
  }

  public boolean isEmpty() {
    return sources.isEmpty();
  }

  /** The evidence about one plan flow, verify first, then probe, capture and observe. */
  public List<Evidence> evidence(String flowName) {
    List<Evidence> mine = byFlow.getOrDefault(flowName, List.of());
    List<Evidence> out = new ArrayList<>();
    for (String kind : List.of("verify", "probe", "capture", "observe"))
      for (Evidence e : mine) if (e.kind().equals(kind)) out.add(e);
    return out;
  }

  /**
   * The status of one flow: within a kind of evidence the pieces are mixed (some ports open,
   * some filtered: partial); across kinds the worse wins, because a live probe or a capture
   * that fails outweighs a ruleset that looks right.
   */
  public Status status(String flowName) {
    Map<String, List<Status>> byKind = new TreeMap<>();
    for (Evidence e : byFlow.getOrDefault(flowName, List.of())) byKind.computeIfAbsent(e.kind(), k -> new ArrayList<>()).add(e.status());
    Status out = Status.UNKNOWN;
    for (List<Status> s : byKind.values()) out = Status.worse(out, Status.mix(s));
    return out;
  }

  /** How many flows of the plan have each status (every status present, possibly 0). */
  public Map<Status, Integer> counts(FlowPlan plan) {
    Map<Status, Integer> out = new EnumMap<>(Status.class);
    for (Status s : Status.values()) out.put(s, 0);
    for (Flow f : plan.flows()) out.merge(status(f.name()), 1, Integer::sum);
    return out;
  }

  /** The findings plus one for every piece of evidence that names no flow of the plan. */
  public List<Finding> findings(FlowPlan plan) {
    Set<String> names = new LinkedHashSet<>();
    for (Flow f : plan.flows()) names.add(f.name());
    List<Finding> out = new ArrayList<>(findings);
    for (Evidence e : evidence) {
      if (names.contains(e.flow())) continue;
      String flow = e.flow().isEmpty() ? "no flow named" : "flow '" + e.flow() + "' is not in the plan";
      out.add(new Finding(Finding.Kind.UNMATCHED, e.kind(), flow + ": " + e.summary()));
    }
    return out;
  }
}
