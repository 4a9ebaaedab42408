package org.portolan.compile;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** docs/compile.md carries the capabilities table exactly as the dialects declare it. */
class DocsTest {
  static String table() {
    StringBuilder b = new StringBuilder("| dialect | FQDN objects | wildcard FQDN | ICMP | one ICMP type | other IP protocols | port lists in one rule | IPv6 | bound to interfaces |\n");
    b.append("|---|---|---|---|---|---|---|---|---|\n");
    for (Dialect d : Dialects.all()) {
      Capabilities c = d.capabilities();
      String other = c.otherProtocols().equals(Capabilities.ANY_PROTOCOL) ? "any" : c.otherProtocols().isEmpty() ? "none"
          : c.otherProtocols().stream().sorted().map(String::valueOf).reduce((x, y) -> x + ", " + y).orElse("");
      b.append("| ").append(d.name()).append(" | ").append(yes(c.fqdn())).append(" | ").append(yes(c.wildcardFqdn())).append(" | ").append(yes(c.icmp()))
          .append(" | ").append(yes(c.icmpTypes())).append(" | ").append(other).append(" | ").append(c.portLists() ? "yes" : "no (one rule per range)")
          .append(" | ").append(yes(c.ipv6())).append(" | ").append(yes(c.interfaces())).append(" |\n");
    }
    return b.toString();
  }

  private static String yes(boolean b) {
    return b ? "yes" : "no";
  }

  @Test
  void capabilitiesTableMatchesTheCode() throws IOException {
    String doc = Files.readString(Path.of("docs/compile.md"));
    assertThat(doc).as("docs/compile.md must contain this table:\n" + table()).contains(table());
  }

  public static void main(String[] args) {
    System.out.print(table());
  }
}
