package org.portolan.ingest.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.portolan.ingest.acl.AclAssert.verdict;

import org.junit.jupiter.api.Test;
import org.portolan.diag.Diagnostics;
import org.portolan.ingest.acl.Acl;
import org.portolan.ingest.acl.AclAssert;
import org.portolan.verify.VerifyOptions;

class AwsImporterTest {
  @Test
  void ingressEgressAndGroupReferences() {
    Diagnostics d = new Diagnostics();
    Acl acl = AclAssert.load("/ingest/aws/sample.json", d);
    assertThat(d.all()).isEmpty();
    assertThat(verdict(acl, "198.18.1.9", "198.19.0.10", "tcp", "443").verdict().rule().text()).isEqualTo("sg-0aaa ingress tcp 443 from 198.18.1.0/24 (clients)");
    assertThat(verdict(acl, "198.18.1.9", "198.19.0.10", "tcp", "443-444").verdict().keyword()).isEqualTo("partial");
    assertThat(verdict(acl, "198.19.0.20", "198.19.0.10", "tcp", "5432").verdict().keyword()).isEqualTo("allowed"); // member of sg-0bbb
    assertThat(verdict(acl, "198.19.0.21", "198.19.0.10", "tcp", "5432").verdict().keyword()).isEqualTo("blocked");
    assertThat(verdict(acl, "198.18.3.3", "198.19.0.10", "icmp", "8").verdict().keyword()).isEqualTo("allowed");
    assertThat(verdict(acl, "198.18.3.3", "198.19.0.10", "icmp", "13").verdict().keyword()).isEqualTo("blocked");
    var egress = VerifyOptions.DEFAULT.withPath("output");
    assertThat(verdict(acl, egress, "198.19.0.10", "198.18.5.5", "udp", "53").verdict().keyword()).isEqualTo("allowed");
  }

  @Test
  void unresolvedGroupReferenceIsAWarning() {
    String json = "{\"SecurityGroups\":[{\"GroupId\":\"sg-1\",\"IpPermissions\":[{\"IpProtocol\":\"tcp\",\"FromPort\":22,\"ToPort\":22,"
        + "\"UserIdGroupPairs\":[{\"GroupId\":\"sg-9\"}]}]}]}";
    Diagnostics d = new Diagnostics();
    Acl acl = AwsImporter.read(json, "g.json", d).orElseThrow();
    assertThat(d.warnings()).singleElement().satisfies(w -> assertThat(w.message()).contains("sg-9", "unknown", "conservative"));
    assertThat(verdict(acl, "198.18.1.1", "198.19.0.1", "tcp", "22").verdict().keyword()).isEqualTo("blocked");
  }

  @Test
  void malformedJsonGivesPosition() {
    Diagnostics d = new Diagnostics();
    assertThat(AwsImporter.read("{\"SecurityGroups\": [\n  {\"GroupId\": }\n]}", "m.json", d)).isEmpty();
    assertThat(d.errors().getFirst().position().line()).isEqualTo(2);
    Diagnostics e = new Diagnostics();
    assertThat(AwsImporter.read("{\"Groups\": []}", "n.json", e)).isEmpty();
    assertThat(e.errors().getFirst().message()).contains("SecurityGroups");
  }
}
