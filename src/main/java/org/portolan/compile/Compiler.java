package org.portolan.compile;

import inet.ipaddr.IPAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.portolan.deployment.Deployment;
import org.portolan.deployment.Firewall;
import org.portolan.deployment.Host;
import org.portolan.diag.Diagnostics;
import org.portolan.diag.SourcePosition;
import org.portolan.model.AddressBlocks;
import org.portolan.model.Protocol;
import org.portolan.output.OutputFile;
import org.portolan.plan.Endpoint;
import org.portolan.plan.Flow;
import org.portolan.plan.FlowPlan;

/**
 * The front door of the compile stage: flow plan ▸ placement on each firewall ▸ capability
 * check against the dialect ▸ minimisation ▸ {@link RuleSet}s, which a {@link Dialect}
 * renders. Fails closed: a flow the dialect cannot express is an error naming the flow (or,
 * with {@link CompileOptions#partial()}, is listed in the rule set's {@code refused} and left
 * out — never widened).
 */
public final class Compiler {
  private Compiler() {}

  /** A flow split into one source and one destination of matching IP versions. */
  private record Atom(Flow flow, Reasons why, Side src, Side dst, String srcZone, String dstZone, Optional<String> refusal) {}

  /** Places, checks and minimises; errors (refused flows, unknown firewall) go to {@code d}. */
  public static List<RuleSet> compile(FlowPlan plan, Optional<Deployment> deployment, Dialect dialect, CompileOptions options, Diagnostics d) {
    Capabilities caps = dialect.capabilities();
    List<String> globalNotes = new ArrayList<>();
    List<Flow> loopback = new ArrayList<>();
    List<Atom> atoms = new ArrayList<>();
    Map<Endpoint, List<Side>> sideCache = new java.util.IdentityHashMap<>();
    List<RuleSet.Refusal> unplaceable = new ArrayList<>();
    for (Flow f : plan.flows()) {
      if (f.loopback()) {
        loopback.add(f);
        continue;
      }
      Flow resolved = caps.fqdn() || !options.resolve() ? f : resolve(f, options.resolver(), globalNotes);
      List<Atom> flowAtoms = atomise(resolved, caps, sideCache);
      // Sources and destinations that share no IP version cannot flow: refuse everywhere rather than drop silently.
      if (flowAtoms.isEmpty()) unplaceable.add(new RuleSet.Refusal(f.name(), "its sources and destinations share no IP version (IPv4 to IPv6 cannot flow)"));
      atoms.addAll(flowAtoms);
    }

    List<Target> targets = targets(plan, deployment, options, d);
    List<RuleSet> out = new ArrayList<>();
    Map<String, List<String>> refusedIn = new LinkedHashMap<>();
    Map<String, String> refusedWhy = new LinkedHashMap<>();
    for (Target t : targets) {
      List<Rule> rules = new ArrayList<>();
      Map<String, RuleSet.Refusal> refused = new LinkedHashMap<>();
      LinkedHashSet<String> notes = new LinkedHashSet<>(globalNotes);
      for (Atom a : atoms) {
        for (Rule r : t.place(a, notes)) {
          if (a.refusal().isPresent()) refused.putIfAbsent(a.flow().name(), new RuleSet.Refusal(a.flow().name(), a.refusal().get()));
          else rules.add(r);
        }
      }
      for (RuleSet.Refusal r : unplaceable) refused.putIfAbsent(r.flow(), r);
      for (Flow f : loopback) {
        if (t.mentionsLoopback(f)) notes.add("flow " + f.name() + " (" + Reasons.of(f).refs() + ") stays on the host (loopback): no rule needed");
      }
      List<Rule> merged = Minimiser.minimise(rules);
      if (!caps.portLists()) merged = Minimiser.splitPortLists(merged);
      for (var r : refused.values()) {
        refusedIn.computeIfAbsent(r.flow(), k -> new ArrayList<>()).add(t.name);
        refusedWhy.putIfAbsent(r.flow(), r.reason());
      }
      out.add(new RuleSet(t.name, plan.site(), t.firewall, t.kind, merged, List.copyOf(notes), options.partial() ? List.copyOf(refused.values()) : List.of()));
    }
    if (!options.partial()) {
      for (var e : refusedIn.entrySet()) {
        d.error(position(plan, deployment, e.getKey()), "flow " + e.getKey() + " cannot be written as " + dialect.name()
            + " (rule set" + (e.getValue().size() > 1 ? "s " : " ") + String.join(", ", e.getValue()) + "): " + refusedWhy.get(e.getKey()));
      }
    }
    return out;
  }

