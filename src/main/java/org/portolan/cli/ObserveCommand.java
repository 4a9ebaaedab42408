package org.portolan.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.portolan.diag.ExitCode;
import org.portolan.diag.InvalidInputException;
import org.portolan.diag.SourcePosition;
import org.portolan.observe.Collector;
import org.portolan.observe.DraftCatalog;
import org.portolan.observe.LogFormat;
import org.portolan.observe.ObserveJson;
import org.portolan.observe.ObserveResult;
import org.portolan.observe.ObserveTable;
import org.portolan.observe.Observer;
import org.portolan.observe.Window;
import org.portolan.plan.FlowPlan;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
    name = "observe",
    mixinStandardHelpOptions = true,
    description = {
      "Read flow logs and firewall logs and say, per required flow of a site, whether it was seen working, seen denied",
      "(with the device and rule or ACL when the log names them), seen without a verdict, or not seen in the window;",
      "group the traffic no requirement explains into candidate requirements (--draft writes them as a catalog entry",
      "marked for review); count hits per rule where the log names rules.",
      "",
      "Formats, detected or named with --log-format: vpc (AWS VPC flow logs, default v2 or custom with header; plain or",
      "gzip), vpc-parquet, azure (NSG and VNet flow logs), gcp (VPC flow logs, firewall logs; JSON lines), kernel",
      "(iptables/nftables LOG lines from dmesg, syslog, the journal, ulogd2 LOGEMU), asa (Cisco ASA 106023, 106100,",
      "106001, 106015, 302013-302016), netflow (v5/v9/IPFIX export packets in a pcap/pcapng file). A LOG of the form",
      "udp:ADDRESS:PORT collects NetFlow/IPFIX on that UDP port for --listen-for.",
      "",
      "Exit: 0 no required flow seen denied, 1 a required flow was denied, 2 usage, 3 a log cannot be read",
      "(malformed records are counted and listed with file:line and byte offset, never dropped silently)."
    })
final class ObserveCommand implements Callable<Integer> {
  enum Format { table, json, csv }

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Parameters(paramLabel = "LOG", arity = "1..*", description = "log files (plain or gzip), or udp:ADDRESS:PORT; a deployment YAML last, unless --flows is given")
  List<String> args;

  @Option(names = "--flows", paramLabel = "FLOWS.csv", description = "flows file to check the logs against (instead of a deployment)")
  Path flows;

  @Option(names = "--no-plan", description = "no deployment or flows: records and rule hits only")
  boolean noPlan;

  @Option(names = "--log-format", paramLabel = "F", description = "the logs' format (default: detected per file)")
  String logFormat;

  @Option(names = "--format", defaultValue = "table", description = "table, json or csv (default: ${DEFAULT-VALUE})")
  Format format;

  @Option(names = "--since", paramLabel = "T", description = "only records ending at or after T (ISO 8601, e.g. 2026-12-01T00:00:00Z)")
  String since;

  @Option(names = "--until", paramLabel = "T", description = "only records starting before T")
  String until;

