package org.portolan.verify;

import org.portolan.ingest.acl.LineSource;

/**
 * A line that permits traffic no requirement needs: what it permits beyond the requirements
 * ({@code beyond}, summarised) and one concrete packet of it. {@code verified} is false when
 * the finding rests on a line whose construct is not modelled ("not verified").
 */
public record Excess(LineSource rule, String path, String beyond, Packet example, boolean verified) {
  public Excess(LineSource rule, String path, String beyond, Packet example) {
    this(rule, path, beyond, example, true);
  }

  /** A concrete new-connection packet: addresses, protocol, destination port (or ICMP type/code). */
  public record Packet(String src, String dst, String proto, String port) {}
}
