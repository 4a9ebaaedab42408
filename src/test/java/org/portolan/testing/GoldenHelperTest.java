package org.portolan.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;

/** The golden check: a mismatch and a missing golden fail with the output in .actual; the flag accepts. */
@ResourceLock("portolan.golden.update")
class GoldenHelperTest {
  @Test
  void aMismatchFailsAndLeavesTheOutputBesideTheGolden(@TempDir Path dir) throws Exception {
    Path golden = dir.resolve("case/out.txt");
    Files.createDirectories(golden.getParent());
    Files.writeString(golden, "old\n");
    assertThatThrownBy(() -> Golden.assertMatches(golden, "new\n")).isInstanceOf(AssertionError.class).hasMessageContaining("differs");
    assertThat(dir.resolve("case/out.txt.actual")).hasContent("new");
    Golden.assertMatches(golden, "old\n");
    assertThat(dir.resolve("case/out.txt.actual")).as("removed once the output matches").doesNotExist();
  }

  @Test
  void aMissingGoldenFailsAndIsNotWritten(@TempDir Path dir) {
    Path golden = dir.resolve("none.json");
    assertThatThrownBy(() -> Golden.assertMatches(golden, new byte[] {1})).isInstanceOf(AssertionError.class).hasMessageContaining("is missing");
    assertThat(golden).doesNotExist();
    assertThat(dir.resolve("none.json.actual")).hasBinaryContent(new byte[] {1});
  }

  @Test
  void theFlagAcceptsTheOutput(@TempDir Path dir) throws Exception {
    Path golden = dir.resolve("new/out.txt");
    String before = System.getProperty(Golden.ACCEPT);
    System.setProperty(Golden.ACCEPT, "true");
    try {
      Golden.assertMatches(golden, "accepted\n");
    } finally {
      if (before == null) System.clearProperty(Golden.ACCEPT);
      else System.setProperty(Golden.ACCEPT, before);
    }
    assertThat(golden).hasContent("accepted");
    assertThat(Golden.mismatch(golden, "accepted\n".getBytes())).isEmpty();
  }
}
