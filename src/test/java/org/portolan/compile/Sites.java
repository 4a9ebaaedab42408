package org.portolan.compile;

import static org.portolan.compile.Fixtures.ep;
import static org.portolan.compile.Fixtures.flow;
import static org.portolan.compile.Fixtures.host;
import static org.portolan.compile.Fixtures.iface;
import static org.portolan.compile.Fixtures.trace;

import java.util.List;
import org.portolan.deployment.Deployment;
import org.portolan.deployment.Firewall;
import org.portolan.deployment.Group;
import org.portolan.model.PortRange;
import org.portolan.model.PortSet;
import org.portolan.model.Protocol;
import org.portolan.plan.Endpoint;
import org.portolan.plan.Flow;
import org.portolan.plan.FlowPlan;

/** Sites for golden tests: a small enterprise with servers, clients, admins and the internet. */
public final class Sites {
  private Sites() {}

  static final Endpoint WEB1 = ep("web1", "servers", "198.18.10.10", "2001:db8:10::10");
  static final Endpoint DB1 = ep("db1", "servers", "198.18.10.20");
  static final Endpoint WS = ep("workstations", "clients", "198.18.20.0/24", "198.18.21.0-198.18.21.127");
  static final Endpoint ADMINS = ep("admins", "clients", "2001:db8:20::/64");
  static final Endpoint NTP = ep("ntp", "internet", "198.18.30.1");
  static final Endpoint CDN = new Endpoint.Fqdn("patch-cdn", "internet", "updates.example.com");
  static final Endpoint TELEMETRY = new Endpoint.Fqdn("telemetry", "internet", "*.telemetry.example.net");

  public static FlowPlan enterprisePlan() {
    List<PortRange> legacy = new java.util.ArrayList<>();
    for (int p = 2000; p < 2040; p += 2) legacy.add(PortRange.of(p));
    return new FlowPlan("Example enterprise", List.of(
        flow("erp/web/web-server/tcp", List.of(WS), List.of(WEB1), Protocol.TCP, PortSet.of(80, 443), trace("erp", "web", "Users open the ERP web UI")),
        flow("crm/portal/web-server/tcp", List.of(WS), List.of(WEB1), Protocol.TCP, PortSet.of(443), trace("crm", "portal", "CRM portal on the same server")),
        flow("erp/admin-ssh/web-server/tcp", List.of(ADMINS), List.of(WEB1), Protocol.TCP, PortSet.of(22), trace("erp", "admin-ssh", "Administrators' SSH (IPv6)")),
        flow("erp/db/database/tcp", List.of(WEB1), List.of(DB1), Protocol.TCP, PortSet.of(1433), trace("erp", "db", "Application to database")),
        flow("erp/rpc/database/tcp", List.of(WS), List.of(DB1), Protocol.TCP, PortSet.ofRanges(List.of(PortRange.of(135), new PortRange(49152, 65535))), trace("erp", "rpc", "RPC endpoint mapper and dynamic ports")),
        flow("erp/legacy/database/tcp", List.of(WS), List.of(DB1), Protocol.TCP, PortSet.ofRanges(legacy), trace("erp", "legacy", "Legacy client ports, one per instance")),
        flow("erp/updates/patch-cdn/tcp", List.of(WEB1), List.of(CDN), Protocol.TCP, PortSet.of(443), trace("erp", "updates", "Download patches")),
        flow("erp/telemetry/telemetry/tcp", List.of(DB1), List.of(TELEMETRY), Protocol.TCP, PortSet.of(443), trace("erp", "telemetry", "Usage telemetry")),
        flow("erp/ping/web-server/icmp", List.of(WS), List.of(WEB1), Protocol.Icmp.ofType(8), PortSet.EMPTY, trace("erp", "ping", "Clients check the server is up")),
        flow("erp/ntp/ntp/udp", List.of(WEB1, DB1), List.of(NTP), Protocol.UDP, PortSet.of(123), trace("erp", "ntp", "Time"), trace("crm", "ntp", "Time")),
        flow("erp/tunnel/web-server/47", List.of(WS), List.of(WEB1), new Protocol.Ip(47), PortSet.EMPTY, trace("erp", "tunnel", "GRE tunnel")),
        new Flow("erp/agent/web-server/tcp", List.of(WEB1), List.of(WEB1), Protocol.TCP, PortSet.of(9000), true, true, List.of(trace("erp", "agent", "Local agent port")))), List.of());
  }

  private static List<org.portolan.deployment.Host> hosts() {
    return List.of(host("web1", "servers", "198.18.10.10", "2001:db8:10::10"), host("db1", "servers", "198.18.10.20"));
  }

  private static List<Group> groups() {
    return List.of(new Group("workstations", Fixtures.blocks("198.18.20.0/24", "198.18.21.0-198.18.21.127"), "clients", Fixtures.AT));
  }

  public static Deployment enterprise() {
    Firewall core = Fixtures.network("core", iface("inside", "servers"), iface("users", "clients"), iface("outside", "internet"));
    return new Deployment("Example enterprise", "enterprise.yaml", List.of(), hosts(), groups(), List.of(core), List.of(), "internet");
  }

  public static Deployment enterpriseHostFirewalls() {
    return new Deployment("Example enterprise", "enterprise.yaml", List.of(), hosts(), groups(), List.of(Fixtures.hostFirewall("servers-fw", "web1", "db1")), List.of(), "internet");
  }

  /** An FQDN that resolves to loopback only, for --resolve. */
  static FlowPlan resolvePlan() {
    Endpoint local = new Endpoint.Fqdn("local-service", "", "localhost");
    return new FlowPlan("Resolve site", List.of(
        flow("agent/report/local-service/tcp", List.of(ep("agents", "", "198.18.40.0/24")), List.of(local), Protocol.TCP, PortSet.of(8443), trace("agent", "report", "Agents report to a service known by name"))), List.of());
  }
}
