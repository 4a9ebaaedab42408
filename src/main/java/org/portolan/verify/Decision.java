package org.portolan.verify;

import java.util.Optional;
import org.portolan.ingest.acl.LineSource;
import org.portolan.ingest.acl.Space;

/**
 * Part of a header space and what the ruleset decides for it, by which line. With a
 * {@code doubt} the decision is undetermined: {@code accept} and {@code rule} are only the
 * reading in which the doubted line does not match.
 */
record Decision(Space space, boolean accept, LineSource rule, Optional<Doubt> doubt) {
  Decision {
    doubt = doubt == null ? Optional.empty() : doubt;
  }

  Decision(Space space, boolean accept, LineSource rule) {
    this(space, accept, rule, Optional.empty());
  }

  boolean undetermined() {
    return doubt.isPresent();
  }

  /** Certainly accepted. */
  boolean accepted() {
    return accept && doubt.isEmpty();
  }

  /** Certainly dropped or rejected. */
  boolean denied() {
    return !accept && doubt.isEmpty();
  }

  Decision doubted(Doubt d) {
    return new Decision(space, accept, rule, Optional.of(d));
  }

  Decision withSpace(Space s) {
    return new Decision(s, accept, rule, doubt);
  }
}
