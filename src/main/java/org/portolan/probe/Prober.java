package org.portolan.probe;

import inet.ipaddr.IPAddress;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.portolan.model.PortRange;
import org.portolan.model.PortSet;
import org.portolan.model.Protocol;
import org.portolan.plan.Endpoint;
import org.portolan.plan.Flow;
import org.portolan.rpc.EndpointMapper;
import org.portolan.rpc.EpmEndpoint;

/**
 * Probes flows from this machine. Safety first: only the addresses the flows name are ever
 * contacted (FQDNs are resolved and their own addresses probed), only the ports the flows
 * name, and never more than {@link ProbeOptions#maxPortsPerFlow} per flow and destination:
 * a dynamic range is not scanned; its ports come from the endpoint mapper of the same
 * destination (asked only when a flow names tcp/135 there), else the lowest ports of the
 * range are sampled and the results say so. Networks larger than
 * {@link ProbeOptions#maxAddressesPerBlock} addresses are not swept.
 *
 * <p>Probes run on reused platform threads, at most {@code concurrency} at once (a probe is
 * handed to a thread only when it may start, never one thread per flow up front), paced by a global and a
 * per-destination rate limit; TCP timeouts adapt to each destination's measured RTT
 * ({@link RttEstimator}); the run ends within {@code maxTime} plus one probe timeout,
 * and probes that could not start in time are reported as errors, never dropped.
 */
public final class Prober {
  /** Name resolution, injectable so tests never ask a real DNS server. */
  @FunctionalInterface
  public interface Resolver {
    List<InetAddress> resolve(String fqdn) throws UnknownHostException;
  }

  /** The operating system's resolver. */
  public static final Resolver SYSTEM_RESOLVER = name -> List.of(InetAddress.getAllByName(name));

  /** Called as probes finish, for a progress bar. */
  @FunctionalInterface
  public interface Progress {
    void update(int done, int total);
  }

  private final ProbeOptions options;
  private final Resolver resolver;
  private final Progress progress;
  /** Per destination: the round-trip estimate of its TCP answers (open or closed) in this run. */
  private final Map<InetAddress, RttEstimator> answers = new ConcurrentHashMap<>();

  public Prober(ProbeOptions options, Resolver resolver, Progress progress) {
    this.options = options;
    this.resolver = resolver;
    this.progress = progress;
  }

  /** Probes every flow from this machine; {@code src} labels the results (host name or address). */
  public ProbeReport probe(List<Flow> flows, String src) {
    long start = System.nanoTime();
    long deadline = start + options.maxTime().toNanos();
    expanded.clear();
    resolved.clear();
    List<Step> plan = new ArrayList<>(); // in flow order
    for (Flow f : flows) expand(f, src, plan);

    Map<String, List<EpmEndpoint>> maps = new LinkedHashMap<>();
    Map<String, String> mapFailures = new LinkedHashMap<>();
    if (options.endpointMapper()) lookupEndpointMappers(plan, maps, mapFailures);

    List<Step> concrete = new ArrayList<>();
    for (Step o : plan) {
      if (o instanceof PendingRange pr) concrete.addAll(resolveRange(pr, maps, mapFailures));
      else concrete.add(o);
    }

    List<ProbeTarget> targets = concrete.stream().filter(o -> o instanceof ProbeTarget).map(o -> (ProbeTarget) o).toList();
    Map<ProbeTarget, ProbeResult> done = run(targets, deadline);
    List<ProbeResult> results = new ArrayList<>();
    for (Step o : concrete) {
      switch (o) {
        case ProbeTarget t -> results.add(annotateMapper(done.get(t), t, maps, mapFailures));
        case Decided d -> results.add(d.result());
        case PendingRange pr -> throw new IllegalStateException("range of " + pr.flow() + " left unresolved");
      }
    }
    return new ProbeReport(results, maps);
  }

  /** One step of a run's plan, in flow order: a probe to send, a result decided without one, or a range. */
  sealed interface Step permits ProbeTarget, Decided, PendingRange {}

  /** A result known without sending anything (unresolved name, network too large…). */
  record Decided(ProbeResult result) implements Step {}

  /** A port set too large to probe port by port, decided after the endpoint mappers answered. */
  record PendingRange(String flow, String src, InetAddress dst, Protocol protocol, PortSet ports, String via) implements Step {}

  /** An endpoint's addresses to probe, and what is not probed in it (notation, why): the same for every flow naming it. */
  private record Expansion(List<InetAddress> addresses, List<String[]> errors) {}

  /** Expansions by endpoint object: flows of one file or plan share their endpoints (FlowsCsv parses each cell text once). */
  private final Map<Endpoint.Addresses, Expansion> expanded = new java.util.IdentityHashMap<>();

