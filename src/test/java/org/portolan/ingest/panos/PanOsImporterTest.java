package org.portolan.ingest.panos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.portolan.ingest.acl.AclAssert.verdict;

import org.junit.jupiter.api.Test;
import org.portolan.diag.Diagnostics;
import org.portolan.ingest.acl.Acl;
import org.portolan.verify.VerifyOptions;

class PanOsImporterTest {
  @Test
  void errorsPointAtLineAndWord() {
    Diagnostics d = new Diagnostics();
    assertThat(PanOsImporter.read("set address a ip-netmask 198.18.0.0/24\nset rulebase security rules r source [ a b\n", "p.set", d)).isEmpty();
    assertThat(d.errors()).singleElement().satisfies(e -> {
      assertThat(e.position().line()).isEqualTo(2);
      assertThat(e.position().column()).isEqualTo(38); // the unclosed [
      assertThat(e.message()).contains("without closing");
    });
    Diagnostics e = new Diagnostics();
    assertThat(PanOsImporter.read("edit rulebase\n", "q.set", e)).isEmpty();
    assertThat(e.errors().getFirst().position().line()).isEqualTo(1);
  }

  @Test
  void intrazoneTrafficMeetsTheAllowDefaultAndInterzoneTheDeny() {
    String cfg = """
        set rulebase security rules web from trust to dmz source any destination 198.19.1.10 service service-http application any action allow
        set rulebase security rules block from trust to trust source 198.18.1.66 destination any service any application any action drop
        """;
    Diagnostics d = new Diagnostics();
    Acl acl = PanOsImporter.read(cfg, "z.set", d).orElseThrow();
    assertThat(acl.paths()).containsKeys("zones:trust>dmz", "zones:trust>trust");
    var intra = VerifyOptions.DEFAULT.withPath("zones:trust>trust");
    assertThat(verdict(acl, intra, "198.18.1.5", "198.18.1.9", "tcp", "22").verdict().rule().text()).contains("intrazone-default");
    assertThat(verdict(acl, intra, "198.18.1.5", "198.18.1.9", "tcp", "22").verdict().keyword()).isEqualTo("allowed");
    assertThat(verdict(acl, intra, "198.18.1.66", "198.18.1.9", "tcp", "22").verdict().keyword()).isEqualTo("blocked");
    var inter = VerifyOptions.DEFAULT.withPath("zones:trust>dmz");
    assertThat(verdict(acl, inter, "198.18.1.5", "198.19.1.10", "tcp", "8080").verdict().keyword()).isEqualTo("allowed");
    assertThat(verdict(acl, inter, "198.18.1.5", "198.19.1.10", "tcp", "22").verdict().rule().text()).contains("interzone-default");
  }

  @Test
  void protocolAppIdsAreExactAndNegationWorks() {
    String cfg = """
        set address inside ip-netmask 198.18.0.0/16
        set rulebase security rules t from any to any source inside negate-source yes destination any service application-default application gre action allow
        set rulebase security rules deny-all from any to any source any destination any service any application any action deny
        """;
    Diagnostics d = new Diagnostics();
    Acl acl = PanOsImporter.read(cfg, "n.set", d).orElseThrow();
    assertThat(d.all()).isEmpty();
    assertThat(verdict(acl, "203.0.113.1", "198.19.0.1", "gre", "").verdict().keyword()).isEqualTo("allowed");
    assertThat(verdict(acl, "198.18.0.1", "198.19.0.1", "gre", "").verdict().keyword()).isEqualTo("blocked");
    assertThat(verdict(acl, "203.0.113.1", "198.19.0.1", "tcp", "80").verdict().keyword()).isEqualTo("blocked");
  }
}
