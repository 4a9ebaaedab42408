package org.portolan.render;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.portolan.deployment.Deployment;
import org.portolan.model.FlowRequirement;
import org.portolan.model.Product;
import org.portolan.model.Role;
import org.portolan.model.Service;
import org.portolan.plan.Endpoint;
import org.portolan.plan.Flow;
import org.portolan.plan.FlowPlan;
import org.portolan.plan.Trace;

/** Builds the {@link Graph} of a product (roles) or of a deployment's plan (hosts and groups by zone). */
final class GraphBuilder {
  private GraphBuilder() {}

  static final String EXTERNAL_LABEL = "External endpoints (FQDN)";
  static final int MAX_DETAIL_LINES = 4;

  // ---------------------------------------------------------------- product

  /**
   * Roles as boxes (external FQDN roles in their own cluster), one arrow per initiator,
   * responder and condition carrying every service of those requirements; conditional
   * arrows are dashed and say their condition.
   */
  static Graph product(Product p) {
    List<Role> roles = new ArrayList<>(p.roles());
    roles.sort(Comparator.comparing(Role::id));
    Map<String, String> ids = new LinkedHashMap<>();
    for (Role r : roles) ids.put(r.id(), "n" + (ids.size() + 1));
    List<Graph.Node> components = new ArrayList<>(), external = new ArrayList<>();
    for (Role r : roles) {
      Graph.Node n = new Graph.Node(ids.get(r.id()), r.name(), r.isExternal() ? r.fqdns() : List.of(), r.id());
      (r.isExternal() ? external : components).add(n);
    }
    record Key(String from, String to, String condition, boolean loopback) {}
    Map<Key, List<FlowRequirement>> grouped = new TreeMap<>(Comparator.comparing(Key::from).thenComparing(Key::to)
        .thenComparing(Key::condition).thenComparing(Key::loopback));
    for (FlowRequirement req : p.requirements())
      for (String responder : req.responders())
        grouped.computeIfAbsent(new Key(req.initiator(), responder, req.condition().notation(), req.loopback()), k -> new ArrayList<>()).add(req);
    List<Graph.Edge> edges = new ArrayList<>();
    for (var e : grouped.entrySet()) {
      Key k = e.getKey();
      String from = ids.get(k.from()), to = ids.get(k.to());
      if (from == null || to == null) continue; // the catalog loader refuses unknown roles; nothing to draw
      List<Service> services = new ArrayList<>();
      Set<String> reqIds = new TreeSet<>();
      for (FlowRequirement r : e.getValue()) {
        services.addAll(r.services());
        reqIds.add(r.id());
      }
      List<String> lines = new ArrayList<>();
      lines.add(ServiceLabels.ofServices(services) + (k.loopback() ? " (loopback)" : ""));
      if (!k.condition().isEmpty()) lines.add("if " + k.condition());
      edges.add(new Graph.Edge(from, to, lines, String.join(", ", reqIds), Optional.empty(), !k.condition().isEmpty()));
    }
    List<Graph.Cluster> clusters = new ArrayList<>();
    if (!components.isEmpty()) clusters.add(new Graph.Cluster("c1", p.name() + " components", false, components));
    if (!external.isEmpty()) clusters.add(new Graph.Cluster("c" + (clusters.size() + 1), EXTERNAL_LABEL, true, external));
    List<Graph.LegendEntry> legend = List.of(
        new Graph.LegendEntry("initiator → responder", Graph.NEUTRAL, false),
        new Graph.LegendEntry("only when the condition holds", Graph.NEUTRAL, true));
    return new Graph("Product: " + p.name() + " (" + p.id() + ")", clusters, List.of(), edges, legend);
  }

  // ---------------------------------------------------------------- deployment

