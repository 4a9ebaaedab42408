package org.portolan.docimport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The front door of the importer: a vendor "ports used by" page (plain text, Markdown/MDX, HTML,
 * reStructuredText or AsciiDoc)
 * → {@link SourceDocument} → {@link Draft} catalog entry for a person to review.
 */
public final class DocImporter {
  private DocImporter() {}

  /** The formats the importer reads. */
  public enum Format { TEXT, MARKDOWN, HTML, RST, ASCIIDOC }

  /** Imports a file; the format comes from its extension, else from its content. */
  public static Draft importDocument(Path file) {
    return importDocument(file, null);
  }

  /** Imports a file with the given product id ({@code null}: made from the document title). */
  public static Draft importDocument(Path file, String productId) {
    String text;
    try {
      byte[] bytes = Files.readAllBytes(file);
      text = new String(bytes, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
    return importText(file.getFileName().toString(), text, formatOf(file.getFileName().toString(), text), productId);
  }

  /** Imports a document held in memory. */
  public static Draft importText(String name, String text, Format format, String productId) {
    return DraftBuilder.build(read(name, text, format), productId);
  }

  /**
   * The evidence stage's decision on every number of the document that could be a port, one
   * line each in document order: {@code LINE: PORTS take|review|reject: why}.
   */
  public static List<String> explain(Path file) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
    String name = file.getFileName().toString();
    SourceDocument doc = read(name, text, formatOf(name, text));
    List<String> out = new ArrayList<>();
    for (PortEvidence.Candidate c : PortSweep.sweep(doc, ProsePorts.defaultProtocol(CandidateRows.documentText(doc)))) {
      String what = switch (EvidenceScoring.decide(c)) {
        case PortEvidence.Decision.Take t -> "take " + String.join(",", t.services().stream().map(org.portolan.model.Service::notation).toList()) + ": " + t.why();
        case PortEvidence.Decision.Review r -> "review: " + r.why();
        case PortEvidence.Decision.Reject r -> "reject: " + r.why();
      };
      out.add(c.line() + ": " + c.ports().notation() + " " + what);
    }
    return out;
  }

  static SourceDocument read(String name, String text, Format format) {
    String t = text.startsWith("\uFEFF") ? text.substring(1) : text;
    return switch (format) {
      case HTML -> HtmlDocumentReader.read(name, t);
      case TEXT -> TextDocumentReader.read(name, t);
      case MARKDOWN -> MarkdownDocumentReader.read(name, t);
      case RST -> RstDocumentReader.read(name, t);
      case ASCIIDOC -> AsciiDocDocumentReader.read(name, t);
    };
  }

  static Format formatOf(String name, String text) {
    String n = name.toLowerCase(Locale.ROOT);
    if (n.endsWith(".html") || n.endsWith(".htm") || n.endsWith(".xhtml")) return Format.HTML;
    if (n.endsWith(".md") || n.endsWith(".markdown") || n.endsWith(".mdx")) return Format.MARKDOWN;
    if (n.endsWith(".rst") || n.endsWith(".rest")) return Format.RST;
    if (n.endsWith(".adoc") || n.endsWith(".asciidoc") || n.endsWith(".asc")) return Format.ASCIIDOC;
    String head = text.substring(0, Math.min(text.length(), 2048)).toLowerCase(Locale.ROOT);
    if (head.contains("<!doctype html") || head.contains("<html") || head.contains("<table")) return Format.HTML;
    if (head.contains("\n|===") || head.startsWith("= ") || head.contains("\n== ")) return Format.ASCIIDOC;
    if (head.contains("\n.. ") && head.contains("::") || head.contains("\n+---") || head.contains("\n.. list-table::")) return Format.RST;
    return Format.TEXT;
  }
}
