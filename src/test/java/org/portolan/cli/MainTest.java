package org.portolan.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.portolan.diag.ExitCode;
import org.portolan.testing.Cli;

class MainTest {
  @Test
  void versionAndHelp() {
    assertThat(Cli.run("--version").out()).startsWith("portolan ");
    Cli help = Cli.run("--help");
    assertThat(help.code()).isZero();
    assertThat(help.out()).contains("plan", "compile", "verify", "probe", "capture", "demo");
  }

  @Test
  void usageErrorsExitTwo() {
    Cli r = Cli.run("plan", "site.yaml", "--bogus");
    assertThat(r.code()).isEqualTo(ExitCode.USAGE);
    assertThat(r.err()).contains("Unknown option: '--bogus'");
    assertThat(Cli.run().code()).isEqualTo(ExitCode.USAGE);
    assertThat(Cli.run("plan", "/no/such/file.yaml").code()).isEqualTo(ExitCode.USAGE);
  }

  @Test
  void invalidInputExitsThreeWithPositions() {
    Cli r = Cli.run("plan", Cli.resource("fixtures/site.yaml").toString());
    // the fixture product is not in the bundled catalog without --catalog
    assertThat(r.code()).isEqualTo(ExitCode.INVALID_INPUT);
    assertThat(r.err()).containsPattern("site\\.yaml:\\d+:\\d+: error: unknown product 'demo'");
  }

  @Test
  void planPrintsEveryFormat() {
    String site = Cli.resource("fixtures/site.yaml").toString();
    String cat = Cli.resource("fixtures/catalog").toString();
    Cli table = Cli.run("plan", site, "--catalog", cat);
    assertThat(table.code()).as(table.err()).isZero();
    assertThat(table.out()).contains("demo/rpc/server/udp").contains("4000 4002 4004").contains("9 flows for Test");
    Cli csv = Cli.run("plan", site, "--catalog", cat, "--format", "csv");
    assertThat(csv.out()).startsWith("name,src,dst,proto,ports\n").contains("demo/upd/cdn/tcp,198.18.0.1 2001:db8::1,cdn.example.com,tcp,443");
    Cli json = Cli.run("plan", site, "--catalog", cat, "--format", "json");
    assertThat(json.out()).contains("\"requirement\" : \"rpc-reverse\"").contains("\"fqdn\" : \"cdn.example.com\"");
  }

  @Test
  void catalogValidateReportsEveryErrorAndExitsThree() throws Exception {
    java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("cat");
    java.nio.file.Files.writeString(dir.resolve("bad.yaml"), "product: bad\nname: Bad\nroles: [{id: a}]\nrequirements:\n  - {id: r, from: a, to: z, services: [tcp/0-70000]}\n");
    Cli r = Cli.run("catalog", "validate", dir.toString());
    assertThat(r.code()).isEqualTo(ExitCode.INVALID_INPUT);
    assertThat(r.err()).contains("bad.yaml:5:26: error: unknown role 'z'").contains("bad.yaml:5:44: error:").contains("0-70000");
    Cli ok = Cli.run("catalog", "validate", Cli.resource("fixtures/catalog").toString(), Cli.resource("fixtures/site.yaml").toString());
    assertThat(ok.code()).as(ok.err()).isZero();
    assertThat(ok.out()).contains("1 deployment(s)");
  }

  @Test
  void theJvmsOwnLimitsGetTheirDocumentedCodesAndOneLine() {
    java.io.StringWriter err = new java.io.StringWriter();
    int oom = Main.guarded(() -> { throw new OutOfMemoryError("Java heap space"); }, new java.io.PrintWriter(err, true));
    assertThat(oom).isEqualTo(ExitCode.RUNTIME);
    assertThat(err.toString()).startsWith("portolan: out of memory").contains("PORTOLAN_JAVA_OPTS=-Xmx").doesNotContain("\tat ");
    java.io.StringWriter err2 = new java.io.StringWriter();
    int deep = Main.guarded(() -> { throw new StackOverflowError(); }, new java.io.PrintWriter(err2, true));
    assertThat(deep).isEqualTo(ExitCode.INVALID_INPUT);
    assertThat(err2.toString().lines().count()).isEqualTo(1);
  }

  @Test
  void aNonUtf8DeploymentIsInvalidInputWithAPosition() throws Exception {
    java.nio.file.Path f = java.nio.file.Files.createTempFile("site", ".yaml");
    java.nio.file.Files.write(f, "site: caf\u00e9\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
    Cli r = Cli.run("plan", f.toString());
    assertThat(r.code()).isEqualTo(ExitCode.INVALID_INPUT);
    assertThat(r.err()).contains(f + ":1:10: error: not UTF-8: byte 0xE9");
  }

  @Test
  void anOutputFileInAFolderThatDoesNotExistIsAUsageError() throws Exception {
    java.nio.file.Path missing = java.nio.file.Files.createTempDirectory("out").resolve("no/such/dir/plan.txt");
    Cli r = Cli.run("plan", "examples/site.yaml", "-o", missing.toString());
    assertThat(r.code()).isEqualTo(ExitCode.USAGE);
    assertThat(r.err()).contains("does not exist");
    assertThat(missing.getParent().getParent()).doesNotExist();
  }
}
