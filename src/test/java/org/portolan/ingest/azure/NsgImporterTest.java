package org.portolan.ingest.azure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.portolan.ingest.acl.AclAssert.verdict;

import org.junit.jupiter.api.Test;
import org.portolan.diag.Diagnostics;
import org.portolan.ingest.acl.Acl;

class NsgImporterTest {
  @Test
  void errorsPointAtTheRule() {
    Diagnostics d = new Diagnostics();
    String json = "{\"securityRules\": [\n  {\"name\": \"a\", \"priority\": 100, \"direction\": \"Inbound\", \"access\": \"Allow\", \"protocol\": \"Tcp\"},\n"
        + "  {\"name\": \"b\", \"priority\": 100, \"direction\": \"Sideways\", \"access\": \"Allow\", \"protocol\": \"Tcp\"}\n]}";
    assertThat(NsgImporter.read(json, "n.json", d)).isEmpty();
    assertThat(d.errors()).singleElement().satisfies(e -> {
      assertThat(e.position().line()).isEqualTo(3);
      assertThat(e.message()).contains("Inbound or Outbound", "Sideways");
    });
    Diagnostics e = new Diagnostics();
    assertThat(NsgImporter.read("{\"securityRules\": [{\"name\": \"a\", \"priority\": 100, \"direction\": \"Inbound\", \"access\": \"Allow\", \"protocol\": \"Tcp\"},"
        + "{\"name\": \"b\", \"priority\": 100, \"direction\": \"Inbound\", \"access\": \"Deny\", \"protocol\": \"Udp\"}]}", "d.json", e)).isEmpty();
    assertThat(e.errors().getFirst().message()).contains("priority 100 is used twice");
  }

  @Test
  void defaultRulesApplyWhenTheFileOmitsThem() {
    // an ARM template lists no default rules; Azure adds them: traffic from AzureLoadBalancer is allowed
    String json = "{\"resources\": [{\"type\": \"Microsoft.Network/networkSecurityGroups\", \"name\": \"n\", \"properties\": {\"securityRules\": [\n"
        + "{\"name\": \"web\", \"properties\": {\"priority\": 100, \"direction\": \"Inbound\", \"access\": \"Allow\", \"protocol\": \"Tcp\", \"sourceAddressPrefix\": \"*\","
        + " \"destinationAddressPrefix\": \"198.19.0.0/24\", \"destinationPortRanges\": [\"80\", \"8000-8080\"], \"sourcePortRange\": \"*\"}}]}}]}";
    Diagnostics d = new Diagnostics();
    Acl acl = NsgImporter.read(json, "t.json", d).orElseThrow();
    assertThat(verdict(acl, "198.18.1.1", "198.19.0.1", "tcp", "8001").verdict().keyword()).isEqualTo("allowed");
    // AllowVnetInBound (doubted: is the load balancer's address in the VNet?) comes before AllowAzureLoadBalancerInBound
    assertThat(verdict(acl, "168.63.129.16", "198.19.0.1", "tcp", "22").verdict().keyword()).isEqualTo("undetermined");
    // whether 198.18.1.1 is in the virtual network the file does not say: AllowVnetInBound decides, undetermined
    var vnet = verdict(acl, "198.18.1.1", "198.19.0.1", "tcp", "22").verdict();
    assertThat(vnet.keyword()).isEqualTo("undetermined");
    assertThat(vnet.rule().text()).contains("AllowVnetInBound", "Azure default rule");
    assertThat(d.warnings()).anySatisfy(w -> assertThat(w.message()).contains("AllowVnetInBound", "service tag VirtualNetwork"));
  }
}
