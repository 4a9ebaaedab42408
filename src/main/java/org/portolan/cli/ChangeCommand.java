package org.portolan.cli;

import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.portolan.change.Change;
import org.portolan.change.ChangeRequest;
import org.portolan.change.ChangeResult;
import org.portolan.deployment.Deployment;
import org.portolan.deployment.Firewall;
import org.portolan.diag.Diagnostic;
import org.portolan.diag.Diagnostics;
import org.portolan.diag.ExitCode;
import org.portolan.diag.InvalidInputException;
import org.portolan.diag.SourcePosition;
import org.portolan.ingest.RulesetImporter;
import org.portolan.ingest.acl.Acl;
import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import org.portolan.plan.FirewallPlacement;
import org.portolan.verify.VerifyOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "change", mixinStandardHelpOptions = true,
    description = {"From the ruleset a firewall already has to the smallest change that makes the required flows work:",
        "for every flow that is blocked or partly blocked, the lines that permit exactly the missing part (the",
        "blocked sources x destinations x ports, never more), written in the ruleset's own dialect and structure,",
        "placed before the line that blocks it in the chain the traffic reaches: iptables 'iptables-restore --noflush'",
        "(-I CHAIN N), nftables 'nft -f' (insert rule … position HANDLE / add rule), Cisco ASA (access-list … line N),",
        "AWS security groups (authorize-security-group-ingress/-egress JSON and Terraform), Juniper SRX and PAN-OS",
        "(set commands with insert/move before the blocking policy), Azure NSG and GCP (az / gcloud rule create at a",
        "free priority, and JSON rules), Windows (New-NetFirewallRule), Kubernetes (new NetworkPolicies).",
        "",
        "Fails closed: a flow whose verdict rests on a construct the model does not read, on a NAT rewrite or on a",
        "position that cannot be found safely is refused with the reason and the line, and the rest is still written.",
        "--tighten also proposes (never applies) narrowing over-broad lines and removing shadowed and redundant ones.",
        "",
        "Output: 'native' (default) prints the delta for the real tool, nothing when nothing is missing; -o DIR writes",
        "every format (native delta, change request as Markdown, CSV and XLSX, JSON for 'report --change').",
        "Exit: 0 nothing refused, 1 some flows refused, 2 usage, 3 invalid input."})
