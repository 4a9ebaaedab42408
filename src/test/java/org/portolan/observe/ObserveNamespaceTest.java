package org.portolan.observe;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.portolan.capture.Attempt;
import org.portolan.capture.CaptureAnalysis;
import org.portolan.capture.CaptureResult;
import org.portolan.testing.Lab;
import org.portolan.testing.NetworkTest;

/**
 * observe against real producers in namespaces: NFLOG lines of a real nftables firewall written by
 * ulogd2; VPC flow log records and ASA syslog lines built, in their documented formats, from a
 * real namespace trace classified by capture.
 */
@NetworkTest
class ObserveNamespaceTest {
  static final String CLIENT = "198.18.7.1", SERVER = "198.18.7.2";
  static final String FLOWS = """
      name,src,dst,proto,ports
      web,198.18.7.1,198.18.7.2,tcp,8080
      blocked,198.18.7.1,198.18.7.2,tcp,2222
      ldap,198.18.7.1,198.18.7.2,tcp,389
      """;
  static final String SERVER_RULES = """
      table inet pk {
        chain input {
          type filter hook input priority 0; policy accept;
          udp dport 9 log group 5 prefix "pk-MARK " accept
          tcp dport 8080 ct state new log group 5 prefix "pk-ACCEPT web " accept
          tcp dport 2222 log group 5 prefix "pk-DROP blocked " drop
          tcp dport 2323 reject with tcp reset
        }
      }
      """;

  private static Lab.Host[] site(Lab lab) {
    Lab.Host client = lab.host("client"), server = lab.host("server");
    lab.link(client, "c0", CLIENT + "/24", server, "s0", SERVER + "/24");
    server.nft(SERVER_RULES);
    server.start("python3", "-u", "-m", "http.server", "8080", "--bind", SERVER).await("Serving HTTP");
    return new Lab.Host[] {client, server};
  }

  /** Web works, 2222 is dropped (SYN retransmits), 2323 is rejected, and one unexplained UDP datagram to 5353. */
  private static void traffic(Lab.Host client) {
    client.run("python3", "-c", String.join("\n",
        "import socket, urllib.request",
        "for i in range(3): urllib.request.urlopen('http://" + SERVER + ":8080/').read()",
        "for port in (2222, 2323):",
        "    s = socket.socket(); s.settimeout(1.5)",
        "    print(port, s.connect_ex(('" + SERVER + "', port))); s.close()",
        "u = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); u.sendto(b'x', ('" + SERVER + "', 5353))"));
  }

  @Test
  void nflogLinesOfARealFirewallThroughUlogd2(@TempDir Path dir) throws Exception {
    Lab.requireTools("ulogd", "nft", "python3");
    try (Lab lab = Lab.create()) {
      Lab.Host[] s = site(lab);
      Lab.Host client = s[0], server = s[1];
      Path emu = dir.resolve("ulogd-emu.log");
      Path conf = dir.resolve("ulogd.conf");
      String plugins = "/usr/lib/x86_64-linux-gnu/ulogd/";
      Files.writeString(conf, String.join("\n",
          "[global]",
          "logfile=\"" + dir.resolve("ulogd.log") + "\"",
          "plugin=\"" + plugins + "ulogd_inppkt_NFLOG.so\"",
          "plugin=\"" + plugins + "ulogd_raw2packet_BASE.so\"",
          "plugin=\"" + plugins + "ulogd_filter_IFINDEX.so\"",
          "plugin=\"" + plugins + "ulogd_filter_IP2STR.so\"",
          "plugin=\"" + plugins + "ulogd_filter_PRINTPKT.so\"",
          "plugin=\"" + plugins + "ulogd_output_LOGEMU.so\"",
          "stack=log1:NFLOG,base1:BASE,ifi1:IFINDEX,ip2str1:IP2STR,print1:PRINTPKT,emu1:LOGEMU",
          "[log1]", "group=5", "[emu1]", "file=\"" + emu + "\"", "sync=1", ""));
      server.start("ulogd", "-c", conf.toString());
      // ready once a marker datagram's log line is in the file
      Lab.await("ulogd2 to log the marker", Duration.ofSeconds(40), () -> {
        client.run("python3", "-c", "import socket; socket.socket(socket.AF_INET, socket.SOCK_DGRAM).sendto(b'm', ('" + SERVER + "', 9))");
        try {
          return Files.exists(emu) && Files.readString(emu).contains("DPT=9 ");
        } catch (java.io.IOException e) {
          return false;
        }
      });
      traffic(client);
      Lab.await("the denied SYNs in the log", Duration.ofSeconds(30), () -> {
        try {
          return Files.readString(emu).contains("DPT=2222");
        } catch (java.io.IOException e) {
          return false;
        }
      });
      ObserveResult r = Observer.observe(List.of(emu), Partial.plan(FLOWS, "flows.csv"), Observer.Options.defaults());
      assertThat(r.inputs()).extracting(ObserveResult.Input::format).containsExactly("kernel");
      assertThat(r.stats().malformed()).as("%s", r.malformed()).isZero();
      assertThat(flow(r, "web").status()).isEqualTo(ObserveResult.Status.WORKING);
      ObserveResult.FlowObservation blocked = flow(r, "blocked");
      assertThat(blocked.status()).isEqualTo(ObserveResult.Status.DENIED);
      assertThat(blocked.denials()).singleElement().satisfies(d -> assertThat(d.rule()).isEqualTo("pk-DROP blocked"));
      assertThat(blocked.denied()).as("the SYN (and its retransmissions, when logged in time)").isPositive();
      assertThat(flow(r, "ldap").status()).isEqualTo(ObserveResult.Status.NOT_SEEN);
      assertThat(r.rules()).extracting(ObserveResult.RuleHits::rule).contains("pk-ACCEPT web", "pk-DROP blocked", "pk-MARK");
      assertThat(r.unexplained()).extracting(c -> c.proto() + "/" + c.port()).contains("udp/9");
    }
  }

