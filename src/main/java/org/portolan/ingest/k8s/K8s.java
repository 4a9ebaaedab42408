package org.portolan.ingest.k8s;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.portolan.diag.SourcePosition;

/**
 * Kubernetes vendor records: NetworkPolicies as the API defines them ({@code networking.k8s.io/v1}),
 * and the pods and namespaces they select, as {@code kubectl get … -o yaml} writes them.
 */
final class K8s {
  private K8s() {}

  /** A label selector requirement: {@code In}, {@code NotIn}, {@code Exists}, {@code DoesNotExist}. */
  record Requirement(String key, String operator, List<String> values) {
    Requirement {
      values = List.copyOf(values);
      if (!List.of("In", "NotIn", "Exists", "DoesNotExist").contains(operator)) throw new IllegalArgumentException("operator " + operator);
    }

    boolean matches(Map<String, String> labels) {
      String v = labels.get(key);
      return switch (operator) {
        case "In" -> v != null && values.contains(v);
        case "NotIn" -> v == null || !values.contains(v);
        case "Exists" -> v != null;
        default -> v == null;
      };
    }
  }

  /** A label selector: every label of {@code matchLabels} and every requirement must hold; the empty selector selects everything. */
  record Selector(Map<String, String> matchLabels, List<Requirement> requirements, SourcePosition at) {
    Selector {
      matchLabels = Map.copyOf(matchLabels);
      requirements = List.copyOf(requirements);
    }

    boolean matches(Map<String, String> labels) {
      for (var e : matchLabels.entrySet()) if (!e.getValue().equals(labels.get(e.getKey()))) return false;
      for (Requirement r : requirements) if (!r.matches(labels)) return false;
      return true;
    }

    /** The label keys the selector reads. */
    java.util.Set<String> keys() {
      java.util.Set<String> k = new java.util.TreeSet<>(matchLabels.keySet());
      for (Requirement r : requirements) k.add(r.key());
      return k;
    }

    String describe() {
      if (matchLabels.isEmpty() && requirements.isEmpty()) return "{}";
      List<String> parts = new java.util.ArrayList<>();
      new java.util.TreeMap<>(matchLabels).forEach((k, v) -> parts.add(k + "=" + v));
      for (Requirement r : requirements) parts.add(r.key() + " " + r.operator() + (r.values().isEmpty() ? "" : " (" + String.join(",", r.values()) + ")"));
      return String.join(",", parts);
    }
  }

  /** One peer of a rule's {@code from}/{@code to}. */
  sealed interface Peer {
    SourcePosition at();
  }

  /**
   * {@code podSelector} and/or {@code namespaceSelector} in one peer: the pods matching
   * {@code pods} (every pod when absent) in the namespaces matching {@code namespaces} (the
   * policy's own namespace when absent).
   */
  record Pods(Optional<Selector> pods, Optional<Selector> namespaces, SourcePosition at) implements Peer {}

  /** {@code ipBlock}: a CIDR without its {@code except} CIDRs. */
  record IpBlock(String cidr, List<String> except, SourcePosition at) implements Peer {
    IpBlock {
      except = List.copyOf(except);
    }
  }

  /**
   * One entry of {@code ports}: a protocol (TCP when absent) and a port, a number or a
   * container port's name (every port when absent), up to {@code endPort}.
   */
  record Port(String protocol, Optional<String> name, Optional<Integer> port, Optional<Integer> endPort, SourcePosition at) {}

  /** One ingress or egress rule: no peers means every peer, no ports every port and protocol. */
  record Rule(List<Peer> peers, boolean anyPeer, List<Port> ports, SourcePosition at) {
    Rule {
      peers = List.copyOf(peers);
      ports = List.copyOf(ports);
    }
  }

  /** A NetworkPolicy, its policy types already inferred where {@code policyTypes} is absent. */
  record Policy(String name, String namespace, Selector podSelector, boolean ingressType, boolean egressType, List<Rule> ingress, List<Rule> egress, SourcePosition at) {
    Policy {
      ingress = List.copyOf(ingress);
      egress = List.copyOf(egress);
    }
  }

  /** A container port a named port can resolve to. */
  record ContainerPort(String name, String protocol, int port) {}

  /** A pod with its addresses ({@code status.podIPs}) and named container ports. */
  record Pod(String name, String namespace, Map<String, String> labels, List<String> ips, List<ContainerPort> ports, SourcePosition at) {
    Pod {
      labels = Map.copyOf(labels);
      ips = List.copyOf(ips);
      ports = List.copyOf(ports);
    }
  }

  /** A namespace and its labels. */
  record Namespace(String name, Map<String, String> labels, SourcePosition at) {
    Namespace {
      labels = Map.copyOf(labels);
    }
  }

  /** What one input holds. */
  record Cluster(List<Policy> policies, List<Pod> pods, List<Namespace> namespaces) {
    Cluster {
      policies = List.copyOf(policies);
      pods = List.copyOf(pods);
      namespaces = List.copyOf(namespaces);
    }
  }
}
