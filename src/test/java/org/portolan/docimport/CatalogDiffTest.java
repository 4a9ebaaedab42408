package org.portolan.docimport;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.portolan.catalog.CatalogLoader;
import org.portolan.docimport.CatalogDiff.Change;
import org.portolan.model.Condition;
import org.portolan.model.FlowRequirement;
import org.portolan.model.Product;
import org.portolan.model.Provenance;
import org.portolan.model.Role;
import org.portolan.model.Service;

class CatalogDiffTest {
  static FlowRequirement req(String id, String from, String to, Condition when, String... services) {
    return new FlowRequirement(id, from, List.of(to), java.util.Arrays.stream(services).map(Service::parse).toList(), "", when, true, false, List.of(),
        new Provenance("doc.txt", "", "", 7));
  }

  static Product product(String id, List<String> roles, FlowRequirement... reqs) {
    return new Product(id, id, "", "", "", roles.stream().map(r -> Role.component(r, r)).toList(), List.of(), List.of(), List.of(reqs), List.of());
  }

  static final List<String> ROLES = List.of("web", "db", "client", "dc");

  @Test
  void requirementsMatchByMeaningNotById() {
    Product a = product("a", ROLES, req("x1", "web", "db", Condition.ALWAYS, "tcp/1433"), req("x2", "client", "web", Condition.ALWAYS, "tcp/80,443"));
    Product b = product("b", ROLES, req("db-sql", "web", "db", Condition.ALWAYS, "tcp/1433"), req("http", "client", "web", Condition.ALWAYS, "tcp/443", "tcp/80"));
    CatalogDiff.Result r = CatalogDiff.diff(a, b, Map.of());
    assertThat(r.identical()).isTrue();
    assertThat(r.unchanged()).isEqualTo(2);
    assertThat(CatalogDiff.render(r)).contains("summary: 2 same, 0 ports changed");
  }

  @Test
  void changedPortsChangedRolesAddedAndRemoved() {
    Product a = product("a", ROLES,
        req("web-db", "web", "db", Condition.ALWAYS, "tcp/1433"),
        req("client-web", "client", "web", Condition.ALWAYS, "tcp/80"),
        req("ldap", "web", "dc", Condition.ALWAYS, "tcp/389"),
        req("old", "client", "db", Condition.ALWAYS, "udp/1434"));
    Product b = product("b", ROLES,
        req("web-db", "web", "db", Condition.ALWAYS, "tcp/${db_port:1433}", "tcp/1434"),
        req("client-web", "client", "web", Condition.ALWAYS, "tcp/443"),
        req("ldap", "client", "dc", Condition.ALWAYS, "tcp/389"),
        req("new", "dc", "web", Condition.ALWAYS, "tcp/636"));
    CatalogDiff.Result r = CatalogDiff.diff(a, b, Map.of());
    assertThat(r.changes()).hasSize(5);
    assertThat(r.changes()).filteredOn(c -> c instanceof Change.PortsChanged).extracting(c -> (Change.PortsChanged) c)
        .anySatisfy(c -> {
          assertThat(c.a().id()).isEqualTo("web-db");
          assertThat(c.removed()).isEmpty();
          assertThat(c.added()).containsExactly("tcp/1434");
        })
        .anySatisfy(c -> {
          assertThat(c.a().id()).isEqualTo("client-web");
          assertThat(c.removed()).containsExactly("tcp/80");
          assertThat(c.added()).containsExactly("tcp/443");
        });
    assertThat(r.changes()).filteredOn(c -> c instanceof Change.RolesChanged).singleElement()
        .satisfies(c -> assertThat(((Change.RolesChanged) c).b().initiator()).isEqualTo("client"));
    assertThat(r.changes()).filteredOn(c -> c instanceof Change.Removed).singleElement()
        .satisfies(c -> assertThat(((Change.Removed) c).a().id()).isEqualTo("old"));
    assertThat(r.changes()).filteredOn(c -> c instanceof Change.Added).singleElement()
        .satisfies(c -> assertThat(((Change.Added) c).b().id()).isEqualTo("new"));
    String text = CatalogDiff.render(r);
    assertThat(text).contains("~ ports   client-web -> client-web (client -> web): -tcp/80 +tcp/443")
        .contains("- removed old: client -> db udp/1434 (doc.txt:7)")
        .contains("+ added   new: dc -> web tcp/636")
        .contains("summary: 0 same, 2 ports changed, 1 roles changed, 0 conditions changed, 1 only in A, 1 only in B");
  }

  @Test
  void roleMapLetsADraftBeComparedWithTheCuratedEntry() {
    Product draft = product("draft", List.of("shopping-website", "active-directory"), req("ldap", "shopping-website", "active-directory", Condition.ALWAYS, "tcp/389"));
    Product curated = product("curated", List.of("website", "domain-controller"), req("website-ldap", "website", "domain-controller", Condition.ALWAYS, "tcp/389"));
    assertThat(CatalogDiff.diff(draft, curated, Map.of()).identical()).isFalse();
    CatalogDiff.Result mapped = CatalogDiff.diff(draft, curated, Map.of("shopping-website", "website", "active-directory", "domain-controller"));
    assertThat(mapped.identical()).isTrue();
  }

  @Test
  void conditionChangesAreReported() {
    Product a = product("a", ROLES, req("x", "web", "db", Condition.ALWAYS, "tcp/1433"));
    Product b = product("b", ROLES, req("x", "web", "db", new Condition.Feature("sql"), "tcp/1433"));
    CatalogDiff.Result r = CatalogDiff.diff(a, b, Map.of());
    assertThat(r.changes()).singleElement().isInstanceOf(Change.ConditionChanged.class);
    assertThat(CatalogDiff.render(r)).contains("~ when    x -> x: '' -> 'sql'");
  }

  @Test
  void anEntryDiffedWithItselfIsIdenticalForEveryBundledProduct() {
    for (Product p : CatalogLoader.bundled().products()) assertThat(CatalogDiff.diff(p, p, Map.of()).identical()).as(p.id()).isTrue();
  }

  @Test
  void draftOfASeedAgainstItsCuratedEntryExplainsTheRest() throws Exception {
    SeedRecoveryTest.Seed seed = SeedRecoveryTest.SEED_LIST.get(3);
    java.nio.file.Path doc = SeedRecoveryTest.SEEDS.resolve(seed.file());
    org.junit.jupiter.api.Assumptions.assumeTrue(java.nio.file.Files.exists(doc), "seed documents not found");
    Product draft = SeedRecoveryTest.reload(DocImporter.importDocument(doc, "tarantella-draft"));
    Product curated = CatalogLoader.bundled().product("tarantella").orElseThrow();
    CatalogDiff.Result r = CatalogDiff.diff(draft, curated, seed.roles());
    // Every Tarantella row is recovered; what differs are conditions the curated entry states (features named by a person).
    assertThat(r.changes()).allSatisfy(c -> assertThat(c).isInstanceOf(Change.ConditionChanged.class));
  }
}
