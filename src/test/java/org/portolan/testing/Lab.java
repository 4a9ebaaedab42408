package org.portolan.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/**
 * A network lab for tests, with the real kernel as the judge: hosts are Linux network
 * namespaces, links are veth pairs, a router is a host that forwards, firewalls are real
 * nft/iptables rules loaded inside a host, listeners, peers and captures are real processes
 * started inside a host. Every command and every wait is bounded ({@link #TIMEOUT} unless
 * given); waits are on events (a line printed, a port listening, a packet in the capture),
 * never fixed sleeps. {@link #close} kills every process started and removes every namespace
 * (and the root end of an {@link #uplink}), also when the test failed; names are unique per
 * JVM and lab, so concurrent runs never clash. Addresses: 198.18.0.0/15 and 2001:db8::/32 only.
 *
 * <pre>{@code
 * @NetworkTest                                              // tag "netns": select or exclude
 * class DropTest {
 *   @Test void theKernelDrops(@TempDir Path dir) {
 *     try (Lab lab = Lab.create()) {                        // skips unless root with iproute2
 *       Lab.Host client = lab.host("client"), server = lab.host("server");
 *       lab.link(client, "c0", "198.18.6.1/24", server, "s0", "198.18.6.2/24");
 *       server.nft("table inet t { chain i { type filter hook input priority 0; tcp dport 81 drop; }; }");
 *       server.start("python3", "peer.py", "serve", "80").await("ready");
 *       Lab.Capture cap = client.tcpdump(dir.resolve("x.pcap"), "198.18.6.2", "-i", "c0");
 *       String out = client.run("python3", "peer.py", "client", "198.18.6.2", "80,81");
 *       cap.stop();                  // every packet sent before is in x.pcap (see Capture)
 *     }                              // namespaces and processes gone, also on failure
 *   }
 * }
 * }</pre>
 */
public final class Lab implements AutoCloseable {
  /** The bound of every command and wait that is not given its own. */
  public static final Duration TIMEOUT = Duration.ofSeconds(60);

  private static final AtomicInteger LABS = new AtomicInteger();
  private final String id;
  private final List<Host> hosts = new ArrayList<>();
  private final List<Proc> procs = new ArrayList<>();
  private final List<String> rootLinks = new ArrayList<>();
  private boolean closed;

  private Lab(String id) {
    this.id = id;
  }

  /**
   * A new, empty lab. Skips the test (a JUnit assumption) unless this process may create
   * network namespaces: root, with iproute2.
   */
  public static Lab create() {
    assumeTrue("root".equals(System.getProperty("user.name")), "network namespace tests need root (ip netns add)");
    requireTools("ip");
    // pid (unique among running processes) and a counter (unique in this JVM): no clash with
    // a concurrent run; short, because the root end of an uplink is named after it (15 chars).
    return new Lab("pl" + Long.toString(ProcessHandle.current().pid(), 36) + Integer.toString(LABS.incrementAndGet(), 36));
  }

  /** Skips the test (a JUnit assumption) unless each tool is installed (on PATH, /usr/sbin or /sbin). */
  public static void requireTools(String... tools) {
    for (String t : tools) assumeTrue(installed(t), () -> "'" + t + "' is not installed: network namespace test skipped");
  }

  /** True when {@code tool} (a name or an absolute path) is an executable here. */
  public static boolean installed(String tool) {
    if (tool.startsWith("/")) return Files.isExecutable(Path.of(tool));
    List<String> dirs = new ArrayList<>(List.of(System.getenv().getOrDefault("PATH", "").split(":")));
    dirs.addAll(List.of("/usr/sbin", "/sbin", "/usr/bin", "/bin", "/usr/libexec/samba"));
    return dirs.stream().filter(d -> !d.isEmpty()).anyMatch(d -> Files.isExecutable(Path.of(d, tool)));
  }

  /**
   * A new host: its own network namespace with loopback up, no IPv6 duplicate address
   * detection (addresses usable at once) and no ICMP rate limit (every closed port, reject and
   * unreachable gets its answer).
   */
  public Host host(String role) {
    if (!role.matches("[a-z0-9]{1,12}")) throw new IllegalArgumentException("host role: 1-12 of a-z0-9, not '" + role + "'");
    Host h = new Host(id + "-" + role, this);
    exec(TIMEOUT, null, List.of("ip", "netns", "add", h.name)).ok();
    hosts.add(h);
    h.run("ip", "link", "set", "lo", "up");
    h.run("sysctl", "-q", "-w", "net.ipv6.conf.default.accept_dad=0", "net.ipv6.conf.all.accept_dad=0",
        "net.ipv4.icmp_ratelimit=0", "net.ipv4.icmp_msgs_per_sec=100000", "net.ipv6.icmp.ratelimit=0");
    return h;
  }

