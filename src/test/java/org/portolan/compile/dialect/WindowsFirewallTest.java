package org.portolan.compile.dialect;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** PowerShell is not installed here, so quoting is checked by hand: literals must close where they should. */
public class WindowsFirewallTest {
  @Test
  void quotesAreDoubledIncludingTypographicOnes() {
    assertThat(WindowsFirewall.q("Administrators' SSH")).isEqualTo("'Administrators'' SSH'");
    assertThat(WindowsFirewall.q("it\u2019s")).isEqualTo("'it\u2019\u2019s'");
    assertThat(WindowsFirewall.q("$(rm -rf /) `n \"x\"")).isEqualTo("'$(rm -rf /) `n \"x\"'");
    assertThat(WindowsFirewall.q("two\nlines")).isEqualTo("'two lines'");
  }

  /** Single-quoted literals, PowerShell rules: a doubled quote is one quote; every literal closes on its line. */
  public static boolean balanced(String line) {
    boolean in = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      boolean quote = c == '\'' || c == '\u2018' || c == '\u2019' || c == '\u201A' || c == '\u201B';
      if (!quote) continue;
      if (in && i + 1 < line.length() && line.charAt(i + 1) == c) {
        i++;
        continue;
      }
      in = !in;
    }
    return !in;
  }

  @Test
  void everyGoldenScriptLineClosesItsLiterals() throws IOException {
    assertThat(balanced("-Description 'a''b'")).isTrue();
    assertThat(balanced("-Description 'a'b'")).isFalse();
    List<Path> scripts;
    try (Stream<Path> s = Files.walk(Path.of("src/test/resources/compile"))) {
      scripts = s.filter(p -> p.toString().endsWith(".ps1")).toList();
    }
    assertThat(scripts).isNotEmpty();
    for (Path p : scripts) {
      for (String line : Files.readAllLines(p)) {
        if (line.startsWith("#")) continue;
        assertThat(balanced(line)).as("%s: %s", p, line).isTrue();
        if (line.startsWith("New-NetFirewallRule")) assertThat(line).contains("-Description '").endsWith("| Out-Null");
      }
    }
  }
}
