package org.portolan.render;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.portolan.catalog.Catalog;
import org.portolan.deployment.Deployment;
import org.portolan.deployment.Firewall;
import org.portolan.deployment.ProductInstance;
import org.portolan.model.Choice;
import org.portolan.model.Feature;
import org.portolan.model.Product;
import org.portolan.plan.Endpoint;
import org.portolan.plan.Flow;
import org.portolan.plan.FlowPlan;
import org.portolan.plan.Trace;

/**
 * The rows the HTML report and the workbook share, computed once from the plan, the
 * deployment, the catalog and the results, so both always say the same thing.
 */
record ReportData(
    String site,
    String deploymentFile,
    FlowPlan plan,
    Optional<Deployment> deployment,
    List<FlowRow> flows,
    List<ProductSection> products,
    List<Finding> findings,
    Map<Status, Integer> counts,
    Results results,
    Optional<GraphBuilder.Crossings> crossings) {

  /** One plan flow as a change board reads it. */
  record FlowRow(String name, List<Endpoint> sources, List<Endpoint> destinations, String protocol, String ports, String purpose,
                 String products, String requirements, Status status, List<Evidence> evidence) {}

  /**
   * A product instance of the site with its port tables; {@code planned} holds the
   * "requirement initiator responder" keys that produced flows in this site's plan.
   */
  record ProductSection(String instance, Product product, Map<String, Boolean> features, Map<String, String> choices,
                        List<PortTables.Table> tables, java.util.Set<String> planned) {
    /** The row is needed here: its requirement applies and both of its roles are deployed. */
    boolean needed(PortTables.Row r) {
      return planned.contains(key(r.requirement(), r.initiatorRole(), r.responderRole()));
    }
  }

  static String key(String requirement, String initiator, String responder) {
    return requirement + " " + initiator + " " + responder;
  }

  static ReportData of(FlowPlan plan, Optional<Deployment> deployment, Optional<Catalog> catalog, Results results) {
    List<FlowRow> rows = new ArrayList<>();
    for (Flow f : plan.flows()) {
      rows.add(new FlowRow(f.name(), f.sources(), f.destinations(), ServiceLabels.protocolWord(f.protocol()),
          ports(f), purposes(f), f.traces().stream().map(Trace::product).filter(s -> !s.isEmpty()).distinct().sorted().collect(Collectors.joining(", ")),
          String.join(", ", GraphBuilder.requirementRefs(f)), results.status(f.name()), results.evidence(f.name())));
    }
    List<ProductSection> products = new ArrayList<>();
    if (deployment.isPresent() && catalog.isPresent()) {
      for (ProductInstance inst : deployment.get().products()) {
        Optional<Product> p = catalog.get().product(inst.product());
        if (p.isEmpty()) continue; // the deployment loader refuses unknown products
        Map<String, Boolean> features = new LinkedHashMap<>();
        for (Feature feat : p.get().features()) features.put(feat.name(), inst.features().getOrDefault(feat.name(), feat.enabledByDefault()));
        Map<String, String> choices = new LinkedHashMap<>();
        for (Choice c : p.get().choices()) choices.put(c.name(), inst.choices().getOrDefault(c.name(), c.defaultOption()));
        java.util.Set<String> planned = new java.util.TreeSet<>();
        for (Flow f : plan.flows())
          for (Trace t : f.traces())
            if (t.instance().equals(inst.instance())) planned.add(key(t.requirement(), t.initiatorRole(), t.responderRole()));
        products.add(new ProductSection(inst.instance(), p.get(), features, choices, PortTables.tables(p.get()), planned));
      }
    }
    String site = !plan.site().isEmpty() ? plan.site() : deployment.map(Deployment::site).orElse("(unnamed site)");
    return new ReportData(site, deployment.map(Deployment::file).orElse(""), plan, deployment, rows, products,
        results.findings(plan), results.counts(plan), results,
        deployment.map(d -> GraphBuilder.crossings(plan, deployment)));
  }

  /**
   * "workstations (198.18.20.0/24, 198.18.21.1)"; with {@code maxBlocks} > 0 a long list of
   * address blocks is cut after that many with "… N more", and a long list of endpoints after
   * three times that many (the workbook lists them all).
   */
  static String endpoints(List<Endpoint> list, int maxBlocks) {
    // in the HTML a flow between thousands of hosts names the first few (the workbook: all)
    int maxEndpoints = maxBlocks > 0 ? 3 * maxBlocks : Integer.MAX_VALUE;
    if (list.size() > maxEndpoints)
      return endpoints(list.subList(0, maxEndpoints), maxBlocks) + "; … " + (list.size() - maxEndpoints) + " more";
    return list.stream().map(e -> {
      List<String> what = switch (e) {
        case Endpoint.Addresses a -> a.blocks().stream().map(org.portolan.model.AddressBlocks::notation).toList();
        case Endpoint.Fqdn q -> List.of(q.fqdn());
      };
      if (what.equals(List.of(e.name()))) return e.name();
      if (maxBlocks > 0 && what.size() > maxBlocks)
        what = java.util.stream.Stream.concat(what.stream().limit(maxBlocks), java.util.stream.Stream.of("… " + (what.size() - maxBlocks) + " more")).toList();
      return e.name() + " (" + String.join(", ", what) + ")";
    }).collect(Collectors.joining("; "));
  }

  static String ports(Flow f) {
    return switch (f.protocol()) {
      case org.portolan.model.Protocol.Icmp i -> i.typeNotation().isEmpty() ? "any type" : "type " + i.typeNotation();
      default -> f.ports().notation().replace(" ", ", ");
    };
  }

  private static String purposes(Flow f) {
    return f.traces().stream().map(Trace::purpose).filter(s -> !s.isBlank()).distinct().collect(Collectors.joining(" / "));
  }

  long networkFirewalls() {
    return deployment.map(d -> d.firewalls().stream().filter(fw -> fw.kind() == Firewall.Kind.NETWORK).count()).orElse(0L);
  }

  long hostFirewalls() {
    return deployment.map(d -> d.firewalls().stream().filter(fw -> fw.kind() == Firewall.Kind.HOST).count()).orElse(0L);
  }
}
