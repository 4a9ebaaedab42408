package org.portolan.change;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.portolan.compile.CompileOptions;
import org.portolan.compile.Compiler;
import org.portolan.compile.Dialects;
import org.portolan.compile.Output;
import org.portolan.diag.Diagnostics;
import org.portolan.ingest.RulesetImporter;
import org.portolan.ingest.acl.Acl;
import org.portolan.ingest.acl.Box;
import org.portolan.ingest.acl.Match;
import org.portolan.ingest.acl.Ranges;
import org.portolan.ingest.acl.Space;
import org.portolan.plan.FlowPlan;
import org.portolan.plan.FlowsCsv;
import org.portolan.verify.Exact;
import org.portolan.verify.Verifier;
import org.portolan.verify.VerifyOptions;
import org.portolan.verify.VerifyResult;

/** Change on ASA and AWS (checked by re-import), the round trip against compile, fail-closed refusals, tightening. */
class ChangeTest {
  static FlowPlan flows(String csv) {
    Diagnostics d = new Diagnostics();
    FlowPlan p = FlowsCsv.read("name,src,dst,proto,ports\n" + csv, "flows.csv", d);
    assertThat(d.errors()).isEmpty();
    return p;
  }

  static Acl acl(String text, String file) {
    Diagnostics d = new Diagnostics();
    Acl a = RulesetImporter.read(text, file, Optional.empty(), d).orElseThrow(() -> new AssertionError(d.all()));
    return a;
  }

  static ChangeResult change(String text, FlowPlan plan, VerifyOptions opt, boolean tighten) {
    Diagnostics d = new Diagnostics();
    Acl a = RulesetImporter.read(text, "existing", Optional.empty(), d).orElseThrow(() -> new AssertionError(d.all()));
    return Change.change(a, text, plan, opt, d.warnings(), tighten);
  }

  static final String ASA = """
      ASA Version 9.16(4)
      hostname edge
      object-group network CLIENTS
       network-object 198.18.1.0 255.255.255.0
      access-list OUTSIDE_IN remark web
      access-list OUTSIDE_IN extended permit tcp object-group CLIENTS host 198.19.0.10 eq 443
      access-list OUTSIDE_IN extended deny tcp any any eq telnet
      access-list OUTSIDE_IN extended permit udp any host 198.19.0.53 eq 53
      access-group OUTSIDE_IN in interface outside
      """;

  /** Applies ASA commands as the ASA does: "line N" inserts at that position of the list, object-groups go first. */
  static String applyAsa(String config, String delta) {
    List<String> lines = new ArrayList<>(config.lines().toList());
    List<String> groups = new ArrayList<>();
    Pattern at = Pattern.compile("^access-list (\\S+) line (\\d+) (.*)$");
    for (String c : delta.lines().toList()) {
      if (c.startsWith("!")) continue;
      if (c.startsWith("object-group") || c.startsWith(" ")) { groups.add(c); continue; }
      Matcher m = at.matcher(c);
      String acl = m.matches() ? m.group(1) : c.split(" ")[1];
      int n = 0, insertAt = -1, last = -1;
      for (int i = 0; i < lines.size(); i++) {
        if (!lines.get(i).startsWith("access-list " + acl + " ")) continue;
        last = i;
        if (m.matches() && ++n == Integer.parseInt(m.group(2))) insertAt = i;
      }
      String entry = m.matches() ? "access-list " + acl + " " + m.group(3) : c;
      lines.add(insertAt >= 0 ? insertAt : last + 1, entry);
    }
    int first = 0;
    while (!lines.get(first).startsWith("access-list")) first++;
    lines.addAll(first, groups);
    return String.join("\n", lines) + "\n";
  }

