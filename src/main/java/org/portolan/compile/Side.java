package org.portolan.compile;

import inet.ipaddr.IPAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.portolan.model.AddressBlocks;

/**
 * One side (source or destination) of a rule: prefix blocks of one IP version, or FQDNs —
 * never a mix, so every dialect can render it in one match. {@code names} are the host,
 * group or FQDN names it came from (for object names and comments).
 */
public record Side(List<IPAddress> blocks, List<String> fqdns, List<String> names) {
  public enum Kind { IPV4, IPV6, FQDN }

  public Side {
    blocks = List.copyOf(blocks);
    fqdns = List.copyOf(new TreeSet<>(fqdns));
    names = List.copyOf(new TreeSet<>(names));
    if (blocks.isEmpty() == fqdns.isEmpty()) throw new IllegalArgumentException("a side holds either address blocks or FQDNs");
    if (!blocks.isEmpty() && blocks.stream().map(IPAddress::isIPv4).distinct().count() > 1)
      throw new IllegalArgumentException("a side holds one IP version");
  }

  public static Side of(List<IPAddress> blocks, String name) {
    return new Side(AddressBlocks.merge(blocks), List.of(), List.of(name));
  }

  public static Side fqdn(String fqdn, String name) {
    return new Side(List.of(), List.of(fqdn), List.of(name));
  }

  public Kind kind() {
    if (!fqdns.isEmpty()) return Kind.FQDN;
    return blocks.getFirst().isIPv4() ? Kind.IPV4 : Kind.IPV6;
  }

  /**
   * The addresses this side matches, for grouping: equal spaces match the same packets (the
   * blocks are merged prefix blocks, and IPAddress equality compares the addresses).
   */
  public List<?> space() {
    return fqdns.isEmpty() ? blocks : fqdns;
  }

  /** Union with a side of the same kind: merged prefix blocks, joined names. */
  public Side union(Side other) {
    if (kind() != other.kind()) throw new IllegalArgumentException("cannot join " + kind() + " and " + other.kind());
    List<String> n = new ArrayList<>(names);
    n.addAll(other.names);
    if (kind() == Kind.FQDN) {
      List<String> f = new ArrayList<>(fqdns);
      f.addAll(other.fqdns);
      return new Side(List.of(), f, n);
    }
    List<IPAddress> b = new ArrayList<>(blocks);
    b.addAll(other.blocks);
    return new Side(AddressBlocks.merge(b), List.of(), n);
  }

  /** Union of sides of one kind, merging blocks once (equal spaces only join their names). */
  public static Side unionAll(List<Side> sides) {
    Side first = sides.getFirst();
    if (sides.size() == 1) return first;
    List<String> n = new ArrayList<>();
    boolean same = true;
    for (Side s : sides) {
      if (s.kind() != first.kind()) throw new IllegalArgumentException("cannot join " + first.kind() + " and " + s.kind());
      n.addAll(s.names);
      same &= s.space().equals(first.space());
    }
    if (same) return new Side(first.blocks, first.fqdns, n);
    if (first.kind() == Kind.FQDN) {
      List<String> f = new ArrayList<>();
      for (Side s : sides) f.addAll(s.fqdns);
      return new Side(List.of(), f, n);
    }
    List<IPAddress> b = new ArrayList<>();
    for (Side s : sides) b.addAll(s.blocks);
    return new Side(AddressBlocks.merge(b), List.of(), n);
  }

  /** Address notations ("198.18.1.0/24", a bare address for a host) or the FQDNs. */
  public List<String> notations() {
    return kind() == Kind.FQDN ? fqdns : blocks.stream().map(AddressBlocks::notation).toList();
  }

  /** Always CIDR ("198.18.1.1/32"), for dialects that want a prefix length on every block. */
  public List<String> cidrs() {
    return blocks.stream().map(b -> b.toPrefixBlock().toPrefixLengthString()).toList();
  }
}
