package org.portolan.ingest.acl;

import java.util.List;

/**
 * An input or output interface condition: one name or a set of names (nft
 * {@code iifname { "eth0", "eth1" }}), each a prefix when it ends in {@code +} (iptables) or
 * {@code *} (nftables); possibly negated (then none of them).
 */
public record InterfaceMatch(List<String> names, boolean negated) {
  public InterfaceMatch {
    names = List.copyOf(names);
    if (names.isEmpty() || names.stream().anyMatch(n -> n == null || n.isBlank())) throw new IllegalArgumentException("interface name missing");
  }

  public InterfaceMatch(String name, boolean negated) {
    this(List.of(name == null ? "" : name), negated);
  }

  /** The name (the first of a set). */
  public String name() {
    return names.getFirst();
  }

  public boolean matches(String iface) {
    boolean m = false;
    for (String name : names)
      m |= name.endsWith("+") || name.endsWith("*") ? iface.startsWith(name.substring(0, name.length() - 1)) : iface.equals(name);
    return m != negated;
  }

  /** Only loopback traffic matches (lo, or a set of only lo). */
  public boolean isLoopback() {
    return names.stream().allMatch(n -> n.equals("lo"));
  }
}
