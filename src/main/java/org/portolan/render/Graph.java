package org.portolan.render;

import java.util.List;
import java.util.Optional;

/**
 * A connection diagram independent of its notation: clusters of nodes (zones, or a
 * product's components and its external endpoints), arrows from initiator to responder and
 * a legend. {@link DotWriter} and {@link MermaidWriter} turn it into text; both rely on the
 * builders having sorted everything, so the output is the same on every run.
 */
record Graph(String title, List<Cluster> clusters, List<Node> looseNodes, List<Edge> edges, List<LegendEntry> legend) {
  Graph {
    clusters = List.copyOf(clusters);
    looseNodes = List.copyOf(looseNodes);
    edges = List.copyOf(edges);
    legend = List.copyOf(legend);
  }

  /** A box; {@code details} are further lines under the label (addresses, FQDNs). */
  record Node(String id, String label, List<String> details, String tooltip) {
    Node {
      details = List.copyOf(details);
      tooltip = tooltip == null ? "" : tooltip;
    }
  }

  /** A group of nodes drawn together; {@code external} ones are drawn apart and tinted. */
  record Cluster(String id, String label, boolean external, List<Node> nodes) {
    Cluster {
      nodes = List.copyOf(nodes);
    }
  }

  /** An arrow; {@code lines} are its label's lines; a status colours it, dashed means conditional. */
  record Edge(String from, String to, List<String> lines, String tooltip, Optional<Status> status, boolean dashed) {
    Edge {
      lines = List.copyOf(lines);
      tooltip = tooltip == null ? "" : tooltip;
    }
  }

  /** One legend line: a coloured (possibly dashed) arrow and what it means. */
  record LegendEntry(String text, String colour, boolean dashed) {}

  /** Colour of arrows that carry no status. */
  static final String NEUTRAL = "#37474f";

  static String colour(Edge e) {
    return e.status().map(Status::colour).orElse(NEUTRAL);
  }
}
