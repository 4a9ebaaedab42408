package org.portolan.fleet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.portolan.deployment.Deployment;
import org.portolan.output.OutputFile;
import org.portolan.deployment.Host;
import org.portolan.plan.Flow;
import org.portolan.plan.FlowPlan;
import org.portolan.probe.Sources;

/**
 * {@code fleet probe} and {@code fleet listen}: the playbooks in {@code ansible/} run by
 * {@code ansible-playbook} on the hosts of a deployment, their results gathered into one
 * {@link SiteResult}. Each host probes only the flows the deployment says it initiates
 * ({@code probe --as HOST} on the host itself); a host that cannot be reached or fails is
 * "not probed" with the reason, and its flows keep no result.
 */
public final class Fleet {
  private Fleet() {}

  /** The files of {@code ansible/}, carried in the jar under {@code /ansible/}. */
  static final List<String> ANSIBLE_FILES = List.of(
      "probe.yml", "listen-start.yml", "listen-stop.yml", "cleanup.yml", "README.md",
      "callback_plugins/portolan_progress.py",
      "roles/portolan/defaults/main.yml",
      "roles/portolan/tasks/stage.yml", "roles/portolan/tasks/probe.yml", "roles/portolan/tasks/listen_start.yml",
      "roles/portolan/tasks/listen_stop.yml", "roles/portolan/tasks/cleanup.yml");

  /** The outcome of {@code fleet probe}: the merged result, the hosts, and where it was written. */
  public record ProbeRun(ObjectNode result, List<HostOutcome> hosts, Path file, int ansibleExit) {
    public long notProbed() {
      return hosts.stream().filter(h -> h instanceof HostOutcome.NotProbed).count();
    }

    public boolean allOpen() {
      for (JsonNode p : result.path("probes")) if (!p.path("state").asText().equals("open")) return false;
      return true;
    }
  }