  /**
   * Hosts and groups boxed by zone (external FQDN endpoints apart), one arrow per source,
   * destination and status carrying every service of the plan flows between them; with
   * results, each arrow has the colour of its flows' status and a legend explains them.
   * A large site (more than {@link #MAX_HOST_ARROWS} host-to-host arrows) is drawn by role
   * instead: one box per set of hosts and groups that plays a role, so the diagram stays
   * readable and Graphviz can lay it out.
   */
  static Graph deployment(FlowPlan plan, Optional<Deployment> deployment, Results results) {
    return deployment(plan, deployment, results, "Site: " + siteName(plan, deployment));
  }

  /** The hosts and flows of one product instance of the site. */
  static Graph instance(FlowPlan plan, Deployment deployment, Results results, String instance, String productName) {
    List<Flow> mine = plan.flows().stream().filter(f -> f.traces().stream().anyMatch(t -> t.instance().equals(instance))).toList();
    return deployment(new FlowPlan(plan.site(), mine, List.of()), Optional.of(deployment), results,
        siteName(plan, Optional.of(deployment)) + " — " + instance + " (" + productName + ")");
  }

  static String siteName(FlowPlan plan, Optional<Deployment> deployment) {
    return plan.site().isEmpty() ? deployment.map(Deployment::site).filter(s -> !s.isEmpty()).orElse("(unnamed)") : plan.site();
  }

  private static Graph deployment(FlowPlan plan, Optional<Deployment> deployment, Results results, String title) {
    String externalZone = deployment.map(Deployment::externalZone).orElse("internet");
    Map<String, String> zones = zonesByName(deployment);
    boolean byRole = hostArrowsExceed(plan, MAX_HOST_ARROWS);

    // every box, by key; and for every flow the (from, to) box pairs it draws
    Map<String, Box> boxes = new TreeMap<>();
    Map<Flow, List<String[]>> pairs = new LinkedHashMap<>();
    for (Flow f : plan.flows()) {
      List<String[]> fp = new ArrayList<>();
      if (byRole) {
        Box src = roleBox(f.sources(), f.traces().stream().map(t -> t.instance().isEmpty() ? t.initiatorRole() : t.instance() + ": " + t.initiatorRole()).toList(), zones, externalZone);
        Box dst = f.loopback() ? src
            : roleBox(f.destinations(), f.traces().stream().map(t -> t.instance().isEmpty() ? t.responderRole() : t.instance() + ": " + t.responderRole()).toList(), zones, externalZone);
        boxes.merge(src.key(), src, Box::union);
        boxes.merge(dst.key(), dst, Box::union);
        fp.add(new String[] {src.key(), dst.key()});
      } else {
        for (Endpoint e : f.sources()) boxes.putIfAbsent(key(e), endpointBox(e, zones, externalZone));
        if (f.loopback()) {
          // the flow stays on each source host: a loop on its box, no box for "loopback"
          for (Endpoint s : f.sources()) fp.add(new String[] {key(s), key(s)});
        } else {
          for (Endpoint e : f.destinations()) boxes.putIfAbsent(key(e), endpointBox(e, zones, externalZone));
          for (Endpoint s : f.sources()) for (Endpoint d : f.destinations()) fp.add(new String[] {key(s), key(d)});
        }
      }
      pairs.put(f, fp);
    }
    // zones in the deployment's order, then any others alphabetically, the external zone last
    List<String> zoneOrder = new ArrayList<>();
    deployment.ifPresent(d -> d.zones().forEach(z -> zoneOrder.add(z.name())));
    for (String z : new TreeSet<>(boxes.values().stream().map(Box::zone).toList())) if (!zoneOrder.contains(z) && !z.isEmpty()) zoneOrder.add(z);
    if (zoneOrder.remove(SEVERAL_ZONES)) zoneOrder.add(SEVERAL_ZONES);
    if (zoneOrder.remove(externalZone)) zoneOrder.add(externalZone);

    Map<String, String> ids = new LinkedHashMap<>();
    List<Graph.Cluster> clusters = new ArrayList<>();
    for (String zone : zoneOrder) {
      List<Graph.Node> nodes = new ArrayList<>();
      for (Box b : boxes.values()) if (b.zone().equals(zone)) nodes.add(b.node(ids));
      if (nodes.isEmpty()) continue;
      boolean external = zone.equals(externalZone);
      String label = external ? "zone " + zone + " — external endpoints" : zone.equals(SEVERAL_ZONES) ? zone : "zone " + zone;
      clusters.add(new Graph.Cluster("c" + (clusters.size() + 1), label, external, nodes));
    }
    List<Graph.Node> loose = new ArrayList<>();
    for (Box b : boxes.values()) if (b.zone().isEmpty()) loose.add(b.node(ids));

    record Key(String from, String to, Status status) {}
    Map<Key, List<Flow>> grouped = new TreeMap<>(Comparator.comparing(Key::from).thenComparing(Key::to).thenComparing(Key::status));
    boolean coloured = !results.isEmpty();
    for (var e : pairs.entrySet()) {
      Status s = coloured ? results.status(e.getKey().name()) : Status.UNKNOWN;
      for (String[] p : e.getValue()) grouped.computeIfAbsent(new Key(p[0], p[1], s), k -> new ArrayList<>()).add(e.getKey());
    }
    List<Graph.Edge> edges = new ArrayList<>();
    for (var e : grouped.entrySet()) {
      List<ServiceLabels.Concrete> services = new ArrayList<>();
      Set<String> names = new LinkedHashSet<>();
      boolean loopback = false;
      for (Flow f : e.getValue()) {
        services.add(new ServiceLabels.Concrete(f.protocol(), f.ports()));
        names.add(f.name());
        loopback |= f.loopback();
      }
      List<String> lines = new ArrayList<>();
      lines.add(ServiceLabels.ofConcrete(services) + (loopback ? " (loopback)" : ""));
      if (coloured) lines.add(e.getKey().status().word());
      edges.add(new Graph.Edge(ids.get(e.getKey().from()), ids.get(e.getKey().to()), lines, String.join("\n", names),
          coloured ? Optional.of(e.getKey().status()) : Optional.empty(), false));
    }
    List<Graph.LegendEntry> legend = new ArrayList<>();
    if (coloured) for (Status s : Status.values()) legend.add(new Graph.LegendEntry(s.word() + ": " + s.legend(), s.colour(), false));
    if (byRole) title += "\n(grouped by role: more than " + MAX_HOST_ARROWS + " host-to-host arrows)";
    return new Graph(title, clusters, loose, edges, legend);
  }

