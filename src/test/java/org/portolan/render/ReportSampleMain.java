package org.portolan.render;

import java.nio.file.Path;

/** Writes the fixture report to a folder, to look at by hand: {@code ReportSampleMain DIR}. */
final class ReportSampleMain {
  private ReportSampleMain() {}

  public static void main(String[] args) {
    System.out.println(ReportTest.writeExample(Path.of(args[0])));
  }
}
