package org.portolan.ingest.aws;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.portolan.diag.Diagnostics;
import org.portolan.diag.SourcePosition;
import org.portolan.ingest.acl.AclLine;
import org.portolan.ingest.acl.Action;
import org.portolan.ingest.acl.Addrs;
import org.portolan.ingest.acl.LineSource;
import org.portolan.ingest.acl.Match;
import org.portolan.ingest.acl.Ports;
import org.portolan.ingest.acl.Protocols;
import org.portolan.ingest.acl.Ranges;
import org.portolan.ingest.acl.Space;

/** Security-group permissions → ACL lines (one per peer), each permitting. */
final class SecurityGroupConverter {
  private SecurityGroupConverter() {}

  /** Protocol and port (ICMP: type/code) dimensions of a permission; empty when not understood. */
  static Optional<Space> service(String protocol, Optional<Integer> from, Optional<Integer> to) {
    Match m = Match.any();
    switch (protocol) {
      case "-1", "all" -> { return Optional.of(m.build()); }
      case "icmp", "1", "icmpv6", "58" -> {
        boolean v6 = protocol.equals("icmpv6") || protocol.equals("58");
        m.family(v6 ? 6 : 4).proto(Ranges.single(v6 ? 58 : 1), false);
        int type = from.orElse(-1), code = to.orElse(-1);
        if (type > 255 || code > 255) return Optional.empty();
        if (type >= 0) m.dport(Ports.icmp(type, code >= 0 ? OptionalInt.of(code) : OptionalInt.empty()), false);
        return Optional.of(m.build());
      }
      default -> {
        OptionalInt p = Protocols.protocol(protocol);
        if (p.isEmpty()) return Optional.empty();
        m.proto(Ranges.single(p.getAsInt()), false);
        if (p.getAsInt() == 6 || p.getAsInt() == 17 || p.getAsInt() == 132) {
          int a = from.orElse(-1), b = to.orElse(-1);
          if (a == -1 && b == -1) return Optional.of(m.build());
          if (a < 0 || b < a || b > 65535) return Optional.empty();
          m.dport(Ranges.of(a, b), false);
        }
        return Optional.of(m.build());
      }
    }
  }

  static List<AclLine> lines(SecurityGroups.Group g, SecurityGroups.Permission p, boolean ingress, Map<String, Addrs> members, String file, Diagnostics d) {
    SourcePosition at = new SourcePosition(file, p.line(), 1);
    List<AclLine> out = new ArrayList<>();
    Optional<Space> svc = service(p.protocol(), p.from(), p.to());
    if (svc.isEmpty()) {
      d.warning(at, "permission with IpProtocol '" + p.protocol() + "' ports " + p.from().orElse(-1) + ".." + p.to().orElse(-1)
          + " is not understood; read as permitting nothing (conservative)");
      return out;
    }
    boolean icmp = List.of("icmp", "1", "icmpv6", "58").contains(p.protocol());
    String ports = p.from().isEmpty() || p.from().get() < 0 ? ""
        : icmp ? " type " + p.from().get() + (p.to().orElse(-1) >= 0 ? " code " + p.to().get() : "")
        : " " + p.from().get() + (p.to().equals(p.from()) ? "" : "-" + p.to().orElse(-1));
    String proto = p.protocol().equals("-1") ? "all" : p.protocol();
    for (SecurityGroups.Peer peer : p.peers()) {
      Optional<Addrs> a = switch (peer.kind()) {
        case "cidr" -> Addrs.parse(peer.value());
        case "group" -> {
          Addrs m = members.get(peer.value());
          if (m == null) d.warning(at, g.id() + ": members of referenced group " + peer.value() + " are unknown (add describe-network-interfaces output as \"NetworkInterfaces\"); read as no addresses (conservative)");
          yield Optional.of(m == null ? Addrs.NONE : m);
        }
        default -> {
          d.warning(at, g.id() + ": " + peer.kind() + " " + peer.value() + " is not resolved; read as no addresses (conservative)");
          yield Optional.of(Addrs.NONE);
        }
      };
      if (a.isEmpty()) {
        d.warning(at, g.id() + ": '" + peer.value() + "' is not a CIDR; read as no addresses (conservative)");
        continue;
      }
      Space peerSpace = ingress ? Match.any().src(a.get(), false).build() : Match.any().dst(a.get(), false).build();
      String text = g.id() + " " + (ingress ? "ingress " : "egress ") + proto + ports + (ingress ? " from " : " to ") + peer.value()
          + (peer.description().isEmpty() ? "" : " (" + peer.description() + ")");
      out.add(AclLine.of(svc.get().intersect(peerSpace), Action.ACCEPT, new LineSource(file, p.line(), text)));
    }
    return out;
  }

}
