package org.portolan.ingest.windows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.portolan.ingest.acl.AclAssert.verdict;

import org.junit.jupiter.api.Test;
import org.portolan.diag.Diagnostics;
import org.portolan.ingest.acl.Acl;
import org.portolan.verify.VerifyOptions;

class WindowsImporterTest {
  @Test
  void blockWinsOverAllowWhateverTheOrder() {
    String ps = """
        New-NetFirewallRule -Name 'allow' -Direction Inbound -Action Allow -Protocol TCP -LocalPort '80','1000-2000' -RemoteAddress '198.18.0.0/16' | Out-Null
        New-NetFirewallRule -Name 'block' -Direction Inbound -Action Block -Protocol TCP -LocalPort 1500 `
          -RemoteAddress '198.18.1.0/24'
        New-NetFirewallRule -Name 'out' -Direction Outbound -Action Block -Protocol UDP -RemotePort 53 -RemoteAddress 'Any'
        """;
    Diagnostics d = new Diagnostics();
    Acl acl = WindowsImporter.read(ps, "w.ps1", d).orElseThrow();
    assertThat(d.all()).isEmpty();
    assertThat(verdict(acl, "198.18.1.5", "198.19.0.1", "tcp", "80").verdict().keyword()).isEqualTo("allowed");
    var blocked = verdict(acl, "198.18.1.5", "198.19.0.1", "tcp", "1500").verdict();
    assertThat(blocked.keyword()).isEqualTo("blocked");
    assertThat(blocked.rule().line()).isEqualTo(2);
    assertThat(verdict(acl, "198.18.2.5", "198.19.0.1", "tcp", "1500").verdict().keyword()).isEqualTo("allowed");
    assertThat(verdict(acl, "198.18.2.5", "198.19.0.1", "tcp", "22").verdict().rule().text()).contains("default inbound action Block");
    var out = VerifyOptions.DEFAULT.withPath("output");
    assertThat(verdict(acl, out, "198.19.0.1", "198.18.5.5", "udp", "53").verdict().keyword()).isEqualTo("blocked");
    assertThat(verdict(acl, out, "198.19.0.1", "198.18.5.5", "tcp", "443").verdict().rule().text()).contains("default outbound action Allow");
  }

  @Test
  void exportedJsonWithKeywordsIsSaidNeverAny() {
    Diagnostics d = new Diagnostics();
    Acl acl = org.portolan.ingest.acl.AclAssert.load("/ingest/windows/sample.json", d);
    // RPC, LocalSubnet, a profile-only rule: warnings naming the keyword, and the Allow rule reads as matching nothing
    assertThat(d.warnings()).anySatisfy(w -> assertThat(w.message()).contains("LocalPort RPC", "dynamic RPC ports"));
    assertThat(d.warnings()).anySatisfy(w -> assertThat(w.message()).contains("RemoteAddress LocalSubnet"));
    assertThat(d.warnings()).anySatisfy(w -> assertThat(w.message()).contains("profile Domain"));
    assertThat(verdict(acl, "198.18.1.5", "198.19.0.1", "tcp", "443").verdict().keyword()).isEqualTo("allowed"); // dotted mask read as /24
    assertThat(verdict(acl, "198.18.1.66", "198.19.0.1", "tcp", "443").verdict().keyword()).isEqualTo("blocked"); // the block rule wins
    // the RemoteDesktop rule is disabled (Enabled 2); whether 3389 is among the RPC rule's dynamic ports the file does not say
    var rdp = verdict(acl, "198.18.1.5", "198.19.0.1", "tcp", "3389").verdict();
    assertThat(rdp.keyword()).isEqualTo("undetermined");
    assertThat(rdp.rule().line()).isEqualTo(35);
    assertThat(verdict(acl, "198.18.1.5", "198.19.0.1", "udp", "445").verdict().keyword()).isEqualTo("blocked");
    assertThat(verdict(acl, "198.18.1.5", "198.19.0.1", "icmp", "8").verdict().keyword()).isEqualTo("allowed");
  }

  @Test
  void errorsHavePositions() {
    Diagnostics d = new Diagnostics();
    assertThat(WindowsImporter.read("# x\nNew-NetFirewallRule -Name 'a -Direction Inbound\n", "e.ps1", d)).isEmpty();
    assertThat(d.errors()).singleElement().satisfies(e -> {
      assertThat(e.position().line()).isEqualTo(2);
      assertThat(e.position().column()).isEqualTo(27);
      assertThat(e.message()).contains("not closed");
    });
    Diagnostics j = new Diagnostics();
    assertThat(WindowsImporter.read("[\n {\"DisplayName\": \"x\", \"Direction\": 3, \"Action\": 2}\n]", "e.json", j)).isEmpty();
    assertThat(j.errors().getFirst().position().line()).isEqualTo(2);
    assertThat(j.errors().getFirst().message()).contains("Inbound (1) or Outbound (2)");
  }
}
