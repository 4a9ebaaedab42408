package org.portolan.plan;

import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.portolan.catalog.Catalog;
import org.portolan.deployment.Deployment;
import org.portolan.deployment.Group;
import org.portolan.deployment.Host;
import org.portolan.deployment.ProductInstance;
import org.portolan.diag.Diagnostic;
import org.portolan.diag.Diagnostics;
import org.portolan.model.Bindings;
import org.portolan.model.Choice;
import org.portolan.model.Feature;
import org.portolan.model.FlowRequirement;
import org.portolan.model.PortSet;
import org.portolan.model.Product;
import org.portolan.model.Protocol;
import org.portolan.model.Role;
import org.portolan.model.Service;

/**
 * Resolves a deployment against the catalog into concrete flows: for every product instance
 * and every requirement whose condition holds, one flow per responder role and protocol,
 * from the initiator role's hosts and groups to the responder role's, with the ports the
 * instance's bindings give. A role the instance does not assign is an error; a role mapped
 * to {@code []} is deliberately absent and its flows are listed in the plan's notes.
 */
public final class Planner {
  private Planner() {}

  private static final List<IPAddress> LOOPBACK = List.of(
      new IPAddressString("127.0.0.1/32").getAddress(), new IPAddressString("::1/128").getAddress());

  public static FlowPlan plan(Catalog catalog, Deployment deployment, Diagnostics d) {
    List<Flow> flows = new ArrayList<>();
    List<Diagnostic> notes = new ArrayList<>();
    Map<String, Endpoint> endpointCache = new HashMap<>();
    for (Host h : deployment.hosts()) endpointCache.put(h.name(), new Endpoint.Addresses(h.name(), h.zone(), h.addresses()));
    for (Group g : deployment.groups()) endpointCache.put(g.name(), new Endpoint.Addresses(g.name(), g.zone(), g.blocks()));
    for (ProductInstance pi : deployment.products()) {
      Product product = catalog.product(pi.product()).orElseThrow();
      Map<String, Boolean> features = new HashMap<>();
      for (Feature f : product.features()) features.put(f.name(), f.enabledByDefault());
      features.putAll(pi.features());
      Map<String, String> choices = new HashMap<>();
      for (Choice c : product.choices()) choices.put(c.name(), c.defaultOption());
      choices.putAll(pi.choices());
      Bindings bindings = pi.bindings();
      Map<String, List<Endpoint>> roleEndpoints = new LinkedHashMap<>();
      for (FlowRequirement req : product.requirements()) {
        if (!req.condition().holds(features, choices)) continue;
        List<Endpoint> src;
        List<Endpoint> dstAll = null;
        if (req.loopback()) {
          src = List.of(new Endpoint.Addresses("loopback", "", LOOPBACK));
        } else {
          src = endpoints(product, pi, req.initiator(), req, deployment, roleEndpoints, endpointCache, d, notes);
          if (src == null) continue;
        }
        for (String responder : req.responders()) {
          ProductInstance.Proxy proxy = pi.via().get(responder);
          if (proxy != null && !req.loopback()) {
            flows.add(viaProxy(product, pi, req, responder, proxy, src, endpointCache, notes));
            continue;
          }
          List<Endpoint> dst = req.loopback() ? src : endpoints(product, pi, responder, req, deployment, roleEndpoints, endpointCache, d, notes);
          if (dst == null) continue;
          Map<String, List<Service>> byProtocol = new LinkedHashMap<>();
          for (Service s : req.services()) byProtocol.computeIfAbsent(protocolKey(s.protocol()), k -> new ArrayList<>()).add(s);
          for (var e : byProtocol.entrySet()) {
            Protocol protocol = e.getValue().getFirst().protocol();
            PortSet ports = PortSet.EMPTY;
            try {
              for (Service s : e.getValue()) ports = ports.union(s.ports().resolve(bindings));
            } catch (IllegalArgumentException ex) {
              d.error(pi.position(), pi.instance() + ": requirement '" + req.id() + "': " + ex.getMessage());
              continue;
            }
            String name = pi.instance() + "/" + req.id() + "/" + responder + "/" + e.getKey();
            Trace trace = new Trace(product.id(), pi.instance(), req.id(), req.initiator(), responder, req.purpose(),
                req.condition().notation(), req.provenance());
            flows.add(new Flow(name, src, dst, protocol, ports, req.stateful(), req.loopback(), List.of(trace)));
          }
        }
      }
    }
    return new FlowPlan(deployment.site(), flows, notes);
  }

