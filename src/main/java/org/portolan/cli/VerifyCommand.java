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
        "Exit: 0 every flow allowed and no --fail-on finding, 1 findings, 2 usage, 3 bad input."})
final class VerifyCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  enum OutFormat { table, json, junit, sarif }

  enum FailOn { blocked, partial, unverified, excess, shadowed, redundant, warnings }

  @Option(names = "--ruleset", required = true, paramLabel = "FILE", description = "iptables-save, nft list ruleset (text or -j JSON), Cisco ASA config, AWS describe-security-groups JSON")
  Path ruleset;

  @Option(names = "--ruleset-format", paramLabel = "F", description = "iptables, nftables (text or -j JSON; also nft, nft-json), asa, aws-sg (also aws); the names compile uses (default: detected)")
  String rulesetFormat;

  @Parameters(index = "0", arity = "0..1", paramLabel = "DEPLOYMENT", description = "site deployment YAML")
  Path deployment;

  @Option(names = "--flows", paramLabel = "FLOWS.csv", description = "flows file instead of a deployment")
  Path flows;

  @Option(names = "--firewall", paramLabel = "NAME", description = "the firewall of the deployment the ruleset belongs to (one host of a host firewall: FIREWALL-HOST, as compile names its file), or the security group / ACL owner")
  String firewall;

  @Option(names = "--format", defaultValue = "table", description = "table, json, junit, sarif (default: ${DEFAULT-VALUE})")
  OutFormat format;

  @Option(names = "--fail-on", split = ",", paramLabel = "WHAT", description = "findings that give exit 1: blocked, partial, unverified (not verified against this ruleset), excess, shadowed, redundant, warnings (default: blocked,partial,unverified)")
  List<FailOn> failOn;

  @Mixin CatalogOptions catalogOptions;

  @Option(names = "--path", paramLabel = "P", description = "evaluate every flow on this path: input, forward, output (iptables/nft), in:IFACE (ASA), ingress/egress (AWS)")
  String path;

  @Option(names = "--local", split = ",", paramLabel = "ADDR", description = "the firewall host's own addresses: flows to them use input, from them output")
  List<String> local = new ArrayList<>();

  @Option(names = "--in-interface", paramLabel = "IF", description = "interface the flows enter by")
  String inInterface;

  @Option(names = "--out-interface", paramLabel = "IF", description = "interface the flows leave by")
  String outInterface;

  @Option(names = "--no-rule-analysis", description = "skip the shadowed/redundant analysis (one evaluation per rule)")
  boolean noRuleAnalysis;

  @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "write the result here instead of standard output")
  Path output;

  @Override
  public Integer call() {
    Optional<RulesetImporter.Format> fmt = Optional.empty();
    if (rulesetFormat != null) {
      fmt = RulesetImporter.Format.parse(rulesetFormat);
      if (fmt.isEmpty()) throw new UsageException("--ruleset-format: expected iptables, nftables, nft-json, asa or aws-sg, got '" + rulesetFormat + "'");
    }
    if (!Files.isRegularFile(ruleset)) throw new UsageException("no such file: " + ruleset);
    Inputs.Loaded loaded = Inputs.load(deployment, flows, catalogOptions.dirs);
    List<IPAddress> localAddrs = new ArrayList<>();
    for (String a : local) {
      IPAddress ip = a.isBlank() ? null : new IPAddressString(a.trim()).getAddress();
      if (ip == null) throw new UsageException("--local: expected an address or CIDR, got '" + a + "'");
      localAddrs.add(ip);
    }
    String text;
    try {
      text = Files.readString(ruleset, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + ruleset + ": " + e.getMessage(), e);
    }
    Diagnostics d = new Diagnostics();
    Optional<Acl> acl = RulesetImporter.read(text, ruleset.toString(), fmt, d);
    d.throwIfErrors();
    VerifyOptions opt = new VerifyOptions(Optional.ofNullable(path), Optional.ofNullable(firewall), Optional.ofNullable(inInterface), Optional.ofNullable(outInterface), !noRuleAnalysis);
    List<org.portolan.diag.Diagnostic> notes = new ArrayList<>(d.warnings());
    // the deployment places the flows only when it says which of its firewalls the ruleset belongs to
    Optional<Deployment> placedOn = Optional.empty();
    if (loaded.deployment().isPresent() && firewall != null) placedOn = loaded.deployment();
    Diagnostics placing = new Diagnostics();
    List<FirewallPlacement.Target> targets = FirewallPlacement.place(loaded.plan(), placedOn, placement(firewall, localAddrs), placing);
    if (placing.hasErrors()) throw new UsageException(placing.errors().getFirst().message());
    if (targets.size() > 1) {
      notes.add(org.portolan.diag.Diagnostic.warning(org.portolan.diag.SourcePosition.of(placedOn.get().file()), "host firewall " + firewall + " protects "
          + targets.size() + " hosts; what each of them receives is checked against this one ruleset (give --firewall "
          + String.join(" or ", targets.stream().map(FirewallPlacement.Target::name).limit(3).toList()) + (targets.size() > 3 ? " …" : "") + " to check one host's)"));
    }
    if (placedOn.isPresent() && !localAddrs.isEmpty())
      notes.add(org.portolan.diag.Diagnostic.warning(org.portolan.diag.SourcePosition.of(placedOn.get().file()),
          "--local is not used: the deployment places the flows on firewall " + firewall + " (its hosts' own addresses are known from it)"));
    if (placedOn.isPresent()) {
      int skipped = FirewallPlacement.unplaced(loaded.plan(), targets).size();
      if (skipped > 0) notes.add(org.portolan.diag.Diagnostic.warning(org.portolan.diag.SourcePosition.of(placedOn.get().file()),
          skipped + " flows of the plan do not cross firewall " + firewall + " and are not verified against it"));
    }
    if (path != null && !acl.get().paths().containsKey(path) && acl.get().paths().keySet().stream().noneMatch(p -> p.startsWith(path + ":")))
      throw new UsageException("--path " + path + ": this ruleset has the paths " + String.join(", ", acl.get().paths().keySet().stream().sorted().toList()));
    VerifyResult r = Verifier.verify(acl.get(), FirewallPlacement.flows(targets), opt, notes);
    // JSON is streamed: a 100,000-flow result is never a tree and a string in memory at once
    org.portolan.output.OutputFile.Content content = switch (format) {
      case table -> text(VerifyTable.render(r));
      case json -> w -> VerifyJson.write(r, w);
      case junit -> text(VerifyJunit.render(r));
      case sarif -> text(VerifySarif.render(r));
    };
    if (output != null) {
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
    return failing(r, failOn == null ? EnumSet.of(FailOn.blocked, FailOn.partial, FailOn.unverified) : EnumSet.copyOf(failOn)) ? ExitCode.FINDINGS : ExitCode.OK;
  }

  private static org.portolan.output.OutputFile.Content text(String s) {
    return w -> w.write(s);
  }

  static boolean failing(VerifyResult r, Set<FailOn> on) {
    for (FailOn f : on) {
      boolean hit = switch (f) {
        case blocked -> r.flows().stream().anyMatch(x -> x.verdict() instanceof Verdict.Blocked);
        case partial -> r.flows().stream().anyMatch(x -> x.verdict() instanceof Verdict.Partial);
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
