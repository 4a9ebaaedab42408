package org.portolan.docimport;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.portolan.docimport.CandidateRows.Col;

/** The port column is chosen by what its header means, not by where it stands. */
class ColumnMeaningTest {
  @Test
  void theServerPortNotTheClientPort() {
    assertThat(CandidateRows.columns(List.of("Application protocol", "Protocol", "Client port(s)", "Server port", "Service name")))
        .containsEntry(Col.PORT, 3).containsEntry(Col.PROTOCOL, 1);
  }

  @Test
  void theDefaultPortNotThePortName() {
    assertThat(CandidateRows.columns(List.of("Port name", "Default port", "Description"))).containsEntry(Col.PORT, 1);
  }

  @Test
  void aSourcePortColumnIsNeverTheOneToOpen() {
    assertThat(CandidateRows.columns(List.of("Source port", "Destination port", "Protocol"))).containsEntry(Col.PORT, 1);
    assertThat(CandidateRows.columns(List.of("Source port", "Notes"))).doesNotContainKey(Col.PORT);
  }

  @Test
  void transportIsAProtocolNotAPort() {
    assertThat(CandidateRows.columns(List.of("Transport", "Port", "Use"))).containsEntry(Col.PROTOCOL, 0).containsEntry(Col.PORT, 1);
  }
}
