package org.portolan.catalog.seeds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.portolan.catalog.seeds.SeedTable.actualFromPage;
import static org.portolan.catalog.seeds.SeedTable.assertSameRows;
import static org.portolan.catalog.seeds.SeedTable.parse;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.portolan.model.Bindings;
import org.portolan.model.Product;

/**
 * vCenter Server and ESXi: Table 1 of the vSphere 5.5 appliance page and the ESXi management
 * ports of the vSphere 6.0 page, read by hand (first cell: the port cell as the page has it).
 */
class VsphereCatalogTest {
  static final String APPLIANCE = "https://docs.vmware.com/en/VMware-vSphere/5.5/com.vmware.vsphere.install.doc/GUID-8B33C689-1501-4D87-9E80-53FF45D920F2.html";
  static final String ESXI = "https://docs.vmware.com/en/vSphere/6.0/com.vmware.vsphere.upgrade.doc/GUID-5071C86E-FF1E-4E54-A424-A20917401160.html";

  static final String TABLE_1 = """
      # port                 | from              | to        | proto | ports       | when               | flags
      80                     | vsphere-client    | vcenter   | tcp   | 80          |                    |
      443                    | vsphere-client    | vcenter   | tcp   | 443         |                    |
      902                    | vcenter           | esxi-host | tcp   | 902         |                    |
      902                    | esxi-host         | vcenter   | udp   | 902         |                    |
      902                    | esxi-host         | esxi-host | tcp   | 902         |                    |
      8080 / 8443            | vsphere-client    | vcenter   | tcp   | 8080 8443   |                    |
      10080 / 10443 / 10109  | vcenter-component | vcenter   | tcp   | 10080 10443 10109 | split-components |
      514 / 1514             | esxi-host         | vcenter   | udp   | 514         | syslog-collector   |
      514 / 1514             | esxi-host         | vcenter   | tcp   | 1514        | syslog-collector   |
      6500                   | esxi-host         | vcenter   | udp   | 6500        | coredump-collector |
      6501                   | esxi-host         | vcenter   | tcp   | 6501        | auto-deploy        |
      6502                   | vsphere-client    | vcenter   | tcp   | 6502        | auto-deploy        |
      """;

  static final String ESXI_PORTS = """
      443 (Default)          | vsphere-client    | esxi-host | tcp   | 443         |                    |
      902 (Default)          | vsphere-client    | esxi-host | tcp   | 902         |                    |
      903                    | vsphere-client    | esxi-host | tcp   | 903         |                    |
      """;

  @Test
  void catalogHoldsExactlyTheRowsOfBothTables() {
    Product p = SeedTable.product("vsphere");
    assertSameRows(parse(TABLE_1), actualFromPage(p, Bindings.DEFAULTS, APPLIANCE));
    assertSameRows(parse(ESXI_PORTS), actualFromPage(p, Bindings.DEFAULTS, ESXI));
    SeedTable.assertPageProvenance(p, APPLIANCE, ESXI);
  }

  @Test
  void optionalServicesAreOffByDefault() {
    Product p = SeedTable.product("vsphere");
    assertThat(SeedTable.defaults(p)).containsOnlyKeys("split-components", "syslog-collector", "coredump-collector", "auto-deploy")
        .doesNotContainValue(true);
    assertThat(SeedTable.active(p, Map.of(), Map.of())).hasSize(9).doesNotContain("syslog", "auto-deploy-service", "inventory-service");
  }

  @Test
  void portNineHundredTwoRunsBothWaysWithDifferentProtocols() {
    Product p = SeedTable.product("vsphere");
    assertThat(p.requirement("vc-to-host").orElseThrow().services().getFirst().notation()).isEqualTo("tcp/902");
    assertThat(p.requirement("host-heartbeat").orElseThrow().services().getFirst().notation()).isEqualTo("udp/902");
  }
}
