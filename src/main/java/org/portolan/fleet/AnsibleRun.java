package org.portolan.fleet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One {@code ansible-playbook} run: the command line and environment fleet gives it, and the
 * events its stdout callback ({@code portolan_progress}, shipped in {@code ansible/}) prints,
 * one JSON line each. Host key checking is forced on; control sockets, local temp files and
 * retry files stay inside the run's own folder. The run is bounded by {@code maxTime}: then
 * the whole process tree is ended and hosts still running are "not probed".
 */
final class AnsibleRun {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** What is known about one host after the run. */
  static final class HostRecord {
    final String host;
    String state = "waiting"; // waiting, running, ok, failed, unreachable
    String reason = "";
    final Map<String, Instant> started = new LinkedHashMap<>();
    final Map<String, Instant> finished = new LinkedHashMap<>();
    boolean unreachable;
    boolean failed;
    String java = "";

    HostRecord(String host) {
      this.host = host;
    }
  }

  /** An event as the callback wrote it. */
  record Event(String kind, String host, String task, String msg, String stderr, Optional<Integer> rc, Instant time, JsonNode raw) {}

  record Outcome(int exitCode, boolean timedOut, Map<String, HostRecord> hosts, List<String> otherOutput) {}

  static Outcome run(Settings s, Path work, Path playbook, List<String> hosts, Path varsFile, Consumer<Event> onEvent, Consumer<String> onOther) {
    Path limit = work.resolve("limit-" + playbook.getFileName() + ".txt");
    try {
      Files.writeString(limit, String.join("\n", hosts) + "\n", StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<String> cmd = new ArrayList<>(List.of(s.ansiblePlaybook(), "-i", work.resolve("inventory.yaml").toString(), playbook.toString(),
        "--forks", Integer.toString(s.forks()), "--limit", "@" + limit, "-e", "@" + varsFile));
    s.privateKey().ifPresent(k -> cmd.addAll(List.of("--private-key", k.toString())));
    s.knownHosts().ifPresent(k -> cmd.add("--ssh-common-args=-o UserKnownHostsFile=" + k.toAbsolutePath()));
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(work.toFile()).redirectErrorStream(false);
    Map<String, String> env = pb.environment();
    Path ansible = work.resolve("ansible");
    env.put("ANSIBLE_STDOUT_CALLBACK", "portolan_progress");
    env.put("ANSIBLE_CALLBACK_PLUGINS", ansible.resolve("callback_plugins").toString());
    env.put("ANSIBLE_ROLES_PATH", ansible.resolve("roles").toString());
    env.put("ANSIBLE_HOST_KEY_CHECKING", "True"); // on, whatever an ansible.cfg says
    env.put("ANSIBLE_LOCAL_TEMP", work.resolve("tmp").toString());
    env.put("ANSIBLE_SSH_CONTROL_PATH_DIR", work.resolve("cp").toString());
    env.put("ANSIBLE_PIPELINING", "True");
    // one SSH connection per host for the whole run, kept open between tasks; no -C (Ansible's
    // default): the jar is already compressed and compressing it again costs CPU per host
    env.put("ANSIBLE_SSH_ARGS", "-o ControlMaster=auto -o ControlPersist=120s");
    env.put("ANSIBLE_TIMEOUT", Long.toString(Math.max(1, s.connectTimeout().toSeconds())));
    env.put("ANSIBLE_PYTHON_INTERPRETER", "auto_silent");
    env.put("ANSIBLE_RETRY_FILES_ENABLED", "False");
    env.put("ANSIBLE_NOCOLOR", "1");
    env.put("ANSIBLE_DEPRECATION_WARNINGS", "False");
    env.put("PYTHONUNBUFFERED", "1");
    Map<String, HostRecord> records = new LinkedHashMap<>();
    for (String h : hosts) records.put(h, new HostRecord(h));
    List<String> other = new ArrayList<>();
    Process p;
    try {
      p = pb.start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run " + s.ansiblePlaybook() + " (install Debian's ansible-core, or give --ansible-playbook PATH): " + e.getMessage(), e);
    }
    try {
      p.getOutputStream().close();
    } catch (IOException ignored) {
      // nothing to send
    }
    Thread errReader = Thread.ofVirtual().start(() -> lines(p.getErrorStream(), line -> {
      synchronized (other) {
        other.add(line);
      }
      onOther.accept(line);
    }));
    long deadline = System.nanoTime() + s.maxTime().toNanos();
    Thread watchdog = Thread.ofVirtual().start(() -> {
      try {
        if (!p.waitFor(Math.max(1, (deadline - System.nanoTime()) / 1_000_000), TimeUnit.MILLISECONDS)) {
          p.descendants().forEach(ProcessHandle::destroy);
          p.destroy();
          if (!p.waitFor(5, TimeUnit.SECONDS)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
          }
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    lines(p.getInputStream(), line -> {
      Optional<Event> ev = parse(line);
      if (ev.isEmpty()) {
        synchronized (other) {
          other.add(line);
        }
        onOther.accept(line);
        return;
      }
      Event e = ev.get();
      HostRecord r = e.host() == null ? null : records.get(e.host());
      if (r != null) {
        switch (e.kind()) {
          case "start" -> {
            if (r.state.equals("waiting")) r.state = "running";
            r.started.put(e.task(), e.time());
          }
          case "ok" -> {
            r.finished.put(e.task(), e.time());
            if (e.raw().hasNonNull("java")) r.java = e.raw().path("java").asText();
          }
          case "failed", "item_failed" -> {
            if (!(e.raw().path("ignored").asBoolean(false))) {
              // the first failure is the cause; later ones (a rescue's own 'fail') follow from it
              if (!r.failed) r.reason = failure(e);
              r.failed = true;
              r.state = "failed";
            }
          }
          case "unreachable" -> {
            r.unreachable = true;
            r.state = "unreachable";
            r.reason = "host unreachable: " + oneLine(e.msg());
          }
          default -> { }
        }
      }
      onEvent.accept(e);
    });
    try {
      p.waitFor();
      errReader.join(Duration.ofSeconds(5));
      watchdog.interrupt();
    } catch (InterruptedException e) {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
      Thread.currentThread().interrupt();
    }
    boolean timedOut = System.nanoTime() >= deadline;
    for (HostRecord r : records.values())
      if (r.state.equals("running") || r.state.equals("waiting")) {
        if (timedOut) {
          r.failed = true;
          r.reason = "error: fleet --max-time " + s.maxTime().toSeconds() + " s reached before this host finished";
        } else r.state = "ok";
      }
    List<String> copy;
    synchronized (other) {
      copy = List.copyOf(other);
    }
    return new Outcome(p.exitValue(), timedOut, records, copy);
  }

  static String failure(Event e) {
    StringBuilder sb = new StringBuilder("error in task '").append(e.task()).append("'");
    e.rc().ifPresent(rc -> sb.append(" (exit ").append(rc).append(')'));
    String msg = oneLine(e.msg());
    String stderr = oneLine(e.stderr());
    if (!stderr.isEmpty()) sb.append(": ").append(stderr);
    else if (!msg.isEmpty()) sb.append(": ").append(msg);
    return sb.toString();
  }

  static String oneLine(String s) {
    return s == null ? "" : s.strip().replaceAll("\\s*\\R\\s*", " | ");
  }

  static Optional<Event> parse(String line) {
    if (!line.startsWith("{\"")) return Optional.empty();
    try {
      JsonNode n = JSON.readTree(line);
      if (!n.has("event")) return Optional.empty();
      Instant t = SiteResult.instant(n.path("time")).orElse(Instant.now());
      Optional<Integer> rc = n.path("rc").isInt() ? Optional.of(n.path("rc").asInt()) : Optional.empty();
      return Optional.of(new Event(n.path("event").asText(), n.hasNonNull("host") ? n.path("host").asText() : null,
          // a role's task is named "ROLE : NAME"; fleet knows its tasks by NAME
          n.path("task").asText("").replaceFirst("^[A-Za-z0-9_.-]+ : ", ""), n.path("msg").asText(""), n.path("stderr").asText(""), rc, t, n));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  private static void lines(java.io.InputStream in, Consumer<String> each) {
    try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      for (String line; (line = r.readLine()) != null; ) each.accept(line);
    } catch (IOException e) {
      // the process ended
    }
  }
}
