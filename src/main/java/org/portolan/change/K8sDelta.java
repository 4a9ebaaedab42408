package org.portolan.change;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.portolan.ingest.acl.Addrs;
import org.portolan.ingest.k8s.PodInventory;

/**
 * Kubernetes NetworkPolicy: one new policy per addition and selected pods, built as data and
 * serialised as YAML documents for {@code kubectl apply -f}. Policies add up and have no order,
 * so nothing existing is touched: a policy selects exactly the pods the refused packets go to
 * (ingress) or come from (egress), by labels the input's Pods show select no other pod, and
 * allows exactly the missing peers (pods by namespace and labels, other addresses as
 * {@code ipBlock}s) and ports. What NetworkPolicy cannot say exactly (ICMP and other
 * protocols, pods no labels tell apart) is not written: the script says so, per flow.
 */
final class K8sDelta implements Delta {
  private static final ObjectMapper YAML = new ObjectMapper(YAMLFactory.builder()
      .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER).enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
      .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR).disable(YAMLGenerator.Feature.SPLIT_LINES).build());
  private static final ObjectMapper JSON = new ObjectMapper();
  static final String NS_NAME = "kubernetes.io/metadata.name";

  @Override
  public String fileName(ChangeResult r) {
    return "change.k8s.yaml";
  }

  /** What one addition becomes: its policies, or why it cannot be written, and what a selected pod opens beyond the flow. */
  record Written(List<ObjectNode> policies, List<String> notWritten, List<String> notes) {}

  Map<Addition, Written> written(ChangeResult r) {
    PodInventory inv = PodInventory.of(r.rulesetText(), r.acl().file());
    Map<Addition, Written> out = new LinkedHashMap<>();
    int n = 0;
    for (Addition a : r.additions()) {
      boolean ingress = a.chain().equals("ingress");
      List<ObjectNode> policies = new ArrayList<>();
      List<String> no = new ArrayList<>(), notes = new ArrayList<>();
      for (Fields f : Fields.of(a.accept())) n = one(inv, a, f, ingress, n, policies, no, notes);
      out.put(a, new Written(policies, no, notes));
    }
    return out;
  }

  /** The policies of one field record of an addition (numbered from {@code n}); what cannot be written goes to {@code no}. */
  private static int one(PodInventory inv, Addition a, Fields f, boolean ingress, int n, List<ObjectNode> policies, List<String> no, List<String> notes) {
    List<String> self = ingress ? f.dst() : f.src(), peer = ingress ? f.src() : f.dst();
    if (self.isEmpty()) { no.add("every " + (ingress ? "destination" : "source") + " address: a policy selects pods, not every address"); return n; }
    Addrs selfA = addrs(self);
    List<PodInventory.Pod> selfPods = inv.within(selfA);
    var sels = inv.select(selfPods);
    if (selfPods.isEmpty() || sels.isEmpty() || !covers(selfPods, selfA, f.family())) {
      no.add("no label selector of the input's pods picks exactly " + String.join(" ", self));
      return n;
    }
    ArrayNode peers = JSON.createArrayNode();
    if (!peer.isEmpty() && !peersOf(inv, addrs(peer), f.family(), peers, no)) return n;
    ArrayNode ports = JSON.createArrayNode();
    if (!portsOf(f, ports, no)) return n;
    // a pod is selected with all its addresses: with the other family's on both sides, that pair is opened too
    boolean peerOther = peer.isEmpty() || inv.within(addrs(peer)).stream().anyMatch(p -> hasOther(p, f.family()));
    if (peerOther) for (PodInventory.Pod p : selfPods) other(p, f.family(), notes);
    for (PodInventory.Selection s : sels.get()) policies.add(policy(a, ++n, s, ingress, peer.isEmpty() ? null : peers, ports));
    return n;
  }

  /** Why NetworkPolicy cannot permit exactly {@code accept} in {@code chain} with the input's pods, if it cannot. */
  @Override
  public java.util.Optional<String> cannotWrite(org.portolan.ingest.acl.Acl acl, String rulesetText, String chain, org.portolan.ingest.acl.LineSource blockedBy, org.portolan.ingest.acl.Space accept) {
    PodInventory inv = PodInventory.of(rulesetText, acl.file());
    List<String> no = new ArrayList<>();
    for (Fields f : Fields.of(accept)) one(inv, null, f, chain.equals("ingress"), 0, new ArrayList<>(), no, new ArrayList<>());
    return no.stream().findFirst().map(x -> "NetworkPolicy cannot say it exactly: " + x);
  }

  private static Addrs addrs(List<String> cidrs) {
    Addrs a = Addrs.NONE;
    for (String c : cidrs) a = a.union(Addrs.parse(c).orElseThrow());
    return a;
  }

  /** Every address of the set is a pod's (a set that also holds other addresses cannot be selected by labels). */
  private static boolean covers(List<PodInventory.Pod> pods, Addrs want, int family) {
    Addrs have = Addrs.NONE;
    for (PodInventory.Pod p : pods) for (String ip : p.ips()) have = have.union(Addrs.parse(ip).orElseThrow());
    return want.minus(have).of(family).isEmpty();
  }

  private static boolean hasOther(PodInventory.Pod p, int family) {
    return p.ips().stream().anyMatch(ip -> (ip.contains(":") ? 6 : 4) != family);
  }

  /** A pod is selected with all its addresses: say so when it has one of the other family. */
  private static void other(PodInventory.Pod p, int family, List<String> notes) {
    for (String ip : p.ips())
      if ((ip.contains(":") ? 6 : 4) != family) notes.add("pod " + p.namespace() + "/" + p.name() + " is selected with its address " + ip + " too, which the same peers' addresses of that family may reach");
  }

  private static boolean peersOf(PodInventory inv, Addrs peer, int family, ArrayNode peers, List<String> no) {
    List<PodInventory.Pod> pods = inv.within(peer);
    if (!pods.isEmpty()) {
      var sels = inv.select(pods);
      if (sels.isEmpty()) { no.add("no label selector of the input's pods picks exactly the pods among " + peer); return false; }
      for (PodInventory.Selection s : sels.get()) {
        ObjectNode p = peers.addObject();
        p.putObject("namespaceSelector").putObject("matchLabels").put(NS_NAME, s.namespace());
        ObjectNode ml = p.putObject("podSelector").putObject("matchLabels");
        s.matchLabels().forEach(ml::put);
      }
    }
    Addrs rest = peer.minus(inv.addresses());
    for (String c : Fields.withLength(Fields.cidrs(family, rest.of(family)), family)) peers.addObject().putObject("ipBlock").put("cidr", c);
    return true;
  }

  private static boolean portsOf(Fields f, ArrayNode ports, List<String> no) {
    if (f.proto() == Fields.ANY) return true;
    String proto = switch (f.proto()) { case 6 -> "TCP"; case 17 -> "UDP"; case 132 -> "SCTP"; default -> null; };
    if (proto == null) { no.add("protocol " + Fields.protoName(f.proto()) + ": NetworkPolicy matches TCP, UDP and SCTP only"); return false; }
    if (f.dports().isEmpty()) { ports.addObject().put("protocol", proto); return true; }
    for (long[] iv : f.dports()) {
      ObjectNode p = ports.addObject();
      p.put("protocol", proto);
      p.put("port", (int) iv[0]);
      if (iv[1] > iv[0]) p.put("endPort", (int) iv[1]);
    }
    return true;
  }

  private static ObjectNode policy(Addition a, int n, PodInventory.Selection s, boolean ingress, ArrayNode peers, ArrayNode ports) {
    ObjectNode p = JSON.createObjectNode();
    p.put("apiVersion", "networking.k8s.io/v1");
    p.put("kind", "NetworkPolicy");
    ObjectNode meta = p.putObject("metadata");
    if (a == null) return JSON.createObjectNode(); // only checking whether it can be written
    String slug = a.flow().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]+", "-").replaceAll("^-+|-+$", "");
    if (slug.length() > 200) slug = slug.substring(0, 200);
    meta.put("name", String.format("portolan-change-%s-%03d", slug.isEmpty() ? "flow" : slug, n));
    meta.put("namespace", s.namespace());
    meta.putObject("annotations").put("portolan.org/requirements", Delta.clean(a.why(), 500));
    ObjectNode spec = p.putObject("spec");
    ObjectNode ml = spec.putObject("podSelector").putObject("matchLabels");
    s.matchLabels().forEach(ml::put);
    spec.putArray("policyTypes").add(ingress ? "Ingress" : "Egress");
    ObjectNode rule = spec.putArray(ingress ? "ingress" : "egress").addObject();
    if (peers != null) rule.set(ingress ? "from" : "to", peers);
    if (!ports.isEmpty()) rule.set("ports", ports);
    return p;
  }

  @Override
  public String script(ChangeResult r) {
    if (r.additions().isEmpty()) return "";
    StringBuilder b = new StringBuilder("# Portolan change for ").append(r.acl().file())
        .append(": new NetworkPolicies only (policies add up; nothing existing is changed). Apply with: kubectl apply -f change.k8s.yaml\n");
    for (var e : written(r).entrySet()) {
      for (String x : e.getValue().notWritten()) b.append("# NOT WRITTEN for ").append(e.getKey().flow()).append(": ").append(Delta.clean(x, 300)).append('\n');
      for (String x : e.getValue().notes()) b.append("# NOTE for ").append(e.getKey().flow()).append(": ").append(Delta.clean(x, 300)).append('\n');
      for (ObjectNode p : e.getValue().policies()) b.append("---\n# ").append(Delta.clean(e.getKey().why(), 300)).append('\n').append(yaml(p));
    }
    return b.toString();
  }

  @Override
  public Map<Addition, List<String>> commands(ChangeResult r) {
    Map<Addition, List<String>> out = new LinkedHashMap<>();
    for (var e : written(r).entrySet()) {
      List<String> lines = new ArrayList<>();
      for (ObjectNode p : e.getValue().policies()) lines.add("echo '" + json(p).replace("'", "'\\''") + "' | kubectl apply -f -");
      for (String x : e.getValue().notWritten()) lines.add("# not written: " + x);
      out.put(e.getKey(), lines);
    }
    return out;
  }

  @Override
  public String position(ChangeResult r, Addition a) {
    return "a new NetworkPolicy for " + (a.chain().equals("ingress") ? "Ingress" : "Egress") + " (policies add up; they have no order)";
  }

  @Override
  public List<String> tighten(ChangeResult r, Tightening t) {
    return List.of();
  }

  private static String yaml(ObjectNode n) {
    try {
      return YAML.writeValueAsString(n);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String json(ObjectNode n) {
    try {
      return JSON.writeValueAsString(n);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
