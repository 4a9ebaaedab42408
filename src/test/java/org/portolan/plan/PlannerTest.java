package org.portolan.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.portolan.catalog.Catalog;
import org.portolan.catalog.CatalogLoader;
import org.portolan.testing.Cli;
import org.portolan.deployment.Deployment;
import org.portolan.deployment.DeploymentLoader;
import org.portolan.diag.Diagnostic;
import org.portolan.diag.Diagnostics;
import org.portolan.model.PortSet;
import org.portolan.model.Protocol;

class PlannerTest {
  private static final Catalog CATALOG = fixture();

  private static Catalog fixture() {
    Diagnostics d = new Diagnostics();
    Catalog c = CatalogLoader.load(List.of(Cli.resource("fixtures/catalog")), d);
    d.throwIfErrors();
    return c;
  }

  static final String SITE = """
      site: Test
      zones: [{name: a}, {name: b}]
      hosts:
        - {name: s1, addresses: [198.18.0.1, "2001:db8::1"], zone: a}
      groups:
        - {name: clients, networks: [198.18.1.0/24, 198.18.2.1-198.18.2.20], zone: b}
      products:
        - product: demo
          roles: {server: [s1], client: [clients]}
      """;

  private record Result(FlowPlan plan, Diagnostics d) {}

  private static Result plan(String site) {
    Diagnostics d = new Diagnostics();
    Deployment dep = DeploymentLoader.parse(site, "site.yaml", CATALOG, d);
    if (dep == null) return new Result(null, d);
    return new Result(Planner.plan(CATALOG, dep, d), d);
  }

  private static Flow flow(FlowPlan p, String name) {
    return p.flows().stream().filter(f -> f.name().equals(name)).findFirst().orElseThrow(() -> new AssertionError("no flow " + name + " in " + p.flows().stream().map(Flow::name).toList()));
  }

  @Test
  void defaultsApplyWhenTheDeploymentSaysNothing() {
    Result r = plan(SITE);
    assertThat(r.d().errors()).isEmpty();
    assertThat(r.plan().flows()).extracting(Flow::name)
        .containsExactly("demo/web/server/tcp", "demo/upd/cdn/tcp", "demo/upd/cdn/icmp-8");
    Flow web = flow(r.plan(), "demo/web/server/tcp");
    assertThat(web.ports()).isEqualTo(PortSet.of(80, 443, 8080));
    assertThat(web.sources()).singleElement().extracting(Endpoint::zone).isEqualTo("b");
    assertThat(web.traces().getFirst().requirementRef()).isEqualTo("demo/web");
  }

  @Test
  void featuresChoicesOverridesAndSeriesResolve() {
    Result r = plan(SITE + "    features: {extra: true}\n    choices: {db: b}\n    members: 3\n    ports: {web_port: 9090}\n");
    assertThat(r.d().errors()).isEmpty();
    assertThat(flow(r.plan(), "demo/web/server/tcp").ports()).isEqualTo(PortSet.of(80, 443, 9090));
    assertThat(flow(r.plan(), "demo/rpc/server/udp").ports()).isEqualTo(PortSet.of(4000, 4002, 4004));
    assertThat(flow(r.plan(), "demo/rpc/server/tcp").ports()).isEqualTo(PortSet.range(49152, 65535));
    Flow reverse = flow(r.plan(), "demo/rpc-reverse/client/tcp");
    assertThat(reverse.sources()).extracting(Endpoint::name).containsExactly("s1");
    assertThat(reverse.destinations()).extracting(Endpoint::name).containsExactly("clients");
    // shared set "mini": udp/53 and tcp/53 become one flow per protocol
    assertThat(flow(r.plan(), "demo/ad/client/udp").ports()).isEqualTo(PortSet.of(53));
    assertThat(flow(r.plan(), "demo/ad/client/tcp").protocol()).isEqualTo(Protocol.TCP);
  }

  @Test
  void externalRolesBecomeFqdnEndpointsInTheExternalZone() {
    Flow f = flow(plan(SITE).plan(), "demo/upd/cdn/tcp");
    assertThat(f.destinations()).singleElement().isEqualTo(new Endpoint.Fqdn("cdn.example.com", "internet", "cdn.example.com"));
  }

  private static Diagnostic onlyError(String site) {
    Result r = plan(site);
    assertThat(r.d().errors()).hasSize(1);
    return r.d().errors().getFirst();
  }

  @Test
  void aRoleWithNoHostsIsAnError() {
    Diagnostic e = onlyError(SITE.replace(", client: [clients]", ""));
    assertThat(e.render()).startsWith("site.yaml:8:5: error: demo: role 'client' (client) has no hosts, but requirement 'web' needs it");
  }

  @Test
  void aRoleMappedToEmptyIsLeftOutAndSaidSo() {
    Result r = plan(SITE.replace("client: [clients]", "client: []"));
    assertThat(r.d().errors()).isEmpty();
    assertThat(r.plan().flows()).extracting(Flow::name).doesNotContain("demo/web/server/tcp");
    assertThat(r.plan().notes()).extracting(Diagnostic::message).anySatisfy(m -> assertThat(m).contains("role 'client' is mapped to []"));
  }

