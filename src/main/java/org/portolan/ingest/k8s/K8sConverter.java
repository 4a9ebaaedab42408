package org.portolan.ingest.k8s;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.portolan.diag.Diagnostics;
import org.portolan.ingest.acl.Acl;
import org.portolan.ingest.acl.AclLine;
import org.portolan.ingest.acl.Action;
import org.portolan.ingest.acl.Addrs;
import org.portolan.ingest.acl.Chain;
import org.portolan.ingest.acl.LineSource;
import org.portolan.ingest.acl.Match;
import org.portolan.ingest.acl.Ranges;
import org.portolan.ingest.acl.Space;
import org.portolan.ingest.acl.Stage;
import org.portolan.ingest.acl.Unmodelled;

/**
 * NetworkPolicies → ACL model, as Kubernetes defines them. Two chains, both on path
 * {@code forward} (egress of the source, then ingress of the destination), and alone on the
 * paths {@code egress} and {@code ingress}:
 * <ul>
 *   <li>a pod selected by no policy of a direction is not isolated for it: the chain's policy
 *       accepts;
 *   <li>a pod selected by at least one policy of a direction is isolated for it: what no rule
 *       of any policy selecting it allows is dropped (the union of the policies: every allowing
 *       line comes before every isolating one);
 *   <li>replies of an allowed connection pass (policies are stateful).
 * </ul>
 * Selectors resolve against the Pods and Namespaces of the same input. A selector that cannot
 * be resolved (no pods given, a namespace whose labels are not given) and a named port no pod
 * of the input resolves keep the line as an upper bound and doubt it, naming file:line: a
 * verdict that depends on it is undetermined, never "any".
 */
final class K8sConverter {
  private K8sConverter() {}

  static final String INGRESS = "ingress", EGRESS = "egress";
  private static final String NS_NAME_LABEL = "kubernetes.io/metadata.name";

  static Acl convert(K8s.Cluster c, String file, Diagnostics d) {
    Resolver r = new Resolver(c);
    List<AclLine> in = new ArrayList<>(), out = new ArrayList<>();
    List<AclLine> inIsolate = new ArrayList<>(), outIsolate = new ArrayList<>();
    for (K8s.Policy p : c.policies()) {
      Selected sel = r.pods(Optional.of(p.podSelector()), Optional.empty(), p.namespace());
      String name = p.namespace() + "/" + p.name();
      if (p.ingressType()) {
        int n = 0;
        for (K8s.Rule rule : p.ingress()) lines(r, p, ++n, rule, sel, true, file, d, in);
        inIsolate.add(isolate(p, sel, true, file, d));
      }
      if (p.egressType()) {
        int n = 0;
        for (K8s.Rule rule : p.egress()) lines(r, p, ++n, rule, sel, false, file, d, out);
        outIsolate.add(isolate(p, sel, false, file, d));
      }
      if (!p.ingressType() && !p.egressType()) d.warning(p.at(), "NetworkPolicy " + name + " has neither Ingress nor Egress in policyTypes: it changes nothing");
    }
    in.addAll(inIsolate);
    out.addAll(outIsolate);
    Map<String, Chain> chains = new LinkedHashMap<>();
    // with the cluster's pods known, a packet to (from) an address that is no pod is not NetworkPolicy's to filter: not excess
    Addrs pods = c.pods().isEmpty() ? Addrs.ANY : addresses(c.pods());
    chains.put(INGRESS, new Chain(INGRESS, in, Optional.of(Action.ACCEPT), new LineSource(file, 0, "a pod no policy selects for Ingress is not isolated: all ingress allowed"),
        Match.any().dst(pods, false).build()));
    chains.put(EGRESS, new Chain(EGRESS, out, Optional.of(Action.ACCEPT), new LineSource(file, 0, "a pod no policy selects for Egress is not isolated: all egress allowed"),
        Match.any().src(pods, false).build()));
    Map<String, List<Stage>> paths = new LinkedHashMap<>();
    paths.put("forward", List.of(Stage.both(EGRESS), Stage.both(INGRESS)));
    paths.put(INGRESS, List.of(Stage.both(INGRESS)));
    paths.put(EGRESS, List.of(Stage.both(EGRESS)));
    return new Acl(file, "k8s", chains, paths, true);
  }

  /**
   * The pods a selector picks: the pods themselves, or why they are unknown and the addresses
   * they are among ({@code upper}: every address without pods in the input, else the pods the
   * selector may pick).
   */
  record Selected(Optional<List<K8s.Pod>> pods, String describe, String unknownBecause, Addrs upper) {
    Optional<Addrs> addrs() {
      return pods.map(K8sConverter::addresses);
    }

