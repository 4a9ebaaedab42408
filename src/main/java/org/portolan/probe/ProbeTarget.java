package org.portolan.probe;

import java.net.InetAddress;
import java.util.OptionalInt;
import org.portolan.model.Protocol;

/**
 * One probe to send: a flow, the source label, one destination address (already resolved),
 * a protocol and, for TCP and UDP, one port. {@code note} says why this port was chosen when
 * it is not simply in the flow (a dynamic port the endpoint mapper named, a sample of a range).
 */
record ProbeTarget(String flow, String src, InetAddress dst, String dstName, Protocol protocol, OptionalInt port, String note) {
  ProbeTarget {
    note = note == null ? "" : note;
    dstName = dstName == null ? "" : dstName;
    if (protocol.hasPorts() != port.isPresent()) throw new IllegalArgumentException("port must be given exactly for tcp and udp");
  }

  String dstText() {
    return dst.getHostAddress();
  }
}