  /** Compiles and renders every rule set of one dialect. */
  public static Map<RuleSet, List<Output>> render(FlowPlan plan, Optional<Deployment> deployment, Dialect dialect, CompileOptions options, Diagnostics d) {
    Map<RuleSet, List<Output>> out = new LinkedHashMap<>();
    List<RuleSet> sets = compile(plan, deployment, dialect, options, d);
    if (d.hasErrors()) return out;
    for (RuleSet rs : sets) out.put(rs, dialect.render(rs));
    return out;
  }

  /**
   * The demo's entry point: writes every dialect for every firewall into
   * {@code dir/<dialect>/…}. Fail-closed but never failing the demo: what a dialect cannot
   * express is left out of its rules and listed in {@code dir/<dialect>/REFUSED.txt} (and in
   * each affected file's header). Returns the written paths.
   */
  public static List<Path> writeAll(FlowPlan plan, Optional<Deployment> deployment, Path dir) {
    List<Path> written = new ArrayList<>();
    CompileOptions options = CompileOptions.defaults().withPartial(true);
    for (Dialect dialect : Dialects.all()) {
      Diagnostics d = new Diagnostics();
      Map<RuleSet, List<Output>> rendered = render(plan, deployment, dialect, options, d);
      Path sub = dir.resolve(dialect.name());
      StringBuilder refused = new StringBuilder();
      for (var e : rendered.entrySet()) {
        for (Output o : e.getValue()) written.add(write(sub, o));
        for (var r : e.getKey().refused()) refused.append(e.getKey().name()).append(": flow ").append(r.flow()).append(": ").append(r.reason()).append('\n');
      }
      for (var diag : d.all()) refused.append(diag.render()).append('\n');
      if (!refused.isEmpty()) {
        written.add(write(sub, Output.text("REFUSED.txt",
            "# Flows " + dialect.name() + " cannot express. They are NOT permitted by the files beside this one\n"
                + "# (fail closed); open them by other means or use a dialect that can express them.\n" + refused)));
      }
    }
    return written;
  }

  /** Writes one output into {@code dir} ({@link OutputFile}: atomically, only when changed, never through a link). */
  public static Path write(Path dir, Output o) {
    Path p = dir.resolve(o.fileName());
    OutputFile.write(p, o.content());
    return p;
  }

  // ---- resolution and capability check ----

  private static Flow resolve(Flow f, CompileOptions.Resolver resolver, List<String> notes) {
    if (f.sources().stream().noneMatch(Endpoint.Fqdn.class::isInstance) && f.destinations().stream().noneMatch(Endpoint.Fqdn.class::isInstance)) return f;
    return new Flow(f.name(), resolveAll(f.sources(), resolver, notes), resolveAll(f.destinations(), resolver, notes), f.protocol(), f.ports(), f.stateful(), f.loopback(), f.traces());
  }

  private static List<Endpoint> resolveAll(List<Endpoint> endpoints, CompileOptions.Resolver resolver, List<String> notes) {
    List<Endpoint> out = new ArrayList<>();
    for (Endpoint e : endpoints) {
      switch (e) {
        case Endpoint.Addresses a -> out.add(a);
        case Endpoint.Fqdn f -> {
          List<IPAddress> blocks = f.wildcard() ? List.of() : resolver.resolve(f.fqdn());
          if (blocks.isEmpty()) {
            out.add(f);
            continue;
          }
          out.add(new Endpoint.Addresses(f.fqdn(), f.zone(), blocks));
          String note = "--resolve: " + f.fqdn() + " resolved at compile time to " + blocks.stream().map(AddressBlocks::notation).collect(Collectors.joining(" "))
              + "; the rules do not follow later DNS changes, compile again when they happen";
          if (!notes.contains(note)) notes.add(note);
        }
      }
    }
    return out;
  }

  private static List<Atom> atomise(Flow f, Capabilities caps, Map<Endpoint, List<Side>> cache) {
    Optional<String> refusal = Optional.ofNullable(refusal(f, caps));
    Reasons why = Reasons.of(f);
    List<Atom> out = new ArrayList<>();
    for (Endpoint s : f.sources()) {
      for (Endpoint t : f.destinations()) {
        for (Side src : cache.computeIfAbsent(s, Compiler::sides)) {
          for (Side dst : cache.computeIfAbsent(t, Compiler::sides)) {
            boolean pairs = src.kind() == Side.Kind.FQDN || dst.kind() == Side.Kind.FQDN || src.kind() == dst.kind();
            if (pairs) out.add(new Atom(f, why, src, dst, s.zone(), t.zone(), refusal));
          }
        }
      }
    }
    return out;
  }

