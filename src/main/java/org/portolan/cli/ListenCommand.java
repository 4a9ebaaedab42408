package org.portolan.cli;

import java.io.PrintWriter;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.portolan.deployment.Deployment;
import org.portolan.deployment.Host;
import org.portolan.diag.ExitCode;
import org.portolan.plan.Flow;
import org.portolan.probe.Listener;
import org.portolan.probe.Sources;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "listen", mixinStandardHelpOptions = true,
    description = {
      "Stand in for a product before it is installed: bind every TCP port this host must accept and",
      "answer UDP probes with protocol-valid replies (DNS, NTP, CLDAP, NetBIOS, Kerberos, SNMP, TFTP,",
      "DHCP/PXE), so 'portolan probe' on the other side proves the firewall end to end. Ports in use",
      "are reported, never taken over. Runs until stopped or for --duration.",
      "",
      "Exit codes: 0 every port bound, 1 some could not be bound, 2 usage error, 3 invalid input."})
final class ListenCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Parameters(index = "0", arity = "0..1", paramLabel = "DEPLOYMENT", description = "deployment YAML")
  java.nio.file.Path deployment;

  @Option(names = "--flows", paramLabel = "FLOWS.csv", description = "listen for the flows of a flows CSV instead")
  java.nio.file.Path flows;

  @Option(names = "--as", required = true, paramLabel = "HOST|auto|ADDR",
      description = "the host to stand in for: a deployment host name, 'auto', or an address of this machine")
  String as;

  @picocli.CommandLine.Mixin CatalogOptions catalog;

  @Option(names = "--duration", paramLabel = "D", description = "stop after D (1500ms, 30s, 5m, 1h); default: until stopped")
  String duration;

  @Option(names = "--max-ports", defaultValue = "64", description = "ports bound per flow; larger sets get their lowest ports (default: ${DEFAULT-VALUE})")
  int maxPorts;

  @Option(names = "--max-listeners", defaultValue = "512", description = "sockets bound in all (default: ${DEFAULT-VALUE})")
  int maxListeners;

  @Override
  public Integer call() throws InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Duration d = duration == null ? null : ProbeCommand.Durations.parse(duration, "--duration");
    if (maxPorts < 1 || maxPorts > 1024) throw new UsageException("--max-ports must be 1-1024");
    if (maxListeners < 1 || maxListeners > 4096) throw new UsageException("--max-listeners must be 1-4096");
    Inputs.Loaded loaded = Inputs.load(deployment, flows, catalog.dirs);
    List<InetAddress> addresses = addresses(loaded, as);
    for (InetAddress a : addresses)
      if (a.isAnyLocalAddress() || a.isMulticastAddress())
        throw new UsageException("--as " + as + ": listen binds only the host's own addresses, never " + a.getHostAddress()
            + " (its stand-ins would answer on every interface" + (a.isMulticastAddress() ? " of a multicast group" : "") + "); name the host or one of its unicast addresses");
    List<Flow> mine = Sources.receivedBy(loaded.plan().flows(), addresses);
    if (mine.isEmpty()) {
      err.println("portolan: nothing to listen for: no flow ends at " + as);
      return ExitCode.FINDINGS;
    }
    try (Listener l = Listener.start(mine, addresses, maxPorts, maxListeners)) {
      int failed = 0;
      for (Listener.Binding b : l.bindings()) {
        if (!b.bound()) failed++;
        out.printf("%-10s %-8s %-40s %s  (%s)%n", b.bound() ? "listening" : "NOT BOUND", b.service(),
            b.address().getHostAddress(), b.detail(), String.join(", ", b.flows()));
      }
      for (Flow f : mine)
        if (!f.protocol().hasPorts()) out.println("note       " + f.protocol().keyword() + "      " + f.name() + ": answered by the kernel (ICMP) or not listenable (IP protocol " + f.protocol().number() + ")");
      if (failed == l.bindings().size()) {
        err.println("portolan: nothing could be bound (" + failed + " sockets); not waiting");
        return ExitCode.FINDINGS;
      }
      out.println("ready: " + (l.bindings().size() - failed) + " sockets bound, " + failed + " not bound"
          + (d == null ? "; stop with Ctrl-C" : "; stopping in " + d.toSeconds() + " s"));
      out.flush();
      if (d == null) {
        // until stopped: on Ctrl-C (SIGINT/SIGTERM) say what was served, then the JVM closes the sockets
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
          l.served().forEach((k, v) -> out.println("served     " + k + ": " + v));
          out.flush();
        }));
        Thread.sleep(Long.MAX_VALUE);
      } else Thread.sleep(d.toMillis());
      l.served().forEach((k, v) -> out.println("served     " + k + ": " + v));
      return failed == 0 ? ExitCode.OK : ExitCode.FINDINGS;
    }
  }

  static List<InetAddress> addresses(Inputs.Loaded loaded, String as) {
    if (as.equals("auto")) {
      List<InetAddress> local = Sources.localAddresses();
      if (loaded.deployment().isPresent()) {
        Host h = Sources.hostOwning(loaded.deployment().get(), local).orElseThrow(() -> new UsageException(
            "--as auto: no host of the deployment owns one of this machine's addresses; name it with --as HOST"));
        return Sources.addresses(h);
      }
      return local;
    }
    if (loaded.deployment().isPresent()) {
      Deployment dep = loaded.deployment().get();
      var h = dep.host(as);
      if (h.isPresent()) return Sources.addresses(h.get());
    }
    return List.of(ProbeCommand.address(as));
  }
}
