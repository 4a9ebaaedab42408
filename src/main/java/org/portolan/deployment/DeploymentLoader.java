package org.portolan.deployment;

import com.fasterxml.jackson.databind.JsonNode;
import inet.ipaddr.IPAddress;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.portolan.catalog.Catalog;
import org.portolan.diag.Diagnostics;
import org.portolan.diag.SourceText;
import org.portolan.diag.Suggestions;
import org.portolan.model.AddressBlocks;
import org.portolan.model.DynamicRange;
import org.portolan.model.PortSet;
import org.portolan.model.PortTerm;
import org.portolan.model.Product;
import org.portolan.model.Role;
import org.portolan.model.Service;
import org.portolan.schema.SchemaValidator;
import org.portolan.schema.YamlDocument;

/**
 * Reads a deployment YAML file, validates it against its schema, then against the catalog:
 * every product, role, host, group, zone, feature, choice, port variable and dynamic range
 * it names must exist. Every problem is reported with its file:line:column.
 */
public final class DeploymentLoader {
  private DeploymentLoader() {}

  public static Deployment load(Path file, Catalog catalog, Diagnostics d) {
    return parse(SourceText.read(file, "deployment"), file.toString(), catalog, d);
  }

  public static Deployment parse(String text, String fileName, Catalog catalog, Diagnostics d) {
    var parsed = YamlDocument.parse(text, fileName, d);
    if (parsed.isEmpty()) return null;
    YamlDocument doc = parsed.get();
    if (!doc.root().isObject()) {
      d.error(doc.at(""), "expected a mapping with 'site:' and 'products:'");
      return null;
    }
    if (!SchemaValidator.validate(doc, SchemaValidator.DEPLOYMENT, d)) return null;
    int errorsBefore = d.errorCount();
    JsonNode root = doc.root();

    List<Zone> zones = new ArrayList<>();
    Set<String> declaredZones = new LinkedHashSet<>();
    JsonNode zs = root.path("zones");
    for (int i = 0; i < zs.size(); i++) {
      String name = zs.get(i).get("name").asText();
      if (!declaredZones.add(name)) d.error(doc.at("/zones/" + i + "/name"), "zone '" + name + "' is declared twice");
      zones.add(new Zone(name, zs.get(i).path("description").asText("")));
    }
    String externalZone = root.path("external_zone").asText("internet");

    Map<String, Host> hosts = new LinkedHashMap<>();
    JsonNode hs = root.path("hosts");
    for (int i = 0; i < hs.size(); i++) {
      String ptr = "/hosts/" + i;
      JsonNode h = hs.get(i);
      String name = h.get("name").asText();
      List<IPAddress> addresses = new ArrayList<>();
      JsonNode as = h.get("addresses");
      for (int j = 0; j < as.size(); j++) {
        String a = as.get(j).asText();
        try {
          List<IPAddress> blocks = AddressBlocks.parse(a);
          if (a.contains("/") || a.contains("-") || blocks.size() != 1) {
            d.error(doc.valueAt(ptr + "/addresses/" + j), "a host address must be a single IP address, got '" + a + "'; put networks in a group");
          } else addresses.add(blocks.getFirst());
        } catch (IllegalArgumentException e) {
          d.error(doc.valueAt(ptr + "/addresses/" + j), e.getMessage());
        }
      }
      String zone = zone(doc, ptr, h, declaredZones, d);
      if (hosts.containsKey(name)) d.error(doc.at(ptr + "/name"), "host '" + name + "' is declared twice");
      Manage manage = manage(doc, ptr + "/manage", h.get("manage"), d);
      if (hosts.containsKey(name)) continue;
      if (!addresses.isEmpty()) hosts.put(name, new Host(name, addresses, zone, doc.at(ptr), manage));
    }

    Map<String, Group> groups = new LinkedHashMap<>();
    JsonNode gs = root.path("groups");
    for (int i = 0; i < gs.size(); i++) {
      String ptr = "/groups/" + i;
      JsonNode g = gs.get(i);
      String name = g.get("name").asText();
      List<IPAddress> blocks = new ArrayList<>();
      JsonNode ns = g.get("networks");
      for (int j = 0; j < ns.size(); j++) {
        try {
          blocks.addAll(AddressBlocks.parse(ns.get(j).asText()));
        } catch (IllegalArgumentException e) {
          d.error(doc.valueAt(ptr + "/networks/" + j), e.getMessage());
        }
      }
      String zone = zone(doc, ptr, g, declaredZones, d);
      if (hosts.containsKey(name) || groups.containsKey(name)) d.error(doc.at(ptr + "/name"), "'" + name + "' is already a host or group name");
      else if (!blocks.isEmpty()) groups.put(name, new Group(name, blocks, zone, doc.at(ptr)));
    }

    Set<String> knownZones = new TreeSet<>(declaredZones);
    hosts.values().forEach(h -> { if (!h.zone().isEmpty()) knownZones.add(h.zone()); });
    groups.values().forEach(g -> { if (!g.zone().isEmpty()) knownZones.add(g.zone()); });
    knownZones.add(externalZone);

    List<Firewall> firewalls = new ArrayList<>();
    Set<String> fwNames = new HashSet<>();
    JsonNode fws = root.path("firewalls");
    for (int i = 0; i < fws.size(); i++) {
      String ptr = "/firewalls/" + i;
      JsonNode f = fws.get(i);
      String name = f.get("name").asText();
      if (!fwNames.add(name)) d.error(doc.at(ptr + "/name"), "firewall '" + name + "' is declared twice");
      Firewall.Kind kind = f.get("kind").asText().equals("host") ? Firewall.Kind.HOST : Firewall.Kind.NETWORK;
      List<Firewall.Interface> ifs = new ArrayList<>();
      JsonNode is = f.path("interfaces");
      Set<String> zonesSeen = new HashSet<>();
      for (int j = 0; j < is.size(); j++) {
        List<String> ifZones = new ArrayList<>();
        JsonNode iz = is.get(j).get("zones");
        for (int k = 0; k < iz.size(); k++) {
          String z = iz.get(k).asText();
          if (!knownZones.contains(z)) d.error(doc.valueAt(ptr + "/interfaces/" + j + "/zones/" + k), "unknown zone '" + z + "'; known zones: " + String.join(", ", knownZones));
          if (!zonesSeen.add(z)) d.error(doc.valueAt(ptr + "/interfaces/" + j + "/zones/" + k), "zone '" + z + "' is behind two interfaces of firewall '" + name + "'");
          ifZones.add(z);
        }
        ifs.add(new Firewall.Interface(is.get(j).get("name").asText(), ifZones));
      }
      List<String> fwHosts = new ArrayList<>();
      JsonNode fh = f.path("hosts");
      for (int j = 0; j < fh.size(); j++) {
        String h = fh.get(j).asText();
        if (!hosts.containsKey(h)) d.error(doc.valueAt(ptr + "/hosts/" + j), "unknown host '" + h + "'" + Suggestions.didYouMean(h, hosts.keySet()));
        fwHosts.add(h);
      }
      if (kind == Firewall.Kind.NETWORK && ifs.size() < 2) d.error(doc.at(ptr), "network firewall '" + name + "' needs at least two interfaces with zones");
      if (kind == Firewall.Kind.HOST && !ifs.isEmpty()) d.error(doc.at(ptr + "/interfaces"), "host firewall '" + name + "' takes 'hosts', not 'interfaces'");
      if (kind == Firewall.Kind.NETWORK && !fwHosts.isEmpty()) d.error(doc.at(ptr + "/hosts"), "network firewall '" + name + "' takes 'interfaces', not 'hosts'");
      firewalls.add(new Firewall(name, kind, f.path("dialect").asText(""), ifs, fwHosts, doc.at(ptr)));
    }

    List<ProductInstance> instances = new ArrayList<>();
    Set<String> instanceNames = new HashSet<>();
    JsonNode ps = root.get("products");
    for (int i = 0; i < ps.size(); i++) {
      String ptr = "/products/" + i;
      ProductInstance pi = instance(doc, ptr, ps.get(i), catalog, hosts, groups, d);
      if (pi == null) continue;
      if (!instanceNames.add(pi.instance())) d.error(doc.at(ptr), "instance name '" + pi.instance() + "' is used twice; give each instance of a product its own 'instance:' name");
      instances.add(pi);
    }
    if (d.errorCount() > errorsBefore) return null;
    return new Deployment(root.get("site").asText(), fileName, zones, List.copyOf(hosts.values()), List.copyOf(groups.values()), firewalls, instances, externalZone);
  }

