package org.portolan.observe;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each reader against its format's documented field order, one behaviour per test. */
class LogReadersTest {
  record Parsed(List<LogRecord> records, List<String> problems) {}

  static Parsed parse(LineParser p, String... lines) {
    List<LogRecord> out = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    long n = 0;
    for (String l : lines) {
      String why = p.parse(l, ++n, out::add);
      if (why != null) problems.add(n + ": " + why);
    }
    return new Parsed(out, problems);
  }

  static String tuple(LogRecord r) {
    return LogRecord.protoName(r.proto()) + " " + r.src() + ":" + r.srcPort() + " > " + r.dst() + ":" + r.dstPort() + " " + r.action().keyword()
        + (r.device().isEmpty() ? "" : " @" + r.device()) + (r.rule().isEmpty() ? "" : " [" + r.rule() + "]");
  }

  @Test
  void vpcDefaultVersion2ReadsEveryFieldAndSkipsNodata() {
    Parsed p = parse(new VpcFlowLog(VpcFlowLog.DEFAULT_V2),
        "2 123456789012 eni-0a1 198.18.1.7 198.18.2.10 49152 443 6 10 840 1764582000 1764582060 ACCEPT OK",
        "2 123456789012 eni-0a1 198.18.1.7 198.18.2.10 49153 22 6 1 60 1764582000 1764582060 REJECT OK",
        "2 123456789012 eni-0a1 - - - - - - - 1764582000 1764582060 - NODATA");
    assertThat(p.problems()).isEmpty();
    assertThat(p.records()).extracting(LogReadersTest::tuple).containsExactly(
        "tcp 198.18.1.7:49152 > 198.18.2.10:443 accept @eni-0a1", "tcp 198.18.1.7:49153 > 198.18.2.10:22 deny @eni-0a1");
    LogRecord r = p.records().getFirst();
    assertThat(r.packets()).isEqualTo(10);
    assertThat(r.bytes()).isEqualTo(840);
    assertThat(Instant.ofEpochMilli(r.time())).isEqualTo(Instant.ofEpochSecond(1764582000));
    assertThat(Instant.ofEpochMilli(r.end())).isEqualTo(Instant.ofEpochSecond(1764582060));
  }

  @Test
  void vpcCustomFormatFollowsItsHeader() {
    VpcFlowLog p = VpcFlowLog.fromHeader("version vpc-id instance-id interface-id srcaddr dstaddr srcport dstport protocol pkt-srcaddr tcp-flags action log-status");
    assertThat(p).isNotNull();
    Parsed r = parse(p, "5 vpc-1 i-0abc eni-9 2001:db8::5 2001:db8::10 50000 53 17 2001:db8::5 0 ACCEPT OK");
    assertThat(r.problems()).isEmpty();
    assertThat(r.records()).extracting(LogReadersTest::tuple).containsExactly("udp 2001:db8::5:50000 > 2001:db8::10:53 accept @eni-9");
    assertThat(r.records().getFirst().time()).isEqualTo(LogRecord.NO_TIME);
  }

  @Test
  void vpcMalformedRecordsSayWhatWasExpected() {
    Parsed p = parse(new VpcFlowLog(VpcFlowLog.DEFAULT_V2),
        "2 1 eni-1 198.18.1.7 198.18.2.10 49152 443 6 10 840 1764582000 1764582060 ACCEPT",
        "2 1 eni-1 198.18.1.777 198.18.2.10 49152 443 6 10 840 1764582000 1764582060 ACCEPT OK",
        "2 1 eni-1 198.18.1.7 198.18.2.10 49152 70000 6 10 840 1764582000 1764582060 ACCEPT OK",
        "2 1 eni-1 198.18.1.7 198.18.2.10 49152 443 6 10 840 1764582000 1764582060 MAYBE OK");
    assertThat(p.records()).isEmpty();
    assertThat(p.problems()).satisfiesExactly(
        a -> assertThat(a).startsWith("1: expected 14 space-separated fields"),
        a -> assertThat(a).isEqualTo("2: srcaddr must be an IP address, found 198.18.1.777"),
        a -> assertThat(a).isEqualTo("3: dstport must be 0-65535, found 70000"),
        a -> assertThat(a).isEqualTo("4: action must be ACCEPT or REJECT, found MAYBE"));
  }

