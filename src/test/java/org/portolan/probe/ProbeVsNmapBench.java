package org.portolan.probe;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import org.portolan.testing.Cli;
import org.portolan.testing.Lab;
import org.portolan.testing.NetworkTest;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Side by side with nmap on the same namespace targets. Not part of {@code mvn verify}; run
 * with {@code ./mvnw test -Dtest=ProbeVsNmapBench -Dportolan.bench=true}. Five destination
 * addresses in a namespace; per address 200 TCP ports (100 open behind {@code portolan
 * listen}, 60 closed, 40 dropped by nft = 20% filtered) and 40 UDP ports (16 open, 16 closed,
 * 8 dropped). Both tools must agree on every state; wall times are medians of 3 runs and the
 * report goes to target/bench-probe.md for BENCHMARKS.md.
 */
@NetworkTest
@EnabledIfSystemProperty(named = "portolan.bench", matches = "true")
class ProbeVsNmapBench {
  static Lab lab;
  static Lab.Host host;
  static Lab.Uplink ns;
  @TempDir static Path dir;
  static final int HOSTS = 5, RUNS = 5;
  static final ProbeOptions FAST = new ProbeOptions(java.time.Duration.ofMillis(500), 1, 256, 5000, 1000, java.time.Duration.ofMinutes(10), 64, 16, true);
  static List<String> dsts = new ArrayList<>();

  @BeforeAll
  static void setUp() throws Exception {
    lab = Lab.create();
    host = lab.host("bench");
    ns = lab.uplink(host);
    for (int i = 0; i < HOSTS; i++) {
      if (i > 0) host.addr(ns.hostIf(), ns.addr(2 + i) + "/28");
      dsts.add(ns.addr(2 + i));
    }
    host.nft("""
        table ip bench {
          chain input {
            type filter hook input priority 0; policy accept;
            tcp dport 20161-20200 drop
            udp dport 21033-21040 drop
          }
        }
        """);
    StringBuilder listen = new StringBuilder("name,src,dst,proto,ports\n");
    for (String d : dsts) {
      listen.append("open-tcp-").append(d).append(",198.19.0.0/16,").append(d).append(",tcp,20001-20100\n");
      listen.append("open-udp-").append(d).append(",198.19.0.0/16,").append(d).append(",udp,21001-21016\n");
      listen.append("filtered-tcp-").append(d).append(",198.19.0.0/16,").append(d).append(",tcp,20161-20200\n");
      listen.append("filtered-udp-").append(d).append(",198.19.0.0/16,").append(d).append(",udp,21033-21040\n");
    }
    Path lf = dir.resolve("listen.csv");
    Files.writeString(lf, listen);
    List<Lab.Proc> listeners = new ArrayList<>();
    for (int i = 0; i < HOSTS; i++)
      listeners.add(host.start(Cli.command("listen", "--flows", lf.toString(), "--as", dsts.get(i), "--duration", "1800s",
          "--max-ports", "100", "--max-listeners", "4096")));
    for (Lab.Proc l : listeners) l.await("ready:", Duration.ofSeconds(120));
  }

  @AfterAll
  static void tearDown() {
    if (lab != null) lab.close();
  }

  static Path flows(String proto, int from, int to) throws Exception {
    StringBuilder sb = new StringBuilder("name,src,dst,proto,ports\n");
    for (String d : dsts)
      for (int port = from; port <= to; port++) sb.append(proto).append('-').append(d).append('-').append(port)
          .append(',').append(ns.addr(1)).append(',').append(d).append(',').append(proto).append(',').append(port).append('\n');
    Path f = dir.resolve(proto + ".csv");
    Files.writeString(f, sb);
    return f;
  }

  /** Wall and CPU (user + system of the process and its children) seconds, and the state per address:port. */
  record Timed(double seconds, double cpu, Map<String, String> states) {}

