package org.portolan.docimport;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.parser.Parser;
import org.portolan.docimport.SourceDocument.Block;
import org.portolan.docimport.SourceDocument.Heading;
import org.portolan.docimport.SourceDocument.ListItem;
import org.portolan.docimport.SourceDocument.Paragraph;
import org.portolan.docimport.SourceDocument.Row;
import org.portolan.docimport.SourceDocument.Shape;
import org.portolan.docimport.SourceDocument.Table;

/**
 * Reads an HTML page with jsoup (position tracking on, so every block keeps its input line):
 * headings, paragraphs, list items and tables ({@code th} header or a header-like first row,
 * {@code rowspan} and {@code colspan} spread over the cells they cover). Runs of list items
 * that are port lines ("TCP 88 (Kerberos)") become a port-list table as in text documents.
 */
final class HtmlDocumentReader {
  private HtmlDocumentReader() {}

  static SourceDocument read(String name, String html) {
    Parser parser = Parser.htmlParser().setTrackPosition(true);
    Document doc = Jsoup.parse(html, "", parser);
    // Site-generator chrome (Docusaurus, Sphinx, MkDocs, Read the Docs): menus, sidebars, tables of contents, footers.
    doc.select(CHROME).remove();
    // A footnote mark ("TCP 8181 (HTTP) <sup>1</sup>", "<sup>[2]</sup>") is a reference, not a number of the text: it is kept
    // as a superscript mark ("TCP/UDP¹"), as Markdown and text pages write it, which no reader takes for a number.
    doc.select("sup").forEach(sup -> {
      String mark = sup.text().strip();
      if (mark.matches("\\[?\\d{1,2}\\]?|[*\u2020\u2021]")) sup.replaceWith(new TextNode(superscript(mark.replaceAll("[\\[\\]]", ""))));
    });
    // A table laid out as the article's frame (a knowledge-base article's "Issue | Resolution" fields) is read as its content.
    doc.select("table").forEach(t -> {
      if (layoutTable(t)) t.attr(LAYOUT, "");
    });
    // A <br> inside a cell or item separates its parts.
    doc.select("br").forEach(br -> br.replaceWith(new TextNode(" ; ")));
    // So does each paragraph or list item of a cell after the first ("<td><p>80 (HTTP)</p><p>443 (HTTPS)</p></td>").
    doc.select("td p, td li, th p, th li").forEach(e -> {
      Element t = e.closest("table");
      if (t != null && t.hasAttr(LAYOUT)) return;
      if (e.previousElementSibling() != null && e.previousElementSibling().normalName().equals(e.normalName())) e.before(new TextNode(" ; "));
    });
    List<Block> blocks = new ArrayList<>();
    walk(doc.body(), blocks);
    return new SourceDocument(name, groupPortLists(blocks));
  }

  private static final String LAYOUT = "data-portolan-layout";

  /**
   * A table that frames the page rather than tabulating data: rows of at most a label and a value, one value holding a
   * preformatted listing (RSA, Broadcom and ServiceNow knowledge-base articles put "Applies To", "Issue" and
   * "Resolution" in such a table, the resolution with its listings of ports). A data table with a command in a cell has
   * more columns and stays a table.
   */
  private static boolean layoutTable(Element table) {
    boolean listing = false;
    for (Element tr : ownRows(table)) {
      int cells = 0;
      for (Element cell : tr.children()) {
        if (!cell.is("td, th")) continue;
        cells++;
        if (cell.selectFirst("pre") != null) listing = true;
      }
      if (cells > 2) return false;
    }
    return listing;
  }

  private static List<Element> ownRows(Element table) {
    List<Element> trs = table.select("tr");
    trs.removeIf(tr -> tr.closest("table") != table);
    return trs;
  }

  /** The rows of a layout table: each label as a heading, each value read as the blocks it holds. */
  private static void layoutRows(Element table, List<Block> out) {
    for (Element tr : ownRows(table)) {
      for (Element cell : tr.children()) {
        if (cell.normalName().equals("th")) addText(cell, out, true, false);
        else if (cell.normalName().equals("td")) walk(cell, out);
      }
    }
  }

  private static final String SUPERSCRIPT_DIGITS = "\u2070\u00b9\u00b2\u00b3\u2074\u2075\u2076\u2077\u2078\u2079";

  /** "1" as "¹", "12" as "¹²"; a star or dagger as itself. */
  private static String superscript(String mark) {
    StringBuilder b = new StringBuilder();
    for (char c : mark.toCharArray()) b.append(c >= '0' && c <= '9' ? SUPERSCRIPT_DIGITS.charAt(c - '0') : c);
    return b.toString();
  }

  static final String CHROME = String.join(", ", "nav", "header", "footer", "aside", "[role=navigation]", "[role=banner]",
      "[role=contentinfo]", "[role=search]", ".navbar", ".theme-doc-sidebar-container", ".theme-doc-toc-desktop", ".theme-doc-toc-mobile",
      ".table-of-contents", ".pagination-nav", ".theme-doc-breadcrumbs", ".theme-edit-this-page", ".sphinxsidebar", ".related",
      "a.headerlink", ".wy-nav-side", ".rst-versions", ".md-header", ".md-sidebar", ".md-footer", ".md-tabs", ".md-source-file",
      ".skip-link", ".sr-only", ".visually-hidden");

  private static int line(Node e) {
    int l = e.sourceRange().start().lineNumber();
    return Math.max(l, 1);
  }

  private static void walk(Element parent, List<Block> out) {
    for (Node child : parent.childNodes()) node(child, out);
  }

