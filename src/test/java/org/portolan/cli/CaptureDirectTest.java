package org.portolan.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.portolan.testing.Cli;

/**
 * The capture command lines answered before picocli: the same output, error and exit code as
 * picocli's reading of them, every other line left to picocli, and no picocli class loaded.
 */
class CaptureDirectTest {
  @TempDir Path dir;

  static final List<String> CAPTURES = List.of("basic-nano/input.pcap", "basic-pcap/input.pcap", "basic-pcapng/input.pcapng",
      "epm/input.pcapng", "sll2/input.pcapng", "vlan/input.pcap");

  /** {code, out, err} of {@link CaptureDirect#tryRun}; null when it left the line to picocli. */
  static Cli direct(String... args) {
    StringWriter out = new StringWriter(), err = new StringWriter();
    Integer code = CaptureDirect.tryRun(args, new PrintWriter(out), new PrintWriter(err));
    return code == null ? null : new Cli(code, out.toString(), err.toString());
  }

  /** The same command line as picocli reads it: {@code --} ends the options, which sends it past the direct path. */
  static Cli picocli(String file, String... options) {
    List<String> args = new ArrayList<>(List.of("capture"));
    args.addAll(Arrays.asList(options));
    args.add("--");
    args.add(file);
    assertThat(direct(args.toArray(String[]::new))).isNull();
    return Cli.run(args);
  }

  @Test
  void everyGoldenCaptureGivesPicoclisOutputInBothFormatsWithAndWithoutFlows() {
    for (String c : CAPTURES) {
      String file = "src/test/resources/capture/" + c;
      String flows = Path.of(file).resolveSibling("flows.csv").toString();
      for (List<String> options : List.<List<String>>of(List.of(), List.of("--format", "json"), List.of("--format=JSON", "--flows", flows),
          List.of("--flows=" + flows, "--format", "table"))) {
        List<String> args = new ArrayList<>(List.of("capture", file));
        args.addAll(options);
        Cli d = direct(args.toArray(String[]::new));
        assertThat(d).as("%s %s", c, options).isNotNull();
        Cli p = picocli(file, options.toArray(String[]::new));
        assertThat(d).as("%s %s", c, options).isEqualTo(p);
        assertThat(Cli.run(args)).isEqualTo(p);
      }
    }
  }

  @Test
  void aDeploymentAndInputErrorsAnswerAsPicocliDoes() throws IOException {
    String demo = "src/main/resources/demo/configmgr-trace.pcapng";
    Cli d = direct("capture", demo, "examples/site.yaml");
    assertThat(d.code()).isEqualTo(1);
    assertThat(d).isEqualTo(Cli.run("capture", "--format", "table", "--", demo, "examples/site.yaml"));

    byte[] whole = Files.readAllBytes(Path.of(demo));
    Path cut = dir.resolve("cut.pcapng");
    Files.write(cut, Arrays.copyOf(whole, 1040));
    Cli truncated = direct("capture", cut.toString(), "--format", "json");
    assertThat(truncated.code()).isEqualTo(3);
    assertThat(truncated.err()).contains("byte offset 1004");
    assertThat(truncated).isEqualTo(picocli(cut.toString(), "--format", "json"));

    Path bad = dir.resolve("bad.csv");
    Files.writeString(bad, "name,src,dst,proto,ports\nx,198.18.6.1,198.18.6.2,tcp,99999\n");
    Cli badFlows = direct("capture", demo, "--flows", bad.toString());
    assertThat(badFlows.code()).isEqualTo(3);
    assertThat(badFlows).isEqualTo(picocli(demo, "--flows", bad.toString()));
  }

  @Test
  void everyOtherLineIsLeftToPicocli() {
    String f = "src/test/resources/capture/basic-pcap/input.pcap";
    for (String[] args : List.of(new String[] {"capture"}, new String[] {"capture", "--help"}, new String[] {"capture", f, "-h"},
        new String[] {"capture", "/nonexistent/x.pcap"}, new String[] {"capture", f, "--format", "xml"},
        new String[] {"capture", f, "--format"}, new String[] {"capture", f, "--format", "json", "--format", "table"},
        new String[] {"capture", f, "--catalog", "catalog"}, new String[] {"capture", "@args.txt"}, new String[] {"capture", f, "a", "b"},
        new String[] {"capture", f, "--flows", "-x"}, new String[] {"plan", f}, new String[] {"capture", f, "--frmat", "json"}))
      assertThat(direct(args)).as(String.join(" ", args)).isNull();
  }

  @Test
  void aPlainCaptureLoadsNoPicocliClass() throws Exception {
    String f = "src/test/resources/capture/basic-pcap/input.pcap";
    List<String> cmd = new ArrayList<>(Arrays.asList(Cli.command("capture", f, "--format", "json")));
    cmd.add(1, "-verbose:class");
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(out).contains("org.portolan.cli.CaptureDirect").contains("\"attempts\" : [")
        .doesNotContain("picocli.CommandLine source:").doesNotContain("picocli.CommandLine$Model");
    // (Main's verification still loads the two exception classes it throws: a few hundred bytes.)
  }
}
