package org.portolan.ingest.gcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.portolan.ingest.acl.AclAssert.verdict;

import org.junit.jupiter.api.Test;
import org.portolan.diag.Diagnostics;
import org.portolan.ingest.acl.Acl;
import org.portolan.verify.VerifyOptions;

class GcpImporterTest {
  @Test
  void errorsPointAtTheRule() {
    Diagnostics d = new Diagnostics();
    assertThat(GcpImporter.read("[\n {\"name\": \"a\", \"allowed\": [{\"IPProtocol\": \"tcp\"}]},\n {\"name\": \"b\", \"direction\": \"UP\", \"allowed\": []}\n]", "g.json", d)).isEmpty();
    assertThat(d.errors()).singleElement().satisfies(e -> {
      assertThat(e.position().line()).isEqualTo(3);
      assertThat(e.message()).contains("INGRESS or EGRESS");
    });
    Diagnostics e = new Diagnostics();
    assertThat(GcpImporter.read("[{\"name\": \"c\", \"allowed\": [{\"IPProtocol\": \"tcp\"}], \"denied\": [{\"IPProtocol\": \"udp\"}]}]", "h.json", e)).isEmpty();
    assertThat(e.errors().getFirst().message()).contains("exactly one of");
  }

  @Test
  void noSourceMeansEveryIpv4AddressAndIcmpIsIpv4Only() {
    Diagnostics d = new Diagnostics();
    Acl acl = GcpImporter.read("[{\"name\": \"a\", \"allowed\": [{\"IPProtocol\": \"icmp\"}, {\"IPProtocol\": \"tcp\", \"ports\": [\"22\"]}]}]", "s.json", d).orElseThrow();
    assertThat(d.all()).isEmpty();
    assertThat(verdict(acl, "203.0.113.1", "198.19.0.1", "tcp", "22").verdict().keyword()).isEqualTo("allowed");
    assertThat(verdict(acl, "2001:db8:1::1", "2001:db8:2::1", "tcp", "22").verdict().keyword()).isEqualTo("blocked");
    assertThat(verdict(acl, "2001:db8:1::1", "2001:db8:2::1", "icmp", "").verdict().keyword()).isEqualTo("blocked");
    assertThat(verdict(acl, VerifyOptions.DEFAULT.withPath("output"), "198.19.0.1", "203.0.113.1", "udp", "53").verdict().rule().text()).contains("allow all egress");
  }

  @Test
  void terraformJsonAsCompileWritesIt() {
    String tf = "{\"resource\": {\"google_compute_firewall\": {\"r1\": {\"name\": \"r1\", \"direction\": \"INGRESS\", \"priority\": 1000, \"source_ranges\": [\"198.18.0.0/24\"],"
        + " \"destination_ranges\": [\"198.19.0.5/32\"], \"allow\": [{\"protocol\": \"udp\", \"ports\": [\"53\"]}]}}}}";
    Diagnostics d = new Diagnostics();
    Acl acl = GcpImporter.read(tf, "t.tf.json", d).orElseThrow();
    assertThat(verdict(acl, "198.18.0.9", "198.19.0.5", "udp", "53").verdict().keyword()).isEqualTo("allowed");
    assertThat(verdict(acl, "198.18.0.9", "198.19.0.6", "udp", "53").verdict().keyword()).isEqualTo("blocked");
  }
}
