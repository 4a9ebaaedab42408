package org.portolan.compile;

import static org.assertj.core.api.Assertions.assertThat;

import inet.ipaddr.IPAddress;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.portolan.compile.dialect.Iptables;
import org.portolan.deployment.Deployment;
import org.portolan.deployment.Firewall;
import org.portolan.deployment.Host;
import org.portolan.diag.Diagnostics;
import org.portolan.model.AddressBlocks;
import org.portolan.model.PortRange;
import org.portolan.model.PortSet;
import org.portolan.model.Protocol;
import org.portolan.plan.Endpoint;
import org.portolan.plan.Flow;
import org.portolan.plan.FlowPlan;

/**
 * Seeded random deployments (java.util.Random, fixed seeds): the compiled rule sets, read
 * back as sets of packets, equal the plan's flows exactly — for the flows-file rule set, for
 * every interface pair of a network firewall and for every host of a host firewall — and no
 * requirement is lost from the rule comments.
 */
class CompilePropertyTest {
  static final int SEEDS = 150;
  static final List<String> ZONES = List.of("z0", "z1", "z2", "z3");

  record Site(Deployment deployment, FlowPlan plan) {}

  static Site randomSite(long seed) {
    Random r = new Random(seed);
    List<Host> hosts = new ArrayList<>();
    List<Endpoint> endpoints = new ArrayList<>();
    int nh = 3 + r.nextInt(8);
    for (int i = 0; i < nh; i++) {
      String zone = ZONES.get(r.nextInt(ZONES.size()));
      List<String> addrs = new ArrayList<>(List.of("198.18." + r.nextInt(4) + "." + (1 + r.nextInt(40))));
      if (r.nextInt(4) == 0) addrs.add("2001:db8:" + r.nextInt(3) + "::" + (1 + r.nextInt(30)));
      String name = "h" + i;
      Host h = Fixtures.host(name, zone, addrs.stream().distinct().toArray(String[]::new));
      hosts.add(h);
      endpoints.add(new Endpoint.Addresses(name, zone, h.addresses()));
    }
    int ng = 1 + r.nextInt(4);
    for (int i = 0; i < ng; i++) {
      String zone = ZONES.get(r.nextInt(ZONES.size()));
      String block = switch (r.nextInt(3)) {
        case 0 -> "198.18." + r.nextInt(4) + ".0/" + (24 + r.nextInt(5));
        case 1 -> "198.18." + r.nextInt(4) + "." + (1 + r.nextInt(20)) + "-198.18." + r.nextInt(4) + "." + (100 + r.nextInt(100));
        default -> "2001:db8:" + r.nextInt(3) + "::/" + (120 + r.nextInt(8));
      };
      List<IPAddress> blocks;
      try {
        blocks = AddressBlocks.parse(block);
      } catch (IllegalArgumentException e) {
        blocks = AddressBlocks.parse("198.18.9.0/24");
      }
      endpoints.add(new Endpoint.Addresses("g" + i, zone, blocks));
    }
    List<Flow> flows = new ArrayList<>();
    int nf = 5 + r.nextInt(30);
    for (int i = 0; i < nf; i++) {
      List<Endpoint> src = pick(r, endpoints), dst = pick(r, endpoints);
      for (int tries = 0; tries < 20 && !sharesVersion(src, dst); tries++) dst = pick(r, endpoints);
      if (!sharesVersion(src, dst)) continue;
      int kind = r.nextInt(10);
      Protocol p = kind < 4 ? Protocol.TCP : kind < 8 ? Protocol.UDP : kind == 8 ? (r.nextBoolean() ? Protocol.ICMP_ANY : Protocol.Icmp.ofType(8)) : new Protocol.Ip(47);
      PortSet ports = p.hasPorts() ? randomPorts(r) : PortSet.EMPTY;
      boolean loop = r.nextInt(15) == 0;
      flows.add(new Flow("f" + i, src, dst, p, ports, true, loop, List.of(Fixtures.trace("p" + r.nextInt(3), "req" + i, "purpose " + i))));
      if (r.nextInt(5) == 0) // the same flow required by another product
        flows.add(new Flow("f" + i + "-dup", src, dst, p, ports, true, loop, List.of(Fixtures.trace("q", "shared" + i, "shared"))));
    }
    List<Firewall.Interface> ifs = new ArrayList<>();
    List<String> shuffled = new ArrayList<>(ZONES);
    java.util.Collections.shuffle(shuffled, r);
    ifs.add(Fixtures.iface("if0", shuffled.get(0), shuffled.get(1)));
    ifs.add(Fixtures.iface("if1", shuffled.get(2)));
    if (r.nextBoolean()) ifs.add(Fixtures.iface("if2", shuffled.get(3)));
    Firewall net = new Firewall("core", Firewall.Kind.NETWORK, "", ifs, List.of(), Fixtures.AT);
    Firewall hostFw = Fixtures.hostFirewall("hostfw");
    Deployment d = new Deployment("random " + seed, "random.yaml", List.of(), hosts, List.of(), List.of(net, hostFw), List.of(), "internet");
    return new Site(d, new FlowPlan("random " + seed, flows, List.of()));
  }

