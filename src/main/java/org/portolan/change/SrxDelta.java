package org.portolan.change;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.portolan.ingest.acl.Acl;
import org.portolan.ingest.acl.LineSource;
import org.portolan.ingest.acl.Space;
import org.portolan.ingest.acl.ZonePair;

/**
 * Juniper SRX: per addition a new security policy in the zone pair (or the global policies)
 * the flow is evaluated in, as set commands: address-book entries and applications it needs
 * (named after the value, written once), the policy with {@code then permit}, and
 * {@code insert … before policy P} when the policy that blocks it is one of the list's;
 * appended when the default policy blocks it (a zone-pair policy is evaluated before the
 * global ones, which is right: the packets an addition accepts reached the default unmatched
 * by all of them). Addresses go to the global address book, or to the zone's own where the
 * configuration keeps its addresses per zone.
 */
final class SrxDelta implements Delta {
  private static final Pattern ZONE_POLICY = Pattern.compile("^policy (\\S+) from-zone (\\S+) to-zone (\\S+): ");
  private static final Pattern GLOBAL_POLICY = Pattern.compile("^policy (\\S+) \\(global\\): ");

  @Override
  public String fileName(ChangeResult r) {
    return "change.srx";
  }

  @Override
  public Optional<String> cannotWrite(Acl acl, String rulesetText, String chain, LineSource blockedBy, Space accept) {
    boolean zonePair = ZonePair.ofChain(chain).isPresent();
    if (!zonePair && !chain.equals("global")) return Optional.of("the flow is evaluated on no zone pair and not on the global policies");
    if (zonePair && GLOBAL_POLICY.matcher(blockedBy.text()).find())
      return Optional.of("a global policy blocks it; a zone-pair policy before it would be right, but which one the model cannot tell from the line alone");
    return Optional.empty();
  }

  @Override
  public Map<Addition, List<String>> commands(ChangeResult r) {
    Map<Addition, List<String>> out = new LinkedHashMap<>();
    Set<String> defined = new LinkedHashSet<>();
    int n = 0;
    for (Addition a : r.additions()) {
      List<String> lines = new ArrayList<>();
      boolean global = a.chain().equals("global");
      ZonePair zones = global ? new ZonePair("", "") : ZonePair.ofChain(a.chain()).orElseThrow();
      String from = zones.from(), to = zones.to();
      String where = global ? "set security policies global policy " : "set security policies from-zone " + from + " to-zone " + to + " policy ";
      for (Fields f : Fields.of(a.accept()))
        for (Fields g : f.splitIcmp()) {
          String name = "portolan-" + Delta.slug(a.flow()) + "-" + String.format("%03d", ++n);
          List<String> src = addresses(r.rulesetText(), from, Fields.withLength(g.src(), g.family()), defined, lines);
          List<String> dst = addresses(r.rulesetText(), to, Fields.withLength(g.dst(), g.family()), defined, lines);
          List<String> apps = applications(g, defined, lines);
          lines.add(where + name + " description \"" + Delta.clean(a.why(), 200) + "\"");
          lines.add(where + name + " match source-address " + Delta.group(src) + " destination-address " + Delta.group(dst) + " application " + Delta.group(apps));
          lines.add(where + name + " then permit");
          Optional<String> before = a.before().flatMap(SrxDelta::policyName);
          if (before.isPresent())
            lines.add("insert security policies " + (global ? "global" : "from-zone " + from + " to-zone " + to) + " policy " + name + " before policy " + before.get());
        }
      out.put(a, lines);
    }
    return out;
  }

  /** The name of the policy a line is (empty for the default policy). */
  static Optional<String> policyName(LineSource l) {
    Matcher m = ZONE_POLICY.matcher(l.text());
    if (m.find()) return Optional.of(m.group(1));
    Matcher g = GLOBAL_POLICY.matcher(l.text());
    return g.find() ? Optional.of(g.group(1)) : Optional.empty();
  }

  private static List<String> addresses(String config, String zone, List<String> cidrs, Set<String> defined, List<String> lines) {
    if (cidrs.isEmpty()) return List.of("any");
    boolean perZone = !zone.isEmpty() && config.contains("security zones security-zone " + zone + " address-book ");
    List<String> names = new ArrayList<>();
    for (String c : cidrs) {
      String name = "portolan-" + c.replace('/', '_').replace(':', '.');
      String book = perZone ? "set security zones security-zone " + zone + " address-book address " : "set security address-book global address ";
      if (defined.add(book + name) && !config.contains(book.substring(4) + name + " ")) lines.add(book + name + " " + c);
      names.add(name);
    }
    return names;
  }

  private static List<String> applications(Fields f, Set<String> defined, List<String> lines) {
    if (f.proto() == Fields.ANY) return List.of("any");
    String proto = switch (f.proto()) { case 6 -> "tcp"; case 17 -> "udp"; case 1 -> "icmp"; case 58 -> "icmp6"; default -> Integer.toString(f.proto()); };
    List<String> names = new ArrayList<>();
    if (!f.dports().isEmpty()) {
      for (long[] iv : f.dports()) {
        String name = "portolan-" + proto + "-" + Fields.range(iv, "-");
        if (defined.add("app " + name)) lines.add("set applications application " + name + " protocol " + proto + " destination-port " + Fields.range(iv, "-"));
        names.add(name);
      }
    } else if (!f.icmp().isEmpty()) {
      int[] t = f.icmp().getFirst();
      String type = proto.equals("icmp") ? "icmp-type" : "icmp6-type", code = proto.equals("icmp") ? "icmp-code" : "icmp6-code";
      String name = "portolan-" + proto + "-" + t[0] + (t[1] == Fields.ANY ? "" : "-" + t[1]);
      if (defined.add("app " + name)) lines.add("set applications application " + name + " protocol " + proto + " " + type + " " + t[0] + (t[1] == Fields.ANY ? "" : " " + code + " " + t[1]));
      names.add(name);
    } else {
      String name = "portolan-" + proto;
      if (defined.add("app " + name)) lines.add("set applications application " + name + " protocol " + proto);
      names.add(name);
    }
    return names;
  }

  @Override
  public String script(ChangeResult r) {
    return Delta.commented(r, "# Portolan change for " + r.acl().file() + ": new policies only; nothing existing is changed. Load in configuration mode, then commit.\n", commands(r));
  }

  @Override
  public String position(ChangeResult r, Addition a) {
    return ZonePair.ofChain(a.chain()).map(z -> z.from() + " to " + z.to()).orElse("global policies") + ", "
        + a.before().flatMap(SrxDelta::policyName).map(p -> "before policy " + p).orElse("after the last policy (the default policy blocks it)");
  }

  @Override
  public List<String> tighten(ChangeResult r, Tightening t) {
    return List.of();
  }
}
