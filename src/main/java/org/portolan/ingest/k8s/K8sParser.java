package org.portolan.ingest.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.portolan.diag.Diagnostics;
import org.portolan.diag.SourcePosition;
import org.portolan.ingest.acl.Addrs;
import org.portolan.ingest.acl.LocatedJson;

/**
 * Reads Kubernetes objects from the trees of {@code kubectl get … -o yaml|json} (a {@code List}
 * or {@code *List} with {@code items}) or of manifests (one object per document): NetworkPolicies
 * with the API's validation, and the Pods and Namespaces whose labels and addresses the
 * selectors resolve against. Other kinds are named in a warning and not read.
 */
final class K8sParser {
  private K8sParser() {}

  /** A policy without {@code metadata.namespace} applies where it is created: kubectl's default namespace. */
  static final String DEFAULT_NAMESPACE = "default";
  private static final Pattern PORT_NAME = Pattern.compile("[a-z0-9]([a-z0-9-]{0,13}[a-z0-9])?");

  static K8s.Cluster parse(List<LocatedJson> docs, Diagnostics d) {
    List<K8s.Policy> policies = new ArrayList<>();
    List<K8s.Pod> pods = new ArrayList<>();
    List<K8s.Namespace> namespaces = new ArrayList<>();
    Map<String, Integer> skipped = new LinkedHashMap<>();
    SourcePosition firstSkipped = null;
    for (LocatedJson doc : docs) {
      List<JsonNode> objects = new ArrayList<>();
      JsonNode root = doc.root();
      if (root.isArray()) root.forEach(objects::add);
      else objects.add(root);
      for (int i = 0; i < objects.size(); i++) {
        JsonNode o = objects.get(i);
        if (!o.isObject()) { d.error(doc.at(o), "expected a Kubernetes object (a mapping with 'kind'), found " + o.getNodeType().toString().toLowerCase(java.util.Locale.ROOT)); continue; }
        String kind = o.path("kind").asText("");
        if (kind.equals("List") || kind.endsWith("List") && o.has("items")) {
          JsonNode items = o.path("items");
          if (!items.isArray()) { d.error(doc.at(o), "a " + kind + " needs an 'items' list"); continue; }
          items.forEach(objects::add);
          continue;
        }
        switch (kind) {
          case "NetworkPolicy" -> policy(doc, o, d).ifPresent(policies::add);
          case "Pod" -> pod(doc, o, d).ifPresent(pods::add);
          case "Namespace" -> {
            String name = o.path("metadata").path("name").asText("");
            if (name.isEmpty()) d.error(doc.at(o), "a Namespace needs metadata.name");
            else labels(doc, o.path("metadata").get("labels"), d).ifPresent(l -> namespaces.add(new K8s.Namespace(name, l, doc.at(o))));
          }
          case "" -> d.error(doc.at(o), "expected a Kubernetes object: 'kind' is missing");
          default -> {
            if (firstSkipped == null) firstSkipped = doc.at(o);
            skipped.merge(kind, 1, Integer::sum);
          }
        }
      }
    }
    if (firstSkipped != null) {
      List<String> kinds = new ArrayList<>();
      skipped.forEach((k, n) -> kinds.add(n + " " + k));
      d.warning(firstSkipped, "not read (only NetworkPolicy, Pod and Namespace objects are): " + String.join(", ", kinds));
    }
    return new K8s.Cluster(policies, pods, namespaces);
  }

  private static Optional<K8s.Policy> policy(LocatedJson doc, JsonNode o, Diagnostics d) {
    SourcePosition at = doc.at(o);
    String name = o.path("metadata").path("name").asText("");
    if (name.isEmpty()) { d.error(at, "a NetworkPolicy needs metadata.name"); return Optional.empty(); }
    String ns = text(o.path("metadata").get("namespace")).orElse(DEFAULT_NAMESPACE);
    String what = "NetworkPolicy " + ns + "/" + name;
    JsonNode spec = o.get("spec");
    if (spec == null || !spec.isObject()) { d.error(at, what + ": 'spec' is missing"); return Optional.empty(); }
    JsonNode ps = spec.get("podSelector");
    if (ps == null) { d.error(doc.at(spec), what + ": spec.podSelector is required ({} selects every pod of the namespace)"); return Optional.empty(); }
    int errors = d.errorCount();
    Optional<K8s.Selector> sel = selector(doc, ps, what + " spec.podSelector", d);
    boolean hasIngress = spec.has("ingress") && !spec.get("ingress").isNull(), hasEgress = spec.has("egress") && !spec.get("egress").isNull();
    boolean ingressType, egressType;
    JsonNode types = spec.get("policyTypes");
    if (types == null || types.isNull()) {
      // the API's defaulting: every policy is an Ingress policy; Egress when it has egress rules
      ingressType = true;
      egressType = hasEgress && !spec.get("egress").isEmpty();
    } else {
      ingressType = false;
      egressType = false;
      if (!types.isArray()) d.error(doc.at(types), what + ": policyTypes must be a list of Ingress and/or Egress");
      else for (JsonNode t : types) {
        switch (t.asText("")) {
          case "Ingress" -> ingressType = true;
          case "Egress" -> egressType = true;
          default -> d.error(doc.at(t).line() > 0 ? doc.at(t) : doc.at(types), what + ": policyTypes may hold Ingress and Egress, found '" + t.asText() + "'");
        }
      }
    }
    List<K8s.Rule> ingress = rules(doc, hasIngress ? spec.get("ingress") : null, what + " ingress", "from", d);
    List<K8s.Rule> egress = rules(doc, hasEgress ? spec.get("egress") : null, what + " egress", "to", d);
    if (d.errorCount() > errors || sel.isEmpty()) return Optional.empty();
    return Optional.of(new K8s.Policy(name, ns, sel.get(), ingressType, egressType, ingress, egress, at));
  }