  /** A host that forwards IPv4 and IPv6 between its links: where firewall rules are judged. */
  public Host router(String role) {
    Host r = host(role);
    r.run("sysctl", "-q", "-w", "net.ipv4.ip_forward=1", "net.ipv6.conf.all.forwarding=1");
    return r;
  }

  /**
   * Joins two hosts by a veth pair created inside them (nothing in the root namespace), with
   * an address (CIDR; none when empty) on each end, both up. IPv6 addresses are added without
   * duplicate address detection.
   */
  public void link(Host a, String ifA, String addrA, Host b, String ifB, String addrB) {
    a.run("ip", "link", "add", ifA, "type", "veth", "peer", "name", ifB, "netns", b.name);
    if (!addrA.isEmpty()) a.addr(ifA, addrA);
    if (!addrB.isEmpty()) b.addr(ifB, addrB);
    a.run("ip", "link", "set", ifA, "up");
    b.run("ip", "link", "set", ifB, "up");
  }

  /**
   * Joins {@code h} to the test's own (root) namespace, for code under test that runs in this
   * JVM: a veth pair with a free /28 of 198.19.128.0/17, {@code addr(1)} on the root end and
   * {@code addr(2)} on the host's end ({@link Uplink#hostIf}). Removed on {@link #close}.
   */
  public Uplink uplink(Host h) {
    String used = exec(TIMEOUT, null, List.of("ip", "-4", "route", "show", "table", "all")).ok();
    String base = null;
    for (int i = 0; i < 200 && base == null; i++) {
      String candidate = "198.19." + ThreadLocalRandom.current().nextInt(128, 256) + "." + 16 * ThreadLocalRandom.current().nextInt(0, 16);
      if (!used.contains(candidate.substring(0, candidate.lastIndexOf('.') + 1))) base = candidate;
    }
    if (base == null) throw new IllegalStateException("no free /28 in 198.19.128.0/17");
    Uplink u = new Uplink(base, id + "u" + rootLinks.size(), "up" + rootLinks.size());
    exec(TIMEOUT, null, List.of("ip", "link", "add", u.rootIf, "type", "veth", "peer", "name", u.hostIf, "netns", h.name)).ok();
    rootLinks.add(u.rootIf);
    exec(TIMEOUT, null, List.of("ip", "addr", "add", u.addr(1) + "/28", "dev", u.rootIf)).ok();
    exec(TIMEOUT, null, List.of("ip", "link", "set", u.rootIf, "up")).ok();
    h.addr(u.hostIf, u.addr(2) + "/28");
    h.run("ip", "link", "set", u.hostIf, "up");
    return u;
  }

  /**
   * A /28 between the root namespace and a host: {@code base} is its network address.
   *
   * @param rootIf the root namespace's end
   * @param hostIf the host's end
   */
  public record Uplink(String base, String rootIf, String hostIf) {
    /** The network address plus {@code n} (1 = root end, 2 = host end, up to 14 free). */
    public String addr(int n) {
      if (n < 1 || n > 14) throw new IllegalArgumentException("a /28 has hosts 1..14, not " + n);
      int dot = base.lastIndexOf('.');
      return base.substring(0, dot + 1) + (Integer.parseInt(base.substring(dot + 1)) + n);
    }
  }

