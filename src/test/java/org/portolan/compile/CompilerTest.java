package org.portolan.compile;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.portolan.compile.dialect.AsaDialect;
import org.portolan.compile.dialect.Iptables;
import org.portolan.compile.dialect.KubernetesNetworkPolicy;
import org.portolan.compile.dialect.Nftables;
import org.portolan.compile.dialect.PanOs;
import org.portolan.diag.Diagnostics;
import org.portolan.model.PortSet;
import org.portolan.model.Protocol;
import org.portolan.plan.Endpoint;
import org.portolan.plan.FlowPlan;

class CompilerTest {
  private static List<RuleSet> compile(FlowPlan plan, Dialect d, CompileOptions o, Diagnostics diags) {
    return Compiler.compile(plan, Optional.empty(), d, o, diags);
  }

  @Test
  void sharedFlowsBecomeOneRuleKeepingEveryRequirement() {
    Diagnostics d = new Diagnostics();
    RuleSet rs = compile(Fixtures.kernelPlan(), new Iptables(), CompileOptions.defaults(), d).getFirst();
    Rule web = rs.rules().stream().filter(r -> r.reasons().flows().contains("web")).findFirst().orElseThrow();
    assertThat(web.reasons().requirements()).containsExactly("crm/portal", "shop/api", "shop/web");
    assertThat(web.ports()).isEqualTo(PortSet.parse("80 443 8080-8082"));
    assertThat(rs.rules()).hasSize(5);
    assertThat(rs.notes()).anyMatch(n -> n.contains("agent") && n.contains("loopback"));
  }

  @Test
  void fqdnIsAnErrorNamingTheFlowWhereTheDialectHasNoFqdnObjects() {
    FlowPlan plan = new FlowPlan("s", List.of(Fixtures.flow("cdn/updates", List.of(Fixtures.ep("web", "", "198.18.1.1")),
        List.of(new Endpoint.Fqdn("cdn", "", "updates.example.com")), Protocol.TCP, PortSet.of(443), Fixtures.trace("erp", "updates", "patches"))), List.of());
    Diagnostics d = new Diagnostics();
    compile(plan, new Nftables(), CompileOptions.defaults(), d);
    assertThat(d.errors()).singleElement().satisfies(e -> {
      assertThat(e.message()).contains("flow cdn/updates").contains("FQDN").contains("--resolve");
      assertThat(e.position().toString()).isEqualTo("doc.txt:1");
    });
    Diagnostics d2 = new Diagnostics();
    RuleSet asa = compile(plan, new AsaDialect(), CompileOptions.defaults(), d2).getFirst();
    assertThat(d2.all()).isEmpty();
    assertThat(asa.rules().getFirst().destination().fqdns()).containsExactly("updates.example.com");
  }

  @Test
  void partialListsRefusedFlowsAndLeavesThemOut() {
    FlowPlan plan = new FlowPlan("s", List.of(
        Fixtures.flow("ping", List.of(Fixtures.ep("a", "", "198.18.1.0/24")), List.of(Fixtures.ep("b", "", "198.18.2.1")), Protocol.Icmp.ofType(8), PortSet.EMPTY, Fixtures.trace("x", "ping", "")),
        Fixtures.flow("web", List.of(Fixtures.ep("a", "", "198.18.1.0/24")), List.of(Fixtures.ep("b", "", "198.18.2.1")), Protocol.TCP, PortSet.of(80), Fixtures.trace("x", "web", ""))), List.of());
    for (Dialect dialect : List.<Dialect>of(new KubernetesNetworkPolicy(), new PanOs())) {
      Diagnostics d = new Diagnostics();
      RuleSet rs = compile(plan, dialect, CompileOptions.defaults().withPartial(true), d).getFirst();
      assertThat(d.all()).isEmpty();
      assertThat(rs.refused()).extracting(RuleSet.Refusal::flow).containsExactly("ping");
      assertThat(rs.rules()).singleElement().satisfies(r -> assertThat(r.protocol()).isEqualTo(Protocol.TCP));
      String text = new String(dialect.render(rs).getFirst().content(), java.nio.charset.StandardCharsets.UTF_8);
      assertThat(text).contains("REFUSED (not permitted, fail closed): flow ping");
    }
  }

  @Test
  void resolveUsesTheSystemResolverForLocalhostAndSaysSo() {
    FlowPlan plan = Sites.resolvePlan();
    Diagnostics d = new Diagnostics();
    RuleSet rs = compile(plan, new Iptables(), new CompileOptions(Optional.empty(), false, true, false, null), d).getFirst();
    assertThat(d.all()).isEmpty();
    assertThat(rs.rules()).isNotEmpty().allSatisfy(r -> assertThat(r.destination().blocks()).allMatch(b -> b.isLoopback()));
    assertThat(rs.notes()).anyMatch(n -> n.startsWith("--resolve: localhost resolved at compile time to ") && n.contains("127.0.0.1"));
  }

