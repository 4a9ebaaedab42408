package org.portolan.model;

import java.util.Locale;
import java.util.OptionalInt;

/**
 * A protocol and its destination ports as a catalog states them. Catalog notation:
 * {@code tcp/80}, {@code udp/1024-65535}, {@code tcp/80,443}, {@code tcp/6010+},
 * {@code tcp/series(4000,2)}, {@code tcp/dynamic(rpc)}, {@code tcp/${website_port:80}},
 * {@code icmp}, {@code icmp/8}, {@code icmp/3/4} (type/code), {@code gre} or {@code ip/47}.
 * Source ports are ephemeral and never part of a service.
 */
public record Service(Protocol protocol, PortSpec ports) {
  public Service {
    if (protocol.hasPorts() && ports.isEmpty())
      throw new IllegalArgumentException(protocol.keyword() + " service needs destination ports");
    if (!protocol.hasPorts() && !ports.isEmpty())
      throw new IllegalArgumentException(protocol.keyword() + " has no ports");
  }

  public static Service tcp(int... ports) {
    return new Service(Protocol.TCP, PortSpec.fixed(ports));
  }

  public static Service udp(int... ports) {
    return new Service(Protocol.UDP, PortSpec.fixed(ports));
  }

  public static Service icmp() {
    return new Service(Protocol.ICMP_ANY, PortSpec.NONE);
  }

  public String notation() {
    return switch (protocol) {
      case Protocol.Tcp t -> "tcp/" + ports.notation();
      case Protocol.Udp u -> "udp/" + ports.notation();
      case Protocol.Icmp i -> i.type().isEmpty() ? "icmp" : "icmp/" + i.typeNotation();
      case Protocol.Ip ip -> "ip/" + ip.number();
    };
  }

  /** Parses catalog notation; errors are {@link NotationException}s with the offset in {@code text}. */
  public static Service parse(String text) {
    String t = text.strip();
    int lead = text.indexOf(t.isEmpty() ? " " : t.substring(0, 1));
    int slash = t.indexOf('/');
    String proto = (slash < 0 ? t : t.substring(0, slash)).toLowerCase(Locale.ROOT);
    String rest = slash < 0 ? "" : t.substring(slash + 1);
    int restAt = Math.max(lead, 0) + slash + 1;
    switch (proto) {
      case "tcp", "udp" -> {
        if (rest.isBlank()) throw new NotationException(restAt, proto + " needs ports: write " + proto + "/PORTS, e.g. " + proto + "/443");
        return new Service(Protocol.parse(proto), PortSpec.parse(rest, restAt));
      }
      case "icmp" -> {
        if (rest.isBlank()) return icmp();
        String[] parts = rest.split("/", -1);
        try {
          if (parts.length > 2) throw new NumberFormatException();
          int type = Integer.parseInt(parts[0].trim());
          OptionalInt code = parts.length == 2 ? OptionalInt.of(Integer.parseInt(parts[1].trim())) : OptionalInt.empty();
          return new Service(new Protocol.Icmp(OptionalInt.of(type), code), PortSpec.NONE);
        } catch (NumberFormatException e) {
          throw new NotationException(restAt, "expected an ICMP type (icmp/8) or type and code (icmp/3/4), got '" + rest + "'");
        } catch (IllegalArgumentException e) {
          throw new NotationException(restAt, e.getMessage());
        }
      }
      case "ip" -> {
        try {
          Protocol p = Protocol.parse(rest);
          if (p.hasPorts() || p instanceof Protocol.Icmp)
            throw new NotationException(restAt, "write " + p.keyword() + " services as " + p.keyword() + "/…, not ip/" + rest);
          return new Service(p, PortSpec.NONE);
        } catch (NotationException e) {
          throw e;
        } catch (IllegalArgumentException e) {
          throw new NotationException(restAt, e.getMessage());
        }
      }
      default -> {
        var named = Protocol.tryParse(proto);
        if (named.isPresent() && named.get() instanceof Protocol.Ip && rest.isBlank()) return new Service(named.get(), PortSpec.NONE);
        throw new NotationException(Math.max(lead, 0), "expected tcp/PORTS, udp/PORTS, icmp[/TYPE[/CODE]], ip/NUMBER or a protocol name (gre, esp, ah), got '" + t + "'");
      }
    }
  }
}
