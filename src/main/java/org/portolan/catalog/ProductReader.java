package org.portolan.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.portolan.diag.Diagnostics;
import org.portolan.model.Choice;
import org.portolan.model.Condition;
import org.portolan.model.Feature;
import org.portolan.model.FlowRequirement;
import org.portolan.model.NotationException;
import org.portolan.model.Product;
import org.portolan.model.Provenance;
import org.portolan.model.Role;
import org.portolan.model.Service;
import org.portolan.model.ServiceSet;
import org.portolan.schema.YamlDocument;

/**
 * Converts a schema-valid catalog document into model records, checking what a schema
 * cannot: references between roles, features, choices and sets, and service notation.
 */
final class ProductReader {
  private ProductReader() {}

  static List<ServiceSet> readServiceSets(YamlDocument doc, Diagnostics d) {
    List<ServiceSet> out = new ArrayList<>();
    JsonNode list = doc.root().get("service_sets");
    for (int i = 0; i < list.size(); i++) {
      String ptr = "/service_sets/" + i;
      JsonNode n = list.get(i);
      List<Service> services = new ArrayList<>();
      JsonNode svc = n.get("services");
      for (int j = 0; j < svc.size(); j++) {
        String text = svc.get(j).asText();
        if (text.startsWith("set:")) {
          d.error(doc.valueAt(ptr + "/services/" + j), "service sets cannot include other sets; list the services");
          continue;
        }
        Service s = parseService(doc, ptr + "/services/" + j, text, d);
        if (s != null) services.add(s);
      }
      if (services.size() == svc.size()) {
        out.add(new ServiceSet(n.get("id").asText(), text(n, "description"), services, provenance(n.get("source"))));
      }
    }
    return out;
  }

  static Product readProduct(YamlDocument doc, Map<String, ServiceSet> sets, Diagnostics d) {
    int errorsBefore = d.errorCount();
    JsonNode root = doc.root();
    String id = root.get("product").asText();

    List<Role> roles = new ArrayList<>();
    Set<String> roleIds = new HashSet<>();
    JsonNode rs = root.get("roles");
    for (int i = 0; i < rs.size(); i++) {
      JsonNode r = rs.get(i);
      String rid = r.get("id").asText();
      if (!roleIds.add(rid)) d.error(doc.at("/roles/" + i + "/id"), "role '" + rid + "' is declared twice");
      List<String> fqdns = new ArrayList<>();
      if (r.has("fqdns")) r.get("fqdns").forEach(f -> fqdns.add(f.asText()));
      roles.add(new Role(rid, text(r, "name"), text(r, "description"), fqdns));
    }

    List<Feature> features = new ArrayList<>();
    Set<String> featureNames = new HashSet<>();
    JsonNode fs = root.path("features");
    for (int i = 0; i < fs.size(); i++) {
      JsonNode f = fs.get(i);
      String name = f.get("name").asText();
      if (!featureNames.add(name)) d.error(doc.at("/features/" + i + "/name"), "feature '" + name + "' is declared twice");
      features.add(new Feature(name, text(f, "description"), f.path("default").asBoolean(false)));
    }

    List<Choice> choices = new ArrayList<>();
    JsonNode cs = root.path("choices");
    for (int i = 0; i < cs.size(); i++) {
      JsonNode c = cs.get(i);
      List<String> options = new ArrayList<>();
      c.get("options").forEach(o -> options.add(o.asText()));
      String def = c.get("default").asText();
      if (new HashSet<>(options).size() != options.size()) d.error(doc.at("/choices/" + i + "/options"), "choice options must be distinct");
      if (!options.contains(def)) {
        d.error(doc.valueAt("/choices/" + i + "/default"), "default '" + def + "' is not one of the options " + options);
        continue;
      }
      if (featureNames.contains(c.get("name").asText()) || choices.stream().anyMatch(x -> x.name().equals(c.get("name").asText())))
        d.error(doc.at("/choices/" + i + "/name"), "'" + c.get("name").asText() + "' is declared twice (features and choices share names)");
      choices.add(new Choice(c.get("name").asText(), text(c, "description"), options, def));
    }

    List<FlowRequirement> reqs = new ArrayList<>();
    Set<String> reqIds = new HashSet<>();
    JsonNode qs = root.get("requirements");
    for (int i = 0; i < qs.size(); i++) {
      String ptr = "/requirements/" + i;
      JsonNode q = qs.get(i);
      String rid = q.get("id").asText();
      String from = q.get("from").asText();
      if (!roleIds.contains(from)) d.error(doc.valueAt(ptr + "/from"), "unknown role '" + from + "'; declared roles: " + String.join(", ", roleIds.stream().sorted().toList()));
      List<String> to = new ArrayList<>();
      JsonNode toNode = q.get("to");
      if (toNode.isArray()) {
        for (int j = 0; j < toNode.size(); j++) {
          String t = toNode.get(j).asText();
          if (!roleIds.contains(t)) d.error(doc.valueAt(ptr + "/to/" + j), "unknown role '" + t + "'; declared roles: " + String.join(", ", roleIds.stream().sorted().toList()));
          to.add(t);
        }
      } else {
        String t = toNode.asText();
        if (!roleIds.contains(t)) d.error(doc.valueAt(ptr + "/to"), "unknown role '" + t + "'; declared roles: " + String.join(", ", roleIds.stream().sorted().toList()));
        to.add(t);
      }
      if (new LinkedHashSet<>(to).size() != to.size()) d.error(doc.at(ptr + "/to"), "a responder role is listed twice");

      List<Service> services = new ArrayList<>();
      List<String> usedSets = new ArrayList<>();
      JsonNode svc = q.get("services");
      for (int j = 0; j < svc.size(); j++) {
        String text = svc.get(j).asText();
        String sp = ptr + "/services/" + j;
        if (text.startsWith("set:")) {
          String setId = text.substring(4).trim();
          ServiceSet set = sets.get(setId);
          if (set == null) d.error(doc.valueAt(sp), "unknown service set '" + setId + "'; known: " + String.join(", ", sets.keySet().stream().sorted().toList()));
          else {
            services.addAll(set.services());
            usedSets.add(setId);
          }
          continue;
        }
        Service s = parseService(doc, sp, text, d);
        if (s != null) services.add(s);
      }

      Condition cond = q.has("when") ? condition(doc, ptr + "/when", q.get("when"), featureNames, choices, d) : Condition.ALWAYS;
      boolean stateful = q.path("stateful").asBoolean(true);
      boolean loopback = q.path("loopback").asBoolean(false);
      Provenance prov = provenance(q.get("source"));
      String purpose = text(q, "purpose");
      if (!reqIds.add(rid)) d.error(doc.at(ptr + "/id"), "requirement '" + rid + "' is declared twice");
      if (services.isEmpty() || cond == null) continue;
      reqs.add(new FlowRequirement(rid, from, to, services, purpose, cond, stateful, loopback, usedSets, prov));
      if (q.path("bidirectional").asBoolean(false)) {
        if (loopback) d.error(doc.at(ptr + "/bidirectional"), "a loopback requirement cannot be bidirectional");
        for (String responder : to) {
          String revId = to.size() == 1 ? rid + "-reverse" : rid + "-reverse-" + responder;
          if (!reqIds.add(revId)) d.error(doc.at(ptr + "/id"), "requirement '" + revId + "' (the reverse of '" + rid + "') is declared twice");
          reqs.add(new FlowRequirement(revId, responder, List.of(from), services, (purpose.isEmpty() ? "Reverse direction of " + rid : purpose + " (reverse direction)"), cond, stateful, false, usedSets, prov));
        }
      }
    }
    if (d.errorCount() > errorsBefore) return null;
    List<String> documents = new ArrayList<>();
    root.path("documents").forEach(n -> documents.add(n.asText()));
    return new Product(id, text(root, "name"), text(root, "vendor"), text(root, "version"), text(root, "description"),
        roles, features, choices, reqs, documents);
  }

