package org.portolan.testing.frontends;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Rulesets written by the real front-ends from Debian packages, generated inside a test's own
 * network namespace with a private configuration under a temporary folder: nothing touches
 * the host's firewall or its /etc. Each method leaves the front-end's rules loaded in the
 * namespace's kernel; dump them with iptables-save or nft.
 */
public final class Frontends {
  private Frontends() {}

  /** Empty when the front-end is installed; otherwise why not. */
  public static String unavailable(String tool) {
    return run(null, "sh", "-c", "command -v " + tool).ok() ? "" : "'" + tool + "' is not installed";
  }

  /**
   * ufw (iptables backend) in namespace {@code ns}: a private copy of ufw's configuration
   * under {@code dir} (its --rootdir and --datadir, IPv4 only, no sysctl changes), then each of
   * {@code commands} (e.g. {@code "route allow in on r0 out on r1 to 198.19.2.10 port 443 proto tcp"}),
   * then {@code enable}.
   */
  public static void ufw(String ns, Path dir, List<String> commands) throws IOException {
    Path root = dir.resolve("ufw-root");
    Files.createDirectories(root.resolve("lib/ufw"));
    Files.createDirectories(root.resolve("usr/share"));
    Files.createDirectories(root.resolve("etc/default"));
    copyTree(Path.of("/etc/ufw"), root.resolve("etc/ufw"));
    copyTree(Path.of("/usr/share/ufw"), root.resolve("usr/share/ufw"));
    for (String f : List.of("ufw-init", "ufw-init-functions")) Files.copy(Path.of("/lib/ufw", f), root.resolve("lib/ufw/" + f));
    root.resolve("lib/ufw/ufw-init").toFile().setExecutable(true);
    Files.writeString(root.resolve("etc/ufw/sysctl.conf"), "");
    String defaults = Files.readString(Path.of("/etc/default/ufw"))
        .replaceAll("(?m)^IPT_SYSCTL=.*$", "IPT_SYSCTL=" + root.resolve("etc/ufw/sysctl.conf"))
        .replaceAll("(?m)^IPV6=.*$", "IPV6=no");
    Files.writeString(root.resolve("etc/default/ufw"), defaults);
    List<String> all = new ArrayList<>(commands);
    all.add("--force enable");
    for (String c : all) {
      List<String> cmd = new ArrayList<>(List.of("ip", "netns", "exec", ns, "ufw", "--rootdir=" + root, "--datadir=" + root));
      cmd.addAll(List.of(c.split(" ")));
      run(null, cmd.toArray(String[]::new)).orThrow();
    }
  }

  /** ferm's iptables-restore script for {@code config} (ferm --remote: computed, never executed). */
  public static String ferm(Path dir, String config) throws IOException {
    Path f = dir.resolve("ferm.conf");
    Files.writeString(f, config);
    return run(null, "ferm", "--remote", f.toString()).orThrow();
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (var s = Files.walk(from)) {
      for (Path p : s.toList()) {
        Path t = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) Files.createDirectories(t);
        else Files.copy(p, t);
      }
    }
  }

  /** A finished command: exit code and the output (stdout and stderr). */
  public record Result(int code, String output, String command) {
    public boolean ok() {
      return code == 0;
    }

    public String orThrow() {
      if (code != 0) throw new IllegalStateException("failed (" + code + "): " + command + "\n" + output);
      return output;
    }
  }

  /** Runs a command, bounded to 60 s. */
  public static Result run(String input, String... cmd) {
    try {
      Path out = Files.createTempFile("frontend", ".out");
      try {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile()).start();
        if (input != null) p.getOutputStream().write(input.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        p.getOutputStream().close();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
          p.destroyForcibly();
          return new Result(-1, "timed out", String.join(" ", cmd));
        }
        return new Result(p.exitValue(), Files.readString(out), String.join(" ", cmd));
      } finally {
        Files.deleteIfExists(out);
      }
    } catch (IOException e) {
      return new Result(-1, e.toString(), String.join(" ", cmd));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Result(-1, "interrupted", String.join(" ", cmd));
    }
  }
}
