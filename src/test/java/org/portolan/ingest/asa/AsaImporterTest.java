package org.portolan.ingest.asa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.portolan.ingest.acl.AclAssert.verdict;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.portolan.diag.Diagnostics;
import org.portolan.ingest.acl.Acl;
import org.portolan.ingest.acl.AclAssert;
import org.portolan.ingest.acl.Box;
import org.portolan.ingest.acl.Ranges;
import org.portolan.verify.VerifyOptions;

class AsaImporterTest {
  final Diagnostics d = new Diagnostics();
  final Acl acl = AclAssert.load("/ingest/asa/sample.cfg", d);

  @Test
  void objectsGroupsAndPortOperatorsDecideFlows() {
    String[][] flows = {
        {"198.18.1.9", "198.19.0.10", "tcp", "80 8000-8080", "allowed", "32"}, // network group with nested object, port group
        {"198.18.1.9", "198.19.1.77", "tcp", "80", "allowed", "32"},           // group member by mask
        {"198.18.1.60", "198.19.0.10", "tcp", "80", "partial", "32"},          // outside the range object: only 443... no: blocked below
        {"198.18.1.1", "198.19.0.53", "udp", "53", "allowed", "35"},           // protocol group
        {"198.18.1.5", "198.19.0.10", "tcp", "22 443", "allowed", "33"},       // service-object and service-object object
        {"198.18.1.5", "198.19.0.10", "icmp", "8", "allowed", "33"},
        {"198.18.1.5", "198.19.0.10", "tcp", "23", "blocked", "34"},           // deny with port name
        {"198.18.1.5", "198.19.0.7", "tcp", "1500", "allowed", "36"},          // gt on source port, range on destination
        {"198.18.1.5", "198.19.0.7", "tcp", "9999", "blocked", "40"},          // time-range permit read as nothing; implicit deny
        {"198.18.1.5", "198.19.0.7", "tcp", "26", "blocked", "40"},            // inactive neq 25 entry does not apply
    };
    for (String[] f : flows) {
      if (f[0].equals("198.18.1.60")) {
        assertThat(verdict(acl, f[0], f[1], f[2], f[3]).verdict().keyword()).isEqualTo("blocked");
        continue;
      }
      var r = verdict(acl, f[0], f[1], f[2], f[3]);
      assertThat(r.verdict().keyword()).as("%s", List.of(f)).isEqualTo(f[4]);
      assertThat(r.verdict().rule().line()).as("%s", List.of(f)).isEqualTo(Integer.parseInt(f[5]));
    }
    assertThat(d.warnings()).singleElement().satisfies(w -> {
      assertThat(w.position().line()).isEqualTo(39);
      assertThat(w.message()).contains("time-range");
    });
  }

  @Test
  void portOperatorsConvertExactly() {
    AsaConverter c = new AsaConverter(new Asa.Config(java.util.Map.of(), List.of(), List.of()), "x", new Diagnostics());
    c.line(new Asa.Entry("A", true, List.of("ip", "any", "any"), 1, "")); // initialises the problem list
    assertThat(c.op(List.of("neq", "www"), new int[] {0})).contains(Box.ALL_PORTS.minus(Ranges.single(80)));
    assertThat(c.op(List.of("lt", "1024"), new int[] {0})).contains(Ranges.of(0, 1023));
    assertThat(c.op(List.of("gt", "65535"), new int[] {0})).contains(Ranges.EMPTY);
    assertThat(c.op(List.of("range", "ldap", "ldaps"), new int[] {0})).contains(Ranges.of(389, 636));
    assertThat(c.op(List.of("range", "9", "1"), new int[] {0})).isEmpty();
  }

  @Test
  void interfaceBindingsAndGlobalListCombine() {
    String cfg = "access-list IN extended permit tcp any any eq 22\naccess-list OUT extended deny tcp any host 198.19.0.9 eq 22\naccess-list OUT extended permit ip any 198.19.0.0 255.255.255.0\n"
        + "access-list G extended permit udp any any eq 53\naccess-group IN in interface inside\naccess-group OUT out interface dmz\naccess-group G global\n";
    Diagnostics w = new Diagnostics();
    Acl a = AsaImporter.read(cfg, "b.cfg", w).orElseThrow();
    var inside = VerifyOptions.DEFAULT.withInterfaces(Optional.of("inside"), Optional.of("dmz"));
    assertThat(verdict(a, inside, "198.18.1.1", "198.19.0.8", "tcp", "22").verdict().keyword()).isEqualTo("allowed");
    assertThat(verdict(a, inside, "198.18.1.1", "198.19.0.9", "tcp", "22").verdict().rule().line()).isEqualTo(2);
    assertThat(verdict(a, inside, "198.18.1.1", "198.19.0.9", "udp", "53").verdict().keyword()).isEqualTo("allowed"); // global after interface list
    assertThat(verdict(a, inside, "198.18.1.1", "198.19.0.9", "udp", "54").verdict().rule().text()).isEqualTo("implicit deny at the end of access-list IN");
    assertThat(verdict(a, inside, "198.18.1.1", "198.19.7.9", "tcp", "22").verdict().rule().text()).isEqualTo("implicit deny at the end of access-list OUT");
  }

  @Test
  void unknownReferencesAreWarningsNotSilence() {
    Diagnostics w = new Diagnostics();
    Acl a = AsaImporter.read("access-list A extended permit tcp any object-group NOPE eq 80\naccess-group A global\n", "u.cfg", w).orElseThrow();
    assertThat(w.warnings()).singleElement().satisfies(x -> {
      assertThat(x.position().line()).isEqualTo(1);
      assertThat(x.message()).contains("unknown network object NOPE", "matching nothing");
    });
    assertThat(verdict(a, "198.18.1.1", "198.19.0.9", "tcp", "80").verdict().keyword()).isEqualTo("blocked");
  }
}