  /** A plan never pairs IPv4-only sources with IPv6-only destinations (the compiler refuses those). */
  private static boolean sharesVersion(List<Endpoint> src, List<Endpoint> dst) {
    Set<Boolean> a = new HashSet<>(), b = new HashSet<>();
    src.forEach(e -> ((Endpoint.Addresses) e).blocks().forEach(x -> a.add(x.isIPv4())));
    dst.forEach(e -> ((Endpoint.Addresses) e).blocks().forEach(x -> b.add(x.isIPv4())));
    a.retainAll(b);
    return !a.isEmpty();
  }

  private static List<Endpoint> pick(Random r, List<Endpoint> all) {
    int n = 1 + r.nextInt(3);
    Set<Endpoint> out = new java.util.LinkedHashSet<>();
    for (int i = 0; i < n; i++) out.add(all.get(r.nextInt(all.size())));
    return List.copyOf(out);
  }

  private static PortSet randomPorts(Random r) {
    List<PortRange> ranges = new ArrayList<>();
    int n = 1 + r.nextInt(4);
    for (int i = 0; i < n; i++) {
      int from = r.nextInt(3) == 0 ? 49000 + r.nextInt(2000) : 20 + r.nextInt(100);
      ranges.add(new PortRange(from, from + (r.nextBoolean() ? 0 : r.nextInt(30))));
    }
    return PortSet.ofRanges(ranges);
  }

  static PacketSpace flowsSpace(List<Flow> flows, java.util.function.BiPredicate<Endpoint, Endpoint> placed) {
    PacketSpace s = new PacketSpace();
    for (Flow f : flows) {
      if (f.loopback()) continue;
      for (Endpoint src : f.sources())
        for (Endpoint dst : f.destinations())
          if (placed.test(src, dst))
            for (IPAddress a : ((Endpoint.Addresses) src).blocks())
              for (IPAddress b : ((Endpoint.Addresses) dst).blocks()) s.add(a, b, f.protocol(), f.ports());
    }
    return s;
  }

  static PacketSpace rulesSpace(List<Rule> rules) {
    PacketSpace s = new PacketSpace();
    for (Rule r : rules)
      for (IPAddress a : r.source().blocks())
        for (IPAddress b : r.destination().blocks()) s.add(a, b, r.protocol(), r.ports());
    return s;
  }

  private static List<RuleSet> compile(Site site) {
    Diagnostics d = new Diagnostics();
    List<RuleSet> sets = Compiler.compile(site.plan(), Optional.of(site.deployment()), new Iptables(), CompileOptions.defaults(), d);
    assertThat(d.all()).isEmpty();
    return sets;
  }

