package org.portolan.render;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.portolan.catalog.Catalog;
import org.portolan.deployment.Deployment;
import org.portolan.deployment.Firewall;
import org.portolan.deployment.Group;
import org.portolan.deployment.Host;
import org.portolan.deployment.ProductInstance;
import org.portolan.deployment.Zone;
import org.portolan.diag.SourcePosition;
import org.portolan.model.AddressBlocks;
import org.portolan.model.Choice;
import org.portolan.model.Condition;
import org.portolan.model.Feature;
import org.portolan.model.FlowRequirement;
import org.portolan.model.PortSet;
import org.portolan.model.Product;
import org.portolan.model.Protocol;
import org.portolan.model.Provenance;
import org.portolan.model.Role;
import org.portolan.model.Service;
import org.portolan.plan.Endpoint;
import org.portolan.plan.Flow;
import org.portolan.plan.FlowPlan;
import org.portolan.plan.Trace;

/**
 * A small ZENworks-like product, site and plan built as records, covering what the
 * renderers must handle: an external FQDN role, a feature and a choice condition, loopback,
 * open-ended, series, dynamic and configurable ports, ICMP, and a role name with a quote
 * and a backslash (escaping).
 */
final class Fixtures {
  private Fixtures() {}

  static final String DOC = "000_9265f1c1d68c9237.txt";
  static final SourcePosition AT = new SourcePosition("site.yaml", 1, 1);

  static Product product() {
    return new Product("zen-mini", "ZENworks mini", "Micro Focus", "11", "A test product.",
        List.of(
            Role.component("primary-server", "Primary Server"),
            Role.component("satellite", "Satellite"),
            Role.component("managed-device", "Managed Device"),
            Role.component("database", "Database \"MSSQL\" \\ server"),
            new Role("patch-cdn", "Patch content CDN", "", List.of("novell.cdn.lumension.com"))),
        List.of(new Feature("imaging", "Preboot services", false)),
        List.of(new Choice("database", "", List.of("sybase", "mssql"), "sybase")),
        List.of(
            req("content-http", "managed-device", List.of("primary-server", "satellite"), List.of("tcp/80,443"),
                "Transmit content between the Primary Server or Satellites and managed devices.", Condition.ALWAYS, false, 16),
            req("casa", "managed-device", List.of("primary-server"), List.of("tcp/2645"), "CASA authentication <fallback>", Condition.ALWAYS, false, 40),
            req("pxe", "managed-device", List.of("primary-server"), List.of("udp/67", "udp/4011"), "PXE boot", new Condition.Feature("imaging"), false, 60),
            req("db-mssql", "primary-server", List.of("database"), List.of("tcp/1433"), "Zone database", new Condition.Choice("database", Set.of("mssql")), false, 80),
            req("patch-cdn", "primary-server", List.of("patch-cdn"), List.of("tcp/80,443"), "Patch content", Condition.ALWAYS, false, 20),
            req("ping", "primary-server", List.of("managed-device"), List.of("icmp/8"), "Device discovery", Condition.ALWAYS, false, 90),
            req("agent-local", "managed-device", List.of("managed-device"), List.of("tcp/${agent_port:7628}"), "Local agent", Condition.ALWAYS, true, 95),
            req("rpc", "primary-server", List.of("managed-device"), List.of("tcp/135", "tcp/dynamic(rpc)"), "Remote management", Condition.ALWAYS, false, 100),
            req("remote", "managed-device", List.of("satellite"), List.of("tcp/series(4000,2)", "tcp/6010+"), "Remote sessions", Condition.ALWAYS, false, 110)),
        List.of(DOC));
  }

  private static FlowRequirement req(String id, String from, List<String> to, List<String> services, String purpose, Condition when, boolean loopback, int line) {
    return new FlowRequirement(id, from, to, services.stream().map(Service::parse).toList(), purpose, when, true, loopback, List.of(),
        new Provenance(DOC, "Table 3-3", id.toUpperCase(), line));
  }

  static Catalog catalog() {
    return new Catalog(List.of(product()), Map.of());
  }