  static final int MAX_HOST_ARROWS = 150;

  /** More than {@code max} distinct host-to-host pairs? Stops counting as soon as it knows. */
  private static boolean hostArrowsExceed(FlowPlan plan, int max) {
    Set<String> pairs = new java.util.HashSet<>();
    for (Flow f : plan.flows()) {
      if ((long) f.sources().size() * f.destinations().size() > max) return true;
      for (Endpoint s : f.sources())
        for (Endpoint d : f.destinations())
          if (pairs.add(key(s) + "\u0000" + (f.loopback() ? key(s) : key(d))) && pairs.size() > max) return true;
    }
    return false;
  }
  static final String SEVERAL_ZONES = "several zones";

  /** A box of the site diagram: one host, group or FQDN, or (large sites) the members of a role. */
  private record Box(String key, String label, List<String> details, String tooltip, String zone) {
    Graph.Node node(Map<String, String> ids) {
      String id = ids.computeIfAbsent(key, k -> "n" + (ids.size() + 1));
      List<String> shown = details;
      // many addresses or members: the first few on the box, all of them in the tooltip
      if (shown.size() > MAX_DETAIL_LINES)
        shown = java.util.stream.Stream.concat(shown.stream().limit(MAX_DETAIL_LINES - 1),
            java.util.stream.Stream.of("… " + (shown.size() - MAX_DETAIL_LINES + 1) + " more")).toList();
      return new Graph.Node(id, label, shown, tooltip);
    }

