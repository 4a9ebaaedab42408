package org.portolan.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import org.portolan.observe.ObserveTestLogs;

/** Writes N VPC flow log records (default v2 format) of the observe test site, split over F files: {@code VpcLogGenerator N F DIR}. */
public final class VpcLogGenerator {
  private VpcLogGenerator() {}

  public static void main(String[] args) throws Exception {
    long n = Long.parseLong(args[0]);
    int files = Integer.parseInt(args[1]);
    Path dir = Files.createDirectories(Path.of(args[2]));
    Files.writeString(dir.resolve("flows.csv"), ObserveTestLogs.FLOWS);
    Path logs = Files.createDirectories(dir.resolve("logs"));
    for (int f = 0; f < files; f++)
      ObserveTestLogs.vpc(logs.resolve(String.format("part-%03d.log", f)), (int) (n / files), 0, f, false);
  }
}
