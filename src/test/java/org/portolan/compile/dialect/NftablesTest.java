package org.portolan.compile.dialect;

import static org.assertj.core.api.Assertions.assertThat;

import inet.ipaddr.IPAddressString;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.portolan.compile.Placement;
import org.portolan.compile.Reasons;
import org.portolan.compile.Rule;
import org.portolan.compile.RuleSet;
import org.portolan.compile.Side;
import org.portolan.model.PortSet;
import org.portolan.model.Protocol;

/** nftables as a firewall engineer reads it: named sets per role, host names in comments, nothing said twice. */
class NftablesTest {
  static Side side(String name, String... blocks) {
    return Side.of(List.of(blocks).stream().map(b -> new IPAddressString(b).getAddress()).toList(), name);
  }

  static Rule rule(Side src, Side dst, int port, List<String> refs, String purpose) {
    return new Rule(new Placement.Inbound(), src, dst, new Protocol.Tcp(), PortSet.of(port), true,
        new Reasons(refs, refs, List.of(purpose), List.of("erp")));
  }

  static String render(Rule... rules) {
    RuleSet rs = new RuleSet("db1", "site", "db1", RuleSet.Kind.HOST, List.of(rules), List.of(), List.of());
    return new String(new Nftables().render(rs).getFirst().content(), java.nio.charset.StandardCharsets.UTF_8);
  }

  @Test
  void everyRoleIsANamedSetCommentedWithItsHostNames() {
    Side clients = side("workstations", "198.18.20.0/24", "198.18.21.0/25");
    Side db = side("db1", "198.18.10.20");
    String nft = render(rule(clients, db, 1433, List.of("erp/db"), "Application to database"),
        rule(clients, db, 135, List.of("erp/rpc"), "RPC endpoint mapper"));
    assertThat(nft).containsOnlyOnce("set workstations {").containsOnlyOnce("set db1 {")
        .contains("comment \"workstations\"", "elements = { 198.18.20.0/24, 198.18.21.0/25 }")
        .contains("ip saddr @workstations ip daddr @db1 tcp dport 1433 accept comment \"erp/db\"")
        .contains("# Application to database — from workstations to db1")
        .doesNotContain("ip saddr { 198.18.20.0/24");
  }

  @Test
  void longReferenceListsEndInACountNotACutMarkerAndAreNotRepeated() {
    List<String> refs = IntStream.rangeClosed(1, 30).mapToObj(i -> "configmgr/requirement-" + i).toList();
    String nft = render(rule(side("clients", "198.18.20.0/24"), side("site-server", "198.18.10.5"), 445, refs, "SMB"));
    String ruleLine = nft.lines().filter(l -> l.contains(" accept comment ")).findFirst().orElseThrow();
    String comment = ruleLine.substring(ruleLine.indexOf("comment \"") + 9, ruleLine.length() - 1);
    assertThat(comment.length()).isLessThanOrEqualTo(Nftables.COMMENT_MAX);
    assertThat(comment).matches("configmgr/requirement-1, .*configmgr/requirement-\\d+ \\+\\d+ more").doesNotContain("cut");
    int shown = comment.split(", ").length;
    assertThat(comment).endsWith("+" + (30 - shown) + " more");
    // the line above names them all, once, because the rule's comment could not
    assertThat(nft).doesNotContain("(cut, see above)").contains("all: configmgr/requirement-1, configmgr/requirement-10");
  }

  @Test
  void aShortCommentIsNotRepeatedAboveTheRule() {
    String nft = render(rule(side("web1", "198.18.10.10"), side("db1", "198.18.10.20"), 1433, List.of("erp/db"), "Application to database"));
    assertThat(nft.lines().filter(l -> l.contains("erp/db"))).hasSize(1);
  }
}
