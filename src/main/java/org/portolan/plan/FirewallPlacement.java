package org.portolan.plan;

import inet.ipaddr.IPAddress;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.portolan.deployment.Deployment;
import org.portolan.deployment.Firewall;
import org.portolan.deployment.Host;
import org.portolan.diag.Diagnostics;
import org.portolan.diag.SourcePosition;

/**
 * Which firewall a flow of the plan crosses, and where: the one placement compile, verify and
 * change share.
 *
 * <ul>
 *   <li>A <b>network firewall</b> sees a flow between two of its interfaces: the flow's sources
 *       and destinations are grouped by the interface their zone is on, and each (entry, exit)
 *       pair of different interfaces is one {@link PlacedFlow} {@link Crossing.Through}.
 *   <li>A <b>host firewall</b> is placed once per host it protects: the part of a flow that
 *       arrives at the host's addresses is {@link Crossing.Inbound} (INPUT), the part it sends
 *       {@link Crossing.Outbound} (OUTPUT, when {@link Options#outbound()}).
 *   <li>With <b>no firewall known</b> (a flows file, or a deployment without firewalls) there is
 *       one standalone target holding every flow whole: {@link Crossing.Inbound} when all its
 *       destinations are among {@link Options#local()} (the firewall host's own addresses,
 *       {@code --local}), {@link Crossing.Outbound} when all its sources are, else
 *       {@link Crossing.Unknown} (input and forwarding both possible).
 * </ul>
 *
 * A flow split into pieces keeps a reference to its plan flow ({@link PlacedFlow#planFlow()}),
 * so every result about a piece is folded back onto the flow of the plan.
 */
public final class FirewallPlacement {
  private FirewallPlacement() {}

  /**
   * How to place.
   *
   * @param firewall only this firewall of the deployment (empty: every firewall), or one host of a
   *     host firewall by its target name "firewall-host" (the name of its compiled rule set)
   * @param outbound host firewalls also see what their hosts initiate (OUTPUT); compile does this
   *     only with {@code --outbound}, verify and change always (the ruleset has an output chain)
   * @param local when no firewall is known: the firewall host's own addresses ({@code --local})
   */
  public record Options(Optional<String> firewall, boolean outbound, List<IPAddress> local) {
    public static final Options ALL = new Options(Optional.empty(), false, List.of());

    public Options {
      firewall = firewall == null ? Optional.empty() : firewall;
      local = List.copyOf(local);
    }

    public Options withFirewall(String name) {
      return new Options(Optional.of(name), outbound, local);
    }

    public Options withOutbound(boolean o) {
      return new Options(firewall, o, local);
    }

    public Options withLocal(List<IPAddress> addresses) {
      return new Options(firewall, outbound, addresses);
    }
  }

  /** Where a placed flow meets its firewall. */
  public sealed interface Crossing {
    /** Network firewall: enters at interface {@code in}, leaves at {@code out} (forwarded). */
    record Through(String in, String out) implements Crossing {
      public Through {
        if (in.isBlank() || out.isBlank() || in.equals(out)) throw new IllegalArgumentException("a path through a firewall needs two different interfaces");
      }
    }

    /** To the firewall's own host (INPUT). */
    record Inbound() implements Crossing {}

    /** From the firewall's own host (OUTPUT). */
    record Outbound() implements Crossing {}

    /** Not known (a flows file): the flow may arrive at the host or be forwarded. */
    record Unknown() implements Crossing {}

    /** The flow stays on the host (loopback); no firewall rule decides it. */
    record Loopback() implements Crossing {}

    Inbound INBOUND = new Inbound();
    Outbound OUTBOUND = new Outbound();
    Unknown UNKNOWN = new Unknown();
    Loopback LOOPBACK = new Loopback();

    /** "eth2>eth1", "in", "out", "" (unknown), "loopback". */
    default String notation() {
      return switch (this) {
        case Through t -> t.in() + ">" + t.out();
        case Inbound i -> "in";
        case Outbound o -> "out";
        case Unknown u -> "";
        case Loopback l -> "loopback";
      };
    }
  }

