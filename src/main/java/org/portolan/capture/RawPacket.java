package org.portolan.capture;

/**
 * One captured frame as the readers hand it out: a view into the reader's reusable window
 * (valid until the next {@code next} call), never a copy. Mutable on purpose — one instance
 * is reused for every packet so reading allocates nothing per packet.
 */
final class RawPacket {
  /** 1-based frame number, as Wireshark and tshark count them. */
  long number;
  /** File offset of the record (pcap record header or pcapng block). */
  long fileOffset;
  /** LINKTYPE_* value of the interface the packet was captured on. */
  int linkType;
  /** Capture time, nanoseconds since the epoch. */
  long timeNanos;
  byte[] data;
  int offset;
  int capturedLength;
  long originalLength;
}
