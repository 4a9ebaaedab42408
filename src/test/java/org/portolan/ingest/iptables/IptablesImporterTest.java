package org.portolan.ingest.iptables;

import static org.assertj.core.api.Assertions.assertThat;
import static org.portolan.ingest.acl.AclAssert.verdict;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.portolan.diag.Diagnostics;
import org.portolan.diag.SourcePosition;
import org.portolan.ingest.acl.Acl;
import org.portolan.ingest.acl.AclAssert;
import org.portolan.ingest.acl.Action;
import org.portolan.ingest.acl.Box;
import org.portolan.ingest.acl.Ranges;
import org.portolan.ingest.acl.Space;
import org.portolan.verify.FlowResult;
import org.portolan.verify.Verdict;

class IptablesImporterTest {
  final Diagnostics d = new Diagnostics();
  final Acl acl = AclAssert.load("/ingest/iptables/sample.save", d);

  @Test
  void userChainsMultiportRejectAndPolicyDecideFlows() {
    FlowResult web = verdict(acl, "198.18.1.5", "198.19.0.10", "tcp", "80 443");
    assertThat(web.verdict().keyword()).isEqualTo("partial");
    assertThat(web.verdict().rule().line()).isEqualTo(12);
    assertThat(web.verdict().blockedParts()).singleElement().satisfies(b -> {
      assertThat(b.ports()).isEqualTo("443");
      assertThat(b.rule().text()).contains("REJECT");
    });
    assertThat(verdict(acl, "198.18.1.5", "198.19.0.53", "udp", "53").verdict().keyword()).isEqualTo("allowed");
    FlowResult ssh = verdict(acl, "198.18.1.5", "198.19.0.10", "tcp", "22");
    assertThat(ssh.verdict().keyword()).isEqualTo("blocked");
    assertThat(ssh.verdict().rule().text()).isEqualTo(":FORWARD DROP [0:0]");
    // outside the source range of the jump: policy
    assertThat(verdict(acl, "198.18.2.5", "198.19.0.10", "tcp", "80").verdict().keyword()).isEqualTo("blocked");
    assertThat(d.all()).isEmpty();
  }

  /** iptables(8): "-p 0" is every protocol; read as protocol 0 it hid the widening compile once wrote. */
  @Test
  void protocolZeroIsEveryProtocol() {
    Diagnostics d0 = new Diagnostics();
    Acl zero = org.portolan.ingest.RulesetImporter.read("*filter\n:INPUT ACCEPT [0:0]\n:FORWARD DROP [0:0]\n:OUTPUT ACCEPT [0:0]\n-A FORWARD -p 0 -j ACCEPT\nCOMMIT\n",
        "zero.v4", Optional.empty(), d0).orElseThrow();
    assertThat(verdict(zero, "198.18.1.5", "198.19.0.10", "tcp", "8080").verdict().keyword()).isEqualTo("allowed");
    assertThat(verdict(zero, "198.18.1.5", "198.19.0.10", "udp", "5353").verdict().keyword()).isEqualTo("allowed");
  }

  @Test
  void statesAndIcmpTypesConvert() {
    assertThat(IptablesConverter.states("RELATED,ESTABLISHED")).contains(Ranges.single(Box.ESTABLISHED).union(Ranges.single(Box.RELATED)));
    assertThat(IptablesConverter.states("NEW,BOGUS")).isEmpty();
    assertThat(IptablesConverter.icmpType("echo-request")).contains(Ranges.of(8 * 256, 8 * 256 + 255));
    assertThat(IptablesConverter.icmpType("3/4")).contains(Ranges.single(3 * 256 + 4));
    assertThat(IptablesConverter.icmpType("x/y")).isEmpty();
  }

  @Test
  void unknownTargetIsUndeterminedWithAWarningAtItsLine() {
    Diagnostics w = new Diagnostics();
    Action a = IptablesConverter.action(new IptablesRule.Target("TARPIT", false), Set.of(), new SourcePosition("f", 7, 1), w);
    assertThat(a).isEqualTo(new Action.Unknown("target TARPIT"));
    assertThat(w.warnings()).singleElement().satisfies(x -> assertThat(x.render()).startsWith("f:7:1: warning: target 'TARPIT'"));
    assertThat(IptablesConverter.action(new IptablesRule.Target("LOG", false), Set.of(), new SourcePosition("f", 7, 1), w)).isInstanceOf(Action.Continue.class);
    assertThat(IptablesConverter.action(new IptablesRule.Target("U1", true), Set.of("U1"), new SourcePosition("f", 7, 1), w)).isEqualTo(new Action.Goto("U1"));
  }

