package org.portolan.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.portolan.diag.Diagnostics;
import org.portolan.model.Choice;
import org.portolan.model.Condition;
import org.portolan.model.Feature;
import org.portolan.model.FlowRequirement;
import org.portolan.model.PortRange;
import org.portolan.model.PortSet;
import org.portolan.model.PortSpec;
import org.portolan.model.PortTerm;
import org.portolan.model.Product;
import org.portolan.model.Protocol;
import org.portolan.model.Provenance;
import org.portolan.model.Role;
import org.portolan.model.Service;
import org.portolan.model.ServiceSet;

/** The build's pre-read bundled catalog is the catalog the YAML read makes, record for record. */
class BundledCatalogTest {
  @Test
  void thePreReadCatalogEqualsTheYamlRead() {
    Diagnostics d = new Diagnostics();
    Catalog fromYaml = CatalogLoader.fromSources(CatalogLoader.bundledSources(), d);
    assertThat(d.all()).isEmpty();
    Catalog pre = BundledCatalog.read().orElseThrow(() -> new AssertionError("the build did not write " + BundledCatalog.RESOURCE));
    assertThat(pre.products()).hasSizeGreaterThan(5);
    assertThat(pre.products()).containsExactlyElementsOf(fromYaml.products());
    assertThat(pre.serviceSets()).isEqualTo(fromYaml.serviceSets());
    assertThat(CatalogLoader.load(List.of(), new Diagnostics())).isEqualTo(fromYaml);
  }

  @Test
  void everyKindOfConditionPortTermAndProtocolSurvivesTheRoundTrip() {
    Provenance source = new Provenance("vendor.pdf", "Table 3", "row 7", 12, "https://example.com/ports");
    List<Service> services = List.of(
        new Service(Protocol.TCP, PortSpec.of(new PortTerm.Fixed(new PortRange(80, 81)), new PortTerm.OpenEnded(5000))),
        new Service(Protocol.UDP, PortSpec.of(new PortTerm.Series(2000, 2), new PortTerm.Dynamic("rpc"))),
        new Service(Protocol.TCP, PortSpec.of(new PortTerm.Configurable("web_port", PortSet.of(8080, 8443)))),
        new Service(new Protocol.Icmp(OptionalInt.of(8), OptionalInt.of(0)), PortSpec.NONE),
        new Service(Protocol.ICMP_ANY, PortSpec.NONE),
        new Service(new Protocol.Ip(47), PortSpec.NONE));
    Condition condition = new Condition.AnyOf(List.of(
        new Condition.All(List.of(new Condition.Feature("ha"), new Condition.Not(new Condition.Feature("legacy")))),
        new Condition.Choice("database", Set.of("oracle", "mssql")), Condition.ALWAYS));
    Product p = new Product("p-1", "P One", "Vendor", "2.0", "é ünïcode — text", List.of(
        new Role("server", "Server", "", List.of()), new Role("cdn", "CDN", "updates", List.of("*.cdn.example.com", "cdn.example.org"))),
        List.of(new Feature("ha", "high availability", true), new Feature("legacy", "", false)),
        List.of(new Choice("database", "", List.of("oracle", "mssql", "none"), "none")),
        List.of(new FlowRequirement("r-1", "server", List.of("cdn", "server"), services, "updates", condition, true, false, List.of("web"), source),
            new FlowRequirement("r-2", "server", List.of("server"), List.of(Service.tcp(22)), "", Condition.ALWAYS, false, true, List.of(), Provenance.NONE)),
        List.of("vendor.pdf"));
    Catalog c = new Catalog(List.of(p), Map.of("web", new ServiceSet("web", "web ports", List.of(Service.tcp(80, 443)), source),
        "dns", new ServiceSet("dns", "", List.of(Service.udp(53)), Provenance.NONE)));
    Catalog back = BundledCatalog.decode(BundledCatalog.encode(c));
    assertThat(back).isEqualTo(c);
    assertThat(back.products().getFirst().requirements().getFirst().condition().notation()).isEqualTo(condition.notation());
  }

  @Test
  void theEncodingDoesNotDependOnTheMapsOrder() {
    Catalog c = CatalogLoader.fromSources(CatalogLoader.bundledSources(), new Diagnostics());
    Catalog shuffled = new Catalog(c.products(), new java.util.TreeMap<>(c.serviceSets()).descendingMap());
    assertThat(BundledCatalog.encode(shuffled)).isEqualTo(BundledCatalog.encode(c));
  }
}
