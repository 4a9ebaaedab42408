package org.portolan.probe;

import inet.ipaddr.IPAddress;
import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import org.portolan.model.Protocol;
import org.portolan.plan.Endpoint;
import org.portolan.plan.Flow;
import org.portolan.rpc.EndpointMapper;

/**
 * Stands in for a product that is not installed yet: binds every TCP port the flows say one
 * of {@code addresses} must accept (accepting and closing each connection) and answers the
 * UDP probes with the protocol's own reply ({@link UdpProtocol#answer}), so a network team can
 * prove its firewall changes end to end before go-live.
 *
 * <p>It binds the host's own addresses, never the wildcard, and never takes a port another
 * program holds (no SO_REUSEPORT): such ports are reported as in use. Port sets larger than
 * {@code maxPortsPerFlow} (a dynamic RPC range) get their lowest ports bound — the same sample
 * {@code probe} tests when no endpoint mapper answers — and at most {@code maxListeners}
 * sockets are bound in all; the rest are reported, not silently dropped. Answers are limited to
 * {@link #ANSWERS_PER_SECOND} per socket so a listener cannot be used as a reflector.
 */
public final class Listener implements AutoCloseable {
  static final int ANSWERS_PER_SECOND = 100;

  /** One socket the flows ask for, and what happened when binding it. */
  public record Binding(Protocol protocol, InetAddress address, int port, List<String> flows, boolean bound, String detail, boolean sampled) {
    public Binding {
      flows = List.copyOf(flows);
    }

    public String service() {
      return protocol.keyword() + "/" + port;
    }
  }

  private final List<Binding> bindings;
  private final List<AutoCloseable> sockets;
  private final ExecutorService threads;
  private final Map<String, AtomicLong> served;

  private Listener(List<Binding> bindings, List<AutoCloseable> sockets, ExecutorService threads, Map<String, AtomicLong> served) {
    this.bindings = bindings;
    this.sockets = sockets;
    this.threads = threads;
    this.served = served;
  }

  /** The sockets {@code listen} would open for these flows on these addresses, capped, in flow order. */
  static List<Binding> wanted(List<Flow> flows, List<InetAddress> addresses, int maxPortsPerFlow) {
    Map<String, Binding> out = new LinkedHashMap<>();
    for (Flow f : flows) {
      if (!f.protocol().hasPorts()) continue;
      for (InetAddress a : addresses) {
        if (!receives(f, a)) continue;
        for (int port : Prober.sample(f.ports(), maxPortsPerFlow)) {
          String key = f.protocol().keyword() + " " + a.getHostAddress() + " " + port;
          Binding old = out.get(key);
          List<String> names = new ArrayList<>(old == null ? List.of() : old.flows());
          names.add(f.name());
          String note = f.ports().size() > maxPortsPerFlow ? "lowest " + maxPortsPerFlow + " ports of " + f.ports().notation() : "";
          out.put(key, new Binding(f.protocol(), a, port, names, false, old == null ? note : old.detail(),
              (old != null && old.sampled()) || f.ports().size() > maxPortsPerFlow));
        }
      }
    }
    return List.copyOf(out.values());
  }

  /** True when {@code a} is one of the flow's destination addresses. */
  static boolean receives(Flow f, InetAddress a) {
    for (Endpoint e : f.destinations())
      if (e instanceof Endpoint.Addresses ad)
        for (IPAddress b : ad.blocks()) {
          IPAddress x = new inet.ipaddr.IPAddressString(a.getHostAddress()).getAddress();
          if (x != null && b.contains(x)) return true;
        }
    return false;
  }

