package org.portolan.catalog.seeds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.portolan.catalog.seeds.SeedTable.actual;
import static org.portolan.catalog.seeds.SeedTable.assertSameRows;
import static org.portolan.catalog.seeds.SeedTable.parse;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.portolan.model.Bindings;
import org.portolan.model.PortSet;
import org.portolan.model.Product;

/**
 * Seed 004: XenServer connectivity requirements. Blank cells in the space-separated port
 * table mean "same as the row above": 48-63 are from XenServer hosts, 66-67 from XenCenter.
 */
class XenserverSeedTest {
  static final String DOCUMENT = "004_dcdfe747987f93cb.txt";

  /** Read with the filer's NFSv3 ports set to 32765-32769 and every other default. */
  static final String TABLE = """
      # line | source         | destination            | proto | ports              | when                       | flags
      # external domains: XenServer hosts (pool coordinator), XenCenter, Windows VMs
      16     | xenserver-host | xenserver-repo         | tcp   | 443                | online-updates             |
      17     | xenserver-host | xenserver-repo-src     | tcp   | 443                | online-updates             |
      18     | xenserver-host | xenserver-telemetry    | tcp   | 443                | telemetry                  |
      27     | xencenter      | xencenter-update-site  | tcp   | 443                | online-updates             |
      28     | xencenter      | citrix-com             | tcp   | 443                | citrix-hypervisor-hotfixes |
      37     | windows-vm     | vm-tools-update-site   | tcp   | 443                | vm-tools-updates           |
      38     | windows-vm     | vm-tools-download-site | tcp   | 443                | vm-tools-updates           |
      # port table; line 75 allows closing 80 on the management interface
      47     | xenserver-host | xenserver-host         | tcp   | 443                |                            |
      47     | xenserver-host | xenserver-host         | tcp   | 80                 | http-port-80               |
      48     | xenserver-host | license-server         | tcp   | 27000              | licensing                  |
      49     | xenserver-host | license-server         | tcp   | 7279               | licensing                  |
      50     | xenserver-host | ntp-server             | tcp   | 123                |                            |
      50     | xenserver-host | ntp-server             | udp   | 123                |                            |
      51     | xenserver-host | dns-server             | tcp   | 53                 |                            |
      51     | xenserver-host | dns-server             | udp   | 53                 |                            |
      52     | xenserver-host | domain-controller      | tcp   | 389                | active-directory           |
      52     | xenserver-host | domain-controller      | udp   | 389                | active-directory           |
      53     | xenserver-host | domain-controller      | tcp   | 636                | active-directory           |
      54     | xenserver-host | smb-file-server        | tcp   | 139                | smb-storage                |
      54     | xenserver-host | smb-file-server        | udp   | 139                | smb-storage                |
      55     | xenserver-host | smb-file-server        | tcp   | 445                | smb-storage                |
      55     | xenserver-host | smb-file-server        | udp   | 445                | smb-storage                |
      56     | xenserver-host | san-controller         | tcp   | 3260               | iscsi                      |
      57     | xenserver-host | nas-filer              | tcp   | 2049               | nfs-v4                     |
      58     | xenserver-host | nas-filer              | tcp   | 2049               | nfs-v3                     |
      58     | xenserver-host | nas-filer              | udp   | 2049               | nfs-v3                     |
      59     | xenserver-host | nas-filer              | tcp   | 111                | nfs-v3                     |
      59     | xenserver-host | nas-filer              | udp   | 111                | nfs-v3                     |
      60     | xenserver-host | nas-filer              | tcp   | 32765-32769        | nfs-v3                     |
      60     | xenserver-host | nas-filer              | udp   | 32765-32769        | nfs-v3                     |
      61     | xenserver-host | syslog-server          | udp   | 514                | syslog                     |
      62     | xenserver-host | xenserver-host         | tcp   | 8892 8896 21064    | clustering                 |
      63     | xenserver-host | xenserver-host         | udp   | 5404-5405          | clustering                 |
      64     | xencenter      | xenserver-host         | tcp   | 22                 |                            |
      65     | xencenter      | xenserver-host         | tcp   | 443                |                            |
      66     | xencenter      | linux-vm               | tcp   | 5900               |                            |
      67     | xencenter      | windows-vm             | tcp   | 3389               |                            |
      68     | wlb-appliance  | xenserver-host         | tcp   | 8012               | wlb                        |
      69     | api-client     | xenserver-host         | tcp   | 443                |                            |
      69     | api-client     | xenserver-host         | tcp   | 80                 | http-port-80               |
      # Active Directory integration (lines 84-93), one requirement sourced at line 81
      81     | xenserver-host | domain-controller      | udp   | 53                 | active-directory           |
      81     | xenserver-host | domain-controller      | tcp   | 53                 | active-directory           |
      81     | xenserver-host | domain-controller      | udp   | 88                 | active-directory           |
      81     | xenserver-host | domain-controller      | tcp   | 88                 | active-directory           |
      81     | xenserver-host | domain-controller      | udp   | 123                | active-directory           |
      81     | xenserver-host | domain-controller      | udp   | 137                | active-directory           |
      81     | xenserver-host | domain-controller      | tcp   | 139                | active-directory           |
      81     | xenserver-host | domain-controller      | udp   | 389                | active-directory           |
      81     | xenserver-host | domain-controller      | tcp   | 389                | active-directory           |
      81     | xenserver-host | domain-controller      | tcp   | 445                | active-directory           |
      81     | xenserver-host | domain-controller      | udp   | 464                | active-directory           |
      81     | xenserver-host | domain-controller      | tcp   | 464                | active-directory           |
      81     | xenserver-host | domain-controller      | udp   | 636                | active-directory           |
      81     | xenserver-host | domain-controller      | tcp   | 636                | active-directory           |
      81     | xenserver-host | domain-controller      | tcp   | 3268               | active-directory           |
      # Citrix Provisioning Services
      102    | pvs-server     | pvs-target             | udp   | 6901 6902 6905     | provisioning               |
      103    | pvs-target     | pvs-server             | udp   | 6910               | provisioning               |
      104    | pvs-server     | pvs-target             | udp   | 6901               | provisioning               |
      105    | pvs-target     | pvs-server             | udp   | 6910-6930          | provisioning               |
      """;

