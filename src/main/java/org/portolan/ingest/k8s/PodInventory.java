package org.portolan.ingest.k8s;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.portolan.diag.Diagnostics;
import org.portolan.ingest.acl.Addrs;
import org.portolan.ingest.acl.LocatedJson;

/**
 * The pods of a NetworkPolicy input, for writing policies that select exactly given pods
 * (change's Kubernetes delta): which pods hold an address, and a label selector that picks
 * exactly a set of pods of one namespace, when the pods' labels allow one.
 */
public final class PodInventory {
  /** A pod: namespace, name, labels, addresses. */
  public record Pod(String namespace, String name, Map<String, String> labels, List<String> ips) {
    public Pod {
      labels = Map.copyOf(labels);
      ips = List.copyOf(ips);
    }

    Addrs addrs() {
      Addrs a = Addrs.NONE;
      for (String ip : ips) a = a.union(Addrs.parse(ip).orElseThrow());
      return a;
    }
  }

  /** The pods of one namespace and the labels that select exactly them there. */
  public record Selection(String namespace, Map<String, String> matchLabels, List<Pod> pods) {
    public Selection {
      matchLabels = Map.copyOf(new TreeMap<>(matchLabels));
      pods = List.copyOf(pods);
    }
  }

  private final List<Pod> pods;

  private PodInventory(List<Pod> pods) {
    this.pods = List.copyOf(pods);
  }

  /** The pods of an input verify reads (empty inventory when it holds none or does not parse). */
  public static PodInventory of(String content, String file) {
    Diagnostics d = new Diagnostics();
    String t = content.stripLeading();
    Optional<List<LocatedJson>> docs = t.startsWith("{") || t.startsWith("[") ? LocatedJson.parse(content, file, d).map(List::of) : LocatedJson.parseYaml(content, file, d);
    List<Pod> out = new ArrayList<>();
    if (docs.isPresent())
      for (K8s.Pod p : K8sParser.parse(docs.get(), d).pods()) out.add(new Pod(p.namespace(), p.name(), p.labels(), p.ips()));
    return new PodInventory(out);
  }

  public List<Pod> pods() {
    return pods;
  }

  /** Every pod address. */
  public Addrs addresses() {
    Addrs a = Addrs.NONE;
    for (Pod p : pods) a = a.union(p.addrs());
    return a;
  }

  /** The pods with an address in {@code a}. */
  public List<Pod> within(Addrs a) {
    List<Pod> out = new ArrayList<>();
    for (Pod p : pods) if (intersects(p.addrs(), a)) out.add(p);
    return out;
  }

  private static boolean intersects(Addrs x, Addrs y) {
    return x.v4().intersects(y.v4()) || x.v6().intersects(y.v6());
  }

  /**
   * Label selectors, one per namespace where the labels all of them share select no other pod
   * there, else one per pod whose own labels select no pod outside {@code chosen}; empty when
   * some pod cannot be told apart from a pod outside by its labels.
   */
  public Optional<List<Selection>> select(List<Pod> chosen) {
    Map<String, List<Pod>> byNs = new LinkedHashMap<>();
    for (Pod p : chosen) byNs.computeIfAbsent(p.namespace(), k -> new ArrayList<>()).add(p);
    List<Selection> out = new ArrayList<>();
    for (var e : byNs.entrySet()) {
      Map<String, String> common = new LinkedHashMap<>(e.getValue().getFirst().labels());
      for (Pod p : e.getValue()) common.entrySet().removeIf(l -> !l.getValue().equals(p.labels().get(l.getKey())));
      Optional<Map<String, String>> sel = fewest(e.getKey(), common, e.getValue());
      if (sel.isPresent()) {
        out.add(new Selection(e.getKey(), sel.get(), e.getValue()));
        continue;
      }
      for (Pod p : e.getValue()) {
        Optional<Map<String, String>> one = fewest(e.getKey(), p.labels(), e.getValue());
        if (one.isEmpty()) return Optional.empty();
        out.add(new Selection(e.getKey(), one.get(), List.of(p)));
      }
    }
    return Optional.of(out);
  }

  /** Labels a controller sets per revision: a selector on them breaks at the next rollout, so they are used only when nothing else tells the pods apart. */
  private static final java.util.Set<String> REVISION = java.util.Set.of("pod-template-hash", "controller-revision-hash", "pod-template-generation");

  /** One label of {@code labels} that selects exactly {@code allowed} (not a revision label first), else all of them, else none. */
  private Optional<Map<String, String>> fewest(String ns, Map<String, String> labels, List<Pod> allowed) {
    if (labels.isEmpty()) return Optional.empty();
    List<String> keys = new ArrayList<>(new java.util.TreeSet<>(labels.keySet()));
    keys.sort(java.util.Comparator.comparing(REVISION::contains));
    for (String k : keys) if (!REVISION.contains(k) && exact(ns, Map.of(k, labels.get(k)), allowed)) return Optional.of(Map.of(k, labels.get(k)));
    return exact(ns, labels, allowed) ? Optional.of(labels) : Optional.empty();
  }

  private boolean exact(String ns, Map<String, String> labels, List<Pod> allowed) {
    for (Pod p : pods)
      if (p.namespace().equals(ns) && labels.entrySet().stream().allMatch(l -> l.getValue().equals(p.labels().get(l.getKey()))) && !allowed.contains(p)) return false;
    return true;
  }
}