  /** Binds what the flows ask for and starts answering. */
  public static Listener start(List<Flow> flows, List<InetAddress> addresses, int maxPortsPerFlow, int maxListeners) {
    List<Binding> want = wanted(flows, addresses, maxPortsPerFlow);
    List<Binding> result = new ArrayList<>();
    List<AutoCloseable> sockets = new ArrayList<>();
    Map<String, AtomicLong> served = new LinkedHashMap<>();
    ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
    for (Binding b : want) {
      if (sockets.size() >= maxListeners) {
        result.add(with(b, false, "not bound: --max-listeners " + maxListeners + " reached"));
        continue;
      }
      InetSocketAddress at = new InetSocketAddress(b.address(), b.port());
      AtomicLong count = new AtomicLong();
      try {
        switch (b.protocol()) {
          case Protocol.Tcp t -> {
            ServerSocketChannel s = ServerSocketChannel.open();
            try {
              s.bind(at, 128);
            } catch (IOException e) {
              s.close();
              throw e;
            }
            sockets.add(s);
            if (b.port() == 135) {
              // an endpoint mapper naming the sampled dynamic TCP ports bound on this address
              List<Integer> dynamic = want.stream().filter(x -> x.sampled() && x.protocol() instanceof Protocol.Tcp
                  && x.address().equals(b.address())).map(Binding::port).toList();
              threads.submit(() -> epmLoop(s, b.address().getAddress(), dynamic, threads, count));
            } else threads.submit(() -> acceptLoop(s, count));
          }
          case Protocol.Udp u -> {
            DatagramChannel d = DatagramChannel.open();
            try {
              d.bind(at);
            } catch (IOException e) {
              d.close();
              throw e;
            }
            sockets.add(d);
            UdpProtocol p = UdpProtocol.forPort(b.port());
            threads.submit(() -> answerLoop(d, p, b.address().getAddress(), count));
          }
          case Protocol.Icmp i -> throw new IllegalStateException("no socket for icmp");
          case Protocol.Ip ip -> throw new IllegalStateException("no socket for ip");
        }
        served.put(b.service() + " " + b.address().getHostAddress(), count);
        String kind = b.protocol() instanceof Protocol.Udp ? "answering " + UdpProtocol.forPort(b.port()).name()
            : b.port() == 135 ? "answering as RPC endpoint mapper" : "accepting";
        result.add(with(b, true, b.detail().isEmpty() ? kind : kind + "; " + b.detail()));
      } catch (BindException e) {
        // EADDRNOTAVAIL: no interface here carries the address (the host is another machine, or
        // the address is not configured yet); EADDRINUSE: another program owns the port.
        boolean notHere = String.valueOf(e.getMessage()).contains("Cannot assign requested address");
        result.add(with(b, false, notHere ? "this host has no address " + b.address().getHostAddress() + " (not configured on any interface here)"
            : "in use by another program (not taken over): " + e.getMessage()));
      } catch (IOException e) {
        result.add(with(b, false, "cannot bind: " + e.getMessage()));
      }
    }
    return new Listener(List.copyOf(result), sockets, threads, served);
  }

  private static Binding with(Binding b, boolean bound, String detail) {
    return new Binding(b.protocol(), b.address(), b.port(), b.flows(), bound, detail, b.sampled());
  }

  private static void acceptLoop(ServerSocketChannel s, AtomicLong count) {
    while (s.isOpen()) {
      try (SocketChannel c = s.accept()) {
        count.incrementAndGet();
      } catch (ClosedChannelException e) {
        return;
      } catch (IOException e) {
        if (!s.isOpen()) return;
      }
    }
  }

  private static void epmLoop(ServerSocketChannel s, byte[] ip, List<Integer> dynamic, ExecutorService threads, AtomicLong count) {
    while (s.isOpen()) {
      try {
        SocketChannel c = s.accept();
        count.incrementAndGet();
        threads.submit(() -> {
          try (c; java.net.Socket sock = c.socket()) {
            sock.setSoTimeout(5000);
            EndpointMapper.serve(sock.getInputStream(), sock.getOutputStream(), ip, dynamic);
          } catch (IOException e) {
            // the client went away or spoke something else: nothing to report
          }
        });
      } catch (ClosedChannelException e) {
        return;
      } catch (IOException | java.util.concurrent.RejectedExecutionException e) {
        if (!s.isOpen()) return;
      }
    }
  }

  private static void answerLoop(DatagramChannel d, UdpProtocol p, byte[] local, AtomicLong count) {
    ByteBuffer buf = ByteBuffer.allocate(65_536);
    long windowStart = System.nanoTime();
    int inWindow = 0;
    while (d.isOpen()) {
      try {
        buf.clear();
        InetSocketAddress from = (InetSocketAddress) d.receive(buf);
        if (from == null) continue;
        long now = System.nanoTime();
        if (now - windowStart > 1_000_000_000L) {
          windowStart = now;
          inWindow = 0;
        }
        if (++inWindow > ANSWERS_PER_SECOND) continue;
        byte[] request = Arrays.copyOf(buf.array(), buf.position());
        var answer = p.answer(request, local);
        if (answer.isPresent()) {
          count.incrementAndGet(); // before sending: whoever gets the answer sees the count
          d.send(ByteBuffer.wrap(answer.get()), from);
        }
      } catch (ClosedChannelException e) {
        return;
      } catch (IOException e) {
        if (!d.isOpen()) return;
      }
    }
  }

  public List<Binding> bindings() {
    return bindings;
  }

  /** Connections accepted or requests answered per bound socket ("tcp/443 198.18.0.2" → 3). */
  public Map<String, Long> served() {
    Map<String, Long> out = new LinkedHashMap<>();
    served.forEach((k, v) -> out.put(k, v.get()));
    return out;
  }

  @Override
  public void close() {
    for (AutoCloseable s : sockets) {
      try {
        s.close();
      } catch (Exception ignored) {
        // closing a socket we own; nothing to report
      }
    }
    threads.shutdownNow();
  }
}
