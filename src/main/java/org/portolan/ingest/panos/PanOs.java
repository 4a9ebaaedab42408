package org.portolan.ingest.panos;

import java.util.List;
import java.util.Map;
import org.portolan.diag.SourcePosition;

/** PAN-OS vendor records, as {@code set} commands ({@code set cli config-output-format set; show}) write them. */
final class PanOs {
  private PanOs() {}

  record Config(List<Obj> addresses, List<Member> addressGroups, List<Obj> services, List<Member> serviceGroups, List<Rule> rules) {}

  /** An address ({@code ip-netmask}, {@code ip-range}, {@code fqdn}, {@code ip-wildcard}) or service ({@code protocol tcp port …}) object. */
  record Obj(String name, Map<String, String> attrs, SourcePosition at) {}

  /** A static group member; {@code member} is empty for a dynamic (tag-filtered) group. */
  record Member(String group, String member, SourcePosition at) {}

  /** A security rule with every attribute its lines set (lists for from, to, source, …). */
  record Rule(String name, Map<String, List<String>> attrs, SourcePosition at, String text) {
    List<String> get(String k) {
      return attrs.getOrDefault(k, List.of());
    }

    String one(String k) {
      List<String> v = get(k);
      return v.isEmpty() ? "" : v.getFirst();
    }
  }
}
