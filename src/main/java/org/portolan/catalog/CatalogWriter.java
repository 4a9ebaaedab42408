package org.portolan.catalog;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.portolan.model.Bindings;
import org.portolan.model.FlowRequirement;
import org.portolan.model.PortSet;
import org.portolan.model.PortTerm;
import org.portolan.model.Product;
import org.portolan.model.Protocol;
import org.portolan.model.Role;
import org.portolan.model.Service;
import org.portolan.output.Csv;
import org.portolan.output.TextTable;

/** A product as a table, as JSON, or as the requirement CSV of {@code catalog show}. */
public final class CatalogWriter {
  private CatalogWriter() {}

  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  public static final String CSV_HEADER = "product,requirement,from,to,proto,ports,condition,purpose";

  public static String list(Catalog c) {
    TextTable t = new TextTable("PRODUCT", "NAME", "VENDOR", "ROLES", "REQUIREMENTS", "DOCUMENTS");
    for (Product p : c.products())
      t.row(p.id(), p.name(), p.vendor(), Integer.toString(p.roles().size()), Integer.toString(p.requirements().size()), String.join(" ", p.documents()));
    return t.render();
  }

  public static String table(Product p) {
    StringBuilder b = new StringBuilder(p.name()).append(" (").append(p.id()).append(")\n\n");
    TextTable roles = new TextTable("ROLE", "NAME", "EXTERNAL FQDNS");
    for (Role r : p.roles()) roles.row(r.id(), r.name(), String.join(" ", r.fqdns()));
    b.append(roles.render()).append('\n');
    if (!p.features().isEmpty()) {
      TextTable features = new TextTable("FEATURE", "DEFAULT", "DESCRIPTION");
      for (var f : p.features()) features.row(f.name(), f.enabledByDefault() ? "on" : "off", f.description());
      b.append(features.render()).append('\n');
    }
    if (!p.choices().isEmpty()) {
      TextTable choices = new TextTable("CHOICE", "OPTIONS", "DEFAULT", "DESCRIPTION");
      for (var c : p.choices()) choices.row(c.name(), String.join(" | ", c.options()), c.defaultOption(), c.description());
      b.append(choices.render()).append('\n');
    }
    java.util.Map<String, java.util.Set<String>> variables = new java.util.TreeMap<>();
    java.util.Map<String, String> defaults = new java.util.TreeMap<>();
    for (FlowRequirement r : p.requirements())
      for (Service s : r.services())
        for (PortTerm term : s.ports().terms())
          if (term instanceof PortTerm.Configurable c) {
            variables.computeIfAbsent(c.variable(), k -> new java.util.TreeSet<>()).add(r.id());
            defaults.put(c.variable(), c.defaultPorts().notation());
          }
    if (!variables.isEmpty()) {
      TextTable ports = new TextTable("CONFIGURABLE PORT", "DEFAULT", "USED BY");
      variables.forEach((v, users) -> ports.row(v, defaults.get(v), String.join(" ", users)));
      b.append(ports.render()).append('\n');
    }
    TextTable t = new TextTable("REQUIREMENT", "FROM", "TO", "SERVICES", "CONDITION", "PURPOSE");
    for (FlowRequirement r : p.requirements()) {
      String purpose = TextTable.cut(r.purpose(), 60);
      t.row(r.id(), r.initiator(), String.join(" ", r.responders()),
          r.services().stream().map(Service::notation).collect(Collectors.joining(" ")), r.condition().notation(), purpose);
    }
    return b.append(t.render()).toString();
  }

  /** One row per requirement and service; ports in the flows-CSV notation with every default in force. */
  public static String csv(Product p) {
    StringBuilder b = new StringBuilder(CSV_HEADER).append('\n');
    for (FlowRequirement r : p.requirements()) {
      for (Service s : r.services()) {
        b.append(Csv.row(p.id(), r.id(), r.initiator(), String.join(" ", r.responders()),
            s.protocol().keyword(), defaultPorts(s), r.condition().notation(), r.purpose())).append('\n');
      }
    }
    return b.toString();
  }

  /**
   * Ports with defaults: an open-ended range up to 65535, a series for one member, a
   * configurable port's default; a dynamic range without a default keeps its name.
   */
  public static String defaultPorts(Service s) {
    if (s.protocol() instanceof Protocol.Icmp i) return i.typeNotation();
    List<String> parts = new ArrayList<>();
    PortSet resolved = PortSet.EMPTY;
    for (PortTerm t : s.ports().terms()) {
      try {
        resolved = resolved.union(t.resolve(Bindings.DEFAULTS));
      } catch (IllegalArgumentException e) {
        parts.add(t.notation());
      }
    }
    if (!resolved.isEmpty()) parts.addFirst(resolved.notation());
    return String.join(" ", parts);
  }

  public static String json(Product p) {
    ObjectNode root = JSON.createObjectNode();
    root.put("product", p.id());
    root.put("name", p.name());
    root.put("vendor", p.vendor());
    root.put("version", p.version());
    root.put("description", p.description());
    ArrayNode docs = root.putArray("documents");
    p.documents().forEach(docs::add);
    ArrayNode roles = root.putArray("roles");
    for (Role r : p.roles()) {
      ObjectNode o = roles.addObject().put("id", r.id()).put("name", r.name()).put("description", r.description());
      if (r.isExternal()) {
        ArrayNode f = o.putArray("fqdns");
        r.fqdns().forEach(f::add);
      }
    }
    ArrayNode features = root.putArray("features");
    p.features().forEach(f -> features.addObject().put("name", f.name()).put("description", f.description()).put("default", f.enabledByDefault()));
    ArrayNode choices = root.putArray("choices");
    p.choices().forEach(c -> {
      ObjectNode o = choices.addObject().put("name", c.name()).put("description", c.description()).put("default", c.defaultOption());
      ArrayNode opts = o.putArray("options");
      c.options().forEach(opts::add);
    });
    ArrayNode reqs = root.putArray("requirements");
    for (FlowRequirement r : p.requirements()) {
      ObjectNode o = reqs.addObject();
      o.put("id", r.id()).put("from", r.initiator());
      ArrayNode to = o.putArray("to");
      r.responders().forEach(to::add);
      ArrayNode svc = o.putArray("services");
      r.services().forEach(s -> svc.add(s.notation()));
      o.put("purpose", r.purpose()).put("condition", r.condition().notation()).put("stateful", r.stateful()).put("loopback", r.loopback());
      ArrayNode sets = o.putArray("service_sets");
      r.serviceSets().forEach(sets::add);
      o.putObject("source").put("document", r.provenance().document()).put("table", r.provenance().table())
          .put("row", r.provenance().row()).put("line", r.provenance().line()).put("url", r.provenance().url());
    }
    try {
      return JSON.writeValueAsString(root) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
