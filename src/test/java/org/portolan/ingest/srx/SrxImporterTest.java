package org.portolan.ingest.srx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.portolan.ingest.acl.AclAssert.verdict;

import org.junit.jupiter.api.Test;
import org.portolan.diag.Diagnostics;
import org.portolan.ingest.acl.Acl;
import org.portolan.verify.VerifyOptions;

class SrxImporterTest {
  @Test
  void errorsPointAtLineAndWord() {
    Diagnostics d = new Diagnostics();
    assertThat(SrxImporter.read("set security policies global policy p match source-address any\nset security policies bogus x\n", "p.set", d)).isEmpty();
    assertThat(d.errors()).singleElement().satisfies(e -> {
      assertThat(e.position().line()).isEqualTo(2);
      assertThat(e.position().column()).isEqualTo(23);
      assertThat(e.message()).contains("from-zone A to-zone B policy NAME");
    });
    Diagnostics e = new Diagnostics();
    assertThat(SrxImporter.read("set security policies default-policy maybe\n", "q.set", e)).isEmpty();
    assertThat(e.errors().getFirst().position().column()).isEqualTo(38);
    Diagnostics f = new Diagnostics();
    assertThat(SrxImporter.read("set system host-name a\nsecurity {\n", "r.set", f)).isEmpty();
    assertThat(f.errors().getFirst().position().line()).isEqualTo(2);
  }

  @Test
  void defaultPolicyAndUnknownNamesAreSaid() {
    String cfg = """
        set security policies global policy a match source-address any destination-address any application junos-nosuch
        set security policies global policy a then permit
        set security policies global policy b match source-address nobody destination-address any application junos-ssh
        set security policies global policy b then deny
        set security policies default-policy permit-all
        """;
    Diagnostics d = new Diagnostics();
    Acl acl = SrxImporter.read(cfg, "g.set", d).orElseThrow();
    assertThat(d.warnings()).hasSize(2);
    assertThat(d.warnings().get(0).message()).contains("junos-nosuch", "predefined application this importer does not know");
    assertThat(d.warnings().get(1).message()).contains("'nobody' is not defined", "undetermined");
    // the deny with an unknown source decides ssh only if the source is 'nobody': undetermined, naming it
    var ssh = verdict(acl, "198.18.1.1", "198.19.0.1", "tcp", "22").verdict();
    assertThat(ssh.keyword()).isEqualTo("undetermined");
    assertThat(ssh.rule().line()).isEqualTo(3);
    // policy a permits or not, the default permit-all permits: allowed either way
    assertThat(verdict(acl, "198.18.1.1", "198.19.0.1", "tcp", "80").verdict().keyword()).isEqualTo("allowed");
  }

  @Test
  void excludedAddressesAndIcmpTerms() {
    String cfg = """
        set security address-book global address inside 198.18.0.0/16
        set applications application ping protocol icmp icmp-type 8 icmp-code 0
        set security policies from-zone a to-zone b policy p match source-address inside source-address-excluded destination-address any application ping
        set security policies from-zone a to-zone b policy p then permit
        """;
    Diagnostics d = new Diagnostics();
    Acl acl = SrxImporter.read(cfg, "x.set", d).orElseThrow();
    assertThat(d.all()).isEmpty();
    // icmp-code 0 only: the flow's other codes of type 8 are not permitted
    assertThat(verdict(acl, "203.0.113.1", "198.19.0.1", "icmp", "8").verdict().keyword()).isEqualTo("partial");
    assertThat(verdict(acl, "198.18.3.1", "198.19.0.1", "icmp", "8").verdict().keyword()).isEqualTo("blocked");
    assertThat(verdict(acl, VerifyOptions.DEFAULT.withPath("zones:a>b"), "203.0.113.1", "198.19.0.1", "icmp", "0").verdict().keyword()).isEqualTo("blocked");
  }
}
