package org.portolan.fleet;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import inet.ipaddr.IPAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.portolan.deployment.Deployment;
import org.portolan.deployment.Group;
import org.portolan.deployment.Host;
import org.portolan.deployment.Manage;
import org.portolan.deployment.ProductInstance;

/**
 * The Ansible inventory (YAML) of a deployment: every host under {@code all.hosts} with how to
 * reach it ({@code ansible_host}, {@code ansible_user}, {@code ansible_connection},
 * {@code ansible_port}, and {@code portolan_java} when the deployment names a runtime), and one
 * group per zone ({@code zone_NAME}), product instance ({@code instance_NAME}) and role of an
 * instance ({@code role_INSTANCE_ROLE}). A role played by a group of networks takes every
 * host whose address lies inside them. Group names keep only letters, digits and
 * underscores (Ansible's rule). A pure function of the deployment; serialised as a tree.
 */
public final class Inventory {
  private Inventory() {}

  private static final ObjectMapper YAML = new ObjectMapper(YAMLFactory.builder()
      .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
      .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
      .disable(YAMLGenerator.Feature.SPLIT_LINES)
      .build());

  /** The inventory as YAML text, with a comment header naming the site. */
  public static String yaml(Deployment d) {
    try {
      return "# Ansible inventory of site '" + d.site() + "', written by 'portolan fleet inventory' from " + d.file() + "\n"
          + YAML.writeValueAsString(tree(d, List.of()));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The inventory tree; {@code hostVars} adds variables per host (fleet's run settings). */
  static ObjectNode tree(Deployment d, List<Map.Entry<String, Map<String, String>>> hostVars) {
    var f = JsonNodeFactory.instance;
    ObjectNode all = f.objectNode();
    ObjectNode hosts = all.putObject("all").putObject("hosts");
    for (Host h : d.hosts()) {
      ObjectNode v = hosts.putObject(h.name());
      Manage m = h.manage();
      if (!m.address().isEmpty()) v.put("ansible_host", m.address());
      if (!m.user().isEmpty()) v.put("ansible_user", m.user());
      v.put("ansible_connection", m.connection().keyword());
      v.put("ansible_port", m.effectivePort());
      if (m.connection() == Manage.Connection.WINRM) v.put("ansible_winrm_transport", "ntlm");
      if (!m.java().isEmpty()) v.put("portolan_java", m.java());
      for (var e : hostVars) if (e.getKey().equals(h.name())) e.getValue().forEach(v::put);
    }
    ObjectNode children = ((ObjectNode) all.get("all")).putObject("children");
    Map<String, Set<String>> groups = new LinkedHashMap<>();
    for (Host h : d.hosts())
      if (!h.zone().isEmpty()) groups.computeIfAbsent("zone_" + ident(h.zone()), k -> new LinkedHashSet<>()).add(h.name());
    for (ProductInstance pi : d.products()) {
      Set<String> instance = groups.computeIfAbsent("instance_" + ident(pi.instance()), k -> new LinkedHashSet<>());
      // roles by name (the instance's map has no order), members in deployment order
      for (var role : new java.util.TreeMap<>(pi.roles()).entrySet()) {
        Set<String> members = groups.computeIfAbsent("role_" + ident(pi.instance()) + "_" + ident(role.getKey()), k -> new LinkedHashSet<>());
        for (String m : role.getValue()) {
          if (d.host(m).isPresent()) members.add(m);
          else d.group(m).ifPresent(g -> members.addAll(hostsIn(d, g)));
        }
        List<String> inOrder = d.hosts().stream().map(Host::name).filter(members::contains).toList();
        members.clear();
        members.addAll(inOrder);
        instance.addAll(members);
      }
      List<String> ordered = d.hosts().stream().map(Host::name).filter(instance::contains).toList();
      instance.clear();
      instance.addAll(ordered);
    }
    for (var g : groups.entrySet()) {
      ObjectNode gh = children.putObject(g.getKey()).putObject("hosts");
      for (String h : g.getValue()) gh.putObject(h);
    }
    return all;
  }

  /** Hosts of the deployment with an address inside one of the group's networks. */
  static List<String> hostsIn(Deployment d, Group g) {
    List<String> out = new ArrayList<>();
    for (Host h : d.hosts())
      for (IPAddress a : h.addresses())
        if (g.blocks().stream().anyMatch(b -> b.getIPVersion() == a.getIPVersion() && b.contains(a))) {
          out.add(h.name());
          break;
        }
    return out;
  }

  /** An Ansible group name part: letters, digits and underscores, lower case. */
  static String ident(String name) {
    return name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
  }

  static String yaml(ObjectNode tree) {
    try {
      return YAML.writeValueAsString(tree);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
