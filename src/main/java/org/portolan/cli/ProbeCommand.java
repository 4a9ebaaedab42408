package org.portolan.cli;

import java.io.PrintWriter;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.portolan.deployment.Deployment;
import org.portolan.deployment.Host;
import org.portolan.diag.ExitCode;
import org.portolan.plan.Flow;
import org.portolan.probe.ProbeFormat;
import org.portolan.probe.ProbeOptions;
import org.portolan.probe.Prober;
import org.portolan.probe.ProbeReport;
import org.portolan.probe.Sources;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "probe", mixinStandardHelpOptions = true,
    description = {
      "Test, from this machine, every flow it must be able to open: TCP connect (open, closed =",
      "RST, filtered = no answer), protocol-aware UDP requests (DNS, NTP, CLDAP, NetBIOS, Kerberos,",
      "SNMP, TFTP, DHCP/PXE), RPC endpoint-mapper enumeration on tcp/135 then the dynamic ports",
      "it names, ICMP echo via ping(8). Only the addresses and ports the flows name are contacted;",
      "dynamic ranges are never scanned (see docs/probe.md).",
      "",
      "Exit codes: 0 every probe open, 1 findings, 2 usage error, 3 invalid input."})
final class ProbeCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Parameters(index = "0", arity = "0..1", paramLabel = "DEPLOYMENT", description = "deployment YAML")
  Path deployment;

  @Option(names = "--flows", paramLabel = "FLOWS.csv", description = "probe the flows of a flows CSV instead")
  Path flows;

  @Option(names = "--as", paramLabel = "HOST|auto|ADDR",
      description = "the deployment host this machine is: its name, 'auto' (found by this machine's addresses) or an address")
  String as;

  @Option(names = "--from", paramLabel = "ADDR", description = "with --flows: only rows whose src contains ADDR (default: every row)")
  String from;

  @picocli.CommandLine.Mixin CatalogOptions catalog;

  @Option(names = "--format", defaultValue = "table", description = "table (a summary: one line per flow), details (every probe; a sampled range's ports with the same outcome on one line), json or junit (default: ${DEFAULT-VALUE})")
  ProbeFormat format;

  @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "write the report to FILE instead of standard output")
  Path output;

  @Option(names = "--timeout", defaultValue = "1500ms", paramLabel = "D", description = "wait per probe (default: ${DEFAULT-VALUE}); TCP, once a host has answered twice: max(smoothed RTT + 4 x variation, 2 x its slowest answer, 100 ms), at most this, two connects before filtered (docs/probe.md)")
  String timeout;

  @Option(names = "--retries", defaultValue = "1", description = "extra UDP requests within the timeout (default: ${DEFAULT-VALUE})")
  int retries;

  @Option(names = "--concurrency", defaultValue = "256", description = "probes in flight at once (default: ${DEFAULT-VALUE})")
  int concurrency;

  @Option(names = "--rate", defaultValue = "1000", description = "probes started per second overall (default: ${DEFAULT-VALUE})")
  double rate;

  @Option(names = "--rate-per-host", defaultValue = "200", description = "probes started per second to one address (default: ${DEFAULT-VALUE})")
  double ratePerHost;

  @Option(names = "--max-time", defaultValue = "10m", paramLabel = "D", description = "bound on the whole run (default: ${DEFAULT-VALUE})")
  String maxTime;

  @Option(names = "--max-ports", defaultValue = "64", description = "ports probed per flow and destination; larger sets are not scanned (default: ${DEFAULT-VALUE})")
  int maxPorts;

  @Option(names = "--max-addresses", defaultValue = "16", description = "addresses probed in one destination network (default: ${DEFAULT-VALUE})")
  int maxAddresses;

  @Option(names = "--no-endpoint-mapper", description = "do not ask endpoint mappers on tcp/135 for dynamic ports")
  boolean noEpm;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    ProbeOptions options;
    try {
      options = new ProbeOptions(Durations.parse(timeout, "--timeout"), retries, concurrency, rate, ratePerHost,
          Durations.parse(maxTime, "--max-time"), maxPorts, maxAddresses, !noEpm);
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage());
    }
    if (deployment != null && from != null) throw new UsageException("--from selects flows-CSV rows; with a DEPLOYMENT use --as HOST|auto");
    if (deployment != null && as == null) throw new UsageException("with a DEPLOYMENT, say which host this is: --as HOST or --as auto");
    Inputs.Loaded loaded = Inputs.load(deployment, flows, catalog.dirs);
    Selected sel = select(loaded, as != null ? as : from);
    if (sel.flows().isEmpty()) {
      err.println("portolan: nothing to probe: no flow " + (sel.label().isEmpty() ? "in the input" : "starts at " + sel.label()));
      return ExitCode.FINDINGS;
    }
    Prober.Progress progress = System.console() != null ? new ProgressBar(err) : (d, t) -> { };
    java.time.Instant started = java.time.Instant.now();
    ProbeReport report = new Prober(options, Prober.SYSTEM_RESOLVER, progress).probe(sel.flows(), sel.label())
        .at(started.truncatedTo(java.time.temporal.ChronoUnit.MILLIS), java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
    if (progress instanceof ProgressBar bar) bar.finish();
    String text = format.render(report);
    if (output != null) {
      Outputs.writeFile(output, text);
    } else out.print(text);
    return report.allOpen() ? ExitCode.OK : ExitCode.FINDINGS;
  }

  record Selected(String label, List<Flow> flows) {}

  /** The flows this machine (or the named host/address) initiates. */
  static Selected select(Inputs.Loaded loaded, String who) {
    List<Flow> all = loaded.plan().flows();
    if (who == null) return new Selected("", all);
    if (loaded.deployment().isPresent()) {
      Deployment d = loaded.deployment().get();
      Host h;
      if (who.equals("auto")) {
        List<InetAddress> local = Sources.localAddresses();
        h = Sources.hostOwning(d, local).orElseThrow(() -> new UsageException(
            "--as auto: no host of the deployment owns one of this machine's addresses; name it with --as HOST"));
      } else {
        h = d.host(who).orElse(null);
        if (h == null) {
          InetAddress a = address(who);
          return new Selected(a.getHostAddress(), Sources.initiatedBy(all, List.of(a)));
        }
      }
      return new Selected(h.name(), Sources.initiatedBy(all, Sources.addresses(h)));
    }
    if (who.equals("auto")) return new Selected("", Sources.initiatedBy(all, Sources.localAddresses()));
    InetAddress a = address(who);
    return new Selected(a.getHostAddress(), Sources.initiatedBy(all, List.of(a)));
  }

  static InetAddress address(String text) {
    var ip = new inet.ipaddr.IPAddressString(text.trim()).getAddress();
    if (ip == null || ip.isMultiple() || ip.isPrefixed())
      throw new UsageException("expected a host name of the deployment or a single IP address, got '" + text + "'");
    return ip.toInetAddress();
  }

  /** A one-line progress bar on the terminal's error stream, redrawn at most ten times a second. */
  static final class ProgressBar implements Prober.Progress {
    private final PrintWriter err;
    private long last;
    private int lastDone = -1;

    ProgressBar(PrintWriter err) {
      this.err = err;
    }

    @Override
    public synchronized void update(int done, int total) {
      long now = System.nanoTime();
      if (done != total && now - last < 100_000_000L) return;
      last = now;
      lastDone = done;
      int width = 30;
      int fill = total == 0 ? width : done * width / total;
      err.print("\rprobing [" + "#".repeat(fill) + " ".repeat(width - fill) + "] " + done + "/" + total);
      err.flush();
    }

    void finish() {
      if (lastDone >= 0) {
        err.print("\r" + " ".repeat(60) + "\r");
        err.flush();
      }
    }
  }

  /** "1500ms", "2s", "5m", "1h" or ISO-8601 "PT30S". */
  static final class Durations {
    private Durations() {}

    static Duration parse(String text, String option) {
      String t = text.trim().toLowerCase(java.util.Locale.ROOT);
      try {
        if (t.startsWith("pt")) return Duration.parse(t.toUpperCase(java.util.Locale.ROOT));
        if (t.endsWith("ms")) return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
        long n = Long.parseLong(t.substring(0, t.length() - 1));
        return switch (t.charAt(t.length() - 1)) {
          case 's' -> Duration.ofSeconds(n);
          case 'm' -> Duration.ofMinutes(n);
          case 'h' -> Duration.ofHours(n);
          default -> throw new NumberFormatException();
        };
      } catch (RuntimeException e) {
        throw new UsageException(option + ": expected a duration like 1500ms, 30s, 5m or 1h, got '" + text + "'");
      }
    }
  }
}
