package org.portolan.verify;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.portolan.diag.Diagnostics;
import org.portolan.ingest.RulesetImporter;
import org.portolan.ingest.acl.Acl;
import org.portolan.ingest.acl.AclLine;
import org.portolan.ingest.acl.Action;
import org.portolan.ingest.acl.Box;
import org.portolan.ingest.acl.Chain;
import org.portolan.ingest.acl.Match;
import org.portolan.ingest.acl.Ranges;
import org.portolan.ingest.acl.Space;

/**
 * The chain index against brute force: on random rulesets (the kernel differential test's, plus
 * lines to single hosts, to /24s, to wide and odd ranges), every line whose match meets a query
 * is among the index's candidates, for queries to one host, one /24, several /24s and IPv6.
 */
class ChainIndexTest {
  @ParameterizedTest
  @ValueSource(longs = {1, 18, 2026})
  void everyLineThatCanMatchIsACandidate(long seed) {
    Random rnd = new Random(seed);
    String text = RandomRuleset.iptables(seed);
    StringBuilder extra = new StringBuilder();
    for (int i = 0; i < 400; i++) {
      String dst = switch (rnd.nextInt(5)) {
        case 0 -> "198.19." + rnd.nextInt(4) + "." + rnd.nextInt(256);
        case 1 -> "198.19." + rnd.nextInt(4) + ".0/24";
        case 2 -> "198.16.0.0/12";
        case 3 -> "198.19." + rnd.nextInt(4) + ".250-198.19." + (4 + rnd.nextInt(2)) + ".3";
        default -> "198.19.0." + rnd.nextInt(256) + ",198.19.3." + rnd.nextInt(256);
      };
      String range = dst.contains("-") ? "-m iprange --dst-range " + dst : "-d " + dst;
      extra.append("-A FORWARD ").append(range).append(" -p tcp --dport ").append(1000 + rnd.nextInt(40)).append(rnd.nextBoolean() ? " -j ACCEPT\n" : " -j DROP\n");
    }
    int at = text.indexOf("-A FORWARD ");
    text = text.substring(0, at) + extra + text.substring(at);
    Diagnostics d = new Diagnostics();
    Acl acl = RulesetImporter.read(text, "random.save", Optional.of(RulesetImporter.Format.IPTABLES), d).orElseThrow(() -> new AssertionError(d.all()));

    int narrowQueries = 0, pruned = 0, checked = 0;
    for (Chain c : acl.chains().values()) {
      ChainIndex index = new ChainIndex(c, AclLine::match);
      for (int q = 0; q < 300; q++) {
        Space query = query(rnd);
        long[] near = index.nearDestination(query);
        if (near != null) narrowQueries++;
        long[] ports = index.candidates(query);
        List<Integer> candidates = new ArrayList<>();
        for (int li = ChainIndex.next(ports, near, 0); li >= 0; li = ChainIndex.next(ports, near, li + 1)) candidates.add(li);
        for (int li = 0; li < c.lines().size(); li++) {
          AclLine l = c.lines().get(li);
          if (l.action() instanceof Action.Continue k && k.mark().isEmpty()) continue; // never decides: not indexed
          if (!l.match().intersects(query)) continue;
          checked++;
          assertThat(candidates).as("line %d of %s meets %s", li, c.name(), query).contains(li);
        }
        int portOnly = 0;
        for (int li = ChainIndex.next(ports, 0); li >= 0; li = ChainIndex.next(ports, li + 1)) portOnly++;
        if (candidates.size() < portOnly) pruned++;
      }
    }
    assertThat(checked).as("queries met lines").isGreaterThan(500);
    assertThat(narrowQueries).as("queries within one /24 use the address index").isGreaterThan(100);
    assertThat(pruned).as("the address index leaves lines out").isGreaterThan(50);
  }

  private static Space query(Random rnd) {
    int port = 1000 + rnd.nextInt(40);
    Match m = Match.any().proto(Ranges.single(6), false).dport(Ranges.of(port, port + rnd.nextInt(3)), false);
    return switch (rnd.nextInt(6)) {
      case 0 -> m.family(6).build();
      case 1 -> m.family(4).dst(org.portolan.ingest.acl.Addrs.of(new inet.ipaddr.IPAddressString("198.19." + rnd.nextInt(4) + ".0/24").getAddress()), false).build();
      case 2 -> m.family(4).dst(org.portolan.ingest.acl.Addrs.of(new inet.ipaddr.IPAddressString("198.19.0.0/22").getAddress()), false).build();
      case 3 -> Match.any().family(4).build().intersect(Space.of(Box.universe(4)));
      default -> m.family(4).dst(org.portolan.ingest.acl.Addrs.of(new inet.ipaddr.IPAddressString("198.19." + rnd.nextInt(6) + "." + rnd.nextInt(256)).getAddress()), false).build();
    };
  }
}
