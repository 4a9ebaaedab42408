package org.portolan.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.portolan.compile.CompileOptions;
import org.portolan.compile.Compiler;
import org.portolan.compile.Dialect;
import org.portolan.compile.Dialects;
import org.portolan.compile.Output;
import org.portolan.compile.RuleSet;
import org.portolan.diag.Diagnostics;
import org.portolan.diag.ExitCode;
import org.portolan.output.OutputDirectory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
    name = "compile",
    mixinStandardHelpOptions = true,
    description = {
      "Compile a site's flows into firewall rules: one file per firewall (per host",
      "for host firewalls), minimised, each rule naming the requirements it serves,",
      "on top of a default drop. A flow the dialect cannot express is an error that",
      "names it (exit 3); with --partial it is left out and listed (exit 1).",
      "",
      "Dialects: iptables, nftables, windows, asa, srx, panos, aws-sg, aws-terraform,",
      "azure-nsg, gcp, k8s, csv, xlsx, markdown."
    })
final class CompileCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Parameters(index = "0", arity = "0..1", paramLabel = "DEPLOYMENT", description = "The site's deployment YAML.")
  Path deployment;

  @Option(names = "--flows", paramLabel = "FLOWS.csv", description = "A flows CSV instead of a deployment (no placement known).")
  Path flows;

  @Option(names = "--dialect", paramLabel = "D", description = {"Target dialect: ${COMPLETION-CANDIDATES}.", "Default: each firewall's own 'dialect' from the deployment."}, completionCandidates = DialectNames.class)
  String dialect;

  @Option(names = "--firewall", paramLabel = "NAME", description = "Only this firewall of the deployment.")
  String firewall;

  @Option(names = {"-o", "--output"}, paramLabel = "DIR", description = "Directory to write the files into, atomically (default: print to standard output). A run over every firewall (no --firewall, no --dialect) removes the files an earlier run wrote there that it no longer writes (listed in DIR/.portolan-written) and names them.")
  Path outputDir;

  @Option(names = "--resolve", description = "Resolve FQDN endpoints at compile time for dialects without FQDN objects (said in the output).")
  boolean resolve;

  @Option(names = "--outbound", description = "Host firewalls also get outbound rules on the initiating hosts.")
  boolean outbound;

  @Option(names = "--manage", paramLabel = "ADDR|CIDR", split = ",",
      description = {"Management stations: every host firewall also accepts SSH (tcp/22) from them to the host's own addresses,",
          "so that its rules do not lock out its administrators (rule 'portolan/manage'). Without it the host firewall's notes say",
          "that administration is dropped unless a required flow allows it. Repeatable or comma-separated."})
  List<String> manage = new java.util.ArrayList<>();

  @Option(names = "--partial", description = "Write what the dialect can express; list refused flows instead of failing.")
  boolean partial;

  @Mixin CatalogOptions catalogOptions;

  static final class DialectNames extends ArrayList<String> {
    DialectNames() {
      super(Dialects.names());
    }
  }

  @Override
  public Integer call() {
    Optional<Dialect> chosen = Optional.ofNullable(dialect).map(n -> Dialects.byName(n).orElseThrow(() -> new UsageException("unknown dialect '" + n + "'; expected one of " + String.join(", ", Dialects.names()))));
    if (outputDir == null && chosen.map(d -> d.name().equals("xlsx")).orElse(false)) throw new UsageException("--dialect xlsx writes a binary file: give -o DIR");
    if (chosen.isEmpty() && flows != null) throw new UsageException("--flows needs --dialect (a flows file names no firewalls)");
    Inputs.Loaded loaded = Inputs.load(deployment, flows, catalogOptions.dirs);
    // Which dialect compiles which firewall: --dialect for all, or each firewall's own.
    Map<Optional<String>, Dialect> jobs = new java.util.LinkedHashMap<>();
    if (chosen.isPresent() || loaded.deployment().map(dep -> dep.firewalls().isEmpty()).orElse(true)) {
      jobs.put(Optional.ofNullable(firewall), chosen.orElseThrow(() -> new UsageException("the deployment has no firewalls: give --dialect")));
    } else {
      for (var fw : loaded.deployment().get().firewalls()) {
        if (firewall != null && !fw.name().equals(firewall)) continue;
        if (fw.dialect().isBlank()) throw new UsageException("firewall " + fw.name() + " names no dialect in the deployment: give --dialect");
        jobs.put(Optional.of(fw.name()), Dialects.byName(fw.dialect()).orElseThrow(() -> new UsageException("firewall " + fw.name() + ": unknown dialect '" + fw.dialect() + "'; expected one of " + String.join(", ", Dialects.names()))));
      }
      if (jobs.isEmpty()) throw new UsageException("--firewall " + firewall + ": the deployment has no such firewall");
      if (outputDir == null && jobs.values().stream().anyMatch(d -> d.name().equals("xlsx"))) throw new UsageException("a firewall uses dialect xlsx, a binary file: give -o DIR");
    }
    Diagnostics diags = new Diagnostics();
    Map<RuleSet, List<Output>> rendered = new java.util.LinkedHashMap<>();
    Map<RuleSet, Dialect> dialectOf = new java.util.LinkedHashMap<>();
    for (var job : jobs.entrySet()) {
      CompileOptions options = new CompileOptions(job.getKey(), outbound, resolve, partial, null).withManage(manageStations());
      var part = Compiler.render(loaded.plan(), loaded.deployment(), job.getValue(), options, diags);
      rendered.putAll(part);
      part.keySet().forEach(rs -> dialectOf.put(rs, job.getValue()));
    }
    diags.throwIfErrors();
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    int refused = 0;
    OutputDirectory dir = outputDir == null ? null : OutputDirectory.open(outputDir);
    for (var e : rendered.entrySet()) {
      Dialect d = dialectOf.get(e.getKey());
      for (var r : e.getKey().refused()) {
        err.println("portolan: " + e.getKey().name() + ": flow " + r.flow() + " NOT permitted (" + d.name() + " cannot express it): " + r.reason());
        refused++;
      }
      for (Output o : e.getValue()) {
        if (outputDir != null) {
          out.println(dir.write(o.fileName(), o.content()));
        } else {
          if (rendered.size() > 1 || e.getValue().size() > 1) out.println("==> " + o.fileName() + " <==");
          out.print(new String(o.content(), StandardCharsets.UTF_8));
        }
      }
    }
    if (dir != null) {
      // The full run (every firewall, each in its own dialect) owns the folder's record: files an earlier run wrote for a
      // firewall that is gone are removed. --firewall or --dialect runs add to the folder and remove nothing.
      boolean complete = firewall == null && dialect == null;
      for (Path gone : dir.finish(complete)) err.println("portolan: removed " + gone + ": this run no longer produces it (its firewall is gone from the deployment)");
    }
    out.flush();
    return refused > 0 ? ExitCode.FINDINGS : ExitCode.OK;
  }

  private List<inet.ipaddr.IPAddress> manageStations() {
    List<inet.ipaddr.IPAddress> out = new java.util.ArrayList<>();
    for (String m : manage) {
      try {
        out.addAll(org.portolan.model.AddressBlocks.parse(m.trim()));
      } catch (IllegalArgumentException e) {
        throw new UsageException("--manage " + m + ": " + e.getMessage());
      }
      if (org.portolan.model.AddressBlocks.isFqdn(m.trim())) throw new UsageException("--manage " + m + ": expected an address or CIDR block, not a name");
    }
    return out;
  }
}
