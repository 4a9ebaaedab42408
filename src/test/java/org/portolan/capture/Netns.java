package org.portolan.capture;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/**
 * Two network namespaces (client, server) joined by one veth pair, created directly inside
 * the namespaces (nothing is added to the root namespace). Addresses: 198.18.6.1/24 and
 * 2001:db8:6::1/64 for the client, .2 / ::2 for the server. Every command and wait has a
 * timeout; {@link #close} removes both namespaces and everything started in them.
 */
final class Netns implements AutoCloseable {
  static final String CLIENT4 = "198.18.6.1";
  static final String SERVER4 = "198.18.6.2";
  static final String CLIENT6 = "2001:db8:6::1";
  static final String SERVER6 = "2001:db8:6::2";

  final String client;
  final String server;
  final String clientIf;
  final String serverIf;
  private final List<Process> started = new ArrayList<>();

  /** Null (with the reason in {@code why[0]}) when namespaces cannot be made here. */
  static Netns tryCreate(String prefix, String[] why) {
    if (!"root".equals(System.getProperty("user.name"))) {
      why[0] = "network namespaces need root";
      return null;
    }
    if (!Files.isExecutable(Path.of("/usr/sbin/ip")) && !Files.isExecutable(Path.of("/sbin/ip")) && !Files.isExecutable(Path.of("/usr/bin/ip"))) {
      why[0] = "iproute2 'ip' is not installed";
      return null;
    }
    String id = prefix + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt()).substring(0, 6);
    Netns n = new Netns(id);
    try {
      n.setUp();
      return n;
    } catch (RuntimeException e) {
      n.close();
      why[0] = "cannot create namespaces: " + e.getMessage();
      return null;
    }
  }

  private Netns(String id) {
    client = id + "c";
    server = id + "s";
    clientIf = id + "c0";
    serverIf = id + "s0";
  }

  private void setUp() {
    run(10, "ip", "netns", "add", client);
    run(10, "ip", "netns", "add", server);
    run(10, "ip", "link", "add", clientIf, "netns", client, "type", "veth", "peer", "name", serverIf, "netns", server);
    run(10, "ip", "-n", client, "addr", "add", CLIENT4 + "/24", "dev", clientIf);
    run(10, "ip", "-n", server, "addr", "add", SERVER4 + "/24", "dev", serverIf);
    run(10, "ip", "-n", client, "addr", "add", CLIENT6 + "/64", "dev", clientIf, "nodad");
    run(10, "ip", "-n", server, "addr", "add", SERVER6 + "/64", "dev", serverIf, "nodad");
    for (String[] nsIf : new String[][] {{client, clientIf}, {server, serverIf}}) {
      run(10, "ip", "-n", nsIf[0], "link", "set", "lo", "up");
      run(10, "ip", "-n", nsIf[0], "link", "set", nsIf[1], "up");
    }
  }

  /** Loads an nft ruleset inside the server namespace only. */
  void serverNft(String ruleset) {
    runWithInput(10, ruleset, "ip", "netns", "exec", server, "nft", "-f", "-");
  }

  /** Runs a command in a namespace and waits for it; returns its stdout. */
  String exec(String ns, int timeoutSeconds, String... cmd) {
    List<String> all = new ArrayList<>(List.of("ip", "netns", "exec", ns));
    all.addAll(List.of(cmd));
    return run(timeoutSeconds, all.toArray(String[]::new));
  }

  /**
   * Starts a long-running command in a namespace and waits (bounded) until a line of its
   * output contains {@code readyWord}.
   */
  Process start(String ns, String readyWord, int readySeconds, String... cmd) {
    return startCounting(ns, readyWord, readySeconds, null, cmd).process();
  }

  /**
   * A capture printing its packets while it writes them (tcpdump {@code --print -l -U -w},
   * tshark {@code -P -l -w}): {@link #mark} waits until it printed an ICMP echo request, which
   * proves the capture had everything before it in its file. The analysis ignores echo
   * requests (it classifies TCP, UDP and ICMP errors), so markers change no attempt.
   */
  record Capture(Process process, AtomicInteger markers) {}

  static final Pattern ECHO_REQUEST = Pattern.compile("(?i)echo (\\(ping\\) )?request");

  /** Starts a capture (see {@link Capture}) and waits until it says it is capturing. */
  Capture capture(String ns, String readyWord, String... cmd) {
    return startCounting(ns, readyWord, READY_SECONDS, ECHO_REQUEST, cmd);
  }

  static final int READY_SECONDS = 60;

  /**
   * Pings the server from the client until every capture has printed one more echo request
   * than before (bounded: 60 s). Called once after the captures start (they really see
   * packets) and once before they stop (everything sent before is in their files).
   */
  void mark(List<Capture> captures) {
    int[] before = captures.stream().mapToInt(c -> c.markers().get()).toArray();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline) {
      try {
        exec(client, 10, "ping", "-n", "-q", "-c", "1", "-W", "1", SERVER4);
      } catch (IllegalStateException lost) {
        // the next round pings again
      }
      long round = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(1000);
      while (System.nanoTime() < round) {
        boolean all = true;
        for (int i = 0; i < before.length; i++) all &= captures.get(i).markers().get() > before[i];
        if (all) return;
        try {
          Thread.sleep(20);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("interrupted", e);
        }
      }
    }
    throw new IllegalStateException("a capture did not see the marker ping within 60 s");
  }

  private Capture startCounting(String ns, String readyWord, int readySeconds, Pattern marker, String... cmd) {
    List<String> all = new ArrayList<>(List.of("ip", "netns", "exec", ns));
    all.addAll(List.of(cmd));
    try {
      Process p = new ProcessBuilder(all).redirectErrorStream(true).start();
      started.add(p);
      AtomicInteger markers = new AtomicInteger();
      LinkedBlockingQueue<String> lines = new LinkedBlockingQueue<>();
      Thread reader = new Thread(() -> {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
          String line;
          while ((line = r.readLine()) != null) {
            if (marker != null && marker.matcher(line).find()) markers.incrementAndGet();
            else lines.add(line);
          }
        } catch (IOException ignored) {
          // process ended
        }
      });
      reader.setDaemon(true);
      reader.start();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(readySeconds);
      StringBuilder seen = new StringBuilder();
      while (System.nanoTime() < deadline) {
        String line = lines.poll(100, TimeUnit.MILLISECONDS);
        if (line == null) {
          if (!p.isAlive() && lines.isEmpty()) break;
          continue;
        }
        seen.append(line).append('\n');
        if (line.contains(readyWord)) return new Capture(p, markers);
      }
      throw new IllegalStateException(String.join(" ", cmd) + " did not say '" + readyWord + "' within " + readySeconds + " s; output:\n" + seen);
    } catch (IOException | InterruptedException e) {
      throw new IllegalStateException("cannot start " + String.join(" ", cmd) + ": " + e, e);
    }
  }

  /** Stops a started process with SIGTERM (captures flush their files), then waits, bounded. */
  static void stop(Process p) {
    p.destroy();
    try {
      if (!p.waitFor(10, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        p.waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  static String run(int timeoutSeconds, String... cmd) {
    return runWithInput(timeoutSeconds, null, cmd);
  }

  static String runWithInput(int timeoutSeconds, String input, String... cmd) {
    try {
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
      if (input != null) p.getOutputStream().write(input.getBytes(StandardCharsets.UTF_8));
      p.getOutputStream().close();
      if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IllegalStateException(String.join(" ", cmd) + " did not finish within " + timeoutSeconds + " s");
      }
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (p.exitValue() != 0) throw new IllegalStateException(String.join(" ", cmd) + " failed (" + p.exitValue() + "): " + out);
      return out;
    } catch (IOException e) {
      throw new IllegalStateException("cannot run " + String.join(" ", cmd) + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  static boolean installed(String path) {
    return Files.isExecutable(Path.of(path));
  }

  @Override
  public void close() {
    for (Process p : started) if (p.isAlive()) stop(p);
    for (String ns : List.of(client, server)) {
      try {
        run(10, "ip", "netns", "del", ns);
      } catch (IllegalStateException ignored) {
        // not created
      }
    }
  }
}
