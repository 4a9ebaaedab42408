package org.portolan.observe;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import org.portolan.attribution.Ip;

/**
 * A NetFlow v5 / v9 / IPFIX collector on a UDP socket the caller bound (a loopback port in
 * tests): receives export packets until {@code duration} has passed or {@code maxPackets}
 * arrived, or — when {@code idle} is given — once nothing arrived for {@code idle} after the first
 * packet, whichever is first; decodes them with templates kept per exporter.
 */
public record Collector(DatagramSocket socket, Duration duration, long maxPackets, Duration idle) {
  public Collector {
    if (duration.isNegative() || duration.isZero()) throw new IllegalArgumentException("the collector needs a positive duration");
    if (maxPackets < 1) throw new IllegalArgumentException("the collector needs a positive packet limit");
    if (idle != null && (idle.isNegative() || idle.isZero())) throw new IllegalArgumentException("the idle time must be positive");
  }

  public Collector(DatagramSocket socket, Duration duration, long maxPackets) {
    this(socket, duration, maxPackets, null);
  }

  public String name() {
    return "udp:" + socket.getLocalAddress().getHostAddress() + ":" + socket.getLocalPort();
  }

  /** Receives and decodes; returns how many export packets arrived. */
  long collect(RecordSink sink) throws IOException {
    NetFlow nf = new NetFlow();
    byte[] buf = new byte[65535];
    DatagramPacket p = new DatagramPacket(buf, buf.length);
    long deadline = System.nanoTime() + duration.toNanos(), packets = 0;
    String name = name();
    while (packets < maxPackets) {
      long left = deadline - System.nanoTime();
      if (left <= 0) break;
      if (idle != null && packets > 0) left = Math.min(left, idle.toNanos());
      socket.setSoTimeout((int) Math.max(1, Math.min(Integer.MAX_VALUE, left / 1_000_000)));
      try {
        socket.receive(p);
      } catch (SocketTimeoutException e) {
        break;
      }
      packets++;
      long[] ex = exporter(p.getAddress());
      nf.packet(buf, p.getOffset(), p.getLength(), ex[0], ex[1], name, packets, sink);
    }
    return packets;
  }

  private static long[] exporter(InetAddress a) {
    byte[] b = a.getAddress();
    if (a instanceof Inet6Address) {
      ByteBuffer bb = ByteBuffer.wrap(b);
      return new long[] {bb.getLong(), bb.getLong()};
    }
    return new long[] {0, Ip.v4(ByteBuffer.wrap(b).getInt())};
  }
}
