package org.portolan.verify;

import java.util.List;
import org.portolan.ingest.acl.LineSource;

/** What the ruleset does with a required flow, with the deciding line. */
public sealed interface Verdict {
  /** Every packet of the flow (and its replies) passes; {@code rule} accepts it. */
  record Allowed(LineSource rule) implements Verdict {}

  /** Some of it passes ({@code rule} accepts that part); {@code blocked} says what does not and why. */
  record Partial(LineSource rule, List<BlockedPart> blocked) implements Verdict {
    public Partial {
      blocked = List.copyOf(blocked);
    }
  }

  /** Nothing of it passes; {@code rule} blocks (most of) it. */
  record Blocked(LineSource rule, List<BlockedPart> blocked) implements Verdict {
    public Blocked {
      blocked = List.copyOf(blocked);
    }
  }

  /**
   * The flow was not evaluated against this ruleset, so it is neither allowed nor blocked:
   * {@code reason} says why (the ruleset holds rules of the other IP version only, or the flow
   * has no packets to evaluate). {@code file} is the ruleset.
   */
  record NotVerified(String file, String reason) implements Verdict {
    public NotVerified {
      if (reason == null || reason.isBlank()) throw new IllegalArgumentException("say why the flow was not verified");
      file = file == null ? "" : file;
    }
  }

  default String keyword() {
    return switch (this) {
      case Allowed a -> "allowed";
      case Partial p -> "partial";
      case Blocked b -> "blocked";
      case NotVerified n -> "not-verified";
    };
  }

  /** The deciding line; for {@link NotVerified} the ruleset as a whole (line 0) with the reason. */
  default LineSource rule() {
    return switch (this) {
      case Allowed a -> a.rule();
      case Partial p -> p.rule();
      case Blocked b -> b.rule();
      case NotVerified n -> new LineSource(n.file(), 0, n.reason());
    };
  }

  default List<BlockedPart> blockedParts() {
    return switch (this) {
      case Allowed a -> List.of();
      case Partial p -> p.blocked();
      case Blocked b -> b.blocked();
      case NotVerified n -> List.of();
    };
  }
}
