package org.portolan.compile;

import java.util.List;

/**
 * The rules of one firewall (or of one host of a host firewall): permits on top of a default
 * drop. {@code notes} are said in the output (loopback flows, compile-time resolution,
 * approximations); {@code refused} lists flows the dialect could not express (only present
 * when the caller asked for a partial result).
 */
public record RuleSet(String name, String site, String firewall, Kind kind, List<Rule> rules, List<String> notes, List<Refusal> refused) {
  public enum Kind {
    /** From a flows file: works as the responders' host firewall and as a network firewall. */
    STANDALONE,
    /** The host firewall of one host. */
    HOST,
    /** A network firewall between zones. */
    NETWORK
  }

  public RuleSet {
    if (name == null || name.isBlank()) throw new IllegalArgumentException("a rule set needs a name");
    site = site == null ? "" : site;
    rules = List.copyOf(rules);
    notes = List.copyOf(notes);
    refused = List.copyOf(refused);
  }

  /** A flow the dialect cannot express, and why. */
  public record Refusal(String flow, String reason) {}

  public boolean hasOutbound() {
    return rules.stream().anyMatch(r -> r.placement() instanceof Placement.Outbound);
  }
}