  @Test
  void kernelLogInDmesgSyslogJournalAndUlogdForms() {
    String body = "IN=veth0 OUT= MAC=aa:bb SRC=198.18.6.1 DST=198.18.6.2 LEN=60 TOS=0x00 PREC=0x00 TTL=64 ID=1 DF PROTO=TCP SPT=40000 DPT=22 WINDOW=64240 RES=0x00 SYN URGP=0";
    Parsed p = parse(new KernelLog(2026),
        "[12345.678901] pk-DROP: " + body,
        "Dec  1 09:40:58 fw1 kernel: [12345.678901] pk-ACCEPT " + body,
        "2026-12-01T09:40:58+0000 fw2 kernel: INPUT-LOG " + body,
        "Dec  1 09:40:58 ns1 pk-REJECT " + body.replace("PROTO=TCP SPT=40000 DPT=22", "PROTO=UDP SPT=5353 DPT=53"),
        "Dec  1 09:40:59 fw1 sshd[12]: Accepted publickey for root");
    assertThat(p.problems()).isEmpty();
    assertThat(p.records()).extracting(LogReadersTest::tuple).containsExactly(
        "tcp 198.18.6.1:40000 > 198.18.6.2:22 deny @kernel [pk-DROP:]",
        "tcp 198.18.6.1:40000 > 198.18.6.2:22 accept @fw1 [pk-ACCEPT]",
        "tcp 198.18.6.1:40000 > 198.18.6.2:22 unknown @fw2 [INPUT-LOG]",
        "udp 198.18.6.1:5353 > 198.18.6.2:53 deny @ns1 [pk-REJECT]");
    assertThat(p.records().get(0).time()).isEqualTo(LogRecord.NO_TIME);
    assertThat(Instant.ofEpochMilli(p.records().get(1).time())).isEqualTo(Instant.parse("2026-12-01T09:40:58Z"));
    assertThat(Instant.ofEpochMilli(p.records().get(2).time())).isEqualTo(Instant.parse("2026-12-01T09:40:58Z"));
  }

  @Test
  void kernelLogLinesWithBrokenFieldsAreMalformed() {
    Parsed p = parse(new KernelLog(2026), "x IN=e SRC=198.18.6.300 DST=198.18.6.2 PROTO=TCP SPT=1 DPT=2",
        "x IN=e SRC=198.18.6.1 DST=198.18.6.2 PROTO=TCP SPT=1");
    assertThat(p.records()).isEmpty();
    assertThat(p.problems()).containsExactly("1: SRC= must be an IP address, found 198.18.6.300", "2: expected SPT= and DPT= for TCP");
  }

  @Test
  void asaMessagesBecomeRecordsWithAclAndDirection() {
    Parsed p = parse(new AsaSyslog(2026),
        "Dec 01 2026 09:40:58: %ASA-4-106023: Deny tcp src outside:203.0.113.5/40000 dst inside:198.18.2.10/3389 by access-group \"outside_in\" [0x0, 0x0]",
        "Dec  1 09:40:58 fw1 %ASA-6-106100: access-list inside_out permitted udp inside/198.18.1.7(5353) -> outside/198.18.2.53(53) hit-cnt 4 first hit [0x1, 0x2]",
        "Dec  1 09:40:58 fw1 %ASA-2-106001: Inbound TCP connection denied from 203.0.113.5/40001 to 198.18.2.10/22 flags SYN  on interface outside",
        "Dec  1 09:40:58 fw1 %ASA-6-106015: Deny TCP (no connection) from 198.18.1.7/40002 to 198.18.2.10/443 flags RST  on interface inside",
        "Dec  1 09:40:58 fw1 %ASA-6-302013: Built inbound TCP connection 11 for outside:203.0.113.5/40003 (203.0.113.5/40003) to inside:198.18.2.10/443 (198.51.100.10/443)",
        "Dec  1 09:40:58 fw1 %ASA-6-302013: Built outbound TCP connection 12 for outside:198.18.9.9/80 (198.18.9.9/80) to inside:198.18.1.7/40004 (198.51.100.7/40004)",
        "Dec  1 09:40:58 fw1 %ASA-6-302015: Built outbound UDP connection 13 for outside:198.18.2.53/53 (198.18.2.53/53) to inside:198.18.1.7/40005 (198.51.100.7/40005)",
        "Dec  1 09:40:59 fw1 %ASA-6-302014: Teardown TCP connection 11 for outside:203.0.113.5/40003 to inside:198.18.2.10/443 duration 0:00:01 bytes 100 TCP FINs",
        "Dec  1 09:40:59 fw1 %ASA-5-111008: User 'enable_15' executed the 'write memory' command.");
    assertThat(p.problems()).isEmpty();
    assertThat(p.records()).extracting(LogReadersTest::tuple).containsExactly(
        "tcp 203.0.113.5:40000 > 198.18.2.10:3389 deny @asa [outside_in]",
        "udp 198.18.1.7:5353 > 198.18.2.53:53 accept @fw1 [inside_out]",
        "tcp 203.0.113.5:40001 > 198.18.2.10:22 deny @fw1 outside",
        "tcp 198.18.1.7:40002 > 198.18.2.10:443 deny @fw1 inside [(no connection)]",
        "tcp 203.0.113.5:40003 > 198.18.2.10:443 accept @fw1",
        "tcp 198.18.1.7:40004 > 198.18.9.9:80 accept @fw1",
        "udp 198.18.1.7:40005 > 198.18.2.53:53 accept @fw1");
    assertThat(p.records().get(1).records()).isEqualTo(4);
    assertThat(Instant.ofEpochMilli(p.records().getFirst().time())).isEqualTo(Instant.parse("2026-12-01T09:40:58Z"));
  }

