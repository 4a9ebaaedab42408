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
import org.portolan.diag.Diagnostics;
import org.portolan.diag.SourcePosition;
import org.portolan.model.AddressBlocks;
import org.portolan.model.Protocol;
import org.portolan.output.OutputFile;
import org.portolan.plan.Endpoint;
import org.portolan.plan.Flow;
import org.portolan.plan.FirewallPlacement;
import org.portolan.plan.FlowPlan;
import org.portolan.plan.Trace;

/**
 * The front door of the compile stage: flow plan ▸ placement on each firewall ▸ capability
 * check against the dialect ▸ minimisation ▸ {@link RuleSet}s, which a {@link Dialect}
 * renders. Fails closed: a flow the dialect cannot express is an error naming the flow (or,
 * with {@link CompileOptions#partial()}, is listed in the rule set's {@code refused} and left
 * out — never widened).
 */
public final class Compiler {
  private Compiler() {}

  /** Places, checks and minimises; errors (refused flows, unknown firewall) go to {@code d}. */
  public static List<RuleSet> compile(FlowPlan plan, Optional<Deployment> deployment, Dialect dialect, CompileOptions options, Diagnostics d) {
    Capabilities caps = dialect.capabilities();
    List<String> globalNotes = new ArrayList<>();
    List<Flow> resolvedFlows = new ArrayList<>();
    Map<Endpoint, List<Side>> sideCache = new java.util.IdentityHashMap<>();
    Map<Flow, Optional<String>> refusals = new java.util.IdentityHashMap<>();
    List<RuleSet.Refusal> unplaceable = new ArrayList<>();
    for (Flow f : plan.flows()) {
      if (f.loopback()) {
        resolvedFlows.add(f);
        continue;
      }
      Flow resolved = caps.fqdn() || !options.resolve() ? f : resolve(f, options.resolver(), globalNotes);
      resolvedFlows.add(resolved);
      refusals.put(resolved, Optional.ofNullable(refusal(resolved, caps)));
      // Sources and destinations that share no IP version cannot flow: refuse everywhere rather than drop silently.
      if (atomise(resolved, resolved, Placement.ANYWHERE, Optional.empty(), sideCache).isEmpty())
        unplaceable.add(new RuleSet.Refusal(f.name(), "its sources and destinations share no IP version (IPv4 to IPv6 cannot flow)"));
    }
    FlowPlan resolvedPlan = new FlowPlan(plan.site(), resolvedFlows, plan.notes());

    checkInterfaceNames(deployment, options, d);
    List<FirewallPlacement.Target> targets = FirewallPlacement.place(resolvedPlan, deployment,
        new FirewallPlacement.Options(options.firewall(), options.outbound(), List.of()), d);
    List<RuleSet> out = new ArrayList<>();
    Map<String, List<String>> refusedIn = new LinkedHashMap<>();
    Map<String, String> refusedWhy = new LinkedHashMap<>();
    for (FirewallPlacement.Target t : targets) {
      String name = Names.slug(t.name());
      List<Rule> rules = new ArrayList<>();
      Map<String, RuleSet.Refusal> refused = new LinkedHashMap<>();
      LinkedHashSet<String> notes = new LinkedHashSet<>(globalNotes);
      notes.addAll(t.notes());
      for (FirewallPlacement.PlacedFlow p : t.flows()) {
        Flow f = p.planFlow();
        Placement where = switch (p.crossing()) {
          case FirewallPlacement.Crossing.Through through -> new Placement.Through(through.in(), through.out());
          case FirewallPlacement.Crossing.Inbound in -> Placement.INBOUND;
          case FirewallPlacement.Crossing.Outbound o -> Placement.OUTBOUND;
          case FirewallPlacement.Crossing.Unknown u -> Placement.ANYWHERE;
          case FirewallPlacement.Crossing.Loopback l -> null;
        };
        if (where == null) {
          notes.add("flow " + f.name() + " (" + Reasons.of(f).refs() + ") stays on the host (loopback): no rule needed");
          continue;
        }
        Optional<String> refusal = refusals.get(f);
        for (Rule r : atomise(p.flow(), f, where, refusal, sideCache)) {
          if (refusal.isPresent()) refused.putIfAbsent(f.name(), new RuleSet.Refusal(f.name(), refusal.get()));
          else rules.add(r);
        }
      }
      for (RuleSet.Refusal r : unplaceable) refused.putIfAbsent(r.flow(), r);
      if (t.host().isPresent()) management(t.host().get(), options, rules, notes);
      List<Rule> merged = Minimiser.minimise(rules);
      if (!caps.portLists()) merged = Minimiser.splitPortLists(merged);
      for (var r : refused.values()) {
        refusedIn.computeIfAbsent(r.flow(), k -> new ArrayList<>()).add(name);
        refusedWhy.putIfAbsent(r.flow(), r.reason());
      }
      RuleSet.Kind kind = switch (t.kind()) {
        case STANDALONE -> RuleSet.Kind.STANDALONE;
        case NETWORK -> RuleSet.Kind.NETWORK;
        case HOST -> RuleSet.Kind.HOST;
      };
      out.add(new RuleSet(name, plan.site(), t.firewallName(), kind, merged, List.copyOf(notes), options.partial() ? List.copyOf(refused.values()) : List.of()));
    }
    if (!options.partial()) {
      for (var e : refusedIn.entrySet()) {
        d.error(position(plan, deployment, e.getKey()), "flow " + e.getKey() + " cannot be written as " + dialect.name()
            + " (rule set" + (e.getValue().size() > 1 ? "s " : " ") + String.join(", ", e.getValue()) + "): " + refusedWhy.get(e.getKey()));
      }
    }
    return out;
  }