  private static List<K8s.Rule> rules(LocatedJson doc, JsonNode list, String what, String peersKey, Diagnostics d) {
    List<K8s.Rule> out = new ArrayList<>();
    if (list == null) return out;
    if (!list.isArray()) { d.error(doc.at(list), what + ": expected a list of rules"); return out; }
    int n = 0;
    for (JsonNode r : list) {
      n++;
      String w = what + " rule " + n;
      if (!r.isObject()) { d.error(doc.at(list), w + ": expected a mapping with '" + peersKey + "' and/or 'ports'"); continue; }
      for (var f : r.properties())
        if (!f.getKey().equals(peersKey) && !f.getKey().equals("ports")) d.error(doc.at(r), w + ": unknown field '" + f.getKey() + "' (expected '" + peersKey + "' and 'ports')");
      JsonNode peers = r.get(peersKey);
      List<K8s.Peer> ps = new ArrayList<>();
      boolean any = peers == null || peers.isNull() || peers.isArray() && peers.isEmpty();
      if (!any && !peers.isArray()) d.error(doc.at(r), w + ": '" + peersKey + "' must be a list of peers");
      else if (!any) for (JsonNode p : peers) peer(doc, p, w, d).ifPresent(ps::add);
      List<K8s.Port> ports = new ArrayList<>();
      JsonNode pl = r.get("ports");
      if (pl != null && !pl.isNull()) {
        if (!pl.isArray()) d.error(doc.at(r), w + ": 'ports' must be a list");
        else for (JsonNode p : pl) port(doc, p, w, d).ifPresent(ports::add);
      }
      out.add(new K8s.Rule(ps, any, ports, doc.at(r)));
    }
    return out;
  }

  private static Optional<K8s.Peer> peer(LocatedJson doc, JsonNode p, String what, Diagnostics d) {
    SourcePosition at = doc.at(p);
    if (!p.isObject()) { d.error(at, what + ": a peer must be a mapping with podSelector, namespaceSelector or ipBlock"); return Optional.empty(); }
    JsonNode pod = p.get("podSelector"), ns = p.get("namespaceSelector"), ip = p.get("ipBlock");
    for (var f : p.properties())
      if (!List.of("podSelector", "namespaceSelector", "ipBlock").contains(f.getKey())) { d.error(at, what + ": unknown peer field '" + f.getKey() + "'"); return Optional.empty(); }
    if (ip != null) {
      if (pod != null || ns != null) { d.error(at, what + ": a peer with ipBlock may not also have podSelector or namespaceSelector"); return Optional.empty(); }
      Optional<String> cidr = text(ip.get("cidr"));
      if (cidr.isEmpty()) { d.error(doc.at(ip), what + ": ipBlock needs 'cidr'"); return Optional.empty(); }
      Optional<Addrs> block = cidr(cidr.get());
      if (block.isEmpty()) { d.error(where(doc, ip.get("cidr"), at), what + ": ipBlock cidr '" + cidr.get() + "' is not a CIDR (address/prefix length)"); return Optional.empty(); }
      List<String> except = new ArrayList<>();
      JsonNode ex = ip.get("except");
      if (ex != null && !ex.isNull()) {
        if (!ex.isArray()) { d.error(doc.at(ip), what + ": ipBlock except must be a list of CIDRs"); return Optional.empty(); }
        for (JsonNode e : ex) {
          Optional<Addrs> x = text(e).flatMap(K8sParser::cidr);
          if (x.isEmpty()) { d.error(where(doc, e, at), what + ": ipBlock except '" + e.asText() + "' is not a CIDR"); return Optional.empty(); }
          if (!block.get().minus(x.get()).union(x.get()).equals(block.get()) || x.get().equals(block.get())) {
            d.error(where(doc, e, at), what + ": ipBlock except '" + e.asText() + "' must lie strictly inside cidr " + cidr.get());
            return Optional.empty();
          }
          except.add(e.asText());
        }
      }
      return Optional.of(new K8s.IpBlock(cidr.get(), except, at));
    }
    if (pod == null && ns == null) { d.error(at, what + ": a peer needs podSelector, namespaceSelector or ipBlock"); return Optional.empty(); }
    Optional<K8s.Selector> ps = pod == null ? Optional.empty() : selector(doc, pod, what + " podSelector", d);
    Optional<K8s.Selector> nss = ns == null ? Optional.empty() : selector(doc, ns, what + " namespaceSelector", d);
    if (pod != null && ps.isEmpty() || ns != null && nss.isEmpty()) return Optional.empty();
    return Optional.of(new K8s.Pods(ps, nss, at));
  }

