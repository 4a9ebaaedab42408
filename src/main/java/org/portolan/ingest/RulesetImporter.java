package org.portolan.ingest;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.portolan.diag.Diagnostics;
import org.portolan.diag.SourcePosition;
import org.portolan.ingest.acl.Acl;
import org.portolan.ingest.asa.AsaImporter;
import org.portolan.ingest.aws.AwsImporter;
import org.portolan.ingest.iptables.IptablesImporter;
import org.portolan.ingest.nftables.NftJsonImporter;
import org.portolan.ingest.nftables.NftTextImporter;

/** Detects a ruleset's format and hands it to that format's importer. */
public final class RulesetImporter {
  private RulesetImporter() {}

  /** The formats verify reads. */
  public enum Format {
    IPTABLES("iptables"), NFT_JSON("nft-json"), NFT("nft"), ASA("asa"), AWS("aws");

    private final String keyword;

    Format(String keyword) {
      this.keyword = keyword;
    }

    public String keyword() {
      return keyword;
    }

    public static Optional<Format> parse(String s) {
      for (Format f : values()) if (f.keyword.equals(s.toLowerCase(Locale.ROOT))) return Optional.of(f);
      return Optional.empty();
    }
  }

  private static final Pattern NFT_TABLE = Pattern.compile("(?m)^\\s*table\\s+(ip|ip6|inet|arp|bridge|netdev)?\\s*\\S+\\s*\\{");
  private static final Pattern ASA = Pattern.compile("(?m)^\\s*(access-list|access-group|object-group|object)\\s");
  private static final Pattern IPT = Pattern.compile("(?m)^(\\*filter|\\*raw|\\*nat|\\*mangle|:[A-Za-z_-]+ (ACCEPT|DROP|-) |-A \\S+)");

  /** Detects the format from the content; empty when it looks like none of them. */
  public static Optional<Format> detect(String content) {
    String head = content.length() > 200_000 ? content.substring(0, 200_000) : content;
    String t = head.stripLeading();
    if (t.startsWith("{") || t.startsWith("[")) {
      if (head.contains("\"nftables\"")) return Optional.of(Format.NFT_JSON);
      if (head.contains("\"SecurityGroups\"") || head.contains("\"IpPermissions\"")) return Optional.of(Format.AWS);
      return Optional.empty();
    }
    if (IPT.matcher(head).find()) return Optional.of(Format.IPTABLES);
    if (NFT_TABLE.matcher(head).find()) return Optional.of(Format.NFT);
    if (ASA.matcher(head).find()) return Optional.of(Format.ASA);
    return Optional.empty();
  }

  /** Imports {@code content}; errors and warnings go to {@code d}. */
  public static Optional<Acl> read(String content, String file, Optional<Format> format, Diagnostics d) {
    Optional<Format> f = format.or(() -> detect(content));
    if (f.isEmpty()) {
      d.error(SourcePosition.of(file), "cannot tell the ruleset format; expected iptables-save output, nft (text or -j JSON), Cisco ASA configuration or AWS describe-security-groups JSON; give --ruleset-format");
      return Optional.empty();
    }
    return switch (f.get()) {
      case IPTABLES -> IptablesImporter.read(content, file, d);
      case NFT_JSON -> NftJsonImporter.read(content, file, d);
      case NFT -> NftTextImporter.read(content, file, d);
      case ASA -> AsaImporter.read(content, file, d);
      case AWS -> AwsImporter.read(content, file, d);
    };
  }
}
