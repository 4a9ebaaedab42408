package org.portolan.plan;

import org.portolan.catalog.Catalog;
import org.portolan.deployment.Deployment;
import org.portolan.diag.Diagnostics;

/** Resolves a deployment against the catalog into concrete flows. */
public final class Planner {
  private Planner() {}

  public static FlowPlan plan(Catalog catalog, Deployment deployment, Diagnostics d) {
    throw new UnsupportedOperationException("planning is being built");
  }
}