    Addrs upperBound() {
      return addrs().orElse(upper);
    }
  }

  static Addrs addresses(List<K8s.Pod> ps) {
    Addrs a = Addrs.NONE;
    for (K8s.Pod p : ps) for (String ip : p.ips()) a = a.union(Addrs.parse(ip).orElseThrow());
    return a;
  }

  /** Resolves selectors against the input's pods and namespaces. */
  static final class Resolver {
    private final K8s.Cluster c;
    private final Map<String, Optional<Map<String, String>>> namespaces = new LinkedHashMap<>();

    Resolver(K8s.Cluster c) {
      this.c = c;
      for (K8s.Pod p : c.pods()) namespaces.put(p.namespace(), Optional.empty());
      for (K8s.Policy p : c.policies()) namespaces.putIfAbsent(p.namespace(), Optional.empty());
      for (K8s.Namespace n : c.namespaces()) {
        Map<String, String> l = new LinkedHashMap<>(n.labels());
        l.put(NS_NAME_LABEL, n.name()); // set by the API server on every namespace
        namespaces.put(n.name(), Optional.of(l));
      }
    }

    Selected pods(Optional<K8s.Selector> pods, Optional<K8s.Selector> nsSel, String policyNs) {
      String describe = (nsSel.map(s -> "namespaces " + s.describe()).orElse("namespace " + policyNs)) + ", pods " + pods.map(K8s.Selector::describe).orElse("{}");
      if (c.pods().isEmpty())
        return new Selected(Optional.empty(), describe, "the input holds no Pods, so the addresses of the pods selected (" + describe + ") are unknown: add 'kubectl get pods -A -o yaml'", Addrs.ANY);
      // the input's pods are taken as all of the cluster's: a namespace whose labels are unknown may or may not be selected
      Set<String> inNs = new LinkedHashSet<>(), maybe = new LinkedHashSet<>();
      if (nsSel.isEmpty()) inNs.add(policyNs);
      else for (var e : namespaces.entrySet()) {
        Optional<Map<String, String>> labels = e.getValue();
        if (labels.isEmpty() && !Set.of(NS_NAME_LABEL).containsAll(nsSel.get().keys())) maybe.add(e.getKey());
        else if (nsSel.get().matches(labels.orElse(Map.of(NS_NAME_LABEL, e.getKey())))) inNs.add(e.getKey());
      }
      List<K8s.Pod> out = new ArrayList<>(), upper = new ArrayList<>();
      for (K8s.Pod p : c.pods()) {
        if (!pods.map(s -> s.matches(p.labels())).orElse(true)) continue;
        if (inNs.contains(p.namespace())) out.add(p);
        if (inNs.contains(p.namespace()) || maybe.contains(p.namespace())) upper.add(p);
      }
      if (upper.size() > out.size())
        return new Selected(Optional.empty(), describe, "the labels of namespace" + (maybe.size() > 1 ? "s " : " ") + String.join(", ", maybe) + " are not in the input ("
            + describe + "): add 'kubectl get namespaces -o yaml'", addresses(upper));
      return new Selected(Optional.of(out), describe, "", Addrs.NONE);
    }
  }

  /** The line that isolates the pods a policy selects for one direction. */
  private static AclLine isolate(K8s.Policy p, Selected sel, boolean ingress, String file, Diagnostics d) {
    String text = "NetworkPolicy " + p.namespace() + "/" + p.name() + " selects " + sel.describe() + " for " + (ingress ? "Ingress" : "Egress")
        + ": what no policy's " + (ingress ? "ingress" : "egress") + " rule allows is denied";
    Match m = Match.any();
    if (ingress) m.dst(sel.upperBound(), false);
    else m.src(sel.upperBound(), false);
    org.portolan.diag.SourcePosition at = p.podSelector().at().line() > 0 ? p.podSelector().at() : p.at();
    AclLine l = AclLine.of(m.build(), Action.DROP, new LineSource(file, at.line(), text));
    return sel.addrs().isPresent() ? l : Unmodelled.doubtful(l, List.of(sel.unknownBecause()), at, d);
  }

