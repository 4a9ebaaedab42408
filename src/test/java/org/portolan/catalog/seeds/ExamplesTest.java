package org.portolan.catalog.seeds;

import static org.assertj.core.api.Assertions.assertThat;

import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.portolan.catalog.Catalog;
import org.portolan.deployment.Deployment;
import org.portolan.deployment.DeploymentLoader;
import org.portolan.deployment.ProductInstance;
import org.portolan.diag.Diagnostics;
import org.portolan.model.FlowRequirement;
import org.portolan.model.Product;
import org.portolan.plan.Endpoint;
import org.portolan.plan.Flow;
import org.portolan.plan.FlowPlan;
import org.portolan.plan.Planner;
import org.portolan.plan.Trace;

/** The deployments under examples/: valid, planned without errors, documentation addresses only. */
class ExamplesTest {
  static final Map<String, String> PER_PRODUCT = Map.of(
      "zenworks.yaml", "zenworks",
      "configmgr.yaml", "configmgr",
      "1e-shopping.yaml", "1e-shopping",
      "tarantella.yaml", "tarantella",
      "xenserver.yaml", "xenserver");

  static final Set<String> SEEDS = Set.copyOf(PER_PRODUCT.values());

  static final List<IPAddress> ALLOWED = List.of(
      new IPAddressString("198.18.0.0/15").getAddress(),
      new IPAddressString("2001:db8::/32").getAddress(),
      // loopback flows (1E Shopping's agent on 8000) are planned on 127.0.0.1 and ::1
      new IPAddressString("127.0.0.0/8").getAddress(),
      new IPAddressString("::1/128").getAddress());

  static FlowPlan plan(String file, Catalog catalog) {
    Diagnostics d = new Diagnostics();
    Deployment dep = DeploymentLoader.load(Path.of("examples", file), catalog, d);
    assertThat(d.errors()).as(file + " errors").isEmpty();
    FlowPlan plan = Planner.plan(catalog, dep, d);
    assertThat(d.errors()).as(file + " plan errors").isEmpty();
    return plan;
  }

  @ParameterizedTest
  @ValueSource(strings = {"site.yaml", "zenworks.yaml", "configmgr.yaml", "1e-shopping.yaml", "tarantella.yaml", "xenserver.yaml"})
  void examplePlansWithDocumentationAddressesOnly(String file) {
    FlowPlan plan = plan(file, SeedTable.bundled());
    assertThat(plan.flows()).isNotEmpty();
    for (Flow f : plan.flows()) {
      for (Endpoint e : concat(f.sources(), f.destinations())) {
        if (e instanceof Endpoint.Addresses a) {
          for (IPAddress block : a.blocks())
            assertThat(ALLOWED.stream().anyMatch(allowed -> allowed.contains(block))).as(file + ": " + f.name() + " uses " + block).isTrue();
        }
      }
    }
  }

  @Test
  void eachPerProductExampleDeploysItsProduct() {
    Catalog catalog = SeedTable.bundled();
    PER_PRODUCT.forEach((file, product) -> {
      Set<String> products = plan(file, catalog).flows().stream().flatMap(f -> f.traces().stream()).map(Trace::product).collect(Collectors.toSet());
      assertThat(products).as(file).containsExactly(product);
    });
  }

  @Test
  void theCombinedSiteHasAllFiveProductsSharingHosts() {
    Catalog catalog = SeedTable.bundled();
    Diagnostics d = new Diagnostics();
    Deployment site = DeploymentLoader.load(Path.of("examples", "site.yaml"), catalog, d);
    assertThat(d.errors()).isEmpty();
    assertThat(site.products()).extracting(ProductInstance::product)
        .containsExactlyInAnyOrder("zenworks", "configmgr", "1e-shopping", "tarantella", "xenserver", "sqlserver", "wsus", "vsphere");
    ProductInstance tarantella = site.products().stream().filter(p -> p.product().equals("tarantella")).findFirst().orElseThrow();
    assertThat(tarantella.members()).isEqualTo(2);
    ProductInstance xen = site.products().stream().filter(p -> p.product().equals("xenserver")).findFirst().orElseThrow();
    assertThat(xen.features()).containsEntry("nfs-v3", true);
    assertThat(xen.dynamic()).containsKey("nfs-filer");
    // the root-domain DCs serve all five products
    long usingDc = site.products().stream().filter(p -> p.roles().values().stream().anyMatch(v -> v.contains("dc-root1"))).count();
    assertThat(usingDc).isEqualTo(5);
    assertThat(site.firewalls()).anyMatch(f -> f.kind() == org.portolan.deployment.Firewall.Kind.NETWORK)
        .anyMatch(f -> f.kind() == org.portolan.deployment.Firewall.Kind.HOST);
  }

  /**
   * Together the examples exercise every requirement of every seed product at least once. The
   * products read from public pages are exercised where a site pairs them with the seeds (the
   * demo site) and checked row by row by their own tests, not here.
   */
  @Test
  void examplesTogetherCoverEveryRequirement() {
    Catalog catalog = SeedTable.bundled();
    Set<String> planned = new TreeSet<>();
    for (String file : List.of("site.yaml", "zenworks.yaml", "configmgr.yaml", "1e-shopping.yaml", "tarantella.yaml", "xenserver.yaml"))
      for (Flow f : plan(file, catalog).flows())
        for (Trace t : f.traces()) planned.add(t.product() + "/" + t.requirement());
    Set<String> all = new TreeSet<>();
    for (Product p : catalog.products())
      if (SEEDS.contains(p.id()))
        for (FlowRequirement r : p.requirements()) all.add(p.id() + "/" + r.id());
    all.removeAll(planned);
    assertThat(all).as("requirements no example plans").isEmpty();
  }

  private static List<Endpoint> concat(List<Endpoint> a, List<Endpoint> b) {
    return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
  }

}
