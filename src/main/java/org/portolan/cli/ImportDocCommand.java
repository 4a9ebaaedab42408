package org.portolan.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.portolan.diag.Diagnostic;
import org.portolan.diag.InvalidInputException;
import org.portolan.diag.SourcePosition;
import org.portolan.docimport.DocImporter;
import org.portolan.docimport.Draft;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "import-doc", mixinStandardHelpOptions = true,
    description = {
      "Drafts a catalog entry from a vendor's \"ports used by\" page (plain text, Markdown/MDX, HTML, reStructuredText or AsciiDoc; tables, lists and sentences that state ports).",
      "Items the importer inferred or was unsure of carry '# REVIEW:' comments in the draft."
    })
final class ImportDocCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Parameters(index = "0", paramLabel = "FILE", description = "The vendor document (.txt, .md, .mdx, .html, .rst, .adoc; else by content).")
  Path file;

  @Option(names = "--product", paramLabel = "ID", description = "Product id of the draft (default: made from the title).")
  String product;

  @Option(names = {"-o", "--output"}, paramLabel = "DRAFT.yaml", description = "Write the draft here (default: standard output).")
  Path output;

  @Option(names = "--explain", description = "Also print, on standard error, the decision on every number that could be a port (line: port take|review|reject: why).")
  boolean explain;

  @Override
  public Integer call() {
    if (!Files.isRegularFile(file)) throw new UsageException("no such file: " + file);
    if (explain) for (String l : DocImporter.explain(file)) spec.commandLine().getErr().println(file + ":" + l);
    if (product != null && !product.matches("[a-z0-9][a-z0-9-]*"))
      throw new UsageException("--product must be lower-case words joined by '-', got '" + product + "'");
    Draft draft = DocImporter.importDocument(file, product);
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (draft.product().requirements().isEmpty()) {
      List<Diagnostic> problems = new ArrayList<>(draft.warnings());
      problems.add(Diagnostic.error(SourcePosition.of(file.toString()), "no port requirement found: nothing to draft"));
      throw new InvalidInputException(problems);
    }
    for (Diagnostic w : draft.warnings()) err.println(w.render());
    String yaml = draft.toYaml();
    if (output == null) {
      out.print(yaml);
    } else {
      Outputs.writeFile(output, yaml);
    }
    err.println("import-doc: " + draft.product().requirements().size() + " requirements, " + draft.product().roles().size()
        + " roles, " + draft.reviewCount() + " review notes" + (output == null ? "" : " -> " + output));
    return 0;
  }
}
