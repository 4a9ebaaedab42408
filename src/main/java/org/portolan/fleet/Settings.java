package org.portolan.fleet;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * How a fleet run goes: the deployment and catalog folders to ship, the Portolan jar, which
 * hosts ({@code limit}, an Ansible host pattern), Ansible's forks, where results go, the SSH
 * key and known_hosts file, the bounds, the arguments passed on to each host's probe, which
 * {@code ansible-playbook} to run, and whether to make the runtime image.
 */
public record Settings(
    Path deployment,
    List<Path> catalogs,
    Path jar,
    Optional<String> limit,
    int forks,
    Path outDir,
    Optional<Path> privateKey,
    Optional<Path> knownHosts,
    Duration maxTime,
    Duration connectTimeout,
    List<String> probeArgs,
    String ansiblePlaybook,
    boolean runtimeImage,
    Path cacheDir) {

  public Settings {
    catalogs = List.copyOf(catalogs);
    probeArgs = List.copyOf(probeArgs);
    if (forks < 1 || forks > 500) throw new IllegalArgumentException("--forks must be 1-500, got " + forks);
    if (maxTime.isNegative() || maxTime.isZero()) throw new IllegalArgumentException("--max-time must be positive");
    limit = limit.filter(l -> !l.isBlank());
  }

  /** The same settings with another bound on one ansible-playbook run. */
  Settings withMaxTime(Duration d) {
    return new Settings(deployment, catalogs, jar, limit, forks, outDir, privateKey, knownHosts, d, connectTimeout, probeArgs, ansiblePlaybook, runtimeImage, cacheDir);
  }

  /** The {@code ansible} command beside {@code ansible-playbook}, for resolving host patterns. */
  String ansible() {
    return ansiblePlaybook.endsWith("ansible-playbook") ? ansiblePlaybook.substring(0, ansiblePlaybook.length() - "-playbook".length()) : "ansible";
  }
}
