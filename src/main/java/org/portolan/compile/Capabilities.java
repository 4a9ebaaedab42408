package org.portolan.compile;

import java.util.Set;

/**
 * What a dialect can express. The compiler refuses (naming the flow) what a dialect cannot
 * express, or expands it exactly (port lists into several rules); it never widens.
 *
 * @param fqdn FQDN address objects (resolved by the firewall at run time)
 * @param wildcardFqdn FQDN objects of the form {@code *.example.com}
 * @param icmp ICMP at all
 * @param icmpTypes a single ICMP type (and code) rather than all of ICMP
 * @param otherProtocols IP protocol numbers other than tcp/udp/icmp it can match
 * @param portLists several ports/ranges in one rule; without it each range becomes a rule
 * @param stateful return traffic is allowed by connection tracking
 * @param ipv6 IPv6 addresses
 * @param interfaces rules can be bound to interfaces / zones of a network firewall
 */
public record Capabilities(
    boolean fqdn,
    boolean wildcardFqdn,
    boolean icmp,
    boolean icmpTypes,
    Set<Integer> otherProtocols,
    boolean portLists,
    boolean stateful,
    boolean ipv6,
    boolean interfaces) {

  /** Every IP protocol number (for dialects that match any protocol by number). */
  public static final Set<Integer> ANY_PROTOCOL = java.util.stream.IntStream.rangeClosed(0, 255).boxed().collect(java.util.stream.Collectors.toUnmodifiableSet());

  public Capabilities {
    otherProtocols = Set.copyOf(otherProtocols);
    if (wildcardFqdn && !fqdn) throw new IllegalArgumentException("wildcard FQDNs need FQDN support");
    if (icmpTypes && !icmp) throw new IllegalArgumentException("ICMP types need ICMP support");
  }

  /** A documentation dialect (sheet, Markdown): it can write down anything. */
  public static Capabilities everything() {
    return new Capabilities(true, true, true, true, ANY_PROTOCOL, true, true, true, true);
  }

  public boolean otherProtocol(int number) {
    return otherProtocols.contains(number);
  }
}
