package org.portolan.capture;

/**
 * One endpoint an RPC endpoint mapper handed out: the interface UUID of the tower's first
 * floor, the transport (6 TCP, 17 UDP), the port, and the IPv4 floor (0 when absent).
 */
record EpmEndpoint(String interfaceUuid, int proto, int port, long ipv4) {}
