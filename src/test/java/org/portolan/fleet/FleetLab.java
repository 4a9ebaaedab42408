package org.portolan.fleet;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import org.portolan.testing.Lab;

/**
 * A fleet on the shared namespace {@link Lab}: one lab host per fleet host, each with an
 * uplink to the root namespace (the management /28 of 198.19.128.0/17, host end
 * {@code addr(2)}) on which it runs its own sshd (own host key, own config, in a temporary
 * folder), and a data veth into one firewall router, which routes between one bridge per
 * zone (zone k: 198.19.D+k.0/24, the router at .1). The controller (ansible-playbook) runs in
 * the root namespace and reaches only the management addresses. {@link #close} closes the
 * lab: every process started (sshd, listeners) and every namespace goes, also on failure.
 */
final class FleetLab implements AutoCloseable {
  record LabHost(String name, String zone, Lab.Host ns, String mgmt, String data, Path dir) {}

  final Lab lab;
  final Path dir;
  final Lab.Host fw;
  final int dataThird;
  final List<String> zones;
  final Map<String, LabHost> hosts = new LinkedHashMap<>();
  final Path clientKey;
  final Path knownHosts;
  private final Map<String, Lab.Proc> sshd = new LinkedHashMap<>();

  /** Hosts as name -> zone, in order; zones in order of first use. Skips unless root with iproute2, sshd, nmap. */
  static FleetLab create(Path dir, Map<String, String> hostZones) throws IOException {
    Lab.requireTools("ip", "sshd", "ssh-keygen", "nft", "nmap", "python3");
    Lab lab = Lab.create();
    try {
      return new FleetLab(lab, dir, hostZones);
    } catch (IOException | RuntimeException e) {
      lab.close();
      throw e;
    }
  }

