package org.portolan.verify;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Seeded random rulesets for the kernel differential test, written directly in
 * iptables-restore and nft syntax: hundreds of rules over the lab's addresses and probe
 * ports, user chains (jump, goto, return), multiport and sets, conntrack state, interface
 * matches, LOG/counter, accept, drop and reject.
 */
final class RandomRuleset {
  static final List<Integer> PORTS = List.of(1001, 1002, 2000, 2001, 2500, 3000, 3001, 4444, 5000, 5001, 6000, 7777);

  private final Random rnd;
  private final boolean nft;
  private final int chains;
  private boolean noSets;

  private RandomRuleset(long seed, boolean nft) {
    this.rnd = new Random(seed);
    this.nft = nft;
    this.chains = 3 + rnd.nextInt(4);
  }

  static String iptables(long seed) {
    return new RandomRuleset(seed, false).iptablesText();
  }

  static String nft(long seed) {
    return new RandomRuleset(seed, true).nftText();
  }

  private boolean p(double x) {
    return rnd.nextDouble() < x;
  }

  private <T> T pick(List<T> l) {
    return l.get(rnd.nextInt(l.size()));
  }

  private String iptablesText() {
    StringBuilder sb = new StringBuilder("*filter\n:INPUT ACCEPT [0:0]\n");
    sb.append(":FORWARD ").append(p(0.7) ? "DROP" : "ACCEPT").append(" [0:0]\n:OUTPUT ACCEPT [0:0]\n");
    for (int i = 0; i < chains; i++) sb.append(":U").append(i).append(" - [0:0]\n");
    List<String> fwd = rules(-1, 100 + rnd.nextInt(60));
    if (p(0.75)) fwd.add(rnd.nextInt(Math.max(1, fwd.size() / 5)), stateRule(List.of("ESTABLISHED", "RELATED"), false, "ACCEPT"));
    for (String r : fwd) sb.append("-A FORWARD ").append(r).append('\n');
    for (int i = 0; i < chains; i++) for (String r : rules(i, 15 + rnd.nextInt(30))) sb.append("-A U").append(i).append(' ').append(r).append('\n');
    return sb.append("COMMIT\n").toString();
  }

  private String nftText() {
    StringBuilder sb = new StringBuilder("table inet pvfilter {\n");
    sb.append("  set cset {\n    type ipv4_addr\n    flags interval\n    elements = { ").append(String.join(", ", addrElems(KernelDifferentialTest.CLIENTS))).append(" }\n  }\n");
    sb.append("  set sset {\n    type ipv4_addr\n    elements = { ").append(String.join(", ", distinct(KernelDifferentialTest.SERVERS, 2))).append(" }\n  }\n");
    sb.append("  set pset {\n    type inet_service\n    flags interval\n    elements = { ").append(String.join(", ", portElems())).append(" }\n  }\n");
    sb.append("  chain pvfwd {\n    type filter hook forward priority 0; policy ").append(p(0.7) ? "drop" : "accept").append(";\n");
    List<String> fwd = rules(-1, 100 + rnd.nextInt(60));
    if (p(0.75)) fwd.add(rnd.nextInt(Math.max(1, fwd.size() / 5)), stateRule(List.of("established", "related"), false, "accept"));
    for (String r : fwd) sb.append("    ").append(r).append('\n');
    sb.append("  }\n");
    for (int i = 0; i < chains; i++) {
      sb.append("  chain u").append(i).append(" {\n");
      for (String r : rules(i, 15 + rnd.nextInt(30))) sb.append("    ").append(r).append('\n');
      sb.append("  }\n");
    }
    sb.append("}\n");
    if (p(0.5)) {
      sb.append("table ip pvextra {\n  chain pvlate {\n    type filter hook forward priority 10; policy accept;\n");
      noSets = true;
      for (int i = 0; i < 3 + rnd.nextInt(5); i++) sb.append("    ").append(rule(Integer.MAX_VALUE)).append('\n');
      noSets = false;
      sb.append("  }\n}\n");
    }
    return sb.toString();
  }

