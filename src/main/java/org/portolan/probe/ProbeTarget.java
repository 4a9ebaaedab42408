package org.portolan.probe;

import java.net.InetAddress;
import java.util.OptionalInt;
import org.portolan.model.Protocol;

/**
 * One probe to send: a flow, the source label, one destination address (already resolved),
 * a protocol and, for TCP and UDP, one port. {@code note} says why this port was chosen when
 * it is not simply in the flow (a dynamic port the endpoint mapper named, a sample of a range).
 */
record ProbeTarget(String flow, String src, InetAddress dst, Protocol protocol, OptionalInt port, String note) implements Prober.Step {
  ProbeTarget {
    note = note == null ? "" : note;
    if (protocol.hasPorts() != port.isPresent()) throw new IllegalArgumentException("port must be given exactly for tcp and udp");
  }

  String dstText() {
    return dst.getHostAddress();
  }
}