  private static void node(Node child, List<Block> out) {
    {
      if (child instanceof TextNode tn) {
        String t = TextDocumentReader.clean(tn.text());
        if (!t.isEmpty()) out.add(new Paragraph(line(tn), t));
        return;
      }
      if (!(child instanceof Element e)) return;
      switch (e.normalName()) {
        case "h1", "h2", "h3", "h4", "h5", "h6", "caption" -> addText(e, out, true, false);
        case "table" -> {
          if (e.hasAttr(LAYOUT)) layoutRows(e, out);
          else out.add(table(e));
        }
        case "li" -> {
          if (e.selectFirst("table, ul, ol, dl") != null) {
            Element own = e.clone();
            own.select("table, ul, ol, dl").remove();
            String t = TextDocumentReader.clean(own.text());
            if (!t.isEmpty()) out.add(new ListItem(line(e), t));
            for (Element c : e.children()) if (c.is("table, ul, ol, dl") || c.selectFirst("table, ul, ol, dl") != null) node(c, out);
          } else addText(e, out, false, true);
        }
        case "dl" -> definitions(e, out);
        case "pre" -> out.addAll(ColumnAlignedTable.inListing(line(e), e.wholeText()));
        case "p", "dt", "dd", "td", "th" -> {
          if (e.selectFirst("table") != null) walk(e, out);
          else addText(e, out, false, false);
        }
        case "script", "style", "noscript", "template", "head" -> { }
        default -> walk(e, out);
      }
    }
  }

  /** A definition list: each term with its definition, as one item ("22000/TCP: sync protocol traffic"). */
  private static void definitions(Element dl, List<Block> out) {
    String term = null;
    int termLine = 0;
    for (Element c : dl.children()) {
      if (c.normalName().equals("dt")) {
        if (term != null) out.add(new ListItem(termLine, term));
        term = TextDocumentReader.clean(c.text());
        termLine = line(c);
      } else if (c.normalName().equals("dd")) {
        if (c.selectFirst("table, dl") != null) {
          if (term != null) out.add(new ListItem(termLine, term));
          term = null;
          walk(c, out);
          continue;
        }
        String d = TextDocumentReader.clean(c.text());
        out.add(new ListItem(term == null ? line(c) : termLine, term == null ? d : term + ": " + d));
        term = null;
      } else {
        walk(c, out);
      }
    }
    if (term != null) out.add(new ListItem(termLine, term));
  }

  private static void addText(Element e, List<Block> out, boolean heading, boolean item) {
    String t = TextDocumentReader.clean(e.text());
    if (t.isEmpty()) return;
    int l = line(e);
    out.add(heading ? new Heading(l, t) : item ? new ListItem(l, t) : new Paragraph(l, t));
  }

  private static Table table(Element table) {
    // Nested tables keep their own rows.
    List<Element> trs = ownRows(table);
    List<String> header = List.of();
    List<Row> rows = new ArrayList<>();
    Map<Integer, String> carried = new HashMap<>();
    Map<Integer, Integer> carriedLeft = new HashMap<>();
    boolean first = true;
    for (Element tr : trs) {
      List<String> cells = new ArrayList<>();
      boolean allTh = true;
      int col = 0;
      for (Element cell : tr.children()) {
        if (!cell.normalName().equals("td") && !cell.normalName().equals("th")) continue;
        while (carriedLeft.getOrDefault(col, 0) > 0) {
          cells.add(carried.get(col));
          carriedLeft.merge(col, -1, Integer::sum);
          col++;
        }
        if (!cell.normalName().equals("th")) allTh = false;
        String text = TextDocumentReader.clean(cell.text());
        int span = Math.min(parseSpan(cell.attr("colspan")), 50);
        int down = Math.min(parseSpan(cell.attr("rowspan")), 1000);
        for (int s = 0; s < span; s++) {
          cells.add(text);
          if (down > 1) {
            carried.put(col, text);
            carriedLeft.put(col, down - 1);
          }
          col++;
        }
      }
      while (carriedLeft.getOrDefault(col, 0) > 0) {
        cells.add(carried.get(col));
        carriedLeft.merge(col, -1, Integer::sum);
        col++;
      }
      if (cells.isEmpty()) continue;
      // A first row of one cell spread over the whole table is its caption ("TABLE 1: Key protocols").
      if (first && cells.size() > 1 && cells.stream().distinct().count() == 1 && tr.children().size() == 1) continue;
      boolean inHead = tr.parent() != null && tr.parent().normalName().equals("thead");
      if (first && (allTh || inHead || TextDocumentReader.looksLikeHeader(cells))) header = cells;
      else rows.add(new Row(line(tr), cells));
      first = false;
    }
    return new Table(line(table), Shape.HTML, header, rows);
  }

  private static int parseSpan(String s) {
    try {
      int v = Integer.parseInt(s.strip());
      return Math.max(v, 1);
    } catch (NumberFormatException e) {
      return 1;
    }
  }

  private static List<Block> groupPortLists(List<Block> blocks) {
    List<Block> out = new ArrayList<>();
    int i = 0;
    while (i < blocks.size()) {
      int j = i;
      List<Row> rows = new ArrayList<>();
      while (j < blocks.size() && portLine(blocks.get(j)) != null) {
        rows.add(new Row(blocks.get(j).line(), List.of(portLine(blocks.get(j)))));
        j++;
      }
      if (rows.size() >= 2) {
        out.add(new Table(blocks.get(i).line(), Shape.PORT_LIST, List.of("Port"), rows));
        i = j;
      } else {
        out.add(blocks.get(i));
        i++;
      }
    }
    return out;
  }

  private static String portLine(Block b) {
    return switch (b) {
      case ListItem li -> TextDocumentReader.isPortLine(li.text()) ? li.text() : null;
      case Paragraph p -> TextDocumentReader.isPortLine(p.text()) ? p.text() : null;
      case Heading h -> null;
      case Table t -> null;
      case SourceDocument.Code c -> null;
    };
  }
}
