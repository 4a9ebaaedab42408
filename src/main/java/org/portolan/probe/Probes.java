package org.portolan.probe;

import java.io.IOException;
import java.net.ConnectException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.PortUnreachableException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/** The probes themselves: one TCP connect, one UDP exchange, one ICMP echo via ping(8). */
final class Probes {
  private Probes() {}

  /**
   * A TCP connect: open when the handshake completes; closed when the kernel reports
   * "connection refused" (a RST, or an ICMP port unreachable, which Linux maps to the same
   * error); filtered when nothing answers before the timeout (the kernel retransmits the SYN
   * after one second, so a 1.5 s timeout sends two) or an ICMP host/admin unreachable arrives.
   */
  static ProbeAnswer tcp(InetSocketAddress to, Duration timeout) {
    long t0 = System.nanoTime();
    try (Socket s = new Socket()) {
      s.setSoLinger(true, 0); // close with RST: no TIME_WAIT pile-up on the prober
      s.connect(to, (int) Math.max(1, timeout.toMillis()));
      return ProbeAnswer.of(ProbeState.OPEN, t0, "handshake completed");
    } catch (SocketTimeoutException e) {
      return ProbeAnswer.silent(ProbeState.FILTERED, "no answer within " + timeout.toMillis() + " ms");
    } catch (NoRouteToHostException e) {
      return ProbeAnswer.of(ProbeState.FILTERED, t0, "ICMP unreachable (host unreachable or administratively prohibited)");
    } catch (ConnectException e) {
      String m = String.valueOf(e.getMessage());
      if (m.contains("refused")) return ProbeAnswer.of(ProbeState.CLOSED, t0, "connection refused (RST or ICMP port unreachable)");
      if (m.contains("unreachable")) return ProbeAnswer.of(ProbeState.FILTERED, t0, "ICMP unreachable: " + m);
      return ProbeAnswer.of(ProbeState.ERROR, t0, "connect failed: " + m);
    } catch (IOException | IllegalArgumentException e) {
      return ProbeAnswer.of(ProbeState.ERROR, t0, "connect failed: " + e.getMessage());
    }
  }

