package org.portolan.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import org.portolan.observe.ObserveTestLogs;

/**
 * Writes N VPC flow log records (default v2 format) of the observe test site, split over F files:
 * {@code VpcLogGenerator N F DIR}; or NetFlow v9 export pcaps: {@code VpcLogGenerator netflow BYTES F DIR} (prints the records).
 */
public final class VpcLogGenerator {
  private VpcLogGenerator() {}

  public static void main(String[] args) throws Exception {
    if (args[0].equals("netflow")) { // netflow BYTES FILES DIR: NetFlow v9 export pcaps of about BYTES in all
      long bytes = Long.parseLong(args[1]), records = 0;
      int files = Integer.parseInt(args[2]);
      Path dir = Files.createDirectories(Path.of(args[3]));
      for (int f = 0; f < files; f++) records += ObserveTestLogs.netflowPcap(dir.resolve(String.format("nf9-%03d.pcap", f)), bytes / files, 100 + f);
      System.out.println(records);
      return;
    }
    long n = Long.parseLong(args[0]);
    int files = Integer.parseInt(args[1]);
    Path dir = Files.createDirectories(Path.of(args[2]));
    Files.writeString(dir.resolve("flows.csv"), ObserveTestLogs.FLOWS);
    Path logs = Files.createDirectories(dir.resolve("logs"));
    for (int f = 0; f < files; f++)
      ObserveTestLogs.vpc(logs.resolve(String.format("part-%03d.log", f)), (int) (n / files), 0, f, false);
  }
}
