package org.portolan.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.UnknownHostException;
import java.util.List;

/**
 * What probe's AOT training probes, and all it probes: sockets this training opens on 127.0.0.1,
 * port 0 (the kernel picks free ports) — a TCP listener, a UDP socket that echoes, a silent UDP
 * socket — and one TCP and one UDP port bound and closed again, so that the training sees open,
 * closed and silent answers without sending a packet anywhere but to itself. Closed with the
 * training.
 */
final class LoopbackTargets implements AutoCloseable {
  static final InetAddress LOOPBACK;

  static {
    try {
      LOOPBACK = InetAddress.getByAddress(new byte[] {127, 0, 0, 1});
    } catch (UnknownHostException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private final ServerSocket tcpOpen;
  private final DatagramSocket udpEcho, udpSilent;
  final int tcpOpenPort, tcpClosedPort, udpEchoPort, udpSilentPort, udpClosedPort;

  private LoopbackTargets() throws IOException {
    tcpOpen = new ServerSocket(0, 128, LOOPBACK);
    udpEcho = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0));
    udpSilent = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0));
    tcpOpenPort = tcpOpen.getLocalPort();
    udpEchoPort = udpEcho.getLocalPort();
    udpSilentPort = udpSilent.getLocalPort();
    try (ServerSocket s = new ServerSocket(0, 1, LOOPBACK); DatagramSocket d = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0))) {
      tcpClosedPort = s.getLocalPort();
      udpClosedPort = d.getLocalPort();
    }
    Thread.ofPlatform().daemon().name("aot-training-accept").start(() -> {
      while (!tcpOpen.isClosed()) {
        try (Socket s = tcpOpen.accept()) {
          // accepted and closed: the handshake is what probe tests
        } catch (IOException e) {
          // closed with the training, or the prober's reset
        }
      }
    });
    Thread.ofPlatform().daemon().name("aot-training-echo").start(() -> {
      byte[] buf = new byte[2048];
      while (!udpEcho.isClosed()) {
        try {
          DatagramPacket p = new DatagramPacket(buf, buf.length);
          udpEcho.receive(p);
          udpEcho.send(new DatagramPacket(p.getData(), p.getLength(), p.getSocketAddress()));
        } catch (IOException e) {
          // closed with the training
        }
      }
    });
  }

  static LoopbackTargets open() {
    try {
      return new LoopbackTargets();
    } catch (IOException e) {
      throw new UncheckedIOException("AOT training: cannot open loopback listeners", e);
    }
  }

  /** The ports the flows name: only these, all on 127.0.0.1. */
  List<Integer> ports() {
    return List.of(tcpOpenPort, tcpClosedPort, udpEchoPort, udpSilentPort, udpClosedPort);
  }

  /** A flows CSV to these sockets: 32 TCP flows to the listener, 8 to the closed port, two of each UDP socket. */
  String flowsCsv() {
    StringBuilder sb = new StringBuilder("name,src,dst,proto,ports\n");
    for (int i = 0; i < 40; i++)
      sb.append("tcp-").append(i).append(",127.0.0.1,127.0.0.1,tcp,").append(i % 5 == 4 ? tcpClosedPort : tcpOpenPort).append('\n');
    for (int i = 0; i < 2; i++) {
      sb.append("udp-echo-").append(i).append(",127.0.0.1,127.0.0.1,udp,").append(udpEchoPort).append('\n');
      sb.append("udp-silent-").append(i).append(",127.0.0.1,127.0.0.1,udp,").append(udpSilentPort).append('\n');
      sb.append("udp-closed-").append(i).append(",127.0.0.1,127.0.0.1,udp,").append(udpClosedPort).append('\n');
    }
    return sb.toString();
  }

  @Override
  public void close() {
    udpEcho.close();
    udpSilent.close();
    try {
      tcpOpen.close();
    } catch (IOException ignored) {
      // nothing more to release
    }
  }
}
