package org.portolan.probe;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * A network namespace for one test class, joined to the root namespace by a veth pair: the
 * root end gets {@code base.1/28}, the namespace end {@code base.2/28} (more addresses of the
 * /28 can be added inside). Addresses come from 198.19.128.0/17 (inside the 198.18.0.0/15
 * benchmarking block); names start with "pp" and a random suffix. Every process started in
 * the namespace is killed and the namespace (with its veth pair) deleted on {@link #close},
 * which tests call from @AfterAll even when they fail. Firewall rules are loaded only inside.
 */
final class NetNs implements AutoCloseable {
  final String name;
  final String rootIf;
  final String nsIf;
  final String base; // "198.19.x.y" of the /28 network, without the last octet's host part
  private final List<Process> processes = new ArrayList<>();

  private NetNs(String name, String base) {
    this.name = name;
    this.rootIf = name + "a";
    this.nsIf = name + "b";
    this.base = base;
  }

  /** Skips the test (JUnit assumption) unless this process may create namespaces. */
  static NetNs create() throws IOException, InterruptedException {
    assumeTrue(Files.isExecutable(Path.of("/usr/sbin/ip")) || Files.isExecutable(Path.of("/sbin/ip")) || Files.isExecutable(Path.of("/usr/bin/ip")),
        "network namespace tests need iproute2 ('ip')");
    assumeTrue("root".equals(System.getProperty("user.name")), "network namespace tests need root (ip netns add)");
    String suffix = Integer.toHexString(ThreadLocalRandom.current().nextInt(0x100000, 0xffffff));
    String name = "pp" + suffix;
    String used = run(Duration.ofSeconds(5), "ip", "-4", "route", "show", "table", "all").output();
    String base = null;
    for (int i = 0; i < 50 && base == null; i++) {
      String candidate = "198.19." + ThreadLocalRandom.current().nextInt(128, 256) + "." + 16 * ThreadLocalRandom.current().nextInt(0, 16);
      String prefix = candidate.substring(0, candidate.lastIndexOf('.') + 1);
      if (!used.contains(prefix)) base = candidate;
    }
    assumeTrue(base != null, "no free /28 in 198.19.128.0/17");
    Result add = run(Duration.ofSeconds(5), "ip", "netns", "add", name);
    assumeTrue(add.code() == 0, "cannot create a network namespace: " + add.output());
    NetNs ns = new NetNs(name, base);
    try {
      ns.must("ip", "link", "add", ns.rootIf, "type", "veth", "peer", "name", ns.nsIf);
      ns.must("ip", "link", "set", ns.nsIf, "netns", name);
      ns.must("ip", "addr", "add", ns.addr(1) + "/28", "dev", ns.rootIf);
      ns.must("ip", "link", "set", ns.rootIf, "up");
      ns.in("ip", "link", "set", "lo", "up");
      ns.in("ip", "addr", "add", ns.addr(2) + "/28", "dev", ns.nsIf);
      ns.in("ip", "link", "set", ns.nsIf, "up");
      // closed UDP ports must each get their ICMP error: lift the per-namespace rate limit
      ns.in("sh", "-c", "echo 0 > /proc/sys/net/ipv4/icmp_ratelimit && echo 100000 > /proc/sys/net/ipv4/icmp_msgs_per_sec");
    } catch (IOException | RuntimeException e) {
      ns.close();
      throw e;
    }
    return ns;
  }

  /** 198.19.x.(base + n). */
  String addr(int n) {
    int dot = base.lastIndexOf('.');
    return base.substring(0, dot + 1) + (Integer.parseInt(base.substring(dot + 1)) + n);
  }

  /** Adds another address of the /28 to the namespace end. */
  void addAddress(int n) throws IOException, InterruptedException {
    in("ip", "addr", "add", addr(n) + "/28", "dev", nsIf);
  }

  record Result(int code, String output) {}

  static Result run(Duration timeout, String... cmd) throws IOException, InterruptedException {
    return runWithInput(timeout, null, cmd);
  }

  static Result runWithInput(Duration timeout, String stdin, String... cmd) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    if (stdin != null) p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
    p.getOutputStream().close();
    if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      p.destroyForcibly();
      throw new IOException("timed out after " + timeout + ": " + String.join(" ", cmd));
    }
    return new Result(p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
  }

  private void must(String... cmd) throws IOException, InterruptedException {
    Result r = run(Duration.ofSeconds(10), cmd);
    if (r.code() != 0) throw new IOException(String.join(" ", cmd) + " failed: " + r.output());
  }

  private static String[] inNs(String ns, String... cmd) {
    String[] full = new String[cmd.length + 4];
    full[0] = "ip";
    full[1] = "netns";
    full[2] = "exec";
    full[3] = ns;
    System.arraycopy(cmd, 0, full, 4, cmd.length);
    return full;
  }

  /** Runs a command inside the namespace; fails on a non-zero exit. */
  String in(String... cmd) throws IOException, InterruptedException {
    Result r = run(Duration.ofSeconds(20), inNs(name, cmd));
    if (r.code() != 0) throw new IOException(String.join(" ", cmd) + " failed in " + name + ": " + r.output());
    return r.output();
  }

  /** Loads an nft ruleset inside the namespace. */
  void nft(String ruleset) throws IOException, InterruptedException {
    Result r = runWithInput(Duration.ofSeconds(10), ruleset, inNs(name, "nft", "-f", "-"));
    if (r.code() != 0) throw new IOException("nft failed in " + name + ": " + r.output() + "\n" + ruleset);
  }

  /** Starts a long-running process inside the namespace, killed on close; output to {@code log}. */
  Process spawn(Path log, String... cmd) throws IOException {
    Process p = new ProcessBuilder(inNs(name, cmd)).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    processes.add(p);
    return p;
  }

  /** Waits until {@code log} contains {@code text}; false after the timeout or when the process ended. */
  static boolean awaitLog(Process p, Path log, String text, Duration timeout) throws IOException, InterruptedException {
    long end = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < end) {
      if (Files.exists(log) && Files.readString(log).contains(text)) return true;
      if (!p.isAlive()) return Files.exists(log) && Files.readString(log).contains(text);
      Thread.sleep(50);
    }
    return false;
  }

  /** Waits until something listens on {@code proto} port {@code port} in the namespace. */
  boolean awaitListening(String proto, int port, Duration timeout) throws IOException, InterruptedException {
    long end = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < end) {
      String out = run(Duration.ofSeconds(5), inNs(name, "ss", "-H", "-ln", proto.equals("tcp") ? "-t" : "-u")).output();
      for (String line : out.split("\n")) if (line.matches(".*:" + port + "\\s.*")) return true;
      Thread.sleep(100);
    }
    return false;
  }

  /** A Java command line running Portolan's CLI with this test's class path. */
  static List<String> portolan(String... args) {
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx256m", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"), "org.portolan.cli.Main"));
    cmd.addAll(List.of(args));
    return cmd;
  }

  @Override
  public void close() {
    for (Process p : processes) {
      p.descendants().forEach(ProcessHandle::destroy);
      p.destroy();
    }
    for (Process p : processes) {
      try {
        if (!p.waitFor(3, TimeUnit.SECONDS)) {
          p.descendants().forEach(ProcessHandle::destroyForcibly);
          p.destroyForcibly();
          p.waitFor(3, TimeUnit.SECONDS);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    try {
      // processes that detached from us (samba forks workers) still hold the namespace: kill by namespace
      Result pids = run(Duration.ofSeconds(5), "ip", "netns", "pids", name);
      for (String pid : pids.output().trim().split("\\s+"))
        if (pid.matches("\\d+")) ProcessHandle.of(Long.parseLong(pid)).ifPresent(ProcessHandle::destroyForcibly);
      run(Duration.ofSeconds(10), "ip", "netns", "del", name);
      run(Duration.ofSeconds(5), "ip", "link", "del", rootIf); // normally gone with the namespace
    } catch (IOException e) {
      System.err.println("cleanup of " + name + " failed: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  static String read(Path p) {
    try (BufferedReader r = new BufferedReader(new InputStreamReader(Files.newInputStream(p), StandardCharsets.UTF_8))) {
      return String.join("\n", r.lines().toList());
    } catch (IOException e) {
      return "";
    }
  }
}
