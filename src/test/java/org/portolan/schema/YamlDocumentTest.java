package org.portolan.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.portolan.diag.Diagnostics;

/** What a user who mistypes a YAML file is told, and what a hostile one cannot do. */
class YamlDocumentTest {
  private static String error(String yaml) {
    Diagnostics d = new Diagnostics();
    Optional<YamlDocument> doc = YamlDocument.parse(yaml, "site.yaml", d);
    assertThat(doc).as("parse should fail").isEmpty();
    assertThat(d.errors()).hasSize(1);
    return d.errors().getFirst().render();
  }

  @Test
  void aTabIsLocatedWhereItIsAndNamedAsTheCause() {
    String e = error("site: x\nproducts:\n  - product: zenworks\n    roles:\n\t  primary: [a]\n");
    assertThat(e).startsWith("site.yaml:5:1: error: YAML syntax: found character '\\t(TAB)' that cannot start any token")
        .contains("indent with spaces");
  }

  @Test
  void anIndentationStepKeepsTheParsersWholeMessageAndTheUsualCause() {
    String e = error("site: x\nzones:\n  - id: a\n   name: b\nproducts: []\n");
    assertThat(e).startsWith("site.yaml:4:4: error: YAML syntax: expected <block end>, but found '<block mapping start>'")
        .contains("while parsing a block collection (line 3, column 3)").contains("same column");
  }

  /** Positions, kept as a tree beside the nodes (issue 18): keys, values, list items, escaped names, the nearest parent, aliases. */
  @Test
  void everyPointerIsLocatedAtItsKeyOrValueOrNearestParent() {
    String yaml = "site: x\nhosts:\n  - name: a\n    addresses: [198.18.0.1, 198.18.0.2]\n  -   name: b\n"
        + "ports:\n  a/b: 1\n  c~d:   2\nbase: &p {port: 80}\ncopy: *p\n";
    YamlDocument doc = YamlDocument.parse(yaml, "f.yaml", new Diagnostics()).orElseThrow();
    assertThat(doc.at("").toString()).isEqualTo("f.yaml:1:1");
    assertThat(doc.at("/hosts").toString()).isEqualTo("f.yaml:2:1");
    assertThat(doc.valueAt("/hosts").toString()).isEqualTo("f.yaml:3:3");
    assertThat(doc.at("/hosts/0").toString()).isEqualTo("f.yaml:3:5");
    assertThat(doc.at("/hosts/1/name").toString()).isEqualTo("f.yaml:5:7");
    assertThat(doc.valueAt("/hosts/0/addresses/1").toString()).isEqualTo("f.yaml:4:29");
    assertThat(doc.at("/ports/a~1b").toString()).isEqualTo("f.yaml:7:3");
    assertThat(doc.valueAt("/ports/c~0d").toString()).isEqualTo("f.yaml:8:10");
    // a pointer the document does not have: its nearest parent
    assertThat(doc.at("/hosts/7/name").toString()).isEqualTo("f.yaml:2:1");
    assertThat(doc.at("/hosts/0/zone").toString()).isEqualTo("f.yaml:3:5");
    assertThat(doc.at("/hosts/x").toString()).isEqualTo("f.yaml:2:1");
    // inside an alias: the alias itself
    assertThat(doc.at("/copy/port").toString()).isEqualTo("f.yaml:10:1");
    assertThat(doc.valueAt("/copy/port").toString()).isEqualTo("f.yaml:10:7");
  }

  @Test
  void aliasesOfMappingsResolveToTheAnchoredValue() {
    Diagnostics d = new Diagnostics();
    YamlDocument doc = YamlDocument.parse("a: &x {port: 80}\nb: *x\n", "f.yaml", d).orElseThrow();
    assertThat(d.errors()).isEmpty();
    assertThat(doc.root().path("b").path("port").asInt()).isEqualTo(80);
  }

  @Test
  void anAliasOfASingleValueIsAnErrorNotTheAnchorsName() {
    // Jackson reported `purpose: *p` as the text "p"
    assertThat(error("x: &p hello\npurpose: *p\n")).startsWith("site.yaml:2:10: error: alias *p").contains("write the value itself");
  }

  @Test
  void legacyIntegerFormsAreRefused() {
    assertThat(error("port: 010\n")).startsWith("site.yaml:1:7: error: '010' is not a decimal integer (YAML 1.1 reads it as 8)");
    assertThat(error("port: 0x50\n")).contains("'0x50' is not a decimal integer");
    Diagnostics d = new Diagnostics();
    assertThat(YamlDocument.parse("port: \"010\"\nother: 10\n", "f", d).orElseThrow().root().path("other").asInt()).isEqualTo(10);
  }

  @Test
  void aLongLineIsRefusedAtOnceInsteadOfReadInQuadraticTime() {
    String e = error("site: x\nnote: " + "a".repeat(YamlDocument.MAX_LINE_CHARS + 1) + "\n");
    assertThat(e).startsWith("site.yaml:2:1: error: line 2 has").contains("256 KiB");
  }

  @Test
  void readingTimeGrowsLinearlyWithTheFileSize() {
    // Many lines just under the limit: doubling the file must not quadruple the time. Measured
    // as a ratio of two sizes on the same machine (no absolute bound), with slack for noise.
    String line = "- " + "a".repeat(60_000) + "\n";
    long small = time("note:\n" + line.repeat(40)), large = time("note:\n" + line.repeat(160));
    assertThat(large).as("4x the input took %d ms against %d ms", large, small).isLessThan(Math.max(small, 20) * 12);
  }

  private static long time(String yaml) {
    YamlDocument.parse(yaml, "warm", new Diagnostics());
    long t0 = System.nanoTime();
    YamlDocument.parse(yaml, "f", new Diagnostics());
    return (System.nanoTime() - t0) / 1_000_000;
  }

  @Test
  void schemaPatternsEndAtTheEndOfTheString() {
    assertThat(EcmaPatterns.toJava("^[a-z0-9][a-z0-9-]*$")).isEqualTo("^[a-z0-9][a-z0-9-]*\\z");
    assertThat(EcmaPatterns.toJava("^a[$]b\\$$")).isEqualTo("^a[$]b\\$\\z");
    assertThat(EcmaPatterns.INSTANCE.getRegularExpression("^[a-z]+$").matches("acme")).isTrue();
    assertThat(EcmaPatterns.INSTANCE.getRegularExpression("^[a-z]+$").matches("acme\n")).isFalse();
  }
}
