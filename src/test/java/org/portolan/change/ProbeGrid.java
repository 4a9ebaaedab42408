package org.portolan.change;

import java.util.List;
import java.util.Set;
import org.portolan.ingest.acl.Acl;
import org.portolan.ingest.acl.AclAssert;
import org.portolan.verify.VerifyOptions;

/**
 * "Nothing else changed": the verdict of every probe (source × destination × protocol|port)
 * but the required ones, one per line, to compare before and after a change.
 */
final class ProbeGrid {
  private ProbeGrid() {}

  /** {@code required} holds "SRC DST proto|port" entries the change is meant to open. */
  static String verdicts(Acl acl, VerifyOptions opt, List<String> addrs, List<String> ports, Set<String> required) {
    StringBuilder b = new StringBuilder();
    for (String s : addrs)
      for (String t : addrs)
        for (String p : ports) {
          String[] pp = p.split("\\|");
          if (s.equals(t) || required.contains(s + " " + t + " " + p)) continue;
          b.append(s).append(' ').append(t).append(' ').append(p).append(' ').append(AclAssert.verdict(acl, opt, s, t, pp[0], pp[1]).verdict().keyword()).append('\n');
        }
    return b.toString();
  }
}
