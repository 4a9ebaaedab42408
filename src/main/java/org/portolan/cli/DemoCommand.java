package org.portolan.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.util.Optional;
import org.portolan.compile.CompileOptions;
import org.portolan.compile.Compiler;
import org.portolan.compile.Dialect;
import org.portolan.compile.Output;
import org.portolan.compile.RuleSet;
import java.util.Map;
import org.portolan.compile.Dialects;
import org.portolan.deployment.Firewall;
import org.portolan.deployment.Host;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.portolan.catalog.Catalog;
import org.portolan.catalog.CatalogLoader;
import org.portolan.deployment.Deployment;
import org.portolan.deployment.DeploymentLoader;
import org.portolan.diag.Diagnostics;
import org.portolan.diag.ExitCode;
import org.portolan.model.Product;
import org.portolan.plan.FlowPlan;
import org.portolan.plan.PlanWriter;
import org.portolan.plan.Planner;
import org.portolan.render.PortTableDocument;
import org.portolan.render.PortTables;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "demo", mixinStandardHelpOptions = true,
    description = {"Run the main job on the bundled example site (all five seed products in one site)",
        "and write every result into a folder: the flow plan, port tables per product and for the site,",
        "firewall rules in every dialect, verification, the change to the core firewall's existing ruleset, capture diagnosis,",
        "flow logs observed and the HTML report."})
final class DemoCommand implements Callable<Integer> {
  static final String SITE = "examples/site.yaml";

  @Option(names = {"-o", "--output"}, paramLabel = "DIR", defaultValue = "portolan-demo",
      description = "Folder to write into (default: ${DEFAULT-VALUE}); files whose content is unchanged are left alone.")
  Path dir;

  /** The launcher's AOT training run: everything but the loopback rehearsal, which would bind the ports a user's own demo is using. */
  @Option(names = "--no-rehearsal", hidden = true)
  boolean noRehearsal;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    Diagnostics d = new Diagnostics();
    Catalog catalog = CatalogLoader.bundled();
    Deployment site = DeploymentLoader.parse(bundled(SITE), "bundled:" + SITE, catalog, d);
    d.throwIfErrors();
    FlowPlan plan = Planner.plan(catalog, site, d);
    d.throwIfErrors();

    List<Path> written = new ArrayList<>();
    for (String sub : List.of("verify", "capture", "observe", "diagram")) {
      try {
        java.nio.file.Files.createDirectories(dir.resolve(sub));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot create " + dir.resolve(sub) + ": " + e.getMessage(), e);
      }
    }
    Path siteFile = write("site.yaml", bundled(SITE));
    written.add(siteFile);
    written.add(write("plan/flows.csv", PlanWriter.csv(plan)));
    written.add(write("plan/plan.json", PlanWriter.json(plan)));
    written.add(write("plan/plan.txt", PlanWriter.table(plan)));
    written.add(write("ports/site.md", PortTableDocument.markdown(plan, site, catalog)));
    for (Product p : catalog.products()) written.add(write("ports/" + p.id() + ".md", PortTables.markdown(p)));

    // compile: every dialect for every firewall of the site
    List<Path> rules = compileEveryDialect(plan, Optional.of(site), dir.resolve("rules"));
    written.addAll(rules);

    // verify: the compiled iptables rules of the first network firewall, read back and checked
    Optional<Firewall> core = site.firewalls().stream().filter(f -> f.kind() == Firewall.Kind.NETWORK).findFirst();
    Optional<Path> verifyJson = Optional.empty();
    if (core.isPresent()) {
      Path ruleset = rules.stream().filter(r -> r.startsWith(dir.resolve("rules/iptables")) && r.getFileName().toString().startsWith(core.get().name()))
          .findFirst().orElseThrow(() -> new IllegalStateException("compile wrote no iptables rules for " + core.get().name()));
      Path json = dir.resolve("verify/" + core.get().name() + ".json");
      Path table = dir.resolve("verify/" + core.get().name() + ".txt");
      step(out, "verify", "--ruleset", ruleset.toString(), siteFile.toString(), "--firewall", core.get().name(), "--format", "json", "-o", json.toString());
      step(out, "verify", "--ruleset", ruleset.toString(), siteFile.toString(), "--firewall", core.get().name(), "-o", table.toString());
      written.add(json);
      written.add(table);
      verifyJson = Optional.of(json);
    }

