package org.portolan.capture;

import java.util.List;
import java.util.Optional;

/**
 * One classified connection attempt: a TCP SYN (and what answered it) or the first UDP
 * datagram of a 5-tuple (and what answered it).
 *
 * @param proto "tcp" or "udp"
 * @param port the destination port
 * @param retransmits repeated SYNs (TCP) or repeated requests before an answer (UDP)
 * @param firstPacket frame number of the first SYN / datagram, 1-based as in Wireshark
 * @param packets frame numbers of the evidence: the SYNs, the answer, the RST or ICMP error
 * @param detail why this outcome, in words ("3 SYNs, no answer for 7.0 s")
 * @param flow the flow (flows-CSV row name, or plan flow name) this attempt belongs to
 * @param alsoFlows further flows the attempt matches
 * @param viaEpm frame number of the endpoint-mapper answer that named this port, or 0
 */
public record Attempt(
    String src,
    int srcPort,
    String dst,
    String proto,
    int port,
    AttemptOutcome outcome,
    int retransmits,
    long firstPacket,
    List<Long> packets,
    String detail,
    Optional<String> flow,
    List<String> alsoFlows,
    long viaEpm) {
  public Attempt {
    if (!proto.equals("tcp") && !proto.equals("udp")) throw new IllegalArgumentException("attempt protocol must be tcp or udp, got " + proto);
    if (port < 0 || port > 65535 || srcPort < 0 || srcPort > 65535) throw new IllegalArgumentException("port out of range");
    if (retransmits < 0 || firstPacket < 1) throw new IllegalArgumentException("retransmits must be >= 0 and packets are numbered from 1");
    packets = List.copyOf(packets);
    alsoFlows = List.copyOf(alsoFlows);
  }
}