  @Test
  void asaDeltaInsertsBeforeTheDenyAndAppendsWithObjectGroupsNamedAfterTheRequirement() {
    FlowPlan plan = flows("""
        web,198.18.1.7,198.19.0.10,tcp,443
        telnet,198.18.1.7,198.19.0.23,tcp,23
        admin,198.18.5.10 198.18.5.20,198.19.0.10,tcp,22 8443
        """);
    ChangeResult r = change(ASA, plan, VerifyOptions.DEFAULT, false);
    assertThat(r.refusals()).isEmpty();
    String delta = ChangeRequest.nativeScript(r);
    assertThat(delta).contains("access-list OUTSIDE_IN line 3 remark telnet")
        .contains("access-list OUTSIDE_IN line 4 extended permit tcp host 198.18.1.7 host 198.19.0.23 eq 23")
        .contains("object-group network admin-src").contains(" network-object host 198.18.5.10")
        .contains("object-group service admin-ports tcp").contains(" port-object eq 8443");
    String applied = applyAsa(ASA, delta);
    VerifyResult v = Verifier.verify(acl(applied, "applied.cfg"), plan, VerifyOptions.DEFAULT, List.of());
    assertThat(v.allAllowed()).as(applied).isTrue();
    assertThat(change(applied, plan, VerifyOptions.DEFAULT, false).additions()).isEmpty();
    // nothing else opened: telnet to another host is still denied
    VerifyResult other = Verifier.verify(acl(applied, "applied.cfg"), flows("x,198.18.1.7,198.19.0.24,tcp,23\n"), VerifyOptions.DEFAULT, List.of());
    assertThat(other.flows().getFirst().verdict().keyword()).isEqualTo("blocked");
  }

  static final String AWS = """
      {"SecurityGroups": [{"GroupId": "sg-0aaa", "GroupName": "web", "IpPermissions": [
        {"IpProtocol": "tcp", "FromPort": 443, "ToPort": 443, "IpRanges": [{"CidrIp": "198.18.1.0/25"}]}],
       "IpPermissionsEgress": [{"IpProtocol": "-1", "IpRanges": [{"CidrIp": "0.0.0.0/0"}]}]}]}
      """;

  @Test
  void awsDeltaIsAuthorizeInputPerGroupAndTerraformAndReimportsAllowed() throws Exception {
    FlowPlan plan = flows("""
        web,198.18.1.0/24,198.19.0.10,tcp,443
        ssh,198.18.5.10,198.19.0.10,tcp,22
        """);
    VerifyOptions opt = VerifyOptions.DEFAULT.withPath("input:sg-0aaa");
    ChangeResult r = change(AWS, plan, opt, false);
    assertThat(r.refusals()).isEmpty();
    var files = ChangeRequest.extraFiles(r);
    String doc = files.get("authorize-ingress-sg-0aaa.json");
    assertThat(doc).isNotNull();
    ObjectMapper json = new ObjectMapper();
    JsonNode d = json.readTree(doc);
    assertThat(d.path("GroupId").asText()).isEqualTo("sg-0aaa");
    // exactly the missing part: the other half of the clients, and the admin host
    assertThat(doc).contains("198.18.1.128/25").contains("198.18.5.10/32").doesNotContain("198.18.1.0/24");
    assertThat(files.get("change.tf")).contains("resource \"aws_vpc_security_group_ingress_rule\"").contains("cidr_ipv4         = \"198.18.1.128/25\"");
    ObjectNode all = (ObjectNode) json.readTree(AWS);
    ArrayNode perms = (ArrayNode) all.path("SecurityGroups").get(0).path("IpPermissions");
    for (JsonNode p : d.path("IpPermissions")) perms.add(p);
    String applied = json.writeValueAsString(all);
    assertThat(Verifier.verify(acl(applied, "applied.json"), plan, opt, List.of()).allAllowed()).isTrue();
    assertThat(change(applied, plan, opt, false).additions()).isEmpty();
  }

  static final String EMPTY_IPTABLES = "*filter\n:INPUT DROP [0:0]\n:FORWARD DROP [0:0]\n:OUTPUT ACCEPT [0:0]\nCOMMIT\n";