  @Test
  void vpcRecordsAndAsaLinesBuiltFromARealTrace(@TempDir Path dir) throws Exception {
    Lab.requireTools("tcpdump", "nft", "python3");
    CaptureResult trace;
    try (Lab lab = Lab.create()) {
      Lab.Host[] s = site(lab);
      Lab.Host client = s[0];
      Path pcap = dir.resolve("trace.pcap");
      Lab.Capture cap = client.tcpdump(pcap, SERVER, "-i", "c0");
      traffic(client);
      cap.stop();
      trace = CaptureAnalysis.analyze(pcap, null);
    }
    // the documented formats: VPC default v2 and a custom format (header line), ASA 302013 / 106023
    long t = 1764582000;
    List<String> v2 = new ArrayList<>(), custom = new ArrayList<>(List.of("version srcaddr dstaddr srcport dstport protocol action log-status tcp-flags")),
        asa = new ArrayList<>();
    int id = 1;
    for (Attempt a : trace.attempts()) {
      boolean ok = a.outcome().works();
      int proto = a.proto().equals("tcp") ? 6 : 17;
      v2.add("2 123456789012 eni-7 " + a.src() + " " + a.dst() + " " + a.srcPort() + " " + a.port() + " " + proto + " " + (a.retransmits() + 1)
          + " 60 " + t + " " + (t + 10) + " " + (ok ? "ACCEPT" : "REJECT") + " OK");
      custom.add("5 " + a.src() + " " + a.dst() + " " + a.srcPort() + " " + a.port() + " " + proto + " " + (ok ? "ACCEPT" : "REJECT") + " OK 2");
      asa.add(ok ? "Dec 01 2025 09:40:0" + (id % 10) + ": %ASA-6-" + (proto == 6 ? "302013: Built inbound TCP" : "302015: Built inbound UDP")
          + " connection " + id + " for outside:" + a.src() + "/" + a.srcPort() + " (" + a.src() + "/" + a.srcPort() + ") to inside:" + a.dst() + "/"
          + a.port() + " (" + a.dst() + "/" + a.port() + ")"
          : "Dec 01 2025 09:40:0" + (id % 10) + ": %ASA-4-106023: Deny " + a.proto() + " src outside:" + a.src() + "/" + a.srcPort() + " dst inside:"
              + a.dst() + "/" + a.port() + " by access-group \"outside_in\" [0x0, 0x0]");
      id++;
    }
    Path v2f = dir.resolve("v2.log"), cf = dir.resolve("custom.log"), af = dir.resolve("asa.log");
    Files.write(v2f, v2);
    Files.write(cf, custom);
    Files.write(af, asa);
    for (Path f : List.of(v2f, cf, af)) {
      ObserveResult r = Observer.observe(List.of(f), Partial.plan(FLOWS, "flows.csv"), Observer.Options.defaults());
      assertThat(r.stats().malformed()).as("%s: %s", f, r.malformed()).isZero();
      assertThat(flow(r, "web").status()).as("%s", f).isEqualTo(ObserveResult.Status.WORKING);
      assertThat(flow(r, "blocked").status()).as("%s", f).isEqualTo(ObserveResult.Status.DENIED);
      assertThat(flow(r, "ldap").status()).isEqualTo(ObserveResult.Status.NOT_SEEN);
      assertThat(r.unexplained()).extracting(c -> c.proto() + "/" + c.port()).as("%s", f).contains("tcp/2323");
    }
    ObserveResult asaResult = Observer.observe(List.of(af), Partial.plan(FLOWS, "flows.csv"), Observer.Options.defaults());
    assertThat(flow(asaResult, "blocked").denials()).singleElement().satisfies(d -> assertThat(d.rule()).isEqualTo("outside_in"));
  }

  private static ObserveResult.FlowObservation flow(ObserveResult r, String name) {
    return r.flows().stream().filter(f -> f.flow().equals(name)).findFirst().orElseThrow();
  }
}
