package org.portolan.plan;

import java.util.List;
import org.portolan.diag.Diagnostic;

/**
 * The resolved, concrete flows of a deployment (or of a flows file). Every later stage —
 * compile, verify, probe, capture, render — consumes this.
 *
 * @param notes what resolution decided that a person should know (roles deliberately not
 *     deployed, requirements switched off), never errors
 */
public record FlowPlan(String site, List<Flow> flows, List<Diagnostic> notes) {
  public FlowPlan {
    site = site == null ? "" : site;
    flows = List.copyOf(flows);
    notes = List.copyOf(notes);
  }
}
