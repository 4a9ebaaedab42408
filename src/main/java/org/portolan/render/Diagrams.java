package org.portolan.render;

import java.util.Optional;
import org.portolan.deployment.Deployment;
import org.portolan.model.Product;
import org.portolan.plan.FlowPlan;

/**
 * Connection diagrams of a product (its roles) or of a site (hosts and groups by zone,
 * coloured by results). DOT and Mermaid are pure functions; SVG runs Graphviz.
 */
public final class Diagrams {
  private Diagrams() {}

  public enum Format { DOT, SVG, MERMAID }

  public static String dot(Product product) {
    return DotWriter.write(GraphBuilder.product(product));
  }

  public static String mermaid(Product product) {
    return MermaidWriter.write(GraphBuilder.product(product));
  }

  public static String dot(FlowPlan plan, Optional<Deployment> deployment, Results results) {
    return DotWriter.write(GraphBuilder.deployment(plan, deployment, results));
  }

  public static String mermaid(FlowPlan plan, Optional<Deployment> deployment, Results results) {
    return MermaidWriter.write(GraphBuilder.deployment(plan, deployment, results));
  }

  /** One box per zone, arrows counting the flows that cross between zones. */
  public static String zonesDot(FlowPlan plan, Optional<Deployment> deployment, Results results) {
    return DotWriter.write(GraphBuilder.zones(plan, deployment, results));
  }

  public static String zonesMermaid(FlowPlan plan, Optional<Deployment> deployment, Results results) {
    return MermaidWriter.write(GraphBuilder.zones(plan, deployment, results));
  }

  /** SVG from DOT by running Graphviz; throws {@link GraphvizMissingException} when it is not installed. */
  public static String svg(String dot) {
    return Graphviz.svg(dot);
  }

  public static boolean graphvizAvailable() {
    return Graphviz.available();
  }

  /** Graphviz's {@code dot} is not installed: the caller should say so (exit code 4). */
  public static final class GraphvizMissingException extends RuntimeException {
    GraphvizMissingException(String message) {
      super(message);
    }
  }
}
