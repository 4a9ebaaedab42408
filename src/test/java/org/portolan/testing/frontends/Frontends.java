package org.portolan.testing.frontends;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.portolan.testing.Lab;

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

  /**
   * shorewall in {@code host}'s namespace: {@code files} (zones, interfaces, policy, rules…)
   * written into {@code dir} next to the shipped example's shorewall.conf, checked and compiled
   * inside the namespace (capability detection runs against that kernel), and the compiled
   * script started there with -n (the namespace's routing left alone), its state, start-up log
   * and log under {@code dir}.
   */
  public static void shorewall(Lab.Host host, Path dir, Map<String, String> files) throws IOException {
    Path example = Path.of("/usr/share/doc/shorewall/examples/one-interface");
    Files.createDirectories(dir);
    for (var f : files.entrySet()) Files.writeString(dir.resolve(f.getKey()), f.getValue());
    if (!files.containsKey("shorewall.conf"))
      Files.writeString(dir.resolve("shorewall.conf"), Files.readString(example.resolve("shorewall.conf"))
          .replaceAll("(?m)^STARTUP_ENABLED=.*$", "STARTUP_ENABLED=Yes")
          .replaceAll("(?m)^IP_FORWARDING=.*$", "IP_FORWARDING=Keep")
          .replaceAll("(?m)^STARTUP_LOG=.*$", "STARTUP_LOG=" + dir.resolve("startup.log"))
          .replaceAll("(?m)^LOGFILE=.*$", "LOGFILE=" + dir.resolve("log")));
    Path script = dir.resolve("firewall");
    host.exec(Lab.TIMEOUT, null, "shorewall", "check", dir.toString()).ok();
    host.exec(Lab.TIMEOUT, null, "shorewall", "compile", dir.toString(), script.toString()).ok();
    host.exec(Lab.TIMEOUT, null, "env", "VARDIR=" + dir.resolve("var"), script.toString(), "-n", "start").ok();
  }

  /** A running firewalld and its private bus; {@link #close} stops both. */
  public static final class Firewalld implements AutoCloseable {
    private final Lab.Host host;
    private final String bus;
    private Lab.Proc dbus, firewalld;

    private Firewalld(Lab.Host host, String bus) {
      this.host = host;
      this.bus = bus;
    }

    /** Runs firewall-cmd with {@code args} (each one argument, rich rules whole) on the private bus; fails unless it exits 0. */
    public String cmd(String... args) {
      List<String> cmd = new ArrayList<>(List.of("env", bus, "firewall-cmd"));
      cmd.addAll(List.of(args));
      return host.exec(Lab.TIMEOUT, null, cmd.toArray(String[]::new)).ok();
    }

    @Override
    public void close() {
      if (firewalld != null) firewalld.stop();
      if (dbus != null) dbus.stop();
    }
  }

  /**
   * firewalld with {@code backend} (nftables or iptables) in {@code host}'s namespace, on a
   * private system bus (a dbus-daemon of its own, its socket under {@code dir},
   * DBUS_SYSTEM_BUS_ADDRESS pointing at it) and a private copy of /etc/firewalld
   * (--system-config) with {@code files} (e.g. "zones/x.xml", "policies/y.xml") written into
   * it before the start. Returns once firewall-cmd --state answers running; stops what it
   * started if it fails.
   */
  public static Firewalld firewalld(Lab.Host host, Path dir, String backend, Map<String, String> files) throws IOException {
    Path etc = dir.resolve("etc");
    Files.createDirectories(dir);
    host.exec(Lab.TIMEOUT, null, "cp", "-a", "/etc/firewalld", etc.toString()).ok();
    Files.writeString(etc.resolve("firewalld.conf"), Files.readString(etc.resolve("firewalld.conf")).replaceAll("(?m)^FirewallBackend=.*$", "FirewallBackend=" + backend));
    for (var f : files.entrySet()) {
      Files.createDirectories(etc.resolve(f.getKey()).getParent());
      Files.writeString(etc.resolve(f.getKey()), f.getValue());
    }
    Path socket = dir.resolve("bus");
    Path busConf = dir.resolve("bus.conf");
    Files.writeString(busConf, """
        <!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-BUS Bus Configuration 1.0//EN" "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
        <busconfig>
          <type>system</type>
          <listen>unix:path=%s</listen>
          <auth>EXTERNAL</auth>
          <policy context="default"><allow user="root"/><allow own="*"/><allow send_destination="*"/><allow receive_sender="*"/></policy>
        </busconfig>
        """.formatted(socket));
    Firewalld f = new Firewalld(host, "DBUS_SYSTEM_BUS_ADDRESS=unix:path=" + socket);
    try {
      f.dbus = host.start("dbus-daemon", "--config-file=" + busConf, "--nofork", "--nopidfile", "--print-address").await("unix:path=");
      f.firewalld = host.start("env", f.bus, "firewalld", "--nofork", "--nopid", "--system-config", etc.toString(), "--log-target", "console");
      Lab.Proc fw = f.firewalld;
      Lab.await("firewalld answering on the private bus", Lab.TIMEOUT, () -> {
        if (!fw.alive()) throw new IllegalStateException("firewalld ended:\n" + fw.output());
        Lab.Result r = host.exec(Lab.TIMEOUT, null, "env", f.bus, "firewall-cmd", "--state");
        return r.exit() == 0 && r.out().strip().equals("running");
      });
      return f;
    } catch (RuntimeException e) {
      f.close();
      throw e;
    }
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