  static final Bindings FILER = new Bindings(Map.of(), 1, Map.of("nfs-filer", PortSet.range(32765, 32769)));

  @Test
  void catalogHoldsExactlyTheRowsOfTheDocument() {
    Product p = SeedTable.product("xenserver");
    assertSameRows(parse(TABLE), actual(p, FILER));
    SeedTable.assertProvenance(p, DOCUMENT, 108);
  }

  @Test
  void externalDomainsAreRolesByName() {
    Product p = SeedTable.product("xenserver");
    assertThat(p.role("citrix-com").orElseThrow().fqdns()).containsExactlyInAnyOrder("citrix.com", "*.citrix.com");
    assertThat(p.role("xenserver-repo").orElseThrow().fqdns()).containsExactly("repo.ops.xenserver.com");
    assertThat(p.role("xenserver-repo-src").orElseThrow().fqdns()).containsExactly("repo-src.ops.xenserver.com");
    assertThat(p.role("xenserver-telemetry").orElseThrow().fqdns()).containsExactly("telemetry.ops.xenserver.com");
    assertThat(p.role("xencenter-update-site").orElseThrow().fqdns()).containsExactly("updates.ops.xenserver.com");
    assertThat(p.role("vm-tools-update-site").orElseThrow().fqdns()).containsExactly("pvupdates.vmd.citrix.com");
    assertThat(p.role("vm-tools-download-site").orElseThrow().fqdns()).containsExactly("downloadns.citrix.com.edgesuite.net");
  }

  @Test
  void configurablePortsAreWlbAndProvisioning() {
    Product p = SeedTable.product("xenserver");
    assertThat(SeedTable.configurables(p)).isEqualTo(Map.of(
        "wlb_port", "8012", "pvs_target_port", "6901", "pvs_server_ports", "6910-6930"));
    var range = p.requirement("pvs-server-ports").orElseThrow().services().getFirst().ports();
    assertThat(range.resolve(new Bindings(Map.of("pvs_server_ports", PortSet.range(7000, 7010)), 1, Map.of())))
        .isEqualTo(PortSet.range(7000, 7010));
  }

  @Test
  void nfsV3DynamicPortsHaveNoDefault() {
    Product p = SeedTable.product("xenserver");
    var dyn = p.requirement("nfs-v3-dynamic").orElseThrow().services().getFirst().ports();
    assertThatThrownBy(() -> dyn.resolve(Bindings.DEFAULTS)).hasMessageContaining("nfs-filer");
  }

  @Test
  void theActiveDirectoryBlockIsASharedSet() {
    Product p = SeedTable.product("xenserver");
    assertThat(p.requirement("ad-integration").orElseThrow().serviceSets()).containsExactly("xenserver-ad");
    assertThat(SeedTable.bundled().serviceSets()).containsKey("xenserver-ad");
  }
}