  /**
   * The part of a plan flow that crosses one firewall at one place. {@code flow} holds only the
   * endpoints that cross here (for a host firewall: the host's own addresses) and is named
   * after its plan flow, with the place in brackets when the plan flow has several pieces on
   * this firewall ("name [eth2>eth1]") — a label for people; programs use {@code planFlow}.
   * {@code where} says the place in words: "eth2>eth1", "zcm1 in", "zcm1 out", or "" when
   * nothing is known (standalone).
   */
  public record PlacedFlow(Flow flow, Flow planFlow, Crossing crossing, String where) {
    public PlacedFlow {
      if (flow == null || planFlow == null || crossing == null) throw new IllegalArgumentException("a placed flow needs its piece, its plan flow and its crossing");
      where = where == null ? "" : where;
    }
  }

  public enum Kind {
    /** No firewall known: one set for every flow. */
    STANDALONE,
    /** A network firewall between zones. */
    NETWORK,
    /** One host of a host firewall. */
    HOST
  }

  /**
   * One firewall to fill or check: a standalone target, a network firewall, or one host of a
   * host firewall. {@code name} is "firewall" or "firewall-host" (the site name, or "flows",
   * for a standalone target); {@code notes} say what could not be placed here and why.
   */
  public record Target(String name, Kind kind, Optional<Firewall> firewall, Optional<Host> host, List<PlacedFlow> flows, List<String> notes) {
    public Target {
      flows = List.copyOf(flows);
      notes = List.copyOf(notes);
      if ((kind == Kind.STANDALONE) != firewall.isEmpty() || (kind == Kind.HOST) != host.isPresent())
        throw new IllegalArgumentException("target " + name + ": a " + kind + " target has " + (firewall.isPresent() ? "a" : "no") + " firewall and " + (host.isPresent() ? "a" : "no") + " host");
    }

    /** The firewall's name as the deployment writes it ("" for a standalone target). */
    public String firewallName() {
      return firewall.map(Firewall::name).orElse("");
    }
  }

  /**
   * Places every flow of {@code plan}. Without a deployment, or with one that has no firewalls,
   * there is one standalone target; a {@link Options#firewall()} the deployment does not have is
   * an error in {@code d}.
   */
  public static List<Target> place(FlowPlan plan, Optional<Deployment> deployment, Options options, Diagnostics d) {
    List<Target> out = new ArrayList<>();
    if (deployment.isEmpty() || deployment.get().firewalls().isEmpty()) {
      if (options.firewall().isPresent()) {
        d.error(SourcePosition.of(deployment.map(Deployment::file).filter(s -> s != null && !s.isBlank()).orElse("plan")),
            "--firewall " + options.firewall().get() + ": no firewalls are known here (a flows file, or a deployment without firewalls)");
        return out;
      }
      out.add(standalone(plan, options));
      return out;
    }
    Deployment dep = deployment.get();
    List<Firewall> fws = dep.firewalls().stream().filter(f -> options.firewall().map(f.name()::equals).orElse(true)).toList();
    if (fws.isEmpty()) {
      // one host of a host firewall, named as its rule set is ("linux-servers-zcm1")
      for (Firewall fw : dep.firewalls()) {
        if (fw.kind() != Firewall.Kind.HOST) continue;
        for (Host h : hostsOf(dep, fw)) if (targetName(fw, h).equals(options.firewall().orElse(""))) out.addAll(host(plan, List.of(h), fw, options.outbound()));
      }
      if (!out.isEmpty()) return out;
      List<String> hostTargets = new ArrayList<>();
      for (Firewall fw : dep.firewalls()) if (fw.kind() == Firewall.Kind.HOST) for (Host h : hostsOf(dep, fw)) hostTargets.add(targetName(fw, h));
      d.error(SourcePosition.of(dep.file() == null || dep.file().isBlank() ? "deployment" : dep.file()), "--firewall " + options.firewall().orElse("")
          + ": the deployment has no such firewall; it has " + dep.firewalls().stream().map(Firewall::name).collect(Collectors.joining(", "))
          + (hostTargets.isEmpty() ? "" : " (one host of a host firewall: " + String.join(", ", hostTargets) + ")"));
    }
    for (Firewall fw : fws) {
      switch (fw.kind()) {
        case NETWORK -> out.add(network(plan, fw));
        case HOST -> out.addAll(host(plan, hostsOf(dep, fw), fw, options.outbound()));
      }
    }
    return out;
  }

