package org.portolan.ingest.nftables;

import java.util.Optional;
import org.portolan.diag.Diagnostics;
import org.portolan.diag.SourcePosition;
import org.portolan.ingest.acl.Acl;

/** {@code nft list ruleset} text → vendor records → ACL model. */
public final class NftTextImporter {
  private NftTextImporter() {}

  public static Optional<Acl> read(String content, String file, Diagnostics d) {
    d.error(SourcePosition.of(file), "not built yet");
    return Optional.empty();
  }
}
