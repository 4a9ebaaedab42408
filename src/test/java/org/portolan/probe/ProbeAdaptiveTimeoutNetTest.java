package org.portolan.probe;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.portolan.diag.Diagnostics;
import org.portolan.plan.FlowPlan;
import org.portolan.plan.FlowsCsv;
import org.portolan.testing.Cli;
import org.portolan.testing.Lab;
import org.portolan.testing.NetworkTest;

/**
 * The adaptive TCP timeout on a slow, jittery link: the namespace's answers to the prober are
 * routed through a tun device whose reader holds each packet back 150 ± 50 ms ({@code
 * probe/delay.py}: this kernel has no {@code netem}), so every SYN-ACK and RST comes 100–200 ms
 * late, with variation. nmap's minimum (100 ms) alone would call these open ports filtered; the
 * timeout from the host's measured RTT must not, and must still call the dropped ports filtered,
 * each after two connects of a timeout longer than twice the slowest answer.
 */
@NetworkTest
class ProbeAdaptiveTimeoutNetTest {
  static Lab lab;
  static Lab.Host host;
  static Lab.Uplink ns;
  @TempDir static Path dir;

  @BeforeAll
  static void setUp() throws Exception {
    lab = Lab.create();
    host = lab.host("slow");
    ns = lab.uplink(host);
    String a = ns.addr(2);
    host.nft("""
        table ip slow {
          chain input {
            type filter hook input priority 0; policy accept;
            tcp dport 7117-7118 drop
          }
        }
        """);
    Path listen = dir.resolve("listen.csv");
    Files.writeString(listen, """
        name,src,dst,proto,ports
        open,198.19.0.0/16,%s,tcp,7101-7112
        """.formatted(a));
    host.start(Cli.command("listen", "--flows", listen.toString(), "--as", a, "--duration", "120s")).await("ready:");
    // answers to the prober go into the tun device "slow0" and come out 150 ± 50 ms later, marked 1;
    // mark 1 is routed by the main table (the uplink), so the delayed packets leave normally
    host.start("python3", Cli.resource("probe/delay.py").toString(), "slow0", "150", "50").await("ready");
    host.run("ip", "link", "set", "slow0", "up");
    host.run("ip", "route", "add", ns.addr(1) + "/32", "dev", "slow0", "table", "100");
    host.run("ip", "rule", "add", "fwmark", "1", "lookup", "main", "priority", "100");
    host.run("ip", "rule", "add", "to", ns.addr(1) + "/32", "lookup", "100", "priority", "200");
  }

  @AfterAll
  static void tearDown() {
    if (lab != null) lab.close();
  }

  @Test
  void openPortsStayOpenBehindADelayAndDroppedOnesAreFilteredAfterTwoLongerConnects() {
    StringBuilder csv = new StringBuilder("name,src,dst,proto,ports\n");
    // answers first (12 open, 4 closed), then the two dropped ports: at 20 probes/s they start
    // 800 ms in, long after the host's first answers have come back
    for (int p = 7101; p <= 7118; p++)
      csv.append(p <= 7112 ? "open-" : p <= 7116 ? "closed-" : "drop-").append(p).append(',').append(ns.addr(1)).append(',')
          .append(ns.addr(2)).append(",tcp,").append(p).append('\n');
    Diagnostics d = new Diagnostics();
    FlowPlan plan = FlowsCsv.read(csv.toString(), "slow.csv", d);
    assertThat(d.hasErrors()).isFalse();
    ProbeOptions o = new ProbeOptions(Duration.ofMillis(3000), 1, 64, 20, 20, Duration.ofSeconds(60), 64, 16, true);
    ProbeReport r = new Prober(o, name -> List.of(), (x, y) -> { }).probe(plan.flows(), ns.addr(1));

    double slowest = 0;
    for (ProbeResult x : r.results()) {
      ProbeState expected = x.name().startsWith("open") ? ProbeState.OPEN : x.name().startsWith("closed") ? ProbeState.CLOSED : ProbeState.FILTERED;
      assertThat(x.state()).as("%s: %s", x.name(), x.detail()).isEqualTo(expected);
      if (expected != ProbeState.FILTERED) {
        // the delay is real: nmap's 100 ms minimum alone would have timed these out
        assertThat(x.rttMs().getAsDouble()).as(x.name()).isGreaterThan(90);
        slowest = Math.max(slowest, x.rttMs().getAsDouble());
      }
    }
    for (ProbeResult x : r.results().stream().filter(x -> x.name().startsWith("drop")).toList()) {
      Matcher m = Pattern.compile("no answer to 2 connects within (\\d+) ms each \\(adaptive timeout").matcher(x.detail());
      assertThat(m.find()).as(x.detail()).isTrue();
      long timeout = Long.parseLong(m.group(1));
      assertThat(timeout).as(x.detail()).isLessThan(3000).isGreaterThanOrEqualTo(200);
      assertThat(x.rttMs()).isEmpty();
    }
    // the timeout adapted to at least twice the slowest answer seen before it was used
    assertThat(slowest).isGreaterThan(90);
  }
}
