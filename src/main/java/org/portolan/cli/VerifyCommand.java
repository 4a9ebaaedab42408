package org.portolan.cli;

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
import org.portolan.deployment.Firewall;
import org.portolan.diag.Diagnostics;
import org.portolan.diag.ExitCode;
import org.portolan.ingest.RulesetImporter;
import org.portolan.ingest.acl.Acl;
import org.portolan.ingest.acl.Addrs;
import org.portolan.plan.Endpoint;
import org.portolan.plan.Flow;
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

  enum FailOn { blocked, partial, undetermined, excess, shadowed, redundant, warnings }

  @Option(names = "--ruleset", required = true, paramLabel = "FILE", description = "iptables-save, nft list ruleset (text or -j JSON), Cisco ASA config, AWS describe-security-groups JSON")
  Path ruleset;

  @Option(names = "--ruleset-format", paramLabel = "F", description = "iptables, nft, nft-json, asa, aws (default: detected)")
  String rulesetFormat;

  @Parameters(index = "0", arity = "0..1", paramLabel = "DEPLOYMENT", description = "site deployment YAML")
  Path deployment;

  @Option(names = "--flows", paramLabel = "FLOWS.csv", description = "flows file instead of a deployment")
  Path flows;

  @Option(names = "--firewall", paramLabel = "NAME", description = "the firewall of the deployment (or security group / ACL owner) the ruleset belongs to")
  String firewall;

  @Option(names = "--format", defaultValue = "table", description = "table, json, junit, sarif (default: ${DEFAULT-VALUE})")
  OutFormat format;

  @Option(names = "--fail-on", split = ",", paramLabel = "WHAT", description = "findings that give exit 1: blocked, partial, undetermined, excess, shadowed, redundant, warnings (default: blocked,partial,undetermined)")
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
      if (fmt.isEmpty()) throw new UsageException("--ruleset-format: expected iptables, nft, nft-json, asa or aws, got '" + rulesetFormat + "'");
    }
    if (!Files.isRegularFile(ruleset)) throw new UsageException("no such file: " + ruleset);
    Inputs.Loaded loaded = Inputs.load(deployment, flows, catalogOptions.dirs);
    Addrs localAddrs = Addrs.NONE;
    for (String a : local) {
      localAddrs = localAddrs.union(Addrs.parse(a).orElseThrow(() -> new UsageException("--local: expected an address or CIDR, got '" + a + "'")));
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
    VerifyOptions opt = new VerifyOptions(Optional.ofNullable(path), Optional.ofNullable(firewall), localAddrs,
        Optional.ofNullable(inInterface), Optional.ofNullable(outInterface), !noRuleAnalysis, f -> Optional.empty());
    org.portolan.plan.FlowPlan plan = loaded.plan();
    List<org.portolan.diag.Diagnostic> notes = new ArrayList<>(d.warnings());
    if (loaded.deployment().isPresent() && firewall != null) {
      Deployment dep = loaded.deployment().get();
      Firewall fw = dep.firewall(firewall).orElseThrow(() -> new UsageException("--firewall " + firewall + ": the deployment has no such firewall (it has "
          + String.join(", ", dep.firewalls().stream().map(Firewall::name).toList()) + ")"));
      if (fw.kind() == Firewall.Kind.NETWORK) {
        java.util.Map<String, VerifyOptions.Interfaces> where = new java.util.HashMap<>();
        plan = crossing(plan, fw, where);
        int skipped = loaded.plan().flows().size() - (int) plan.flows().stream().map(f -> f.name().replaceFirst(" \\[.*\\]$", "")).distinct().count();
        if (skipped > 0) notes.add(org.portolan.diag.Diagnostic.warning(org.portolan.diag.SourcePosition.of(dep.file()),
            skipped + " flows of the plan do not cross firewall " + fw.name() + " and are not verified against it"));
        opt = new VerifyOptions(opt.path(), opt.firewall(), opt.local(), opt.in(), opt.out(), opt.analyseRules(), f -> Optional.ofNullable(where.get(f.name())));
      } else {
        opt = placed(opt, dep, fw);
      }
    }
    if (path != null && !acl.get().paths().containsKey(path) && acl.get().paths().keySet().stream().noneMatch(p -> p.startsWith(path + ":")))
      throw new UsageException("--path " + path + ": this ruleset has the paths " + String.join(", ", acl.get().paths().keySet().stream().sorted().toList()));
    VerifyResult r = Verifier.verify(acl.get(), plan, opt, notes);
    String rendered = switch (format) {
      case table -> VerifyTable.render(r);
      case json -> VerifyJson.render(r);
      case junit -> VerifyJunit.render(r);
      case sarif -> VerifySarif.render(r);
    };
    if (output != null) {
      try {
        Files.writeString(output, rendered, StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot write " + output + ": " + e.getMessage(), e);
      }
    } else {
      spec.commandLine().getOut().print(rendered);
    }
    return failing(r, failOn == null ? EnumSet.of(FailOn.blocked, FailOn.partial, FailOn.undetermined) : EnumSet.copyOf(failOn)) ? ExitCode.FINDINGS : ExitCode.OK;
  }

  static boolean failing(VerifyResult r, Set<FailOn> on) {
    for (FailOn f : on) {
      boolean hit = switch (f) {
        case blocked -> r.flows().stream().anyMatch(x -> x.verdict() instanceof Verdict.Blocked);
        case partial -> r.flows().stream().anyMatch(x -> x.verdict() instanceof Verdict.Partial);
        case undetermined -> r.flows().stream().anyMatch(x -> x.verdict() instanceof Verdict.Undetermined);
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
   * The flows that cross a network firewall, split per (entry interface, exit interface) pair
   * of their endpoints' zones; {@code where} receives each sub-flow's interfaces.
   */
  static org.portolan.plan.FlowPlan crossing(org.portolan.plan.FlowPlan plan, Firewall fw, java.util.Map<String, VerifyOptions.Interfaces> where) {
    List<Flow> out = new ArrayList<>();
    for (Flow f : plan.flows()) {
      if (f.loopback()) continue;
      java.util.Map<String, List<Endpoint>> srcBy = byInterface(fw, f.sources()), dstBy = byInterface(fw, f.destinations());
      List<String[]> pairs = new ArrayList<>();
      for (String i : srcBy.keySet()) for (String o : dstBy.keySet()) if (!i.equals(o)) pairs.add(new String[] {i, o});
      for (String[] pr : pairs) {
        String name = pairs.size() == 1 ? f.name() : f.name() + " [" + pr[0] + ">" + pr[1] + "]";
        out.add(new Flow(name, srcBy.get(pr[0]), dstBy.get(pr[1]), f.protocol(), f.ports(), f.stateful(), false, f.traces()));
        where.put(name, new VerifyOptions.Interfaces(Optional.of(pr[0]), Optional.of(pr[1])));
      }
    }
    return new org.portolan.plan.FlowPlan(plan.site(), out, plan.notes());
  }

  private static java.util.Map<String, List<Endpoint>> byInterface(Firewall fw, List<Endpoint> eps) {
    java.util.Map<String, List<Endpoint>> m = new java.util.LinkedHashMap<>();
    for (Endpoint e : eps) fw.interfaceFor(e.zone()).ifPresent(i -> m.computeIfAbsent(i.name(), k -> new ArrayList<>()).add(e));
    return m;
  }

  /** Placement on a host firewall: its hosts' addresses are local (flows to them take input, from them output). */
  private static VerifyOptions placed(VerifyOptions opt, Deployment dep, Firewall fw) {
    return switch (fw.kind()) {
      case HOST -> {
        Addrs a = Addrs.NONE;
        for (var h : dep.hosts()) if (fw.hosts().isEmpty() || fw.hosts().contains(h.name())) for (var ip : h.addresses()) a = a.union(Addrs.of(ip));
        yield new VerifyOptions(opt.path(), opt.firewall(), opt.local().union(a), opt.in(), opt.out(), opt.analyseRules(), opt.placement());
      }
      case NETWORK -> new VerifyOptions(opt.path(), opt.firewall(), opt.local(), opt.in(), opt.out(), opt.analyseRules(),
          (Flow f) -> Optional.of(new VerifyOptions.Interfaces(iface(fw, f.sources()), iface(fw, f.destinations()))));
    };
  }

  private static Optional<String> iface(Firewall fw, List<Endpoint> eps) {
    for (Endpoint e : eps) {
      var i = fw.interfaceFor(e.zone());
      if (i.isPresent()) return Optional.of(i.get().name());
    }
    return Optional.empty();
  }
}
