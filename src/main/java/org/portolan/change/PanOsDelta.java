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
 * PAN-OS: per addition a new security rule in the rulebase the configuration uses (with its
 * {@code vsys} or Panorama {@code device-group … pre-rulebase}), as set commands: the address
 * and service objects it needs (named after the value), the rule with {@code action allow},
 * and {@code move … before RULE} when a rule blocks the flow; appended when the
 * interzone-default does. Whole ICMP, GRE and ESP are the App-IDs {@code icmp},
 * {@code ipv6-icmp}, {@code gre}, {@code ipsec-esp}; single ICMP types cannot be said.
 */
final class PanOsDelta implements Delta {
  private static final Pattern RULE = Pattern.compile("^rule (\\S+): set ((?:(?:shared|vsys \\S+|device-group \\S+) )?)((?:pre-|post-)?rulebase) security rules ");
  private static final Pattern FIRST_RULE = Pattern.compile("(?m)^set ((?:(?:shared|vsys \\S+|device-group \\S+) )?)((?:pre-|post-)?rulebase) security rules ");

  @Override
  public String fileName(ChangeResult r) {
    return "change.panos";
  }

  @Override
  public Optional<String> cannotWrite(Acl acl, String rulesetText, String chain, LineSource blockedBy, Space accept) {
    if (ZonePair.ofChain(chain).isEmpty() && !chain.equals("any-zone")) return Optional.of("the flow is evaluated on no zone pair");
    for (Fields f : Fields.of(accept)) {
      if (!f.icmp().isEmpty()) return Optional.of("PAN-OS matches ICMP by the App-ID icmp as a whole, not single types");
      if (app(f.proto()).isEmpty() && f.proto() != Fields.ANY && f.proto() != 6 && f.proto() != 17)
        return Optional.of("protocol " + f.proto() + " has no App-ID that identifies it by the protocol alone");
    }
    return Optional.empty();
  }

  private static Optional<String> app(int proto) {
    return switch (proto) {
      case 1 -> Optional.of("icmp");
      case 58 -> Optional.of("ipv6-icmp");
      case 47 -> Optional.of("gre");
      case 50 -> Optional.of("ipsec-esp");
      default -> Optional.empty();
    };
  }

  /** Where the configuration's security rules live: "vsys vsys1 " / "device-group DG " and "rulebase" / "pre-rulebase". */
  record Base(String scope, String rulebase) {}

  static Base base(String config, Optional<LineSource> before) {
    Matcher m = before.map(l -> RULE.matcher(l.text())).filter(Matcher::find).orElse(null);
    if (m != null) return new Base(m.group(2), m.group(3));
    Matcher f = FIRST_RULE.matcher(config);
    return f.find() ? new Base(f.group(1), f.group(2)) : new Base("", "rulebase");
  }

  static Optional<String> ruleName(LineSource l) {
    Matcher m = RULE.matcher(l.text());
    return m.find() ? Optional.of(m.group(1)) : Optional.empty();
  }

  @Override
  public Map<Addition, List<String>> commands(ChangeResult r) {
    Map<Addition, List<String>> out = new LinkedHashMap<>();
    Set<String> defined = new LinkedHashSet<>();
    int n = 0;
    for (Addition a : r.additions()) {
      List<String> lines = new ArrayList<>();
      boolean anyZone = a.chain().equals("any-zone");
      ZonePair zones = anyZone ? new ZonePair("any", "any") : ZonePair.ofChain(a.chain()).orElseThrow();
      String from = zones.from(), to = zones.to();
      Base b = base(r.rulesetText(), a.before());
      String objects = "set " + b.scope();
      for (Fields f : Fields.of(a.accept())) {
        String name = "portolan-" + Delta.slug(a.flow()) + "-" + String.format("%03d", ++n);
        List<String> src = addresses(objects, r.rulesetText(), Fields.withLength(f.src(), f.family()), defined, lines);
        List<String> dst = addresses(objects, r.rulesetText(), Fields.withLength(f.dst(), f.family()), defined, lines);
        String service = "any", application = "any";
        if (f.proto() == 6 || f.proto() == 17) {
          String proto = f.proto() == 6 ? "tcp" : "udp";
          List<String> ports = f.dports().isEmpty() ? List.of("0-65535") : f.dports().stream().map(iv -> Fields.range(iv, "-")).toList();
          service = "portolan-" + proto + "-" + String.join("_", ports);
          if (defined.add("service " + service)) lines.add(objects + "service " + service + " protocol " + proto + " port " + String.join(",", ports));
        } else if (f.proto() != Fields.ANY) {
          application = app(f.proto()).orElseThrow();
          service = "application-default";
        }
        lines.add("set " + b.scope() + b.rulebase() + " security rules " + name + " from " + from + " to " + to + " source " + Delta.group(src) + " destination " + Delta.group(dst)
            + " service " + service + " application " + application + " action allow description \"" + Delta.clean(a.why(), 200) + "\"");
        Optional<String> before = a.before().flatMap(PanOsDelta::ruleName);
        if (before.isPresent()) lines.add("move " + b.scope() + b.rulebase() + " security rules " + name + " before " + before.get());
      }
      out.put(a, lines);
    }
    return out;
  }

  private static List<String> addresses(String objects, String config, List<String> cidrs, Set<String> defined, List<String> lines) {
    if (cidrs.isEmpty()) return List.of("any");
    List<String> names = new ArrayList<>();
    for (String c : cidrs) {
      String name = "portolan-" + c.replace('/', '_').replace(':', '.');
      if (defined.add("address " + name) && !config.contains(objects.substring(4) + "address " + name + " ")) lines.add(objects + "address " + name + " ip-netmask " + c);
      names.add(name);
    }
    return names;
  }

  @Override
  public String script(ChangeResult r) {
    return Delta.commented(r, "# Portolan change for " + r.acl().file() + ": new security rules only; nothing existing is changed. Enter in configuration mode, then commit.\n", commands(r));
  }

  @Override
  public String position(ChangeResult r, Addition a) {
    return a.chain() + ", " + a.before().flatMap(PanOsDelta::ruleName).map(p -> "before rule " + p).orElse("after the last rule (the interzone-default denies it)");
  }

  @Override
  public List<String> tighten(ChangeResult r, Tightening t) {
    return List.of();
  }
}