    /** The same members named by two roles: one box labelled with both. */
    Box union(Box other) {
      if (other.label.equals(label) || List.of(label.split("\n")).contains(other.label)) return this;
      return new Box(key, label + "\n" + other.label, details, tooltip, zone);
    }
  }

  private static Box endpointBox(Endpoint e, Map<String, String> zones, String externalZone) {
    List<String> details = switch (e) {
      case Endpoint.Addresses a -> a.blocks().stream().map(org.portolan.model.AddressBlocks::notation).toList();
      case Endpoint.Fqdn f -> List.of(f.fqdn());
    };
    String all = String.join(" ", details);
    if (details.equals(List.of(key(e)))) details = List.of();
    return new Box(key(e), key(e), details, all, zone(e, zones, externalZone));
  }

  private static Box roleBox(List<Endpoint> members, List<String> roles, Map<String, String> zoneMap, String externalZone) {
    List<String> names = members.stream().map(GraphBuilder::key).sorted().distinct().toList();
    Set<String> zones = new TreeSet<>();
    for (Endpoint m : members) zones.add(zone(m, zoneMap, externalZone));
    String zone = zones.size() == 1 ? zones.iterator().next() : SEVERAL_ZONES;
    String label = roles.stream().filter(r -> !r.isBlank()).distinct().sorted().collect(java.util.stream.Collectors.joining("\n"));
    if (label.isEmpty()) label = names.size() + " endpoints";
    return new Box(String.join(",", names), label, names, String.join(" ", names), zone);
  }

  /** Flows name endpoints by host or group; a flows file by their address text. */
  static String key(Endpoint e) {
    return e.name();
  }

  /** Host and group names to their zones, once per diagram (sites have thousands of hosts). */
  private static Map<String, String> zonesByName(Optional<Deployment> deployment) {
    Map<String, String> out = new java.util.HashMap<>();
    deployment.ifPresent(d -> {
      d.groups().forEach(g -> out.put(g.name(), g.zone()));
      d.hosts().forEach(h -> out.put(h.name(), h.zone()));
    });
    return out;
  }

  private static String zone(Endpoint e, Map<String, String> zones, String externalZone) {
    if (e instanceof Endpoint.Fqdn) return externalZone;
    return zones.getOrDefault(e.name(), e.zone());
  }

  // ---------------------------------------------------------------- zones

  /**
   * The site seen by the firewall team: one box per zone, one arrow per source zone,
   * destination zone and status saying how many flows cross and with which services
   * (shortened; the tooltip names every flow). Flows within a zone are a loop on its box;
   * loopback flows, which stay on their host, are left out.
   */
  static Graph zones(FlowPlan plan, Optional<Deployment> deployment, Results results) {
    String externalZone = deployment.map(Deployment::externalZone).orElse("internet");
    Crossings crossings = crossings(plan, deployment);
    Map<String, Set<String>> members = crossings.members();
    record Key(String from, String to, Status status) {}
    Map<Key, List<Flow>> grouped = new TreeMap<>(Comparator.comparing(Key::from).thenComparing(Key::to).thenComparing(Key::status));
    boolean coloured = !results.isEmpty();
    for (var e : crossings.flows().entrySet())
      for (Flow f : e.getValue())
        grouped.computeIfAbsent(new Key(e.getKey().get(0), e.getKey().get(1), coloured ? results.status(f.name()) : Status.UNKNOWN), k -> new ArrayList<>()).add(f);
    List<String> order = crossings.zones();
    Map<String, String> ids = new LinkedHashMap<>();
    List<Graph.Node> inside = new ArrayList<>(), outside = new ArrayList<>();
    for (String z : order) {
      if (!members.containsKey(z)) continue;
      String id = ids.computeIfAbsent(z, k -> "n" + (ids.size() + 1));
      Set<String> m = members.get(z);
      Graph.Node n = new Graph.Node(id, z.equals(externalZone) ? externalZone + " (external)" : "zone " + z,
          List.of(m.size() + (m.size() == 1 ? " host or group" : " hosts and groups")), String.join(" ", m));
      (z.equals(externalZone) ? outside : inside).add(n);
    }
    List<Graph.Edge> edges = new ArrayList<>();
    for (var e : grouped.entrySet()) {
      List<ServiceLabels.Concrete> services = e.getValue().stream().map(f -> new ServiceLabels.Concrete(f.protocol(), f.ports())).toList();
      List<String> lines = new ArrayList<>();
      int n = e.getValue().size();
      lines.add(n + (n == 1 ? " flow" : " flows") + (coloured ? " " + e.getKey().status().word() : ""));
      lines.add(shorten(ServiceLabels.ofConcrete(services), 40));
      edges.add(new Graph.Edge(ids.get(e.getKey().from()), ids.get(e.getKey().to()), lines,
          String.join("\n", e.getValue().stream().map(Flow::name).toList()), coloured ? Optional.of(e.getKey().status()) : Optional.empty(), false));
    }
    List<Graph.Cluster> clusters = new ArrayList<>();
    if (!outside.isEmpty()) clusters.add(new Graph.Cluster("c1", "External endpoints", true, outside));
    List<Graph.LegendEntry> legend = new ArrayList<>();
    if (coloured) for (Status s : Status.values()) legend.add(new Graph.LegendEntry(s.word() + ": " + s.legend(), s.colour(), false));
    return new Graph("Zone to zone: " + siteName(plan, deployment), clusters, inside, edges, legend);
  }