  static Deployment deployment() {
    return new Deployment("Example site", "site.yaml",
        List.of(new Zone("servers", "Server VLAN"), new Zone("clients", "Workstations")),
        List.of(
            new Host("zcm1", List.of(ip("198.18.10.10"), ip("2001:db8:10::10")), "servers", AT),
            new Host("sat1", List.of(ip("198.18.10.20")), "servers", AT),
            new Host("db1", List.of(ip("198.18.10.30")), "servers", AT)),
        List.of(new Group("workstations", List.of(AddressBlocks.parse("198.18.20.0/24").getFirst()), "clients", AT)),
        List.of(
            new Firewall("core", Firewall.Kind.NETWORK, "nftables",
                List.of(new Firewall.Interface("eth0", List.of("servers")), new Firewall.Interface("eth1", List.of("clients"))), List.of(), AT),
            new Firewall("server-hosts", Firewall.Kind.HOST, "iptables", List.of(), List.of("zcm1"), AT)),
        List.of(new ProductInstance("zen-mini", "zcm", Map.of(
            "primary-server", List.of("zcm1"), "satellite", List.of("sat1"), "managed-device", List.of("workstations"),
            "database", List.of("db1")), Map.of(), Map.of("database", "mssql"), Map.of(), 1, Map.of(), Map.of(), AT)),
        "internet");
  }

  private static inet.ipaddr.IPAddress ip(String s) {
    return AddressBlocks.parse(s).getFirst();
  }

  static Endpoint zcm1() {
    return new Endpoint.Addresses("zcm1", "servers", List.of(ip("198.18.10.10"), ip("2001:db8:10::10")));
  }

  static Endpoint sat1() {
    return new Endpoint.Addresses("sat1", "servers", List.of(ip("198.18.10.20")));
  }

  static Endpoint db1() {
    return new Endpoint.Addresses("db1", "servers", List.of(ip("198.18.10.30")));
  }

  static Endpoint workstations() {
    return new Endpoint.Addresses("workstations", "clients", AddressBlocks.parse("198.18.20.0/24"));
  }

  static Endpoint cdn() {
    return new Endpoint.Fqdn("patch-cdn", "internet", "novell.cdn.lumension.com");
  }

  /** What the planner would make of {@link #deployment()}: 7 flows, names as the plan writes them. */
  static FlowPlan plan() {
    Product p = product();
    return new FlowPlan("Example site", List.of(
        flow("zcm/content-http/primary-server/tcp", workstations(), zcm1(), Protocol.TCP, PortSet.of(80, 443), p, "content-http", "managed-device", "primary-server"),
        flow("zcm/content-http/satellite/tcp", workstations(), sat1(), Protocol.TCP, PortSet.of(80, 443), p, "content-http", "managed-device", "satellite"),
        flow("zcm/casa/primary-server/tcp", workstations(), zcm1(), Protocol.TCP, PortSet.of(2645), p, "casa", "managed-device", "primary-server"),
        flow("zcm/db-mssql/database/tcp", zcm1(), db1(), Protocol.TCP, PortSet.of(1433), p, "db-mssql", "primary-server", "database"),
        flow("zcm/patch-cdn/patch-cdn/tcp", zcm1(), cdn(), Protocol.TCP, PortSet.of(80, 443), p, "patch-cdn", "primary-server", "patch-cdn"),
        flow("zcm/ping/managed-device/icmp", zcm1(), workstations(), Protocol.Icmp.ofType(8), PortSet.EMPTY, p, "ping", "primary-server", "managed-device"),
        flow("zcm/rpc/managed-device/tcp", zcm1(), workstations(), Protocol.TCP, PortSet.of(135).union(PortSet.range(49152, 65535)), p, "rpc", "primary-server", "managed-device")),
        List.of());
  }

  private static Flow flow(String name, Endpoint src, Endpoint dst, Protocol proto, PortSet ports, Product p, String req, String from, String to) {
    FlowRequirement r = p.requirement(req).orElseThrow();
    Trace t = new Trace(p.id(), "zcm", req, from, to, r.purpose(), r.condition().notation(), r.provenance());
    return new Flow(name, List.of(src), List.of(dst), proto, ports, true, false, List.of(t));
  }

  /** A test resource of the render stage: {@code src/test/resources/render/<name>}. */
  static java.nio.file.Path resource(String name) {
    return java.nio.file.Path.of("src/test/resources/render").resolve(name);
  }
}