    // change: the brownfield core firewall as it runs today, and the smallest change that makes the site work on it
    Optional<Path> changeJson = Optional.empty();
    if (core.isPresent() && core.get().name().equals(BROWNFIELD_FIREWALL)) {
      Path existing = write("change/" + BROWNFIELD_FIREWALL + ".nft", bundled(BROWNFIELD));
      written.add(existing);
      step(out, "change", "--ruleset", existing.toString(), siteFile.toString(), "--firewall", BROWNFIELD_FIREWALL, "--tighten", "-o", dir.resolve("change").toString());
      for (String f : List.of("change.nft", "change.md", "change.csv", "change.xlsx", "change.json", "tighten.nft")) written.add(dir.resolve("change/" + f));
      changeJson = Optional.of(dir.resolve("change/change.json"));
    }

    // capture: a real trace of the ConfigMgr primary site talking to a root DC, diagnosed against the site's plan
    List<Path> capture = DemoRuns.capture(dir.resolve("capture"));
    written.addAll(capture);
    Path trace = capture.getFirst();
    Path captureJson = write("capture/site-capture.json", step(out, "capture", trace.toString(), siteFile.toString(), "--format", "json"));
    written.add(captureJson);

    // observe: a small VPC flow-log sample of the site against its requirements
    Path vpc = write("observe/site-vpc-flows.log", org.portolan.observe.ObserveDemo.vpcSample(plan, 24));
    written.add(vpc);
    Path observeJson = dir.resolve("observe/observe.json"), observeTxt = dir.resolve("observe/observe.txt"),
        draft = dir.resolve("observe/draft-catalog.yaml");
    step(out, "observe", vpc.toString(), siteFile.toString(), "--format", "json", "-o", observeJson.toString());
    step(out, "observe", vpc.toString(), siteFile.toString(), "-o", observeTxt.toString(), "--draft", draft.toString());
    written.addAll(List.of(observeJson, observeTxt, draft));

    // probe: a go-live rehearsal on loopback of what the ConfigMgr primary site server initiates
    Optional<Path> probeJson = Optional.empty();
    Optional<Host> pss = site.host(REHEARSAL_HOST);
    if (pss.isPresent() && !noRehearsal) {
      List<InetAddress> addresses = pss.get().addresses().stream().map(a -> a.withoutPrefixLength().toInetAddress()).toList();
      List<Path> probe = DemoRuns.probeRehearsal(plan, addresses, REHEARSAL_HOST, dir);
      written.addAll(probe);
      probeJson = probe.stream().filter(p -> p.toString().endsWith(".json")).findFirst();
    }

    // render: diagrams and the report a change board gets
    for (String format : List.of("dot", "mermaid", "svg")) {
      Path f = dir.resolve("diagram/site." + (format.equals("mermaid") ? "mmd" : format));
      if (format.equals("svg") && !onPath("dot")) continue;
      step(out, "diagram", siteFile.toString(), "--format", format, "-o", f.toString());
      written.add(f);
    }
    List<String> report = new ArrayList<>(List.of("report", siteFile.toString(), "-o", dir.resolve("report.html").toString(),
        "--xlsx", dir.resolve("report.xlsx").toString(), "--rules", dir.resolve("rules/iptables").toString(),
        "--capture", captureJson.toString(), "--observe", observeJson.toString()));
    verifyJson.ifPresent(v -> report.addAll(List.of("--verify", v.toString())));
    probeJson.ifPresent(p -> report.addAll(List.of("--probe", p.toString())));
    changeJson.ifPresent(c -> report.addAll(List.of("--change", c.toString())));
    step(out, report.toArray(String[]::new));
    written.add(dir.resolve("report.html"));
    written.add(dir.resolve("report.xlsx"));

