package org.portolan.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.portolan.diag.Diagnostic;
import org.portolan.diag.Diagnostics;
import org.portolan.model.PortSet;
import org.portolan.model.Product;

class CatalogLoaderTest {
  private static final String SETS = "service_sets:\n  - id: mini\n    services: [udp/53, tcp/53]\n";

  private static Diagnostics load(String yaml) {
    Diagnostics d = new Diagnostics();
    CatalogLoader.fromSources(List.of(new CatalogLoader.Source("sets.yaml", SETS, false), new CatalogLoader.Source("p.yaml", yaml, false)), d);
    return d;
  }

  private static final String GOOD = """
      product: p
      name: P
      roles:
        - id: a
        - id: b
      features:
        - name: f
      requirements:
        - id: r1
          from: a
          to: b
          services: [tcp/80]
      """;

  @Test
  void loadsTheFixtureCatalogWithSetsBidirectionalAndConditions() {
    Diagnostics d = new Diagnostics();
    Catalog c = CatalogLoader.load(List.of(org.portolan.testing.Cli.resource("fixtures/catalog")), d);
    assertThat(d.errors()).isEmpty();
    Product demo = c.product("demo").orElseThrow();
    assertThat(demo.requirement("ad").orElseThrow().serviceSets()).containsExactly("mini");
    assertThat(demo.requirement("ad").orElseThrow().services()).hasSize(2);
    assertThat(demo.requirement("rpc-reverse").orElseThrow().initiator()).isEqualTo("server");
    assertThat(demo.requirement("rpc-reverse").orElseThrow().responders()).containsExactly("client");
    assertThat(demo.requirement("web").orElseThrow().services().getFirst().ports().defaults()).isEqualTo(PortSet.of(80, 443));
  }

  @Test
  void acceptsAMinimalEntry() {
    assertThat(load(GOOD).errors()).isEmpty();
  }

  private static Diagnostic onlyError(String yaml) {
    Diagnostics d = load(yaml);
    assertThat(d.errors()).hasSize(1);
    return d.errors().getFirst();
  }

  @Test
  void unknownRoleIsAnErrorAtItsPosition() {
    Diagnostic e = onlyError(GOOD.replace("to: b", "to: c"));
    assertThat(e.render()).isEqualTo("p.yaml:11:9: error: unknown role 'c'; declared roles: a, b");
  }

  @Test
  void undefinedFeatureIsAnError() {
    Diagnostic e = onlyError(GOOD + "    when: {feature: g}\n");
    assertThat(e.message()).startsWith("undefined feature 'g'");
    assertThat(e.position().line()).isEqualTo(13);
  }

  @Test
  void portOutsideTheRangeIsAnErrorPointingInsideTheNotation() {
    Diagnostic e = onlyError(GOOD.replace("[tcp/80]", "[\"tcp/80,70000\"]"));
    assertThat(e.message()).contains("got '70000'");
    assertThat(e.position().line()).isEqualTo(12);
    assertThat(e.position().column()).isGreaterThan(15);
  }

  @Test
  void unknownServiceSetIsAnError() {
    assertThat(onlyError(GOOD.replace("[tcp/80]", "[set:nope]")).message()).startsWith("unknown service set 'nope'; known: mini");
  }

  @Test
  void duplicateRequirementIdsAreAnError() {
    String twice = GOOD + "  - id: r1\n    from: b\n    to: a\n    services: [udp/53]\n";
    assertThat(onlyError(twice).message()).isEqualTo("requirement 'r1' is declared twice");
  }

  @Test
  void schemaViolationsNameWhatWasExpected() {
    Diagnostics d = load(GOOD.replace("    to: b\n", ""));
    assertThat(d.errors()).extracting(Diagnostic::render).anySatisfy(r -> assertThat(r).contains("p.yaml:9:5").contains("required property 'to' not found"));
  }

  @Test
  void yamlSyntaxErrorsHaveAPosition() {
    Diagnostic e = onlyError("product: p\nroles: [a\nrequirements: x\n");
    assertThat(e.message()).startsWith("YAML syntax");
    assertThat(e.position().line()).isGreaterThan(0);
  }

  @Test
  void aUserEntryReplacesTheBundledOneWithAWarning() {
    Diagnostics d = new Diagnostics();
    Catalog c = CatalogLoader.fromSources(List.of(
        new CatalogLoader.Source("bundled:p.yaml", GOOD, true),
        new CatalogLoader.Source("mine/p.yaml", GOOD.replace("name: P", "name: Mine"), false)), d);
    assertThat(d.errors()).isEmpty();
    assertThat(d.warnings()).singleElement().extracting(Diagnostic::message).asString().contains("replaces the bundled entry");
    assertThat(c.product("p").orElseThrow().name()).isEqualTo("Mine");
  }
}
