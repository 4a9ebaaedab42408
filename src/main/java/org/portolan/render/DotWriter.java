package org.portolan.render;

import java.util.List;

/** Graphviz DOT for a {@link Graph}: a pure function, the same text for the same graph. */
final class DotWriter {
  private DotWriter() {}

  static String write(Graph g) {
    StringBuilder b = new StringBuilder();
    b.append("digraph portolan {\n");
    b.append("  graph [rankdir=LR, fontname=\"Helvetica\", fontsize=13, labelloc=t, label=").append(quote(g.title()))
        .append(", nodesep=0.35, ranksep=1.1, compound=true];\n");
    b.append("  node [shape=box, style=\"rounded,filled\", fillcolor=\"#eef3f8\", color=\"#546e7a\", fontname=\"Helvetica\", fontsize=10];\n");
    b.append("  edge [fontname=\"Helvetica\", fontsize=9, color=\"").append(Graph.NEUTRAL).append("\", fontcolor=\"").append(Graph.NEUTRAL)
        .append("\", arrowsize=0.7];\n");
    for (Graph.Cluster c : g.clusters()) {
      b.append("  subgraph cluster_").append(c.id()).append(" {\n");
      b.append("    label=").append(quote(c.label())).append(";\n");
      if (c.external()) b.append("    style=\"rounded,filled\"; fillcolor=\"#fff8e1\"; color=\"#ffb300\";\n");
      else b.append("    style=\"rounded\"; color=\"#90a4ae\";\n");
      b.append("    fontsize=11;\n");
      for (Graph.Node n : c.nodes()) b.append("    ").append(node(n, c.external())).append('\n');
      b.append("  }\n");
    }
    for (Graph.Node n : g.looseNodes()) b.append("  ").append(node(n, false)).append('\n');
    for (Graph.Edge e : g.edges()) {
      String colour = Graph.colour(e);
      b.append("  ").append(e.from()).append(" -> ").append(e.to()).append(" [label=").append(quote(String.join("\n", e.lines())));
      if (!colour.equals(Graph.NEUTRAL)) b.append(", color=\"").append(colour).append("\", fontcolor=\"").append(colour).append("\", penwidth=1.6");
      if (e.dashed()) b.append(", style=dashed");
      if (!e.tooltip().isEmpty()) b.append(", tooltip=").append(quote(e.tooltip()));
      b.append("];\n");
    }
    if (!g.legend().isEmpty()) {
      b.append("  subgraph cluster_legend {\n");
      b.append("    label=\"Legend\"; style=\"rounded\"; color=\"#b0bec5\"; fontsize=10;\n");
      b.append("    legend [shape=plaintext, style=\"\", label=<").append(legendTable(g.legend())).append(">];\n");
      b.append("  }\n");
    }
    b.append("}\n");
    return b.toString();
  }

  private static String node(Graph.Node n, boolean external) {
    StringBuilder label = new StringBuilder(n.label());
    for (String d : n.details()) label.append('\n').append(d);
    StringBuilder b = new StringBuilder(n.id()).append(" [label=").append(quote(label.toString()));
    if (external) b.append(", fillcolor=\"#ffecb3\"");
    if (!n.tooltip().isEmpty()) b.append(", tooltip=").append(quote(n.tooltip()));
    return b.append("];").toString();
  }

  private static String legendTable(List<Graph.LegendEntry> entries) {
    StringBuilder b = new StringBuilder("<table border=\"0\" cellborder=\"0\" cellspacing=\"2\">");
    for (Graph.LegendEntry e : entries) {
      String arrow = e.dashed() ? "- - -&gt;" : "——&gt;";
      b.append("<tr><td align=\"left\"><font color=\"").append(html(e.colour())).append("\">").append(arrow)
          .append("</font></td><td align=\"left\">").append(html(e.text())).append("</td></tr>");
    }
    return b.append("</table>").toString();
  }

  /**
   * A DOT double-quoted string. Inside one, Graphviz reads {@code \"} as a quote and
   * backslash escapes such as {@code \n}, {@code \l}, {@code \N}; so backslashes are doubled,
   * quotes escaped, and line breaks become {@code \n} (centred lines).
   */
  static String quote(String s) {
    StringBuilder b = new StringBuilder("\"");
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '\\' -> b.append("\\\\");
        case '"' -> b.append("\\\"");
        case '\n' -> b.append("\\n");
        case '\r' -> { }
        default -> b.append(c < 0x20 ? ' ' : c);
      }
    }
    return b.append('"').toString();
  }

  /** Text inside a Graphviz HTML-like label. */
  static String html(String s) {
    return Html.escape(s);
  }
}