  @Test
  void flowsFileRuleSetPermitsExactlyThePlan() {
    for (long seed = 1; seed <= SEEDS; seed++) {
      Site site = randomSite(seed);
      Diagnostics d = new Diagnostics();
      List<RuleSet> sets = Compiler.compile(site.plan(), Optional.empty(), new Iptables(), CompileOptions.defaults(), d);
      assertThat(d.all()).isEmpty();
      assertThat(sets).hasSize(1);
      RuleSet rs = sets.getFirst();
      assertThat(rulesSpace(rs.rules()).sameAs(flowsSpace(site.plan().flows(), (a, b) -> true))).as("seed %d", seed).isTrue();
      assertThat(rs.rules()).allMatch(r -> r.placement() instanceof Placement.Anywhere);
      Set<String> named = new HashSet<>();
      rs.rules().forEach(r -> named.addAll(r.reasons().flows()));
      for (Flow f : site.plan().flows()) {
        if (f.loopback()) assertThat(rs.notes()).as("seed %d", seed).anyMatch(n -> n.contains(f.name()) && n.contains("loopback"));
        else if (!flowsSpace(List.of(f), (a, b) -> true).boxes().isEmpty()) assertThat(named).as("seed %d: flow %s in a rule comment", seed, f.name()).contains(f.name());
      }
    }
  }

  @Test
  void networkFirewallPermitsExactlyTheFlowsCrossingEachInterfacePair() {
    for (long seed = 1; seed <= SEEDS; seed++) {
      Site site = randomSite(seed);
      Firewall fw = site.deployment().firewalls().getFirst();
      RuleSet rs = compile(site).stream().filter(s -> s.kind() == RuleSet.Kind.NETWORK).findFirst().orElseThrow();
      for (Firewall.Interface in : fw.interfaces()) {
        for (Firewall.Interface out : fw.interfaces()) {
          if (in.equals(out)) continue;
          List<Rule> bound = rs.rules().stream().filter(r -> r.placement().equals(new Placement.Through(in.name(), out.name()))).toList();
          PacketSpace expected = flowsSpace(site.plan().flows(), (a, b) -> in.zones().contains(a.zone()) && out.zones().contains(b.zone()));
          assertThat(rulesSpace(bound).sameAs(expected)).as("seed %d, %s -> %s", seed, in.name(), out.name()).isTrue();
        }
      }
      assertThat(rs.rules()).allMatch(r -> r.placement() instanceof Placement.Through);
    }
  }

  @Test
  void hostFirewallPermitsExactlyTheFlowsToEachHost() {
    for (long seed = 1; seed <= SEEDS; seed++) {
      Site site = randomSite(seed);
      List<RuleSet> hostSets = compile(site).stream().filter(s -> s.kind() == RuleSet.Kind.HOST).toList();
      assertThat(hostSets).hasSize(site.deployment().hosts().size());
      PacketSpace all = flowsSpace(site.plan().flows(), (a, b) -> true);
      for (Host h : site.deployment().hosts()) {
        RuleSet rs = hostSets.stream().filter(s -> s.name().equals("hostfw-" + h.name())).findFirst().orElseThrow();
        PacketSpace expected = new PacketSpace();
        for (IPAddress a : h.addresses()) all.toDestination(a).boxes().forEach(expected::add);
        assertThat(rulesSpace(rs.rules()).sameAs(expected)).as("seed %d host %s", seed, h.name()).isTrue();
        assertThat(rs.rules()).allMatch(r -> r.placement() instanceof Placement.Inbound);
      }
    }
  }

  @Test
  void thePacketComparisonCanTellWiderFromExact() {
    Site site = randomSite(7);
    RuleSet rs = Compiler.compile(site.plan(), Optional.empty(), new Iptables(), CompileOptions.defaults(), new Diagnostics()).getFirst();
    Rule first = rs.rules().stream().filter(r -> r.protocol().hasPorts()).findFirst().orElseThrow();
    List<Rule> wider = new ArrayList<>(rs.rules());
    wider.set(wider.indexOf(first), first.withPorts(first.ports().union(PortSet.of(first.ports().ranges().getLast().to() == 65535 ? 1 : 65535))));
    assertThat(rulesSpace(wider).sameAs(flowsSpace(site.plan().flows(), (a, b) -> true))).isFalse();
    List<Rule> fewer = new ArrayList<>(rs.rules());
    fewer.remove(first);
    assertThat(rulesSpace(fewer).sameAs(flowsSpace(site.plan().flows(), (a, b) -> true))).isFalse();
  }
}
