package org.portolan.verify;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * A client — router — server lab of three network namespaces joined by veth pairs, all
 * addresses inside 198.18.0.0/15. Nothing is created in the root namespace: the veth pairs
 * are created inside the namespaces. {@link #close} removes the namespaces even on failure.
 */
final class NetLab implements AutoCloseable {
  static final List<String> CLIENTS = List.of("198.18.1.10", "198.18.1.11", "198.18.1.12", "198.18.1.13");
  static final List<String> SERVERS = List.of("198.19.2.10", "198.19.2.11", "198.19.2.12", "198.19.2.13");
  /** The router's interface towards the clients and towards the servers. */
  static final String IN = "r0", OUT = "r1";

  final String client, router, server;
  private final List<String> created = new ArrayList<>();
  private final List<Process> processes = new ArrayList<>();

  NetLab(String prefix) {
    String suffix = Integer.toHexString(ThreadLocalRandom.current().nextInt(0x10000, 0xfffff));
    client = prefix + "c" + suffix;
    router = prefix + "r" + suffix;
    server = prefix + "s" + suffix;
  }

  /** Empty when namespaces can be created here; otherwise why not. */
  static String unavailable() {
    try {
      if (!"root".equals(System.getProperty("user.name"))) return "needs root to create network namespaces";
      Process p = new ProcessBuilder("ip", "-V").redirectErrorStream(true).start();
      if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) return "'ip' (iproute2) does not run";
      for (String tool : List.of("iptables-restore", "iptables-save", "nft", "python3")) {
        Process q = new ProcessBuilder("sh", "-c", "command -v " + tool).start();
        if (!q.waitFor(10, TimeUnit.SECONDS) || q.exitValue() != 0) return "'" + tool + "' is not installed";
      }
      return "";
    } catch (IOException e) {
      return "cannot run 'ip': " + e.getMessage();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "interrupted";
    }
  }

  void up() {
    for (String ns : List.of(client, router, server)) {
      run("ip", "netns", "add", ns);
      created.add(ns);
      run("ip", "-n", ns, "link", "set", "lo", "up");
    }
    run("ip", "-n", client, "link", "add", "c0", "type", "veth", "peer", "name", IN, "netns", router);
    run("ip", "-n", server, "link", "add", "s0", "type", "veth", "peer", "name", OUT, "netns", router);
    run("ip", "-n", router, "addr", "add", "198.18.1.1/24", "dev", IN);
    run("ip", "-n", router, "addr", "add", "198.19.2.1/24", "dev", OUT);
    for (String a : CLIENTS) run("ip", "-n", client, "addr", "add", a + "/24", "dev", "c0");
    for (String a : SERVERS) run("ip", "-n", server, "addr", "add", a + "/24", "dev", "s0");
    for (String[] l : new String[][] {{client, "c0"}, {router, IN}, {router, OUT}, {server, "s0"}}) run("ip", "-n", l[0], "link", "set", l[1], "up");
    run("ip", "-n", client, "route", "add", "default", "via", "198.18.1.1");
    run("ip", "-n", server, "route", "add", "default", "via", "198.19.2.1");
    run("ip", "netns", "exec", router, "sysctl", "-qw", "net.ipv4.ip_forward=1");
  }

  /** Runs a command (bounded to 60 s), returns its standard output; fails on a non-zero exit. */
  static String run(String... cmd) {
    return runWithInput(null, cmd);
  }

  static String runWithInput(String input, String... cmd) {
    try {
      Path out = Files.createTempFile("pv", ".out");
      try {
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile());
        Process p = pb.start();
        if (input != null) p.getOutputStream().write(input.getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
          p.destroyForcibly();
          throw new IllegalStateException("timed out: " + String.join(" ", cmd));
        }
        String text = Files.readString(out);
        if (p.exitValue() != 0) throw new IllegalStateException("failed (" + p.exitValue() + "): " + String.join(" ", cmd) + "\n" + text);
        return text;
      } finally {
        Files.deleteIfExists(out);
      }
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  String inRouter(String input, String... cmd) {
    String[] withNs = new String[cmd.length + 4];
    withNs[0] = "ip"; withNs[1] = "netns"; withNs[2] = "exec"; withNs[3] = router;
    System.arraycopy(cmd, 0, withNs, 4, cmd.length);
    return runWithInput(input, withNs);
  }

  /** Runs a command in the server namespace (where host-firewall front-ends are judged). */
  String inServer(String input, String... cmd) {
    String[] withNs = new String[cmd.length + 4];
    withNs[0] = "ip"; withNs[1] = "netns"; withNs[2] = "exec"; withNs[3] = server;
    System.arraycopy(cmd, 0, withNs, 4, cmd.length);
    return runWithInput(input, withNs);
  }

  /** Starts the echo listeners in the server namespace and waits (bounded) until they are ready. */
  void listen(Path script, List<Integer> ports) throws IOException, InterruptedException {
    String portList = String.join(",", ports.stream().map(String::valueOf).toList());
    Process p = new ProcessBuilder("ip", "netns", "exec", server, "python3", script.toString(), String.join(",", SERVERS), portList, "300")
        .redirectErrorStream(true).start();
    processes.add(p);
    var reader = new java.io.BufferedReader(new java.io.InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (System.nanoTime() < deadline) {
      if (reader.ready()) {
        String line = reader.readLine();
        if ("ready".equals(line)) return;
        throw new IllegalStateException("listener: " + line);
      }
      if (!p.isAlive()) throw new IllegalStateException("listener exited: " + new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
      Thread.sleep(50);
    }
    throw new IllegalStateException("listener not ready within 20 s");
  }

  /** Runs the prober in the client namespace; returns its lines "id ok|fail …". */
  List<String> probe(Path script, Path probes) {
    return run("ip", "netns", "exec", client, "timeout", "120", "python3", script.toString(), probes.toString(), "1.0").lines().toList();
  }

  @Override
  public void close() {
    for (Process p : processes) {
      p.destroy();
      try {
        if (!p.waitFor(5, TimeUnit.SECONDS)) p.destroyForcibly();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    for (String ns : created) {
      try {
        run("ip", "netns", "del", ns);
      } catch (RuntimeException e) {
        System.err.println("could not remove namespace " + ns + ": " + e.getMessage());
      }
    }
  }
}