  private static Optional<K8s.Port> port(LocatedJson doc, JsonNode p, String what, Diagnostics d) {
    SourcePosition at = doc.at(p);
    if (!p.isObject()) { d.error(at, what + ": a port must be a mapping with protocol, port and endPort"); return Optional.empty(); }
    String proto = text(p.get("protocol")).orElse("TCP");
    if (!List.of("TCP", "UDP", "SCTP").contains(proto)) { d.error(where(doc, p.get("protocol"), at), what + ": protocol must be TCP, UDP or SCTP, found '" + proto + "'"); return Optional.empty(); }
    JsonNode port = p.get("port"), end = p.get("endPort");
    Optional<String> name = Optional.empty();
    Optional<Integer> number = Optional.empty(), endPort = Optional.empty();
    if (port != null && !port.isNull()) {
      if (port.isIntegralNumber()) {
        if (!port.canConvertToInt() || port.asInt() < 1 || port.asInt() > 65535) { d.error(where(doc, port, at), what + ": port must be 1-65535, found " + port.asText()); return Optional.empty(); }
        number = Optional.of(port.asInt());
      } else if (port.isTextual() && PORT_NAME.matcher(port.asText()).matches() && port.asText().chars().anyMatch(Character::isLetter) && !port.asText().contains("--")) {
        name = Optional.of(port.asText());
      } else {
        d.error(where(doc, port, at), what + ": port must be a number 1-65535 or a container port name (lower-case letters, digits and '-', at most 15), found '" + port.asText() + "'");
        return Optional.empty();
      }
    }
    if (end != null && !end.isNull()) {
      if (number.isEmpty()) { d.error(where(doc, end, at), what + ": endPort needs a numeric port"); return Optional.empty(); }
      if (!end.isIntegralNumber() || !end.canConvertToInt() || end.asInt() < number.get() || end.asInt() > 65535) {
        d.error(where(doc, end, at), what + ": endPort must be a number from port (" + number.get() + ") to 65535, found " + end.asText());
        return Optional.empty();
      }
      endPort = Optional.of(end.asInt());
    }
    return Optional.of(new K8s.Port(proto, name, number, endPort, at));
  }

  private static Optional<K8s.Selector> selector(LocatedJson doc, JsonNode s, String what, Diagnostics d) {
    SourcePosition at = doc.at(s);
    if (s.isNull()) return Optional.of(new K8s.Selector(Map.of(), List.of(), at));
    if (!s.isObject()) { d.error(at, what + ": a label selector must be a mapping with matchLabels and/or matchExpressions"); return Optional.empty(); }
    for (var f : s.properties())
      if (!f.getKey().equals("matchLabels") && !f.getKey().equals("matchExpressions")) { d.error(at, what + ": unknown selector field '" + f.getKey() + "'"); return Optional.empty(); }
    Optional<Map<String, String>> ml = labels(doc, s.get("matchLabels"), d);
    if (ml.isEmpty()) return Optional.empty();
    List<K8s.Requirement> reqs = new ArrayList<>();
    JsonNode me = s.get("matchExpressions");
    if (me != null && !me.isNull()) {
      if (!me.isArray()) { d.error(doc.at(me), what + ": matchExpressions must be a list"); return Optional.empty(); }
      for (JsonNode e : me) {
        SourcePosition eat = doc.at(e);
        String key = e.path("key").asText(""), op = e.path("operator").asText("");
        if (key.isEmpty()) { d.error(eat, what + ": a match expression needs 'key'"); return Optional.empty(); }
        if (!List.of("In", "NotIn", "Exists", "DoesNotExist").contains(op)) { d.error(eat, what + ": operator must be In, NotIn, Exists or DoesNotExist, found '" + op + "'"); return Optional.empty(); }
        List<String> values = new ArrayList<>();
        JsonNode vs = e.get("values");
        if (vs != null && !vs.isNull()) {
          if (!vs.isArray()) { d.error(eat, what + ": values must be a list"); return Optional.empty(); }
          for (JsonNode v : vs) {
            if (!v.isTextual()) { d.error(where(doc, v, eat), what + ": label values are strings; quote " + v.asText()); return Optional.empty(); }
            values.add(v.asText());
          }
        }
        boolean needsValues = op.equals("In") || op.equals("NotIn");
        if (needsValues == values.isEmpty()) { d.error(eat, what + ": operator " + op + (needsValues ? " needs values" : " takes no values")); return Optional.empty(); }
        reqs.add(new K8s.Requirement(key, op, values));
      }
    }
    return Optional.of(new K8s.Selector(ml.get(), reqs, at));
  }

