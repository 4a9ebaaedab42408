package org.portolan.probe;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.portolan.testing.Cli;
import org.portolan.testing.Lab;
import org.portolan.testing.NetworkTest;

/**
 * The go-live rehearsal: {@code portolan listen} stands in for a domain controller inside a
 * namespace whose nft ruleset (hand-written, policy drop) allows exactly the required flows;
 * {@code portolan probe} on the other side must find every required flow open, and a flow
 * the firewall does not allow must come out filtered even though a listener is behind it.
 */
@NetworkTest
class ListenProbeNetTest {
  static Lab lab;
  static Lab.Host dcHost;
  static Lab.Uplink ns;
  @TempDir static Path dir;
  static Path flows;

  @BeforeAll
  static void setUp() throws Exception {
    lab = Lab.create();
    dcHost = lab.host("dc");
    ns = lab.uplink(dcHost);
    String dc = ns.addr(2), client = ns.addr(1);
    flows = dir.resolve("flows.csv");
    Files.writeString(flows, """
        name,src,dst,proto,ports
        dns,%1$s,%2$s,udp,53
        dns-tcp,%1$s,%2$s,tcp,53
        kerberos,%1$s,%2$s,udp,88
        kerberos-tcp,%1$s,%2$s,tcp,88
        ntp,%1$s,%2$s,udp,123
        netbios-ns,%1$s,%2$s,udp,137
        rpc-epm,%1$s,%2$s,tcp,135
        rpc-dynamic,%1$s,%2$s,tcp,49152-65535
        cldap,%1$s,%2$s,udp,389
        ldap,%1$s,%2$s,tcp,389 636 3268-3269
        smb,%1$s,%2$s,tcp,445
        kpasswd,%1$s,%2$s,udp,464
        snmp,%1$s,%2$s,udp,161
        tftp,%1$s,%2$s,udp,69
        dhcp,%1$s,%2$s,udp,67
        pxe,%1$s,%2$s,udp,4011
        """.formatted(client, dc));
    Path extra = dir.resolve("listen.csv");
    Files.writeString(extra, Files.readString(flows) + "not-allowed,%1$s,%2$s,tcp,8443\n".formatted(client, dc));
    dcHost.nft("""
        table inet dcfw {
          chain input {
            type filter hook input priority 0; policy drop;
            iif "lo" accept
            ct state established,related accept
            ip saddr %1$s udp dport { 53, 67, 69, 88, 123, 137, 161, 389, 464, 4011 } accept
            ip saddr %1$s tcp dport { 53, 88, 135, 389, 445, 636, 3268-3269, 49152-65535 } accept
          }
        }
        """.formatted(client));
    dcHost.start(Cli.command("listen", "--flows", extra.toString(), "--as", dc, "--duration", "120s")).await("ready:");
  }

  @AfterAll
  static void tearDown() {
    if (lab != null) lab.close();
  }

  static JsonNode probe(Path csv, List<String> extraArgs, int expectedExit) throws Exception {
    List<String> args = new ArrayList<>(List.of("probe", "--flows", csv.toString(), "--from", ns.addr(1), "--format", "json", "--timeout", "1000ms"));
    args.addAll(extraArgs);
    Cli r = Cli.run(args);
    assertThat(r.code()).as("exit code; stderr: %s; stdout: %s", r.err(), r.out()).isEqualTo(expectedExit);
    return new ObjectMapper().readTree(r.out());
  }

  @Test
  void everyRequiredFlowIsOpenThroughTheFirewall() throws Exception {
    JsonNode report = probe(flows, List.of(), 0);
    JsonNode probes = report.get("probes");
    // 15 single-port flows (ldap has 4 ports) + 64 sampled dynamic ports
    assertThat(probes.size()).isEqualTo(15 + 3 + 64);
    for (JsonNode p : probes) {
      assertThat(p.get("state").asText()).as("%s", p).isEqualTo("open");
      assertThat(p.get("rtt_ms").isNumber()).isTrue();
      assertThat(p.get("src").asText()).isEqualTo(ns.addr(1));
      assertThat(p.get("dst").asText()).isEqualTo(ns.addr(2));
    }
    assertThat(probes.findValuesAsText("name")).contains("dns", "kerberos", "ntp", "netbios-ns", "cldap", "snmp", "tftp", "dhcp", "pxe");
    JsonNode dynamic = probes.get(probes.size() - 1);
    for (JsonNode p : probes) if (p.get("name").asText().equals("rpc-dynamic")) dynamic = p;
    // listen answers as an endpoint mapper on 135, naming the 64 dynamic ports it bound
    assertThat(dynamic.get("detail").asText()).contains("dynamic: verified via endpoint mapper (portolan listen stand-in)");
    JsonNode epm = null;
    for (JsonNode p : probes) if (p.get("name").asText().equals("rpc-epm")) epm = p;
    assertThat(epm.get("detail").asText()).contains("endpoint mapper: 64 entries");
  }

  @Test
  void aFlowTheFirewallDoesNotAllowIsFilteredDespiteItsListener() throws Exception {
    Path one = dir.resolve("blocked.csv");
    Files.writeString(one, "name,src,dst,proto,ports\nnot-allowed,%s,%s,tcp,8443\n".formatted(ns.addr(1), ns.addr(2)));
    JsonNode p = probe(one, List.of(), 1).get("probes").get(0);
    assertThat(p.get("state").asText()).isEqualTo("filtered");
    assertThat(p.get("rtt_ms").isNull()).isTrue();
    assertThat(p.get("port").asInt()).isEqualTo(8443);
  }
}