  private static Service parseService(YamlDocument doc, String ptr, String text, Diagnostics d) {
    try {
      return Service.parse(text);
    } catch (NotationException e) {
      String hint = text.contains("(") && !text.contains(")") || text.matches("\\d.*\\)")
          ? " (a YAML [flow, list] splits at commas: quote items such as \"tcp/series(4000,2)\")" : "";
      d.error(doc.valueAt(ptr).atColumnOffset(e.offset()), e.getMessage() + hint);
    } catch (IllegalArgumentException e) {
      d.error(doc.valueAt(ptr), e.getMessage());
    }
    return null;
  }

  private static Condition condition(YamlDocument doc, String ptr, JsonNode n, Set<String> features, List<Choice> choices, Diagnostics d) {
    if (n.has("feature")) {
      String f = n.get("feature").asText();
      if (!features.contains(f)) {
        d.error(doc.valueAt(ptr + "/feature"), "undefined feature '" + f + "'; declare it under 'features:'" + (features.isEmpty() ? "" : " (declared: " + String.join(", ", features.stream().sorted().toList()) + ")"));
        return null;
      }
      return new Condition.Feature(f);
    }
    if (n.has("not")) {
      Condition inner = condition(doc, ptr + "/not", n.get("not"), features, choices, d);
      return inner == null ? null : new Condition.Not(inner);
    }
    if (n.has("choice")) {
      String name = n.get("choice").asText();
      Choice c = choices.stream().filter(x -> x.name().equals(name)).findFirst().orElse(null);
      if (c == null) {
        d.error(doc.valueAt(ptr + "/choice"), "undefined choice '" + name + "'; declare it under 'choices:'");
        return null;
      }
      Set<String> values = new LinkedHashSet<>();
      JsonNode is = n.get("is");
      if (is.isArray()) is.forEach(v -> values.add(v.asText()));
      else values.add(is.asText());
      for (String v : values) {
        if (!c.options().contains(v)) {
          d.error(doc.valueAt(ptr + "/is"), "'" + v + "' is not an option of choice '" + name + "' " + c.options());
          return null;
        }
      }
      return new Condition.Choice(name, values);
    }
    String key = n.has("all") ? "all" : "any";
    List<Condition> parts = new ArrayList<>();
    JsonNode list = n.get(key);
    for (int i = 0; i < list.size(); i++) {
      Condition c = condition(doc, ptr + "/" + key + "/" + i, list.get(i), features, choices, d);
      if (c == null) return null;
      parts.add(c);
    }
    return key.equals("all") ? new Condition.All(parts) : new Condition.AnyOf(parts);
  }

  private static Provenance provenance(JsonNode s) {
    if (s == null || s.isNull()) return Provenance.NONE;
    return new Provenance(text(s, "document"), text(s, "table"), text(s, "row"), s.path("line").asInt(0), text(s, "url"));
  }

  private static String text(JsonNode n, String field) {
    JsonNode v = n.get(field);
    return v == null || v.isNull() ? "" : v.asText();
  }
}