  private List<String> addrElems(List<String> pool) {
    List<String> out = new ArrayList<>();
    for (String a : distinct(pool, 1 + rnd.nextInt(2))) out.add(a);
    if (p(0.5)) out.add(pool == KernelDifferentialTest.CLIENTS ? "198.18.1.100-198.18.1.120" : "198.19.2.100-198.19.2.120");
    return out;
  }

  private List<String> portElems() {
    List<String> out = new ArrayList<>();
    int a = rnd.nextInt(PORTS.size());
    out.add(PORTS.get(a) + "-" + (PORTS.get(a) + 500));
    for (int x : distinctPorts(2)) if (x < PORTS.get(a) || x > PORTS.get(a) + 500) out.add(Integer.toString(x));
    return out;
  }

  private List<String> distinct(List<String> pool, int n) {
    List<String> copy = new ArrayList<>(pool);
    java.util.Collections.shuffle(copy, rnd);
    return copy.subList(0, Math.min(n, copy.size()));
  }

  private List<Integer> distinctPorts(int n) {
    List<Integer> copy = new ArrayList<>(PORTS);
    java.util.Collections.shuffle(copy, rnd);
    List<Integer> out = new ArrayList<>(copy.subList(0, n));
    java.util.Collections.sort(out);
    return out;
  }

  private String stateRule(List<String> states, boolean neg, String target) {
    return nft ? "ct state " + (neg ? "!= " : "") + String.join(",", states) + " " + target
        : "-m conntrack " + (neg ? "! " : "") + "--ctstate " + String.join(",", states) + " -j " + target;
  }

