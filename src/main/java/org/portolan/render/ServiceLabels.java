package org.portolan.render;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import java.util.stream.Collectors;
import org.portolan.model.PortRange;
import org.portolan.model.PortSet;
import org.portolan.model.PortTerm;
import org.portolan.model.Protocol;
import org.portolan.model.Service;

/** Short service texts for arrows and tables: "tcp 80,443 · udp 67", "icmp 8", "gre". */
final class ServiceLabels {
  private ServiceLabels() {}

  static final String SEPARATOR = " · ";

  /** Catalog services of one arrow, merged per protocol in the order tcp, udp, icmp, others. */
  static String ofServices(List<Service> services) {
    Map<String, Set<String>> byProto = new LinkedHashMap<>();
    for (Service s : sortedByProtocol(services)) {
      Set<String> terms = byProto.computeIfAbsent(protocolWord(s.protocol()), k -> new LinkedHashSet<>());
      switch (s.protocol()) {
        case Protocol.Tcp t -> s.ports().terms().forEach(term -> terms.add(term(term)));
        case Protocol.Udp u -> s.ports().terms().forEach(term -> terms.add(term(term)));
        case Protocol.Icmp i -> { if (!i.typeNotation().isEmpty()) terms.add(i.typeNotation()); }
        case Protocol.Ip ip -> { }
      }
    }
    return byProto.entrySet().stream()
        .map(e -> e.getValue().isEmpty() ? e.getKey() : e.getKey() + " " + String.join(",", e.getValue()))
        .collect(Collectors.joining(SEPARATOR));
  }

  /** Concrete protocol/ports pairs of plan flows, merged per protocol: "tcp 80,443 · udp 67". */
  static String ofConcrete(List<Concrete> services) {
    Map<String, PortSet> ports = new LinkedHashMap<>();
    List<Concrete> sorted = new ArrayList<>(services);
    sorted.sort((a, b) -> Integer.compare(order(a.protocol()), order(b.protocol())) != 0
        ? Integer.compare(order(a.protocol()), order(b.protocol()))
        : protocolWord(a.protocol()).compareTo(protocolWord(b.protocol())));
    for (Concrete c : sorted) {
      String word = switch (c.protocol()) {
        case Protocol.Icmp i -> i.typeNotation().isEmpty() ? "icmp" : "icmp " + i.typeNotation();
        default -> protocolWord(c.protocol());
      };
      ports.merge(word, c.ports(), PortSet::union);
    }
    return ports.entrySet().stream()
        .map(e -> e.getValue().isEmpty() ? e.getKey() : e.getKey() + " " + commaPorts(e.getValue()))
        .collect(Collectors.joining(SEPARATOR));
  }

  record Concrete(Protocol protocol, PortSet ports) {}

  static String commaPorts(PortSet ports) {
    StringJoiner j = new StringJoiner(",");
    for (PortRange r : ports.ranges()) j.add(r.notation());
    return j.toString();
  }

  /** "tcp", "udp", "icmp", or "gre"/"esp"/"ah"/"ip 112" for other protocols. */
  static String protocolWord(Protocol p) {
    return switch (p) {
      case Protocol.Tcp t -> "tcp";
      case Protocol.Udp u -> "udp";
      case Protocol.Icmp i -> "icmp";
      case Protocol.Ip ip -> Protocol.NAMED_NUMBERS.entrySet().stream()
          .filter(e -> e.getValue() == ip.number()).map(Map.Entry::getKey).sorted().findFirst()
          .orElse("ip " + ip.number());
    };
  }

  /** A port term as people read it: 80, 137-139, 6010+, 4000,4002,…, dynamic(rpc), 80 (website_port). */
  static String term(PortTerm t) {
    return switch (t) {
      case PortTerm.Fixed f -> f.range().notation();
      case PortTerm.OpenEnded o -> o.from() + "+";
      case PortTerm.Series s -> s.start() + "," + (s.start() + s.step()) + ",…";
      case PortTerm.Dynamic d -> "dynamic(" + d.name() + ")";
      case PortTerm.Configurable c -> commaPorts(c.defaultPorts()) + " (" + c.variable() + ")";
    };
  }

  private static List<Service> sortedByProtocol(List<Service> services) {
    List<Service> out = new ArrayList<>(services);
    out.sort((a, b) -> Integer.compare(order(a.protocol()), order(b.protocol())));
    return out;
  }

  private static int order(Protocol p) {
    return switch (p) {
      case Protocol.Tcp t -> 0;
      case Protocol.Udp u -> 1;
      case Protocol.Icmp i -> 2;
      case Protocol.Ip ip -> 3 + ip.number();
    };
  }
}