  /**
   * The host's {@code manage:} entry (the schema has checked the keys and types). The
   * management address must be a single address or a DNS name; it may equal one of the
   * host's probed addresses only when written out, never by default.
   */
  private static Manage manage(YamlDocument doc, String ptr, JsonNode m, Diagnostics d) {
    if (m == null || m.isNull()) return Manage.DEFAULT;
    String address = m.path("address").asText("");
    if (!address.isEmpty()) {
      var ip = new inet.ipaddr.IPAddressString(address);
      boolean looksLikeIp = address.contains(":") || address.matches("[0-9./-]+");
      if (looksLikeIp && (!ip.isValid() || ip.getAddress() == null || ip.getAddress().isMultiple() || ip.isPrefixed())) {
        d.error(doc.valueAt(ptr + "/address"), "manage: address must be one IP address or a DNS name, got '" + address + "'");
        return Manage.DEFAULT;
      }
      if (!looksLikeIp && !address.matches("(?i)[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*")) {
        d.error(doc.valueAt(ptr + "/address"), "manage: address must be one IP address or a DNS name, got '" + address + "'");
        return Manage.DEFAULT;
      }
    }
    Manage.Connection connection = m.path("connection").asText("ssh").equals("winrm") ? Manage.Connection.WINRM : Manage.Connection.SSH;
    java.util.Optional<Integer> port = m.has("port") ? java.util.Optional.of(m.get("port").asInt()) : java.util.Optional.empty();
    String javaPath = m.path("java").asText("");
    if (!javaPath.isEmpty() && !javaPath.equals("bundled") && !(javaPath.startsWith("/") || javaPath.matches("(?i)[a-z]:\\\\.*")))
      d.error(doc.valueAt(ptr + "/java"), "manage: java must be an absolute path of a Java 25+ 'java' on the host, or 'bundled', got '" + javaPath + "'");
    return new Manage(address, m.path("user").asText(""), connection, port, javaPath);
  }