  /** Runs {@code cmd} under bash, whose {@code times} gives the CPU the command's processes used. */
  static Lab.Result timed(List<String> cmd, double[] wallCpu) {
    List<String> all = new ArrayList<>(List.of("bash", "-c", "\"$@\"; rc=$?; times >&2; exit $rc", "timed"));
    all.addAll(cmd);
    long t0 = System.nanoTime();
    Lab.Result r = Lab.exec(Duration.ofMinutes(5), null, all);
    wallCpu[0] = (System.nanoTime() - t0) / 1e9;
    // the last line of `times`: the children's user and system time, like "0m1.190s 0m0.140s"
    String[] last = r.err().strip().lines().reduce((a, b) -> b).orElse("").trim().split("\\s+");
    wallCpu[1] = minutesSeconds(last[0]) + minutesSeconds(last[1]);
    return r;
  }

  static double minutesSeconds(String t) {
    int m = t.indexOf('m');
    return Integer.parseInt(t.substring(0, m)) * 60 + Double.parseDouble(t.substring(m + 1, t.length() - 1));
  }

  /** The launcher a user runs ({@code ./portolan}: its AOT cache for probe, C1), JSON on standard output as nmap's XML. */
  static Timed portolan(Path flows, List<String> options) throws Exception {
    List<String> cmd = new ArrayList<>(List.of(Path.of("portolan").toAbsolutePath().toString(), "probe", "--flows", flows.toString(), "--format", "json"));
    cmd.addAll(options);
    double[] wc = new double[2];
    Lab.Result r = timed(cmd, wc);
    assertThat(r.exit()).as(r.err() + r.out()).isIn(0, 1);
    Map<String, String> states = new HashMap<>();
    for (JsonNode p : new ObjectMapper().readTree(r.out()).get("probes"))
      states.put(p.get("dst").asText() + ":" + p.get("port").asInt(), switch (p.get("state").asText()) {
        case "open_filtered" -> "open|filtered";
        default -> p.get("state").asText();
      });
    return new Timed(wc[0], wc[1], states);
  }

  /** The probe phase alone, in this (warm) JVM: what the CLI costs minus JVM start and class loading. */
  static Timed inProcess(Path flows, ProbeOptions options) throws Exception {
    var plan = org.portolan.plan.FlowsCsv.read(flows, new org.portolan.diag.Diagnostics());
    var bean = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
    long c0 = bean.getProcessCpuTime();
    long t0 = System.nanoTime();
    ProbeReport r = new Prober(options, Prober.SYSTEM_RESOLVER, (x, y) -> { }).probe(plan.flows(), ns.addr(1));
    double s = (System.nanoTime() - t0) / 1e9;
    double cpu = (bean.getProcessCpuTime() - c0) / 1e9; // the whole test JVM's CPU meanwhile
    Map<String, String> states = new HashMap<>();
    for (ProbeResult p : r.results())
      states.put(p.dst() + ":" + p.port().getAsInt(), p.state() == ProbeState.OPEN_FILTERED ? "open|filtered" : p.state().keyword());
    return new Timed(s, cpu, states);
  }

  static Timed nmap(String scan, String ports, String... extra) throws Exception {
    List<String> cmd = new ArrayList<>(List.of("nmap", scan, "-Pn", "-n", "-p", ports, "-oX", "-"));
    cmd.addAll(List.of(extra));
    cmd.addAll(dsts);
    double[] wc = new double[2];
    Lab.Result r = timed(cmd, wc);
    assertThat(r.exit()).as(r.err() + r.out()).isZero();
    String xml = r.out().substring(r.out().indexOf("<?xml"));
    var doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    Map<String, String> states = new HashMap<>();
    NodeList hosts = doc.getElementsByTagName("host");
    for (int i = 0; i < hosts.getLength(); i++) {
      Element h = (Element) hosts.item(i);
      String addr = ((Element) h.getElementsByTagName("address").item(0)).getAttribute("addr");
      // ports in nmap's "Not shown" summary: <extraports state=…><extrareasons ports="a-b,c"/>
      NodeList summary = h.getElementsByTagName("extraports");
      for (int j = 0; j < summary.getLength(); j++) {
        Element x = (Element) summary.item(j);
        NodeList reasons = x.getElementsByTagName("extrareasons");
        for (int k = 0; k < reasons.getLength(); k++)
          for (String part : ((Element) reasons.item(k)).getAttribute("ports").split(",")) {
            if (part.isBlank()) continue;
            String[] ab = part.split("-");
            int a = Integer.parseInt(ab[0]), b = ab.length > 1 ? Integer.parseInt(ab[1]) : a;
            for (int port = a; port <= b; port++) states.put(addr + ":" + port, x.getAttribute("state"));
          }
      }
      NodeList ps = h.getElementsByTagName("port");
      for (int j = 0; j < ps.getLength(); j++) {
        Element p = (Element) ps.item(j);
        states.put(addr + ":" + p.getAttribute("portid"), ((Element) p.getElementsByTagName("state").item(0)).getAttribute("state"));
      }
    }
    return new Timed(wc[0], wc[1], states);
  }

