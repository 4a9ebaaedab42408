package org.portolan.rpc;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;

/**
 * One endpoint an endpoint mapper hands out: the entry's object UUID, the interface of the
 * tower's first floor and its version, the annotation, the protocol sequence
 * ({@code ncacn_ip_tcp}, {@code ncadg_ip_udp}, {@code ncacn_http}, {@code ncacn_np},
 * {@code ncalrpc}, {@code unknown}), and where: the port, the IPv4 address (or, for a named
 * pipe, the NetBIOS host) and the pipe or local endpoint name.
 */
public record EpmEndpoint(UUID object, UUID iface, int versionMajor, int versionMinor, String annotation,
    String protocol, OptionalInt port, Optional<String> ip, Optional<String> name) {
  public EpmEndpoint {
    Objects.requireNonNull(object);
    Objects.requireNonNull(iface);
    annotation = annotation == null ? "" : annotation;
    Objects.requireNonNull(protocol);
    Objects.requireNonNull(port);
    Objects.requireNonNull(ip);
    Objects.requireNonNull(name);
    if (port.isPresent() && (port.getAsInt() < 0 || port.getAsInt() > 65535)) throw new IllegalArgumentException("port " + port.getAsInt());
  }

  /** The IP protocol the port is on: 6 (TCP) for ncacn_ip_tcp, ncadg_ip_tcp and ncacn_http, 17 (UDP) for ncadg_ip_udp. */
  public OptionalInt ipProtocol() {
    if (port.isEmpty()) return OptionalInt.empty();
    return switch (protocol) {
      case "ncacn_ip_tcp", "ncadg_ip_tcp", "ncacn_http" -> OptionalInt.of(6);
      case "ncadg_ip_udp" -> OptionalInt.of(17);
      default -> OptionalInt.empty();
    };
  }

  /** The IPv4 floor as a 32-bit number, 0 when there is none (or it is 0.0.0.0: "the address you reached me on"). */
  public long ipv4() {
    if (ip.isEmpty() || protocol.equals("ncacn_np")) return 0;
    String[] q = ip.get().split("\\.", -1);
    if (q.length != 4) return 0;
    long v = 0;
    for (String s : q) v = (v << 8) | Integer.parseInt(s);
    return v;
  }

  /** "ncacn_ip_tcp:198.18.0.2[49152]", the string-binding form Windows tools print. */
  public String binding() {
    String where = ip.or(() -> name).orElse("");
    String ep = port.isPresent() ? Integer.toString(port.getAsInt()) : name.isPresent() && ip.isPresent() ? name.get() : "";
    return protocol + ":" + where + (ep.isEmpty() ? "" : "[" + ep + "]");
  }
}