  /**
   * A UDP exchange on a connected channel: the protocol's request is sent {@code 1 + retries}
   * times, evenly within the timeout. A reply the protocol recognises is open; an ICMP port
   * unreachable (reported by Linux on a connected socket as {@link PortUnreachableException})
   * is closed; silence is open|filtered. A reply that is not the protocol's answer still proves
   * a listener and is open, with a detail saying so.
   */
  static ProbeAnswer udp(InetSocketAddress to, UdpProtocol protocol, Duration timeout, int retries) {
    long t0 = System.nanoTime();
    int id = ThreadLocalRandom.current().nextInt(1, 0x7fff_ffff);
    boolean dhcp = protocol instanceof UdpProtocol.Dhcp d && !d.pxe();
    try (DatagramChannel ch = DatagramChannel.open(to.getAddress() instanceof Inet4Address
            ? java.net.StandardProtocolFamily.INET : java.net.StandardProtocolFamily.INET6);
        Selector sel = Selector.open()) {
      DatagramChannel other = null;
      String bindNote = "";
      try {
        if (protocol.repliesFromOtherPort()) ch.setOption(StandardSocketOptions.SO_REUSEADDR, true);
        if (dhcp) {
          try {
            ch.bind(new InetSocketAddress(localFor(to), 68)); // a DHCP server answers to the client port 68
          } catch (IOException e) {
            ch.bind(null);
            bindNote = " (client port 68 unavailable, a server's answer may not come back)";
          }
        } else ch.bind(null);
        ch.connect(to);
        ch.configureBlocking(false);
        ch.register(sel, SelectionKey.OP_READ);
        if (protocol.repliesFromOtherPort()) {
          // A second, unconnected socket on the same local port takes the answer a TFTP server
          // sends from its new transfer port (a DHCP server: from its primary address); ICMP
          // errors still reach the connected one.
          InetSocketAddress local = (InetSocketAddress) ch.getLocalAddress();
          other = DatagramChannel.open(to.getAddress() instanceof Inet4Address
              ? java.net.StandardProtocolFamily.INET : java.net.StandardProtocolFamily.INET6);
          other.setOption(StandardSocketOptions.SO_REUSEADDR, true);
          other.bind(local);
          other.configureBlocking(false);
          other.register(sel, SelectionKey.OP_READ);
        }
        byte[] localAddr = ((InetSocketAddress) ch.getLocalAddress()).getAddress().getAddress();
        byte[] request = protocol.request(id, localAddr);
        int sends = 1 + retries;
        long slot = Math.max(1, timeout.toNanos() / sends);
        long deadline = t0 + timeout.toNanos();
        boolean invalidSeen = false;
        String invalidHex = "";
        long invalidAt = 0;
        ByteBuffer buf = ByteBuffer.allocate(65_536);
        for (int i = 0; i < sends; i++) {
          ch.write(ByteBuffer.wrap(request));
          long until = Math.min(deadline, t0 + slot * (i + 1));
          while (true) {
            long left = until - System.nanoTime();
            if (left <= 0) break;
            sel.select(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
            for (SelectionKey k : sel.selectedKeys()) {
              DatagramChannel c = (DatagramChannel) k.channel();
              buf.clear();
              if (c == ch) {
                int n = ch.read(buf);
                if (n < 0) continue;
              } else {
                InetSocketAddress from = (InetSocketAddress) c.receive(buf);
                if (from == null || !protocol.repliesFromOtherAddress() && !from.getAddress().equals(to.getAddress())) continue;
              }
              byte[] reply = Arrays.copyOf(buf.array(), buf.position());
              if (protocol.validReply(request, reply))
                return ProbeAnswer.of(ProbeState.OPEN, t0, protocol.name() + " answer (" + reply.length + " bytes)");
              if (!invalidSeen) {
                invalidSeen = true;
                invalidAt = System.nanoTime();
                invalidHex = UdpProtocol.hex(reply, 16);
              }
            }
            sel.selectedKeys().clear();
          }
        }
        if (invalidSeen)
          return new ProbeAnswer(ProbeState.OPEN, java.util.OptionalDouble.of(Math.round((invalidAt - t0) / 10_000.0) / 100.0),
              "answered, but not a valid " + protocol.name() + " reply (" + invalidHex + "…)");
        return ProbeAnswer.silent(ProbeState.OPEN_FILTERED, "no " + protocol.name() + " answer to " + sends
            + " request(s) within " + timeout.toMillis() + " ms" + bindNote);
      } finally {
        if (other != null) other.close();
      }
    } catch (PortUnreachableException e) {
      return ProbeAnswer.of(ProbeState.CLOSED, t0, "ICMP port unreachable");
    } catch (java.net.NoRouteToHostException e) {
      return ProbeAnswer.of(ProbeState.FILTERED, t0, "ICMP unreachable (host unreachable or administratively prohibited)");
    } catch (IOException e) {
      String m = String.valueOf(e.getMessage());
      if (m.contains("refused")) return ProbeAnswer.of(ProbeState.CLOSED, t0, "ICMP port unreachable");
      if (m.contains("unreachable") || m.contains("No route"))
        return ProbeAnswer.of(ProbeState.FILTERED, t0, "ICMP unreachable (" + m + "): host unreachable or administratively prohibited");
      return ProbeAnswer.of(ProbeState.ERROR, t0, "UDP probe failed: " + m);
    }
  }

  private static InetAddress localFor(InetSocketAddress to) throws IOException {
    try (DatagramChannel probe = DatagramChannel.open()) {
      probe.connect(to); // no packet is sent: this only asks the kernel for the route's source
      return ((InetSocketAddress) probe.getLocalAddress()).getAddress();
    }
  }

  /**
   * ICMP echo. Java has no raw sockets, and {@code InetAddress.isReachable} silently falls
   * back to a TCP connection to port 7 when it lacks privileges, so it cannot tell what it
   * tested. Portolan runs {@code ping -n -c 1 -W S ADDRESS} for exactly the deployment's
   * address instead; without ping(8) the probe is reported as an error, never skipped.
   */
  static ProbeAnswer icmp(InetAddress to, Duration timeout) {
    Optional<Path> ping = onPath("ping");
    if (ping.isEmpty()) return ProbeAnswer.silent(ProbeState.ERROR, "ICMP not probed: no ping command on PATH (Java cannot send raw ICMP)");
    long t0 = System.nanoTime();
    long secs = Math.max(1, (timeout.toMillis() + 999) / 1000);
    try {
      Process p = new ProcessBuilder(ping.get().toString(), "-n", "-c", "1", "-W", Long.toString(secs), to.getHostAddress())
          .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
      if (!p.waitFor(secs + 2, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return ProbeAnswer.silent(ProbeState.FILTERED, "no echo reply (ping timed out)");
      }
      return p.exitValue() == 0 ? ProbeAnswer.of(ProbeState.OPEN, t0, "echo reply (ping)")
          : ProbeAnswer.silent(ProbeState.FILTERED, "no echo reply within " + secs + " s (ping exit " + p.exitValue() + ")");
    } catch (IOException e) {
      return ProbeAnswer.silent(ProbeState.ERROR, "ping failed: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return ProbeAnswer.silent(ProbeState.ERROR, "interrupted");
    }
  }

  static Optional<Path> onPath(String command) {
    String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
    for (String dir : path.split(":")) {
      Path p = Path.of(dir.isEmpty() ? "." : dir, command);
      if (Files.isExecutable(p)) return Optional.of(p);
    }
    return Optional.empty();
  }
}
