package org.portolan.ingest.acl;

import java.util.Optional;
import java.util.OptionalInt;

/** Port lists as rulesets write them: {@code 80}, {@code 80,443}, {@code 1000:2000}, {@code 1000-2000}. */
public final class Ports {
  private Ports() {}

  /** Parses a comma-separated list of ports and ranges joined by {@code :} or {@code -}. */
  public static Optional<Ranges> parse(String text) {
    Ranges out = Ranges.EMPTY;
    if (text.isEmpty()) return Optional.empty();
    for (String part : text.split(",", -1)) {
      String p = part.strip();
      int sep = p.indexOf(':') >= 0 ? p.indexOf(':') : p.indexOf('-');
      OptionalInt lo, hi;
      if (sep >= 0) {
        lo = sep == 0 ? OptionalInt.of(0) : Protocols.number(p.substring(0, sep), 65535);
        hi = sep == p.length() - 1 ? OptionalInt.of(65535) : Protocols.number(p.substring(sep + 1), 65535);
      } else {
        lo = Protocols.number(p, 65535);
        hi = lo;
      }
      if (lo.isEmpty() || hi.isEmpty() || lo.getAsInt() > hi.getAsInt()) return Optional.empty();
      out = out.union(Ranges.of(lo.getAsInt(), hi.getAsInt()));
    }
    return Optional.of(out);
  }

  /** ICMP type (and code) as a DPORT-dimension range: type * 256 + code. */
  public static Ranges icmp(int type, OptionalInt code) {
    return code.isPresent() ? Ranges.single(type * 256L + code.getAsInt()) : Ranges.of(type * 256L, type * 256L + 255);
  }
}
