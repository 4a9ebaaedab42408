package org.portolan.model;

import inet.ipaddr.AddressStringException;
import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressSeqRange;
import inet.ipaddr.IPAddressString;
import inet.ipaddr.IPAddressStringParameters;
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
    // the letter test first: it is the cheap one, and addresses (digits, dots, '/', '-') fail it
    return t.length() <= 253 && hasLetter(t) && FQDN.matcher(t).matches() && !new IPAddressString(t).isIPAddress();
  }

  private static boolean hasLetter(String t) {
    for (int i = 0; i < t.length(); i++) if (Character.isLetter(t.charAt(i))) return true;
    return false;
  }

  public static String normalizeFqdn(String text) {
    String t = text.trim().toLowerCase(Locale.ROOT);
    return t.endsWith(".") ? t.substring(0, t.length() - 1) : t;
  }

  /**
   * The one notation users write, and nothing the C library's {@code inet_aton} would also
   * take: dotted quads with four decimal parts and no leading zeros ({@code 010.0.0.1} is
   * octal 8.0.0.1 to some tools and 10.0.0.1 to others), IPv6 without zone ids, a prefix length
   * (never a mask such as {@code /255.255.0.0}, whose non-contiguous forms select other hosts),
   * no wildcards, no shortened {@code 198.18.1} or single-number {@code 10} forms.
   */
  static final IPAddressStringParameters STRICT = strict();

  private static IPAddressStringParameters strict() {
    IPAddressStringParameters.Builder b = new IPAddressStringParameters.Builder();
    b.allowEmpty(false);
    b.allowAll(false);
    b.allowSingleSegment(false);
    b.allowMask(false);
    b.allowPrefixOnly(false);
    b.allowWildcardedSeparator(false);
    b.setRangeOptions(IPAddressStringParameters.RangeParameters.NO_RANGE);
    b.allow_inet_aton(false);
    var v4 = b.getIPv4AddressParametersBuilder();
    v4.allow_inet_aton(false);
    v4.allowLeadingZeros(false);
    v4.allowUnlimitedLeadingZeros(false);
    v4.allowPrefixLengthLeadingZeros(false);
    v4.allowBinary(false);
    v4.allowPrefixesBeyondAddressSize(false);
    var v6 = b.getIPv6AddressParametersBuilder();
    v6.allowZone(false);
    v6.allowEmptyZone(false);
    v6.allowBinary(false);
    v6.allowBase85(false);
    v6.allow_mixed_inet_aton(false);
    v6.allowPrefixLengthLeadingZeros(false);
    v6.allowPrefixesBeyondAddressSize(false);
    return b.toParams();
  }

  private static final String EXPECTED = "expected an IP address (198.18.1.10, 2001:db8::1), a CIDR with a prefix length (198.18.0.0/24) or a range of two whole addresses (198.18.1.1-198.18.1.9)";

  /**
   * An IP ({@code 198.18.1.10}, {@code 2001:db8::1}), a CIDR whose host bits are zero
   * ({@code 198.18.0.0/24}) or a range ({@code 198.18.1.1-198.18.1.9}) as prefix blocks.
   * A CIDR with host bits set is refused rather than silently widened; any other notation
   * (masks, shortened or octal-looking addresses, zone ids) is refused with what was expected.
   */
  public static List<IPAddress> parse(String text) {
    String t = text.trim();
    long quad = quad(t);
    if (quad >= 0) return List.of(new inet.ipaddr.ipv4.IPv4Address((int) quad).toPrefixBlock(32));
    return parseWithLibrary(t, text);
  }

  /**
   * The value of a plain dotted quad ({@code 198.18.1.10}: four decimal parts 0-255 without leading
   * zeros, nothing else), or -1 for anything else, which IPAddress parses. Read by hand because
   * IPAddress's general parser took a third of the time of reading a 100,000-row flows file; the
   * result is the same address (AddressBlocksTest compares both on every kind of string).
   */
  static long quad(String t) {
    int n = t.length();
    if (n < 7 || n > 15) return -1;
    long value = 0;
    int part = 0, digits = 0, parts = 0;
    for (int i = 0; i <= n; i++) {
      char c = i < n ? t.charAt(i) : '.';
      if (c >= '0' && c <= '9') {
        if (digits == 1 && part == 0) return -1; // a leading zero
        part = part * 10 + (c - '0');
        if (++digits > 3 || part > 255) return -1;
      } else if (c == '.') {
        if (digits == 0 || ++parts > 4) return -1;
        value = value << 8 | part;
        part = 0;
        digits = 0;
      } else {
        return -1;
      }
    }
    return parts == 4 ? value : -1;
  }

  static List<IPAddress> parseWithLibrary(String t, String text) {
    int dash = t.indexOf('-');
    if (dash > 0 && !t.contains("/")) {
      IPAddress lo = single(t.substring(0, dash), text);
      IPAddress hi = single(t.substring(dash + 1), text);
      if (lo.getIPVersion() != hi.getIPVersion()) throw new IllegalArgumentException("range '" + text + "' mixes IPv4 and IPv6");
      if (lo.compareTo(hi) > 0) throw new IllegalArgumentException("range '" + text + "' starts after it ends");
      IPAddressSeqRange range = lo.spanWithRange(hi);
      return Arrays.asList(range.spanWithPrefixBlocks());
    }
    IPAddressString s = new IPAddressString(t, STRICT);
    IPAddress a;
    try {
      a = s.toAddress();
    } catch (AddressStringException e) {
      throw new IllegalArgumentException(EXPECTED + ", got '" + text + "'" + hint(t));
    }
    if (a == null || a.isMultiple() && !a.isPrefixBlock() || (!s.isIPAddress()))
      throw new IllegalArgumentException(EXPECTED + ", got '" + text + "'" + hint(t));
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
    IPAddressString s = new IPAddressString(part.trim(), STRICT);
    IPAddress a = s.getAddress();
    if (a == null || a.isMultiple() || a.isPrefixed()) {
      String first = whole.substring(0, whole.indexOf('-')).trim();
      int lastDot = first.lastIndexOf('.');
      String end = whole.substring(whole.indexOf('-') + 1).trim();
      if (part.trim().equals(end) && lastDot > 0 && end.matches("[0-9]{1,3}"))
        throw new IllegalArgumentException("a range needs two whole addresses: write " + first + "-" + first.substring(0, lastDot + 1) + end + " (got '" + whole + "')");
      throw new IllegalArgumentException("expected a range of two whole IP addresses a-b, got '" + whole + "'" + hint(part.trim()));
    }
    return a;
  }

  /** Says why a notation another tool might take is refused here. */
  private static String hint(String t) {
    int slash = t.indexOf('/');
    if (slash > 0 && t.substring(slash + 1).contains(".")) return " (a mask is not accepted: write the prefix length, e.g. /24)";
    if (t.contains("%")) return " (IPv6 zone ids are not accepted: an address in a deployment is not tied to an interface)";
    String addr = slash > 0 ? t.substring(0, slash) : t;
    if (addr.matches("[0-9.]+")) {
      String[] parts = addr.split("\\.", -1);
      if (parts.length != 4) return " (an IPv4 address has four decimal parts)";
      for (String p : parts) if (p.length() > 1 && p.startsWith("0")) return " (leading zeros are not accepted: some tools read them as octal)";
    }
    return "";
  }

  /** The shortest text for a block: a bare address for a single host, CIDR otherwise. */
  public static String notation(IPAddress block) {
    Integer prefix = block.getNetworkPrefixLength();
    // one IPv4 address (most endpoints of a flows file): its dotted quad by arithmetic, as IPAddress writes it,
    // without IPAddress's string caches (a tenth of verify's time over 100,000 flows)
    if (block instanceof inet.ipaddr.ipv4.IPv4Address v4 && !v4.isMultiple() && (prefix == null || prefix == 32)) {
      int v = v4.intValue();
      return ((v >>> 24) & 255) + "." + ((v >>> 16) & 255) + "." + ((v >>> 8) & 255) + "." + (v & 255);
    }
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
