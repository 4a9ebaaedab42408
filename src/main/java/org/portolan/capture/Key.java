package org.portolan.capture;

/** A directed 5-tuple: a (client) → b (server), addresses as 128-bit values. */
record Key(long aHi, long aLo, long bHi, long bLo, int ports, int proto) {
  static Key forward(Decoded d) {
    return new Key(d.srcHi, d.srcLo, d.dstHi, d.dstLo, (d.srcPort << 16) | d.dstPort, d.proto);
  }

  int clientPort() {
    return ports >>> 16;
  }

  int serverPort() {
    return ports & 0xFFFF;
  }
}
