package org.portolan.docimport;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.portolan.catalog.Catalog;
import org.portolan.catalog.CatalogLoader;
import org.portolan.diag.Diagnostics;
import org.portolan.model.Product;

/**
 * Each seed document imported and compared with its curated catalog entry. Draft role ids
 * differ from the curated ones; each seed has a mapping table (draft id → curated id) written
 * here by reading both. Draft roles absent from a table keep their id (and so match nothing).
 */
class SeedRecoveryTest {
  static final Path SEEDS = Path.of(System.getProperty("portolan.seeds", "src/test/resources/docimport/seeds"));

  record Seed(String file, String product, Map<String, String> roles, double minPairs, double minTriples) {}

  static final List<Seed> SEED_LIST = List.of(
      new Seed("000_9265f1c1d68c9237.txt", "zenworks", Map.ofEntries(
          Map.entry("satellite-device", "satellite"),
          Map.entry("imaging-satellite-device", "imaging-satellite"),
          Map.entry("administration-console", "admin-console"),
          Map.entry("machines-being-imaged", "pxe-device"),
          Map.entry("device", "discovery-target"),
          Map.entry("cifs-server", "cifs-image-server"),
          Map.entry("management-proxy", "remote-management-proxy"),
          Map.entry("management-viewer", "admin-console"),
          Map.entry("novell-cdn-lumension-com", "patch-cdn")), 0.95, 0.90),
      new Seed("001_780ae704f9cdb8c3.txt", "configmgr", Map.ofEntries(
          Map.entry("primary-server", "primary-site-server"),
          Map.entry("root-domain-client", "root-domain-computer")), 0.95, 0.90),
      new Seed("002_aece048799c39b1b.txt", "1e-shopping", Map.ofEntries(
          Map.entry("shopping-website", "website"),
          Map.entry("shopping-central-service", "central-service"),
          Map.entry("shopping-admin-console", "admin-console"),
          Map.entry("shopping-receiver", "receiver"),
          Map.entry("shopping-client", "client"),
          Map.entry("active-directory", "domain-controller"),
          Map.entry("configuration-manager-site-database", "configmgr-site-database"),
          Map.entry("configuration-manager-site-server", "sms-provider")), 0.95, 0.90),
      new Seed("003_8cd35d8221901768.txt", "tarantella", Map.ofEntries(
          Map.entry("web-server-on-the-tarantella-host", "web-server"),
          Map.entry("ldap-directory-server", "ldap-server"),
          Map.entry("rsa-securid-ace-server", "securid-server"),
          Map.entry("another-tarantella-server", "tarantella-server"),
          Map.entry("sun-one-portal-server", "portal-server"),
          Map.entry("tarantella-native-client", "native-client")), 0.95, 0.90),
      new Seed("004_dcdfe747987f93cb.txt", "xenserver", Map.ofEntries(
          Map.entry("repo-ops-xenserver-com", "xenserver-repo"),
          Map.entry("repo-src-ops-xenserver-com", "xenserver-repo-src"),
          Map.entry("telemetry-ops-xenserver-com", "xenserver-telemetry"),
          Map.entry("updates-ops-xenserver-com", "xencenter-update-site"),
          Map.entry("pvupdates-vmd-citrix-com", "vm-tools-update-site"),
          Map.entry("downloadns-citrix-com-edgesuite-net", "vm-tools-download-site"),
          Map.entry("windows-vms", "windows-vm"),
          Map.entry("citrix-license-server", "license-server"),
          Map.entry("ntp-service", "ntp-server"),
          Map.entry("dns-service", "dns-server"),
          Map.entry("fileserver", "smb-file-server"),
          Map.entry("nas-head-file-server", "nas-filer"),
          Map.entry("syslog", "syslog-server"),
          Map.entry("clustering", "xenserver-host"),
          Map.entry("virtual-machine", "linux-vm"),
          Map.entry("workload-balancing-virtual-appliance", "wlb-appliance"),
          Map.entry("other-client", "api-client"),
          Map.entry("provisioning-server", "pvs-server"),
          Map.entry("citrix-provisioning-service", "pvs-server"),
          Map.entry("server", "pvs-server"),
          Map.entry("target-device", "pvs-target")), 0.95, 0.90));

  static Stream<Arguments> seeds() {
    return SEED_LIST.stream().map(Arguments::of);
  }

  static Recovery measure(Seed s) throws IOException {
    Path doc = SEEDS.resolve(s.file());
    Draft draft = DocImporter.importDocument(doc, "draft-" + s.product());
    Product reloaded = reload(draft);
    Product full = CatalogLoader.bundled().product(s.product()).orElseThrow();
    // a curated entry may also hold requirements read from other documents (ConfigMgr's site
    // systems from Microsoft's ports page): recovery is measured against this seed's only
    Product curated = new Product(full.id(), full.name(), full.vendor(), full.version(), full.description(), full.roles(),
        full.features(), full.choices(), full.requirements().stream().filter(r -> r.provenance().document().equals(s.file())).toList(),
        full.documents());
    return Recovery.measure(reloaded, curated, s.roles(), Files.readString(doc));
  }

  /** The draft's YAML read back by the catalog loader: the draft must be a valid entry. */
  static Product reload(Draft draft) {
    Diagnostics d = new Diagnostics();
    List<CatalogLoader.Source> sources = new ArrayList<>();
    for (CatalogLoader.Source src : CatalogLoader.bundledSources()) if (src.name().endsWith("service-sets.yaml")) sources.add(src);
    sources.add(new CatalogLoader.Source("draft.yaml", draft.toYaml(), false));
    Catalog c = CatalogLoader.fromSources(sources, d);
    assertThat(d.errors()).as("draft loads without errors: %s", d.errors()).isEmpty();
    assertThat(c.products()).hasSize(1);
    return c.products().getFirst();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("seeds")
  void seedImportsIntoAValidDraftThatRecoversTheCuratedEntry(Seed s) throws IOException {
    Assumptions.assumeTrue(Files.isDirectory(SEEDS), "seed documents not found at " + SEEDS);
    Recovery r = measure(s);
    System.out.printf(Locale.ROOT, "RECOVERY | %s | %s | %.1f%% (%d/%d) | %.1f%% (%d/%d) | %d | %d | %d |%n  missing pairs %s%n  missing triples %s%n  false triples %s%n",
        s.file(), s.product(), 100 * r.pairShare(), r.curatedPairs().size() - r.missingPairs().size(), r.curatedPairs().size(),
        100 * r.tripleShare(), r.curatedTriples().size() - r.missingTriples().size(), r.curatedTriples().size(), r.falsePairs().size(),
        r.invented().size(), r.falseTriples().size(), r.missingPairs(), r.missingTriples(), r.falseTriples());
    assertThat(r.invented()).as("ports the document never mentions").isEmpty();
    assertThat(r.pairShare()).isGreaterThanOrEqualTo(s.minPairs());
    assertThat(r.tripleShare()).isGreaterThanOrEqualTo(s.minTriples());
  }
}
