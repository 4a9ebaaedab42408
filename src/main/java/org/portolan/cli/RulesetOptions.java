package org.portolan.cli;

import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.portolan.deployment.Deployment;
import org.portolan.diag.Diagnostic;
import org.portolan.diag.Diagnostics;
import org.portolan.diag.SourcePosition;
import org.portolan.ingest.RulesetImporter;
import org.portolan.ingest.acl.Acl;
import org.portolan.plan.FirewallPlacement;
import org.portolan.verify.VerifyOptions;
import org.portolan.ingest.acl.HostFacts;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The options verify and change share: the existing ruleset, the flows (a deployment or a
 * flows file) and how they are placed on the ruleset's firewall.
 */
final class RulesetOptions {
  @Option(names = "--ruleset", required = true, paramLabel = "FILE",
      description = "the firewall's ruleset: iptables-save, nft list ruleset (text, -a for handles, or -j JSON), Cisco ASA config, AWS describe-security-groups JSON, Juniper SRX or PAN-OS set commands, az network nsg show JSON, gcloud firewall-rules JSON, Windows Firewall JSON export or PowerShell, Kubernetes NetworkPolicies (kubectl get networkpolicy,pod,namespace -A -o yaml, or manifests)")
  Path ruleset;

  @Option(names = "--ruleset-format", paramLabel = "F", description = "iptables, nftables (text or -j JSON; also nft, nft-json), asa, aws-sg (also aws), srx, panos, azure-nsg, gcp, windows, k8s; the names compile uses (default: detected)")
  String rulesetFormat;

  @Parameters(index = "0", arity = "0..1", paramLabel = "DEPLOYMENT", description = "site deployment YAML")
  Path deployment;

  @Option(names = "--flows", paramLabel = "FLOWS.csv", description = "flows file instead of a deployment")
  Path flows;

  @Option(names = "--firewall", paramLabel = "NAME", description = "the firewall of the deployment the ruleset belongs to (one host of a host firewall: FIREWALL-HOST, as compile names its file), or the security group / ACL owner")
  String firewall;

  @Option(names = "--path", paramLabel = "P", description = "evaluate every flow on this path: input, forward, output (iptables/nft), in:IFACE (ASA), input/output (AWS, Azure, GCP, Windows; input:tag:T for GCP target tags), zones:FROM>TO (SRX, PAN-OS), forward/ingress/egress (k8s)")
  String path;

  @Option(names = "--local", split = ",", paramLabel = "ADDR", description = "the firewall host's own addresses: flows to them use input, from them output; ADDR/LEN with host bits (198.19.2.10/24, as ip addr shows it) is that address on that subnet, which also tells the subnet's broadcast address (-m addrtype, fib … type)")
  List<String> local = new ArrayList<>();

  @Option(names = "--in-interface", paramLabel = "IF", description = "interface the flows enter by")
  String inInterface;

  @Option(names = "--out-interface", paramLabel = "IF", description = "interface the flows leave by")
  String outInterface;

  Optional<RulesetImporter.Format> format() {
    if (rulesetFormat == null) return Optional.empty();
    return Optional.of(RulesetImporter.Format.parse(rulesetFormat)
        .orElseThrow(() -> new UsageException("--ruleset-format: expected iptables, nftables, nft-json, asa, aws-sg, srx, panos, azure-nsg, gcp, windows or k8s, got '" + rulesetFormat + "'")));
  }

  List<IPAddress> localAddresses() {
    List<IPAddress> out = new ArrayList<>();
    for (String a : local) {
      IPAddress ip = a.isBlank() ? null : new IPAddressString(a.trim()).getAddress();
      if (ip == null) throw new UsageException("--local: expected an address or CIDR, got '" + a + "'");
      out.add(ip);
    }
    return out;
  }