  /** Interface names go unquoted into iptables, ASA, SRX and PAN-OS commands. */
  private static void checkInterfaceNames(Optional<Deployment> deployment, CompileOptions options, Diagnostics d) {
    if (deployment.isEmpty()) return;
    for (Firewall fw : deployment.get().firewalls()) {
      if (options.firewall().isPresent() && !options.firewall().get().equals(fw.name())) continue;
      for (Firewall.Interface i : fw.interfaces()) {
        if (!i.name().matches("[A-Za-z0-9][A-Za-z0-9_.:@-]{0,62}"))
          d.error(fw.position() == null ? SourcePosition.of("deployment") : fw.position(), "firewall " + fw.name() + ": interface name '" + i.name()
              + "' cannot be written into firewall rules; expected letters, digits and . _ : @ - (at most 63)");
      }
    }
  }

  /** Compiles and renders every rule set of one dialect. */
  public static Map<RuleSet, List<Output>> render(FlowPlan plan, Optional<Deployment> deployment, Dialect dialect, CompileOptions options, Diagnostics d) {
    Map<RuleSet, List<Output>> out = new LinkedHashMap<>();
    List<RuleSet> sets = compile(plan, deployment, dialect, options, d);
    if (d.hasErrors()) return out;
    for (RuleSet rs : sets) out.put(rs, dialect.render(rs));
    return out;
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

  /**
   * The rules of one placed piece: each source and destination side of matching IP version.
   * {@code planFlow} names the rules' reasons; {@code piece} holds the endpoints that cross here.
   */
  /**
   * A host firewall drops what no flow needs, SSH from its administrators included: with
   * {@code --manage} it also accepts tcp/22 from the management stations to the host's own
   * addresses; without, its notes say so.
   */
  private static void management(org.portolan.deployment.Host host, CompileOptions options, List<Rule> rules, java.util.Set<String> notes) {
    if (options.manage().isEmpty()) {
      notes.add("management access: no --manage given, so SSH and other administration of host " + host.name()
          + " is dropped unless a required flow allows it; compile with --manage ADDR|CIDR to keep SSH (tcp/" + CompileOptions.MANAGE_PORT + ") from your management stations");
      return;
    }
    Reasons why = new Reasons(List.of("portolan/manage"), List.of("portolan/manage"), List.of("management access (compile --manage)"), List.of());
    int added = 0;
    for (boolean v4 : List.of(true, false)) {
      List<IPAddress> src = options.manage().stream().filter(a -> a.isIPv4() == v4).toList();
      List<IPAddress> dst = host.addresses().stream().filter(a -> a.isIPv4() == v4).toList();
      if (src.isEmpty() || dst.isEmpty()) continue;
      rules.add(new Rule(Placement.INBOUND, Side.of(src, "management stations"), Side.of(dst, host.name()),
          new org.portolan.model.Protocol.Tcp(), org.portolan.model.PortSet.of(CompileOptions.MANAGE_PORT), true, why));
      added++;
    }
    notes.add(added > 0
        ? "management access: SSH (tcp/" + CompileOptions.MANAGE_PORT + ") from the --manage stations to " + host.name() + " is accepted (rule portolan/manage)"
        : "management access: no --manage station shares an IP version with host " + host.name() + ": no management rule written");
  }

  private static List<Rule> atomise(Flow piece, Flow planFlow, Placement where, Optional<String> refusal, Map<Endpoint, List<Side>> cache) {
    Reasons why = Reasons.of(planFlow);
    List<Rule> out = new ArrayList<>();
    for (Endpoint s : piece.sources()) {
      for (Endpoint t : piece.destinations()) {
        for (Side src : cache.computeIfAbsent(s, Compiler::sides)) {
          for (Side dst : cache.computeIfAbsent(t, Compiler::sides)) {
            boolean pairs = src.kind() == Side.Kind.FQDN || dst.kind() == Side.Kind.FQDN || src.kind() == dst.kind();
            if (pairs) out.add(new Rule(where, src, dst, planFlow.protocol(), planFlow.ports(), planFlow.stateful(), why));
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

  /**
   * What firewall teams do with a name the dialect cannot hold, said where the user can act:
   * the external role, and the three ways out.
   */
  private static final List<String> CHANGE_REQUESTS = List.of("csv", "xlsx", "markdown");

  private static String fqdnChoices(Flow f, Endpoint.Fqdn q) {
    Trace t = f.traces().getFirst();
    String role = t.responderRole().isBlank() ? q.fqdn() : t.responderRole();
    String withFqdn = Dialects.all().stream().filter(x -> x.capabilities().fqdn() && !CHANGE_REQUESTS.contains(x.name())).map(Dialect::name).collect(Collectors.joining(", "));
    boolean deployed = !t.responderRole().isBlank() && !t.product().isBlank();
    return "the dialect has no FQDN objects and the flow goes to " + q.fqdn() + (deployed ? " (role '" + role + "')" : "") + "; "
        + (deployed ? "send it through your explicit proxy (deployment: via: {" + role + ": \"PROXY-HOST:PORT\"}), " : "")
        + (q.wildcard() ? "name single hosts of the domain (a wildcard cannot be resolved)" : "resolve it now with --resolve (recompile when its addresses change)")
        + ", or compile to a dialect with FQDN objects (" + withFqdn + ")";
  }

  /** Why the dialect cannot express this flow, or null when it can. */
  private static String refusal(Flow f, Capabilities caps) {
    List<Endpoint> all = new ArrayList<>(f.sources());
    all.addAll(f.destinations());
    for (Endpoint e : all) {
      if (e instanceof Endpoint.Fqdn q) {
        if (!caps.fqdn()) return fqdnChoices(f, q);
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
      Trace t = f.traces().getFirst();
      // a flow to a name is settled in the deployment (where the role is mapped), not in the catalog
      if (deployment.isPresent() && f.destinations().stream().anyMatch(e -> e instanceof Endpoint.Fqdn))
        for (var pi : deployment.get().products())
          if (pi.product().equals(t.product()) && pi.instance().equals(t.instance()) && pi.position() != null) return pi.position();
      var p = t.provenance();
      if (!p.document().isBlank()) return new SourcePosition(p.document(), p.line(), 0);
    }
    String file = deployment.map(Deployment::file).filter(s -> s != null && !s.isBlank()).orElse(plan.site().isBlank() ? "plan" : plan.site());
    return SourcePosition.of(file);
  }
}
