package org.portolan.capture;

import java.util.Locale;

/** How one connection attempt ended, as far as the capture shows. */
public enum AttemptOutcome {
  /** TCP: SYN, SYN/ACK and the client's ACK were all seen. */
  ESTABLISHED,
  /** TCP: the responder (or a firewall on its behalf) answered the SYN with a RST. */
  REJECTED,
  /** An ICMP/ICMPv6 destination-unreachable (e.g. administratively prohibited) quoted the attempt. */
  UNREACHABLE,
  /** TCP: SYNs, usually retransmitted, never answered. */
  DROPPED,
  /** TCP: started but not finished in the capture (SYN/ACK without final ACK, capture ended). */
  INCOMPLETE,
  /** UDP: the responder sent something back on the same ports. */
  ANSWERED,
  /** UDP: nothing came back (no proof either way: UDP services may stay silent). */
  UNANSWERED;

  /** The word used in JSON and tables: "established", "rejected"… */
  public String keyword() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** True when the attempt proves the path and the service work. */
  public boolean works() {
    return this == ESTABLISHED || this == ANSWERED;
  }
}
