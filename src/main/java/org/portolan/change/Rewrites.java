package org.portolan.change;

import java.util.Optional;
import java.util.regex.Pattern;
import org.portolan.diag.SourceText;
import org.portolan.ingest.acl.Acl;
import org.portolan.ingest.acl.LineSource;

/**
 * Destination rewrites the model does not evaluate (DNAT, REDIRECT, NETMAP; nft dnat and
 * redirect): they change the addresses the filter sees, so no change is placed on a ruleset
 * that has them. Source NAT happens after filtering and does not count.
 */
final class Rewrites {
  private Rewrites() {}

  private static final Pattern IPTABLES = Pattern.compile("-j\\s+(DNAT|REDIRECT|NETMAP)\\b");
  private static final Pattern NFT_TEXT = Pattern.compile("(^|\\s)(dnat|redirect)(\\s|$)");
  private static final Pattern NFT_JSON = Pattern.compile("\"(dnat|redirect)\"\\s*:");
  /**
   * A match on the connection's NAT status ({@code ct status dnat}, {@code ct status != dnat},
   * {@code ct status { dnat, snat }}; firewalld writes {@code ct status dnat accept}): it reads
   * whether a rewrite happened and rewrites nothing, so it is removed before looking for one.
   */
  private static final Pattern CT_STATUS = Pattern.compile("\\bct\\s+status\\s+(?:!=\\s*|==\\s*|&\\s*\\S+\\s*(?:==|!=)\\s*)?(?:\\{[^}]*\\}|[\\w,|]+)");

  /** The first line that rewrites destinations, if any. */
  static Optional<LineSource> find(Acl acl, String text) {
    Pattern p = switch (acl.format()) {
      case "iptables" -> IPTABLES;
      case "nftables" -> text.stripLeading().startsWith("{") ? NFT_JSON : NFT_TEXT;
      default -> null;
    };
    if (p == null) return Optional.empty();
    String[] lines = SourceText.lines(text);
    for (int i = 0; i < lines.length; i++) {
      String l = lines[i].strip();
      if (l.startsWith("#")) continue;
      if (p.matcher(p == NFT_TEXT ? CT_STATUS.matcher(l).replaceAll(" ") : l).find()) return Optional.of(new LineSource(acl.file(), i + 1, l));
    }
    return Optional.empty();
  }
}