  /** Kills every process started in the lab, then removes every namespace and uplink. */
  @Override
  public void close() {
    if (closed) return;
    closed = true;
    List<String> problems = new ArrayList<>();
    for (Proc p : procs) p.kill();
    for (Host h : hosts.reversed()) {
      try {
        // processes that left our process tree (samba forks its workers) still hold the namespace
        String pids = exec(Duration.ofSeconds(10), null, List.of("ip", "netns", "pids", h.name)).out();
        for (String pid : pids.trim().split("\\s+"))
          if (pid.matches("\\d+")) ProcessHandle.of(Long.parseLong(pid)).ifPresent(ProcessHandle::destroyForcibly);
        Result r = exec(Duration.ofSeconds(20), null, List.of("ip", "netns", "del", h.name));
        if (r.exit() != 0) problems.add(h.name + ": " + r.err().strip());
      } catch (RuntimeException e) {
        problems.add(h.name + ": " + e.getMessage());
      }
    }
    for (String link : rootLinks) {
      // normally gone with its namespace
      if (exec(Duration.ofSeconds(10), null, List.of("ip", "link", "show", link)).exit() == 0)
        exec(Duration.ofSeconds(10), null, List.of("ip", "link", "del", link));
    }
    if (!problems.isEmpty()) throw new IllegalStateException("namespaces not removed: " + problems);
  }

  /** A network namespace of the lab. */
  public static final class Host {
    /** The namespace's name ({@code ip netns exec NAME …}). */
    public final String name;
    private final Lab lab;

    private Host(String name, Lab lab) {
      this.name = name;
      this.lab = lab;
    }

    /** Adds an address (CIDR; IPv6 without duplicate address detection) to an interface. */
    public void addr(String iface, String cidr) {
      if (cidr.contains(":")) run("ip", "-6", "addr", "add", cidr, "dev", iface, "nodad");
      else run("ip", "addr", "add", cidr, "dev", iface);
    }

    /** Runs a command here (bounded by {@link #TIMEOUT}); its exit code is the caller's to judge. */
    public Result exec(String... cmd) {
      return exec(TIMEOUT, null, cmd);
    }

    /** Runs a command here with {@code stdin} (none when null), bounded by {@code timeout}. */
    public Result exec(Duration timeout, String stdin, String... cmd) {
      return Lab.exec(timeout, stdin, inside(cmd));
    }

    /** Runs a command here (bounded by {@link #TIMEOUT}); its standard output; fails unless it exits 0. */
    public String run(String... cmd) {
      return exec(cmd).ok();
    }

    /** Loads an nft ruleset here. */
    public void nft(String ruleset) {
      exec(TIMEOUT, ruleset, "nft", "-f", "-").ok();
    }

    /** Loads an iptables-restore ruleset here. */
    public void iptables(String ruleset) {
      exec(TIMEOUT, ruleset, "iptables-restore").ok();
    }

    /** Loads an ip6tables-restore ruleset here. */
    public void ip6tables(String ruleset) {
      exec(TIMEOUT, ruleset, "ip6tables-restore").ok();
    }

    /** Starts a long-running process here (killed on {@link Lab#close}); see {@link Proc#await}. */
    public Proc start(String... cmd) {
      return lab.startProc(inside(cmd), null);
    }

    /**
     * Waits (bounded) until something listens on {@code proto} ("tcp" or "udp") port
     * {@code port} here; fails after the timeout.
     */
    public void awaitListening(String proto, int port, Duration timeout) {
      Pattern p = Pattern.compile(":" + port + "\\s");
      long end = System.nanoTime() + timeout.toNanos();
      do {
        if (run("ss", "-H", "-ln", proto.equals("tcp") ? "-t" : "-u").lines().anyMatch(l -> p.matcher(l).find())) return;
        pause();
      } while (System.nanoTime() < end);
      throw new IllegalStateException("nothing listens on " + proto + "/" + port + " in " + name + " within " + timeout.toSeconds() + " s");
    }

    /**
     * tcpdump writing {@code file} (pcap) while printing what it writes; {@code args} choose the
     * interface and options ({@code "-i", "c0"}). Returns once a marker ping from here to
     * {@code markTo} is in the file: see {@link Capture}.
     */
    public Capture tcpdump(Path file, String markTo, String... args) {
      List<String> cmd = new ArrayList<>(List.of("tcpdump", "--print", "-l", "-n", "-U", "-w", file.toString()));
      cmd.addAll(List.of(args));
      return lab.capture(this, markTo, "listening on", cmd);
    }

    /** tshark writing {@code file} ({@code args} add "-F", "pcapng", "-i", …), as {@link #tcpdump}. */
    public Capture tshark(Path file, String markTo, String... args) {
      List<String> cmd = new ArrayList<>(List.of("tshark", "-P", "-l", "-n", "-w", file.toString()));
      cmd.addAll(List.of(args));
      return lab.capture(this, markTo, "Capturing on", cmd);
    }

