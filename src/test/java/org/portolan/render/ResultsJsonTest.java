package org.portolan.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.portolan.plan.FlowPlan;
import org.portolan.diag.Diagnostic;
import org.portolan.diag.Diagnostics;
import org.portolan.diag.InvalidInputException;

class ResultsJsonTest {
  @Test
  void readsAllThreeKindsAndTheirFindings() {
    Results r = DiagramsTest.results();
    assertThat(r.sources()).hasSize(3);
    assertThat(r.evidence()).hasSize(4 + 6 + 3);
    Evidence.Verdict v = (Evidence.Verdict) r.evidence("zcm/content-http/satellite/tcp").getFirst();
    assertThat(v.summary()).isEqualTo("partial by core.nft:15 ip daddr 198.18.10.20 tcp dport 80 accept; blocked: src=198.18.20.0/24; dst=198.18.10.20; proto=tcp; ports=443");
    assertThat(r.evidence("zcm/casa/primary-server/tcp")).extracting(Evidence::kind).containsExactly("verify", "capture");
    assertThat(r.evidence("zcm/casa/primary-server/tcp").getLast().summary()).isEqualTo("198.18.20.5 → 198.18.10.10 tcp/2645: dropped, 3 retransmits (packet 40)");
    assertThat(r.evidence("zcm/db-mssql/database/tcp").getLast().summary()).isEqualTo("198.18.10.10 → 198.18.10.30 tcp/1433: closed — RST");
    assertThat(r.findings(Fixtures.plan())).extracting(Finding::kind).containsExactly(
        Finding.Kind.EXCESS, Finding.Kind.SHADOWED, Finding.Kind.WARNING, Finding.Kind.UNEXPLAINED, Finding.Kind.UNMATCHED);
    assertThat(r.findings(Fixtures.plan()).getLast().text()).startsWith("flow 'legacy/web' is not in the plan: ");
  }

  @Test
  void anAttemptCountsForEveryFlowItServesAndNoneWhenCaptureCannotExplainIt() {
    Diagnostics d = new Diagnostics();
    Results r = ResultsJson.capture("""
        {"attempts":[
          {"src":"a","dst":"b","proto":"tcp","port":135,"outcome":"established","retransmits":0,"first_packet":3,"flow":"f1","also_flows":["f2"],"detail":"via EPM"},
          {"src":"a","dst":"c","proto":"tcp","port":22,"outcome":"rejected","retransmits":0,"first_packet":9,"flow":null}],
         "flows":[],"unexplained":[{"src":"a","dst":"c","proto":"tcp","port":22}]}""", "c.json", d);
    assertThat(d.all()).isEmpty();
    assertThat(r.evidence()).extracting(Evidence::flow).containsExactly("f1", "f2");
    assertThat(r.evidence("f2").getFirst().summary()).isEqualTo("a → b tcp/135: established (packet 3) — via EPM");
    FlowPlan plan = new FlowPlan("", List.of(), List.of());
    assertThat(r.findings(plan)).extracting(Finding::kind).containsOnly(Finding.Kind.UNEXPLAINED, Finding.Kind.UNMATCHED)
        .filteredOn(k -> k == Finding.Kind.UNEXPLAINED).hasSize(1);
  }

  @Test
  void verifyWarningsWithAPositionReadLikeCompilerMessages() {
    Diagnostics d = new Diagnostics();
    Results r = ResultsJson.verify("""
        {"flows":[],"warnings":[{"file":"core.nft","line":3,"column":5,"severity":"warning","message":"'meta mark set 1' ignored"}]}""", "v.json", d);
    assertThat(r.findings()).singleElement().extracting(Finding::text).isEqualTo("core.nft:3:5: 'meta mark set 1' ignored");
  }

  @Test
  void missingOptionalFieldsAreFine() {
    Diagnostics d = new Diagnostics();
    Results r = ResultsJson.probe("{\"probes\":[{\"name\":\"f\",\"state\":\"open_filtered\"}]}", "p.json", d);
    assertThat(d.all()).isEmpty();
    assertThat(r.status("f")).isEqualTo(Status.PARTIAL);
    assertThat(r.evidence("f").getFirst().summary()).isEqualTo(" →  : open|filtered");
    Results v = ResultsJson.verify("{\"flows\":[]}", "v.json", d);
    assertThat(d.all()).isEmpty();
    assertThat(v.findings()).isEmpty();
  }

  @Test
  void malformedJsonIsReportedWithLineAndColumn() {
    assertThatThrownBy(() -> Results.read(Optional.of(Fixtures.resource("results/malformed.json")), Optional.empty(), Optional.empty()))
        .isInstanceOfSatisfying(InvalidInputException.class, e -> {
          Diagnostic first = e.diagnostics().getFirst();
          assertThat(first.position().file()).endsWith("malformed.json");
          assertThat(first.position().line()).isEqualTo(3);
          assertThat(first.position().column()).isEqualTo(16);
          assertThat(first.message()).startsWith("malformed JSON: Unexpected character");
        });
  }

