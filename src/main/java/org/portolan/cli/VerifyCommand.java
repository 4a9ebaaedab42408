package org.portolan.cli;

import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import org.portolan.deployment.Deployment;
import org.portolan.diag.Diagnostics;
import org.portolan.diag.ExitCode;
import org.portolan.ingest.RulesetImporter;
import org.portolan.ingest.acl.Acl;
import org.portolan.plan.FirewallPlacement;
import org.portolan.verify.RuleFinding;
import org.portolan.verify.Verdict;
import org.portolan.verify.Verifier;
import org.portolan.verify.VerifyJson;
import org.portolan.verify.VerifyJunit;
import org.portolan.verify.VerifyOptions;
import org.portolan.verify.VerifyResult;
import org.portolan.verify.VerifySarif;
import org.portolan.verify.VerifyTable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "verify", mixinStandardHelpOptions = true,
    description = {"Check an existing ruleset, exactly, against the required flows: allowed / partial / blocked with the",
        "deciding rule, rules permitting more than required (with an example packet), shadowed and redundant rules.",
        "undetermined where the answer depends on a line that is not modelled or not in the dump (named with file:line).",
        "Exit: 0 every flow allowed and no --fail-on finding, 1 findings, 2 usage, 3 bad input."})
final class VerifyCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  enum OutFormat { table, json, junit, sarif }

  enum FailOn { blocked, partial, unverified, undetermined, excess, shadowed, redundant, warnings }

  @Mixin RulesetOptions rs;

  @Option(names = "--format", defaultValue = "table", description = "table, json, junit, sarif (default: ${DEFAULT-VALUE})")
  OutFormat format;

  @Option(names = "--fail-on", split = ",", paramLabel = "WHAT", description = "findings that give exit 1: blocked, partial, unverified (not verified against this ruleset), undetermined (the answer depends on a line not modelled or not in the dump), excess, shadowed, redundant, warnings (default: blocked,partial,unverified,undetermined)")
  List<FailOn> failOn;

  @Mixin CatalogOptions catalogOptions;

  @Option(names = "--ipset", paramLabel = "FILE", description = "'ipset save' output: the members of the sets the ruleset's -m set rules name")
  Path ipset;

  @Option(names = "--no-rule-analysis", description = "skip the shadowed/redundant analysis (one evaluation per rule)")
  boolean noRuleAnalysis;

  @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "write the result here instead of standard output")
  Path output;

  @Override
  public Integer call() {
    Optional<RulesetImporter.Format> fmt = rs.format();
    if (!Files.isRegularFile(rs.ruleset)) throw new UsageException("no such file: " + rs.ruleset);
    // without a deployment's firewall the ruleset's import needs nothing from the flows: it runs on a second thread
    // while they are read (what either reports, and in which order, is as before: the flows' errors first)
    java.util.concurrent.CompletableFuture<Imported> early = rs.deployment == null || rs.firewall == null
        ? java.util.concurrent.CompletableFuture.supplyAsync(() -> importRuleset(fmt, rs.localAddresses()), r -> Thread.ofPlatform().daemon().name("import").start(r)) : null;
    Inputs.Loaded loaded = Inputs.load(rs.deployment, rs.flows, catalogOptions.dirs);
    org.portolan.diag.Timing.mark("flows");
    rs.localAddresses();
    Imported imported;
    if (early == null) imported = importRuleset(fmt, rs.hostAddresses(loaded));
    else {
      try {
        imported = early.join();
      } catch (java.util.concurrent.CompletionException e) {
        if (e.getCause() instanceof RuntimeException x) throw x;
        if (e.getCause() instanceof Error x) throw x;
        throw e;
      }
    }
    Diagnostics d = imported.diagnostics();
    Optional<Acl> acl = imported.acl();
    d.throwIfErrors();
    org.portolan.diag.Timing.mark("ruleset");
    VerifyOptions opt = rs.options(!noRuleAnalysis);
    List<org.portolan.diag.Diagnostic> notes = new ArrayList<>(d.warnings());
    List<FirewallPlacement.PlacedFlow> placed = rs.place(loaded, notes, UsageException::new, "are not verified against it");
    rs.checkPath(acl.get());
    // JSON: the flows' part is rendered from the moment their verdicts are given, on the core the rule analysis leaves free
    VerifyJson.Pieces[] rendering = new VerifyJson.Pieces[1];
    VerifyResult r = Verifier.verify(acl.get(), placed, opt, notes, format == OutFormat.json ? flows -> rendering[0] = VerifyJson.Pieces.startRendering(flows) : flows -> { });
    org.portolan.diag.Timing.mark("verify");
    // JSON is streamed: a 100,000-flow result is never a tree and a string in memory at once
    org.portolan.output.OutputFile.Content content = switch (format) {
      case table -> text(VerifyTable.render(r));
      case json -> w -> VerifyJson.write(r, w, rendering[0]);
      case junit -> text(VerifyJunit.render(r));
      case sarif -> text(VerifySarif.render(r));
    };
    if (output != null && format == OutFormat.json) {
      org.portolan.output.OutputFile.writeBytes(output, o -> VerifyJson.write(r, o, rendering[0])); // UTF-8 from the generators, not encoded again
    } else if (output != null) {
      org.portolan.output.OutputFile.write(output, content);
    } else {
      java.io.PrintWriter out = spec.commandLine().getOut();
      try {
        content.writeTo(out);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      out.flush();
    }
    return failing(r, failOn == null ? EnumSet.of(FailOn.blocked, FailOn.partial, FailOn.unverified, FailOn.undetermined) : EnumSet.copyOf(failOn)) ? ExitCode.FINDINGS : ExitCode.OK;
  }

  private record Imported(Optional<Acl> acl, Diagnostics diagnostics) {}

  private Imported importRuleset(Optional<RulesetImporter.Format> fmt, List<IPAddress> hosts) {
    String text;
    try {
      text = Files.readString(rs.ruleset, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + rs.ruleset + ": " + e.getMessage(), e);
    }
    Diagnostics d = new Diagnostics();
    org.portolan.ingest.iptables.IpsetSave.Sets sets = new org.portolan.ingest.iptables.IpsetSave.Sets(java.util.Map.of(), java.util.Map.of());
    if (ipset != null) {
      if (!Files.isRegularFile(ipset)) throw new UsageException("--ipset: no such file: " + ipset);
      try {
        sets = org.portolan.ingest.iptables.IpsetSave.read(Files.readString(ipset, StandardCharsets.UTF_8), ipset.toString(), d);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + ipset + ": " + e.getMessage(), e);
      }
    }
    try {
      return new Imported(RulesetImporter.read(text, rs.ruleset.toString(), fmt, org.portolan.ingest.acl.HostFacts.of(hosts, sets.single(), sets.tuples()), d), d);
    } finally {
      org.portolan.diag.Timing.mark("import"); // on its own thread: before or after "flows"
    }
  }

  private static org.portolan.output.OutputFile.Content text(String s) {
    return w -> w.write(s);
  }

  static boolean failing(VerifyResult r, Set<FailOn> on) {
    for (FailOn f : on) {
      boolean hit = switch (f) {
        case blocked -> r.flows().stream().anyMatch(x -> x.verdict() instanceof Verdict.Blocked);
        case partial -> r.flows().stream().anyMatch(x -> x.verdict() instanceof Verdict.Partial);
        case undetermined -> r.flows().stream().anyMatch(x -> x.verdict() instanceof Verdict.Undetermined);
        case unverified -> r.flows().stream().anyMatch(x -> x.verdict() instanceof Verdict.NotVerified);
        case excess -> !r.excess().isEmpty();
        case shadowed -> r.shadowed().stream().anyMatch(s -> s.kind() == RuleFinding.Kind.SHADOWED);
        case redundant -> r.shadowed().stream().anyMatch(s -> s.kind() == RuleFinding.Kind.REDUNDANT);
        case warnings -> !r.warnings().isEmpty();
      };
      if (hit) return true;
    }
    return false;
  }

  /**
   * The placement options verify (and change) use: the firewall the ruleset belongs to, its
   * hosts' outbound traffic included (a host ruleset has an output chain), and {@code --local}.
   */
  static FirewallPlacement.Options placement(String firewall, List<IPAddress> local) {
    return new FirewallPlacement.Options(Optional.ofNullable(firewall), true, local);
  }
}