  private List<String> rules(int chain, int n) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < n; i++) out.add(rule(chain));
    return out;
  }

  /** One rule of chain {@code chain} (-1: the base chain; MAX: the extra nft table without user chains). */
  private String rule(int chain) {
    List<String> parts = new ArrayList<>();
    String proto = p(0.8) ? (p(0.5) ? "tcp" : "udp") : null;
    if (p(0.35)) parts.add(addr(true));
    if (p(0.35)) parts.add(addr(false));
    if (proto != null) {
      boolean ports = p(0.8);
      if (nft && !ports) parts.add("meta l4proto " + proto);
      if (!nft) parts.add("-p " + proto + " -m " + proto);
      if (ports) parts.add(dport(proto));
      if (p(0.08)) parts.add(nft ? proto + " sport " + (p(0.5) ? "32768-65535" : "1000-5000") : "--sport " + (p(0.5) ? "32768:65535" : "1000:5000"));
    } else if (nft && p(0.2)) {
      parts.add("meta l4proto { tcp, udp } th dport " + pick(PORTS));
    }
    if (p(0.25)) {
      List<List<String>> choices = List.of(List.of("new"), List.of("established", "related"), List.of("invalid"), List.of("new", "established"), List.of("established"));
      List<String> st = pick(choices);
      boolean neg = st.size() == 1 && p(0.25);
      if (nft) parts.add("ct state " + (neg ? "!= " : "") + String.join(",", st));
      else parts.add("-m conntrack " + (neg ? "! " : "") + "--ctstate " + String.join(",", st).toUpperCase(java.util.Locale.ROOT));
    }
    if (p(0.12)) {
      boolean in = p(0.5), neg = p(0.3);
      String iface = p(0.5) ? KernelDifferentialTest.IN : KernelDifferentialTest.OUT;
      if (nft) parts.add((in ? "iifname " : "oifname ") + (neg ? "!= " : "") + "\"" + iface + "\"");
      else parts.add((neg ? "! " : "") + (in ? "-i " : "-o ") + iface);
    }
    if (!nft && p(0.1)) parts.add("-m comment --comment \"rule " + rnd.nextInt(1000) + "\"");
    parts.add(target(chain, proto));
    if (!nft && parts.stream().anyMatch(x -> (x.startsWith("-s ") || x.startsWith("-d ")) && x.contains(",")))
      parts.replaceAll(x -> x.startsWith("! -s ") || x.startsWith("! -d ") ? x.substring(2) : x); // iptables refuses ! with several addresses
    return String.join(" ", parts);
  }

  private String addr(boolean src) {
    List<String> pool = src ? KernelDifferentialTest.CLIENTS : KernelDifferentialTest.SERVERS;
    String net = src ? "198.18.1." : "198.19.2.";
    boolean neg = p(0.2);
    int kind = rnd.nextInt(nft && !noSets ? 7 : 6);
    String field = nft ? "ip " + (src ? "saddr " : "daddr ") : "";
    String flag = src ? "-s " : "-d ";
    return switch (kind) {
      case 0 -> nft ? field + (neg ? "!= " : "") + pick(pool) : (neg ? "! " : "") + flag + pick(pool) + "/32";
      case 1 -> nft ? field + (neg ? "!= " : "") + net + "8/30" : (neg ? "! " : "") + flag + net + "8/30";
      case 2 -> nft ? field + (neg ? "!= " : "") + net + "12/31" : (neg ? "! " : "") + flag + net + "12/31";
      case 3 -> nft ? field + (neg ? "!= " : "") + net + "0/24" : (neg ? "! " : "") + flag + net + "0/24";
      case 4 -> {
        String range = net + "11-" + net + "12";
        yield nft ? field + (neg ? "!= " : "") + range : "-m iprange " + (neg ? "! " : "") + (src ? "--src-range " : "--dst-range ") + range;
      }
      case 5 -> nft ? field + "{ " + String.join(", ", distinct(pool, 2)) + " }" : flag + String.join(",", distinct(pool, 2));
      default -> field + "@" + (src ? "cset" : "sset");
    };
  }

  private String dport(String proto) {
    int kind = rnd.nextInt(nft && !noSets ? 5 : 4);
    boolean neg = p(0.15);
    int a = pick(PORTS);
    return switch (kind) {
      case 0 -> nft ? proto + " dport " + (neg ? "!= " : "") + a : (neg ? "! " : "") + "--dport " + a;
      case 1 -> {
        int b = a + pick(List.of(0, 1, 500, 1500));
        yield nft ? proto + " dport " + (neg ? "!= " : "") + a + "-" + b : (neg ? "! " : "") + "--dport " + a + ":" + b;
      }
      case 2, 3 -> {
        List<String> items = new ArrayList<>();
        for (int x : distinctPorts(2 + rnd.nextInt(3))) items.add(Integer.toString(x));
        if (p(0.4)) items.add(nft ? "5500-5600" : "5500:5600");
        yield nft ? proto + " dport { " + String.join(", ", items) + " }" : "-m multiport " + (neg ? "! " : "") + "--dports " + String.join(",", items);
      }
      default -> proto + " dport @pset";
    };
  }

  private String target(int chain, String proto) {
    int r = rnd.nextInt(100);
    boolean user = chain >= 0 && chain != Integer.MAX_VALUE;
    boolean canJump = chain != Integer.MAX_VALUE && chain + 1 < chains;
    if (r < 30) return nft ? "accept" : "-j ACCEPT";
    if (r < 50) return nft ? "drop" : "-j DROP";
    if (r < 63) {
      if ("tcp".equals(proto) && p(0.5)) return nft ? "reject with tcp reset" : "-j REJECT --reject-with tcp-reset";
      return nft ? "reject" : "-j REJECT";
    }
    if (r < 80 && canJump) {
      int target = chain + 1 + rnd.nextInt(chains - chain - 1);
      return nft ? "jump u" + target : "-j U" + target;
    }
    if (r < 86 && canJump) {
      int target = chain + 1 + rnd.nextInt(chains - chain - 1);
      return nft ? "goto u" + target : "-g U" + target;
    }
    if (r < 92 && user) return nft ? "return" : "-j RETURN";
    if (r < 96) return nft ? "counter" : "-j LOG --log-prefix \"pv \"";
    return nft ? "accept" : "-j ACCEPT";
  }
}