  /**
   * The allowing lines of one rule: one per peer (every source/destination when it has none),
   * for the rule's ports. A named port is resolved per pod on the far side of the port (the
   * selected pods for ingress, the peer pods for egress).
   */
  private static void lines(Resolver r, K8s.Policy p, int n, K8s.Rule rule, Selected sel, boolean ingress, String file, Diagnostics d, List<AclLine> out) {
    String head = "NetworkPolicy " + p.namespace() + "/" + p.name() + " " + (ingress ? "ingress" : "egress") + " rule " + n + ": ";
    List<PeerAddrs> peers = new ArrayList<>();
    if (rule.anyPeer()) peers.add(new PeerAddrs(new Selected(Optional.empty(), "", "", Addrs.ANY), Optional.of(Addrs.ANY), ingress ? "from anywhere" : "to anywhere", rule.at().line()));
    for (K8s.Peer peer : rule.peers()) {
      switch (peer) {
        case K8s.IpBlock b -> {
          Addrs a = Addrs.parse(b.cidr()).orElseThrow();
          for (String x : b.except()) a = a.minus(Addrs.parse(x).orElseThrow());
          peers.add(new PeerAddrs(new Selected(Optional.empty(), "", "", a), Optional.of(a), (ingress ? "from " : "to ") + "ipBlock " + b.cidr()
              + (b.except().isEmpty() ? "" : " except " + String.join(",", b.except())), b.at().line()));
        }
        case K8s.Pods ps -> {
          Selected s = r.pods(ps.pods(), ps.namespaces(), p.namespace());
          peers.add(new PeerAddrs(s, s.addrs(), (ingress ? "from " : "to ") + s.describe(), ps.at().line()));
        }
      }
    }
    String ports = rule.ports().isEmpty() ? "every port and protocol" : String.join(", ", rule.ports().stream().map(K8sConverter::describe).toList());
    for (PeerAddrs peer : peers) {
      List<String> doubts = new ArrayList<>();
      Optional<Addrs> selA = sel.addrs(), peerA = peer.addrs();
      if (selA.isEmpty()) doubts.add(sel.unknownBecause());
      if (peerA.isEmpty()) doubts.add(peer.selected().unknownBecause());
      Addrs self = sel.upperBound(), other = peerA.orElse(peer.selected().upper());
      Space svc = Space.EMPTY;
      if (rule.ports().isEmpty()) svc = Space.universe();
      for (K8s.Port port : rule.ports()) {
        int proto = switch (port.protocol()) { case "UDP" -> 17; case "SCTP" -> 132; default -> 6; };
        if (port.name().isEmpty()) {
          Ranges pr = port.port().map(x -> Ranges.of(x, port.endPort().orElse(x))).orElse(Ranges.of(0, 65535));
          svc = svc.plus(Match.any().protoNumber(proto).dport(pr, false).build());
          continue;
        }
        // named: the far side's pods say which number the name means, each its own
        Optional<List<K8s.Pod>> far = ingress ? sel.pods() : peer.selected().pods();
        if (far.isEmpty()) {
          String why = ingress ? sel.unknownBecause() : peer.selected().unknownBecause();
          doubts.add("named port '" + port.name().get() + "' (" + (why.isEmpty() ? "the destination is an ipBlock or any address, whose container ports the input does not say" : why) + ")");
          svc = svc.plus(Match.any().protoNumber(proto).build());
          continue;
        }
        for (K8s.Pod pod : far.get())
          for (K8s.ContainerPort cp : pod.ports())
            if (cp.name().equals(port.name().get()) && cp.protocol().equals(port.protocol()))
              for (String ip : pod.ips()) {
                Match m = Match.any().protoNumber(proto).dport(Ranges.single(cp.port()), false);
                svc = svc.plus(m.dst(Addrs.parse(ip).orElseThrow(), false).build()); // the port is the destination pod's, either way
              }
      }
      Match m = Match.any();
      if (ingress) m.dst(self, false).src(other, false);
      else m.src(self, false).dst(other, false);
      Space match = m.build().intersect(svc);
      AclLine l = AclLine.of(match, Action.ACCEPT, new LineSource(file, peer.line() > 0 ? peer.line() : rule.at().line(),
          head + "pods " + sel.describe() + " " + peer.text() + ", " + ports));
      out.add(doubts.isEmpty() ? l : Unmodelled.doubtful(l, doubts, new org.portolan.diag.SourcePosition(file, l.source().line(), 0), d));
    }
  }

  private record PeerAddrs(Selected selected, Optional<Addrs> addrs, String text, int line) {}

  private static String describe(K8s.Port p) {
    return p.protocol() + p.name().map(n -> " " + n).orElse("") + p.port().map(x -> " " + x + p.endPort().map(e -> "-" + e).orElse("")).orElse(p.name().isEmpty() ? " every port" : "");
  }
}
