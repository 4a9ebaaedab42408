package org.portolan.ingest.acl;

import java.util.Optional;

/**
 * One first-match line: the headers it matches, optional interface conditions, its action,
 * and where it came from.
 *
 * <p>{@code doubt}, when present, names a condition of the line that is not modelled or not in
 * the dump (ipset without its members, {@code xt} objects of an {@code nft -j} dump, a mark
 * nobody sets on the path…). Then {@code match} holds every packet the line <em>may</em>
 * match, and which of them it does match is unknown: a verdict that depends on it is
 * undetermined, never a guess.
 *
 * <p>{@code rate}, when present, names a rate condition ({@code -m limit}, {@code recent},
 * {@code hashlimit}, {@code connlimit}, nft {@code limit}, meters) read as it is for the first
 * connection of a flow (under the limit); a verdict that passes the line says it is
 * rate-limited by it.
 */
public record AclLine(Space match, Optional<InterfaceMatch> in, Optional<InterfaceMatch> out, Action action, LineSource source, Optional<String> doubt, Optional<Rate> rate, Space doubtRegion) {
  /** A rate condition and whether it holds for the first connection of a flow (limit, upto: yes; above, hitcount ≥ 2: no). */
  public record Rate(String condition, boolean firstConnectionMatches) {}

  public AclLine {
    if (match == null || action == null || source == null) throw new IllegalArgumentException("an ACL line needs a match, an action and a source");
    in = in == null ? Optional.empty() : in;
    out = out == null ? Optional.empty() : out;
    doubt = doubt == null ? Optional.empty() : doubt;
    rate = rate == null ? Optional.empty() : rate;
    doubtRegion = doubtRegion == null ? Space.universe() : doubtRegion;
  }

  public AclLine(Space match, Optional<InterfaceMatch> in, Optional<InterfaceMatch> out, Action action, LineSource source, Optional<String> doubt, Optional<Rate> rate) {
    this(match, in, out, action, source, doubt, rate, Space.universe());
  }

  public AclLine(Space match, Optional<InterfaceMatch> in, Optional<InterfaceMatch> out, Action action, LineSource source) {
    this(match, in, out, action, source, Optional.empty(), Optional.empty());
  }

  public static AclLine of(Space match, Action action, LineSource source) {
    return new AclLine(match, Optional.empty(), Optional.empty(), action, source);
  }

  /** The same line, with the match known only as an upper bound because of {@code construct}. */
  public AclLine doubting(String construct) {
    return new AclLine(match, in, out, action, source, Optional.of(construct), rate, doubtRegion);
  }

  /** The same line, doubted only for the packets in {@code region} (elsewhere its match is exact). */
  public AclLine doubting(String construct, Space region) {
    return new AclLine(match, in, out, action, source, Optional.of(construct), rate, region);
  }

  /** The same line, noting its rate condition. */
  public AclLine rateLimited(String condition, boolean firstConnectionMatches) {
    return new AclLine(match, in, out, action, source, doubt, Optional.of(new Rate(condition, firstConnectionMatches)), doubtRegion);
  }
}