  /**
   * A flow to an external role through an explicit proxy: the initiators open TCP to the proxy's
   * port (the HTTP CONNECT or GET goes there), whatever the vendor's protocol and port to the
   * name; the proxy's own connection to the name is its policy, said in a note.
   */
  private static Flow viaProxy(Product product, ProductInstance pi, FlowRequirement req, String responder, ProductInstance.Proxy proxy,
      List<Endpoint> src, Map<String, Endpoint> endpointCache, List<Diagnostic> notes) {
    Role role = product.role(responder).orElseThrow();
    String vendor = req.services().stream().map(Service::notation).collect(java.util.stream.Collectors.joining(" "));
    notes.add(new Diagnostic(org.portolan.diag.Severity.INFO, proxy.position(), pi.instance() + ": requirement '" + req.id() + "' reaches " + String.join(" ", role.fqdns())
        + " (" + vendor + ") through the proxy " + proxy.notation() + "; the proxy's own access to the name is its policy, not part of this plan"));
    String name = pi.instance() + "/" + req.id() + "/" + responder + "/via-proxy";
    Trace trace = new Trace(product.id(), pi.instance(), req.id(), req.initiator(), responder,
        req.purpose() + " (via proxy " + proxy.notation() + " to " + String.join(" ", role.fqdns()) + ")", req.condition().notation(), req.provenance());
    return new Flow(name, src, List.of(endpointCache.get(proxy.host())), Protocol.TCP, PortSet.of(proxy.port()), true, false, List.of(trace));
  }

  /** tcp, udp, icmp, icmp-8, icmp-3-4, 47: one flow per key. */
  private static String protocolKey(Protocol p) {
    return switch (p) {
      case Protocol.Tcp t -> "tcp";
      case Protocol.Udp u -> "udp";
      case Protocol.Icmp i -> i.type().isEmpty() ? "icmp" : "icmp-" + i.typeNotation().replace('/', '-');
      case Protocol.Ip ip -> "ip-" + ip.number();
    };
  }

  private static List<Endpoint> endpoints(Product product, ProductInstance pi, String roleId, FlowRequirement req,
      Deployment dep, Map<String, List<Endpoint>> cache, Map<String, Endpoint> endpointCache, Diagnostics d, List<Diagnostic> notes) {
    List<Endpoint> cached = cache.get(roleId);
    if (cached != null) return cached.isEmpty() ? null : cached;
    Role role = product.role(roleId).orElseThrow();
    List<String> assigned = pi.roles().get(roleId);
    List<Endpoint> out = new ArrayList<>();
    if (assigned == null && role.isExternal()) {
      for (String fqdn : role.fqdns()) out.add(new Endpoint.Fqdn(fqdn, dep.externalZone(), fqdn));
    } else if (assigned == null) {
      d.error(pi.position(), pi.instance() + ": role '" + roleId + "' (" + role.name() + ") has no hosts, but requirement '" + req.id()
          + "' needs it; assign hosts or groups under roles, or map it to [] to leave its flows out");
      cache.put(roleId, List.of());
      return null;
    } else if (assigned.isEmpty()) {
      notes.add(Diagnostic.warning(pi.position(), pi.instance() + ": role '" + roleId + "' is mapped to [] (not deployed); the flows of its requirements are left out"));
      cache.put(roleId, List.of());
      return null;
    } else {
      for (String name : assigned) {
        out.add(endpointCache.get(name));
      }
    }
    List<Endpoint> result = List.copyOf(out);
    cache.put(roleId, result);
    return result;
  }
}
