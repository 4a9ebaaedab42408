package org.portolan.verify;

import java.util.List;
import org.portolan.ingest.acl.LineSource;

/** What the ruleset does with a required flow, with the deciding line. */
public sealed interface Verdict {
  /**
   * Every packet of the flow (and its replies) passes; {@code rule} accepts it.
   * {@code rateLimitedBy}: lines with a rate condition the flow passes — the verdict holds for
   * the first connection; later ones over the rate may be dropped there.
   */
  record Allowed(LineSource rule, List<LineSource> rateLimitedBy) implements Verdict {
    public Allowed {
      rateLimitedBy = List.copyOf(rateLimitedBy);
    }

    public Allowed(LineSource rule) {
      this(rule, List.of());
    }
  }

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

  /**
   * The answer depends on a line whose condition or action is not modelled or not in the dump
   * ({@code doubt} names the first such line, the construct, and what each reading gives — a
   * hint, never the verdict). {@code blocked}: parts blocked whatever that line does;
   * {@code undetermined}: the parts whose fate depends on it, each naming its line.
   */
  record Undetermined(Doubt doubt, List<BlockedPart> blocked, List<BlockedPart> undetermined) implements Verdict {
    public Undetermined {
      if (doubt == null) throw new IllegalArgumentException("an undetermined verdict names its doubt");
      blocked = List.copyOf(blocked);
      undetermined = List.copyOf(undetermined);
    }
  }

  default String keyword() {
    return switch (this) {
      case Allowed a -> "allowed";
      case Partial p -> "partial";
      case Blocked b -> "blocked";
      case Undetermined u -> "undetermined";
      case NotVerified n -> "not-verified";
    };
  }

  /** The deciding line; for {@link NotVerified} the ruleset as a whole (line 0) with the reason. */
  default LineSource rule() {
    return switch (this) {
      case Allowed a -> a.rule();
      case Partial p -> p.rule();
      case Blocked b -> b.rule();
      case Undetermined u -> u.doubt().line();
      case NotVerified n -> new LineSource(n.file(), 0, n.reason());
    };
  }

  default List<BlockedPart> blockedParts() {
    return switch (this) {
      case Allowed a -> List.of();
      case Partial p -> p.blocked();
      case Blocked b -> b.blocked();
      case Undetermined u -> u.blocked();
      case NotVerified n -> List.of();
    };
  }
}
