package org.portolan.fleet;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/** What became of one host of a fleet run. */
public sealed interface HostOutcome {
  String host();

  /** The host probed and its result came back ({@code file} on the controller). */
  record Probed(String host, Path file, Instant started, Instant finished) implements HostOutcome {
    public Probed {
      if (host == null || host.isBlank() || file == null) throw new IllegalArgumentException("a probed host needs its name and result file");
    }
  }

  /**
   * The host was not probed: unreachable, failed, or the run ended first. {@code reason} starts
   * with what happened ("host unreachable: …", "error: …"); {@code flows} names the flows it
   * initiates, which therefore have no result (never "blocked").
   */
  record NotProbed(String host, String reason, List<String> flows) implements HostOutcome {
    public NotProbed {
      if (host == null || host.isBlank() || reason == null || reason.isBlank()) throw new IllegalArgumentException("a host not probed needs its name and why");
      flows = List.copyOf(flows);
    }
  }
}