    private List<String> inside(String... cmd) {
      List<String> all = new ArrayList<>(List.of("ip", "netns", "exec", name));
      all.addAll(List.of(cmd));
      return all;
    }

    @Override
    public String toString() {
      return name;
    }
  }

  /** How a command ended: its exit code and its output streams. */
  public record Result(List<String> command, int exit, String out, String err) {
    /** The standard output; fails (with both streams) unless the command exited 0. */
    public String ok() {
      if (exit != 0) throw new IllegalStateException(String.join(" ", command) + " failed (" + exit + "):\n" + err + out);
      return out;
    }
  }

  /** A long-running process of the lab; its output (stdout and stderr, merged) is kept. */
  public static final class Proc {
    private final List<String> command;
    private final Process process;
    private final StringBuilder output = new StringBuilder();
    private final Pattern marker;
    private int markers;
    private boolean ended;

    private Proc(List<String> command, Process process, Pattern marker) {
      this.command = command;
      this.process = process;
      this.marker = marker;
      Thread reader = new Thread(this::read, "lab-output");
      reader.setDaemon(true);
      reader.start();
    }

    private void read() {
      try (var r = process.inputReader(StandardCharsets.UTF_8)) {
        String line;
        while ((line = r.readLine()) != null) {
          synchronized (this) {
            if (marker != null && marker.matcher(line).find()) markers++;
            else output.append(line).append('\n');
            notifyAll();
          }
        }
      } catch (IOException ended) {
        // the process ended
      }
      synchronized (this) {
        ended = true;
        notifyAll();
      }
    }

    /** Waits (bounded by {@link Lab#TIMEOUT}) until a line of output contains {@code text}; see {@link #await(String, Duration)}. */
    public Proc await(String text) {
      return await(text, TIMEOUT);
    }

    /** Waits until a line of output contains {@code text}; fails (with the output) after {@code timeout} or when the process ended first. */
    public Proc await(String text, Duration timeout) {
      long end = System.nanoTime() + timeout.toNanos();
      synchronized (this) {
        while (!output.toString().contains(text)) {
          long left = end - System.nanoTime();
          if (left <= 0 || ended) {
            throw new IllegalStateException(String.join(" ", command) + (ended ? " ended before printing '" + text + "'"
                : " did not print '" + text + "' within " + timeout.toSeconds() + " s") + "; output:\n" + output);
          }
          waitFor(Math.min(left, TimeUnit.MILLISECONDS.toNanos(200)));
        }
      }
      return this;
    }

    private void waitFor(long nanos) {
      try {
        TimeUnit.NANOSECONDS.timedWait(this, nanos);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted", e);
      }
    }

    synchronized int markers() {
      return markers;
    }

    /** Everything it printed so far. */
    public synchronized String output() {
      return output.toString();
    }

    public boolean alive() {
      return process.isAlive();
    }

    /** Stops it (SIGTERM to it and its children; SIGKILL after 10 s) and waits, bounded. */
    public void stop() {
      kill();
    }

