package org.portolan.ingest.acl;

/**
 * An input or output interface condition: a name, a prefix when it ends in {@code +}
 * (iptables) or {@code *} (nftables), possibly negated.
 */
public record InterfaceMatch(String name, boolean negated) {
  public InterfaceMatch {
    if (name == null || name.isBlank()) throw new IllegalArgumentException("interface name missing");
  }

  public boolean matches(String iface) {
    boolean m = name.endsWith("+") || name.endsWith("*")
        ? iface.startsWith(name.substring(0, name.length() - 1))
        : iface.equals(name);
    return m != negated;
  }

  public boolean isLoopback() {
    return name.equals("lo");
  }
}