  @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "write the result to FILE instead of standard output")
  Path output;

  @Option(names = "--draft", paramLabel = "DRAFT.yaml", description = "write the unexplained traffic as a draft catalog entry (# REVIEW: marks)")
  Path draft;

  @Option(names = "--listen-for", paramLabel = "D", defaultValue = "60s", description = "how long a udp: collector listens (default: ${DEFAULT-VALUE})")
  String listenFor;

  @Option(names = "--idle", paramLabel = "D", description = "a udp: collector stops once nothing arrived for D after the first packet")
  String idle;

  @Option(names = "--max-packets", paramLabel = "N", defaultValue = "1000000", description = "a udp: collector stops after N export packets (default: ${DEFAULT-VALUE})")
  long maxPackets;

  @Option(names = "--workers", paramLabel = "N", description = "attribution threads (default: the number of cores, at most 8)")
  Integer workers;

  @Mixin CatalogOptions catalogOptions;

  @Override
  public Integer call() {
    List<String> logs = new ArrayList<>(args);
    Path deployment = null;
    if (flows == null && !noPlan) {
      if (logs.size() < 2) throw new UsageException("give the logs and then a DEPLOYMENT file, or --flows FLOWS.csv, or --no-plan");
      deployment = Path.of(logs.removeLast());
    }
    FlowPlan plan = noPlan ? null : Inputs.load(deployment, flows, catalogOptions.dirs).plan();
    Observer.Options o = Observer.Options.defaults();
    if (workers != null) {
      if (workers < 1 || workers > 64) throw new UsageException("--workers must be 1-64");
      o = o.withWorkers(workers, o.chunkBytes());
    }
    if (logFormat != null)
      o = o.withFormat(LogFormat.byKeyword(logFormat).orElseThrow(() -> new UsageException("unknown --log-format " + logFormat
          + "; one of vpc, vpc-parquet, kernel, asa, gcp, azure, netflow")));
    Instant s = instant(since, "--since"), u = instant(until, "--until");
    if (s != null && u != null && !s.isBefore(u)) throw new UsageException("--since must be before --until");
    o = o.withWindow(Window.of(s, u));
    List<Path> files = new ArrayList<>();
    List<Collector> collectors = new ArrayList<>();
    try {
      for (String l : logs) {
        if (l.startsWith("udp:")) collectors.add(collector(l));
        else {
          Path p = Path.of(l);
          if (!Files.isRegularFile(p)) throw new UsageException("no such log file: " + l);
          files.add(p);
        }
      }
      ObserveResult r;
      try {
        r = Observer.observe(files, collectors, plan, o);
      } catch (Observer.UnreadableLogException e) {
        throw new InvalidInputException(SourcePosition.of(e.getMessage().split(":", 2)[0]), e.getMessage());
      }
      String text = switch (format) {
        case table -> ObserveTable.table(r);
        case json -> ObserveJson.write(r);
        case csv -> ObserveTable.csv(r);
      };
      Outputs.write(spec.commandLine().getOut(), output, text);
      if (draft != null) Outputs.writeFile(draft, DraftCatalog.write(r, plan == null ? "" : plan.site()));
      return r.hasFindings() ? ExitCode.FINDINGS : ExitCode.OK;
    } finally {
      collectors.forEach(c -> c.socket().close());
    }
  }

  private Collector collector(String spec) {
    String rest = spec.substring(4);
    int colon = rest.lastIndexOf(':');
    if (colon < 1) throw new UsageException("a collector is udp:ADDRESS:PORT, got " + spec);
    String host = rest.substring(0, colon).replaceAll("^\\[|\\]$", "");
    int port;
    try {
      port = Integer.parseInt(rest.substring(colon + 1));
    } catch (NumberFormatException e) {
      throw new UsageException("a collector port must be a number, got " + spec);
    }
    if (port < 0 || port > 65535) throw new UsageException("a collector port must be 0-65535, got " + spec);
    Duration d = ProbeCommand.Durations.parse(listenFor, "--listen-for");
    if (maxPackets < 1) throw new UsageException("--max-packets must be positive");
    try {
      DatagramSocket socket = new DatagramSocket(new InetSocketAddress(InetAddress.getByName(host), port));
      return new Collector(socket, d, maxPackets, idle == null ? null : ProbeCommand.Durations.parse(idle, "--idle"));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot listen on " + spec + ": " + e.getMessage(), e);
    }
  }

  private static Instant instant(String text, String option) {
    if (text == null) return null;
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      try {
        return java.time.OffsetDateTime.parse(text).toInstant();
      } catch (DateTimeParseException e2) {
        throw new UsageException(option + " must be an ISO 8601 time such as 2026-12-01T00:00:00Z, got " + text);
      }
    }
  }
}
