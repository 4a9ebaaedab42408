package org.portolan.capture;

/**
 * Counters about the read itself.
 *
 * @param format "pcap" or "pcapng"
 * @param notIp frames that were not IPv4/IPv6 (ARP, LLDP…) or had an unknown link type
 * @param failed attempts whose outcome is not established or answered
 * @param evicted attempts pushed out of the bounded connection table before they ended
 * @param epmEndpoints endpoints decoded from endpoint-mapper answers
 * @param unexplainedOverflow unexplained attempts not listed because the list is capped
 */
public record CaptureStats(
    String format, long packets, long bytes, long notIp, long attempts, long failed, long evicted, long epmEndpoints, long unexplainedOverflow) {}
