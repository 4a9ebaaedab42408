package org.portolan.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.portolan.testing.Cli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.portolan.output.OutputDirectory;

/**
 * Regressions for the attacker findings on outputs (issue 14): purposes that a spreadsheet
 * runs as formulas, symbolic links planted at output names or in a rules folder, and stale
 * rules files of a firewall removed from the site.
 */
class HostileOutputTest {
  static final String DIR = "src/test/resources/output/hostile/";
  static final String CATALOG = DIR + "catalog";
  static final String FORMULA = "=cmd|' /C calc'!A0";

  static List<List<String>> csv(String text) throws Exception {
    try (MappingIterator<List<String>> it = new CsvMapper().enable(CsvParser.Feature.WRAP_AS_ARRAY).readerForListOf(String.class).readValues(text)) {
      return it.readAll();
    }
  }

  /** No cell of any row starts with a character that makes a spreadsheet evaluate it; the formula is still there, as text. */
  static void assertNoFormula(String text) throws Exception {
    List<List<String>> rows = csv(text);
    assertThat(rows).hasSizeGreaterThan(1);
    for (List<String> row : rows) for (String cell : row) assertThat(cell).as("cell in %s", row).doesNotStartWith("=").doesNotStartWith("@").doesNotStartWith("+").doesNotStartWith("-");
    assertThat(text).contains("'" + FORMULA);
  }

  @Test
  void catalogShowCsvNeutralisesFormulas() throws Exception {
    Cli r = Cli.run("catalog", "show", "evil-app", "--format", "csv", "--catalog", CATALOG);
    assertThat(r.code()).as(r.err()).isZero();
    assertNoFormula(r.out());
  }

  @Test
  void docCsvNeutralisesFormulasForAProductAndADeployment() throws Exception {
    Cli product = Cli.run("doc", "evil-app", "--format", "csv", "--catalog", CATALOG);
    assertThat(product.code()).as(product.err()).isZero();
    assertNoFormula(product.out());
    Cli site = Cli.run("doc", DIR + "site.yaml", "--format", "csv", "--catalog", CATALOG);
    assertThat(site.code()).as(site.err()).isZero();
    assertNoFormula(site.out());
  }

  @Test
  void compileCsvNeutralisesFormulas() throws Exception {
    Cli r = Cli.run("compile", DIR + "site-one-firewall.yaml", "--dialect", "csv", "--catalog", CATALOG);
    assertThat(r.code()).as(r.err()).isZero();
    assertNoFormula(r.out());
  }

  @Test
  void compileRefusesToWriteThroughASymlinkPlantedAtAnOutputName(@TempDir Path tmp) throws Exception {
    Path victim = Files.writeString(tmp.resolve("victim.conf"), "precious\n");
    Path out = Files.createDirectory(tmp.resolve("out"));
    Files.createSymbolicLink(out.resolve("edge.nft"), victim);
    Cli r = Cli.run("compile", DIR + "site-one-firewall.yaml", "-o", out.toString(), "--catalog", CATALOG);
    assertThat(r.code()).isEqualTo(4);
    assertThat(r.err()).contains("edge.nft").contains("symbolic link");
    assertThat(victim).hasContent("precious");
  }

  @Test
  void compileRemovesTheRulesOfAFirewallRemovedFromTheSiteAndSaysSo(@TempDir Path tmp) throws Exception {
    Path out = tmp.resolve("rules");
    Cli both = Cli.run("compile", DIR + "site.yaml", "-o", out.toString(), "--catalog", CATALOG);
    assertThat(both.code()).as(both.err()).isZero();
    assertThat(out.resolve("old.iptables")).exists();
    Files.writeString(out.resolve("README.txt"), "written by a person, not by portolan");

    Cli one = Cli.run("compile", DIR + "site-one-firewall.yaml", "-o", out.toString(), "--catalog", CATALOG);
    assertThat(one.code()).as(one.err()).isZero();
    assertThat(out.resolve("old.iptables")).doesNotExist();
    assertThat(one.err()).contains("removed " + out.resolve("old.iptables")).contains("no longer produces");
    assertThat(out.resolve("edge.nft")).exists();
    assertThat(out.resolve("README.txt")).exists();
  }

  @Test
  void compileForOneFirewallOrInAnotherDialectLeavesTheOtherFiles(@TempDir Path tmp) throws Exception {
    Path out = tmp.resolve("rules");
    assertThat(Cli.run("compile", DIR + "site.yaml", "-o", out.toString(), "--catalog", CATALOG).code()).isZero();
    Cli r = Cli.run("compile", DIR + "site.yaml", "--firewall", "edge", "-o", out.toString(), "--catalog", CATALOG);
    assertThat(r.code()).as(r.err()).isZero();
    Cli csv = Cli.run("compile", DIR + "site-one-firewall.yaml", "--dialect", "csv", "-o", out.toString(), "--catalog", CATALOG);
    assertThat(csv.code()).as(csv.err()).isZero();
    assertThat(out.resolve("old.iptables")).exists();
    assertThat(out.resolve("edge.nft")).exists();
    assertThat(out.resolve("edge.csv")).exists();
    assertThat(r.err() + csv.err()).doesNotContain("removed");
    // the next full run removes what it does not write, including the csv sheet it did not produce
    Cli full = Cli.run("compile", DIR + "site-one-firewall.yaml", "-o", out.toString(), "--catalog", CATALOG);
    assertThat(full.err()).contains("removed " + out.resolve("old.iptables")).contains("removed " + out.resolve("edge.csv"));
    assertThat(out.resolve("edge.nft")).exists();
  }

  @Test
  void reportRefusesRulesLinkedFromOutsideItsFolderButNotItsOwnManifest(@TempDir Path tmp) throws Exception {
    Path rules = tmp.resolve("rules");
    assertThat(Cli.run("compile", DIR + "site-one-firewall.yaml", "-o", rules.toString(), "--catalog", CATALOG).code()).isZero();
    assertThat(rules.resolve(OutputDirectory.MANIFEST)).exists();
    Path html = tmp.resolve("report.html");
    Cli clean = Cli.run("report", DIR + "site-one-firewall.yaml", "-o", html.toString(), "--rules", rules.toString(), "--catalog", CATALOG);
    assertThat(clean.code()).as(clean.err()).isZero();
    assertThat(Files.readString(html)).contains("edge.nft").doesNotContain(OutputDirectory.MANIFEST);

    Path secret = Files.writeString(tmp.resolve("hostname"), "secret-host-name-4711\n");
    Files.createSymbolicLink(rules.resolve("zz.rules"), secret);
    Path html2 = tmp.resolve("report2.html");
    Cli r = Cli.run("report", DIR + "site-one-firewall.yaml", "-o", html2.toString(), "--rules", rules.toString(), "--catalog", CATALOG);
    assertThat(r.code()).isEqualTo(4);
    assertThat(r.err()).contains("zz.rules").contains("outside");
    assertThat(html2).doesNotExist();
  }
}
