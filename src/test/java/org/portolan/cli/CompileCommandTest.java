package org.portolan.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.portolan.testing.Cli;

class CompileCommandTest {

  static final String FLOWS = "src/test/resources/compile/flows/flows.csv";

  @Test
  void refusedFlowIsAnInvalidInputErrorWithItsLine() {
    Cli r = Cli.run("compile", "--flows", FLOWS, "--dialect", "iptables");
    assertThat(r.code()).isEqualTo(3);
    assertThat(r.err()).contains(FLOWS + ":8: error: flow cdn cannot be written as iptables");
    assertThat(r.out()).isEmpty();
  }

  @Test
  void partialWritesFilesAndExitsWithFindings(@TempDir Path dir) throws Exception {
    Cli r = Cli.run("compile", "--flows", FLOWS, "--dialect", "nftables", "--partial", "-o", dir.toString());
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).contains("flow cdn NOT permitted");
    assertThat(Files.readString(dir.resolve("flows.nft"))).contains("policy drop").contains("REFUSED (not permitted, fail closed): flow cdn");
  }

  @Test
  void fqdnCapableDialectPrintsToStandardOutput() {
    Cli r = Cli.run("compile", "--flows", FLOWS, "--dialect", "asa");
    assertThat(r.code()).isZero();
    assertThat(r.out()).contains("fqdn updates.example.com").contains("access-group PORTOLAN_GLOBAL global");
  }

  @Test
  void usageErrors() {
    assertThat(Cli.run("compile", "--flows", FLOWS, "--dialect", "cisco-ios").code()).isEqualTo(2);
    assertThat(Cli.run("compile", "--flows", FLOWS, "--dialect", "xlsx").err()).contains("-o DIR");
    assertThat(Cli.run("compile", "--dialect", "iptables").code()).isEqualTo(2);
    assertThat(Cli.run("compile", "--flows", FLOWS, "--dialect", "iptables", "--firewall", "core").code()).isEqualTo(3);
  }

  @Test
  void badFlowsFileIsInvalidInput(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("bad.csv");
    Files.writeString(f, "name,src,dst,proto,ports\nx,198.18.0.1,198.18.0.2,tcp,99999\n");
    Cli r = Cli.run("compile", "--flows", f.toString(), "--dialect", "nftables");
    assertThat(r.code()).isEqualTo(3);
    assertThat(r.err()).contains("bad.csv:2:");
  }

  @Test
  void eachFirewallOfTheExampleSiteUsesItsOwnDialect(@TempDir Path dir) throws Exception {
    Path site = Path.of("examples/site.yaml");
    org.junit.jupiter.api.Assumptions.assumeTrue(Files.exists(site), "examples/site.yaml not present");
    Cli r = Cli.run("compile", site.toString(), "--partial", "-o", dir.toString());
    assertThat(r.code()).as(r.err()).isIn(0, 1);
    assertThat(dir.resolve("core-fw.nft")).content().contains("policy drop").contains("iifname");
    assertThat(dir.resolve("edge-fw.asa.txt")).content().contains("access-group");
    Cli one = Cli.run("compile", site.toString(), "--firewall", "edge-fw", "--dialect", "panos");
    assertThat(one.code()).as(one.err()).isZero();
    assertThat(one.out()).contains("set rulebase security rules portolan-default-deny").doesNotContain("core-fw");
  }
}