  static double median(List<Double> xs) {
    List<Double> s = new ArrayList<>(xs);
    Collections.sort(s);
    return s.get(s.size() / 2);
  }

  static Map<String, Long> histogram(Map<String, String> states) {
    Map<String, Long> h = new java.util.TreeMap<>();
    states.values().forEach(v -> h.merge(v, 1L, Long::sum));
    return h;
  }

  @Test
  void sideBySideWithNmap() throws Exception {
    StringBuilder md = new StringBuilder();
    String model = Lab.exec(Duration.ofSeconds(5), null, List.of("sh", "-c", "lscpu | sed -n 's/^Model name: *//p'")).out().trim();
    md.append("Machine: ").append(Runtime.getRuntime().availableProcessors()).append(" cores (").append(model).append("), ")
        .append(String.format(Locale.ROOT, "%.0f GiB", Files.readAllLines(Path.of("/proc/meminfo")).stream().filter(l -> l.startsWith("MemTotal"))
            .map(l -> Long.parseLong(l.replaceAll("\\D", "")) / 1048576.0).findFirst().orElse(0.0)))
        .append(", shared with other jobs; ").append(Lab.exec(Duration.ofSeconds(5), null, List.of("nmap", "--version")).out().lines().findFirst().orElse("nmap"))
        .append("; Java ").append(Runtime.version()).append(".\n\n");
    md.append("Load average at start: ").append(Files.readString(Path.of("/proc/loadavg")).trim()).append("\n\n");
    md.append("| scan | flows | tool | command | median wall s | wall s, runs in order | median CPU s | states equal to nmap's | wall ratio to nmap | ratio to floor |\n|---|---|---|---|---|---|---|---|---|---|\n");
    record Case(String proto, int from, int to, String nmapScan) {}
    /** A way to run a probe; {@code run} does one run. Floors: timeout, rate and per-host rate (0: no floor). */
    record Tool(String name, String command, double timeout, double rate, double perHost, Run run) {}
    for (Case c : List.of(new Case("tcp", 20001, 20200, "-sT"), new Case("udp", 21001, 21040, "-sU"))) {
      Path f = flows(c.proto(), c.from(), c.to());
      int n = HOSTS * (c.to() - c.from() + 1);
      String ports = c.from() + "-" + c.to();
      List<String> fastFlags = List.of("--timeout", "500ms", "--rate", "5000", "--rate-per-host", "1000");
      List<Tool> tools = List.of(
          new Tool("portolan", "`./portolan probe --flows " + c.proto() + ".csv --format json` (defaults: timeout 1.5 s, 1000/s, 200/s per address)",
              1.5, 1000, 200, () -> portolan(f, List.of())),
          new Tool("portolan fast", "`./portolan probe --flows " + c.proto() + ".csv --format json " + String.join(" ", fastFlags) + "`",
              0.5, 5000, 1000, () -> portolan(f, fastFlags)),
          new Tool("portolan in-process", "`new Prober(ProbeOptions.DEFAULTS, …).probe(flows, …)` in the benchmark's JVM (probe phase only; CPU: the whole test JVM)",
              1.5, 1000, 200, () -> inProcess(f, ProbeOptions.DEFAULTS)),
          new Tool("portolan in-process fast", "same, timeout 500 ms, 5000/s, 1000/s per address", 0.5, 5000, 1000, () -> inProcess(f, FAST)),
          new Tool("nmap", "`nmap " + c.nmapScan() + " -Pn -n -p " + ports + " -oX - <5 addresses>`", 0, 0, 0, () -> nmap(c.nmapScan(), ports)),
          new Tool("nmap -T4", "`nmap " + c.nmapScan() + " -T4 -Pn -n -p " + ports + " -oX - <5 addresses>`", 0, 0, 0, () -> nmap(c.nmapScan(), ports, "-T4")));
      Map<String, List<Timed>> runs = new java.util.LinkedHashMap<>();
      for (int i = 0; i < RUNS; i++) // alternating: every tool once per round
        for (Tool t : tools) runs.computeIfAbsent(t.name(), k -> new ArrayList<>()).add(t.run().run());
      double nm = median(runs.get("nmap").stream().map(Timed::seconds).toList());
      List<Map<String, String>> nmapStates = runs.get("nmap").stream().map(Timed::states).toList();
      Map<String, String> truth = nmapStates.getFirst();
      for (Tool t : tools) {
        List<Timed> rs = runs.get(t.name());
        List<Double> walls = rs.stream().map(Timed::seconds).toList();
        double wall = median(walls), cpu = median(rs.stream().map(Timed::cpu).toList());
        // agreement: ports whose state equals nmap's (first run), counted in every run; the least is shown
        long agree = rs.stream().mapToLong(r -> truth.entrySet().stream().filter(e -> e.getValue().equals(r.states().get(e.getKey()))).count()).min().orElse(0);
        boolean sameKeys = rs.stream().allMatch(r -> r.states().keySet().equals(truth.keySet()));
        String floor = "";
        if (t.rate() > 0) {
          // the last probe starts after max(n / rate, n per destination / per-destination rate) and may be a silent one
          double fl = Math.max(n / t.rate(), (double) n / HOSTS / t.perHost()) + silence(c.proto(), t.timeout());
          floor = String.format(Locale.ROOT, "%.2f (floor %.2f s)", wall / fl, fl);
        }
        md.append(String.format(Locale.ROOT, "| %s | %d | %s | %s | %.2f | %s | %.2f | %d / %d%s | %.2f | %s |%n", c.proto(), n, t.name(),
            t.command(), wall, fmt(walls), cpu,
            agree, truth.size(), sameKeys ? "" : " (other ports!)", wall / nm, floor));
      }
      md.append("\nStates ").append(c.proto()).append(" (last run): ");
      for (var e : runs.entrySet()) md.append(e.getKey()).append(' ').append(histogram(e.getValue().getLast().states())).append("; ");
      md.append("\n\n");
      for (Tool t : tools)
        for (Timed r : runs.get(t.name()))
          for (var e : r.states().entrySet().stream().filter(e -> !e.getValue().equals(truth.get(e.getKey()))).limit(10).toList())
            md.append("  differs: ").append(t.name()).append(' ').append(e.getKey()).append(' ').append(e.getValue()).append(" nmap ").append(truth.get(e.getKey())).append('\n');
    }
    md.append("Load average at the end: ").append(Files.readString(Path.of("/proc/loadavg")).trim()).append("\n");
    Files.writeString(Path.of("target/bench-probe.md"), md);
    System.out.println(md);
  }

  @FunctionalInterface
  interface Run {
    Timed run() throws Exception;
  }

  static String fmt(List<Double> xs) {
    return String.join(" ", xs.stream().map(x -> String.format(Locale.ROOT, "%.2f", x)).toList());
  }

  /**
   * How long a silent (filtered) probe costs at least: UDP waits the whole timeout; TCP, once the
   * host has answered, two connects of the adaptive timeout (nmap's 100 ms minimum on a
   * sub-millisecond network).
   */
  private static double silence(String proto, double timeout) {
    return proto.equals("tcp") ? Math.min(timeout, 2 * RttEstimator.MIN.toMillis() / 1000.0) : timeout;
  }
}
