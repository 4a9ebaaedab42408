package org.portolan.docimport;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * Import time per seed document (not part of the test run): a main class.
 * {@code ./mvnw -q -B test-compile && ./mvnw -q -B dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * && java -cp target/classes:target/test-classes:$(cat target/cp.txt) org.portolan.docimport.ImportDocBench} (JDK 25).
 */
public final class ImportDocBench {
  private ImportDocBench() {}

  public static void main(String[] args) throws Exception {
    int warmup = 30;
    int runs = 50;
    System.out.println("| seed | bytes | requirements | median ms | min ms |");
    System.out.println("|---|---|---|---|---|");
    for (SeedRecoveryTest.Seed s : SeedRecoveryTest.SEED_LIST) {
      Path doc = SeedRecoveryTest.SEEDS.resolve(s.file());
      String text = Files.readString(doc);
      int reqs = DocImporter.importText(s.file(), text, DocImporter.Format.TEXT, "bench").product().requirements().size();
      for (int i = 0; i < warmup; i++) DocImporter.importText(s.file(), text, DocImporter.Format.TEXT, "bench").toYaml();
      double[] ms = new double[runs];
      for (int i = 0; i < runs; i++) {
        long t0 = System.nanoTime();
        DocImporter.importText(s.file(), text, DocImporter.Format.TEXT, "bench").toYaml();
        ms[i] = (System.nanoTime() - t0) / 1e6;
      }
      Arrays.sort(ms);
      System.out.printf(Locale.ROOT, "| %s | %d | %d | %.2f | %.2f |%n", s.file(), text.length(), reqs, ms[runs / 2], ms[0]);
    }
    System.out.println();
    System.out.println("| page | layout | bytes | requirements | median ms | min ms |");
    System.out.println("|---|---|---|---|---|---|");
    for (CorpusRecoveryTest.Page p : CorpusRecoveryTest.pages()) {
      String text = Files.readString(p.file());
      DocImporter.Format f = DocImporter.formatOf(p.file().getFileName().toString(), text);
      int reqs = DocImporter.importText(p.name(), text, f, "bench").product().requirements().size();
      for (int i = 0; i < 10; i++) DocImporter.importText(p.name(), text, f, "bench").toYaml();
      double[] ms = new double[21];
      for (int i = 0; i < ms.length; i++) {
        long t0 = System.nanoTime();
        DocImporter.importText(p.name(), text, f, "bench").toYaml();
        ms[i] = (System.nanoTime() - t0) / 1e6;
      }
      Arrays.sort(ms);
      System.out.printf(Locale.ROOT, "| %s | %s | %d | %d | %.2f | %.2f |%n", p.name(), p.layout(), text.length(), reqs, ms[ms.length / 2], ms[0]);
    }
  }
}
