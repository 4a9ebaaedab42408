package org.portolan.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.portolan.testing.Cli;

/**
 * fleet probe and fleet listen for real: six hosts in three zones, each a network namespace
 * running its own sshd, joined through a firewall namespace whose nftables ruleset drops
 * one required flow and rejects another; Debian's ansible-playbook runs in the root namespace
 * over SSH (host keys checked against a known_hosts file built from the hosts' own keys) and
 * ships the packaged jar (target/portolan.jar). The merged result must equal what nmap,
 * run inside each host's namespace, finds flow by flow.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class FleetNetIT {
  static final ObjectMapper JSON = new ObjectMapper();
  static final Path JAR = Path.of("target/portolan.jar");
  static final Path CATALOG = Path.of("src/test/resources/fleet/catalog");
  @TempDir static Path dir;
  static FleetLab lab;
  static Path site;
  static final List<org.portolan.testing.Lab.Proc> products = new ArrayList<>();

  @BeforeAll
  static void setUp() throws Exception {
    assumeTrue(Files.isExecutable(Path.of("/usr/bin/ansible-playbook")), "needs Debian's ansible-core");
    assumeTrue(Files.isExecutable(Path.of("/usr/sbin/sshd")), "needs Debian's openssh-server");
    assumeTrue(Files.isRegularFile(JAR), "needs the packaged jar (mvn package runs before the integration tests)");
    Map<String, String> zones = new LinkedHashMap<>();
    zones.put("client1", "users");
    zones.put("client2", "users");
    zones.put("web1", "dmz");
    zones.put("web2", "dmz");
    zones.put("app1", "data");
    zones.put("db1", "data");
    lab = FleetLab.create(dir, zones);
    site = dir.resolve("site.yaml");
    // app1 has no Java of its own as far as fleet knows: it gets the jlink runtime image
    Files.writeString(site, "site: Fleet test\nzones: [{name: users}, {name: dmz}, {name: data}]\n"
        + lab.hostsYaml(Map.of("app1", ", java: bundled"))
        + """
        products:
          - product: shop
            roles:
              client: [client1, client2]
              web: [web1, web2]
              app: [app1]
              db: [db1]
        """);
    lab.firewall("ip saddr {users} ip daddr {dmz} tcp dport 443 accept",
        "ip saddr {web1} ip daddr {data} tcp dport 9000 accept",
        "ip saddr {web2} ip daddr {data} tcp dport 9000 reject with tcp reset");
  }

  @AfterAll
  static void tearDown() throws Exception {
    if (lab != null) lab.close();
  }

  static Cli portolan(String... args) {
    return Cli.run(args);
  }

  static List<String> fleetArgs(String command, Path outDir, String... extra) {
    List<String> a = new ArrayList<>(List.of("fleet", command, site.toString(), "--catalog", CATALOG.toString(), "--jar", JAR.toString(),
        "-o", outDir.toString(), "--private-key", lab.clientKey.toString(), "--known-hosts", lab.knownHosts.toString(),
        "--forks", "6", "--max-time", "5m", "--connect-timeout", "5s", "--probe-option=--timeout=1000ms"));
    a.addAll(List.of(extra));
    return a;
  }

  /** What nmap finds from each host, for the (dst, port) pairs that host's probes name. */
  static Map<String, String> truth(JsonNode result) throws Exception {
    Map<String, Set<String>> dsts = new TreeMap<>();
    Map<String, Set<Integer>> ports = new TreeMap<>();
    for (JsonNode p : result.path("probes")) {
      dsts.computeIfAbsent(p.path("host").asText(), k -> new TreeSet<>()).add(p.path("dst").asText());
      ports.computeIfAbsent(p.path("host").asText(), k -> new TreeSet<>()).add(p.path("port").asInt());
    }
    Map<String, String> out = new TreeMap<>();
    for (String h : dsts.keySet())
      lab.nmap(h, List.copyOf(dsts.get(h)), List.copyOf(ports.get(h))).forEach((k, v) -> out.put(h + "->" + k, v));
    return out;
  }

  /** host -> (dst:port) for every probe the plan calls for from the given hosts. */
  static Set<String> expectedProbes(List<String> initiators) {
    Set<String> out = new TreeSet<>();
    Map<String, List<String>> dst = Map.of("web", List.of("web1", "web2"), "app", List.of("app1"), "db", List.of("db1"));
    record F(String to, int port) {}
    Map<String, List<F>> flows = Map.of(
        "client", List.of(new F("web", 443), new F("web", 8080)),
        "web", List.of(new F("app", 9000)),
        "app", List.of(new F("db", 5432), new F("db", 5433)));
    for (String h : initiators) {
      String role = h.replaceAll("\\d+$", "");
      for (F f : flows.getOrDefault(role, List.of()))
        for (String d : dst.get(f.to())) out.add(h + "->" + lab.hosts.get(d).data() + ":" + f.port());
    }
    return out;
  }

  static Set<String> probed(JsonNode result) {
    Set<String> out = new TreeSet<>();
    for (JsonNode p : result.path("probes")) out.add(p.path("host").asText() + "->" + p.path("dst").asText() + ":" + p.path("port").asInt());
    return out;
  }

  /**
   * The folders the run named in its "fleet: run ID" line left in /tmp (the hosts share the
   * test machine's file system): /tmp/portolan-fleet-ID-KIND-HOST.
   */
  static List<String> leftovers(Cli r) throws Exception {
    Matcher m = Pattern.compile("(?m)^fleet: run (pf-[A-Za-z0-9-]+)$").matcher(r.err());
    assertThat(m.find()).as("the run names its id; stderr:\n%s", r.err()).isTrue();
    String prefix = "portolan-fleet-" + m.group(1) + "-";
    try (var tmp = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
      return tmp.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(prefix)).sorted().toList();
    }
  }

  @Test
  @Order(1)
  void theMergedResultEqualsTheKernelsTruthFlowByFlow() throws Exception {
    // the products' stand-ins: some ports listen, some do not (closed)
    products.add(lab.tcpListeners("web1", 443, 8080));
    products.add(lab.tcpListeners("web2", 8080));
    products.add(lab.tcpListeners("app1", 9000));
    products.add(lab.tcpListeners("db1", 5432));
    Path out = dir.resolve("run1");
    Cli r = portolan(fleetArgs("probe", out).toArray(String[]::new));
    assertThat(r.code()).as("exit; stderr:\n%s\nstdout:\n%s", r.err(), r.out()).isEqualTo(1);
    JsonNode result = JSON.readTree(out.resolve("site-result.json").toFile());
    List<String> initiators = List.of("client1", "client2", "web1", "web2", "app1");
    assertThat(result.path("not_probed")).as(r.err()).isEmpty();
    List<String> hosts = new ArrayList<>();
    for (JsonNode h : result.path("hosts")) {
      hosts.add(h.path("host").asText());
      assertThat(h.path("status").asText()).isEqualTo("probed");
    }
    assertThat(hosts).containsExactlyInAnyOrderElementsOf(initiators); // db1 initiates nothing
    assertThat(probed(result)).isEqualTo(expectedProbes(initiators));
    for (JsonNode p : result.path("probes")) {
      assertThat(p.path("host").asText()).isEqualTo(p.path("src").asText());
      assertThat(p.path("probed_at").isTextual()).as("probed_at of %s", p).isTrue();
    }
    Map<String, String> truth = truth(result);
    Map<String, String> ours = new TreeMap<>();
    for (JsonNode p : result.path("probes")) ours.put(p.path("host").asText() + "->" + p.path("dst").asText() + ":" + p.path("port").asInt(), p.path("state").asText());
    assertThat(ours).isEqualTo(truth);
    // the ruleset and listeners give every kind of answer, so the comparison can fail
    assertThat(new TreeSet<>(ours.values())).containsExactly("closed", "filtered", "open");
    // app1 ran on the jlink image, the others on the hosts' own Java 25
    for (JsonNode h : result.path("hosts"))
      assertThat(h.path("java").asText()).as("java of %s", h.path("host").asText())
          .contains(h.path("host").asText().equals("app1") ? "/runtime/bin/java" : "temurin-25");
    // progress lines were printed as hosts finished, naming failing flows
    assertThat(r.err()).contains("5 done, 0 failed, 0 running, 0 waiting").contains("filtered");
    // nothing left on the hosts (this run's folders; other suites may be running fleet at the same time)
    assertThat(leftovers(r)).as(r.err()).isEmpty();
  }

  @Test
  @Order(2)
  void aHostWithoutSshdIsNotProbedAndTheRestIsMerged() throws Exception {
    lab.stopSshd("client2");
    try {
      Path out = dir.resolve("run2");
      Cli r = portolan(fleetArgs("probe", out, "--limit", "all:!web2").toArray(String[]::new));
      assertThat(r.code()).as(r.err()).isEqualTo(1);
      JsonNode result = JSON.readTree(out.resolve("site-result.json").toFile());
      assertThat(result.path("not_probed")).hasSize(1);
      JsonNode np = result.path("not_probed").get(0);
      assertThat(np.path("host").asText()).isEqualTo("client2");
      assertThat(np.path("reason").asText()).startsWith("host unreachable");
      assertThat(np.path("flows")).hasSize(2);
      assertThat(probed(result)).isEqualTo(expectedProbes(List.of("client1", "web1", "app1")));
      assertThat(r.out()).contains("not probed: client2: host unreachable");
      assertThat(leftovers(r)).as(r.err()).isEmpty();
      // the report reads the site result: client2's flows are not probed, not blocked
      Path html = dir.resolve("report.html");
      Cli rep = portolan("report", site.toString(), "--catalog", CATALOG.toString(), "--probe", out.resolve("site-result.json").toString(), "-o", html.toString());
      assertThat(rep.code()).as(rep.err()).isZero();
      assertThat(Files.readString(html)).contains("not probed: client2: host unreachable");
      // and diagram takes several probe files
      Cli dia = portolan("diagram", site.toString(), "--catalog", CATALOG.toString(), "--probe", out.resolve("hosts/client1.json").toString(),
          "--probe", out.resolve("hosts/app1.json").toString());
      assertThat(dia.code()).as(dia.err()).isZero();
      assertThat(dia.out()).contains("digraph");
    } finally {
      lab.startSshd("client2");
      lab.hosts.get("client2").ns().awaitListening("tcp", 22, java.time.Duration.ofSeconds(30));
    }
  }

  @Test
  @Order(3)
  void fleetListenThenProbeOpensEveryAllowedFlowThroughTheListeners() throws Exception {
    for (var p : products) p.stop();
    products.clear();
    Path out = dir.resolve("run3");
    Cli r = portolan(fleetArgs("listen", out, "--duration", "240s").toArray(String[]::new));
    assertThat(r.code()).as("exit; stderr:\n%s\nstdout:\n%s", r.err(), r.out()).isEqualTo(1);
    JsonNode result = JSON.readTree(out.resolve("site-result.json").toFile());
    assertThat(result.path("not_probed")).as(r.err()).isEmpty();
    List<String> listening = new ArrayList<>();
    for (JsonNode l : result.path("listeners")) if (l.path("status").asText().equals("listening")) listening.add(l.path("host").asText());
    assertThat(listening).as(r.err()).containsExactlyInAnyOrder("web1", "web2", "app1", "db1");
    String web2 = lab.hosts.get("web2").data();
    Map<String, String> states = new TreeMap<>();
    for (JsonNode p : result.path("probes")) states.put(p.path("host").asText() + "->" + p.path("dst").asText() + ":" + p.path("port").asInt(), p.path("state").asText());
    assertThat(states.keySet()).isEqualTo(expectedProbes(List.of("client1", "client2", "web1", "web2", "app1")));
    states.forEach((k, state) -> {
      boolean allowed = k.endsWith(":443") || k.startsWith("web1->") || k.startsWith("app1->");
      if (allowed) assertThat(state).as(k).isEqualTo("open");
      else assertThat(state).as(k).isNotEqualTo("open");
    });
    assertThat(states).containsEntry("web2->" + lab.hosts.get("app1").data() + ":9000", "closed");
    assertThat(states.get("client1->" + web2 + ":8080")).isEqualTo("filtered");
    // the listeners were stopped
    for (String h : listening) {
      int port = h.startsWith("web") ? 443 : h.equals("app1") ? 9000 : 5432;
      long end = System.nanoTime() + java.time.Duration.ofSeconds(20).toNanos();
      while (System.nanoTime() < end && lab.listening(h, port)) Thread.sleep(100);
      assertThat(lab.listening(h, port)).as("listener on %s still running; %s", h, r.err()).isFalse();
    }
    // nothing left on the hosts: both the probe and the listener folders of this run are gone
    assertThat(leftovers(r)).as(r.err()).isEmpty();
  }

  @Test
  @Order(4)
  void aProbeThatFailsOnTheHostStillLeavesNothingThere() throws Exception {
    // the probe on the host refuses an option it does not know (exit 2): the task fails after
    // the folder was staged, and the folder must go all the same
    Path out = dir.resolve("run4");
    Cli r = portolan(fleetArgs("probe", out, "--limit", "web1", "--probe-option=--no-such-option").toArray(String[]::new));
    assertThat(r.code()).as(r.err()).isEqualTo(1);
    JsonNode result = JSON.readTree(out.resolve("site-result.json").toFile());
    assertThat(result.path("not_probed")).hasSize(1);
    assertThat(result.path("not_probed").get(0).path("host").asText()).isEqualTo("web1");
    assertThat(result.path("not_probed").get(0).path("reason").asText()).startsWith("error in task 'probe | run' (exit 2)");
    assertThat(r.err()).doesNotContain("could not make sure");
    assertThat(leftovers(r)).as(r.err()).isEmpty();
  }
}