  /** Names resolved in this run: each asked once. */
  private final Map<String, List<InetAddress>> resolved = new LinkedHashMap<>();

  private Expansion expansion(Endpoint.Addresses a) {
    List<InetAddress> addresses = new ArrayList<>();
    List<String[]> errors = new ArrayList<>();
    // the cap counts the endpoint as written (a range splits into several prefix blocks); an
    // endpoint of single addresses is hosts named one by one, never a network to sweep
    boolean network = a.blocks().stream().anyMatch(b -> b.getCount().compareTo(java.math.BigInteger.ONE) > 0);
    java.math.BigInteger total = a.blocks().stream().map(IPAddress::getCount).reduce(java.math.BigInteger.ZERO, java.math.BigInteger::add);
    if (network && total.compareTo(java.math.BigInteger.valueOf(options.maxAddressesPerBlock())) > 0) {
      errors.add(new String[] {a.notation(), "destination network has " + total + " addresses (more than --max-addresses "
          + options.maxAddressesPerBlock() + "): not swept; name single hosts to probe them"});
      return new Expansion(List.of(), errors);
    }
    for (IPAddress block : a.blocks()) {
      java.math.BigInteger count = block.getCount();
      if (block.isMulticast() || block.isIPv4() && block.getUpper().withoutPrefixLength().toCanonicalString().equals("255.255.255.255")) {
        errors.add(new String[] {org.portolan.model.AddressBlocks.notation(block),
            "multicast or broadcast destination: not probed (a probe tests one host; name the hosts)"});
        continue;
      }
      // The network and broadcast addresses of an IPv4 subnet are no hosts to probe; a range
      // (198.18.52.1-198.18.52.20) splits into several prefix blocks, all of whose addresses are hosts.
      boolean skipEnds = block.isIPv4() && a.blocks().size() == 1 && count.intValue() > 2;
      IPAddress lower = block.getLower().withoutPrefixLength(), upper = block.getUpper().withoutPrefixLength();
      for (var it = block.withoutPrefixLength().iterator(); it.hasNext(); ) {
        IPAddress one = it.next();
        if (skipEnds && (one.equals(lower) || one.equals(upper))) continue;
        addresses.add(one.toInetAddress());
      }
    }
    return new Expansion(List.copyOf(addresses), List.copyOf(errors));
  }

  private void expand(Flow f, String src, List<Step> plan) {
    for (Endpoint dst : f.destinations()) {
      List<InetAddress> addresses = new ArrayList<>();
      switch (dst) {
        case Endpoint.Addresses a -> {
          Expansion e = expanded.computeIfAbsent(a, this::expansion);
          for (String[] error : e.errors()) plan.add(decided(f, src, error[0], ProbeState.ERROR, error[1]));
          addresses.addAll(e.addresses());
        }
        case Endpoint.Fqdn n -> {
          if (n.wildcard()) {
            plan.add(decided(f, src, n.fqdn(), ProbeState.ERROR, "wildcard name: no single host to resolve; probe named hosts of the domain instead"));
            continue;
          }
          // once per name and run, however many flows name it (an empty list: does not resolve)
          List<InetAddress> found = resolved.computeIfAbsent(n.fqdn().toLowerCase(java.util.Locale.ROOT), name -> {
            try {
              return resolve(n.fqdn());
            } catch (UnknownHostException e) {
              return List.of();
            }
          });
          if (found.isEmpty()) {
            plan.add(decided(f, src, n.fqdn(), ProbeState.UNRESOLVED, "name does not resolve"));
            continue;
          }
          addresses.addAll(found);
        }
      }
      String via = dst instanceof Endpoint.Fqdn n ? n.fqdn() + " resolves to " : "";
      for (InetAddress addr : new LinkedHashSet<>(addresses))
        expandAddress(f, src, addr, via.isEmpty() ? "" : via + addr.getHostAddress(), plan);
    }
  }

  private List<InetAddress> resolve(String fqdn) throws UnknownHostException {
    try (ExecutorService ex = Executors.newVirtualThreadPerTaskExecutor()) {
      Future<List<InetAddress>> fut = ex.submit(() -> resolver.resolve(fqdn));
      try {
        return fut.get(options.timeout().toMillis() * 4, TimeUnit.MILLISECONDS);
      } catch (ExecutionException e) {
        if (e.getCause() instanceof UnknownHostException u) throw u;
        throw new UnknownHostException(fqdn + ": " + e.getCause());
      } catch (TimeoutException e) {
        fut.cancel(true);
        throw new UnknownHostException(fqdn + ": resolution timed out");
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new UnknownHostException(fqdn + ": interrupted");
      } finally {
        ex.shutdownNow();
      }
    }
  }

