package org.portolan.change;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.portolan.ingest.acl.AclLine;
import org.portolan.ingest.acl.Action;
import org.portolan.ingest.acl.Chain;

/**
 * Cisco ASA: {@code access-list NAME line N extended permit …} before the entry that denies
 * each flow (a remark with the requirement first), plain {@code access-list NAME extended
 * permit …} before the implicit deny. Several addresses or ports go into object-groups named
 * after the requirement. Line numbers count the access-list's lines as the configuration
 * has them (remarks included); the delta inserts from the bottom of each list up.
 */
final class AsaDelta implements Delta {
  static final int NAME_MAX = 64;

  @Override
  public String fileName(ChangeResult r) {
    return "change.asa";
  }

  @Override
  public String script(ChangeResult r) {
    if (r.additions().isEmpty()) return "";
    StringBuilder b = new StringBuilder("! Portolan change for ").append(r.acl().file()).append(": paste in configuration mode.\n");
    b.append("! It only inserts entries into the existing access-lists.\n");
    for (var e : commands(r).entrySet()) for (String c : e.getValue()) b.append(c).append('\n');
    return b.toString();
  }

  @Override
  public Map<Addition, List<String>> commands(ChangeResult r) {
    Change.Locations where = Delta.where(r);
    Set<String> names = new HashSet<>();
    Map<Addition, List<String>> out = new LinkedHashMap<>();
    for (Addition a : Delta.byPositionDescending(r, where)) {
      String acl = aclName(r, a.chain());
      int n = a.before().map(l -> lineNumber(r.rulesetText(), acl, l.line())).orElse(0);
      List<String> lines = new ArrayList<>();
      String at = n > 0 ? " line " + n : "";
      lines.add("access-list " + acl + at + " remark " + Delta.clean(a.why(), 100));
      String at2 = n > 0 ? " line " + (n + 1) : "";
      int k = 0;
      for (Fields f : Fields.of(a.accept())) {
        String base = name(a, names);
        List<String> groups = new ArrayList<>();
        String src = addr(f.src(), f.family(), base + "-src", groups);
        String dst = addr(f.dst(), f.family(), base + "-dst", groups);
        String proto = f.proto() == Fields.ANY ? "ip" : f.proto() == 58 ? "icmp6" : Fields.protoName(f.proto());
        String tail = "";
        if ((f.proto() == 6 || f.proto() == 17) && !f.dports().isEmpty()) {
          if (f.dports().size() == 1) tail = " " + port(f.dports().getFirst());
          else {
            groups.add("object-group service " + base + "-ports " + proto);
            for (long[] iv : f.dports()) groups.add(" port-object " + port(iv));
            tail = " object-group " + base + "-ports";
          }
        }
        List<String> aces = new ArrayList<>();
        if ((f.proto() == 1 || f.proto() == 58) && !f.icmp().isEmpty()) for (int[] t : f.icmp()) aces.add(" " + t[0] + (t[1] == Fields.ANY ? "" : " " + t[1]));
        else aces.add(tail);
        lines.addAll(groups);
        for (String ace : aces) lines.add("access-list " + acl + (n > 0 ? " line " + (n + 1 + k++) : "") + " extended permit " + proto + " " + src + " " + dst + ace);
      }
      if (at2.isEmpty()) { } // appended entries need no number
      out.put(a, lines);
    }
    return out;
  }

  @Override
  public String position(ChangeResult r, Addition a) {
    String acl = aclName(r, a.chain());
    return a.before().map(l -> "access-list " + acl + ", line " + lineNumber(r.rulesetText(), acl, l.line()) + " (config line " + l.line() + ")")
        .orElse("access-list " + acl + ", at the end (before the implicit deny)");
  }

  @Override
  public List<String> tighten(ChangeResult r, Tightening t) {
    if (!t.line().text().startsWith("access-list ")) return List.of();
    return List.of("no " + t.line().text());
  }

  /** The access-list behind a chain: {@code acl NAME}, or the list a binding chain ({@code in:IFACE}) calls. */
  static String aclName(ChangeResult r, String chain) {
    if (chain.startsWith("acl ")) return chain.substring(4);
    Chain c = r.acl().chains().get(chain);
    if (c != null) for (AclLine l : c.lines()) if (l.action() instanceof Action.Call call && call.chain().startsWith("acl ")) return call.chain().substring(4);
    return chain;
  }

  /** 1-based position of config line {@code line} among the lines of access-list {@code acl}. */
  static int lineNumber(String text, String acl, int line) {
    String[] lines = text.split("\r?\n", -1);
    int n = 0;
    String prefix = "access-list " + acl + " ";
    for (int i = 0; i < lines.length && i < line; i++) if (lines[i].strip().startsWith(prefix)) n++;
    return n;
  }

  private static String addr(List<String> blocks, int family, String group, List<String> groups) {
    if (blocks.isEmpty()) return family == 4 ? "any4" : "any6";
    if (blocks.size() == 1) return one(blocks.getFirst(), family);
    groups.add("object-group network " + group);
    for (String b : blocks) groups.add(" network-object " + one(b, family));
    return "object-group " + group;
  }

  private static String one(String block, int family) {
    if (!block.contains("/")) return "host " + block;
    if (family == 6) return block;
    int len = Integer.parseInt(block.substring(block.indexOf('/') + 1));
    long mask = len == 0 ? 0 : (0xFFFF_FFFFL << (32 - len)) & 0xFFFF_FFFFL;
    return block.substring(0, block.indexOf('/')) + " " + ((mask >>> 24) & 255) + "." + ((mask >>> 16) & 255) + "." + ((mask >>> 8) & 255) + "." + (mask & 255);
  }

  private static String port(long[] iv) {
    return iv[0] == iv[1] ? "eq " + iv[0] : "range " + iv[0] + " " + iv[1];
  }

  /** An object-group name from the requirement: letters, digits, '-', '_', '.', unique, at most 64 characters with its suffix. */
  private static String name(Addition a, Set<String> used) {
    String base = (a.requirements().isEmpty() ? a.flow() : a.requirements().getFirst()).replaceAll("[^A-Za-z0-9_.-]+", "-").replaceAll("^-+|-+$", "");
    if (base.isEmpty()) base = "portolan";
    if (base.length() > NAME_MAX - 10) base = base.substring(0, NAME_MAX - 10);
    String n = base;
    for (int i = 2; !used.add(n); i++) n = base + "-" + i;
    return n;
  }
}
