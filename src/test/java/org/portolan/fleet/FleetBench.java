package org.portolan.fleet;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.portolan.cli.Main;

/**
 * Benchmark (bench/fleet.sh, not part of mvn verify): a fleet of N namespace hosts in three
 * zones (the shop product: half clients, a quarter web servers, the rest application and
 * database servers, with listeners on the servers' ports), `fleet probe` with the given forks,
 * against the sum (and the maximum) of the single-host probe times, each a whole
 * `java -jar portolan.jar probe SITE --as HOST` run inside the host's namespace, one after the
 * other. Usage: FleetBench HOSTS FORKS[,FORKS…] JAR CATALOG
 */
public final class FleetBench {
  public static void main(String[] args) throws Exception {
    int n = Integer.parseInt(args[0]);
    List<Integer> forks = new ArrayList<>();
    for (String f : args[1].split(",")) forks.add(Integer.parseInt(f));
    Path jar = Path.of(args[2]), catalog = Path.of(args[3]);
    Path dir = Files.createTempDirectory("fleet-bench-");
    Map<String, String> zones = new LinkedHashMap<>();
    Map<String, String> roles = new LinkedHashMap<>();
    int clients = Math.max(1, n / 2), webs = Math.max(1, n / 4), dbs = Math.max(1, Math.min(2, n - clients - webs - 1));
    int apps = Math.max(1, n - clients - webs - dbs);
    for (int i = 1; i <= clients; i++) { zones.put("client" + i, "users"); roles.put("client" + i, "client"); }
    for (int i = 1; i <= webs; i++) { zones.put("web" + i, "dmz"); roles.put("web" + i, "web"); }
    for (int i = 1; i <= apps; i++) { zones.put("app" + i, "data"); roles.put("app" + i, "app"); }
    for (int i = 1; i <= dbs; i++) { zones.put("db" + i, "data"); roles.put("db" + i, "db"); }
    try (FleetLab lab = FleetLab.create(dir, zones)) {
      Path site = dir.resolve("site.yaml");
      StringBuilder products = new StringBuilder("products:\n  - product: shop\n    roles:\n");
      for (String role : List.of("client", "web", "app", "db")) {
        List<String> members = roles.entrySet().stream().filter(e -> e.getValue().equals(role)).map(Map.Entry::getKey).toList();
        products.append("      ").append(role).append(": [").append(String.join(", ", members)).append("]\n");
      }
      Files.writeString(site, "site: Fleet bench\nzones: [{name: users}, {name: dmz}, {name: data}]\n" + lab.hostsYaml(Map.of()) + products);
      lab.firewall("ip saddr {users} ip daddr {dmz} tcp dport 443 accept", "ip saddr {dmz} ip daddr {data} tcp dport 9000 accept");
      for (var e : roles.entrySet())
        switch (e.getValue()) {
          case "web" -> lab.tcpListeners(e.getKey(), 443, 8080);
          case "app" -> lab.tcpListeners(e.getKey(), 9000);
          case "db" -> lab.tcpListeners(e.getKey(), 5432, 5433);
          default -> { }
        }
      List<String> initiators = roles.entrySet().stream().filter(e -> !e.getValue().equals("db")).map(Map.Entry::getKey).toList();
      // single-host runs, one after the other, each the whole process inside the host's namespace
      String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
      double sum = 0, max = 0;
      for (String h : initiators) {
        long t0 = System.nanoTime();
        var r = lab.hosts.get(h).ns().exec(Duration.ofMinutes(5), null, java, "-Xmx256m", "-XX:TieredStopAtLevel=1",
            "-jar", jar.toString(), "probe", site.toString(), "--as", h, "--catalog", catalog.toString(), "--format", "json", "--timeout", "1000ms");
        double s = (System.nanoTime() - t0) / 1e9;
        if (r.exit() > 1) throw new IllegalStateException("probe on " + h + " failed: " + r.err());
        sum += s;
        max = Math.max(max, s);
      }
      System.out.printf(Locale.ROOT, "hosts %d (%d initiating), single-host probes one after the other: sum %.1f s, slowest %.1f s%n", n, initiators.size(), sum, max);
      for (int f : forks) {
        Path out = dir.resolve("out-" + f);
        long t0 = System.nanoTime();
        StringWriter o = new StringWriter(), e = new StringWriter();
        int code = Main.run(new PrintWriter(o), new PrintWriter(e), "fleet", "probe", site.toString(), "--catalog", catalog.toString(), "--jar", jar.toString(),
            "-o", out.toString(), "--private-key", lab.clientKey.toString(), "--known-hosts", lab.knownHosts.toString(), "--forks", Integer.toString(f),
            "--probe-option=--timeout=1000ms");
        double wall = (System.nanoTime() - t0) / 1e9;
        if (code > 1 || o.toString().contains("not probed")) throw new IllegalStateException("fleet probe failed (" + code + "): " + o + e);
        System.out.printf(Locale.ROOT, "fleet probe --forks %d: wall %.1f s; ratio to the sum %.2f, to the slowest single host %.1fx; %s",
            f, wall, wall / sum, wall / max, o.toString().lines().findFirst().orElse("") + "\n");
      }
    } finally {
      RuntimeImage.delete(dir);
    }
  }
}
