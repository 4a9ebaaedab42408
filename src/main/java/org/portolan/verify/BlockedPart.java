package org.portolan.verify;

import org.portolan.ingest.acl.LineSource;

/**
 * A blocked part of a required flow: which sources, destinations and ports, the line that
 * blocks it, and which packets of the connection are dropped: {@code new} (the opening
 * packet), {@code reply} (server to client) or {@code established} (later client packets).
 */
public record BlockedPart(String src, String dst, String proto, String ports, LineSource rule, String traffic) {
  public BlockedPart {
    if (!java.util.Set.of("new", "reply", "established").contains(traffic)) throw new IllegalArgumentException("traffic must be new, reply or established");
  }
}
