package org.portolan.catalog.seeds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.portolan.catalog.seeds.SeedTable.active;
import static org.portolan.catalog.seeds.SeedTable.assertSameRows;
import static org.portolan.catalog.seeds.SeedTable.parse;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.portolan.model.Bindings;
import org.portolan.model.FlowRequirement;
import org.portolan.model.Product;

/**
 * Seed 001: ConfigMgr 2012 CAS / primary site server to the DCs of the other domain. The
 * document has one list of seven port lines that applies to every (computer, DC of the other
 * domain) pair it names, so the table here is the seven lines and the pairs, multiplied out.
 */
class ConfigmgrSeedTest {
  static final String DOCUMENT = "001_780ae704f9cdb8c3.txt";

  /** The seven port lines (15-27), initiator → DC; "Dynamic" is 1024-65535 (line 48). */
  static final String LINES = """
      # line | proto | ports        | bidirectional (line 29: only RPC dynamic)
      15     | tcp   | 445          | no
      17     | tcp   | 88           | no
      17     | udp   | 88           | no
      19     | tcp   | 135          | no
      19     | udp   | 135          | no
      21     | tcp   | 1024-65535   | yes
      21     | udp   | 1024-65535   | yes
      23     | tcp   | 389          | no
      23     | udp   | 389          | no
      25     | tcp   | 3268         | no
      27     | tcp   | 53           | no
      27     | udp   | 53           | no
      """;

  /** Who talks to which DCs (lines 7-13), and under which condition. */
  static final List<String[]> PAIRS = List.of(
      new String[] {"cas-server", "child-dc", ""},
      new String[] {"primary-site-server", "root-dc", ""},
      new String[] {"child-domain-computer", "root-dc", "cross-domain-members"},
      new String[] {"root-domain-computer", "child-dc", "cross-domain-members"});

  static String table() {
    StringBuilder b = new StringBuilder();
    for (String[] pair : PAIRS) {
      for (String raw : LINES.strip().split("\n")) {
        if (raw.strip().startsWith("#")) continue;
        String[] c = raw.split("\\|");
        String line = c[0].strip(), proto = c[1].strip(), ports = c[2].strip();
        b.append(String.join(" | ", line, pair[0], pair[1], proto, ports, pair[2], "")).append('\n');
        if (c[3].strip().equals("yes")) b.append(String.join(" | ", line, pair[1], pair[0], proto, ports, pair[2], "")).append('\n');
      }
    }
    return b.toString();
  }

  @Test
  void catalogHoldsTheSevenLinesForEveryPairAndOnlyRpcDynamicBothWays() {
    Product p = SeedTable.product("configmgr");
    assertThat(table().lines().count()).isEqualTo(4 * 14);
    assertSameRows(parse(table()), SeedTable.actualFromDocument(p, Bindings.DEFAULTS, DOCUMENT));
    SeedTable.assertProvenance(p, DOCUMENT, 104);
  }

  @Test
  void theFourServerRolesAreModelled() {
    Product p = SeedTable.product("configmgr");
    assertThat(p.roles()).extracting(r -> r.id())
        .contains("cas-server", "primary-site-server", "root-dc", "child-dc");
  }

  @Test
  void onlyTheRpcDynamicRequirementsHaveReverses() {
    Product p = SeedTable.product("configmgr");
    assertThat(p.requirements()).filteredOn(r -> r.provenance().document().equals(DOCUMENT) && r.id().endsWith("-reverse")).extracting(FlowRequirement::id)
        .containsExactlyInAnyOrder("cas-child-dc-rpc-dynamic-reverse", "pss-root-dc-rpc-dynamic-reverse",
            "child-computers-root-dc-rpc-dynamic-reverse", "root-computers-child-dc-rpc-dynamic-reverse");
  }

  @Test
  void memberFlowsAreOffUnlessAsked() {
    Product p = SeedTable.product("configmgr");
    assertThat(active(p, Map.of(), Map.of())).allMatch(id -> id.startsWith("cas-") || id.startsWith("pss-")).hasSize(16);
    assertThat(active(p, Map.of("cross-domain-members", true), Map.of())).hasSize(32);
  }
}
