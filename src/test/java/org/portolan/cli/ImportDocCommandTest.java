package org.portolan.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import org.portolan.testing.Cli;

/** import-doc through the front door, and catalog diff through its own command line (the lead registers it under 'catalog'). */
class ImportDocCommandTest {
  static final Path PAGE = Path.of("src/test/resources/docimport/pages/kestrel-print.tsv.txt");

  static Cli diff(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cl = new CommandLine(new CatalogDiffCommand());
    cl.setOut(new PrintWriter(out));
    cl.setErr(new PrintWriter(err));
    cl.setExecutionExceptionHandler((ex, c, p) -> Main.handle(ex, new PrintWriter(err, true)));
    int code = cl.execute(args);
    return new Cli(code, out.toString(), err.toString());
  }

  @Test
  void writesTheDraftToAFileAndSummarisesOnStandardError(@TempDir Path dir) throws Exception {
    Path draft = dir.resolve("draft.yaml");
    Cli r = Cli.run("import-doc", PAGE.toString(), "--product", "kestrel", "-o", draft.toString());
    assertThat(r.code()).isZero();
    assertThat(r.out()).isEmpty();
    assertThat(r.err()).contains("4 requirements, 4 roles");
    assertThat(Files.readString(draft)).startsWith("# Draft catalog entry").contains("product: kestrel").contains("services: [tcp/27000+]");
    Cli v = Cli.run("catalog", "validate", draft.toString());
    assertThat(v.code()).as(v.err()).isZero();
  }

  @Test
  void explainSaysTheDecisionOnEveryNumberThatCouldBeAPort(@TempDir Path dir) throws Exception {
    Path page = dir.resolve("relay.md");
    Files.writeString(page, "# Relay ports\n\nThe relay listens on port 3478/udp. Version 4.2 needs 512 MB. Open port 8448 for federation.\n");
    Cli r = Cli.run("import-doc", page.toString(), "--product", "relay", "--explain");
    assertThat(r.code()).isZero();
    assertThat(r.err()).contains(page + ":3: 3478 take udp/3478: ").contains(page + ":3: 8448 review: 8448 is stated as a port")
        .doesNotContain(":3: 512 take");
  }

  @Test
  void printsTheDraftWithoutOutputOption() {
    Cli r = Cli.run("import-doc", PAGE.toString(), "--product", "kestrel");
    assertThat(r.code()).isZero();
    assertThat(r.out()).contains("from: print-client");
  }

  @Test
  void aDocumentWithoutPortsIsInvalidInputWithPositionedDiagnostics(@TempDir Path dir) throws Exception {
    Path prose = dir.resolve("prose.txt");
    Files.writeString(prose, "Intro\n\nSource\tDestination\tPort\nWeb\tDB\tnone at all\n");
    Cli r = Cli.run("import-doc", prose.toString());
    assertThat(r.code()).isEqualTo(3);
    assertThat(r.out()).isEmpty();
    assertThat(r.err()).contains("prose.txt:4: warning: no port found in 'none at all'").contains("error: no port requirement found");
  }

  @Test
  void badArgumentsAreUsageErrors() {
    assertThat(Cli.run("import-doc", "no/such/file.txt").code()).isEqualTo(2);
    assertThat(Cli.run("import-doc", PAGE.toString(), "--product", "Not An Id").code()).isEqualTo(2);
  }

  @Test
  void diffOfADraftAgainstItselfIsEmptyAndAgainstAnotherProductIsAFinding(@TempDir Path dir) {
    Path draft = dir.resolve("draft.yaml");
    assertThat(Cli.run("import-doc", PAGE.toString(), "--product", "kestrel", "-o", draft.toString()).code()).isZero();
    Cli same = diff(draft.toString(), draft.toString());
    assertThat(same.code()).as(same.err()).isZero();
    assertThat(same.out()).contains("summary: 4 same");
    Cli other = diff(draft.toString(), "tarantella");
    assertThat(other.code()).isEqualTo(1);
    assertThat(other.out()).contains("only in A").contains("roles only in B:");
  }

  @Test
  void diffWithRoleMapAndUnknownReference(@TempDir Path dir) {
    Path draft = dir.resolve("draft.yaml");
    Cli.run("import-doc", PAGE.toString(), "--product", "kestrel", "-o", draft.toString());
    Cli mapped = diff(draft.toString(), draft.toString(), "--map", "printer=printer");
    assertThat(mapped.code()).isZero();
    assertThat(diff(draft.toString(), "no-such-product").code()).isEqualTo(2);
    assertThat(diff(draft.toString(), draft.toString(), "--map", "broken").code()).isEqualTo(2);
  }
}