  /** A label map (matchLabels, metadata.labels): string values only, as the API requires. */
  private static Optional<Map<String, String>> labels(LocatedJson doc, JsonNode m, Diagnostics d) {
    Map<String, String> out = new LinkedHashMap<>();
    if (m == null || m.isNull()) return Optional.of(out);
    if (!m.isObject()) { d.error(doc.at(m), "labels must be a mapping of names to values"); return Optional.empty(); }
    for (var e : m.properties()) {
      if (!e.getValue().isTextual()) {
        d.error(where(doc, e.getValue(), doc.at(m)), "label " + e.getKey() + ": values are strings; quote '" + e.getValue().asText() + "'");
        return Optional.empty();
      }
      out.put(e.getKey(), e.getValue().asText());
    }
    return Optional.of(out);
  }

  private static Optional<K8s.Pod> pod(LocatedJson doc, JsonNode o, Diagnostics d) {
    SourcePosition at = doc.at(o);
    JsonNode meta = o.path("metadata");
    String name = meta.path("name").asText("");
    if (name.isEmpty()) { d.error(at, "a Pod needs metadata.name"); return Optional.empty(); }
    String ns = text(meta.get("namespace")).orElse(DEFAULT_NAMESPACE);
    Optional<Map<String, String>> labels = labels(doc, meta.get("labels"), d);
    if (labels.isEmpty()) return Optional.empty();
    List<String> ips = new ArrayList<>();
    for (JsonNode ip : o.path("status").path("podIPs")) text(ip.get("ip")).ifPresent(ips::add);
    if (ips.isEmpty()) text(o.path("status").get("podIP")).ifPresent(ips::add);
    for (String ip : ips)
      if (Addrs.parse(ip).isEmpty() || ip.contains("/") || ip.contains("-")) { d.error(at, "Pod " + ns + "/" + name + ": status.podIPs holds '" + ip + "', not an address"); return Optional.empty(); }
    List<K8s.ContainerPort> ports = new ArrayList<>();
    for (JsonNode c : o.path("spec").path("containers"))
      for (JsonNode p : c.path("ports"))
        if (p.hasNonNull("name") && p.path("containerPort").canConvertToInt())
          ports.add(new K8s.ContainerPort(p.get("name").asText(), p.path("protocol").asText("TCP"), p.get("containerPort").asInt()));
    if (o.path("spec").path("hostNetwork").asBoolean(false)) {
      d.warning(at, "Pod " + ns + "/" + name + " uses the host's network: NetworkPolicy does not define what applies to it; it is not read");
      return Optional.empty();
    }
    return Optional.of(new K8s.Pod(name, ns, labels.get(), ips, ports, at));
  }

  private static Optional<Addrs> cidr(String t) {
    int slash = t.indexOf('/');
    if (slash <= 0 || t.indexOf('.', slash) > 0) return Optional.empty();
    try {
      int len = Integer.parseInt(t.substring(slash + 1));
      if (len < 0 || len > (t.contains(":") ? 128 : 32)) return Optional.empty();
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
    return Addrs.parse(t);
  }

  private static Optional<String> text(JsonNode n) {
    return n == null || n.isNull() || !n.isValueNode() || n.asText().isEmpty() ? Optional.empty() : Optional.of(n.asText());
  }

  private static SourcePosition where(LocatedJson doc, JsonNode n, SourcePosition fallback) {
    if (n == null) return fallback;
    SourcePosition p = doc.at(n);
    return p.line() > 0 ? p : fallback;
  }
}
