package org.portolan.plan;

import static org.assertj.core.api.Assertions.assertThat;

import inet.ipaddr.IPAddressString;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.portolan.compile.Sites;
import org.portolan.diag.Diagnostics;
import org.portolan.plan.FirewallPlacement.Crossing;
import org.portolan.plan.FirewallPlacement.PlacedFlow;
import org.portolan.plan.FirewallPlacement.Target;

class FirewallPlacementTest {
  static final FlowPlan PLAN = Sites.enterprisePlan();

  private static PlacedFlow only(Target t, String planFlow) {
    return t.flows().stream().filter(p -> p.planFlow().name().equals(planFlow)).reduce((a, b) -> { throw new AssertionError("two pieces of " + planFlow); }).orElseThrow();
  }

  private static List<PlacedFlow> pieces(Target t, String planFlow) {
    return t.flows().stream().filter(p -> p.planFlow().name().equals(planFlow)).toList();
  }

  @Test
  void aNetworkFirewallSplitsAFlowPerInterfacePairAndEachPieceNamesItsPlanFlow() {
    Diagnostics d = new Diagnostics();
    List<Target> targets = FirewallPlacement.place(PLAN, Optional.of(Sites.enterprise()), FirewallPlacement.Options.ALL, d);
    assertThat(d.all()).isEmpty();
    Target core = targets.getFirst();
    assertThat(targets).hasSize(1);
    assertThat(core.kind()).isEqualTo(FirewallPlacement.Kind.NETWORK);
    // clients -> servers: entering at users, leaving at inside; the piece is the plan flow itself
    PlacedFlow web = only(core, "erp/web/web-server/tcp");
    assertThat(web.crossing()).isEqualTo(new Crossing.Through("users", "inside"));
    assertThat(web.flow()).isSameAs(web.planFlow());
    // web1 and db1 both sit behind "inside": one piece; web1 -> db1 stays behind one interface: none
    assertThat(pieces(core, "erp/db/database/tcp")).isEmpty();
    assertThat(only(core, "erp/ntp/ntp/udp").crossing()).isEqualTo(new Crossing.Through("inside", "outside"));
    // a loopback flow never crosses a network firewall
    assertThat(pieces(core, "erp/agent/web-server/tcp")).isEmpty();
    assertThat(FirewallPlacement.unplaced(PLAN, targets)).extracting(Flow::name).containsExactly("erp/db/database/tcp", "erp/agent/web-server/tcp");
  }

  @Test
  void piecesOfOneFlowAreLabelledByPlaceAndKeepTheirPlanFlow() {
    Endpoint ws = PLAN.flows().getFirst().sources().getFirst();
    Endpoint web1 = PLAN.flows().getFirst().destinations().getFirst();
    Endpoint ntp = PLAN.flows().stream().filter(f -> f.name().equals("erp/ntp/ntp/udp")).findFirst().orElseThrow().destinations().getFirst();
    Flow two = new Flow("x/two-ways/tcp", List.of(ws, web1), List.of(ntp), PLAN.flows().getFirst().protocol(), PLAN.flows().getFirst().ports(), true, false, PLAN.flows().getFirst().traces());
    FlowPlan plan = new FlowPlan("s", List.of(two), List.of());
    Target core = FirewallPlacement.place(plan, Optional.of(Sites.enterprise()), FirewallPlacement.Options.ALL, new Diagnostics()).getFirst();
    assertThat(core.flows()).extracting(p -> p.flow().name()).containsExactly("x/two-ways/tcp [users>outside]", "x/two-ways/tcp [inside>outside]");
    assertThat(core.flows()).allSatisfy(p -> assertThat(p.planFlow()).isSameAs(two));
    assertThat(core.flows().getFirst().flow().sources()).containsExactly(ws);
  }