  @Test
  void wrongValuesAreAllReportedWithTheirJsonPath() {
    assertThatThrownBy(() -> Results.read(Optional.of(Fixtures.resource("results/bad-verdict.json")), Optional.empty(), Optional.empty()))
        .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.diagnostics()).extracting(Diagnostic::message).containsExactly(
            "$.flows[1].verdict: expected one of allowed|partial|blocked|not_verified|undetermined, got 'maybe'",
            "$.flows[1].rule: expected a JSON object, got a string",
            "$.flows[2]: missing \"name\""));
  }

  @Test
  void unknownStatesAndWrongShapesAreErrorsNotGuesses() {
    Diagnostics d = new Diagnostics();
    ResultsJson.probe("{\"probes\":[{\"name\":\"f\",\"state\":\"half-open\",\"rtt_ms\":\"fast\"}]}", "p.json", d);
    ResultsJson.capture("{\"attempts\":{}}", "c.json", d);
    ResultsJson.capture("[1,2]", "c2.json", d);
    ResultsJson.verify("{\"flows\":[]} {}", "v.json", d);
    ResultsJson.verify("", "empty.json", d);
    assertThat(d.errors()).extracting(Diagnostic::render).containsExactly(
        "p.json: error: $.probes[0].state: expected one of open|closed|filtered|open_filtered|unresolved|error, got 'half-open'",
        "p.json: error: $.probes[0].rtt_ms: expected a number of milliseconds, got \"fast\"",
        "c.json: error: $.attempts: expected an array, got an object",
        "c2.json: error: $: expected a JSON object, got an array",
        "v.json:1:14: error: expected the end of the file after the JSON object",
        "empty.json: error: expected a JSON object, but the file is empty");
  }

  @Test
  void aMissingFileIsAnInputError() {
    assertThatThrownBy(() -> Results.read(Optional.empty(), Optional.of(java.nio.file.Path.of("no/such/probe.json")), Optional.empty()))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("no/such/probe.json").hasMessageContaining("cannot read result file");
  }

  @Test
  void mixingAndWorseFollowTheDocumentedRules() {
    assertThat(Status.mix(java.util.List.of(Status.OK, Status.OK))).isEqualTo(Status.OK);
    assertThat(Status.mix(java.util.List.of(Status.OK, Status.FAILED))).isEqualTo(Status.PARTIAL);
    assertThat(Status.mix(java.util.List.of(Status.FAILED, Status.UNKNOWN))).isEqualTo(Status.FAILED);
    assertThat(Status.mix(java.util.List.of(Status.UNKNOWN))).isEqualTo(Status.UNKNOWN);
    assertThat(Status.worse(Status.OK, Status.FAILED)).isEqualTo(Status.FAILED);
    assertThat(Status.worse(Status.UNKNOWN, Status.OK)).isEqualTo(Status.OK);
  }

  @Test
  void observeResultsGiveEvidencePerSeenFlowAndUnexplainedFindings() {
    Diagnostics d = new Diagnostics();
    Results r = ResultsJson.observe("""
        {"flows":[
          {"flow":"web","status":"working","records":5,"accepted":5,"denied":0,"denials":[]},
          {"flow":"ssh","status":"denied","records":2,"accepted":0,"denied":2,"denials":[{"device":"fw1","rule":"outside_in","records":2}]},
          {"flow":"nfs","status":"seen_undetermined","records":3,"accepted":0,"denied":0,"denials":[]},
          {"flow":"ldap","status":"not_seen","records":0,"accepted":0,"denied":0,"denials":[]}],
         "unexplained":[{"src":"a","dst":"c","proto":"tcp","port":3389}]}""", "o.json", d);
    assertThat(d.all()).isEmpty();
    assertThat(r.evidence()).extracting(Evidence::flow).containsExactly("web", "ssh", "nfs");
    assertThat(r.status("web")).isEqualTo(Status.OK);
    assertThat(r.status("ssh")).isEqualTo(Status.FAILED);
    assertThat(r.status("nfs")).isEqualTo(Status.UNKNOWN);
    assertThat(r.evidence("ssh").getFirst().summary()).isEqualTo("denied in the logs: 2 records, 0 accepted, 2 denied — denied by fw1 outside_in");
    assertThat(r.findings(Fixtures.plan())).extracting(Finding::kind).contains(Finding.Kind.UNEXPLAINED);
  }

  @Test
  void anUnknownObserveStatusIsAnErrorAtItsPath() {
    Diagnostics d = new Diagnostics();
    ResultsJson.observe("{\"flows\":[{\"flow\":\"web\",\"status\":\"fine\"}]}", "o.json", d);
    assertThat(d.all()).singleElement().satisfies(x -> assertThat(x.message()).contains("$.flows[0].status"));
  }
}