  private void expandAddress(Flow f, String src, InetAddress addr, String via, List<Step> plan) {
    switch (f.protocol()) {
      case Protocol.Tcp t -> ports(f, src, addr, via, plan);
      case Protocol.Udp u -> ports(f, src, addr, via, plan);
      case Protocol.Icmp i -> {
        if (i.type().isPresent() && i.type().getAsInt() != 8)
          plan.add(decided(f, src, addr.getHostAddress(), ProbeState.ERROR,
              "ICMP type " + i.typeNotation() + " is not a request a host can send to test: not probed"));
        else plan.add(new ProbeTarget(f.name(), src, addr, f.protocol(), OptionalInt.empty(), via));
      }
      case Protocol.Ip ip -> plan.add(decided(f, src, addr.getHostAddress(), ProbeState.ERROR,
          "IP protocol " + ip.number() + " cannot be probed without raw sockets: not probed"));
    }
  }

  private void ports(Flow f, String src, InetAddress addr, String via, List<Step> plan) {
    if (f.ports().size() > options.maxPortsPerFlow()) {
      plan.add(new PendingRange(f.name(), src, addr, f.protocol(), f.ports(), via));
      return;
    }
    for (PortRange r : f.ports().ranges())
      for (int p = r.from(); p <= r.to(); p++)
        plan.add(new ProbeTarget(f.name(), src, addr, f.protocol(), OptionalInt.of(p), via));
  }

  private static Decided decided(Flow f, String src, String dst, ProbeState state, String detail) {
    return new Decided(new ProbeResult(f.name(), src, dst, f.protocol().keyword(), OptionalInt.empty(), state, OptionalDouble.empty(), detail));
  }

  /** The lowest {@code max} ports of {@code ports}: where Windows and Samba hand out dynamic ports. */
  public static List<Integer> sample(PortSet ports, int max) {
    List<Integer> out = new ArrayList<>();
    for (PortRange r : ports.ranges())
      for (int p = r.from(); p <= r.to() && out.size() < max; p++) out.add(p);
    return out;
  }

  private void lookupEndpointMappers(List<Step> plan, Map<String, List<EpmEndpoint>> maps, Map<String, String> failures) {
    Set<InetAddress> mappers = new LinkedHashSet<>();
    for (Step o : plan)
      if (o instanceof ProbeTarget t && t.protocol() instanceof Protocol.Tcp && t.port().equals(OptionalInt.of(135))) mappers.add(t.dst());
    if (mappers.isEmpty()) return;
    Duration timeout = options.timeout().multipliedBy(2);
    try (ExecutorService ex = Executors.newVirtualThreadPerTaskExecutor()) {
      Map<InetAddress, Future<List<EpmEndpoint>>> futures = new LinkedHashMap<>();
      for (InetAddress a : mappers) futures.put(a, ex.submit(() -> EndpointMapper.lookup(new InetSocketAddress(a, 135), timeout)));
      for (var e : futures.entrySet()) {
        String key = e.getKey().getHostAddress();
        try {
          maps.put(key, e.getValue().get(timeout.toMillis() * 4, TimeUnit.MILLISECONDS));
        } catch (ExecutionException x) {
          Throwable c = x.getCause();
          failures.put(key, c instanceof IOException io && io.getMessage() != null ? io.getMessage() : String.valueOf(c));
        } catch (TimeoutException x) {
          e.getValue().cancel(true);
          failures.put(key, "endpoint mapper did not finish within " + timeout.toMillis() * 4 + " ms");
        } catch (InterruptedException x) {
          Thread.currentThread().interrupt();
          failures.put(key, "interrupted");
        }
      }
    }
  }