  /**
   * Which flows cross from which zone to which (loopback flows left out), the hosts and
   * groups seen in each zone, and the zones in display order (the deployment's, then others,
   * the external zone last).
   */
  record Crossings(Map<List<String>, List<Flow>> flows, Map<String, Set<String>> members, List<String> zones) {}

  static Crossings crossings(FlowPlan plan, Optional<Deployment> deployment) {
    String externalZone = deployment.map(Deployment::externalZone).orElse("internet");
    Map<String, String> zoneMap = zonesByName(deployment);
    Map<List<String>, List<Flow>> flows = new TreeMap<>(Comparator.comparing((List<String> l) -> l.get(0)).thenComparing(l -> l.get(1)));
    Map<String, Set<String>> members = new TreeMap<>();
    for (Flow f : plan.flows()) {
      if (f.loopback()) continue; // stays on the host: crosses no zone boundary
      // zones of each side first: linear in the endpoints, not in their pairs
      Set<String> from = new TreeSet<>(), to = new TreeSet<>();
      for (Endpoint src : f.sources()) {
        String z = zoneLabel(zone(src, zoneMap, externalZone));
        from.add(z);
        members.computeIfAbsent(z, k -> new TreeSet<>()).add(key(src));
      }
      for (Endpoint dst : f.destinations()) {
        String z = zoneLabel(zone(dst, zoneMap, externalZone));
        to.add(z);
        members.computeIfAbsent(z, k -> new TreeSet<>()).add(key(dst));
      }
      for (String a : from) for (String b : to) flows.computeIfAbsent(List.of(a, b), k -> new ArrayList<>()).add(f);
    }
    List<String> order = new ArrayList<>();
    deployment.ifPresent(d -> d.zones().forEach(z -> { if (members.containsKey(z.name())) order.add(z.name()); }));
    for (String z : members.keySet()) if (!order.contains(z)) order.add(z);
    if (order.remove(externalZone)) order.add(externalZone);
    return new Crossings(flows, members, order);
  }

  private static String zoneLabel(String zone) {
    return zone.isEmpty() ? "(no zone)" : zone;
  }

  static String shorten(String s, int max) {
    if (s.length() <= max) return s;
    int cut = s.lastIndexOf(',', max - 1);
    return s.substring(0, cut > max / 2 ? cut : max - 1) + "…";
  }

  /** The products and requirement ids behind a flow, for tables. */
  static List<String> requirementRefs(Flow f) {
    return f.traces().stream().map(Trace::requirementRef).distinct().sorted().toList();
  }
}
