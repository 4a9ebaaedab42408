package org.portolan.probe;

import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * What one probe found: the flow it tested, from where, to which address, protocol and port,
 * the state, the round-trip time when something answered, and a detail a person can act on.
 *
 * @param port empty for protocols without ports (ICMP, GRE…)
 * @param rttMs time from the first packet to the answer (handshake, reply, RST or ICMP error)
 */
public record ProbeResult(String name, String src, String dst, String proto, OptionalInt port,
    ProbeState state, OptionalDouble rttMs, String detail) {
  public ProbeResult {
    if (name == null || name.isBlank()) throw new IllegalArgumentException("a probe result needs the flow name");
    src = src == null ? "" : src;
    dst = dst == null ? "" : dst;
    detail = detail == null ? "" : detail;
    if (state == null) throw new IllegalArgumentException("a probe result needs a state");
  }

  static ProbeResult of(ProbeTarget t, ProbeAnswer o) {
    return new ProbeResult(t.flow(), t.src(), t.dstText(), t.protocol().keyword(), t.port(), o.state(), o.rttMs(),
        t.note().isEmpty() ? o.detail() : o.detail().isEmpty() ? t.note() : o.detail() + "; " + t.note());
  }

  /** "tcp/443", "udp/53", "icmp". */
  public String service() {
    return port.isPresent() ? proto + "/" + port.getAsInt() : proto;
  }
}
