package org.portolan.compile.dialect;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.portolan.compile.Names;
import org.portolan.compile.Capabilities;
import org.portolan.compile.Dialect;
import org.portolan.compile.Output;
import org.portolan.compile.Placement;
import org.portolan.compile.Rule;
import org.portolan.compile.RuleSet;
import org.portolan.compile.Side;
import org.portolan.model.PortRange;
import org.portolan.model.Protocol;

/**
 * Kubernetes NetworkPolicy YAML (a {@code v1 List}): a default-deny policy plus one policy
 * per rule, its requirements in an annotation. Peers are {@code ipBlock}s; the pods a rule
 * protects are selected by the label {@code portolan.org/endpoint} (NetworkPolicy cannot
 * select pods by address — flagged). NetworkPolicy matches TCP, UDP and SCTP only.
 */
public final class KubernetesNetworkPolicy implements Dialect {
  static final String LABEL = "portolan.org/endpoint";

  @Override
  public String name() {
    return "k8s";
  }

  @Override
  public Capabilities capabilities() {
    return Capabilities.builder().otherProtocols(Set.of(132)).portLists().stateful().ipv6().build();
  }

  @Override
  public List<Output> render(RuleSet rs) {
    List<String> approx = new ArrayList<>();
    approx.add("pods are selected by the label " + LABEL + "=<endpoint>, not by address: label the pods at each destination (source, for egress) with the value in its policy");
    ObjectNode root = Json.object();
    root.put("apiVersion", "v1");
    root.put("kind", "List");
    ArrayNode items = root.putArray("items");
    String base = "portolan-" + Names.slug(rs.name()).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]", "-");
    if (base.length() > 200) base = base.substring(0, 200);
    ObjectNode deny = items.addObject();
    deny.put("apiVersion", "networking.k8s.io/v1");
    deny.put("kind", "NetworkPolicy");
    deny.putObject("metadata").put("name", base + "-default-deny");
    ObjectNode ds = deny.putObject("spec");
    ds.putObject("podSelector");
    ds.set("policyTypes", Json.strings(rs.hasOutbound() ? List.of("Ingress", "Egress") : List.of("Ingress")));
    int n = 0;
    for (Rule r : rs.rules()) {
      n++;
      boolean egress = r.placement() instanceof Placement.Outbound;
      ObjectNode p = items.addObject();
      p.put("apiVersion", "networking.k8s.io/v1");
      p.put("kind", "NetworkPolicy");
      ObjectNode meta = p.putObject("metadata");
      meta.put("name", String.format("%s-%03d", base, n));
      ObjectNode ann = meta.putObject("annotations");
      ann.put("portolan.org/requirements", r.reasons().refs());
      if (!r.reasons().purposes().isEmpty()) ann.put("portolan.org/purpose", String.join("; ", r.reasons().purposes()));
      ObjectNode spec = p.putObject("spec");
      Side selected = egress ? r.source() : r.destination();
      Side peer = egress ? r.destination() : r.source();
      podSelector(spec.putObject("podSelector"), selected);
      spec.set("policyTypes", Json.strings(List.of(egress ? "Egress" : "Ingress")));
      ObjectNode entry = spec.putArray(egress ? "egress" : "ingress").addObject();
      ArrayNode peers = entry.putArray(egress ? "to" : "from");
      for (String cidr : peer.cidrs()) peers.addObject().putObject("ipBlock").put("cidr", cidr);
      ArrayNode ports = entry.putArray("ports");
      String proto = switch (r.protocol()) {
        case Protocol.Tcp t -> "TCP";
        case Protocol.Udp u -> "UDP";
        case Protocol.Icmp i -> throw new IllegalStateException("refused by capabilities");
        case Protocol.Ip ip -> "SCTP";
      };
      if (r.protocol().hasPorts()) {
        for (PortRange pr : r.ports().ranges()) {
          ObjectNode port = ports.addObject();
          port.put("protocol", proto);
          port.put("port", pr.from());
          if (!pr.isSingle()) port.put("endPort", pr.to());
        }
      } else ports.addObject().put("protocol", proto);
    }
    StringBuilder b = new StringBuilder();
    for (String l : Texts.prefixed("# ", Texts.header(rs, name(), "policy " + base + "-default-deny selects every pod in the namespace and denies all ingress" + (rs.hasOutbound() ? " and egress" : "") + " not allowed by another policy; replies pass (stateful).", approx))) b.append(l).append('\n');
    b.append(Json.yaml(root));
    return List.of(Output.text(Names.slug(rs.name()) + ".k8s.yaml", b.toString()));
  }

  /**
   * Selects the pods of every endpoint of the side: each pod carries its own endpoint's label
   * (a pod has one value per label key), so a side of several endpoints is a set-based
   * selector ({@code In}), never one joined value no pod could carry next to its own.
   */
  static void podSelector(ObjectNode selector, Side s) {
    List<String> values = s.names().stream().map(KubernetesNetworkPolicy::endpointLabel).distinct().sorted().toList();
    if (values.size() == 1) {
      selector.putObject("matchLabels").put(LABEL, values.getFirst());
      return;
    }
    ObjectNode e = selector.putArray("matchExpressions").addObject();
    e.put("key", LABEL);
    e.put("operator", "In");
    e.set("values", Json.strings(values));
  }

  /**
   * The value of the label {@code portolan.org/endpoint} that the pods of endpoint {@code name}
   * (a host, group or address of the deployment) carry: at most 63 characters of
   * [A-Za-z0-9._-], starting and ending alphanumeric.
   */
  public static String endpointLabel(String name) {
    String v = Names.slug(name).replaceAll("^[^A-Za-z0-9]+|[^A-Za-z0-9]+$", "");
    if (v.length() > 63) v = v.substring(0, 54) + "-" + Integer.toHexString(v.hashCode());
    return v.isEmpty() ? "x" : v;
  }
}
