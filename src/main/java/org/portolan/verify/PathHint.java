package org.portolan.verify;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.portolan.diag.Diagnostics;
import org.portolan.diag.SourcePosition;
import org.portolan.ingest.acl.Acl;
import org.portolan.ingest.acl.Chain;
import org.portolan.ingest.acl.Stage;

/**
 * When nothing placed the flows ({@link org.portolan.plan.FirewallPlacement} left every flow's
 * crossing unknown: no deployment, {@code --path} or {@code --local}) and the
 * path they were evaluated on has no rules of its own while another path has some, says
 * which chain was evaluated and which option would pick the other: a host firewall checked
 * with a flows file is the usual case (every flow "blocked by FORWARD DROP").
 */
final class PathHint {
  private PathHint() {}

  static void warn(Acl acl, Set<String> used, VerifyOptions opt, boolean placed, Diagnostics d) {
    if (placed || opt.path().isPresent()) return;
    for (String path : used) {
      if (!List.of("input", "output", "forward").contains(path) || !acl.paths().containsKey(path) || rules(acl, path) > 0) continue;
      for (String other : List.of("input", "output", "forward")) {
        if (other.equals(path) || !acl.paths().containsKey(other) || rules(acl, other) == 0) continue;
        Chain evaluated = acl.chains().get(Verifier.stagesOf(acl, path).isEmpty() ? "" : own(acl, path).orElse(Verifier.stagesOf(acl, path).getLast().chain()));
        String name = evaluated == null ? path : evaluated.name();
        d.warning(SourcePosition.of(acl.file()), "the flows were evaluated on path " + path + " (chain " + name + "), which has no rules, while " + other
            + " has " + rules(acl, other) + ": if the flows are addressed to this host give --local ADDR (its own addresses) or --path " + other
            + (other.equals("input") ? "" : ", if they leave it --path output"));
        break;
      }
    }
  }

  /** Lines of the chains a path reaches, not counting stages it shares with input or output. */
  private static int rules(Acl acl, String path) {
    int n = 0;
    List<String> shared = new ArrayList<>();
    if (path.equals("forward"))
      for (String p : List.of("input", "output")) for (Stage s : acl.paths().getOrDefault(p, List.of())) shared.add(s.chain());
    for (Stage s : acl.paths().getOrDefault(path, List.of())) {
      if (s.auxiliary() || shared.contains(s.chain())) continue;
      for (String c : Verifier.reachableFrom(acl, List.of(s.chain()))) n += acl.chains().get(c).lines().size();
    }
    return n;
  }

  private static Optional<String> own(Acl acl, String path) {
    return acl.paths().get(path).stream().filter(s -> !s.auxiliary()).map(Stage::chain).reduce((a, b) -> b);
  }
}
