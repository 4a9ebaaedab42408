package org.portolan.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.portolan.diag.ExitCode;
import org.portolan.fleet.Fleet;
import org.portolan.fleet.Inventory;
import org.portolan.fleet.RuntimeImage;
import org.portolan.fleet.Settings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "fleet", mixinStandardHelpOptions = true,
    description = {
      "Probe and listen from every host of a site at once, through Ansible: an inventory from the",
      "deployment (hosts by zone, role and product instance; how to reach them from each host's",
      "'manage:' entry), the playbooks shipped in ansible/, run by ansible-playbook over SSH",
      "(Windows: WinRM), and one site result naming the host that probed each flow and the",
      "hosts that could not. See docs/fleet.md."},
    subcommands = {FleetCommand.InventoryCmd.class, FleetCommand.ProbeCmd.class, FleetCommand.ListenCmd.class})
final class FleetCommand implements Runnable {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new picocli.CommandLine.ParameterException(spec.commandLine(), "missing command: inventory, probe or listen");
  }

  @Command(name = "inventory", mixinStandardHelpOptions = true,
      description = {
        "Write the Ansible inventory (YAML) of a deployment: every host with ansible_host, ansible_user,",
        "ansible_connection and ansible_port from its 'manage:' entry, grouped by zone (zone_NAME),",
        "product instance (instance_NAME) and role (role_INSTANCE_ROLE)."})
  static final class InventoryCmd implements Callable<Integer> {
    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DEPLOYMENT", description = "deployment YAML")
    Path deployment;

    @Mixin CatalogOptions catalog;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "write here instead of standard output")
    Path output;

    @Override
    public Integer call() {
      Inputs.Loaded in = Inputs.load(deployment, null, catalog.dirs);
      String yaml = Inventory.yaml(in.deployment().orElseThrow());
      if (output == null) Outputs.write(spec.commandLine().getOut(), null, yaml);
      else org.portolan.output.OutputFile.write(output, yaml);
      return ExitCode.OK;
    }
  }

  /** The options fleet probe and fleet listen share. */
  static final class RunOptions {
    @Parameters(index = "0", paramLabel = "DEPLOYMENT", description = "deployment YAML")
    Path deployment;

    @Option(names = "--limit", paramLabel = "PATTERN", description = "only the hosts this Ansible host pattern selects (web1, zone_dmz, 'role_shop_*:!db1'…)")
    String limit;

    @Option(names = "--forks", defaultValue = "10", description = "hosts Ansible works on at once (default: ${DEFAULT-VALUE})")
    int forks;

    @Option(names = {"-o", "--output"}, paramLabel = "DIR", defaultValue = "portolan-fleet",
        description = "folder for site-result.json, hosts/HOST.json and inventory.yaml (default: ${DEFAULT-VALUE})")
    Path outDir;

    @Option(names = "--private-key", paramLabel = "FILE", description = "SSH private key (else ssh's own defaults and agent)")
    Path privateKey;

    @Option(names = "--known-hosts", paramLabel = "FILE", description = "known_hosts file with the hosts' SSH keys (else ~/.ssh/known_hosts); host key checking is always on")
    Path knownHosts;

    @Option(names = "--jar", paramLabel = "FILE", description = "the Portolan jar to put on the hosts (default: the one running)")
    Path jar;

    @Option(names = "--max-time", defaultValue = "30m", paramLabel = "D", description = "bound on the whole Ansible run (default: ${DEFAULT-VALUE})")
    String maxTime;

    @Option(names = "--connect-timeout", defaultValue = "10s", paramLabel = "D", description = "SSH connection timeout per host (default: ${DEFAULT-VALUE})")
    String connectTimeout;

    @Option(names = "--probe-option", paramLabel = "OPT", description = "passed on to each host's probe, e.g. --probe-option=--timeout=1000ms (repeatable)")
    List<String> probeOptions = new ArrayList<>();

    @Option(names = "--ansible-playbook", defaultValue = "ansible-playbook", paramLabel = "CMD", description = "the ansible-playbook to run (default: ${DEFAULT-VALUE})")
    String ansiblePlaybook;

    @Option(names = "--no-runtime-image", description = "do not make or ship the jlink runtime image; hosts without a Java 25 then fail")
    boolean noRuntimeImage;

    @Mixin CatalogOptions catalog;

    Settings settings() {
      Path j = jar != null ? jar : runningJar();
      if (!Files.isRegularFile(j)) throw new UsageException("--jar: no such file: " + j);
      for (String o : probeOptions)
        if (!o.startsWith("--") || java.util.stream.Stream.of("--as", "--format", "--output", "--flows", "--catalog", "--from").anyMatch(o::startsWith))
          throw new UsageException("--probe-option " + o + ": fleet sets --as, --format, --output, --flows and --catalog itself; give probe's tuning options (--timeout, --rate, …)");
      try {
        return new Settings(deployment, catalog.dirs, j, Optional.ofNullable(limit), forks, outDir, Optional.ofNullable(privateKey),
            Optional.ofNullable(knownHosts), ProbeCommand.Durations.parse(maxTime, "--max-time"), ProbeCommand.Durations.parse(connectTimeout, "--connect-timeout"),
            probeOptions, ansiblePlaybook, !noRuntimeImage, RuntimeImage.defaultCache());
      } catch (IllegalArgumentException e) {
        throw new UsageException(e.getMessage());
      }
    }

    static Path runningJar() {
      try {
        Path p = Path.of(FleetCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        if (Files.isRegularFile(p) && p.toString().endsWith(".jar")) return p;
      } catch (Exception e) {
        // fall through
      }
      throw new UsageException("Portolan is not running from its jar here; give the jar to ship with --jar target/portolan.jar");
    }
  }

  @Command(name = "probe", mixinStandardHelpOptions = true,
      description = {
        "Probe from every host of the deployment that initiates flows (narrowed with --limit):",
        "ansible-playbook puts the Portolan jar (and, where the host has no Java 25, a jlink runtime",
        "image) on each host, runs 'portolan probe DEPLOYMENT --as HOST --format json' there, fetches",
        "the result and removes what it put there. Writes one site result (DIR/site-result.json):",
        "every flow with the host that probed it and when; hosts that could not be reached or",
        "failed are listed as not probed, never as blocked flows.",
        "",
        "Exit codes: 0 every probe open and every host probed, 1 findings (a probe not open or a",
        "host not probed), 2 usage error, 3 invalid input, 4 runtime failure."})
  static final class ProbeCmd implements Callable<Integer> {
    @Spec picocli.CommandLine.Model.CommandSpec spec;
    @Mixin RunOptions options;

    @Override
    public Integer call() {
      Settings s = options.settings();
      Inputs.Loaded in = Inputs.load(options.deployment, null, options.catalog.dirs);
      PrintWriter err = spec.commandLine().getErr();
      Fleet.ProbeRun run = Fleet.probe(s, in.deployment().orElseThrow(), in.plan(), err);
      return summary(spec.commandLine().getOut(), run);
    }
  }

  @Command(name = "listen", mixinStandardHelpOptions = true,
      description = {
        "The go-live rehearsal in one command: start 'portolan listen' on every host that must accept",
        "flows (each listener stops itself after --duration), then 'fleet probe' from every",
        "initiating host, then stop the listeners. --duration must cover the probe run.",
        "",
        "Exit codes as for 'fleet probe'."})
  static final class ListenCmd implements Callable<Integer> {
    @Spec picocli.CommandLine.Model.CommandSpec spec;
    @Mixin RunOptions options;

    @Option(names = "--duration", defaultValue = "10m", paramLabel = "D", description = "how long the listeners live at most (default: ${DEFAULT-VALUE})")
    String duration;

    @Override
    public Integer call() {
      Settings s = options.settings();
      Duration d = ProbeCommand.Durations.parse(duration, "--duration");
      Inputs.Loaded in = Inputs.load(options.deployment, null, options.catalog.dirs);
      Fleet.ProbeRun run = Fleet.listenAndProbe(s, in.deployment().orElseThrow(), in.plan(), d, spec.commandLine().getErr());
      return summary(spec.commandLine().getOut(), run);
    }
  }

  static int summary(PrintWriter out, Fleet.ProbeRun run) {
    long probed = run.hosts().size() - run.notProbed();
    int probes = run.result().path("probes").size();
    long open = 0;
    for (var p : run.result().path("probes")) if (p.path("state").asText().equals("open")) open++;
    out.println(probed + " of " + run.hosts().size() + " host(s) probed, " + open + " of " + probes + " probes open; wrote " + run.file());
    for (var n : run.result().path("not_probed"))
      out.println("not probed: " + n.path("host").asText() + ": " + n.path("reason").asText() + " (" + n.path("flows").size() + " flow(s) without a result)");
    out.flush();
    return run.notProbed() == 0 && run.allOpen() && !run.hosts().isEmpty() ? ExitCode.OK : ExitCode.FINDINGS;
  }
}