  @Test
  void aStatelessDialectWouldRefuseStatefulFlowsRatherThanOpenReplies() {
    Dialect stateless = new Dialect() {
      public String name() { return "stateless"; }
      public Capabilities capabilities() { return Capabilities.builder().icmp().icmpTypes().otherProtocols(Capabilities.ANY_PROTOCOL).portLists().ipv6().interfaces().build(); }
      public List<Output> render(RuleSet rules) { return List.of(); }
    };
    Diagnostics d = new Diagnostics();
    compile(Fixtures.kernelPlan(), stateless, CompileOptions.defaults(), d);
    assertThat(d.errors()).extracting(e -> e.message()).anyMatch(m -> m.contains("flow web ") && m.contains("stateless"));
  }

  @Test
  void interfaceNamesThatWouldBreakTheRulesAreErrors() {
    var dep = Fixtures.kernelDeployment(Fixtures.network("edge", Fixtures.iface("in side", "za"), Fixtures.iface("out", "zc")));
    Diagnostics d = new Diagnostics();
    Compiler.compile(Fixtures.kernelPlan(), Optional.of(dep), new Iptables(), CompileOptions.defaults(), d);
    assertThat(d.errors()).singleElement().satisfies(e -> assertThat(e.message()).contains("'in side'"));
  }

  @Test
  void unknownFirewallIsAnError() {
    Diagnostics d = new Diagnostics();
    Compiler.compile(Fixtures.kernelPlan(), Optional.of(KernelTest.NETWORK), new Iptables(), new CompileOptions(Optional.of("nope"), false, false, false, null), d);
    assertThat(d.errors()).singleElement().satisfies(e -> assertThat(e.message()).contains("nope").contains("core"));
  }

  @Test
  void flowsThatDoNotCrossANetworkFirewallGetNoRuleThere() {
    var fw = Fixtures.network("edge", Fixtures.iface("in", "za", "zb"), Fixtures.iface("out", "zc"));
    var dep = Fixtures.kernelDeployment(fw);
    FlowPlan plan = new FlowPlan("s", List.of(
        Fixtures.flow("a-to-b", List.of(Fixtures.ep("a", "za", "198.18.1.2")), List.of(Fixtures.ep("b", "zb", "198.18.2.2")), Protocol.TCP, PortSet.of(22), Fixtures.trace("x", "ab", "")),
        Fixtures.flow("c-to-a", List.of(Fixtures.ep("c", "zc", "198.18.3.2")), List.of(Fixtures.ep("a", "za", "198.18.1.2")), Protocol.TCP, PortSet.of(22), Fixtures.trace("x", "ca", ""))), List.of());
    RuleSet rs = Compiler.compile(plan, Optional.of(dep), new Iptables(), CompileOptions.defaults(), new Diagnostics()).getFirst();
    assertThat(rs.rules()).singleElement().satisfies(r -> {
      assertThat(r.placement()).isEqualTo(new Placement.Through("out", "in"));
      assertThat(r.reasons().flows()).containsExactly("c-to-a");
    });
  }

  @Test
  void dialectsWithoutPortListsGetOneRulePerRangeNeverWider() {
    RuleSet rs = compile(Fixtures.kernelPlan(), new org.portolan.compile.dialect.AwsSecurityGroup(), CompileOptions.defaults(), new Diagnostics()).getFirst();
    assertThat(rs.rules()).allMatch(r -> r.ports().ranges().size() <= 1);
    assertThat(CompilePropertyTest.rulesSpace(rs.rules()).sameAs(CompilePropertyTest.flowsSpace(Fixtures.kernelPlan().flows(), (a, b) -> true))).isTrue();
  }

  /** A host firewall keeps its administrators' SSH when --manage names them, and says so when it does not. */
  @Test
  void hostFirewallsKeepManagementAccessOrSayTheyDoNot() {
    var station = new inet.ipaddr.IPAddressString("198.18.99.0/24").getAddress();
    RuleSet with = Compiler.compile(Fixtures.kernelPlan(), Optional.of(KernelTest.HOST), new Iptables(),
        CompileOptions.defaults().withManage(List.of(station)), new Diagnostics()).getFirst();
    assertThat(with.kind()).isEqualTo(RuleSet.Kind.HOST);
    assertThat(with.rules()).anySatisfy(r -> {
      assertThat(r.placement()).isInstanceOf(Placement.Inbound.class);
      assertThat(r.source().notations()).containsExactly("198.18.99.0/24");
      assertThat(r.ports()).isEqualTo(PortSet.of(22));
      assertThat(r.reasons().refs()).isEqualTo("portolan/manage");
    });
    String text = new String(new Nftables().render(with).getFirst().content(), java.nio.charset.StandardCharsets.UTF_8);
    assertThat(text).contains("comment \"portolan/manage\"", "set management-stations {");
    RuleSet without = Compiler.compile(Fixtures.kernelPlan(), Optional.of(KernelTest.HOST), new Iptables(), CompileOptions.defaults(), new Diagnostics()).getFirst();
    assertThat(without.rules()).noneSatisfy(r -> assertThat(r.reasons().refs()).isEqualTo("portolan/manage"));
    assertThat(without.notes()).anySatisfy(n -> assertThat(n).contains("no --manage given", "--manage ADDR|CIDR"));
  }
}
