package org.portolan.change;

import java.util.List;
import org.portolan.ingest.acl.LineSource;
import org.portolan.ingest.acl.Space;

/**
 * A proposal of {@code --tighten}: remove {@code line} (and, for an over-broad line, put the
 * narrowed lines {@code replacement} in its place), with the required flows that rely on it.
 *
 * @param extra for an excess line: what it permits beyond the requirements, and an example packet
 */
public record Tightening(Kind kind, String chain, LineSource line, String extra, Space replacement, List<String> dependents, String note) {
  public enum Kind { EXCESS, SHADOWED, REDUNDANT }

  public Tightening {
    dependents = List.copyOf(dependents);
  }
}
