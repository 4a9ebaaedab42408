package org.portolan.compile;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.portolan.compile.dialect.Iptables;
import org.portolan.diag.Diagnostics;
import org.portolan.model.PortRange;
import org.portolan.model.PortSet;
import org.portolan.model.Protocol;
import org.portolan.plan.Endpoint;
import org.portolan.plan.Flow;
import org.portolan.plan.FlowPlan;

/**
 * Portolan vs Capirca on the iptables target, side by side in one run. Not part of
 * {@code mvn verify}: a main class. Generates a large site (seeded), writes it as a Capirca
 * policy (one term per flow, NETWORK.net + SERVICES.svc), times Capirca's
 * ParsePolicy + Iptables generation (Debian python3-capirca, in one Python process) and
 * Portolan's compile + render (in this JVM, after warm-up), medians of several runs, and
 * counts the permit rules of both outputs.
 *
 * <pre>
 * ./mvnw -q -B -DskipTests package
 * java -cp target/test-classes:target/portolan.jar org.portolan.compile.CompileBenchmark [FLOWS] [RUNS]
 * </pre>
 */
public final class CompileBenchmark {
  private CompileBenchmark() {}

  public static void main(String[] args) throws Exception {
    int nFlows = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
    int runs = args.length > 1 ? Integer.parseInt(args[1]) : 5;
    Path dir = Path.of("target/bench-compile");
    Files.createDirectories(dir.resolve("def"));
    Random r = new Random(42);
    List<Endpoint> endpoints = new ArrayList<>();
    Map<Endpoint, String> netName = new LinkedHashMap<>();
    for (int i = 0; i < 400; i++) {
      Endpoint e = Fixtures.ep("host" + i, "", "198.18." + (i / 200) + "." + (1 + i % 200));
      endpoints.add(e);
      netName.put(e, "HOST_" + i);
    }
    for (int i = 0; i < 60; i++) {
      Endpoint e = Fixtures.ep("net" + i, "", "198.19." + i + ".0/" + (24 + r.nextInt(4)));
      endpoints.add(e);
      netName.put(e, "NET_" + i);
    }
    List<PortSet> services = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      List<PortRange> ranges = new ArrayList<>();
      int n = 1 + r.nextInt(4);
      for (int k = 0; k < n; k++) {
        int from = r.nextInt(4) == 0 ? 49152 + r.nextInt(10000) : 1 + r.nextInt(10000);
        ranges.add(new PortRange(from, from + (r.nextInt(3) == 0 ? r.nextInt(50) : 0)));
      }
      services.add(PortSet.ofRanges(ranges));
    }
    List<Flow> flows = new ArrayList<>();
    for (int i = 0; i < nFlows; i++) {
      List<Endpoint> src = new ArrayList<>(), dst = new ArrayList<>();
      for (int k = 1 + r.nextInt(3); k > 0; k--) src.add(endpoints.get(r.nextInt(endpoints.size())));
      // Responders cluster on a few servers, as in real sites.
      for (int k = 1 + r.nextInt(2); k > 0; k--) dst.add(endpoints.get(r.nextInt(60)));
      Protocol p = r.nextInt(3) == 0 ? Protocol.UDP : Protocol.TCP;
      flows.add(Fixtures.flow("f" + i, src.stream().distinct().toList(), dst.stream().distinct().toList(), p, services.get(r.nextInt(services.size())),
          Fixtures.trace("product" + r.nextInt(20), "req" + i, "purpose " + i)));
    }
    FlowPlan plan = new FlowPlan("bench", flows, List.of());
    writeCapirca(plan, netName, dir);
    // The same plan for the cold whole-process comparison of bench/compile.sh (portolan compile
    // --flows against Capirca's aclgen on policies/bench.pol).
    try (var w = Files.newBufferedWriter(dir.resolve("flows.csv"))) {
      org.portolan.plan.FlowsCsv.write(plan, w);
    }
    Files.createDirectories(dir.resolve("policies"));
    Files.copy(dir.resolve("bench.pol"), dir.resolve("policies/bench.pol"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);

    // Warm up the JVM (JIT) first, then alternate: one Portolan run, one Capirca run, so both
    // see the same machine load. Capirca runs in its own Python process per run; only its
    // ParsePolicy + Iptables generation is timed (inside Python), not the interpreter start.
    Dialect ipt = new Iptables();
    long cold0 = System.nanoTime();
    portolan(plan, ipt);
    long cold = System.nanoTime() - cold0;
    for (int i = 0; i < 300; i++) portolan(plan, ipt);
    Path script = dir.resolve("capirca_bench.py");
    Files.writeString(script, """
        import sys, time
        from capirca.lib import naming, policy, iptables
        d = sys.argv[1]
        text = open(d + '/bench.pol').read()
        t0 = time.perf_counter_ns()
        c0 = time.process_time_ns()
        defs = naming.Naming(d + '/def')
        pol = policy.ParsePolicy(text, defs, optimize=True)
        out = str(iptables.Iptables(pol, 2))
        print('run', time.perf_counter_ns() - t0, time.process_time_ns() - c0, flush=True)
        open(d + '/capirca.iptables', 'w').write(out)
        """);
    long[] ours = new long[runs];
    long[] theirs = new long[runs];
    long[] oursCpu = new long[runs];
    long[] theirsCpu = new long[runs];
    var os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
    String ourOutput = "";
    for (int i = 0; i < runs; i++) {
      long c0 = os.getProcessCpuTime();
      long t0 = System.nanoTime();
      ourOutput = portolan(plan, ipt);
      ours[i] = System.nanoTime() - t0;
      oursCpu[i] = os.getProcessCpuTime() - c0;
      Process p = new ProcessBuilder("/usr/bin/python3", script.toString(), dir.toString()).redirectErrorStream(true).start();
      if (!p.waitFor(600, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IllegalStateException("capirca did not finish within 10 minutes");
      }
      String pyOut = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      String[] f = pyOut.lines().filter(l -> l.startsWith("run ")).findFirst().orElseThrow(() -> new IllegalStateException("capirca failed:\n" + pyOut)).split(" ");
      theirs[i] = Long.parseLong(f[1]);
      theirsCpu[i] = Long.parseLong(f[2]);
    }
    Files.writeString(dir.resolve("portolan.iptables"), ourOutput);
    String capirca = Files.readString(dir.resolve("capirca.iptables"));

    long ourMedian = median(ours), theirMedian = median(theirs);
    long ourLines = ourOutput.lines().filter(l -> l.startsWith("-A PORTOLAN ")).count();
    long ourKernel = ourOutput.lines().filter(l -> l.startsWith("-A PORTOLAN ")).mapToLong(CompileBenchmark::expanded).sum();
    long theirRules = capirca.lines().filter(l -> l.startsWith("-A ") && l.endsWith("-j ACCEPT")).count();
    System.out.printf("flows: %d, runs: %d%n", nFlows, runs);
    System.out.printf("portolan: first call in a fresh JVM (cold, as the CLI runs) %.1f ms%n", cold / 1e6);
    System.out.printf("portolan: median %.1f ms warm (runs %s)%n", ourMedian / 1e6, ms(ours));
    System.out.printf("capirca:  median %.1f ms (runs %s)%n", theirMedian / 1e6, ms(theirs));
    System.out.printf("speed-up (capirca / portolan), wall time: %.1fx%n", (double) theirMedian / ourMedian);
    // The JVM's process CPU clock ticks in 10 ms steps here, so CPU time is compared as the mean over all runs.
    double ourCpu = Arrays.stream(oursCpu).average().orElseThrow(), theirCpu = Arrays.stream(theirsCpu).average().orElseThrow();
    System.out.printf("cpu time (mean of the runs): portolan %.1f ms (process, incl. GC/JIT threads), capirca %.1f ms; speed-up %.1fx%n",
        ourCpu / 1e6, theirCpu / 1e6, theirCpu / ourCpu);
    System.out.printf("permit rules: portolan %d lines (%d kernel rules after -s/-d list expansion), capirca %d%n", ourLines, ourKernel, theirRules);
  }

  private static String portolan(FlowPlan plan, Dialect d) {
    Diagnostics diags = new Diagnostics();
    var out = Compiler.render(plan, Optional.empty(), d, CompileOptions.defaults(), diags);
    if (diags.hasErrors()) throw new IllegalStateException(diags.all().toString());
    return new String(out.values().iterator().next().getFirst().content(), StandardCharsets.UTF_8);
  }

  /** iptables-restore expands "-s a,b -d c" into one kernel rule per source × destination. */
  private static long expanded(String line) {
    return count(line, " -s ") * count(line, " -d ");
  }

  private static long count(String line, String flag) {
    int i = line.indexOf(flag);
    if (i < 0) return 1;
    String v = line.substring(i + flag.length()).split(" ")[0];
    return v.split(",").length;
  }

  private static long median(long[] v) {
    long[] s = v.clone();
    Arrays.sort(s);
    return s[s.length / 2];
  }

  private static String ms(long[] v) {
    return Arrays.stream(v).mapToObj(x -> String.format("%.1f", x / 1e6)).toList().toString();
  }

  /** The same flows as a Capirca policy: one term per flow, its requirement in the comment. */
  private static void writeCapirca(FlowPlan plan, Map<Endpoint, String> netName, Path dir) throws IOException {
    StringBuilder net = new StringBuilder(), svc = new StringBuilder(), pol = new StringBuilder();
    for (var e : netName.entrySet()) {
      net.append(e.getValue()).append(" =");
      for (var b : ((Endpoint.Addresses) e.getKey()).blocks()) net.append(' ').append(b.toPrefixBlock().toPrefixLengthString());
      net.append('\n');
    }
    pol.append("header {\n  comment:: \"Portolan benchmark site\"\n  target:: iptables FORWARD DROP\n}\n");
    for (Flow f : plan.flows()) {
      String s = "SVC_" + f.name().toUpperCase();
      svc.append(s).append(" =");
      for (PortRange r : f.ports().ranges()) svc.append(' ').append(r.notation()).append('/').append(f.protocol().keyword());
      svc.append('\n');
      pol.append("term ").append(f.name()).append(" {\n");
      pol.append("  comment:: \"").append(f.traces().getFirst().requirementRef()).append("\"\n");
      pol.append("  source-address::");
      for (Endpoint e : f.sources()) pol.append(' ').append(netName.get(e));
      pol.append("\n  destination-address::");
      for (Endpoint e : f.destinations()) pol.append(' ').append(netName.get(e));
      pol.append("\n  protocol:: ").append(f.protocol().keyword()).append('\n');
      pol.append("  destination-port:: ").append(s).append('\n');
      pol.append("  action:: accept\n}\n");
    }
    Files.writeString(dir.resolve("def/NETWORK.net"), net);
    Files.writeString(dir.resolve("def/SERVICES.svc"), svc);
    Files.writeString(dir.resolve("bench.pol"), pol);
  }
}
