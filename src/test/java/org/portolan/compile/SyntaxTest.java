package org.portolan.compile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every golden iptables, ip6tables and nftables file is accepted by the real tools
 * ({@code iptables-restore --test}, {@code ip6tables-restore --test}, {@code nft -c -f}),
 * run inside a throw-away network namespace.
 */
class SyntaxTest {
  @Test
  void goldenRuleFilesLoadWithTheRealTools() throws IOException {
    assumeTrue(Netns.available(), "network namespaces cannot be created here (needs root and iproute2): syntax check skipped");
    List<Path> files;
    try (Stream<Path> s = Files.walk(GoldenTest.ROOT)) {
      files = s.filter(p -> p.toString().matches(".*/expected/(iptables|nftables)/[^/]+\\.(iptables|ip6tables|nft)$")).sorted().toList();
    }
    assertThat(files).hasSizeGreaterThanOrEqualTo(8);
    try (Netns n = new Netns()) {
      String ns = n.add("syn");
      for (Path f : files) {
        String name = f.getFileName().toString();
        List<String> cmd = name.endsWith(".nft") ? List.of("nft", "-c", "-f", "-")
            : name.endsWith(".ip6tables") ? List.of("ip6tables-restore", "--test") : List.of("iptables-restore", "--test");
        Netns.Result r = n.exec(ns, cmd, Files.readString(f), 20);
        assertThat(r.exit()).as("%s rejected %s: %s", cmd.getFirst(), f, r.err()).isZero();
      }
    }
  }
}