  /** The hosts a host firewall protects: those it lists, or every host of the deployment. */
  public static List<Host> hostsOf(Deployment dep, Firewall fw) {
    return fw.hosts().isEmpty() ? dep.hosts() : fw.hosts().stream().map(dep::host).flatMap(Optional::stream).toList();
  }

  private static String targetName(Firewall fw, Host h) {
    return fw.name() + "-" + h.name();
  }

  /** The flows of the plan that no target holds: they cross none of the placed firewalls. */
  public static List<Flow> unplaced(FlowPlan plan, List<Target> targets) {
    Map<Flow, Boolean> placed = new IdentityHashMap<>();
    for (Target t : targets) for (PlacedFlow p : t.flows()) placed.put(p.planFlow(), true);
    return plan.flows().stream().filter(f -> !placed.containsKey(f)).toList();
  }

  /** Every placed flow of these targets, in order. */
  public static List<PlacedFlow> flows(List<Target> targets) {
    List<PlacedFlow> out = new ArrayList<>();
    for (Target t : targets) out.addAll(t.flows());
    return out;
  }

  // ---- the three kinds of target ----

  private static Target standalone(FlowPlan plan, Options options) {
    List<PlacedFlow> out = new ArrayList<>();
    for (Flow f : plan.flows()) {
      Crossing c;
      if (f.loopback()) c = Crossing.LOOPBACK;
      else if (!options.local().isEmpty() && within(f.destinations(), options.local())) c = Crossing.INBOUND;
      else if (!options.local().isEmpty() && within(f.sources(), options.local())) c = Crossing.OUTBOUND;
      else c = Crossing.UNKNOWN;
      out.add(new PlacedFlow(f, f, c, ""));
    }
    return new Target(plan.site().isBlank() ? "flows" : plan.site(), Kind.STANDALONE, Optional.empty(), Optional.empty(), out, List.of());
  }

  private static Target network(FlowPlan plan, Firewall fw) {
    List<Piece> pieces = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    for (Flow f : plan.flows()) {
      if (f.loopback()) continue;
      if (f.sources().stream().anyMatch(e -> e.zone().isBlank()) || f.destinations().stream().anyMatch(e -> e.zone().isBlank())) {
        String note = "flow " + f.name() + " has an endpoint without a zone; firewall " + fw.name() + " cannot tell whether it crosses it, so it has no rule here";
        if (!notes.contains(note)) notes.add(note);
      }
      Map<String, List<Endpoint>> srcBy = byInterface(fw, f.sources()), dstBy = byInterface(fw, f.destinations());
      for (var in : srcBy.entrySet())
        for (var o : dstBy.entrySet())
          if (!in.getKey().equals(o.getKey())) pieces.add(new Piece(f, in.getValue(), o.getValue(), new Crossing.Through(in.getKey(), o.getKey()), in.getKey() + ">" + o.getKey()));
    }
    return new Target(fw.name(), Kind.NETWORK, Optional.of(fw), Optional.empty(), label(pieces), notes);
  }

  private static List<Target> host(FlowPlan plan, List<Host> hosts, Firewall fw, boolean outbound) {
    List<List<Piece>> perHost = new ArrayList<>();
    for (Host h : hosts) {
      List<Piece> pieces = new ArrayList<>();
      for (Flow f : plan.flows()) {
        List<Endpoint> toHost = onHost(f.destinations(), h);
        if (f.loopback()) {
          if (!toHost.isEmpty()) pieces.add(new Piece(f, f.sources(), f.destinations(), Crossing.LOOPBACK, h.name() + " loopback"));
          continue;
        }
        if (!toHost.isEmpty()) pieces.add(new Piece(f, f.sources(), toHost, Crossing.INBOUND, h.name() + " in"));
        List<Endpoint> fromHost = outbound ? onHost(f.sources(), h) : List.of();
        if (!fromHost.isEmpty()) pieces.add(new Piece(f, fromHost, f.destinations(), Crossing.OUTBOUND, h.name() + " out"));
      }
      perHost.add(pieces);
    }
    // labels count the pieces of a plan flow on the whole firewall: a ruleset checked for a host firewall covers all its hosts
    List<Piece> all = perHost.stream().flatMap(List::stream).toList();
    Map<Piece, PlacedFlow> labelled = new IdentityHashMap<>();
    List<PlacedFlow> placed = label(all);
    for (int i = 0; i < all.size(); i++) labelled.put(all.get(i), placed.get(i));
    List<Target> out = new ArrayList<>();
    for (int i = 0; i < hosts.size(); i++) {
      Host h = hosts.get(i);
      out.add(new Target(targetName(fw, h), Kind.HOST, Optional.of(fw), Optional.of(h), perHost.get(i).stream().map(labelled::get).toList(), List.of()));
    }
    return out;
  }