    out.println("Portolan demo: " + site.site());
    out.println("  " + site.products().size() + " product instances, " + site.hosts().size() + " hosts, "
        + site.groups().size() + " groups, " + site.firewalls().size() + " firewalls");
    out.println("  " + plan.flows().size() + " concrete flows resolved from the catalog");
    out.println("  rules for " + site.firewalls().size() + " firewalls in " + Dialects.names().size() + " dialects");
    out.println("Wrote " + written.size() + " files under " + dir.toAbsolutePath().normalize() + "; start with:");
    out.println("  " + dir.resolve("report.html") + "   the report for the change board");
    out.println("  " + dir.resolve("plan/plan.txt") + "   every flow and the requirement it serves");
    out.println("  " + dir.resolve("rules") + "/   firewall rules, one folder per dialect");
    out.println("  " + dir.resolve("capture/capture.txt") + "   a failing trace, diagnosed");
    if (changeJson.isPresent()) out.println("  " + dir.resolve("change/change.nft") + "   the lines to add to the core firewall as it runs today (change/change.md: the change request)");
    out.println("  " + dir.resolve("observe/observe.txt") + "   flow logs against the requirements");
    return ExitCode.OK;
  }

  /**
   * Compile for the demo: writes every dialect for every firewall into
   * {@code dir/<dialect>/…}. Fail-closed but never failing the demo: what a dialect cannot
   * express is left out of its rules and listed in {@code dir/<dialect>/REFUSED.txt} (and in
   * each affected file's header). Returns the written paths.
   */
  static List<Path> compileEveryDialect(FlowPlan plan, Optional<Deployment> deployment, Path dir) {
    List<Path> written = new ArrayList<>();
    CompileOptions options = CompileOptions.defaults().withPartial(true);
    for (Dialect dialect : Dialects.all()) {
      Diagnostics d = new Diagnostics();
      Map<RuleSet, List<Output>> rendered = Compiler.render(plan, deployment, dialect, options, d);
      Path sub = dir.resolve(dialect.name());
      StringBuilder refused = new StringBuilder();
      for (var e : rendered.entrySet()) {
        for (Output o : e.getValue()) written.add(Compiler.write(sub, o));
        for (var r : e.getKey().refused()) refused.append(e.getKey().name()).append(": flow ").append(r.flow()).append(": ").append(r.reason()).append('\n');
      }
      for (var diag : d.all()) refused.append(diag.render()).append('\n');
      if (!refused.isEmpty()) {
        written.add(Compiler.write(sub, Output.text("REFUSED.txt",
            "# Flows " + dialect.name() + " cannot express. They are NOT permitted by the files beside this one\n"
                + "# (fail closed); open them by other means or use a dialect that can express them.\n" + refused)));
      }
    }
    return written;
  }

  static final String REHEARSAL_HOST = "cm-pss";
  /** The demo's existing ruleset: the core firewall as it runs today (some flows open, many missing, one over-broad line). */
  static final String BROWNFIELD = "demo/core-fw.nft", BROWNFIELD_FIREWALL = "core-fw";

  /** Runs one CLI step of the demo; a step that does not succeed stops the demo with its messages. */
  private String step(PrintWriter out, String... args) {
    StringWriter o = new StringWriter();
    StringWriter e = new StringWriter();
    int code = Main.run(new PrintWriter(o), new PrintWriter(e), args);
    if (code != ExitCode.OK && code != ExitCode.FINDINGS)
      throw new IllegalStateException("demo step 'portolan " + String.join(" ", args) + "' failed with exit " + code + ":\n" + e + o);
    return o.toString();
  }

  private static boolean onPath(String tool) {
    for (String d : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator))
      if (java.nio.file.Files.isExecutable(Path.of(d, tool))) return true;
    return false;
  }

  private Path write(String relative, String text) {
    Path p = dir.resolve(relative);
    Outputs.writeFile(p, text);
    return p;
  }

  static String bundled(String resource) {
    try (InputStream in = DemoCommand.class.getResourceAsStream("/" + resource)) {
      if (in == null) throw new IllegalStateException(resource + " is missing from the jar");
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
