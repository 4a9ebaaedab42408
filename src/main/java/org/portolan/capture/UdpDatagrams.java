package org.portolan.capture;

import java.nio.file.Path;

/**
 * The UDP datagrams of a pcap or pcapng file, for readers of protocols carried over UDP
 * (observe reads NetFlow/IPFIX export packets this way) — capture's own readers and
 * dissector, so the formats, link types and malformed-file errors are the same.
 */
public final class UdpDatagrams {
  private UdpDatagrams() {}

  /** Receives one datagram; {@code payload[offset, offset+length)} is valid only during the call. */
  @FunctionalInterface
  public interface Handler {
    void datagram(long packetNumber, long fileOffset, long timeNanos, long srcHi, long srcLo, int srcPort, int dstPort,
        byte[] payload, int offset, int length);
  }

  /**
   * Hands every UDP datagram of {@code file} to {@code handler}, in file order.
   *
   * @throws CaptureFormatException when the file is malformed or truncated (with the byte offset)
   */
  public static void read(Path file, Handler handler) {
    RawPacket pk = new RawPacket();
    Decoded d = new Decoded();
    try (PacketReader reader = PacketReader.open(file)) {
      while (reader.next(pk)) {
        if (!Dissector.decode(pk, d) || d.proto != Decoded.UDP || d.quoted) continue;
        handler.datagram(pk.number, pk.fileOffset, pk.timeNanos, d.srcHi, d.srcLo, d.srcPort, d.dstPort, pk.data, d.payloadOffset,
            d.payloadLength);
      }
    }
  }
}