final class ChangeCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  enum OutFormat { nativ, markdown, csv, xlsx, json }

  @Mixin RulesetOptions rs;

  @Option(names = "--tighten", description = "also propose narrowing excess lines and removing shadowed and redundant ones (never applied by default)")
  boolean tighten;

  @Option(names = "--format", defaultValue = "native", converter = FormatConverter.class,
      description = "native, markdown, csv, xlsx, json (default: ${DEFAULT-VALUE}); xlsx needs -o")
  OutFormat format;

  @Option(names = {"-o", "--output"}, paramLabel = "DIR", description = "write every format into this folder instead of printing one")
  Path output;

  @Mixin CatalogOptions catalogOptions;

  static final class FormatConverter implements picocli.CommandLine.ITypeConverter<OutFormat> {
    @Override
    public OutFormat convert(String value) {
      if (value.equalsIgnoreCase("native")) return OutFormat.nativ;
      for (OutFormat f : OutFormat.values()) if (f != OutFormat.nativ && f.name().equalsIgnoreCase(value)) return f;
      throw new picocli.CommandLine.TypeConversionException("expected native, markdown, csv, xlsx or json, got '" + value + "'");
    }
  }

  @Override
  public Integer call() {
    Optional<RulesetImporter.Format> fmt = rs.format();
    if (format == OutFormat.xlsx && output == null) throw new UsageException("--format xlsx writes a binary workbook: give -o DIR");
    String text = read(rs.ruleset);
    Inputs.Loaded loaded = Inputs.load(rs.deployment, rs.flows, catalogOptions.dirs);
    rs.localAddresses();
    Diagnostics d = new Diagnostics();
    Optional<Acl> acl = RulesetImporter.read(text, rs.ruleset.toString(), fmt, d);
    d.throwIfErrors();
    org.portolan.diag.Timing.mark("ruleset");
    if (!List.of("iptables", "nftables", "asa", "aws", "k8s", "gcp", "azure-nsg", "windows", "srx", "panos").contains(acl.get().format()))
      throw new InvalidInputException(SourcePosition.of(rs.ruleset.toString()), "change cannot write a delta for ruleset format " + acl.get().format() + " yet (it writes iptables, nftables, asa, aws-sg, srx, panos, azure-nsg, gcp, windows and k8s deltas); verify reads this ruleset");
    rs.checkPath(acl.get());
    VerifyOptions opt = rs.options(tighten);
    List<Diagnostic> notes = new ArrayList<>(d.warnings());
    SourcePosition at = loaded.deployment().map(dep -> dep.file() == null || dep.file().isBlank() ? SourcePosition.of("deployment") : SourcePosition.of(dep.file())).orElse(SourcePosition.of("deployment"));
    List<FirewallPlacement.PlacedFlow> placed = rs.place(loaded, notes, m -> new InvalidInputException(at, m), "need no change on it");
    ChangeResult r = Change.change(acl.get(), text, placed, opt, notes, tighten);
    org.portolan.diag.Timing.mark("change");
    if (output != null) writeAll(r);
    else {
      String shown = switch (format) {
        case nativ -> ChangeRequest.nativeScript(r);
        case markdown -> ChangeRequest.markdown(r);
        case csv -> ChangeRequest.csv(r);
        case json -> ChangeRequest.json(r);
        case xlsx -> throw new IllegalStateException("xlsx is written with -o only");
      };
      spec.commandLine().getOut().print(shown);
    }
    for (var x : r.refusals())
      spec.commandLine().getErr().println(x.line().file() + (x.line().line() > 0 ? ":" + x.line().line() : "") + ": refused " + x.flow() + ": " + x.reason());
    return r.refusals().isEmpty() ? ExitCode.OK : ExitCode.FINDINGS;
  }

  /** Every format into the output folder; files are complete or absent (written to a temporary name, then renamed). */
  private void writeAll(ChangeResult r) {
    Map<String, byte[]> files = new LinkedHashMap<>();
    String script = ChangeRequest.nativeScript(r);
    files.put(ChangeRequest.nativeFileName(r), script.getBytes(StandardCharsets.UTF_8));
    files.put("change.md", ChangeRequest.markdown(r).getBytes(StandardCharsets.UTF_8));
    files.put("change.csv", ChangeRequest.csv(r).getBytes(StandardCharsets.UTF_8));
    org.portolan.diag.Timing.mark("change text files");
    files.put("change.xlsx", ChangeRequest.xlsx(r));
    org.portolan.diag.Timing.mark("change.xlsx");
    files.put("change.json", ChangeRequest.json(r).getBytes(StandardCharsets.UTF_8));
    ChangeRequest.extraFiles(r).forEach((k, v) -> files.put(k, v.getBytes(StandardCharsets.UTF_8)));
    if (tighten) files.put("tighten." + ChangeRequest.nativeFileName(r).replaceFirst("^change\\.", ""), ChangeRequest.tightenScript(r).getBytes(StandardCharsets.UTF_8));
    for (var e : files.entrySet()) {
      Path p = output.resolve(e.getKey());
      org.portolan.output.OutputFile.write(p, e.getValue());
      spec.commandLine().getOut().println("wrote " + p);
    }
  }

  static String read(Path file) {
    if (!Files.exists(file)) throw new InvalidInputException(SourcePosition.of(file.toString()), "cannot read the ruleset: no such file");
    if (!Files.isRegularFile(file) || !Files.isReadable(file)) throw new InvalidInputException(SourcePosition.of(file.toString()), "cannot read the ruleset: not a readable file");
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (MalformedInputException e) {
      throw new InvalidInputException(SourcePosition.of(file.toString()), "cannot read the ruleset: not UTF-8 text (expected iptables-save, nft, ASA or AWS JSON output)");
    } catch (IOException e) {
      throw new InvalidInputException(SourcePosition.of(file.toString()), "cannot read the ruleset: " + e.getMessage());
    }
  }
}
