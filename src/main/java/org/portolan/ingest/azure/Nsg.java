package org.portolan.ingest.azure;

import java.util.List;
import org.portolan.diag.SourcePosition;

/** Azure network security group vendor records, as {@code az network nsg show} (or an ARM template) writes them. */
final class Nsg {
  private Nsg() {}

  /** One NSG; {@code defaults} are its {@code defaultSecurityRules}, empty when the file does not list them (Azure adds them anyway). */
  record Group(String name, SourcePosition at, List<Rule> rules, List<Rule> defaults) {}

  /** One security rule: values as Azure writes them ({@code "*"}, {@code "Tcp"}, {@code "80-90"}, service tags). */
  record Rule(String name, int priority, String direction, String access, String protocol, List<String> srcPorts, List<String> dstPorts,
      List<String> src, List<String> dst, boolean asg, SourcePosition at) {
    Rule {
      srcPorts = List.copyOf(srcPorts);
      dstPorts = List.copyOf(dstPorts);
      src = List.copyOf(src);
      dst = List.copyOf(dst);
    }
  }
}
