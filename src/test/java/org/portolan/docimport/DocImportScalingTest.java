package org.portolan.docimport;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

/**
 * No catastrophic backtracking and no quadratic pass: the import time of a page grows about
 * linearly with its size. Measured as a scaling check (time at 8x the size against 8x the
 * time at the small size, with a generous factor for a busy machine), not a tight timer.
 */
class DocImportScalingTest {
  private static long time(String text, DocImporter.Format f) {
    long t0 = System.nanoTime();
    DocImporter.importText("big", text, f, "big").toYaml();
    return System.nanoTime() - t0;
  }

  private static void scalesLinearly(IntFunction<String> page, int small, DocImporter.Format f) {
    String smallPage = page.apply(small);
    String bigPage = page.apply(small * 8);
    time(smallPage, f); // warm-up
    // Linear: about 8x; quadratic would be 64x. Allow 32x for noise on a shared machine, and take
    // the best of up to three measurements of each size: a pause of the busy machine lengthens one
    // run, a quadratic pass lengthens every run.
    long a = Long.MAX_VALUE;
    long b = Long.MAX_VALUE;
    for (int attempt = 0; attempt < 3; attempt++) {
      a = Math.min(a, Math.max(time(smallPage, f), 20_000_000L));
      b = Math.min(b, time(bigPage, f));
      if (b < a * 32) break;
    }
    assertThat(b).as("8x the input took %d ms against %d ms (best of three)", b / 1_000_000, a / 1_000_000).isLessThan(a * 32);
  }

  @Test
  void manyRowsWithTheSameLabelAreLinear() {
    scalesLinearly(n -> "| Port | Description |\n|---|---|\n" + "| TCP 443 | Web console |\n".repeat(n), 2_000, DocImporter.Format.TEXT);
  }

  @Test
  void runsOfDigitsAndCommasAreLinear() {
    scalesLinearly(n -> "Open ports " + "1,".repeat(n) + " and " + "9".repeat(n) + " over TCP.\n", 50_000, DocImporter.Format.TEXT);
    scalesLinearly(n -> "port " + "12345, ".repeat(n) + "\n", 20_000, DocImporter.Format.MARKDOWN);
    // Address:port forms: each number after a colon looks back for a host name, bounded.
    scalesLinearly(n -> "The API listens on " + "1:".repeat(n) + "8080 over TCP.\n", 20_000, DocImporter.Format.TEXT);
    scalesLinearly(n -> "for example " + "8080 for x and ".repeat(n) + "9090 port.\n", 5_000, DocImporter.Format.TEXT);
  }

  @Test
  void manySectionsWithATableEachAreLinear() {
    // Each table is read with the text before it: it was copied per table (quadratic in a page of many sections).
    scalesLinearly(n -> {
      StringBuilder b = new StringBuilder("# Ports used by the agent\n\n");
      for (int i = 0; i < n; i++)
        b.append("## Component ").append(i).append("\n\nTraffic between the agent and the server ").append(i).append(" uses these ports.\n\n")
            .append("| Port | Protocol | Description |\n|---|---|---|\n| ").append(2000 + i % 50_000).append(" | UDP | Discovery |\n\n");
      return b.toString();
    }, 400, DocImporter.Format.MARKDOWN);
  }

  @Test
  void aLongCellWithoutAFullStopIsLinear() {
    // "ports on the domain controller are …" is looked for once, not from every start of the cell to its next '.'.
    scalesLinearly(n -> "## Agent server\n\n| Port | Protocol | Direction | Description |\n|---|---|---|---|\n| 8443 | TCP | Inbound | "
        + "the console and the agent exchange reports ".repeat(n) + "|\n", 400, DocImporter.Format.MARKDOWN);
  }

  @Test
  void oneLongLineOfSentencesIsLinear() {
    // A sentence without a protocol looks for one in its whole paragraph: tokenized once, not once per sentence.
    scalesLinearly(n -> "Agent ports: " + "The agent listens on TCP 8443 for the console; version 1.2.3 needs 4 GB, see https://example.com/a,b,c. ".repeat(n),
        1_000, DocImporter.Format.TEXT);
  }

  @Test
  void aTwentyMegabytePageFinishes() {
    String para = "The agent listens on TCP 8443 for the console; version 1.2.3 needs 4 GB. See https://example.com/a,b,c.\n\n";
    StringBuilder b = new StringBuilder();
    while (b.length() < 20_000_000) b.append(para);
    long t0 = System.nanoTime();
    Draft d = DocImporter.importText("big.txt", b.toString(), DocImporter.Format.TEXT, "big");
    long ms = (System.nanoTime() - t0) / 1_000_000;
    System.out.println("SCALING | 20 MB prose page | " + ms + " ms | " + d.product().requirements().size() + " requirements");
    assertThat(d.product().requirements()).hasSize(1);
  }
}