  @Test
  void unmodelledMatchMakesTheVerdictUndeterminedOnlyWhereItCouldChangeIt() {
    String text = "*filter\n:FORWARD DROP [0:0]\n-A FORWARD -p tcp -m time --timestart 09:00 -m tcp --dport 22 -j ACCEPT\n"
        + "-A FORWARD -p tcp -m statistic --mode random --probability 0.5 -j DROP\n-A FORWARD -p udp -m statistic --mode nth --every 2 -j DROP\n"
        + "-A FORWARD -p udp -m udp --dport 9 -j DROP\n-A FORWARD -j ACCEPT\nCOMMIT\n";
    Diagnostics w = new Diagnostics();
    Acl a = IptablesImporter.read(text, "t.save", w).orElseThrow();
    assertThat(w.warnings()).hasSize(3);
    assertThat(w.warnings().getFirst().position()).isEqualTo(new SourcePosition("t.save", 3, 1));
    assertThat(w.warnings().getFirst().message()).contains("-m time", "undetermined");
    // tcp 22: line 3 would accept (as line 7 does), but line 4 may drop: undetermined, naming line 4
    FlowResult ssh = verdict(a, "198.18.1.1", "198.19.0.1", "tcp", "22");
    assertThat(ssh.verdict()).isInstanceOfSatisfying(Verdict.Undetermined.class, u -> {
      assertThat(u.doubt().line().line()).isEqualTo(4);
      assertThat(u.doubt().construct()).contains("-m statistic");
      assertThat(u.doubt().hint()).contains("if line 4 matches: blocked", "accepted by line 7");
    });
    // udp 9: dropped whether or not line 5 matches
    assertThat(verdict(a, "198.18.1.1", "198.19.0.1", "udp", "9").verdict()).isInstanceOfSatisfying(Verdict.Blocked.class, b -> assertThat(b.rule().line()).isEqualTo(6));
    assertThat(verdict(a, "198.18.1.1", "198.19.0.1", "udp", "53").verdict().keyword()).isEqualTo("undetermined");
    assertThat(verdict(a, "198.18.1.1", "198.19.0.1", "icmp", "8").verdict().keyword()).isEqualTo("allowed");
  }

  @Test
  void negationInterfacesAndPortsAreExact() {
    String text = "*filter\n:FORWARD DROP [0:0]\n:OUTPUT ACCEPT [0:0]\n-A FORWARD -m state --state ESTABLISHED -j ACCEPT\n"
        + "-A FORWARD ! -s 198.18.1.0/24 -j DROP\n-A FORWARD -i eth1 -o eth0 -p tcp -m tcp ! --dport 1000:2000 -j ACCEPT\nCOMMIT\n";
    Acl a = IptablesImporter.read(text, "n.save", new Diagnostics()).orElseThrow();
    var opt = org.portolan.verify.VerifyOptions.DEFAULT.withInterfaces(Optional.of("eth1"), Optional.of("eth0"));
    FlowResult r = verdict(a, opt, "198.18.1.7", "198.19.0.1", "tcp", "999-1001 2000-2001");
    assertThat(r.verdict().keyword()).isEqualTo("partial");
    assertThat(r.verdict().blockedParts()).extracting(b -> b.ports()).containsExactly("1000-1001 2000");
    assertThat(verdict(a, opt, "198.18.2.7", "198.19.0.1", "tcp", "80").verdict().rule().line()).isEqualTo(5);
    var wrongWay = org.portolan.verify.VerifyOptions.DEFAULT.withInterfaces(Optional.of("eth0"), Optional.of("eth1"));
    assertThat(verdict(a, wrongWay, "198.18.1.7", "198.19.0.1", "tcp", "80").verdict().keyword()).isEqualTo("blocked");
  }

  @Test
  void malformedInputGivesPositionedErrors() {
    Diagnostics e = new Diagnostics();
    assertThat(IptablesImporter.read("*filter\n:FORWARD DROP [0:0]\n-A NOPE -j ACCEPT\n", "bad.save", e)).isEmpty();
    assertThat(e.errors()).extracting(x -> x.render()).containsExactly(
        "bad.save:3:4: error: rule appends to chain 'NOPE', which this table does not declare",
        "bad.save:1:1: error: table *filter is never closed with COMMIT");
    Diagnostics f = new Diagnostics();
    assertThat(IptablesImporter.read("*filter\n:FORWARD MAYBE [0:0]\nCOMMIT\n", "p.save", f)).isEmpty();
    assertThat(f.errors().getFirst().position()).isEqualTo(new SourcePosition("p.save", 2, 10));
    assertThat(List.of(f.errors().getFirst().message())).allMatch(m -> m.contains("expected policy"));
  }
}
