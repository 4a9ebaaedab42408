package org.portolan.observe;

import java.util.List;
import org.portolan.model.PortRange;
import org.portolan.plan.Endpoint;
import org.portolan.plan.Flow;
import org.portolan.plan.FlowPlan;

/**
 * The demo's small flow-log sample of a site: AWS VPC flow log records (default version 2) for
 * the first TCP and UDP flows of the plan — from the first address of a source to the first of
 * a destination, the flow's lowest port, with the reply — every fourth of them rejected, and two
 * records no requirement explains (RDP and telnet from outside). Generated, deterministic: a
 * sample of the format, not a trace of real traffic.
 */
public final class ObserveDemo {
  private ObserveDemo() {}

  public static String vpcSample(FlowPlan plan, int flows) {
    StringBuilder b = new StringBuilder(String.join(" ", VpcFlowLog.DEFAULT_V2)).append('\n');
    long t = 1764576000; // 2025-12-01T08:00:00Z
    int n = 0;
    String anyDst = null;
    for (Flow f : plan.flows()) {
      if (n >= flows) break;
      String proto = f.protocol().keyword();
      if (!proto.equals("tcp") && !proto.equals("udp")) continue;
      String src = first(f.sources()), dst = first(f.destinations());
      if (src == null || dst == null || f.ports().isEmpty()) continue;
      int port = f.ports().ranges().stream().mapToInt(PortRange::from).min().orElseThrow();
      int number = proto.equals("tcp") ? 6 : 17, sport = 49152 + n;
      boolean rejected = n % 4 == 3;
      b.append(record(src, dst, sport, port, number, t + 60L * n, rejected ? "REJECT" : "ACCEPT"));
      if (!rejected) b.append(record(dst, src, port, sport, number, t + 60L * n, "ACCEPT"));
      if (anyDst == null) anyDst = dst;
      n++;
    }
    if (anyDst != null) {
      b.append(record("203.0.113.45", anyDst, 51000, 3389, 6, t + 60L * n, "ACCEPT"));
      b.append(record("203.0.113.45", anyDst, 51001, 23, 6, t + 60L * n + 1, "REJECT"));
    }
    return b.toString();
  }

  private static String record(String src, String dst, int sport, int dport, int proto, long start, String action) {
    return "2 123456789012 eni-0demo " + src + " " + dst + " " + sport + " " + dport + " " + proto + " 4 320 " + start + " " + (start + 60) + " "
        + action + " OK\n";
  }

  private static String first(List<Endpoint> endpoints) {
    for (Endpoint e : endpoints)
      if (e instanceof Endpoint.Addresses a) {
        var blocks = a.blocks();
        if (!blocks.isEmpty() && blocks.getFirst().isIPv4()) return blocks.getFirst().getLower().withoutPrefixLength().toString();
      }
    return null;
  }
}