  @Test
  void roundTripChangeOfAnEmptyPolicyDropAllowsWhatCompileAllows() {
    FlowPlan plan = flows("""
        web,198.18.1.0/24,198.19.0.10,tcp,80 443
        dns,198.18.1.0/24 198.18.5.0/24,198.19.0.53,udp,53
        ping,198.18.5.10,198.19.0.10,icmp,8
        range,198.18.1.5,198.19.0.0/28,tcp,5000-5100
        """);
    VerifyOptions opt = VerifyOptions.DEFAULT.withPath("forward").withoutRuleAnalysis();
    ChangeResult r = change(EMPTY_IPTABLES, plan, opt, false);
    assertThat(r.refusals()).isEmpty();
    Diagnostics d = new Diagnostics();
    var compiled = Compiler.render(plan, Optional.empty(), Dialects.byName("iptables").orElseThrow(), CompileOptions.defaults(), d);
    assertThat(d.errors()).isEmpty();
    Output out = compiled.values().iterator().next().getFirst();
    Acl c = acl(new String(out.content(), StandardCharsets.UTF_8), "compiled");
    Space newPackets = Match.any().family(4).state(Ranges.single(Box.NEW), false).build();
    Space byChange = accepted(r.after(), newPackets), byCompile = accepted(c, newPackets);
    assertThat(byChange.containsAll(byCompile) && byCompile.containsAll(byChange)).as("change %s%ncompile %s", byChange, byCompile).isTrue();
    assertThat(Verifier.verify(r.after(), plan, opt, List.of()).allAllowed()).isTrue();
  }

  static Space accepted(Acl acl, Space s) {
    Space out = Space.EMPTY;
    for (Exact.Part p : new Exact.Session(acl).decide(new Exact.Placed("forward", Optional.empty(), Optional.empty(), false), s, null))
      if (p.accept()) out = out.plus(p.space());
    return out;
  }

  @Test
  void failsClosedOnUnmodelledLinesAndNatButWritesTheRest() {
    String rules = """
        *nat
        :PREROUTING ACCEPT [0:0]
        :POSTROUTING ACCEPT [0:0]
        -A POSTROUTING -o r1 -j MASQUERADE
        COMMIT
        *filter
        :INPUT DROP [0:0]
        :FORWARD DROP [0:0]
        :OUTPUT ACCEPT [0:0]
        -A FORWARD -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT
        -A FORWARD -p tcp -m tcp --dport 22 -m recent --update --seconds 60 -j DROP
        COMMIT
        """;
    FlowPlan plan = flows("""
        ssh,198.18.1.7,198.19.0.10,tcp,22
        web,198.18.1.7,198.19.0.10,tcp,443
        """);
    ChangeResult r = change(rules, plan, VerifyOptions.DEFAULT.withPath("forward"), false);
    assertThat(r.refusals()).extracting(Refusal::flow).containsExactly("ssh");
    assertThat(r.refusals().getFirst().line().line()).isEqualTo(11);
    assertThat(r.additions()).extracting(Addition::flow).containsOnly("web");
    // a destination rewrite: nothing can be placed
    ChangeResult nat = change(rules.replace("-A POSTROUTING -o r1 -j MASQUERADE", "-A PREROUTING -i r0 -p tcp --dport 443 -j DNAT --to-destination 198.19.0.11"),
        plan, VerifyOptions.DEFAULT.withPath("forward"), false);
    assertThat(nat.additions()).isEmpty();
    assertThat(nat.refusals()).hasSize(2).allSatisfy(x -> assertThat(x.reason()).contains("NAT"));
  }