  /** Hosts that initiate at least one flow, in deployment order, with those flows' names. */
  public static Map<String, List<String>> initiators(Deployment d, FlowPlan plan) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    for (Host h : d.hosts()) {
      List<Flow> mine = Sources.initiatedBy(plan.flows(), Sources.addresses(h));
      if (!mine.isEmpty()) out.put(h.name(), mine.stream().map(Flow::name).toList());
    }
    return out;
  }

  /** Hosts that must accept at least one flow. */
  public static List<String> responders(Deployment d, FlowPlan plan) {
    List<String> out = new ArrayList<>();
    for (Host h : d.hosts()) {
      List<InetAddress> a = Sources.addresses(h);
      if (!Sources.receivedBy(plan.flows(), a).isEmpty()) out.add(h.name());
    }
    return out;
  }

  /** Runs the probe on every initiating host the limit selects and writes the site result. */
  public static ProbeRun probe(Settings s, Deployment d, FlowPlan plan, PrintWriter err) {
    Path work = workDir();
    try {
      prepare(s, d, work);
      announce(work, err);
      Map<String, List<String>> initiators = initiators(d, plan);
      List<String> selected = select(s, work, List.copyOf(initiators.keySet()));
      return probeIn(s, d, work, initiators, selected, err);
    } finally {
      RuntimeImage.delete(work);
    }
  }

  /**
   * The rehearsal: listeners on every responding host (for {@code duration}; each stops itself
   * then), then the probe from every initiating host, then the listeners stopped.
   */
  public static ProbeRun listenAndProbe(Settings s, Deployment d, FlowPlan plan, Duration duration, PrintWriter err) {
    Path work = workDir();
    try {
      prepare(s, d, work);
      announce(work, err);
      List<String> responders = select(s, work, responders(d, plan));
      Map<String, Object> listenVars = new LinkedHashMap<>(vars(s, work));
      listenVars.put("portolan_listen_duration", Math.max(1, duration.toSeconds()));
      // listen-stop.yml fetches each listener's log into the hosts folder of the result
      listenVars.put("portolan_results", hostsDir(s).toAbsolutePath().toString());
      Path vf = writeVars(work, "listen-vars.json", listenVars);
      err.println("fleet: starting listeners on " + responders.size() + " host(s) for " + duration.toSeconds() + " s");
      err.flush();
      createHostsDir(s);
      AnsibleRun.Outcome started = AnsibleRun.run(s, work, work.resolve("ansible/listen-start.yml"), responders, vf,
          e -> { }, line -> passThrough(err, line));
      List<String> listening = new ArrayList<>();
      List<String> notListening = new ArrayList<>();
      for (var r : started.hosts().values()) {
        if (r.failed || r.unreachable) notListening.add(r.host + " (" + r.reason + ")");
        else listening.add(r.host);
      }
      err.println("fleet: listening on " + listening.size() + " host(s)" + (notListening.isEmpty() ? "" : "; not listening: " + String.join(", ", notListening)));
      err.flush();
      try {
        Map<String, List<String>> initiators = initiators(d, plan);
        List<String> selected = select(s, work, List.copyOf(initiators.keySet()));
        ProbeRun run = probeIn(s, d, work, initiators, selected, err);
        ObjectNode result = run.result();
        var ls = result.putArray("listeners");
        for (var r : started.hosts().values()) {
          ObjectNode o = ls.addObject();
          o.put("host", r.host);
          o.put("status", r.failed || r.unreachable ? "not listening" : "listening");
          if (r.failed || r.unreachable) o.put("reason", r.reason);
        }
        OutputFile.write(run.file(), SiteResult.text(result));
        return run;
      } finally {
        // on every responder, not only those listening: a host whose start failed half-way
        // may still hold a staged folder (stopping where nothing runs is a no-op)
        if (!responders.isEmpty()) {
          AnsibleRun.Outcome stopped = AnsibleRun.run(s, work, work.resolve("ansible/listen-stop.yml"), responders, vf, e -> { }, line -> passThrough(err, line));
          List<String> notStopped = new ArrayList<>();
          for (var r : stopped.hosts().values())
            if ((r.failed || r.unreachable) && listening.contains(r.host)) notStopped.add(r.host + " (" + r.reason + "; it stops itself after " + duration.toSeconds() + " s)");
          if (!listening.isEmpty())
            err.println("fleet: listeners stopped on " + (listening.size() - notStopped.size()) + " host(s)" + (notStopped.isEmpty() ? "" : "; not stopped: " + String.join(", ", notStopped)));
          err.flush();
          cleanupAfter(s, work, stopped, "listen", err);
        }
      }
    } finally {
      RuntimeImage.delete(work);
    }
  }

  private static Path hostsDir(Settings s) {
    return s.outDir().resolve("hosts");
  }

  private static void createHostsDir(Settings s) {
    try {
      Files.createDirectories(hostsDir(s));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write into " + s.outDir() + ": " + e.getMessage(), e);
    }
  }

  /** The run's id names its folders on the hosts ({@code /tmp/portolan-fleet-ID-KIND-HOST}). */
  private static void announce(Path work, PrintWriter err) {
    err.println("fleet: run " + work.getFileName());
    err.flush();
  }

  /**
   * The controller's side of cleaning up: after a run in which a host failed, was unreachable
   * or the run was ended at --max-time, the playbook's own 'always' may not have run there;
   * cleanup.yml removes the run's folders of that kind on those hosts (best effort: a host
   * still unreachable keeps them, and that is said).
   */
  private static void cleanupAfter(Settings s, Path work, AnsibleRun.Outcome out, String kind, PrintWriter err) {
    List<String> hosts = new ArrayList<>();
    for (var r : out.hosts().values()) if (r.failed || r.unreachable || out.timedOut()) hosts.add(r.host);
    if (hosts.isEmpty()) return;
    Map<String, Object> v = new LinkedHashMap<>();
    v.put("portolan_run", work.getFileName().toString());
    v.put("portolan_cleanup_kinds", List.of(kind));
    Path vf = writeVars(work, "cleanup-" + kind + "-vars.json", v);
    AnsibleRun.Outcome c = AnsibleRun.run(s.withMaxTime(Duration.ofSeconds(Math.max(60, s.connectTimeout().toSeconds() * 4))), work,
        work.resolve("ansible/cleanup.yml"), hosts, vf, e -> { }, line -> passThrough(err, line));
    List<String> left = new ArrayList<>();
    for (var r : c.hosts().values()) if (r.failed || r.unreachable) left.add(r.host + " (" + r.reason + ")");
    if (!left.isEmpty()) {
      err.println("fleet: could not make sure the " + kind + " folder /tmp/portolan-fleet-" + work.getFileName() + "-" + kind + "-HOST is gone on: " + String.join(", ", left));
      err.flush();
    }
  }

  private static ProbeRun probeIn(Settings s, Deployment d, Path work, Map<String, List<String>> initiators, List<String> selected, PrintWriter err) {
    Path hostsDir = hostsDir(s);
    createHostsDir(s);
    try {
      for (String h : selected) Files.deleteIfExists(hostsDir.resolve(h + ".json"));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write into " + s.outDir() + ": " + e.getMessage(), e);
    }
    Map<String, Object> vars = new LinkedHashMap<>(vars(s, work));
    vars.put("portolan_results", hostsDir.toAbsolutePath().toString());
    vars.put("portolan_probe_args", s.probeArgs());
    vars.put("portolan_probe_timeout", Math.max(60, s.maxTime().toSeconds()));
    Path vf = writeVars(work, "probe-vars.json", vars);
    Progress progress = new Progress(err, selected, hostsDir);
    List<HostOutcome> outcomes = new ArrayList<>();
    AnsibleRun.Outcome out;
    if (selected.isEmpty()) {
      err.println("fleet: no host to probe" + s.limit().map(l -> " (--limit " + l + ")").orElse(""));
      out = new AnsibleRun.Outcome(0, false, Map.of(), List.of());
    } else {
      try {
        out = AnsibleRun.run(s, work, work.resolve("ansible/probe.yml"), selected, vf, progress::event, line -> passThrough(err, line));
      } finally {
        progress.finish();
      }
      cleanupAfter(s, work, out, "probe", err);
    }
    List<SiteResult.Part> parts = new ArrayList<>();
    List<HostOutcome.NotProbed> missing = new ArrayList<>();
    for (String h : selected) {
      AnsibleRun.HostRecord r = out.hosts().get(h);
      Path file = hostsDir.resolve(h + ".json");
      if (r != null && !r.failed && !r.unreachable && Files.isRegularFile(file)) {
        Instant st = r.started.get("probe | run"), fin = r.finished.get("probe | run");
        try {
          JsonNode root = SiteResult.JSON.readTree(file.toFile());
          parts.add(new SiteResult.Part(file.toString(), root, Optional.of(h), Optional.ofNullable(st), Optional.ofNullable(fin)));
          outcomes.add(new HostOutcome.Probed(h, file, st, fin));
          continue;
        } catch (IOException e) {
          missing.add(new HostOutcome.NotProbed(h, "error: the host's result is not JSON: " + e.getMessage(), initiators.get(h)));
        }
      } else {
        String reason = r == null ? "error: ansible-playbook did not report this host"
            : !r.reason.isEmpty() ? r.reason
            : out.timedOut() ? "error: fleet --max-time reached" : "error: no result came back (ansible-playbook exit " + out.exitCode() + ")";
        missing.add(new HostOutcome.NotProbed(h, reason, initiators.get(h)));
      }
      outcomes.add(missing.getLast());
    }
    ObjectNode result = SiteResult.merge(d.site(), parts, missing);
    for (JsonNode h : result.path("hosts")) {
      AnsibleRun.HostRecord r = out.hosts().get(h.path("host").asText());
      if (r != null && !r.java.isEmpty() && h.path("status").asText().equals("probed")) ((ObjectNode) h).put("java", r.java);
    }
    Path file = s.outDir().resolve("site-result.json");
    OutputFile.write(file, SiteResult.text(result));
    OutputFile.write(s.outDir().resolve("inventory.yaml"), readString(work.resolve("inventory.yaml")));
    return new ProbeRun(result, outcomes, file, out.exitCode());
  }

  /** Hosts of {@code candidates} the --limit pattern selects, resolved by Ansible itself. */
  static List<String> select(Settings s, Path work, List<String> candidates) {
    if (s.limit().isEmpty() || candidates.isEmpty()) return candidates;
    List<String> cmd = List.of(s.ansible(), s.limit().get(), "-i", work.resolve("inventory.yaml").toString(), "--list-hosts");
    try {
      Process p = new ProcessBuilder(cmd).directory(work.toFile()).redirectErrorStream(false).start();
      p.getOutputStream().close();
      String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(60, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new UncheckedIOException(new IOException("ansible --list-hosts did not finish within 60 s"));
      }
      Set<String> matched = new LinkedHashSet<>();
      for (String line : text.split("\n")) {
        String t = line.strip();
        if (!t.isEmpty() && !t.startsWith("hosts (")) matched.add(t);
      }
      return candidates.stream().filter(matched::contains).toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run " + s.ansible() + " to resolve --limit: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return List.of();
    }
  }

  private static void prepare(Settings s, Deployment d, Path work) {
    try {
      for (String f : ANSIBLE_FILES) {
        Path target = work.resolve("ansible").resolve(f);
        Files.createDirectories(target.getParent());
        try (InputStream in = Fleet.class.getResourceAsStream("/ansible/" + f)) {
          if (in == null) throw new IOException("the jar carries no ansible/" + f);
          Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
        }
      }
      Files.createDirectories(work.resolve("tmp"));
      Files.createDirectories(work.resolve("cp"));
      Files.writeString(work.resolve("inventory.yaml"), Inventory.yaml(d), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prepare the fleet run in " + work + ": " + e.getMessage(), e);
    }
  }

  private static Map<String, Object> vars(Settings s, Path work) {
    Map<String, Object> v = new LinkedHashMap<>();
    v.put("portolan_run", work.getFileName().toString());
    v.put("portolan_jar", s.jar().toAbsolutePath().toString());
    v.put("portolan_site", s.deployment().toAbsolutePath().toString());
    List<Map<String, String>> catalogs = new ArrayList<>();
    for (int i = 0; i < s.catalogs().size(); i++) {
      Path c = s.catalogs().get(i).toAbsolutePath().normalize();
      catalogs.add(Map.of("src", c.toString(), "rel", "catalog-" + i + "/" + c.getFileName()));
    }
    v.put("portolan_catalogs", catalogs);
    if (s.runtimeImage()) {
      RuntimeImage.Result r = RuntimeImage.ensure(s.cacheDir());
      r.archive().ifPresent(a -> v.put("portolan_runtime", a.toAbsolutePath().toString()));
      if (r.archive().isEmpty()) v.put("portolan_runtime", "/nonexistent: no runtime image: " + r.problem());
    } else v.put("portolan_runtime", "/nonexistent: --no-runtime-image");
    return v;
  }

  private static Path writeVars(Path work, String name, Map<String, Object> vars) {
    Path f = work.resolve(name);
    try {
      Files.writeString(f, SiteResult.JSON.writeValueAsString(vars), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return f;
  }

  private static Path workDir() {
    try {
      // short: ssh control sockets live below it (108-byte limit on socket paths)
      return Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "pf-" + UUID.randomUUID().toString().substring(0, 6) + "-");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a temporary folder: " + e.getMessage(), e);
    }
  }

  private static void passThrough(PrintWriter err, String line) {
    if (line.isBlank()) return;
    synchronized (err) {
      err.println("ansible: " + line);
      err.flush();
    }
  }

  static String readString(Path p) {
    try {
      return Files.readString(p, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The progress line: hosts done / failed / running / waiting and the flows found failing so
   * far. One line per change (a host starts, finishes or fails), so it reads the same on a
   * terminal and in a CI log.
   */
  static final class Progress {
    private final PrintWriter err;
    private final Map<String, String> state = new LinkedHashMap<>();
    private final Path hostsDir;
    private final List<String> failing = new ArrayList<>();

    Progress(PrintWriter err, List<String> hosts, Path hostsDir) {
      this.err = err;
      this.hostsDir = hostsDir;
      hosts.forEach(h -> state.put(h, "waiting"));
    }

    synchronized void event(AnsibleRun.Event e) {
      if (e.host() == null || !state.containsKey(e.host())) return;
      String before = state.get(e.host());
      String line = null;
      switch (e.kind()) {
        case "start" -> {
          if (before.equals("waiting")) state.put(e.host(), "running");
        }
        case "ok" -> {
          if (e.task().equals("probe | fetch result")) {
            state.put(e.host(), "done");
            List<String> f = List.of();
            try {
              f = SiteResult.failing(SiteResult.JSON.readTree(hostsDir.resolve(e.host() + ".json").toFile()), e.host());
            } catch (IOException ex) {
              f = List.of(e.host() + ": result unreadable: " + ex.getMessage());
            }
            failing.addAll(f);
            line = e.host() + ": probed" + (f.isEmpty() ? ", every flow open" : ", " + f.size() + " not open: " + String.join("; ", f));
          }
        }
        case "failed", "item_failed" -> {
          if (!e.raw().path("ignored").asBoolean(false) && !before.equals("failed")) {
            state.put(e.host(), "failed");
            line = e.host() + ": NOT PROBED: " + AnsibleRun.failure(e);
          }
        }
        case "unreachable" -> {
          if (!before.equals("failed")) {
            state.put(e.host(), "failed");
            line = e.host() + ": NOT PROBED: host unreachable: " + AnsibleRun.oneLine(e.msg());
          }
        }
        default -> { }
      }
      if (line == null && before.equals(state.get(e.host()))) return;
      long done = count("done"), failed = count("failed"), running = count("running"), waiting = count("waiting");
      err.println("fleet: [" + done + " done, " + failed + " failed, " + running + " running, " + waiting + " waiting; "
          + failing.size() + " failing flow(s) so far]" + (line == null ? "" : " " + line));
      err.flush();
    }

    private long count(String s) {
      return state.values().stream().filter(s::equals).count();
    }

    synchronized void finish() {
      if (!failing.isEmpty()) {
        err.println("fleet: flows not open:");
        failing.forEach(f -> err.println("  " + f));
      }
      err.flush();
    }
  }
}
