package org.portolan.render;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.portolan.catalog.Catalog;
import org.portolan.deployment.Deployment;
import org.portolan.deployment.ProductInstance;
import org.portolan.model.Product;
import org.portolan.model.Role;
import org.portolan.output.Csv;
import org.portolan.plan.Endpoint;
import org.portolan.plan.Flow;
import org.portolan.plan.FlowPlan;
import org.portolan.plan.PlanWriter;
import org.portolan.plan.Trace;

/**
 * Port tables of a deployment, one per product instance and component, with direction
 * relative to that component and the resolved ports between the named hosts. (A product's
 * own tables, with the catalog's defaults and variables, are {@link PortTables}.)
 */
public final class PortTableDocument {
  private PortTableDocument() {}

  public static final String CSV_HEADER = "product,component,direction,peer,proto,ports,purpose,condition,configurable";

  /** One row of a component's table. */
  record Row(String component, String direction, String peer, String proto, String ports, String purpose, String condition, String configurable) {}

  /** Port tables of a deployment: per product instance and component, the resolved flows with their hosts. */
  public static String markdown(FlowPlan plan, Deployment deployment, Catalog catalog) {
    StringBuilder b = new StringBuilder("# Ports used at ").append(deployment.site()).append("\n\n");
    for (var section : sections(plan, deployment, catalog).entrySet()) {
      b.append("## ").append(section.getKey()).append("\n\n");
      table(b, section.getValue());
    }
    return b.toString();
  }

  public static String csv(FlowPlan plan, Deployment deployment, Catalog catalog) {
    StringBuilder b = new StringBuilder(CSV_HEADER).append('\n');
    for (ProductInstance pi : deployment.products()) {
      for (var section : sections(plan, deployment, catalog, pi).entrySet()) for (Row r : section.getValue()) csvRow(b, pi.instance(), r);
    }
    return b.toString();
  }

  private static Map<String, List<Row>> sections(FlowPlan plan, Deployment deployment, Catalog catalog) {
    Map<String, List<Row>> out = new LinkedHashMap<>();
    for (ProductInstance pi : deployment.products()) out.putAll(sections(plan, deployment, catalog, pi));
    return out;
  }

  private static Map<String, List<Row>> sections(FlowPlan plan, Deployment deployment, Catalog catalog, ProductInstance pi) {
    Product p = catalog.product(pi.product()).orElseThrow();
    Map<String, List<Row>> out = new LinkedHashMap<>();
    for (Role r : p.roles()) {
      List<Row> rows = new ArrayList<>();
      for (Flow f : plan.flows()) {
        for (Trace t : f.traces()) {
          if (!t.instance().equals(pi.instance())) continue;
          String ports = PlanWriter.portsText(f);
          String proto = f.protocol().keyword().toUpperCase(java.util.Locale.ROOT);
          if (t.responderRole().equals(r.id()) && !f.loopback())
            rows.add(new Row(r.name(), "Inbound", roleName(p, t.initiatorRole()) + " (" + names(f.sources()) + ")", proto, ports, t.purpose(), t.condition(), ""));
          if (t.initiatorRole().equals(r.id()))
            rows.add(new Row(r.name(), f.loopback() ? "Loopback" : "Outbound", f.loopback() ? "itself (loopback)" : roleName(p, t.responderRole()) + " (" + names(f.destinations()) + ")",
                proto, ports, t.purpose(), t.condition(), ""));
        }
      }
      if (rows.isEmpty()) continue;
      String hosts = pi.roles().containsKey(r.id()) ? String.join(", ", pi.roles().get(r.id())) : String.join(", ", r.fqdns());
      out.put(pi.instance() + ": " + r.name() + (hosts.isEmpty() ? "" : " — " + hosts), rows);
    }
    return out;
  }

  private static String roleName(Product p, String id) {
    return p.role(id).map(Role::name).orElse(id);
  }

  private static String names(List<Endpoint> es) {
    return es.stream().map(e -> e instanceof Endpoint.Fqdn f ? f.fqdn() : e.name()).collect(Collectors.joining(", "));
  }

  private static void table(StringBuilder b, List<Row> rows) {
    b.append("| Port | Protocol | Traffic | Peer | Purpose | Condition |\n");
    b.append("|---|---|---|---|---|---|\n");
    for (Row r : rows)
      b.append("| ").append(md(r.ports())).append(" | ").append(r.proto()).append(" | ").append(r.direction()).append(" | ")
          .append(md(r.peer())).append(" | ").append(md(r.purpose())).append(" | ").append(md(r.condition())).append(" |\n");
    b.append('\n');
  }

  private static String md(String s) {
    return s.replace("|", "\\|").replace("\n", " ");
  }

  private static void csvRow(StringBuilder b, String product, Row r) {
    b.append(Csv.row(product, r.component(), r.direction(), r.peer(), r.proto().toLowerCase(java.util.Locale.ROOT), r.ports(),
        r.purpose(), r.condition(), r.configurable())).append('\n');
  }

}
