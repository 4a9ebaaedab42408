package org.portolan.ingest.acl;

import java.util.Optional;

/**
 * A zone-based firewall's (SRX, PAN-OS) chain for the traffic from one zone to another, named
 * {@code zones:FROM>TO}: the importers name their chains with it and change reads the zones back
 * from the chain name, so the name is written and parsed here only.
 */
public record ZonePair(String from, String to) {
  private static final String PREFIX = "zones:";

  /** {@code FROM>TO}, as the importers key their zone pairs. */
  public static ZonePair parse(String pair) {
    int gt = pair.indexOf('>');
    if (gt < 0) throw new IllegalArgumentException("not a zone pair FROM>TO: " + pair);
    return new ZonePair(pair.substring(0, gt), pair.substring(gt + 1));
  }

  /** The pair a chain is for, if it is a zone-pair chain. */
  public static Optional<ZonePair> ofChain(String chain) {
    return chain.startsWith(PREFIX) ? Optional.of(parse(chain.substring(PREFIX.length()))) : Optional.empty();
  }

  /** The chain's name: {@code zones:FROM>TO}. */
  public String chain() {
    return PREFIX + from + ">" + to;
  }
}
