package org.portolan.ingest.acl;

import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;

/** Protocol and port names as rulesets write them (the usual /etc/protocols and /etc/services names). */
public final class Protocols {
  private Protocols() {}

  private static final Map<String, Integer> PROTOCOLS = Map.ofEntries(
      Map.entry("ip", 0), Map.entry("icmp", 1), Map.entry("igmp", 2), Map.entry("tcp", 6), Map.entry("udp", 17),
      Map.entry("gre", 47), Map.entry("esp", 50), Map.entry("ah", 51), Map.entry("icmpv6", 58), Map.entry("ipv6-icmp", 58),
      Map.entry("ospf", 89), Map.entry("ospfigp", 89), Map.entry("eigrp", 88), Map.entry("pim", 103), Map.entry("vrrp", 112),
      Map.entry("sctp", 132), Map.entry("udplite", 136), Map.entry("dccp", 33), Map.entry("ipinip", 4), Map.entry("ipip", 4),
      Map.entry("l2tp", 115), Map.entry("nos", 94), Map.entry("pcp", 108), Map.entry("snp", 109), Map.entry("igrp", 9));

  /** A protocol name or number 0-255. */
  public static OptionalInt protocol(String text) {
    String t = text.toLowerCase(Locale.ROOT);
    Integer n = PROTOCOLS.get(t);
    if (n != null) return OptionalInt.of(n);
    return number(t, 255);
  }

  private static final Map<String, Integer> ICMP_TYPES = Map.ofEntries(
      Map.entry("echo-reply", 0), Map.entry("destination-unreachable", 3), Map.entry("source-quench", 4), Map.entry("redirect", 5),
      Map.entry("echo-request", 8), Map.entry("router-advertisement", 9), Map.entry("router-solicitation", 10),
      Map.entry("time-exceeded", 11), Map.entry("parameter-problem", 12), Map.entry("timestamp-request", 13),
      Map.entry("timestamp-reply", 14), Map.entry("echo", 8), Map.entry("unreachable", 3), Map.entry("time-exceeded ", 11),
      Map.entry("info-request", 15), Map.entry("info-reply", 16), Map.entry("address-mask-request", 17), Map.entry("address-mask-reply", 18));

  public static OptionalInt icmpType(String text) {
    Integer n = ICMP_TYPES.get(text.toLowerCase(Locale.ROOT));
    return n != null ? OptionalInt.of(n) : number(text, 255);
  }

  /** A decimal number 0..max. */
  public static OptionalInt number(String t, int max) {
    if (t.isEmpty() || t.length() > 6) return OptionalInt.empty();
    for (int i = 0; i < t.length(); i++) if (t.charAt(i) < '0' || t.charAt(i) > '9') return OptionalInt.empty();
    int n = Integer.parseInt(t);
    return n <= max ? OptionalInt.of(n) : OptionalInt.empty();
  }
}