  private static List<String> names(Map<String, Host> hosts, Map<String, Group> groups) {
    List<String> all = new ArrayList<>(hosts.keySet());
    all.addAll(groups.keySet());
    return all;
  }

  private static String zone(YamlDocument doc, String ptr, JsonNode n, Set<String> declared, Diagnostics d) {
    String zone = n.path("zone").asText("");
    if (!zone.isEmpty() && !declared.isEmpty() && !declared.contains(zone))
      d.error(doc.valueAt(ptr + "/zone"), "unknown zone '" + zone + "'" + Suggestions.didYouMean(zone, declared) + " (declared zones: " + String.join(", ", declared) + ")");
    return zone;
  }

  private static ProductInstance instance(YamlDocument doc, String ptr, JsonNode n, Catalog catalog,
      Map<String, Host> hosts, Map<String, Group> groups, Diagnostics d) {
    String pid = n.get("product").asText();
    Product product = catalog.product(pid).orElse(null);
    if (product == null) {
      d.error(doc.valueAt(ptr + "/product"), "unknown product '" + pid + "'" + Suggestions.didYouMean(pid, catalog.products().stream().map(Product::id).toList()) + " (the catalog has: " + String.join(", ", catalog.products().stream().map(Product::id).sorted().toList()) + ")");
      return null;
    }
    Map<String, List<String>> roles = new LinkedHashMap<>();
    JsonNode rs = n.get("roles");
    for (var it = rs.fields(); it.hasNext(); ) {
      var e = it.next();
      String rp = ptr + "/roles/" + e.getKey();
      Role role = product.role(e.getKey()).orElse(null);
      if (role == null) {
        d.error(doc.at(rp), "product '" + pid + "' has no role '" + e.getKey() + "'" + Suggestions.didYouMean(e.getKey(), product.roles().stream().map(Role::id).toList()) + " (its roles: " + String.join(", ", product.roles().stream().map(Role::id).toList()) + ")");
        continue;
      }
      List<String> members = new ArrayList<>();
      for (int j = 0; j < e.getValue().size(); j++) {
        String m = e.getValue().get(j).asText();
        if (!hosts.containsKey(m) && !groups.containsKey(m)) d.error(doc.valueAt(rp + "/" + j), "unknown host or group '" + m + "'" + Suggestions.didYouMean(m, names(hosts, groups)));
        members.add(m);
      }
      roles.put(e.getKey(), members);
    }
    Map<String, Boolean> features = new LinkedHashMap<>();
    for (var it = n.path("features").fields(); it.hasNext(); ) {
      var e = it.next();
      if (product.feature(e.getKey()).isEmpty()) {
        d.error(doc.at(ptr + "/features/" + e.getKey()), "undefined feature '" + e.getKey() + "' for product '" + pid + "'; its features: " + String.join(", ", product.features().stream().map(f -> f.name()).toList()));
        continue;
      }
      features.put(e.getKey(), e.getValue().asBoolean());
    }
    Map<String, String> choices = new LinkedHashMap<>();
    for (var it = n.path("choices").fields(); it.hasNext(); ) {
      var e = it.next();
      var choice = product.choice(e.getKey());
      if (choice.isEmpty()) {
        d.error(doc.at(ptr + "/choices/" + e.getKey()), "undefined choice '" + e.getKey() + "' for product '" + pid + "'; its choices: " + String.join(", ", product.choices().stream().map(c -> c.name()).toList()));
        continue;
      }
      if (!choice.get().options().contains(e.getValue().asText())) {
        d.error(doc.valueAt(ptr + "/choices/" + e.getKey()), "'" + e.getValue().asText() + "' is not an option of '" + e.getKey() + "'; expected one of " + choice.get().options());
        continue;
      }
      choices.put(e.getKey(), e.getValue().asText());
    }
    Set<String> variables = new TreeSet<>();
    Set<String> dynamicNames = new TreeSet<>();
    for (var r : product.requirements())
      for (Service s : r.services())
        for (PortTerm t : s.ports().terms()) {
          if (t instanceof PortTerm.Configurable c) variables.add(c.variable());
          if (t instanceof PortTerm.Dynamic dy) dynamicNames.add(dy.name());
        }
    Map<String, PortSet> ports = new LinkedHashMap<>();
    for (var it = n.path("ports").fields(); it.hasNext(); ) {
      var e = it.next();
      if (!variables.contains(e.getKey())) {
        d.error(doc.at(ptr + "/ports/" + e.getKey()), "product '" + pid + "' has no configurable port '" + e.getKey() + "'" + (variables.isEmpty() ? "" : "; its configurable ports: " + String.join(", ", variables)));
        continue;
      }
      portSet(doc, ptr + "/ports/" + e.getKey(), e.getValue(), d).ifPresent(p -> ports.put(e.getKey(), p));
    }
    Map<String, PortSet> dynamic = new LinkedHashMap<>();
    for (var it = n.path("dynamic").fields(); it.hasNext(); ) {
      var e = it.next();
      if (!DynamicRange.isKnown(e.getKey())) {
        d.error(doc.at(ptr + "/dynamic/" + e.getKey()), "unknown dynamic range '" + e.getKey() + "'; known: " + String.join(", ", new TreeSet<>(DynamicRange.DESCRIPTIONS.keySet())));
        continue;
      }
      if (!dynamicNames.contains(e.getKey())) d.warning(doc.at(ptr + "/dynamic/" + e.getKey()), "product '" + pid + "' does not use dynamic range '" + e.getKey() + "'");
      portSet(doc, ptr + "/dynamic/" + e.getKey(), e.getValue(), d).ifPresent(p -> dynamic.put(e.getKey(), p));
    }
    int members = n.path("members").asInt(1);
    Map<String, ProductInstance.Proxy> via = new LinkedHashMap<>();
    for (var it = n.path("via").fields(); it.hasNext(); ) {
      var e = it.next();
      String vp = ptr + "/via/" + e.getKey();
      Role role = product.role(e.getKey()).orElse(null);
      if (role == null) {
        d.error(doc.at(vp), "product '" + pid + "' has no role '" + e.getKey() + "'" + Suggestions.didYouMean(e.getKey(), product.roles().stream().map(Role::id).toList()));
        continue;
      }
      if (!role.isExternal()) {
        d.error(doc.at(vp), "role '" + e.getKey() + "' is not external (it has no FQDNs); 'via' is for external roles reached through a proxy");
        continue;
      }
      if (roles.containsKey(e.getKey())) {
        d.error(doc.at(vp), "role '" + e.getKey() + "' is both mapped under roles and reached via a proxy; keep one");
        continue;
      }
      String text = e.getValue().asText();
      int colon = text.lastIndexOf(':');
      String host = text.substring(0, colon);
      int port = Integer.parseInt(text.substring(colon + 1));
      if (!hosts.containsKey(host)) {
        d.error(doc.valueAt(vp), "unknown proxy host '" + host + "'" + Suggestions.didYouMean(host, hosts.keySet()) + "; name a host of the deployment");
        continue;
      }
      if (port < 1 || port > 65535) {
        d.error(doc.valueAt(vp).atColumnOffset(colon + 1), "proxy port must be 1-65535, got " + port);
        continue;
      }
      via.put(e.getKey(), new ProductInstance.Proxy(host, port, doc.valueAt(vp)));
    }
    return new ProductInstance(pid, n.path("instance").asText(pid), roles, features, choices, ports, members, dynamic, via, doc.at(ptr));
  }

  private static java.util.Optional<PortSet> portSet(YamlDocument doc, String ptr, JsonNode v, Diagnostics d) {
    var ps = PortSet.tryParse(v.asText());
    if (ps.isEmpty() || ps.get().isEmpty()) {
      d.error(doc.valueAt(ptr), "expected a port 0-65535 or ports/ranges like '6910-6930', got '" + v.asText() + "'");
      return java.util.Optional.empty();
    }
    return ps;
  }
}
