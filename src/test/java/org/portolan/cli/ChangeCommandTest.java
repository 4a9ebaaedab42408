package org.portolan.cli;

import org.portolan.testing.Cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChangeCommandTest {
  @TempDir Path tmp;

  static final String RULES = """
      *filter
      :INPUT DROP [0:0]
      :FORWARD DROP [0:0]
      :OUTPUT ACCEPT [0:0]
      :user-fwd - [0:0]
      -A FORWARD -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT
      -A FORWARD -i r0 -j user-fwd
      -A user-fwd -s 198.18.1.0/24 -d 198.19.2.10/32 -p tcp -m tcp --dport 443 -j ACCEPT
      COMMIT
      """;

  Path write(String name, String text) throws Exception {
    Path p = tmp.resolve(name);
    Files.writeString(p, text);
    return p;
  }

  Path flows() throws Exception {
    return write("flows.csv", "name,src,dst,proto,ports\nweb,198.18.1.0/24,198.19.2.10,tcp,443\nssh,198.18.1.7,198.19.2.11,tcp,22\n");
  }

  @Test
  void nativeDeltaOnStandardOutputAndEveryFormatWithOutputDir() throws Exception {
    Path rules = write("rules.v4", RULES);
    Cli c = Cli.run("change", "--ruleset", rules.toString(), "--flows", flows().toString(), "--path", "forward", "--in-interface", "r0", "--out-interface", "r1");
    assertThat(c.code()).as(c.err()).isEqualTo(0);
    assertThat(c.out()).contains("*filter\n").contains("-A user-fwd -i r0 -o r1 -s 198.18.1.7 -d 198.19.2.11 -p tcp -m tcp --dport 22").contains("COMMIT");
    assertThat(c.out()).doesNotContain("--dport 443");
    Path dir = tmp.resolve("out");
    Cli all = Cli.run("change", "--ruleset", rules.toString(), "--flows", flows().toString(), "--path", "forward", "-o", dir.toString(), "--tighten");
    assertThat(all.code()).as(all.err()).isEqualTo(0);
    for (String f : new String[] {"change.iptables", "change.md", "change.csv", "change.xlsx", "change.json", "tighten.iptables"}) assertThat(dir.resolve(f)).exists();
    assertThat(Files.readString(dir.resolve("change.md"))).contains("| ssh |").contains("blocked").contains("allowed");
  }

  @Test
  void nothingMissingPrintsNothing() throws Exception {
    Path rules = write("rules.v4", RULES);
    Path ok = write("ok.csv", "name,src,dst,proto,ports\nweb,198.18.1.0/24,198.19.2.10,tcp,443\n");
    Cli c = Cli.run("change", "--ruleset", rules.toString(), "--flows", ok.toString(), "--path", "forward", "--in-interface", "r0");
    assertThat(c.code()).isEqualTo(0);
    assertThat(c.out()).isEmpty();
  }

  @Test
  void badInputIsExit3WithPositionAndNothingWritten() throws Exception {
    Path dir = tmp.resolve("never");
    Cli missing = Cli.run("change", "--ruleset", tmp.resolve("nope.rules").toString(), "--flows", flows().toString(), "-o", dir.toString());
    assertThat(missing.code()).isEqualTo(3);
    assertThat(missing.err()).contains("nope.rules").contains("cannot read the ruleset");
    Cli folder = Cli.run("change", "--ruleset", tmp.toString(), "--flows", flows().toString(), "-o", dir.toString());
    assertThat(folder.code()).isEqualTo(3);
    Path odd = write("odd.txt", "hello\nthis is no ruleset\n");
    Cli undetected = Cli.run("change", "--ruleset", odd.toString(), "--flows", flows().toString(), "-o", dir.toString());
    assertThat(undetected.code()).isEqualTo(3);
    assertThat(undetected.err()).contains("odd.txt").contains("cannot tell the ruleset format");
    Path broken = write("broken.rules", "*filter\n:INPUT DROP [0:0]\n-A INPUT -p tcp --dport 22 -j ACCEPT\n");
    Cli unclosed = Cli.run("change", "--ruleset", broken.toString(), "--flows", flows().toString(), "-o", dir.toString());
    assertThat(unclosed.code()).isEqualTo(3);
    assertThat(unclosed.err()).contains("broken.rules:1:1").contains("COMMIT");
    assertThat(dir).doesNotExist();
  }

  @Test
  void unknownFirewallIsExit3NamingTheFirewalls() throws Exception {
    Path rules = write("rules.v4", RULES);
    Path site = Path.of("examples/site.yaml");
    Path dir = tmp.resolve("never");
    Cli c = Cli.run("change", "--ruleset", rules.toString(), site.toString(), "--firewall", "no-such-fw", "-o", dir.toString());
    assertThat(c.code()).as(c.err()).isEqualTo(3);
    assertThat(c.err()).contains("site.yaml").contains("no-such-fw").contains("core-fw");
    assertThat(dir).doesNotExist();
  }
}