  private List<Step> resolveRange(PendingRange pr, Map<String, List<EpmEndpoint>> maps, Map<String, String> failures) {
    String key = pr.dst().getHostAddress();
    String what = pr.protocol().keyword() + " " + pr.ports().notation() + " (" + pr.ports().size() + " ports)";
    List<Step> out = new ArrayList<>();
    String via = pr.via().isEmpty() ? "" : "; " + pr.via();
    if (pr.protocol() instanceof Protocol.Tcp && maps.containsKey(key)) {
      Map<Integer, List<EpmEndpoint>> byPort = new java.util.TreeMap<>();
      for (EpmEndpoint e : maps.get(key))
        if (e.protocol().equals("ncacn_ip_tcp") && e.port().isPresent() && pr.ports().contains(e.port().getAsInt()))
          byPort.computeIfAbsent(e.port().getAsInt(), p -> new ArrayList<>()).add(e);
      if (!byPort.isEmpty()) {
        int n = 0;
        for (var e : byPort.entrySet()) {
          if (n++ >= options.maxPortsPerFlow()) break;
          String names = e.getValue().stream().map(x -> x.annotation().isEmpty() ? x.iface().toString() : x.annotation())
              .distinct().collect(Collectors.joining(", "));
          out.add(new ProbeTarget(pr.flow(), pr.src(), pr.dst(), pr.protocol(), OptionalInt.of(e.getKey()),
              "dynamic: verified via endpoint mapper (" + names + "); " + what + " not scanned" + via));
        }
        return out;
      }
    }
    String why = pr.protocol() instanceof Protocol.Tcp
        ? maps.containsKey(key) ? "the endpoint mapper lists no TCP endpoint in it"
            : failures.containsKey(key) ? "endpoint mapper failed: " + failures.get(key) : "no flow to tcp/135 of this host to ask its endpoint mapper"
        : "UDP ranges have no endpoint mapper";
    List<Integer> sample = sample(pr.ports(), options.maxPortsPerFlow());
    for (int p : sample)
      out.add(new ProbeTarget(pr.flow(), pr.src(), pr.dst(), pr.protocol(), OptionalInt.of(p),
          "sample: lowest " + sample.size() + " ports of " + what + ", range not scanned; " + why + via));
    return out;
  }

  private ProbeResult annotateMapper(ProbeResult r, ProbeTarget t, Map<String, List<EpmEndpoint>> maps, Map<String, String> failures) {
    if (!(t.protocol() instanceof Protocol.Tcp) || !t.port().equals(OptionalInt.of(135))) return r;
    String key = t.dst().getHostAddress();
    String add;
    if (maps.containsKey(key)) {
      List<EpmEndpoint> es = maps.get(key);
      String tcpPorts = es.stream().filter(e -> e.protocol().equals("ncacn_ip_tcp") && e.port().isPresent())
          .map(e -> e.port().getAsInt()).distinct().sorted().map(String::valueOf).collect(Collectors.joining(" "));
      add = "endpoint mapper: " + es.size() + (es.size() == 1 ? " entry" : " entries") + (tcpPorts.isEmpty() ? "" : ", TCP ports " + tcpPorts);
    } else if (failures.containsKey(key)) add = "endpoint mapper lookup failed: " + failures.get(key);
    else return r;
    return new ProbeResult(r.name(), r.src(), r.dst(), r.proto(), r.port(), r.state(), r.rttMs(), r.detail() + "; " + add);
  }

  /**
   * Runs the probes. One dispatcher (the caller's thread) walks the targets in round-robin order
   * over the destinations, reserves each one's start from the global and the per-destination
   * rate limiters, waits for that start and for one of {@code concurrency} permits, and only then
   * hands the probe to a thread of {@link #probeThreads}: at most {@code concurrency} probes run at any
   * time, whatever the number of flows. Results are keyed by target; the caller restores flow order.
   */
  private Map<ProbeTarget, ProbeResult> run(List<ProbeTarget> targets, long deadline) {
    Map<ProbeTarget, ProbeResult> out = new ConcurrentHashMap<>();
    RateLimiter global = new RateLimiter(options.rate());
    Map<InetAddress, RateLimiter> perDst = new LinkedHashMap<>();
    Semaphore slots = new Semaphore(options.concurrency());
    AtomicInteger finished = new AtomicInteger();
    int total = targets.size();
    progress.update(0, total);
    try (ExecutorService ex = probeThreads()) {
      for (ProbeTarget t : roundRobin(targets)) {
        long slot = Math.max(global.reserve(), perDst.computeIfAbsent(t.dst(), a -> new RateLimiter(options.perDestinationRate())).reserve());
        ProbeAnswer notStarted = awaitStart(slot, slots, deadline);
        if (notStarted != null) {
          out.put(t, ProbeResult.of(t, notStarted));
          progress.update(finished.incrementAndGet(), total);
          continue;
        }
        ex.submit(() -> {
          try {
            out.put(t, ProbeResult.of(t, probeOne(t)));
          } catch (RuntimeException e) {
            out.put(t, ProbeResult.of(t, ProbeAnswer.silent(ProbeState.ERROR, "probe failed: " + e)));
          } finally {
            slots.release();
            progress.update(finished.incrementAndGet(), total);
          }
        });
      }
    }
    return out;
  }

