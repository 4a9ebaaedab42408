package org.portolan.model;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The IP protocol of a service: TCP and UDP carry ports, ICMP carries an optional type and
 * code, anything else is a raw IP protocol number (GRE 47, ESP 50…).
 */
public sealed interface Protocol {
  Tcp TCP = new Tcp();
  Udp UDP = new Udp();
  Icmp ICMP_ANY = new Icmp(OptionalInt.empty(), OptionalInt.empty());

  /** Lower-case name as written in catalogs and flows files: tcp, udp, icmp, or the number. */
  String keyword();

  /** IANA protocol number (ICMP is 1; dialects use 58 for ICMPv6 themselves). */
  int number();

  default boolean hasPorts() {
    return this instanceof Tcp || this instanceof Udp;
  }

  record Tcp() implements Protocol {
    public String keyword() { return "tcp"; }
    public int number() { return 6; }
  }

  record Udp() implements Protocol {
    public String keyword() { return "udp"; }
    public int number() { return 17; }
  }

  /** ICMP, all types when {@code type} is empty; a code only with a type. */
  record Icmp(OptionalInt type, OptionalInt code) implements Protocol {
    public Icmp {
      if (type.isPresent() && (type.getAsInt() < 0 || type.getAsInt() > 255))
        throw new IllegalArgumentException("ICMP type must be 0-255, got " + type.getAsInt());
      if (code.isPresent() && (code.getAsInt() < 0 || code.getAsInt() > 255))
        throw new IllegalArgumentException("ICMP code must be 0-255, got " + code.getAsInt());
      if (code.isPresent() && type.isEmpty())
        throw new IllegalArgumentException("an ICMP code needs a type");
    }

    public static Icmp ofType(int type) {
      return new Icmp(OptionalInt.of(type), OptionalInt.empty());
    }

    public String keyword() { return "icmp"; }
    public int number() { return 1; }

    /** "8", "3/4", or "" for any type. */
    public String typeNotation() {
      if (type.isEmpty()) return "";
      return code.isEmpty() ? Integer.toString(type.getAsInt()) : type.getAsInt() + "/" + code.getAsInt();
    }
  }

  /** Any other IP protocol, by number. */
  record Ip(int number) implements Protocol {
    public Ip {
      if (number < 1 || number > 255) throw new IllegalArgumentException("IP protocol number must be 1-255, got " + number + ZERO);
      if (number == 6 || number == 17 || number == 1)
        throw new IllegalArgumentException("protocol " + number + " has its own variant; use Protocol.ofNumber");
    }

    public String keyword() { return Integer.toString(number); }
  }

  Map<String, Integer> NAMED_NUMBERS = Map.of("gre", 47, "esp", 50, "ah", 51, "sctp", 132, "ospf", 89, "vrrp", 112, "igmp", 2);

  static Protocol ofNumber(int number) {
    return switch (number) {
      case 6 -> TCP;
      case 17 -> UDP;
      case 1 -> ICMP_ANY;
      default -> new Ip(number);
    };
  }

  /**
   * Protocol 0 (IPv6 hop-by-hop options) is never a flow's protocol, and the firewalls read it as
   * "every protocol": iptables' {@code -p 0} and the ASA's {@code permit 0} permit all traffic.
   */
  String ZERO = " (0 is refused: iptables and the ASA read protocol 0 as every protocol)";

  /** Parses tcp, udp, icmp, a protocol name (gre, esp…) or a number 1-255. */
  static Optional<Protocol> tryParse(String text) {
    if (text == null) return Optional.empty();
    String t = text.trim().toLowerCase(Locale.ROOT);
    switch (t) {
      case "tcp": return Optional.of(TCP);
      case "udp": return Optional.of(UDP);
      case "icmp": return Optional.of(ICMP_ANY);
      default:
    }
    Integer named = NAMED_NUMBERS.get(t);
    if (named != null) return Optional.of(ofNumber(named));
    if (!t.matches("\\d{1,3}")) return Optional.empty();
    int n = Integer.parseInt(t);
    return n >= 1 && n <= 255 ? Optional.of(ofNumber(n)) : Optional.empty();
  }

  static Protocol parse(String text) {
    return tryParse(text).orElseThrow(() -> new IllegalArgumentException(
        "expected a protocol (tcp, udp, icmp, gre, esp, ah or a number 1-255), got '" + text + "'" + (text != null && text.trim().matches("0+") ? ZERO : "")));
  }
}
