package org.portolan.compile;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.portolan.testing.Lab;
import org.portolan.testing.NetworkTest;

/**
 * Every golden iptables, ip6tables and nftables file is accepted by the real tools
 * ({@code iptables-restore --test}, {@code ip6tables-restore --test}, {@code nft -c -f}),
 * run inside a throw-away network namespace.
 */
@NetworkTest
class SyntaxTest {
  @Test
  void goldenRuleFilesLoadWithTheRealTools() throws IOException {
    List<Path> files;
    try (Stream<Path> s = Files.walk(GoldenTest.ROOT)) {
      files = s.filter(p -> p.toString().matches(".*/expected/(iptables|nftables)/[^/]+\\.(iptables|ip6tables|nft)$")).sorted().toList();
    }
    assertThat(files).hasSizeGreaterThanOrEqualTo(8);
    try (Lab n = Lab.create()) {
      Lab.Host ns = n.host("syn");
      for (Path f : files) {
        String name = f.getFileName().toString();
        List<String> cmd = name.endsWith(".nft") ? List.of("nft", "-c", "-f", "-")
            : name.endsWith(".ip6tables") ? List.of("ip6tables-restore", "--test") : List.of("iptables-restore", "--test");
        Lab.Result r = ns.exec(Lab.TIMEOUT, Files.readString(f), cmd.toArray(String[]::new));
        assertThat(r.exit()).as("%s rejected %s: %s", cmd.getFirst(), f, r.err()).isZero();
      }
    }
  }

  /** Requirement names and purposes are text from users: line breaks, quotes and shell syntax stay inside comments. */
  @Test
  void hostileRequirementTextStaysInsideComments() {
    String nasty = "evil\n-A INPUT -j ACCEPT\r\nflush ruleset \" ' ` $(reboot) ; } # \\";
    var trace = new org.portolan.plan.Trace("p", "p", nasty, "a", "b", nasty, "", org.portolan.model.Provenance.NONE);
    var plan = new org.portolan.plan.FlowPlan("s", List.of(Fixtures.flow("f", List.of(Fixtures.ep("a", "", "198.18.1.0/24")), List.of(Fixtures.ep("b", "", "198.18.2.1")),
        org.portolan.model.Protocol.TCP, org.portolan.model.PortSet.of(443), trace)), List.of());
    try (Lab n = Lab.create()) {
      Lab.Host ns = n.host("hos");
      for (Dialect d : List.<Dialect>of(new org.portolan.compile.dialect.Iptables(), new org.portolan.compile.dialect.Nftables(), new org.portolan.compile.dialect.WindowsFirewall())) {
        var out = Compiler.render(plan, java.util.Optional.empty(), d, CompileOptions.defaults(), new org.portolan.diag.Diagnostics()).values().iterator().next().getFirst();
        String text = new String(out.content(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(text.lines()).noneMatch(l -> l.startsWith("-A INPUT -j ACCEPT") || l.trim().startsWith("flush ruleset"));
        switch (d.name()) {
          case "iptables" -> {
            assertThat(ns.exec(Lab.TIMEOUT, text, "iptables-restore", "--test").exit()).as(text).isZero();
            assertThat(text.lines().filter(l -> l.startsWith("-A PORTOLAN")).count()).isEqualTo(1);
          }
          case "nftables" -> assertThat(ns.exec(Lab.TIMEOUT, text, "nft", "-c", "-f", "-").exit()).as(text).isZero();
          default -> assertThat(text.lines().filter(l -> !l.startsWith("#"))).allMatch(org.portolan.compile.dialect.WindowsFirewallTest::balanced);
        }
      }
    }
  }
}