  /** An explicit proxy: the initiators talk TCP to the proxy's port instead of the vendor's service to the name. */
  @Test
  void anExternalRoleViaAProxyBecomesAFlowToTheProxyPort() {
    Result r = plan(SITE + "    via: {cdn: \"s1:3128\"}\n");
    assertThat(r.d().errors()).isEmpty();
    assertThat(r.plan().flows()).extracting(Flow::name).contains("demo/upd/cdn/via-proxy").doesNotContain("demo/upd/cdn/tcp", "demo/upd/cdn/icmp-8");
    Flow via = flow(r.plan(), "demo/upd/cdn/via-proxy");
    assertThat(via.protocol()).isEqualTo(Protocol.TCP);
    assertThat(via.ports()).isEqualTo(PortSet.of(3128));
    assertThat(via.destinations()).singleElement().extracting(Endpoint::name).isEqualTo("s1");
    assertThat(via.traces().getFirst().purpose()).contains("via proxy s1:3128 to cdn.example.com");
    assertThat(r.plan().notes()).extracting(Diagnostic::message).anySatisfy(m -> assertThat(m).contains("through the proxy s1:3128"));
  }

  @Test
  void viaErrorsAreLocated() {
    assertThat(onlyError(SITE + "    via: {cdn: \"nosuch:3128\"}\n").render()).startsWith("site.yaml:10:").contains("unknown proxy host 'nosuch'");
    assertThat(onlyError(SITE + "    via: {server: \"s1:3128\"}\n").message()).contains("'via' is for external roles");
    assertThat(onlyError(SITE + "    via: {cdn: \"s1:99999\"}\n").message()).contains("1-65535");
    assertThat(onlyError(SITE + "    via: {cdn: \"s1\"}\n").message()).contains("does not match");
  }

  @Test
  void unknownNamesAreErrorsWithPositions() {
    assertThat(onlyError(SITE.replace("product: demo", "product: nope")).render()).startsWith("site.yaml:8:14: error: unknown product 'nope'");
    assertThat(onlyError(SITE.replace("server: [s1]", "srv: [s1]")).message()).startsWith("product 'demo' has no role 'srv'");
    assertThat(onlyError(SITE.replace("server: [s1]", "server: [s9]")).message()).isEqualTo("unknown host or group 's9'; did you mean 's1'?");
    assertThat(onlyError(SITE.replace("server: [s1]", "server: [xyz]")).message()).isEqualTo("unknown host or group 'xyz'");
    assertThat(onlyError(SITE + "    features: {nope: true}\n").message()).startsWith("undefined feature 'nope' for product 'demo'");
    assertThat(onlyError(SITE + "    choices: {db: c}\n").message()).isEqualTo("'c' is not an option of 'db'; expected one of [a, b]");
    assertThat(onlyError(SITE + "    ports: {http: 81}\n").message()).startsWith("product 'demo' has no configurable port 'http'");
    assertThat(onlyError(SITE + "    ports: {web_port: 70000}\n").message()).startsWith("expected a port 0-65535");
  }

  @Test
  void addressesAreCheckedNeverWidened() {
    assertThat(onlyError(SITE.replace("198.18.0.1,", "198.18.0.0/24,")).message()).contains("must be a single IP address");
    assertThat(onlyError(SITE.replace("198.18.1.0/24", "198.18.1.5/24")).message()).contains("has host bits set");
    assertThat(onlyError(SITE.replace("198.18.0.1,", "198.18.0.300,")).message()).contains("expected an IP address");
  }

  @Test
  void schemaErrorsComeFirstWithPositions() {
    Result r = plan(SITE.replace("site: Test", "sight: Test"));
    assertThat(r.d().errors()).extracting(Diagnostic::render)
        .anySatisfy(m -> assertThat(m).startsWith("site.yaml:1:1: error:").contains("sight"))
        .anySatisfy(m -> assertThat(m).contains("required property 'site' not found"));
  }

  @Test
  void thePlanCsvReadsBackAsTheSameFlows() {
    FlowPlan plan = plan(SITE + "    features: {extra: true}\n    choices: {db: b}\n    members: 2\n").plan();
    Diagnostics d = new Diagnostics();
    FlowPlan back = FlowsCsv.read(PlanWriter.csv(plan), "plan.csv", d);
    assertThat(d.errors()).isEmpty();
    assertThat(back.flows()).hasSameSizeAs(plan.flows());
    for (int i = 0; i < plan.flows().size(); i++) {
      Flow a = plan.flows().get(i), b = back.flows().get(i);
      assertThat(b.name()).isEqualTo(a.name());
      assertThat(b.protocol()).isEqualTo(a.protocol());
      assertThat(b.ports()).isEqualTo(a.ports());
      assertThat(b.destinations().stream().map(Endpoint::csvNotation).toList()).isEqualTo(
          a.destinations().stream().flatMap(e -> java.util.Arrays.stream(e.csvNotation().split(" "))).toList());
    }
  }
}
