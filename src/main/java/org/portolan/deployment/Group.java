package org.portolan.deployment;

import inet.ipaddr.IPAddress;
import java.util.List;
import org.portolan.diag.SourcePosition;

/** A named set of networks (CIDRs, ranges as prefix blocks), e.g. all managed workstations. */
public record Group(String name, List<IPAddress> blocks, String zone, SourcePosition position) {
  public Group {
    blocks = List.copyOf(blocks);
    zone = zone == null ? "" : zone;
    if (blocks.isEmpty()) throw new IllegalArgumentException("group " + name + " needs at least one network");
  }
}
