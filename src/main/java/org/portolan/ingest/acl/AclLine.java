package org.portolan.ingest.acl;

import java.util.Optional;

/**
 * One first-match line: the headers it matches, optional interface conditions, its action,
 * and where it came from.
 */
public record AclLine(Space match, Optional<InterfaceMatch> in, Optional<InterfaceMatch> out, Action action, LineSource source) {
  public AclLine {
    if (match == null || action == null || source == null) throw new IllegalArgumentException("an ACL line needs a match, an action and a source");
    in = in == null ? Optional.empty() : in;
    out = out == null ? Optional.empty() : out;
  }

  public static AclLine of(Space match, Action action, LineSource source) {
    return new AclLine(match, Optional.empty(), Optional.empty(), action, source);
  }
}