  private static List<Side> sides(Endpoint e) {
    return switch (e) {
      case Endpoint.Fqdn f -> List.of(Side.fqdn(f.fqdn(), f.name()));
      case Endpoint.Addresses a -> {
        List<IPAddress> v4 = a.blocks().stream().filter(IPAddress::isIPv4).toList();
        List<IPAddress> v6 = a.blocks().stream().filter(IPAddress::isIPv6).toList();
        List<Side> s = new ArrayList<>();
        if (!v4.isEmpty()) s.add(Side.of(v4, a.name()));
        if (!v6.isEmpty()) s.add(Side.of(v6, a.name()));
        yield s;
      }
    };
  }

  /** Why the dialect cannot express this flow, or null when it can. */
  private static String refusal(Flow f, Capabilities caps) {
    List<Endpoint> all = new ArrayList<>(f.sources());
    all.addAll(f.destinations());
    for (Endpoint e : all) {
      if (e instanceof Endpoint.Fqdn q) {
        if (!caps.fqdn()) return "the dialect has no FQDN objects and " + q.fqdn() + (q.wildcard() ? " is a wildcard that cannot be resolved" : " was not resolved (use --resolve to resolve it at compile time)");
        if (q.wildcard() && !caps.wildcardFqdn()) return "the dialect has no wildcard FQDN objects (" + q.fqdn() + ")";
      }
      if (e instanceof Endpoint.Addresses a && !caps.ipv6() && a.blocks().stream().anyMatch(IPAddress::isIPv6)) return "the dialect cannot express IPv6 addresses (" + a.name() + ")";
    }
    if (f.stateful() && !caps.stateful())
      return "the dialect is stateless: permitting the replies would take a rule from any source port, which is wider than the flow";
    return switch (f.protocol()) {
      case Protocol.Tcp t -> null;
      case Protocol.Udp u -> null;
      case Protocol.Icmp i -> {
        if (!caps.icmp()) yield "the dialect cannot match ICMP";
        if (i.type().isPresent() && !caps.icmpTypes()) yield "the dialect cannot match a single ICMP type (" + i.typeNotation() + ") and permitting all ICMP would be wider";
        yield null;
      }
      case Protocol.Ip ip -> caps.otherProtocol(ip.number()) ? null : "the dialect cannot match IP protocol " + ip.number();
    };
  }

  private static SourcePosition position(FlowPlan plan, Optional<Deployment> deployment, String flowName) {
    for (Flow f : plan.flows()) {
      if (!f.name().equals(flowName)) continue;
      var p = f.traces().getFirst().provenance();
      if (!p.document().isBlank()) return new SourcePosition(p.document(), p.line(), 0);
    }
    String file = deployment.map(Deployment::file).filter(s -> s != null && !s.isBlank()).orElse(plan.site().isBlank() ? "plan" : plan.site());
    return SourcePosition.of(file);
  }

  // ---- placement ----

  /** One rule set to fill: a standalone set, a network firewall, or one host of a host firewall. */
  private static final class Target {
    final String name;
    final String firewall;
    final RuleSet.Kind kind;
    final Firewall fw;
    final Host host;
    final boolean outbound;

    Target(String name, String firewall, RuleSet.Kind kind, Firewall fw, Host host, boolean outbound) {
      this.name = name;
      this.firewall = firewall;
      this.kind = kind;
      this.fw = fw;
      this.host = host;
      this.outbound = outbound;
    }

    List<Rule> place(Atom a, java.util.Set<String> notes) {
      Reasons why = a.why();
      return switch (kind) {
        case STANDALONE -> List.of(new Rule(Placement.ANYWHERE, a.src(), a.dst(), a.flow().protocol(), a.flow().ports(), a.flow().stateful(), why));
        case NETWORK -> {
          if (a.srcZone().isBlank() || a.dstZone().isBlank()) {
            notes.add("flow " + a.flow().name() + " has an endpoint without a zone; firewall " + firewall + " cannot tell whether it crosses it, so it has no rule here");
            yield List.of();
          }
          var in = fw.interfaceFor(a.srcZone());
          var outIf = fw.interfaceFor(a.dstZone());
          if (in.isEmpty() || outIf.isEmpty() || in.get().name().equals(outIf.get().name())) yield List.of();
          yield List.of(new Rule(new Placement.Through(in.get().name(), outIf.get().name()), a.src(), a.dst(), a.flow().protocol(), a.flow().ports(), a.flow().stateful(), why));
        }
        case HOST -> {
          List<Rule> rules = new ArrayList<>();
          List<IPAddress> toHost = intersect(a.dst(), host.addresses());
          if (!toHost.isEmpty()) rules.add(new Rule(Placement.INBOUND, a.src(), Side.of(toHost, host.name()), a.flow().protocol(), a.flow().ports(), a.flow().stateful(), why));
          List<IPAddress> fromHost = outbound ? intersect(a.src(), host.addresses()) : List.of();
          if (!fromHost.isEmpty()) rules.add(new Rule(Placement.OUTBOUND, Side.of(fromHost, host.name()), a.dst(), a.flow().protocol(), a.flow().ports(), a.flow().stateful(), why));
          yield rules;
        }
      };
    }

