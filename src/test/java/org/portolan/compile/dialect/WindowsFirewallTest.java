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

  static String render(org.portolan.compile.Rule... rules) {
    var rs = new org.portolan.compile.RuleSet("dc1", "site", "dc1", org.portolan.compile.RuleSet.Kind.HOST, List.of(rules), List.of(), List.of());
    return new String(new WindowsFirewall().render(rs).getFirst().content(), java.nio.charset.StandardCharsets.UTF_8);
  }

  static org.portolan.compile.Rule rule(org.portolan.compile.Placement where, org.portolan.model.PortSet ports, String purpose) {
    return new org.portolan.compile.Rule(where, NftablesTest.side("clients", "198.18.20.0/24"), NftablesTest.side("dc1", "198.18.10.5"),
        new org.portolan.model.Protocol.Tcp(), ports, true, new org.portolan.compile.Reasons(List.of("ad/x"), List.of("ad/x"), List.of(purpose), List.of("ad")));
  }

  @Test
  void dynamicRpcInboundUsesTheKeywordsWindowsHasForIt() {
    var ports = org.portolan.model.PortSet.parse("135,445,49152-65535");
    String ps = render(rule(new org.portolan.compile.Placement.Inbound(), ports, "RPC endpoint mapper and dynamic ports"));
    assertThat(ps).contains("-LocalPort 'RPCEPMap'", "-LocalPort 'RPC'", "-LocalPort '445'").doesNotContain("'49152-65535'").doesNotContain("'135'");
    // not an RPC requirement: the numbers stay
    String web = render(rule(new org.portolan.compile.Placement.Inbound(), ports, "vendor agent ports"));
    assertThat(web).contains("-LocalPort '135','445','49152-65535'").doesNotContain("RPCEPMap");
    // the keywords exist only for -LocalPort of inbound TCP rules
    String out = render(rule(new org.portolan.compile.Placement.Outbound(), ports, "RPC to the DC"));
    assertThat(out).contains("-RemotePort '135','445','49152-65535'").doesNotContain("RPCEPMap");
  }

  @Test
  void theHeaderDoesNotClaimNothingElseIsPermittedWhileBuiltInRulesRemain() {
    String ps = render(rule(new org.portolan.compile.Placement.Inbound(), org.portolan.model.PortSet.of(445), "SMB"));
    assertThat(ps).doesNotContain("nothing else is permitted").contains("Windows' built-in rules", "Get-NetFirewallRule -Enabled True -Action Allow");
    for (String line : ps.lines().toList()) if (!line.startsWith("#")) assertThat(balanced(line)).as(line).isTrue();
  }
}
