package org.portolan.ingest.nftables;

import static org.assertj.core.api.Assertions.assertThat;
import static org.portolan.ingest.acl.AclAssert.verdict;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.portolan.diag.Diagnostics;
import org.portolan.diag.SourcePosition;
import org.portolan.ingest.acl.Acl;
import org.portolan.ingest.acl.AclAssert;
import org.portolan.verify.VerifyOptions;

/** sample.json is 'nft -j list ruleset' of sample.nft loaded into a namespace by nft 1.0.6. */
class NftImporterTest {
  static final VerifyOptions R0_R1 = VerifyOptions.DEFAULT.withInterfaces(Optional.of("r0"), Optional.of("r1"));

  @Test
  void jsonAndTextImportsDecideAlike() {
    Diagnostics dj = new Diagnostics(), dt = new Diagnostics();
    Acl json = AclAssert.load("/ingest/nftables/sample.json", dj), text = AclAssert.load("/ingest/nftables/sample.nft", dt);
    assertThat(dj.all()).isEmpty();
    assertThat(dt.all()).isEmpty();
    String[][] flows = {
        {"198.18.1.9", "198.19.0.10", "tcp", "80 443", "allowed"}, // named interval set + named port set
        {"198.18.1.25", "198.19.0.10", "tcp", "443", "allowed"},  // range element of the set
        {"198.18.1.1", "198.19.0.53", "udp", "53", "blocked"},    // anonymous set, jump, drop in user chain
        {"198.18.1.1", "198.19.0.5", "udp", "1000", "blocked"},   // second base chain (ip table, priority 10) drops
        {"198.18.1.1", "198.19.0.6", "udp", "1500", "allowed"},   // jump, user chain accept
        {"198.18.9.1", "198.19.0.6", "udp", "1500", "blocked"},   // policy drop
        {"198.18.1.1", "198.19.0.6", "tcp", "22", "allowed"},     // l4proto set + th dport + goto
        {"198.18.1.1", "198.19.0.6", "tcp", "8080", "blocked"},   // ct state new + reject
        {"198.18.1.1", "198.19.0.6", "icmp", "8", "allowed"},
        {"2001:db8::1", "2001:db8:1::1", "icmp", "", "partial"}, // only echo-request (v6 type 128) accepted
    };
    for (String[] f : flows) {
      assertThat(verdict(json, R0_R1, f[0], f[1], f[2], f[3]).verdict().keyword()).as("json %s", List.of(f)).isEqualTo(f[4]);
      assertThat(verdict(text, R0_R1, f[0], f[1], f[2], f[3]).verdict().keyword()).as("text %s", List.of(f)).isEqualTo(f[4]);
    }
    assertThat(verdict(text, R0_R1, "198.18.1.1", "198.19.0.53", "udp", "53").verdict().rule().line()).isEqualTo(18);
  }

  @Test
  void interfaceMatchesFollowTheContext() {
    Acl text = AclAssert.load("/ingest/nftables/sample.nft", new Diagnostics());
    // iifname "r0" oifname != "r1" drop: entering on r0 and leaving on r2 is dropped
    var r0r2 = VerifyOptions.DEFAULT.withInterfaces(Optional.of("r0"), Optional.of("r2"));
    assertThat(verdict(text, r0r2, "198.18.1.1", "198.19.0.6", "tcp", "22").verdict().rule().line()).isEqualTo(7);
  }

  /** A chain with "policy" twice: Jackson kept the last one, silently. */
  @Test
  void aDuplicateJsonKeyIsAnErrorAtItsPosition() {
    String dump = "{\"nftables\":[{\"chain\":{\"family\":\"inet\",\"table\":\"f\",\"name\":\"in\",\"handle\":1,"
        + "\"type\":\"filter\",\"hook\":\"input\",\"prio\":0,\"policy\":\"drop\",\"policy\":\"accept\"}}]}";
    Diagnostics d = new Diagnostics();
    assertThat(org.portolan.ingest.RulesetImporter.read(dump, "dup.json", Optional.empty(), d)).isEmpty();
    assertThat(d.errors()).singleElement().satisfies(e -> assertThat(e.render()).startsWith("dup.json:1:").contains("Duplicate field 'policy'"));
  }

  @Test
  void textErrorsHavePositions() {
    Diagnostics d = new Diagnostics();
    assertThat(NftTextImporter.read("table inet f {\n  chain c {\n    type filter hook input priority filter; policy maybe;\n  }\n}\n", "x.nft", d)).isEmpty();
    assertThat(d.errors()).singleElement().satisfies(e -> {
      assertThat(e.position()).isEqualTo(new SourcePosition("x.nft", 3, 52));
      assertThat(e.message()).contains("expected policy accept or drop");
    });
    Diagnostics u = new Diagnostics();
    assertThat(NftTextImporter.read("table inet f {\n  chain c {\n", "u.nft", u)).isEmpty();
    assertThat(u.errors().getFirst().message()).contains("not closed");
  }

  @Test
  void jsonErrorsHavePositions() {
    Diagnostics d = new Diagnostics();
    assertThat(NftJsonImporter.read("{\"nftables\": [\n {\"table\": {\"family\": \"inet\", \"name\": \"f\"}},\n {\"rule\": {\"family\": \"inet\", \"table\": \"f\", \"chain\": \"nope\", \"expr\": []}}\n]}", "x.json", d)).isEmpty();
    assertThat(d.errors()).singleElement().satisfies(e -> assertThat(e.render()).startsWith("x.json:3:2: error: rule in unknown chain inet f nope"));
    Diagnostics s = new Diagnostics();
    assertThat(NftJsonImporter.read("{\"nftables\": [ {", "s.json", s)).isEmpty();
    assertThat(s.errors().getFirst().position().line()).isEqualTo(1);
  }

  @Test
  void unmodelledStatementIsAWarningAndTheVerdictUndetermined() {
    Diagnostics d = new Diagnostics();
    Acl a = NftTextImporter.read("table ip f {\n chain c {\n  type filter hook forward priority 0; policy drop;\n  ct state established,related accept\n  tcp dport 22 meta cpu 1 accept\n  meta skuid 0 drop\n  udp dport 53 accept\n }\n}\n", "l.nft", d).orElseThrow();
    assertThat(d.warnings()).hasSize(2);
    assertThat(d.warnings().getFirst().position().line()).isEqualTo(5);
    assertThat(d.warnings().getFirst().message()).contains("meta cpu", "undetermined");
    assertThat(verdict(a, "198.18.1.1", "198.19.0.1", "tcp", "22").verdict()).isInstanceOfSatisfying(org.portolan.verify.Verdict.Undetermined.class,
        u -> assertThat(u.doubt().line().line()).isEqualTo(5));
    // blocked by the policy whether line 5 matches or not
    assertThat(verdict(a, "198.18.1.1", "198.19.0.1", "tcp", "80").verdict().keyword()).isEqualTo("blocked");
    assertThat(verdict(a, "198.18.1.1", "198.19.0.1", "udp", "53").verdict().keyword()).isEqualTo("undetermined");
  }

}