    boolean mentionsLoopback(Flow f) {
      return switch (kind) {
        case STANDALONE -> true;
        case NETWORK -> false;
        case HOST -> f.destinations().stream().flatMap(e -> sides(e).stream()).anyMatch(s -> !intersect(s, host.addresses()).isEmpty());
      };
    }
  }

  /** The part of a side's blocks inside the host's addresses (prefix blocks nest or are disjoint). */
  static List<IPAddress> intersect(Side side, List<IPAddress> hostAddresses) {
    List<IPAddress> out = new ArrayList<>();
    if (side.kind() == Side.Kind.FQDN) return out;
    for (IPAddress h : hostAddresses) {
      IPAddress hb = h.toPrefixBlock(h.getNetworkPrefixLength() == null ? h.getBitCount() : h.getNetworkPrefixLength());
      for (IPAddress b : side.blocks()) {
        if (b.getIPVersion() != hb.getIPVersion()) continue;
        if (b.contains(hb)) out.add(hb);
        else if (hb.contains(b)) out.add(b);
      }
    }
    return out;
  }

  private static List<Target> targets(FlowPlan plan, Optional<Deployment> deployment, CompileOptions options, Diagnostics d) {
    List<Target> out = new ArrayList<>();
    if (deployment.isEmpty() || deployment.get().firewalls().isEmpty()) {
      if (options.firewall().isPresent()) {
        d.error(SourcePosition.of(deployment.map(Deployment::file).filter(s -> s != null && !s.isBlank()).orElse("plan")), "--firewall " + options.firewall().get() + ": no firewalls are known here (a flows file, or a deployment without firewalls)");
        return out;
      }
      String name = plan.site().isBlank() ? "flows" : slug(plan.site());
      out.add(new Target(name, "", RuleSet.Kind.STANDALONE, null, null, false));
      return out;
    }
    Deployment dep = deployment.get();
    List<Firewall> fws = dep.firewalls().stream().filter(f -> options.firewall().map(f.name()::equals).orElse(true)).toList();
    if (fws.isEmpty()) {
      d.error(SourcePosition.of(dep.file() == null || dep.file().isBlank() ? "deployment" : dep.file()), "--firewall " + options.firewall().orElse("")
          + ": the deployment has no such firewall; it has " + dep.firewalls().stream().map(Firewall::name).collect(Collectors.joining(", ")));
    }
    for (Firewall fw : fws) {
      for (Firewall.Interface i : fw.interfaces()) {
        // Interface names go unquoted into iptables, ASA, SRX and PAN-OS commands.
        if (!i.name().matches("[A-Za-z0-9][A-Za-z0-9_.:@-]{0,62}"))
          d.error(fw.position() == null ? SourcePosition.of("deployment") : fw.position(), "firewall " + fw.name() + ": interface name '" + i.name()
              + "' cannot be written into firewall rules; expected letters, digits and . _ : @ - (at most 63)");
      }
      switch (fw.kind()) {
        case NETWORK -> out.add(new Target(slug(fw.name()), fw.name(), RuleSet.Kind.NETWORK, fw, null, false));
        case HOST -> {
          List<Host> hosts = fw.hosts().isEmpty() ? dep.hosts() : fw.hosts().stream().map(dep::host).flatMap(Optional::stream).toList();
          for (Host h : hosts) out.add(new Target(slug(fw.name() + "-" + h.name()), fw.name(), RuleSet.Kind.HOST, fw, h, options.outbound()));
        }
      }
    }
    return out;
  }

  /** A name safe for files and most firewall object names: letters, digits, '-', '_', '.'. */
  public static String slug(String s) {
    String t = s.trim().replaceAll("[^A-Za-z0-9_.-]+", "-").replaceAll("^-+|-+$", "");
    return t.isEmpty() ? "x" : t;
  }
}
