package org.portolan.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.portolan.diag.ExitCode;
import org.portolan.testing.Cli;

/** listen binds only the host's own unicast addresses and never waits with nothing bound. */
class ListenCommandTest {
  @TempDir Path dir;

  private Path flows(String dst) throws Exception {
    Path f = dir.resolve("flows.csv");
    Files.writeString(f, "name,src,dst,proto,ports\nsvc,127.0.0.1," + dst + ",tcp,40445\n");
    return f;
  }

  @Test
  void theWildcardAddressIsRefused() throws Exception {
    Cli r = Cli.run("listen", "--flows", flows("198.18.250.10").toString(), "--as", "0.0.0.0", "--duration", "1s");
    assertThat(r.code()).isEqualTo(ExitCode.USAGE);
    assertThat(r.err()).contains("never 0.0.0.0").contains("every interface");
    Cli v6 = Cli.run("listen", "--flows", flows("198.18.250.10").toString(), "--as", "::", "--duration", "1s");
    assertThat(v6.code()).isEqualTo(ExitCode.USAGE);
  }

  @Test
  void anAddressThisHostDoesNotHaveExitsAtOnce() throws Exception {
    long t0 = System.nanoTime();
    Cli r = Cli.run("listen", "--flows", flows("198.18.250.10").toString(), "--as", "198.18.250.10", "--duration", "300s");
    assertThat(r.code()).isEqualTo(ExitCode.FINDINGS);
    assertThat(r.out()).contains("this host has no address 198.18.250.10");
    assertThat(r.err()).contains("nothing could be bound");
    // it did not wait for the 300 s duration
    assertThat(System.nanoTime() - t0).isLessThan(120_000_000_000L);
  }
}
