package org.portolan.docimport;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.portolan.docimport.PortEvidence.Against;
import org.portolan.docimport.PortEvidence.AgainstClue;

/**
 * The one vocabulary of words against a port to open: what each question answers, and that the
 * prose reader and the sweep answer it the same way.
 */
class AgainstWordsTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      Ports 8080 and 8443 must be free before the installer runs.            | true
      These ports must not be in use by another program.                     | true
      Do not open port 2049 to the clients.                                  | true
      Leave the management ports blocked at the edge.                        | true
      Port 7001 is not required any more.                                    | true
      The HTTP listener on 80 is deprecated.                                 | true
      Port 8443 must be open and must not be in use by another service.      | false
      ICMP must not be blocked between the nodes.                            | false
      Open port 443 to the load balancer.                                    | false
      The free edition listens on 8080.                                      | false
      """)
  void aRefusalSaysThePortsAreNotToBeOpened(String sentence, boolean refuses) {
    assertThat(AgainstWords.refuses(sentence)).isEqualTo(refuses);
  }

  @Test
  void aRefusingLeadInEndsInAColon() {
    assertThat(AgainstWords.refusingLeadIn("The following ports are used internally; do not open them:")).isTrue();
    assertThat(AgainstWords.refusingLeadIn("Do not open these ports without a VPN. Open these ports:")).isTrue();
    assertThat(AgainstWords.refusingLeadIn("The following ports are used internally; do not open them.")).isFalse();
    assertThat(AgainstWords.refusingLeadIn("Open the following ports:")).isFalse();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      The value 3389 does not constitute a port.                             | NEGATION
      Port 5986 was removed in version 3.                                    | NEGATION
      5986: removed                                                          | NEGATION
      Port 4369 must be free on every node.                                  | NEGATION
      The legacy agent uses port 2301.                                       | DOUBT
      Use 8443 instead of 443 behind a proxy.                                | DOUBT
      Telnet on port 23 is retired.                                          | DOUBT
      Port 22 does not need to be opened to the internet.                    | NONE
      The broker listens on TCP port 9092.                                   | NONE
      """)
  void negationTakesAwayAndDoubtOnlyKeepsFromAdding(String sentence, String kind) {
    AgainstClue clue = AgainstWords.against(sentence, "the sentence");
    if (kind.equals("NONE")) assertThat(clue).isNull();
    else {
      assertThat(clue.kind()).isEqualTo(Against.valueOf(kind));
      assertThat(clue.cue()).startsWith("the sentence says '");
      assertThat(clue.kind().vetoes).isEqualTo(kind.equals("NEGATION"));
    }
  }

  @Test
  void aSentenceWithoutNumbersCarriesItsRefusalBackOnlyWhenItPointsBack() {
    assertThat(AgainstWords.pointingBackAgainst("They must be free on every host.")).isEqualTo(Against.NEGATION);
    assertThat(AgainstWords.pointingBackAgainst("Do not open these ports.")).isEqualTo(Against.DOUBT);
    assertThat(AgainstWords.pointingBackAgainst("The installer must be free of errors.")).isNull();
    assertThat(AgainstWords.pointingBackAgainst("Open them on every host.")).isNull();
  }

  @Test
  void legacyNamesWhatOlderVersionsUsed() {
    assertThat(AgainstWords.legacy("Older code and documentation still name ports 4001 and 7001.")).isTrue();
    assertThat(AgainstWords.legacy("Versions before 2.4 used port 6000.")).isTrue();
    assertThat(AgainstWords.legacy("The proxy used to listen on 8000.")).isTrue();
    assertThat(AgainstWords.legacy("The cluster uses port 4001 for peers.")).isFalse();
  }

  @Test
  void icmpIsRefusedUnlessOnlyItsBlockingIs() {
    assertThat(AgainstWords.refusesIcmp("ICMP is not needed.")).isTrue();
    assertThat(AgainstWords.refusesIcmp("Block ICMP at the edge.")).isTrue();
    assertThat(AgainstWords.refusesIcmp("ICMP must not be blocked.")).isFalse();
    assertThat(AgainstWords.refusesIcmp("Allow ICMP echo from the monitor.")).isFalse();
  }

  /**
   * The prose reader and the sweep read a pointing-back refusal with the same words: "They must
   * be free" refuses the ports of the sentence before for both (the prose reader once knew only
   * "these/those/them/it" and no negation, so it read them as ports to open).
   */
  @Test
  void theProseReaderHearsTheSameRefusalAsTheSweep() {
    var statements = ProsePorts.read("The agents use TCP ports 9001 and 9002 among themselves. They must be free on every host.", true, true, null);
    assertThat(statements).hasSize(1);
    assertThat(statements.getFirst().refused()).isTrue();
    var removed = ProsePorts.read("The old relay listened on TCP port 7070. It was removed.", true, true, null);
    assertThat(removed.getFirst().refused()).isTrue();
    var kept = ProsePorts.read("The agents use TCP ports 9001 and 9002 among themselves. They must be reachable from every host.", true, true, null);
    assertThat(kept.getFirst().refused()).isFalse();
  }
}
