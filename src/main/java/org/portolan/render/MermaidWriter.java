package org.portolan.render;

/**
 * Mermaid flowchart source for a {@link Graph}, for Markdown viewers that render Mermaid
 * (GitLab, GitHub) and for reports when Graphviz is missing. A pure function.
 */
final class MermaidWriter {
  private MermaidWriter() {}

  static String write(Graph g) {
    StringBuilder b = new StringBuilder();
    b.append("---\ntitle: ").append(title(g.title())).append("\n---\n");
    b.append("flowchart LR\n");
    for (Graph.Cluster c : g.clusters()) {
      b.append("  subgraph ").append(c.id()).append("[").append(quote(c.label())).append("]\n");
      for (Graph.Node n : c.nodes()) b.append("    ").append(node(n)).append('\n');
      b.append("  end\n");
      if (c.external()) b.append("  style ").append(c.id()).append(" fill:#fff8e1,stroke:#ffb300\n");
    }
    for (Graph.Node n : g.looseNodes()) b.append("  ").append(node(n)).append('\n');
    int index = 0;
    StringBuilder styles = new StringBuilder();
    for (Graph.Edge e : g.edges()) {
      b.append("  ").append(e.from()).append(e.dashed() ? " -.->|" : " -->|").append(quote(String.join("\n", e.lines()))).append("| ").append(e.to()).append('\n');
      String colour = Graph.colour(e);
      if (!colour.equals(Graph.NEUTRAL)) styles.append("  linkStyle ").append(index).append(" stroke:").append(colour).append(",stroke-width:2px,color:").append(colour).append('\n');
      index++;
    }
    b.append(styles);
    if (!g.legend().isEmpty()) {
      b.append("  subgraph legend[\"Legend\"]\n");
      int i = 1;
      for (Graph.LegendEntry e : g.legend()) {
        b.append("    legend").append(i).append("[").append(quote((e.dashed() ? "dashed: " : "") + e.text())).append("]\n");
        i++;
      }
      b.append("  end\n");
      i = 1;
      for (Graph.LegendEntry e : g.legend()) {
        b.append("  style legend").append(i).append(" fill:#ffffff,stroke:").append(e.colour()).append(",color:").append(e.colour())
            .append(",stroke-width:2px").append(e.dashed() ? ",stroke-dasharray:4 3" : "").append('\n');
        i++;
      }
    }
    return b.toString();
  }

  private static String node(Graph.Node n) {
    StringBuilder label = new StringBuilder(n.label());
    for (String d : n.details()) label.append('\n').append(d);
    return n.id() + "[" + quote(label.toString()) + "]";
  }

  /**
   * A Mermaid quoted label. Mermaid reads {@code #name;} and {@code #123;} entity codes in
   * labels; quotes, {@code #}, angle brackets, ampersands and pipes are written as codes so
   * they cannot end the label or be taken for markup; line breaks become {@code <br/>}.
   */
  static String quote(String s) {
    StringBuilder b = new StringBuilder("\"");
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> b.append("#quot;");
        case '#' -> b.append("#35;");
        case '<' -> b.append("#lt;");
        case '>' -> b.append("#gt;");
        case '&' -> b.append("#amp;");
        case '|' -> b.append("#124;");
        case '`' -> b.append("#96;");
        case '\n' -> b.append("<br/>");
        case '\r' -> { }
        default -> b.append(c < 0x20 ? ' ' : c);
      }
    }
    return b.append('"').toString();
  }

  /** The front-matter title is YAML: written as a double-quoted YAML string. */
  private static String title(String s) {
    StringBuilder b = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      if (c == '"' || c == '\\') b.append('\\').append(c);
      else b.append(c < 0x20 ? ' ' : c);
    }
    return b.append('"').toString();
  }
}
