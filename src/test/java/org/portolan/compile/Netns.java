package org.portolan.compile;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Network namespaces for tests: created with a "pc" prefix and a random suffix, removed by
 * {@link #close()}. Every command runs with a time limit. Only addresses in 198.18.0.0/15
 * are used, inside these namespaces; the root namespace is never changed.
 */
final class Netns implements AutoCloseable {
  private final List<String> created = new ArrayList<>();
  private final List<Process> processes = new ArrayList<>();
  private final String suffix = Long.toString(System.nanoTime() % 1_000_000_000L, 36);

  /** True when this process may create network namespaces (root with iproute2). */
  static boolean available() {
    String probe = "pcprobe" + Long.toString(System.nanoTime() % 1_000_000_000L, 36);
    try {
      boolean ok = run(List.of("ip", "netns", "add", probe), null, 10).exit == 0;
      run(List.of("ip", "netns", "del", probe), null, 10);
      return ok;
    } catch (RuntimeException e) {
      return false;
    }
  }

  record Result(int exit, String out, String err) {}

  /** Creates a namespace named pc+role+suffix and brings its loopback up. */
  String add(String role) {
    String name = "pc" + role + suffix;
    ok(List.of("ip", "netns", "add", name));
    created.add(name);
    ok(List.of("ip", "-n", name, "link", "set", "lo", "up"));
    // No IPv6 duplicate address detection inside our namespaces: addresses usable at once.
    ok(List.of("ip", "netns", "exec", name, "sysctl", "-q", "-w", "net.ipv6.conf.default.accept_dad=0", "net.ipv6.conf.all.accept_dad=0"));
    return name;
  }

  /** A veth pair between two of our namespaces, created inside {@code a} (never in the root namespace). */
  void link(String a, String ifA, String addrA, String b, String ifB, String addrB) {
    ok(List.of("ip", "-n", a, "link", "add", ifA, "type", "veth", "peer", "name", ifB, "netns", b));
    ok(List.of("ip", "-n", a, "addr", "add", addrA, "dev", ifA));
    ok(List.of("ip", "-n", b, "addr", "add", addrB, "dev", ifB));
    ok(List.of("ip", "-n", a, "link", "set", ifA, "up"));
    ok(List.of("ip", "-n", b, "link", "set", ifB, "up"));
  }

  Result exec(String ns, List<String> cmd, String stdin, int timeoutSeconds) {
    List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", ns));
    full.addAll(cmd);
    return run(full, stdin, timeoutSeconds);
  }

  void execOk(String ns, List<String> cmd, String stdin) {
    Result r = exec(ns, cmd, stdin, 20);
    if (r.exit != 0) throw new IllegalStateException(String.join(" ", cmd) + " in " + ns + " failed (" + r.exit + "): " + r.err + r.out);
  }

  /** Starts a long-running process in a namespace and waits (bounded) for it to print {@code ready}. */
  void startAndAwait(String ns, List<String> cmd, String ready, int timeoutSeconds) throws IOException, InterruptedException {
    List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", ns));
    full.addAll(cmd);
    Process p = new ProcessBuilder(full).redirectErrorStream(true).start();
    processes.add(p);
    InputStream in = p.getInputStream();
    StringBuilder seen = new StringBuilder();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
    while (System.nanoTime() < deadline) {
      while (in.available() > 0) seen.append((char) in.read());
      if (seen.toString().contains(ready)) return;
      if (!p.isAlive()) break;
      Thread.sleep(20);
    }
    throw new IllegalStateException("process " + cmd + " in " + ns + " did not become ready: " + seen);
  }

  private static void ok(List<String> cmd) {
    Result r = run(cmd, null, 20);
    if (r.exit != 0) throw new IllegalStateException(String.join(" ", cmd) + " failed (" + r.exit + "): " + r.err);
  }

  static Result run(List<String> cmd, String stdin, int timeoutSeconds) {
    try {
      Process p = new ProcessBuilder(cmd).start();
      if (stdin != null) p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
      p.getOutputStream().close();
      ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
      Thread t1 = Thread.ofVirtual().start(() -> copy(p.getInputStream(), out));
      Thread t2 = Thread.ofVirtual().start(() -> copy(p.getErrorStream(), err));
      if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IllegalStateException("timed out after " + timeoutSeconds + "s: " + cmd);
      }
      t1.join(2000);
      t2.join(2000);
      return new Result(p.exitValue(), out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new IllegalStateException("cannot run " + cmd + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted: " + cmd, e);
    }
  }

  private static void copy(InputStream in, ByteArrayOutputStream out) {
    try {
      in.transferTo(out);
    } catch (IOException ignored) {
      // the process ended; what was read is kept
    }
  }

  static Path resource(String name) {
    return Path.of("src/test/resources/compile/kernel", name).toAbsolutePath();
  }

  @Override
  public void close() {
    for (Process p : processes) {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
    }
    for (String ns : created.reversed()) run(List.of("ip", "netns", "del", ns), null, 20);
  }
}