  /** A piece before it is named: its plan flow, the endpoints that cross, where, and the place for its label. */
  private record Piece(Flow plan, List<Endpoint> sources, List<Endpoint> destinations, Crossing crossing, String where) {}

  /** Names each piece after its plan flow, adding the place when that flow has several pieces. */
  private static List<PlacedFlow> label(List<Piece> pieces) {
    Map<Flow, Integer> count = new IdentityHashMap<>();
    for (Piece p : pieces) count.merge(p.plan(), 1, Integer::sum);
    List<PlacedFlow> out = new ArrayList<>();
    for (Piece p : pieces) {
      Flow f = p.plan();
      boolean whole = p.sources().equals(f.sources()) && p.destinations().equals(f.destinations());
      String name = count.get(f) == 1 ? f.name() : f.name() + " [" + p.where() + "]";
      Flow piece = whole && name.equals(f.name()) ? f
          : new Flow(name, p.sources(), p.destinations(), f.protocol(), f.ports(), f.stateful(), f.loopback(), f.traces());
      out.add(new PlacedFlow(piece, f, p.crossing(), p.where()));
    }
    return out;
  }

  private static Map<String, List<Endpoint>> byInterface(Firewall fw, List<Endpoint> eps) {
    Map<String, List<Endpoint>> m = new LinkedHashMap<>();
    for (Endpoint e : eps) fw.interfaceFor(e.zone()).ifPresent(i -> m.computeIfAbsent(i.name(), k -> new ArrayList<>()).add(e));
    return m;
  }

  /** The endpoints' parts on the host's addresses, each named after the host. */
  private static List<Endpoint> onHost(List<Endpoint> eps, Host h) {
    List<Endpoint> out = new ArrayList<>();
    for (Endpoint e : eps) {
      if (!(e instanceof Endpoint.Addresses a)) continue;
      List<IPAddress> mine = intersect(a.blocks(), h.addresses());
      if (!mine.isEmpty()) out.add(new Endpoint.Addresses(h.name(), e.zone(), mine));
    }
    return out;
  }

  /** The part of {@code blocks} inside the host's addresses (prefix blocks nest or are disjoint). */
  public static List<IPAddress> intersect(List<IPAddress> blocks, List<IPAddress> hostAddresses) {
    List<IPAddress> out = new ArrayList<>();
    for (IPAddress h : hostAddresses) {
      IPAddress hb = h.toPrefixBlock(h.getNetworkPrefixLength() == null ? h.getBitCount() : h.getNetworkPrefixLength());
      for (IPAddress b : blocks) {
        if (b.getIPVersion() != hb.getIPVersion()) continue;
        if (b.contains(hb)) out.add(hb);
        else if (hb.contains(b)) out.add(b);
      }
    }
    return out;
  }

  /** Every address of the endpoints is among {@code local} (an FQDN never is). */
  private static boolean within(List<Endpoint> eps, List<IPAddress> local) {
    for (Endpoint e : eps) {
      if (!(e instanceof Endpoint.Addresses a)) return false;
      for (IPAddress b : a.blocks()) {
        List<IPAddress> rest = List.of(b);
        for (IPAddress l : local) {
          if (l.getIPVersion() != b.getIPVersion()) continue;
          List<IPAddress> next = new ArrayList<>();
          for (IPAddress r : rest) {
            IPAddress[] left = r.subtract(l.toPrefixBlock());
            if (left != null) next.addAll(List.of(left));
          }
          rest = next;
        }
        if (!rest.isEmpty()) return false;
      }
    }
    return true;
  }
}