  /**
   * shorewall sends a refused flow out of its zone chain with {@code -g reject} into a shared
   * action chain whose first line asks the packet's address type: the accept goes into the zone
   * chain before the goto, where verify can still say allowed, not into the shared chain.
   */
  @Test
  void aFlowRefusedInsideAChainItGoesToIsPermittedBeforeTheGoto() {
    String rules = """
        *filter
        :INPUT ACCEPT [0:0]
        :FORWARD DROP [0:0]
        :OUTPUT ACCEPT [0:0]
        :zone - [0:0]
        :reject - [0:0]
        -A FORWARD -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT
        -A FORWARD -i r0 -o r1 -j zone
        -A zone -s 198.18.1.10/32 -p tcp -m tcp --dport 1001 -j ACCEPT
        -A zone -s 198.18.1.11/32 -p tcp -m tcp --dport 5000 -g reject
        -A zone -j DROP
        -A reject -m addrtype --src-type BROADCAST -j DROP
        -A reject -p tcp -j REJECT --reject-with tcp-reset
        COMMIT
        """;
    ChangeResult r = change(rules, flows("app,198.18.1.11,198.19.2.12,tcp,5000\n"),
        VerifyOptions.DEFAULT.withPath("forward").withInterfaces(Optional.of("r0"), Optional.of("r1")), false);
    assertThat(r.refusals()).isEmpty();
    assertThat(r.additions()).singleElement().satisfies(a -> {
      assertThat(a.chain()).isEqualTo("zone");
      assertThat(a.before()).hasValueSatisfying(l -> assertThat(l.text()).contains("-g reject"));
    });
    assertThat(r.afterVerdicts()).singleElement().satisfies(f -> assertThat(f.verdict().keyword()).isEqualTo("allowed"));
  }

  /** firewalld's forward chain accepts {@code ct status dnat}: a match on whether a rewrite happened, not a rewrite; a dnat statement is one. */
  @Test
  void aMatchOnNatStatusIsNoRewrite() {
    String rules = """
        table inet firewalld {
          chain filter_FORWARD {
            type filter hook forward priority filter + 10; policy accept;
            ct state established,related accept
            ct status dnat accept
            ct status != dnat ct status { snat, dnat } counter
            reject with icmpx admin-prohibited
          }
        }
        """;
    FlowPlan plan = flows("web,198.18.1.7,198.19.0.10,tcp,443\n");
    ChangeResult r = change(rules, plan, VerifyOptions.DEFAULT.withPath("forward"), false);
    assertThat(r.refusals()).isEmpty();
    assertThat(r.additions()).extracting(Addition::flow).containsExactly("web");
    ChangeResult nat = change(rules.replace("table inet firewalld {", "table ip nat {\n  chain pre {\n    type nat hook prerouting priority dstnat; policy accept;\n    tcp dport 443 dnat to 198.19.0.11\n  }\n}\ntable inet firewalld {"),
        plan, VerifyOptions.DEFAULT.withPath("forward"), false);
    assertThat(nat.additions()).isEmpty();
    assertThat(nat.refusals()).singleElement().satisfies(x -> assertThat(x.line().text()).contains("dnat to"));
  }

  @Test
  void tightenNarrowsTheOverBroadLineAndNeverProposesUnmodelledOnes() {
    String rules = """
        *filter
        :INPUT DROP [0:0]
        :FORWARD DROP [0:0]
        :OUTPUT ACCEPT [0:0]
        -A FORWARD -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT
        -A FORWARD -p tcp -m tcp --dport 443 -j ACCEPT
        -A FORWARD -p tcp -m tcp --dport 8080 -m recent --rcheck -j ACCEPT
        -A FORWARD -p udp -m udp --dport 53 -j DROP
        COMMIT
        """;
    FlowPlan plan = flows("web,198.18.1.7,198.19.0.10,tcp,443\n");
    ChangeResult r = change(rules, plan, VerifyOptions.DEFAULT.withPath("forward"), true);
    assertThat(r.additions()).isEmpty();
    Tightening t = r.tightenings().stream().filter(x -> x.kind() == Tightening.Kind.EXCESS).findFirst().orElseThrow();
    assertThat(t.line().line()).isEqualTo(6);
    assertThat(t.dependents()).containsExactly("web");
    String script = ChangeRequest.tightenScript(r);
    assertThat(script).contains("-I FORWARD 2 -s 198.18.1.7 -d 198.19.0.10 -p tcp -m tcp --dport 443").contains("-D FORWARD -p tcp -m tcp --dport 443 -j ACCEPT");
    assertThat(r.tightenings()).noneMatch(x -> x.line().line() == 7);
    assertThat(ChangeRequest.nativeScript(r)).as("--tighten is never applied by the change itself").isEmpty();
  }
}
