package org.portolan.catalog.seeds;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.portolan.catalog.Catalog;
import org.portolan.model.FlowRequirement;
import org.portolan.model.Product;
import org.portolan.model.Service;
import org.portolan.model.ServiceSet;

/** The shared service sets of the bundled catalog hold exactly the services they promise. */
class ServiceSetsTest {
  static Set<String> notation(ServiceSet set) {
    Set<String> out = new TreeSet<>();
    for (Service s : set.services()) out.add(s.notation());
    return out;
  }

  @Test
  void activeDirectoryMemberToDomainController() {
    ServiceSet set = SeedTable.bundled().serviceSets().get("ad-member-to-dc");
    assertThat(set).isNotNull();
    // DNS, Kerberos, RPC EPM + dynamic RPC, LDAP, LDAPS, GC (plain and TLS), SMB, kpasswd, NTP
    assertThat(notation(set)).containsExactlyInAnyOrder(
        "tcp/53", "udp/53", "tcp/88", "udp/88", "tcp/135", "tcp/dynamic(rpc)", "tcp/389", "udp/389",
        "tcp/636", "tcp/3268,3269", "tcp/445", "tcp/464", "udp/464", "udp/123");
  }

  @Test
  void wmiOverDcom() {
    assertThat(notation(SeedTable.bundled().serviceSets().get("wmi-dcom")))
        .containsExactlyInAnyOrder("tcp/135,445", "tcp/dynamic(rpc)");
  }

  /** XenServer's "Active Directory integration" table (seed 004, lines 84-93), port by port. */
  @Test
  void xenserverActiveDirectoryIntegration() {
    assertThat(notation(SeedTable.bundled().serviceSets().get("xenserver-ad"))).containsExactlyInAnyOrder(
        "udp/53", "tcp/53",      // 53 UDP/TCP DNS
        "udp/88", "tcp/88",      // 88 UDP/TCP Kerberos 5
        "udp/123",               // 123 UDP NTP
        "udp/137",               // 137 UDP NetBIOS Name Service
        "tcp/139",               // 139 TCP NetBIOS Session (SMB)
        "udp/389", "tcp/389",    // 389 UDP/TCP LDAP
        "tcp/445",               // 445 TCP SMB over TCP
        "udp/464", "tcp/464",    // 464 UDP/TCP Machine password changes
        "udp/636", "tcp/636",    // 636 UDP/TCP LDAP over SSL
        "tcp/3268");             // 3268 TCP Global Catalog Search
  }

  /** A set a requirement names contributes exactly its services (nothing dropped, nothing added). */
  @Test
  void requirementsUsingASetCarryItsServices() {
    Catalog catalog = SeedTable.bundled();
    int uses = 0;
    for (Product p : catalog.products()) {
      for (FlowRequirement r : p.requirements()) {
        for (String id : r.serviceSets()) {
          assertThat(r.services()).as(p.id() + "/" + r.id()).containsAll(catalog.serviceSets().get(id).services());
          uses++;
        }
      }
    }
    assertThat(uses).isGreaterThanOrEqualTo(5);
  }
}