  private FleetLab(Lab lab, Path dir, Map<String, String> hostZones) throws IOException {
    this.lab = lab;
    this.dir = dir;
    this.zones = List.copyOf(new LinkedHashSet<>(hostZones.values()));
    this.clientKey = dir.resolve("id_ed25519");
    this.knownHosts = dir.resolve("known_hosts");
    String used = Lab.exec(Lab.TIMEOUT, null, List.of("ip", "-4", "route", "show", "table", "all")).ok();
    int d = -1;
    for (int i = 0; i < 100 && d < 0; i++) {
      int c = ThreadLocalRandom.current().nextInt(1, 120);
      boolean free = true;
      for (int k = 0; k < zones.size(); k++) free &= !used.contains("198.19." + (c + k) + ".");
      if (free) d = c;
    }
    if (d < 0) throw new IOException("no free 198.19.x.0/24 for the fleet's zones");
    this.dataThird = d;
    Files.createDirectories(Path.of("/run/sshd")); // sshd's privilege separation folder
    Lab.exec(Lab.TIMEOUT, null, List.of("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "portolan-fleet-test", "-f", clientKey.toString())).ok();
    Files.copy(dir.resolve("id_ed25519.pub"), dir.resolve("authorized_keys"));
    fw = lab.router("fw");
    for (int k = 0; k < zones.size(); k++) {
      fw.run("ip", "link", "add", "z" + k, "type", "bridge");
      fw.addr("z" + k, zoneNet(zones.get(k)) + "1/24");
      fw.run("ip", "link", "set", "z" + k, "up");
    }
    StringBuilder known = new StringBuilder();
    int i = 0;
    for (var e : hostZones.entrySet()) {
      i++;
      String name = e.getKey(), zone = e.getValue();
      Path hd = dir.resolve(name);
      Files.createDirectories(hd);
      Lab.Host ns = lab.host(name);
      Lab.Uplink up = lab.uplink(ns);
      String mgmt = up.addr(2);
      String data = zoneNet(zone) + (10 + i);
      lab.link(ns, "eth0", data + "/24", fw, "h" + i, "");
      fw.run("ip", "link", "set", "h" + i, "master", "z" + zones.indexOf(zone));
      ns.run("ip", "route", "add", "default", "via", zoneNet(zone) + "1");
      hosts.put(name, new LabHost(name, zone, ns, mgmt, data, hd));
      Path key = hd.resolve("ssh_host_ed25519_key");
      Lab.exec(Lab.TIMEOUT, null, List.of("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", name, "-f", key.toString())).ok();
      String[] pub = Files.readString(hd.resolve("ssh_host_ed25519_key.pub")).trim().split("\\s+");
      known.append(mgmt).append(' ').append(pub[0]).append(' ').append(pub[1]).append('\n');
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
          """.formatted(mgmt, key, hd.resolve("sshd.pid"), dir.resolve("authorized_keys")));
    }
    Files.writeString(knownHosts, known.toString());
    for (LabHost h : hosts.values()) startSshd(h.name());
    for (LabHost h : hosts.values()) h.ns().awaitListening("tcp", 22, Duration.ofSeconds(30));
  }

  String zoneNet(String zone) {
    return "198.19." + (dataThird + zones.indexOf(zone)) + ".";
  }

  void startSshd(String host) {
    LabHost h = hosts.get(host);
    sshd.put(host, h.ns().start("/usr/sbin/sshd", "-D", "-e", "-f", h.dir().resolve("sshd_config").toString()));
  }

  /** Stops the host's sshd and waits (bounded) until nothing listens on port 22. */
  void stopSshd(String host) {
    Lab.Proc p = sshd.remove(host);
    if (p == null) return;
    p.stop();
    Lab.await("sshd of " + host + " to close port 22", Duration.ofSeconds(10), () -> !listening(host, 22));
  }

  /** Whether something listens on TCP {@code port} in the host's namespace now. */
  boolean listening(String host, int port) {
    Pattern p = Pattern.compile(":" + port + "\\s");
    return hosts.get(host).ns().run("ss", "-H", "-ltn").lines().anyMatch(l -> p.matcher(l).find());
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

  /** TCP listeners (accept and close) on the given ports of the host's data address, ready when returned. */
  Lab.Proc tcpListeners(String host, int... ports) {
    LabHost h = hosts.get(host);
    StringBuilder ps = new StringBuilder();
    for (int p : ports) ps.append(ps.isEmpty() ? "" : ",").append(p);
    String py = """
        import socket, selectors
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
    return h.ns().start("/usr/bin/python3", "-c", py).await("ready");
  }

  /**
   * Loads the firewall router's nft ruleset: forwarding policy drop, replies accepted, traffic
   * within a zone accepted, then {@code rules}, in which {@code {users}}, {@code {dmz}}… stand
   * for the zones' networks and {@code {web1}}… for hosts' data addresses.
   */
  void firewall(String... rules) {
    StringBuilder sb = new StringBuilder("table inet fleet {\n  chain forward {\n    type filter hook forward priority 0; policy drop;\n"
        + "    ct state established,related accept\n");
    for (String z : zones) sb.append("    ip saddr ").append(zoneNet(z)).append("0/24 ip daddr ").append(zoneNet(z)).append("0/24 accept\n");
    for (String r : rules) {
      String line = r;
      for (String z : zones) line = line.replace("{" + z + "}", zoneNet(z) + "0/24");
      for (LabHost h : hosts.values()) line = line.replace("{" + h.name() + "}", h.data());
      sb.append("    ").append(line).append('\n');
    }
    fw.nft(sb.append("  }\n}\n").toString());
  }

  /**
   * The kernel's answer, from nmap (-sT, connect scans as probe makes) run inside the host's
   * namespace: state per "address:port" (open, closed, filtered).
   */
  Map<String, String> nmap(String host, List<String> addresses, List<Integer> ports) {
    List<String> cmd = new ArrayList<>(List.of("nmap", "-n", "-Pn", "-sT", "--max-retries", "1", "--host-timeout", "60s",
        "-p", String.join(",", ports.stream().map(String::valueOf).toList()), "-oX", "-"));
    cmd.addAll(addresses);
    String xml = hosts.get(host).ns().exec(Duration.ofSeconds(120), null, cmd.toArray(String[]::new)).ok();
    Map<String, String> out = new LinkedHashMap<>();
    var hostBlocks = Pattern.compile("<host .*?</host>", Pattern.DOTALL).matcher(xml);
    while (hostBlocks.find()) {
      String block = hostBlocks.group();
      var addr = Pattern.compile("<address addr=\"([^\"]+)\"").matcher(block);
      if (!addr.find()) continue;
      var port = Pattern.compile("<port protocol=\"tcp\" portid=\"(\\d+)\"><state state=\"([a-z|]+)\"").matcher(block);
      while (port.find()) out.put(addr.group(1) + ":" + port.group(1), port.group(2));
    }
    return out;
  }

  @Override
  public void close() {
    lab.close();
  }
}