  /**
   * The firewall host's own addresses, what address types are read against: the deployment's
   * host when the deployment places the flows on a host firewall of one host (none known when
   * it protects several: each has its own), otherwise {@code --local}.
   */
  List<IPAddress> hostAddresses(Inputs.Loaded loaded) {
    if (loaded.deployment().isEmpty() || firewall == null) return localAddresses();
    List<FirewallPlacement.Target> targets = FirewallPlacement.place(loaded.plan(), loaded.deployment(), VerifyCommand.placement(firewall, List.of()), new Diagnostics());
    if (targets.size() == 1 && targets.getFirst().host().isPresent()) return targets.getFirst().host().get().addresses();
    return List.of();
  }

  VerifyOptions options(boolean analyseRules) {
    return new VerifyOptions(Optional.ofNullable(path), Optional.ofNullable(firewall), Optional.ofNullable(inInterface), Optional.ofNullable(outInterface), analyseRules);
  }

  /** {@code --path} must name a path of the ruleset. */
  void checkPath(Acl acl) {
    if (path != null && !acl.paths().containsKey(path) && acl.paths().keySet().stream().noneMatch(p -> p.startsWith(path + ":")))
      throw new UsageException("--path " + path + ": this ruleset has the paths " + String.join(", ", acl.paths().keySet().stream().sorted().toList()));
  }

  /**
   * The flows placed on the ruleset's firewall: by the deployment when it says which of its
   * firewalls the ruleset belongs to, else each flow whole. A firewall the deployment does not
   * have is {@code unknown}'s exception; flows that do not cross it become a note ({@code what}
   * they are then not).
   */
  List<FirewallPlacement.PlacedFlow> place(Inputs.Loaded loaded, List<Diagnostic> notes, Function<String, RuntimeException> unknown, String what) {
    // the deployment places the flows only when it says which of its firewalls the ruleset belongs to
    Optional<Deployment> placedOn = Optional.empty();
    if (loaded.deployment().isPresent() && firewall != null) placedOn = loaded.deployment();
    if (loaded.deployment().isPresent() && firewall == null && !loaded.deployment().get().firewalls().isEmpty())
      notes.add(Diagnostic.warning(SourcePosition.of(loaded.deployment().get().file()), "the deployment does not place the flows on this ruleset "
          + "until it says which of its firewalls the ruleset is: give --firewall " + String.join(", ",
          loaded.deployment().get().firewalls().stream().map(org.portolan.deployment.Firewall::name).toList()) + " (each flow is checked whole meanwhile)"));
    // an interface address (198.19.2.10/24) is that one address; its prefix tells only the subnet's broadcast address
    List<IPAddress> localAddrs = localAddresses().stream().map(a -> HostFacts.isInterfaceAddress(a) ? a.withoutPrefixLength() : a).toList();
    Diagnostics placing = new Diagnostics();
    List<FirewallPlacement.Target> targets = FirewallPlacement.place(loaded.plan(), placedOn, VerifyCommand.placement(firewall, localAddrs), placing);
    if (placing.hasErrors()) throw unknown.apply(placing.errors().getFirst().message());
    if (targets.size() > 1) {
      notes.add(Diagnostic.warning(SourcePosition.of(placedOn.get().file()), "host firewall " + firewall + " protects "
          + targets.size() + " hosts; what each of them receives is checked against this one ruleset (give --firewall "
          + String.join(" or ", targets.stream().map(FirewallPlacement.Target::name).limit(3).toList()) + (targets.size() > 3 ? " …" : "") + " to check one host's)"));
    }
    if (placedOn.isPresent() && !localAddrs.isEmpty())
      notes.add(Diagnostic.warning(SourcePosition.of(placedOn.get().file()),
          "--local is not used: the deployment places the flows on firewall " + firewall + " (its hosts' own addresses are known from it)"));
    if (placedOn.isPresent()) {
      int skipped = FirewallPlacement.unplaced(loaded.plan(), targets).size();
      if (skipped > 0) notes.add(Diagnostic.warning(SourcePosition.of(placedOn.get().file()), skipped + " flows of the plan do not cross firewall " + firewall + " and " + what));
    }
    return FirewallPlacement.flows(targets);
  }
}
