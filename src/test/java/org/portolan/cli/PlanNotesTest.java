package org.portolan.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jsoup.Jsoup;
import org.portolan.testing.Cli;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A planning note reads the same in `plan` and in the report (issue 14, "a new user" 1). */
class PlanNotesTest {
  @Test
  void planAndReportNameANoteTheSame(@TempDir Path dir) throws Exception {
    Path site = Path.of("examples/site.yaml");
    Assumptions.assumeTrue(Files.isRegularFile(site), "the bundled example site is not here");
    Cli plan = Cli.run("plan", site.toString());
    List<String> notes = plan.out().lines().filter(l -> l.contains(": note: ")).toList();
    assertThat(notes).as(plan.out()).isNotEmpty().allMatch(l -> l.startsWith(site + ":"));
    Path html = dir.resolve("r.html");
    assertThat(Cli.run("report", site.toString(), "-o", html.toString()).code()).isZero();
    List<String> inReport = Jsoup.parse(Files.readString(html)).select("#notes li").eachText();
    assertThat(inReport).containsExactlyElementsOf(notes);
    assertThat(String.join("\n", inReport)).doesNotContain("warning");
  }
}
