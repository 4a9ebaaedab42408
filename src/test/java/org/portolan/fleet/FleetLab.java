package org.portolan.fleet;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * A fleet of network namespaces for the fleet tests and benchmark: one namespace per host,
 * each with a management veth to the root namespace (a /30 of 198.18.M.0/24: root side .4i+1,
 * host side .4i+2) on which the host runs its own sshd (own host key, own config, in a
 * temporary folder), and a data veth into one firewall namespace, which routes between one
 * bridge per zone (zone k: 198.19.D+k.0/24, the firewall at .1). The controller
 * (ansible-playbook) runs in the root namespace and reaches only the management addresses.
 * Every process started and every namespace made is removed by {@link #close}, also from a
 * shutdown hook when the JVM is stopped.
 */
final class FleetLab implements AutoCloseable {
  record LabHost(String name, String zone, String ns, String mgmt, String data, Path dir) {}

  final String id;
  final Path dir;
  final String fw;
  final String mgmtNet; // "198.18.M."
  final String dataBase; // "198.19."
  final int dataThird;
  final List<String> zones;
  final Map<String, LabHost> hosts = new LinkedHashMap<>();
  final Path clientKey;
  final Path knownHosts;
  private final List<Process> processes = new ArrayList<>();
  private final Map<String, Process> sshd = new LinkedHashMap<>();
  private final List<String> namespaces = new ArrayList<>();
  private final List<String> rootLinks = new ArrayList<>();
  private final Thread hook = new Thread(this::cleanup);
  private boolean closed;

  /** Hosts as name -> zone, in order; zones in order of first use. */
  static FleetLab create(Path dir, Map<String, String> hostZones) throws IOException, InterruptedException {
    String used = run(Duration.ofSeconds(5), "ip", "-4", "route", "show", "table", "all").out();
    int m = -1, d = -1;
    List<String> zones = new ArrayList<>(new java.util.LinkedHashSet<>(hostZones.values()));
    for (int i = 0; i < 100 && m < 0; i++) {
      int c = ThreadLocalRandom.current().nextInt(130, 250);
      if (!used.contains("198.18." + c + ".")) m = c;
    }
    for (int i = 0; i < 100 && d < 0; i++) {
      int c = ThreadLocalRandom.current().nextInt(1, 120);
      boolean free = true;
      for (int k = 0; k < zones.size(); k++) free &= !used.contains("198.19." + (c + k) + ".");
      if (free) d = c;
    }
    if (m < 0 || d < 0) throw new IOException("no free 198.18.x.0/24 and 198.19.x.0/24 for the fleet lab");
    FleetLab lab = new FleetLab(Integer.toHexString(ThreadLocalRandom.current().nextInt(0x1000, 0xffff)), dir, "198.18." + m + ".", d, zones);
    try {
      lab.build(hostZones);
    } catch (IOException | RuntimeException | InterruptedException e) {
      lab.close();
      throw e;
    }
    return lab;
  }

  private FleetLab(String id, Path dir, String mgmtNet, int dataThird, List<String> zones) {
    this.id = id;
    this.dir = dir;
    this.fw = "fl" + id + "fw";
    this.mgmtNet = mgmtNet;
    this.dataBase = "198.19.";
    this.dataThird = dataThird;
    this.zones = List.copyOf(zones);
    this.clientKey = dir.resolve("id_ed25519");
    this.knownHosts = dir.resolve("known_hosts");
    Runtime.getRuntime().addShutdownHook(hook);
  }

  String zoneNet(String zone) {
    return dataBase + (dataThird + zones.indexOf(zone)) + ".";
  }

  private void build(Map<String, String> hostZones) throws IOException, InterruptedException {
    Files.createDirectories(Path.of("/run/sshd")); // sshd's privilege separation folder
    must("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "portolan-fleet-test", "-f", clientKey.toString());
    Files.copy(dir.resolve("id_ed25519.pub"), dir.resolve("authorized_keys"));
    addNs(fw);
    in(fw, "sysctl", "-qw", "net.ipv4.ip_forward=1");
    for (int k = 0; k < zones.size(); k++) {
      in(fw, "ip", "link", "add", "z" + k, "type", "bridge");
      in(fw, "ip", "addr", "add", zoneNet(zones.get(k)) + "1/24", "dev", "z" + k);
      in(fw, "ip", "link", "set", "z" + k, "up");
    }
    StringBuilder known = new StringBuilder();
    int i = 0;
    for (var e : hostZones.entrySet()) {
      i++;
      String name = e.getKey(), zone = e.getValue();
      String ns = "fl" + id + "h" + i;
      Path hd = dir.resolve(name);
      Files.createDirectories(hd);
      addNs(ns);
      String rootIf = "fl" + id + "m" + i;
      must("ip", "link", "add", rootIf, "type", "veth", "peer", "name", "mg" + id + i);
      rootLinks.add(rootIf);
      must("ip", "link", "set", "mg" + id + i, "netns", ns);
      in(ns, "ip", "link", "set", "mg" + id + i, "name", "mgmt");
      String rootAddr = mgmtNet + (4 * i + 1), mgmt = mgmtNet + (4 * i + 2);
      must("ip", "addr", "add", rootAddr + "/30", "dev", rootIf);
      must("ip", "link", "set", rootIf, "up");
      in(ns, "ip", "link", "set", "lo", "up");
      in(ns, "ip", "addr", "add", mgmt + "/30", "dev", "mgmt");
      in(ns, "ip", "link", "set", "mgmt", "up");
      int k = zones.indexOf(zone);
      String data = zoneNet(zone) + (10 + i);
      in(fw, "ip", "link", "add", "h" + i, "type", "veth", "peer", "name", "d" + id + i);
      in(fw, "ip", "link", "set", "d" + id + i, "netns", ns);
      in(fw, "ip", "link", "set", "h" + i, "master", "z" + k);
      in(fw, "ip", "link", "set", "h" + i, "up");
      in(ns, "ip", "link", "set", "d" + id + i, "name", "eth0");
      in(ns, "ip", "addr", "add", data + "/24", "dev", "eth0");
      in(ns, "ip", "link", "set", "eth0", "up");
      in(ns, "ip", "route", "add", "default", "via", zoneNet(zone) + "1");
      LabHost h = new LabHost(name, zone, ns, mgmt, data, hd);
      hosts.put(name, h);
      must("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", name, "-f", hd.resolve("ssh_host_ed25519_key").toString());
      String pub = Files.readString(hd.resolve("ssh_host_ed25519_key.pub")).trim().split("\\s+", 3)[0] + " "
          + Files.readString(hd.resolve("ssh_host_ed25519_key.pub")).trim().split("\\s+", 3)[1];
      known.append(mgmt).append(' ').append(pub).append('\n');
      Files.writeString(hd.resolve("sshd_config"), """
          Port 22
          ListenAddress %s
          HostKey %s
          PidFile %s
          AuthorizedKeysFile %s
          PermitRootLogin prohibit-password
          PasswordAuthentication no
          KbdInteractiveAuthentication no
          UsePAM no
          StrictModes no
          MaxStartups 100
          Subsystem sftp /usr/lib/openssh/sftp-server
          LogLevel ERROR
          """.formatted(mgmt, hd.resolve("ssh_host_ed25519_key"), hd.resolve("sshd.pid"), dir.resolve("authorized_keys")));
    }
    Files.writeString(knownHosts, known.toString());
    for (LabHost h : hosts.values()) startSshd(h.name());
    for (LabHost h : hosts.values())
      if (!awaitListening(h.ns(), 22, Duration.ofSeconds(30))) throw new IOException("sshd did not start in " + h.ns() + ": " + Files.readString(h.dir().resolve("sshd.log")));
  }

  void startSshd(String host) throws IOException {
    LabHost h = hosts.get(host);
    Process p = spawn(h.ns(), h.dir().resolve("sshd.log"), "/usr/sbin/sshd", "-D", "-e", "-f", h.dir().resolve("sshd_config").toString());
    sshd.put(host, p);
  }

  /** Stops the host's sshd (and the sessions it started) and waits until port 22 is closed. */
  void stopSshd(String host) throws IOException, InterruptedException {
    Process p = sshd.remove(host);
    if (p == null) return;
    p.descendants().forEach(ProcessHandle::destroy);
    p.destroy();
    p.waitFor(5, TimeUnit.SECONDS);
    long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (System.nanoTime() < end && awaitListening(hosts.get(host).ns(), 22, Duration.ZERO)) Thread.sleep(50);
  }

  /** The deployment's hosts: section, with manage: pointing at the management addresses. */
  String hostsYaml(Map<String, String> extraManage) {
    StringBuilder sb = new StringBuilder("hosts:\n");
    for (LabHost h : hosts.values()) {
      sb.append("  - name: ").append(h.name()).append('\n');
      sb.append("    addresses: [").append(h.data()).append("]\n");
      sb.append("    zone: ").append(h.zone()).append('\n');
      sb.append("    manage: {address: ").append(h.mgmt()).append(", user: root").append(extraManage.getOrDefault(h.name(), "")).append("}\n");
    }
    return sb.toString();
  }

  /** Starts a program inside the host's namespace, stopped on close. */
  Process spawn(String ns, Path log, String... cmd) throws IOException {
    List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", ns));
    full.addAll(List.of(cmd));
    Process p = new ProcessBuilder(full).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    synchronized (processes) {
      processes.add(p);
    }
    return p;
  }

  /** TCP listeners (accept and close) on the given ports of the host's data address. */
  Process tcpListeners(String host, int... ports) throws IOException, InterruptedException {
    LabHost h = hosts.get(host);
    StringBuilder ps = new StringBuilder();
    for (int p : ports) ps.append(ps.isEmpty() ? "" : ",").append(p);
    String py = """
        import socket, selectors, sys
        sel = selectors.DefaultSelector()
        for p in [%s]:
            s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            s.bind(('%s', p)); s.listen(64); s.setblocking(False); sel.register(s, selectors.EVENT_READ)
        print('ready', flush=True)
        while True:
            for k, _ in sel.select(timeout=600):
                try:
                    c, _ = k.fileobj.accept(); c.close()
                except OSError:
                    pass
        """.formatted(ps, h.data());
    Path log = h.dir().resolve("listeners-" + ps.toString().replace(',', '-') + ".log");
    Process p = spawn(h.ns(), log, "/usr/bin/python3", "-c", py);
    long end = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (System.nanoTime() < end && !(Files.exists(log) && Files.readString(log).contains("ready"))) {
      if (!p.isAlive()) break;
      Thread.sleep(20);
    }
    if (!Files.readString(log).contains("ready")) throw new IOException("listeners did not start on " + host + ": " + Files.readString(log));
    return p;
  }

  void stop(Process p) throws InterruptedException {
    p.descendants().forEach(ProcessHandle::destroy);
    p.destroy();
    p.waitFor(5, TimeUnit.SECONDS);
  }

  /** Loads an nft ruleset into the firewall namespace. */
  void firewall(String ruleset) throws IOException, InterruptedException {
    Path f = dir.resolve("fw.nft");
    Files.writeString(f, ruleset);
    in(fw, "nft", "-f", f.toString());
  }

  /**
   * The kernel's answer, from nmap (-sT, connect scans as probe makes) run inside the host's
   * namespace: state per "address:port" (open, closed, filtered).
   */
  Map<String, String> nmap(String host, List<String> addresses, List<Integer> ports) throws IOException, InterruptedException {
    LabHost h = hosts.get(host);
    List<String> cmd = new ArrayList<>(List.of("ip", "netns", "exec", h.ns(), "nmap", "-n", "-Pn", "-sT", "--max-retries", "1",
        "--host-timeout", "60s", "-p", String.join(",", ports.stream().map(String::valueOf).toList()), "-oX", "-"));
    cmd.addAll(addresses);
    Result r = run(Duration.ofSeconds(120), cmd.toArray(String[]::new));
    if (r.code() != 0) throw new IOException("nmap failed in " + h.ns() + ": " + r.out());
    Map<String, String> out = new LinkedHashMap<>();
    var hostBlocks = java.util.regex.Pattern.compile("<host .*?</host>", java.util.regex.Pattern.DOTALL).matcher(r.out());
    while (hostBlocks.find()) {
      String block = hostBlocks.group();
      var addr = java.util.regex.Pattern.compile("<address addr=\"([^\"]+)\"").matcher(block);
      if (!addr.find()) continue;
      var port = java.util.regex.Pattern.compile("<port protocol=\"tcp\" portid=\"(\\d+)\"><state state=\"([a-z|]+)\"").matcher(block);
      while (port.find()) out.put(addr.group(1) + ":" + port.group(1), port.group(2));
    }
    return out;
  }

  record Result(int code, String out) {}

  static Result run(Duration timeout, String... cmd) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    p.getOutputStream().close();
    byte[][] holder = new byte[1][];
    Thread reader = Thread.ofVirtual().start(() -> {
      try {
        holder[0] = p.getInputStream().readAllBytes();
      } catch (IOException e) {
        holder[0] = new byte[0];
      }
    });
    if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
      throw new IOException("timed out after " + timeout + ": " + String.join(" ", cmd));
    }
    reader.join(5000);
    return new Result(p.exitValue(), holder[0] == null ? "" : new String(holder[0], StandardCharsets.UTF_8));
  }

  private void addNs(String ns) throws IOException, InterruptedException {
    must("ip", "netns", "add", ns);
    namespaces.add(ns);
  }

  static void must(String... cmd) throws IOException, InterruptedException {
    Result r = run(Duration.ofSeconds(20), cmd);
    if (r.code() != 0) throw new IOException(String.join(" ", cmd) + " failed: " + r.out());
  }

  static String in(String ns, String... cmd) throws IOException, InterruptedException {
    List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", ns));
    full.addAll(List.of(cmd));
    Result r = run(Duration.ofSeconds(20), full.toArray(String[]::new));
    if (r.code() != 0) throw new IOException(String.join(" ", cmd) + " failed in " + ns + ": " + r.out());
    return r.out();
  }

  static boolean awaitListening(String ns, int port, Duration timeout) throws IOException, InterruptedException {
    long end = System.nanoTime() + timeout.toNanos();
    do {
      String out = run(Duration.ofSeconds(5), "ip", "netns", "exec", ns, "ss", "-H", "-ltn").out();
      for (String line : out.split("\n")) if (line.matches(".*:" + port + "\\s.*")) return true;
      if (timeout.isZero()) return false;
      Thread.sleep(50);
    } while (System.nanoTime() < end);
    return false;
  }

  @Override
  public void close() {
    cleanup();
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException e) {
      // shutting down already
    }
  }

  private synchronized void cleanup() {
    if (closed) return;
    closed = true;
    List<Process> all;
    synchronized (processes) {
      all = new ArrayList<>(processes);
    }
    for (Process p : all) {
      p.descendants().forEach(ProcessHandle::destroy);
      p.destroy();
    }
    for (Process p : all) {
      try {
        if (!p.waitFor(3, TimeUnit.SECONDS)) {
          p.descendants().forEach(ProcessHandle::destroyForcibly);
          p.destroyForcibly();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    for (String ns : namespaces) {
      try {
        // anything still running in the namespace (a listener fleet started and could not stop)
        for (String pid : run(Duration.ofSeconds(5), "ip", "netns", "pids", ns).out().trim().split("\\s+"))
          if (pid.matches("\\d+")) ProcessHandle.of(Long.parseLong(pid)).ifPresent(ProcessHandle::destroyForcibly);
        run(Duration.ofSeconds(10), "ip", "netns", "del", ns);
      } catch (IOException | InterruptedException e) {
        System.err.println("fleet lab: cleanup of " + ns + " failed: " + e.getMessage());
      }
    }
    for (String l : rootLinks) {
      try {
        run(Duration.ofSeconds(5), "ip", "link", "del", l); // normally gone with the namespace
      } catch (IOException | InterruptedException e) {
        // gone
      }
    }
  }
}
