package org.portolan.model;

import inet.ipaddr.AddressStringException;
import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressSeqRange;
import inet.ipaddr.IPAddressString;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Parses the address notations users write — an IP, a CIDR, a range {@code a-b} — into
 * prefix blocks (IPAddress does the arithmetic), and tells FQDNs apart from addresses.
 */
public final class AddressBlocks {
  private AddressBlocks() {}

  private static final Pattern FQDN = Pattern.compile(
      "(\\*\\.)?([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)*[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.?", Pattern.CASE_INSENSITIVE);

  /** True for host names such as {@code repo.ops.xenserver.com} or {@code *.citrix.com}. */
  public static boolean isFqdn(String text) {
    String t = text.trim();
    return t.length() <= 253 && FQDN.matcher(t).matches() && t.chars().anyMatch(Character::isLetter)
        && !new IPAddressString(t).isIPAddress();
  }

  public static String normalizeFqdn(String text) {
    String t = text.trim().toLowerCase(Locale.ROOT);
    return t.endsWith(".") ? t.substring(0, t.length() - 1) : t;
  }

  /**
   * An IP ({@code 198.18.1.10}, {@code 2001:db8::1}), a CIDR whose host bits are zero
   * ({@code 198.18.0.0/24}) or a range ({@code 198.18.1.1-198.18.1.9}) as prefix blocks.
   * A CIDR with host bits set is refused rather than silently widened.
   */
  public static List<IPAddress> parse(String text) {
    String t = text.trim();
    int dash = t.indexOf('-');
    if (dash > 0 && !t.contains("/")) {
      IPAddress lo = single(t.substring(0, dash), text);
      IPAddress hi = single(t.substring(dash + 1), text);
      if (lo.getIPVersion() != hi.getIPVersion()) throw new IllegalArgumentException("range '" + text + "' mixes IPv4 and IPv6");
      if (lo.compareTo(hi) > 0) throw new IllegalArgumentException("range '" + text + "' starts after it ends");
      IPAddressSeqRange range = lo.spanWithRange(hi);
      return Arrays.asList(range.spanWithPrefixBlocks());
    }
    IPAddressString s = new IPAddressString(t);
    IPAddress a;
    try {
      a = s.toAddress();
    } catch (AddressStringException e) {
      throw new IllegalArgumentException("expected an IP address, CIDR or range a-b, got '" + text + "'");
    }
    if (a == null || a.isMultiple() && !a.isPrefixBlock() || (!s.isIPAddress()))
      throw new IllegalArgumentException("expected an IP address, CIDR or range a-b, got '" + text + "'");
    if (a.isPrefixed()) {
      if (!a.isPrefixBlock()) {
        IPAddress net = a.toPrefixBlock();
        throw new IllegalArgumentException("'" + text + "' has host bits set; write the network " + net.toCanonicalString() + " or the host " + a.withoutPrefixLength().toCanonicalString());
      }
      return List.of(a);
    }
    return List.of(a.toPrefixBlock(a.getBitCount()));
  }

  private static IPAddress single(String part, String whole) {
    IPAddressString s = new IPAddressString(part.trim());
    IPAddress a = s.getAddress();
    if (a == null || a.isMultiple() || a.isPrefixed())
      throw new IllegalArgumentException("expected a range of two IP addresses a-b, got '" + whole + "'");
    return a;
  }

  /** The shortest text for a block: a bare address for a single host, CIDR otherwise. */
  public static String notation(IPAddress block) {
    Integer prefix = block.getNetworkPrefixLength();
    if (prefix == null || prefix == block.getBitCount()) return block.withoutPrefixLength().toCanonicalString();
    return block.toPrefixLengthString();
  }

  /** Merges blocks into the fewest prefix blocks covering exactly the same addresses, per IP version. */
  public static List<IPAddress> merge(List<IPAddress> blocks) {
    List<IPAddress> v4 = new ArrayList<>(), v6 = new ArrayList<>();
    for (IPAddress b : blocks) (b.isIPv4() ? v4 : v6).add(b);
    List<IPAddress> out = new ArrayList<>();
    for (List<IPAddress> family : List.of(v4, v6)) {
      if (family.isEmpty()) continue;
      IPAddress first = family.getFirst();
      IPAddress[] rest = family.subList(1, family.size()).toArray(new IPAddress[0]);
      out.addAll(Arrays.asList(first.mergeToPrefixBlocks(rest)));
    }
    return out;
  }
}
