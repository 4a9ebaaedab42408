package org.portolan.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** import-doc through the front door, and catalog diff through its own command line (the lead registers it under 'catalog'). */
class ImportDocCommandTest {
  static final Path PAGE = Path.of("src/test/resources/docimport/kestrel-print.tsv.txt");

  record Run(int code, String out, String err) {}

  static Run main(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(new PrintWriter(out), new PrintWriter(err), args);
    return new Run(code, out.toString(), err.toString());
  }

  static Run diff(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cl = new CommandLine(new CatalogDiffCommand());
    cl.setOut(new PrintWriter(out));
    cl.setErr(new PrintWriter(err));
    cl.setExecutionExceptionHandler((ex, c, p) -> Main.handle(ex, new PrintWriter(err, true)));
    int code = cl.execute(args);
    return new Run(code, out.toString(), err.toString());
  }

  @Test
  void writesTheDraftToAFileAndSummarisesOnStandardError(@TempDir Path dir) throws Exception {
    Path draft = dir.resolve("draft.yaml");
    Run r = main("import-doc", PAGE.toString(), "--product", "kestrel", "-o", draft.toString());
    assertThat(r.code()).isZero();
    assertThat(r.out()).isEmpty();
    assertThat(r.err()).contains("4 requirements, 4 roles");
    assertThat(Files.readString(draft)).startsWith("# Draft catalog entry").contains("product: kestrel").contains("services: [tcp/27000+]");
    Run v = main("catalog", "validate", draft.toString());
    assertThat(v.code()).as(v.err()).isZero();
  }

  @Test
  void printsTheDraftWithoutOutputOption() {
    Run r = main("import-doc", PAGE.toString(), "--product", "kestrel");
    assertThat(r.code()).isZero();
    assertThat(r.out()).contains("from: print-client");
  }

  @Test
  void aDocumentWithoutPortsIsInvalidInputWithPositionedDiagnostics(@TempDir Path dir) throws Exception {
    Path prose = dir.resolve("prose.txt");
    Files.writeString(prose, "Intro\n\nSource\tDestination\tPort\nWeb\tDB\tnone at all\n");
    Run r = main("import-doc", prose.toString());
    assertThat(r.code()).isEqualTo(3);
    assertThat(r.out()).isEmpty();
    assertThat(r.err()).contains("prose.txt:4: warning: no port found in 'none at all'").contains("error: no port requirement found");
  }

  @Test
  void badArgumentsAreUsageErrors() {
    assertThat(main("import-doc", "no/such/file.txt").code()).isEqualTo(2);
    assertThat(main("import-doc", PAGE.toString(), "--product", "Not An Id").code()).isEqualTo(2);
  }

  @Test
  void diffOfADraftAgainstItselfIsEmptyAndAgainstAnotherProductIsAFinding(@TempDir Path dir) {
    Path draft = dir.resolve("draft.yaml");
    assertThat(main("import-doc", PAGE.toString(), "--product", "kestrel", "-o", draft.toString()).code()).isZero();
    Run same = diff(draft.toString(), draft.toString());
    assertThat(same.code()).as(same.err()).isZero();
    assertThat(same.out()).contains("summary: 4 same");
    Run other = diff(draft.toString(), "tarantella");
    assertThat(other.code()).isEqualTo(1);
    assertThat(other.out()).contains("only in A").contains("roles only in B:");
  }

  @Test
  void diffWithRoleMapAndUnknownReference(@TempDir Path dir) {
    Path draft = dir.resolve("draft.yaml");
    main("import-doc", PAGE.toString(), "--product", "kestrel", "-o", draft.toString());
    Run mapped = diff(draft.toString(), draft.toString(), "--map", "printer=printer");
    assertThat(mapped.code()).isZero();
    assertThat(diff(draft.toString(), "no-such-product").code()).isEqualTo(2);
    assertThat(diff(draft.toString(), draft.toString(), "--map", "broken").code()).isEqualTo(2);
  }
}
