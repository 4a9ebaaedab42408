package org.portolan.verify;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.portolan.diag.Diagnostics;
import org.portolan.ingest.RulesetImporter;
import org.portolan.ingest.acl.Acl;
import org.portolan.plan.FirewallPlacement;
import org.portolan.plan.Flow;
import org.portolan.plan.FlowPlan;

/**
 * Verdicts given on both cores are those of one thread, in the same order, byte for byte:
 * random rulesets (user chains, sets, conntrack state) with doubted and rate-limited lines
 * added, against flows that are allowed, blocked, undetermined and of the other family.
 */
class ParallelVerifyTest {
  /** The usual conntrack line, and lines the model reads as doubted (mark) or rate-limited, so some verdicts are undetermined or carry a rate. */
  private static final String EXTRA = """
      -A FORWARD -m conntrack --ctstate ESTABLISHED,RELATED -j ACCEPT
      -A FORWARD -s 198.18.1.12 -p tcp -m mark --mark 0x1 -j DROP
      -A FORWARD -s 198.18.1.13 -p udp -m mark --mark 0x1 -j ACCEPT
      -A FORWARD -d 198.19.2.13 -p udp -m limit --limit 5/second -j ACCEPT
      -A FORWARD -d 198.19.2.11 -p udp --dport 5000 -j DROP
      """;

  /** The ruleset with {@link #EXTRA} before its FORWARD lines, where every flow meets it. */
  private static String insertBeforeForwardLines(String text) {
    int at = text.indexOf("-A FORWARD ");
    return text.substring(0, at) + EXTRA + text.substring(at);
  }

  @ParameterizedTest
  @ValueSource(longs = {3, 17, 2026})
  void parallelVerdictsAreTheSequentialOnesByteForByte(long seed) {
    String text = insertBeforeForwardLines(RandomRuleset.iptables(seed));
    Diagnostics d = new Diagnostics();
    Acl acl = RulesetImporter.read(text, "random-" + seed + ".save", Optional.of(RulesetImporter.Format.IPTABLES), d).orElseThrow(() -> new AssertionError(d.all()));
    Random rnd = new Random(seed);
    List<Flow> flows = new ArrayList<>();
    for (int i = 0; i < 3 * Verifier.PARALLEL_FROM; i++) {
      String src = i % 50 == 0 ? "2001:db8::" + i : KernelDifferentialTest.CLIENTS.get(rnd.nextInt(KernelDifferentialTest.CLIENTS.size()));
      String dst = i % 50 == 0 ? "2001:db8:1::" + i : KernelDifferentialTest.SERVERS.get(rnd.nextInt(KernelDifferentialTest.SERVERS.size()));
      int port = RandomRuleset.PORTS.get(rnd.nextInt(RandomRuleset.PORTS.size()));
      flows.add(KernelDifferentialTest.flow("f" + i, src, dst, rnd.nextBoolean() ? "tcp" : "udp", port));
    }
    List<FirewallPlacement.PlacedFlow> placed = FirewallPlacement.flows(FirewallPlacement.place(new FlowPlan("p", flows, List.of()), Optional.empty(), FirewallPlacement.Options.ALL, new Diagnostics()));

    // with rule analysis (the default), on the interfaces the random rulesets name
    VerifyOptions opt = VerifyOptions.DEFAULT.withInterfaces(Optional.of(KernelDifferentialTest.IN), Optional.of(KernelDifferentialTest.OUT));
    VerifyResult one = Verifier.verify(acl, placed, opt, d.warnings(), false);
    VerifyResult both = Verifier.verify(acl, placed, opt, d.warnings(), true);
    // the flows handed out as soon as the verdicts are given are the result's own list (the CLI renders it early)
    List<List<FlowResult>> given = new ArrayList<>();
    VerifyResult early = Verifier.verify(acl, placed, opt, d.warnings(), given::add);
    assertThat(given).hasSize(1);
    assertThat(given.getFirst()).isSameAs(early.flows());
    assertThat(VerifyJson.render(early)).isEqualTo(VerifyJson.render(one));

    Set<String> kinds = one.flows().stream().map(f -> f.verdict().keyword()).collect(Collectors.toSet());
    // the IPv6 flows against this IPv4 ruleset are the not-verified ones
    assertThat(kinds).as("the flows reach several verdicts, so the comparison means something").contains("allowed", "blocked", "undetermined", "not-verified");
    assertThat(VerifyJson.render(both)).isEqualTo(VerifyJson.render(one));
    assertThat(VerifyTable.render(both)).isEqualTo(VerifyTable.render(one));
  }
}
