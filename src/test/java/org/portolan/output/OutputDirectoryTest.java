package org.portolan.output;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutputDirectoryTest {
  @Test
  void aCompleteRunRemovesWhatThePreviousRunWroteAndThisOneDoesNot(@TempDir Path dir) throws Exception {
    OutputDirectory first = OutputDirectory.open(dir);
    first.write("edge.rules", "edge");
    first.write("old-fw.rules", "gone soon");
    assertThat(first.finish(true)).isEmpty();
    Files.writeString(dir.resolve("notes.txt"), "the user's own file");

    OutputDirectory second = OutputDirectory.open(dir);
    second.write("edge.rules", "edge");
    assertThat(second.stale()).containsExactly(dir.resolve("old-fw.rules"));
    assertThat(second.finish(true)).containsExactly(dir.resolve("old-fw.rules"));
    assertThat(dir.resolve("old-fw.rules")).doesNotExist();
    assertThat(dir.resolve("notes.txt")).hasContent("the user's own file");
    assertThat(dir.resolve(OutputDirectory.MANIFEST)).content().contains("edge.rules").doesNotContain("old-fw.rules");
  }

  @Test
  void aPartialRunRemovesNothingAndKeepsTheRecord(@TempDir Path dir) throws Exception {
    OutputDirectory first = OutputDirectory.open(dir);
    first.write("a.rules", "a");
    first.write("b.rules", "b");
    first.finish(true);
    OutputDirectory partial = OutputDirectory.open(dir);
    partial.write("a.rules", "a2");
    assertThat(partial.finish(false)).isEmpty();
    assertThat(dir.resolve("b.rules")).exists();
    assertThat(OutputDirectory.open(dir).stale()).containsExactly(dir.resolve("a.rules"), dir.resolve("b.rules"));
  }

  @Test
  void aManifestNamingFilesOutsideTheFolderIsIgnored(@TempDir Path dir) throws Exception {
    Path outside = Files.writeString(dir.resolve("outside"), "keep");
    Path out = Files.createDirectory(dir.resolve("out"));
    Files.writeString(out.resolve(OutputDirectory.MANIFEST), "../outside\n" + outside + "\n");
    OutputDirectory d = OutputDirectory.open(out);
    d.write("x", "x");
    assertThat(d.finish(true)).isEmpty();
    assertThat(outside).hasContent("keep");
  }

  @Test
  void refusesNamesLeavingTheFolderAndLinkedSubfolders(@TempDir Path dir) throws Exception {
    Path victim = Files.createDirectory(dir.resolve("victim"));
    Path out = Files.createDirectory(dir.resolve("out"));
    Files.createSymbolicLink(out.resolve("iptables"), victim);
    OutputDirectory d = OutputDirectory.open(out);
    assertThatThrownBy(() -> d.write("../escape", "x")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> d.write("iptables/edge.rules", "x")).hasMessageContaining("symbolic link");
    try (var s = Files.list(victim)) {
      assertThat(s).isEmpty();
    }
  }
}
