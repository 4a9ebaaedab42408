package org.portolan.ingest.iptables;

import java.util.List;
import java.util.Optional;

/**
 * One {@code -A} line of iptables-save, as the vendor wrote it: each condition is kept with
 * its negation, still in iptables terms. Built by {@link IptablesSaveParser}, converted by
 * {@link IptablesConverter}.
 */
record IptablesRule(
    String chain,
    int line,
    String text,
    Optional<Neg<String>> protocol,
    Optional<Neg<String>> source,
    Optional<Neg<String>> destination,
    Optional<Neg<String>> inInterface,
    Optional<Neg<String>> outInterface,
    Optional<Neg<String>> sourcePorts,
    Optional<Neg<String>> destinationPorts,
    Optional<Neg<String>> anyPorts,
    Optional<Neg<String>> states,
    Optional<Neg<String>> icmpType,
    Optional<Neg<String>> srcRange,
    Optional<Neg<String>> dstRange,
    boolean syn,
    Optional<Neg<String>> tcpFlags,
    Optional<String> comment,
    Target target,
    List<Unknown> unknown) {

  /** A value and whether it was preceded by {@code !}. */
  record Neg<T>(T value, boolean negated) {}

  /** An option the converter does not model, with its column. */
  record Unknown(String option, int column) {}

  /** {@code -j NAME} or {@code -g NAME} (goto), or no target at all. */
  record Target(String name, boolean gotoChain) {
    static final Target NONE = new Target("", false);
  }
}