    void kill() {
      process.descendants().forEach(ProcessHandle::destroy);
      process.destroy();
      try {
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
          process.descendants().forEach(ProcessHandle::destroyForcibly);
          process.destroyForcibly();
          process.waitFor(5, TimeUnit.SECONDS);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /**
   * A packet capture (tcpdump {@code --print -l -U -w}, tshark {@code -P -l -w}) that prints
   * each packet it writes. A capture is ready once it printed a marker (an ICMP echo request
   * from its host to its {@code markTo} address, pinged until it is seen), and {@link #stop}
   * pings again and waits until the capture printed that before sending SIGTERM, so every
   * packet sent before {@code stop} is in the file. A capture filter must let the markers
   * through; packet analysis must ignore them (Portolan's classifies TCP, UDP and ICMP errors,
   * not echo requests).
   */
  public static final class Capture {
    private final Host host;
    private final String markTo;
    private final Proc proc;

    private Capture(Host host, String markTo, Proc proc) {
      this.host = host;
      this.markTo = markTo;
      this.proc = proc;
    }

    /** Stops this capture once its file holds everything sent before. */
    public void stop() {
      stopAll(List.of(this));
    }

    /** Stops captures (one marker for all that see it) once their files hold everything sent before. */
    public static void stopAll(Collection<Capture> captures) {
      mark(captures);
      captures.forEach(c -> c.proc.stop());
    }

    /** What the capture printed besides markers (its start-up lines and the packets). */
    public String output() {
      return proc.output();
    }

    /** Pings from each capture's host to its {@code markTo} until every capture printed one more echo request (bounded). */
    static void mark(Collection<Capture> captures) {
      Map<Capture, Integer> before = new LinkedHashMap<>();
      for (Capture c : captures) before.put(c, c.proc.markers());
      long end = System.nanoTime() + TIMEOUT.toNanos();
      while (System.nanoTime() < end) {
        List<Capture> waiting = before.keySet().stream().filter(c -> c.proc.markers() <= before.get(c)).toList();
        if (waiting.isEmpty()) return;
        for (Capture c : waiting) {
          if (!c.proc.alive()) throw new IllegalStateException("capture ended: " + c.proc.output());
        }
        waiting.stream().map(c -> c.host.name + " " + c.markTo).distinct().forEach(pair -> {
          Capture c = waiting.stream().filter(x -> (x.host.name + " " + x.markTo).equals(pair)).findFirst().orElseThrow();
          c.host.exec(Duration.ofSeconds(10), null, "ping", "-n", "-q", "-c", "1", "-W", "1", c.markTo);
        });
        long round = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
        while (System.nanoTime() < round && before.keySet().stream().anyMatch(c -> c.proc.markers() <= before.get(c))) pause();
      }
      throw new IllegalStateException("a capture did not print the marker ping within " + TIMEOUT.toSeconds() + " s");
    }
  }

  static final Pattern ECHO_REQUEST = Pattern.compile("(?i)echo (\\(ping\\) )?request");

  private Capture capture(Host h, String markTo, String ready, List<String> cmd) {
    Proc p = startProc(h.inside(cmd.toArray(String[]::new)), ECHO_REQUEST);
    p.await(ready);
    Capture c = new Capture(h, markTo, p);
    Capture.mark(List.of(c));
    return c;
  }

  private Proc startProc(List<String> cmd, Pattern marker) {
    if (closed) throw new IllegalStateException("lab closed");
    try {
      Proc p = new Proc(cmd, new ProcessBuilder(cmd).redirectErrorStream(true).start(), marker);
      procs.add(p);
      return p;
    } catch (IOException e) {
      throw new IllegalStateException("cannot start " + String.join(" ", cmd) + ": " + e.getMessage(), e);
    }
  }

  /** Runs a command in the test's own namespace (the root one, unless the command enters another), bounded. */
  public static Result exec(Duration timeout, String stdin, List<String> cmd) {
    try {
      Process p = new ProcessBuilder(cmd).start();
      ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
      Thread t1 = Thread.ofVirtual().start(() -> copy(p.getInputStream(), out));
      Thread t2 = Thread.ofVirtual().start(() -> copy(p.getErrorStream(), err));
      try (var in = p.getOutputStream()) {
        if (stdin != null) in.write(stdin.getBytes(StandardCharsets.UTF_8));
      } catch (IOException closedEarly) {
        // the command did not read all its input; its exit code tells
      }
      if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        throw new IllegalStateException(String.join(" ", cmd) + " did not finish within " + timeout.toSeconds() + " s");
      }
      t1.join(5000);
      t2.join(5000);
      return new Result(List.copyOf(cmd), p.exitValue(), out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new IllegalStateException("cannot run " + String.join(" ", cmd) + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted: " + String.join(" ", cmd), e);
    }
  }

  private static void copy(InputStream in, ByteArrayOutputStream out) {
    try {
      in.transferTo(out);
    } catch (IOException ignored) {
      // the process ended; what was read is kept
    }
  }

  /**
   * Waits until {@code condition} holds, asking every 50 ms; fails after {@code timeout},
   * naming {@code what}. For events nothing prints (a daemon's state, a file's content).
   */
  public static void await(String what, Duration timeout, java.util.function.BooleanSupplier condition) {
    long end = System.nanoTime() + timeout.toNanos();
    do {
      if (condition.getAsBoolean()) return;
      pause();
    } while (System.nanoTime() < end);
    throw new IllegalStateException(what + ": not within " + timeout.toSeconds() + " s");
  }

  /** The poll interval of the waits that ask (ss, a capture's marker count). */
  static void pause() {
    try {
      Thread.sleep(50);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