  @Test
  void asaMessageThatDoesNotFitItsFormatIsMalformed() {
    Parsed p = parse(new AsaSyslog(2026), "%ASA-4-106023: Deny tcp from somewhere");
    assertThat(p.problems()).singleElement().asString().startsWith("1: 106023: expected Deny PROTO src");
  }

  @Test
  void gcpFirewallAndFlowLogEntries() {
    Parsed p = parse(new GcpFlowLog(),
        "{\"jsonPayload\":{\"connection\":{\"src_ip\":\"198.18.1.7\",\"dest_ip\":\"198.18.2.10\",\"src_port\":40000,\"dest_port\":22,\"protocol\":6},"
            + "\"disposition\":\"DENIED\",\"rule_details\":{\"reference\":\"network:default/firewall:deny-ssh\"},\"instance\":{\"vm_name\":\"web-1\"}},"
            + "\"timestamp\":\"2026-12-01T09:40:58Z\"}",
        "{\"jsonPayload\":{\"connection\":{\"src_ip\":\"198.18.1.7\",\"dest_ip\":\"198.18.2.10\",\"src_port\":40001,\"dest_port\":443,\"protocol\":6},"
            + "\"reporter\":\"DEST\",\"dest_instance\":{\"vm_name\":\"web-1\"},\"bytes_sent\":\"1200\",\"packets_sent\":\"7\","
            + "\"start_time\":\"2026-12-01T09:40:00Z\",\"end_time\":\"2026-12-01T09:40:05Z\"}}",
        "{\"jsonPayload\":{\"connection\":{\"src_ip\":\"198.18.1.7\"}}}",
        "not json");
    assertThat(p.records()).extracting(LogReadersTest::tuple).containsExactly(
        "tcp 198.18.1.7:40000 > 198.18.2.10:22 deny @web-1 [network:default/firewall:deny-ssh]",
        "tcp 198.18.1.7:40001 > 198.18.2.10:443 unknown @web-1");
    assertThat(p.records().get(1).bytes()).isEqualTo(1200);
    assertThat(p.problems()).satisfiesExactly(a -> assertThat(a).startsWith("3: connection.dest_ip must be an IP address"),
        a -> assertThat(a).startsWith("4: expected one JSON LogEntry per line"));
  }

  @Test
  void azureNsgVersion2AndVnetFlowLogs() throws Exception {
    String doc = """
        {"records": [
          {"time": "2026-12-01T09:41:00Z", "category": "NetworkSecurityGroupFlowEvent",
           "resourceId": "/SUBSCRIPTIONS/S/RESOURCEGROUPS/G/PROVIDERS/MICROSOFT.NETWORK/NETWORKSECURITYGROUPS/NSG-WEB",
           "properties": {"Version": 2, "flows": [
             {"rule": "DefaultRule_DenyAllInBound", "flows": [{"mac": "000D3A", "flowTuples": [
               "1764582000,203.0.113.5,198.18.2.10,40000,3389,T,I,D,B,,,,"]}]},
             {"rule": "UserRule_allow-https", "flows": [{"mac": "000D3A", "flowTuples": [
               "1764582001,198.18.1.7,198.18.2.10,40001,443,T,I,A,B,,,,",
               "1764582060,198.18.1.7,198.18.2.10,40001,443,T,I,A,E,10,900,9,5000"]}]}]}},
          {"time": "2026-12-01T09:41:00Z", "flowLogVersion": 4, "category": "FlowLogFlowEvent",
           "targetResourceID": "/subscriptions/s/resourceGroups/g/providers/Microsoft.Network/virtualNetworks/vnet-1",
           "flowRecords": {"flows": [{"aclID": "a-1", "flowGroups": [{"rule": "DefaultRule_DenyAllInBound", "flowTuples": [
             "1764582000123,203.0.113.6,198.18.2.10,40002,22,6,I,D,NX,0,0,0,0",
             "1764582000456,198.18.1.7,198.18.2.53,40003,53,17,O,B,NX,1,70,1,120",
             "1764582000456,198.18.1.7,198.18.2.53,40003,53,17,O,Q,NX,1,70,1,120"]}]}]}}
        ]}
        """;
    List<LogRecord> out = new ArrayList<>();
    List<Malformed> bad = new ArrayList<>();
    long[] skipped = {0};
    AzureFlowLog.read(new ByteArrayInputStream(doc.getBytes(StandardCharsets.UTF_8)), "nsg.json", new RecordSink() {
      public void record(LogRecord r) { out.add(r); }
      public void malformed(Malformed m) { bad.add(m); }
      public void skipped() { skipped[0]++; }
    });
    assertThat(out).extracting(LogReadersTest::tuple).containsExactly(
        "tcp 203.0.113.5:40000 > 198.18.2.10:3389 deny @NSG-WEB [DefaultRule_DenyAllInBound]",
        "tcp 198.18.1.7:40001 > 198.18.2.10:443 accept @NSG-WEB [UserRule_allow-https]",
        "tcp 203.0.113.6:40002 > 198.18.2.10:22 deny @vnet-1 [DefaultRule_DenyAllInBound]",
        "udp 198.18.1.7:40003 > 198.18.2.53:53 accept @vnet-1 [DefaultRule_DenyAllInBound]");
    assertThat(skipped[0]).isEqualTo(1); // the E tuple
    assertThat(bad).singleElement().satisfies(m -> {
      assertThat(m.reason()).contains("Q");
      assertThat(m.line()).isEqualTo(10); // the line its record starts on
      assertThat(m.offset()).isPositive();
    });
    assertThat(out.get(2).time()).isEqualTo(1764582000123L);
  }

