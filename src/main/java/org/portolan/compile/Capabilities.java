package org.portolan.compile;

import java.util.Set;

/**
 * What a dialect can express. The compiler refuses (naming the flow) what a dialect cannot
 * express, or expands it exactly (port lists into several rules); it never widens. Dialects
 * declare theirs with {@link #builder()}, which starts from nothing (fail closed):
 * {@code Capabilities.builder().icmp().icmpTypes().otherProtocols(ANY_PROTOCOL).portLists().stateful().ipv6().build()}.
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
    return builder().fqdn().wildcardFqdn().icmp().icmpTypes().otherProtocols(ANY_PROTOCOL).portLists().stateful().ipv6().interfaces().build();
  }

  /** Nothing yet: each capability is named as it is added. */
  public static Builder builder() {
    return new Builder();
  }

  /** Names each capability a dialect has; what is not named it does not have. */
  public static final class Builder {
    private boolean fqdn, wildcardFqdn, icmp, icmpTypes, portLists, stateful, ipv6, interfaces;
    private Set<Integer> otherProtocols = Set.of();

    private Builder() {}

    public Builder fqdn() { fqdn = true; return this; }

    public Builder wildcardFqdn() { wildcardFqdn = true; return this; }

    public Builder icmp() { icmp = true; return this; }

    public Builder icmpTypes() { icmpTypes = true; return this; }

    public Builder otherProtocols(Set<Integer> numbers) { otherProtocols = Set.copyOf(numbers); return this; }

    public Builder portLists() { portLists = true; return this; }

    public Builder stateful() { stateful = true; return this; }

    public Builder ipv6() { ipv6 = true; return this; }

    public Builder interfaces() { interfaces = true; return this; }

    public Capabilities build() {
      return new Capabilities(fqdn, wildcardFqdn, icmp, icmpTypes, otherProtocols, portLists, stateful, ipv6, interfaces);
    }
  }

  public boolean otherProtocol(int number) {
    return otherProtocols.contains(number);
  }
}
