package org.portolan.docimport;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.portolan.model.FlowRequirement;
import org.portolan.model.Product;
import org.portolan.model.Service;

/**
 * How much of a curated entry a draft recovered: (protocol, port) pairs and (initiator,
 * responder, protocol/port) triples, with the draft's extra ones ("false") and, among the
 * false pairs, the ports whose number the document never mentions ("invented").
 */
public record Recovery(Set<String> curatedPairs, Set<String> draftPairs, Set<String> curatedTriples, Set<String> draftTriples, Set<String> invented) {
  public Recovery {
    curatedPairs = Set.copyOf(curatedPairs);
    draftPairs = Set.copyOf(draftPairs);
    curatedTriples = Set.copyOf(curatedTriples);
    draftTriples = Set.copyOf(draftTriples);
    invented = Set.copyOf(invented);
  }

  /** Measures {@code draft} against {@code curated}, renaming draft roles by {@code roleMap}; {@code documentText} decides "invented". */
  public static Recovery measure(Product draft, Product curated, Map<String, String> roleMap, String documentText) {
    Set<String> cp = pairs(curated);
    Set<String> dp = pairs(draft);
    Set<String> ct = triples(curated, Map.of());
    Set<String> dt = triples(draft, roleMap);
    Set<String> invented = new TreeSet<>();
    for (String p : dp) {
      if (cp.contains(p)) continue;
      var m = Pattern.compile("(\\d+)").matcher(p);
      boolean any = false;
      boolean all = true;
      while (m.find()) {
        any = true;
        if (!Pattern.compile("(?<![\\d.,])" + m.group(1) + "(?![\\d])").matcher(documentText.replace("65,535", "65535")).find()) all = false;
      }
      if (any && !all) invented.add(p);
    }
    return new Recovery(cp, dp, ct, dt, invented);
  }

  static Set<String> pairs(Product p) {
    Set<String> out = new TreeSet<>();
    for (FlowRequirement r : p.requirements())
      for (Service s : r.services()) out.addAll(ServiceKeys.of(s));
    return out;
  }

  static Set<String> triples(Product p, Map<String, String> roleMap) {
    Set<String> out = new TreeSet<>();
    for (FlowRequirement r : p.requirements()) {
      String from = roleMap.getOrDefault(r.initiator(), r.initiator());
      for (String to : r.responders())
        for (Service s : r.services())
          for (String k : ServiceKeys.of(s)) out.add(from + " > " + roleMap.getOrDefault(to, to) + " " + k);
    }
    return out;
  }

  public double pairShare() {
    return share(curatedPairs, draftPairs);
  }

  public double tripleShare() {
    return share(curatedTriples, draftTriples);
  }

  public Set<String> missingPairs() {
    return minus(curatedPairs, draftPairs);
  }

  public Set<String> falsePairs() {
    return minus(draftPairs, curatedPairs);
  }

  public Set<String> missingTriples() {
    return minus(curatedTriples, draftTriples);
  }

  public Set<String> falseTriples() {
    return minus(draftTriples, curatedTriples);
  }

  private static double share(Set<String> want, Set<String> have) {
    if (want.isEmpty()) return 1.0;
    return (double) want.stream().filter(have::contains).count() / want.size();
  }

  private static Set<String> minus(Set<String> a, Set<String> b) {
    Set<String> out = new TreeSet<>(a);
    out.removeAll(b);
    return out;
  }
}