  @Test
  void netflowVersion5NineAndIpfixWithTemplates() {
    ExportPackets.Flow web = new ExportPackets.Flow(ExportPackets.v4("198.18.1.7"), ExportPackets.v4("198.18.2.10"), 40000, 443, 6, 0x1B, 10, 900);
    ExportPackets.Flow syn = new ExportPackets.Flow(ExportPackets.v4("198.18.1.7"), ExportPackets.v4("198.18.2.10"), 40001, 22, 6, 0x02, 3, 180);
    List<LogRecord> out = new ArrayList<>();
    List<Malformed> bad = new ArrayList<>();
    RecordSink sink = new RecordSink() {
      public void record(LogRecord r) { out.add(r); }
      public void malformed(Malformed m) { bad.add(m); }
      public void skipped() {}
    };
    NetFlow nf = new NetFlow();
    byte[] v5 = ExportPackets.v5(1764582000, web, syn);
    nf.packet(v5, 0, v5.length, 0, org.portolan.attribution.Ip.v4(0x7F000001), "x", 0, sink);
    byte[] early = ExportPackets.v9(1764582000, false, web); // data before its template
    nf.packet(early, 0, early.length, 0, 1, "x", 1, sink);
    byte[] v9 = ExportPackets.v9(1764582000, true, web);
    nf.packet(v9, 0, v9.length, 0, 1, "x", 2, sink);
    byte[] v9again = ExportPackets.v9(1764582000, false, syn); // the template is remembered
    nf.packet(v9again, 0, v9again.length, 0, 1, "x", 3, sink);
    byte[] ipfix = ExportPackets.ipfix(1764582000, true, web, syn);
    nf.packet(ipfix, 0, ipfix.length, 0, 1, "x", 4, sink);
    assertThat(out).extracting(LogReadersTest::tuple).containsExactly(
        "tcp 198.18.1.7:40000 > 198.18.2.10:443 accept @127.0.0.1 if3", "tcp 198.18.1.7:40001 > 198.18.2.10:22 unknown @127.0.0.1 if3",
        "tcp 198.18.1.7:40000 > 198.18.2.10:443 accept @::1", "tcp 198.18.1.7:40001 > 198.18.2.10:22 unknown @::1",
        "tcp 198.18.1.7:40000 > 198.18.2.10:443 accept @::1", "tcp 198.18.1.7:40001 > 198.18.2.10:22 unknown @::1");
    assertThat(bad).singleElement().satisfies(m -> assertThat(m.reason()).contains("before its template"));
    assertThat(out.get(2).packets()).isEqualTo(10);
    assertThat(Instant.ofEpochMilli(out.get(4).time())).isEqualTo(Instant.ofEpochSecond(1764582000 - 10));
    // v5: first/last are uptime-relative: 100 s uptime at export, flow from 90 s to 99 s
    assertThat(Instant.ofEpochMilli(out.get(0).time())).isEqualTo(Instant.ofEpochSecond(1764582000 - 10));
  }
}