  /**
   * The probes' threads: platform daemon threads, reused, never more at once than probes in flight
   * (the dispatcher's permits), ended with the run. Not virtual threads: a virtual
   * thread's socket wait goes through the JDK's poller, a platform thread parked in epoll_wait
   * for the rest of the process, and a JVM exits only after waiting 300 ms for threads that are
   * in native code (HotSpot's VM_Exit) — 0.3 s added to every probe run, measured with strace.
   */
  private static ExecutorService probeThreads() {
    return new java.util.concurrent.ThreadPoolExecutor(0, Integer.MAX_VALUE, 10, TimeUnit.SECONDS, new java.util.concurrent.SynchronousQueue<>(),
        Thread.ofPlatform().daemon().name("probe-", 0).factory());
  }

  /** Sleeps until {@code slot}, then takes a permit: null once both are had, else why the probe cannot start. */
  private ProbeAnswer awaitStart(long slot, Semaphore slots, long deadline) {
    try {
      if (slot >= deadline) return notStarted();
      long sleep = slot - System.nanoTime();
      if (sleep > 0) TimeUnit.NANOSECONDS.sleep(sleep);
      long waitFor = deadline - System.nanoTime();
      if (waitFor <= 0 || !slots.tryAcquire(waitFor, TimeUnit.NANOSECONDS)) return notStarted();
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return ProbeAnswer.silent(ProbeState.ERROR, "interrupted");
    }
  }

  /** Interleaves the targets by destination: a, b, c, a, b, c… keeping each destination's order. */
  static List<ProbeTarget> roundRobin(List<ProbeTarget> targets) {
    Map<InetAddress, java.util.ArrayDeque<ProbeTarget>> by = new LinkedHashMap<>();
    for (ProbeTarget t : targets) by.computeIfAbsent(t.dst(), a -> new java.util.ArrayDeque<>()).add(t);
    List<ProbeTarget> out = new ArrayList<>(targets.size());
    while (out.size() < targets.size())
      for (var q : by.values()) if (!q.isEmpty()) out.add(q.poll());
    return out;
  }

  private ProbeAnswer probeOne(ProbeTarget t) {
    Duration timeout = options.timeout();
    return switch (t.protocol()) {
      case Protocol.Tcp tcp -> tcp(t.dst(), t.port().getAsInt(), timeout);
      case Protocol.Udp udp -> Probes.udp(new InetSocketAddress(t.dst(), t.port().getAsInt()),
          UdpProtocol.forPort(t.port().getAsInt()), timeout, options.retries());
      case Protocol.Icmp icmp -> Probes.icmp(t.dst(), timeout);
      case Protocol.Ip ip -> ProbeAnswer.silent(ProbeState.ERROR, "IP protocol " + ip.number() + " cannot be probed");
    };
  }

  /**
   * A TCP probe with an adaptive timeout ({@link RttEstimator}: nmap's smoothed RTT + 4 ×
   * variation, at least twice the host's slowest answer and 100 ms, at most --timeout). Until the
   * host has answered twice, one connect of --timeout (the kernel retransmits the SYN after one
   * second); after that, a silent port gets a second connect before it is called filtered, as
   * nmap retransmits once: two SYNs without an answer, each waited for its timeout.
   */
  private ProbeAnswer tcp(InetAddress dst, int port, Duration full) {
    InetSocketAddress to = new InetSocketAddress(dst, port);
    RttEstimator rtt = answers.computeIfAbsent(dst, d -> new RttEstimator());
    Duration adaptive = rtt.timeout(full);
    if (adaptive.compareTo(full) >= 0) return recordAnswer(rtt, Probes.tcp(to, full));
    for (int attempt = 0; attempt < 2; attempt++) {
      ProbeAnswer o = recordAnswer(rtt, Probes.tcp(to, adaptive));
      if (o.state() != ProbeState.FILTERED || o.rttMs().isPresent()) return o; // answered, or ICMP unreachable
    }
    return ProbeAnswer.silent(ProbeState.FILTERED, "no answer to 2 connects within " + adaptive.toMillis()
        + " ms each (adaptive timeout: smoothed RTT + 4 x variation, at least 2 x the slowest answer and 100 ms, at most --timeout; "
        + rtt.describe() + ")");
  }

  private static ProbeAnswer recordAnswer(RttEstimator rtt, ProbeAnswer o) {
    if ((o.state() == ProbeState.OPEN || o.state() == ProbeState.CLOSED) && o.rttMs().isPresent()) rtt.add(o.rttMs().getAsDouble());
    return o;
  }

  private ProbeAnswer notStarted() {
    return ProbeAnswer.silent(ProbeState.ERROR, "not probed: --max-time " + options.maxTime().toSeconds() + " s reached");
  }
}
