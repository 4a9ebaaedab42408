package org.portolan.compile.dialect;

import java.util.ArrayList;
import java.util.List;
import org.portolan.compile.Rule;
import org.portolan.compile.RuleSet;
import org.portolan.model.Protocol;

/** The rows of a change-request sheet, shared by the CSV, XLSX and Markdown dialects. */
final class ChangeRequestRows {
  private ChangeRequestRows() {}

  static final List<String> HEADER = List.of("kind", "rule set", "placement", "source", "destination", "protocol", "ports", "purpose", "products", "requirement ids", "flows");

  /** Permit rows, then the default drop, then notes and refused flows (kind says which). */
  static List<List<String>> rows(RuleSet rs) {
    List<List<String>> out = new ArrayList<>();
    for (Rule r : rs.rules()) {
      String proto = switch (r.protocol()) {
        case Protocol.Icmp i -> r.ipv6() ? "icmpv6" : "icmp";
        case Protocol.Tcp t -> "tcp";
        case Protocol.Udp u -> "udp";
        case Protocol.Ip ip -> ip.keyword();
      };
      String ports = switch (r.protocol()) {
        case Protocol.Icmp i -> i.type().isEmpty() ? "any type" : "type " + i.typeNotation();
        case Protocol.Tcp t -> r.ports().notation();
        case Protocol.Udp u -> r.ports().notation();
        case Protocol.Ip ip -> "";
      };
      out.add(List.of("permit", rs.name(), r.placement().describe(),
          side(r.source()), side(r.destination()), proto, ports,
          String.join("; ", r.reasons().purposes()), String.join(" ", r.reasons().products()),
          String.join(" ", r.reasons().requirements()), String.join(" ", r.reasons().flows())));
    }
    out.add(row("default", rs, "drop everything not permitted above; replies to permitted connections pass (stateful)"));
    for (String n : rs.notes()) out.add(row("note", rs, n));
    for (var r : rs.refused()) out.add(row("refused", rs, "flow " + r.flow() + " NOT permitted: " + r.reason()));
    return out;
  }

  private static String side(org.portolan.compile.Side s) {
    String names = String.join(" ", s.names());
    String addrs = String.join(" ", s.notations());
    return names.equals(addrs) ? addrs : addrs + " (" + names + ")";
  }

  private static List<String> row(String kind, RuleSet rs, String text) {
    return List.of(kind, rs.name(), "", "", "", "", "", text, "", "", "");
  }
}
