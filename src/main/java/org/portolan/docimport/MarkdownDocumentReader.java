package org.portolan.docimport;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.commonmark.ext.gfm.tables.TableBlock;
import org.commonmark.ext.gfm.tables.TableCell;
import org.commonmark.ext.gfm.tables.TableHead;
import org.commonmark.ext.gfm.tables.TableRow;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.node.BlockQuote;
import org.commonmark.node.Code;
import org.commonmark.node.FencedCodeBlock;
import org.commonmark.node.HardLineBreak;
import org.commonmark.node.Heading;
import org.commonmark.node.HtmlBlock;
import org.commonmark.node.HtmlInline;
import org.commonmark.node.IndentedCodeBlock;
import org.commonmark.node.ListItem;
import org.commonmark.node.Node;
import org.commonmark.node.Paragraph;
import org.commonmark.node.SoftLineBreak;
import org.commonmark.node.Text;
import org.commonmark.parser.IncludeSourceSpans;
import org.commonmark.parser.Parser;
import org.portolan.docimport.SourceDocument.Block;
import org.portolan.docimport.SourceDocument.Row;
import org.portolan.docimport.SourceDocument.Shape;
import org.portolan.docimport.SourceDocument.Table;

/**
 * Reads Markdown (CommonMark with GFM tables, as vendors' docs sites write it) with
 * commonmark-java: headings, paragraphs, list items, tables. MDX pages are read too: import
 * and export lines, JSX component tags ({@code <Tabs>}, {@code <TabItem>}) and admonition
 * fences ({@code :::note}) are blanked first, keeping line numbers; {@code <br/>} inside a
 * cell separates its parts. HTML blocks (a {@code <table>} pasted into the page) go through
 * {@link HtmlDocumentReader}. Code blocks are commands, not statements, and are not read.
 */
final class MarkdownDocumentReader {
  private MarkdownDocumentReader() {}

  private static final Parser PARSER = Parser.builder().extensions(List.of(TablesExtension.create()))
      .includeSourceSpans(IncludeSourceSpans.BLOCKS).build();

  private static final Pattern MDX_LINE = Pattern.compile(
      "^\\s*(?:(?:import|export)\\s.*|</?[A-Z][\\w.]*(?:\\s[^<>]*)?/?>\\s*|:::\\s*\\w*.*)$");

  private static final Pattern ADMONITION = Pattern.compile("^(?:!!!|\\?\\?\\?\\+?)\\s*[\\w-]+(?:\\s+[\\w-]+)*(?:\\s+\"([^\"]*)\")?\\s*$");

  static SourceDocument read(String name, String text) {
    List<String> lines = new ArrayList<>(text.lines().toList());
    boolean frontMatter = !lines.isEmpty() && lines.getFirst().strip().equals("---");
    for (int i = 0; i < lines.size(); i++) {
      String l = lines.get(i);
      if (frontMatter) {
        if (i > 0 && l.strip().equals("---")) frontMatter = false;
        lines.set(i, "");
        continue;
      }
      if (MDX_LINE.matcher(l).matches()) lines.set(i, "");
      else if (ADMONITION.matcher(l).matches()) {
        // MkDocs admonitions ("!!! note", "??? example \"Both TCP and UDP on Port 3179\""): the title is kept as a line of
        // prose and the body, indented by four spaces, is read as what it is (prose, lists, fenced code), not as one code block.
        var title = ADMONITION.matcher(l);
        title.matches();
        lines.set(i, title.group(1) == null ? "" : title.group(1));
        for (int k = i + 1; k < lines.size() && (lines.get(k).isBlank() || lines.get(k).startsWith("    ") || lines.get(k).startsWith("\t")); k++)
          lines.set(k, lines.get(k).startsWith("\t") ? lines.get(k).substring(1) : lines.get(k).isBlank() ? "" : lines.get(k).substring(4));
      }
    }
    Node doc = PARSER.parse(String.join("\n", lines));
    List<Block> blocks = new ArrayList<>();
    walk(doc, blocks, name);
    return new SourceDocument(name, blocks);
  }

  private static int line(Node n) {
    var spans = n.getSourceSpans();
    return spans.isEmpty() ? 1 : spans.getFirst().getLineIndex() + 1;
  }

  private static void walk(Node parent, List<Block> out, String name) {
    for (Node n = parent.getFirstChild(); n != null; n = n.getNext()) {
      switch (n) {
        case Heading h -> add(out, new SourceDocument.Heading(line(h), text(h)));
        case Paragraph p -> {
          if (p.getParent() instanceof ListItem li && p == li.getFirstChild()) continue;
          add(out, new SourceDocument.Paragraph(line(p), text(p)));
        }
        case ListItem li -> {
          StringBuilder b = new StringBuilder();
          if (li.getFirstChild() instanceof Paragraph p) b.append(text(p));
          add(out, new SourceDocument.ListItem(line(li), b.toString().strip()));
          walk(li, out, name);
        }
        case TableBlock t -> out.add(table(t));
        case HtmlBlock h -> {
          int base = line(h) - 1;
          for (Block b : HtmlDocumentReader.read(name, h.getLiteral()).blocks()) out.add(SourceDocument.shifted(b, base));
        }
        case FencedCodeBlock c -> out.add(new SourceDocument.Code(line(c) + 1, c.getLiteral()));
        case IndentedCodeBlock c -> out.add(new SourceDocument.Code(line(c), c.getLiteral()));
        case BlockQuote q -> walk(q, out, name);
        default -> walk(n, out, name);
      }
    }
  }

  private static void add(List<Block> out, Block b) {
    String t = switch (b) {
      case SourceDocument.Heading h -> h.text();
      case SourceDocument.Paragraph p -> p.text();
      case SourceDocument.ListItem li -> li.text();
      case Table x -> "x";
      case SourceDocument.Code c -> c.text();
    };
    if (!t.isBlank()) out.add(b);
  }

  private static Table table(TableBlock t) {
    List<String> header = List.of();
    List<Row> rows = new ArrayList<>();
    for (Node section = t.getFirstChild(); section != null; section = section.getNext()) {
      for (Node r = section.getFirstChild(); r != null; r = r.getNext()) {
        if (!(r instanceof TableRow row)) continue;
        List<String> cells = new ArrayList<>();
        for (Node c = row.getFirstChild(); c != null; c = c.getNext()) if (c instanceof TableCell cell) cells.add(text(cell));
        if (section instanceof TableHead) header = cells;
        else rows.add(new Row(line(row), cells));
      }
    }
    return new Table(line(t), Shape.PIPE, header, rows);
  }

  /** The text of an inline container: code spans kept, {@code <br>}, list items and line breaks as "; ", other tags dropped. */
  static String text(Node n) {
    StringBuilder b = new StringBuilder();
    collect(n, b);
    return TextDocumentReader.clean(b.toString());
  }

  private static void collect(Node n, StringBuilder b) {
    for (Node c = n.getFirstChild(); c != null; c = c.getNext()) {
      switch (c) {
        case Text t -> b.append(t.getLiteral());
        case Code code -> b.append(code.getLiteral());
        case HtmlInline h -> {
          // "<br>", and each "<li>" or "<p>" of an HTML list in a cell, starts a part of its own.
          if (h.getLiteral().matches("(?i)<br\\s*/?>|<(?:li|p)(?:\\s[^>]*)?>|</(?:ul|ol)>")) b.append("; ");
          else b.append(' ');
        }
        case SoftLineBreak s -> b.append(' ');
        case HardLineBreak s -> b.append("; ");
        default -> collect(c, b);
      }
    }
  }
}
