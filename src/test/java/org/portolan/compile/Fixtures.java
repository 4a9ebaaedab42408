package org.portolan.compile;

import inet.ipaddr.IPAddress;
import java.util.List;
import org.portolan.deployment.Deployment;
import org.portolan.deployment.Firewall;
import org.portolan.deployment.Host;
import org.portolan.diag.SourcePosition;
import org.portolan.model.AddressBlocks;
import org.portolan.model.PortSet;
import org.portolan.model.Protocol;
import org.portolan.model.Provenance;
import org.portolan.plan.Endpoint;
import org.portolan.plan.Flow;
import org.portolan.plan.FlowPlan;
import org.portolan.plan.Trace;

/** Plans and deployments built directly in Java for compile tests. */
final class Fixtures {
  private Fixtures() {}

  static final SourcePosition AT = SourcePosition.of("test.yaml");

  static List<IPAddress> blocks(String... notations) {
    return java.util.Arrays.stream(notations).flatMap(n -> AddressBlocks.parse(n).stream()).toList();
  }

  static Endpoint.Addresses ep(String name, String zone, String... addrs) {
    return new Endpoint.Addresses(name, zone, blocks(addrs));
  }

  static Trace trace(String product, String requirement, String purpose) {
    return new Trace(product, product, requirement, "client", "server", purpose, "", new Provenance("doc.txt", "Table 1", requirement, 1));
  }

  static Flow flow(String name, List<Endpoint> src, List<Endpoint> dst, Protocol p, PortSet ports, Trace... traces) {
    return new Flow(name, src, dst, p, ports, true, false, List.of(traces));
  }

  static Host host(String name, String zone, String... addrs) {
    return new Host(name, blocks(addrs), zone, AT);
  }

  static Deployment deployment(List<Host> hosts, List<Firewall> firewalls) {
    return new Deployment("Test site", "test.yaml", List.of(), hosts, List.of(), firewalls, List.of(), "internet");
  }

  static Firewall network(String name, Firewall.Interface... interfaces) {
    return new Firewall(name, Firewall.Kind.NETWORK, "", List.of(interfaces), List.of(), AT);
  }

  static Firewall.Interface iface(String name, String... zones) {
    return new Firewall.Interface(name, List.of(zones));
  }

  static Firewall hostFirewall(String name, String... hosts) {
    return new Firewall(name, Firewall.Kind.HOST, "", List.of(), List.of(hosts), AT);
  }

  /**
   * The kernel test's site: initiator A (198.18.1.2, zone za), initiator B (198.18.2.2, zone
   * zb), responder C (198.18.3.2, zone zc).
   */
  static FlowPlan kernelPlan() {
    Endpoint a = ep("hosta", "za", "198.18.1.2");
    Endpoint b = ep("hostb", "zb", "198.18.2.2");
    Endpoint c = ep("hostc", "zc", "198.18.3.2");
    return new FlowPlan("Kernel site", List.of(
        flow("web", List.of(a), List.of(c), Protocol.TCP, PortSet.of(80, 443), trace("shop", "web", "Web UI")),
        flow("web-again", List.of(a), List.of(c), Protocol.TCP, PortSet.of(80), trace("crm", "portal", "Portal on the same web server")),
        flow("api", List.of(a, b), List.of(c), Protocol.TCP, PortSet.range(8080, 8082), trace("shop", "api", "API")),
        flow("dns", List.of(a), List.of(c), Protocol.UDP, PortSet.of(5353), trace("shop", "dns", "Name service")),
        flow("sync", List.of(b), List.of(c), Protocol.UDP, PortSet.range(6000, 6001), trace("crm", "sync", "Sync")),
        flow("ping", List.of(a), List.of(c), Protocol.Icmp.ofType(8), PortSet.EMPTY, trace("shop", "ping", "Reachability")),
        new Flow("agent", List.of(c), List.of(c), Protocol.TCP, PortSet.of(9000), true, true, List.of(trace("shop", "agent", "Local agent")))), List.of());
  }

  static Deployment kernelDeployment(Firewall fw) {
    return deployment(List.of(host("hosta", "za", "198.18.1.2"), host("hostb", "zb", "198.18.2.2"), host("hostc", "zc", "198.18.3.2")), List.of(fw));
  }
}