  @Test
  void aHostFirewallIsPlacedPerHostOnTheHostsOwnAddresses() {
    List<Target> targets = FirewallPlacement.place(PLAN, Optional.of(Sites.enterpriseHostFirewalls()), FirewallPlacement.Options.ALL.withOutbound(true), new Diagnostics());
    assertThat(targets).extracting(Target::name).containsExactly("servers-fw-web1", "servers-fw-db1");
    Target db1 = targets.get(1);
    PlacedFlow in = pieces(db1, "erp/db/database/tcp").stream().filter(p -> p.crossing() instanceof Crossing.Inbound).findFirst().orElseThrow();
    assertThat(in.flow().destinations()).singleElement().satisfies(e -> assertThat(e.name()).isEqualTo("db1"));
    // web1 -> db1 is outbound on web1 and inbound on db1: two pieces of one flow on the firewall, labelled by host
    assertThat(FirewallPlacement.flows(targets)).filteredOn(p -> p.planFlow().name().equals("erp/db/database/tcp")).extracting(p -> p.flow().name())
        .containsExactly("erp/db/database/tcp [web1 out]", "erp/db/database/tcp [db1 in]");
    assertThat(only(targets.getFirst(), "erp/agent/web-server/tcp").crossing()).isInstanceOf(Crossing.Loopback.class);
    // without --outbound (compile's default) a host only sees what arrives
    List<Target> inboundOnly = FirewallPlacement.place(PLAN, Optional.of(Sites.enterpriseHostFirewalls()), FirewallPlacement.Options.ALL, new Diagnostics());
    assertThat(FirewallPlacement.flows(inboundOnly)).noneMatch(p -> p.crossing() instanceof Crossing.Outbound);
  }

  @Test
  void oneHostOfAHostFirewallIsChosenByItsTargetName() {
    Diagnostics d = new Diagnostics();
    List<Target> one = FirewallPlacement.place(PLAN, Optional.of(Sites.enterpriseHostFirewalls()), FirewallPlacement.Options.ALL.withFirewall("servers-fw-db1").withOutbound(true), d);
    assertThat(d.all()).isEmpty();
    assertThat(one).extracting(Target::name).containsExactly("servers-fw-db1");
    // on db1 alone the flow web1 -> db1 is one piece: no label
    assertThat(only(one.getFirst(), "erp/db/database/tcp").flow().name()).isEqualTo("erp/db/database/tcp");
    Diagnostics bad = new Diagnostics();
    FirewallPlacement.place(PLAN, Optional.of(Sites.enterpriseHostFirewalls()), FirewallPlacement.Options.ALL.withFirewall("servers-fw-db2"), bad);
    assertThat(bad.errors()).singleElement().satisfies(e -> assertThat(e.message()).contains("servers-fw-web1, servers-fw-db1"));
  }

  @Test
  void withoutFirewallsLocalAddressesDecideInputOrOutput() {
    var local = List.of(new IPAddressString("198.18.10.0/24").getAddress(), new IPAddressString("2001:db8:10::/64").getAddress());
    List<Target> targets = FirewallPlacement.place(PLAN, Optional.empty(), FirewallPlacement.Options.ALL.withLocal(local), new Diagnostics());
    Target t = targets.getFirst();
    assertThat(t.kind()).isEqualTo(FirewallPlacement.Kind.STANDALONE);
    assertThat(t.flows()).hasSize(PLAN.flows().size());
    assertThat(only(t, "erp/web/web-server/tcp").crossing()).isInstanceOf(Crossing.Inbound.class);
    assertThat(only(t, "erp/ntp/ntp/udp").crossing()).isInstanceOf(Crossing.Outbound.class);
    assertThat(only(t, "erp/updates/patch-cdn/tcp").crossing()).isInstanceOf(Crossing.Outbound.class);
    // web1's IPv6 address is not local: its flows may be forwarded
    var part = List.of(new IPAddressString("198.18.10.0/24").getAddress());
    assertThat(only(FirewallPlacement.place(PLAN, Optional.empty(), FirewallPlacement.Options.ALL.withLocal(part), new Diagnostics()).getFirst(), "erp/ntp/ntp/udp").crossing())
        .isInstanceOf(Crossing.Unknown.class);
  }

  @Test
  void anUnknownFirewallIsAnError() {
    Diagnostics d = new Diagnostics();
    assertThat(FirewallPlacement.place(PLAN, Optional.of(Sites.enterprise()), FirewallPlacement.Options.ALL.withFirewall("edge"), d)).isEmpty();
    assertThat(d.errors()).singleElement().satisfies(e -> assertThat(e.message()).contains("--firewall edge", "it has core"));
    Diagnostics d2 = new Diagnostics();
    FirewallPlacement.place(PLAN, Optional.empty(), FirewallPlacement.Options.ALL.withFirewall("core"), d2);
    assertThat(d2.errors()).singleElement().satisfies(e -> assertThat(e.message()).contains("no firewalls are known here"));
  }
}
