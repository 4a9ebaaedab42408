package org.portolan.ingest.srx;

import java.util.Optional;
import org.portolan.diag.Diagnostics;
import org.portolan.ingest.acl.Acl;

/**
 * Juniper SRX {@code show configuration | display set} → vendor records → ACL model: address
 * books (global and per zone), applications (custom terms and the predefined {@code junos-*}
 * ones with a fixed match), security policies per zone pair and global, the default policy.
 * SRX is stateful: replies to a permitted session pass.
 */
public final class SrxImporter {
  private SrxImporter() {}

  public static Optional<Acl> read(String content, String file, Diagnostics d) {
    Srx.Config c = SrxParser.parse(content, file, d);
    if (d.hasErrors()) return Optional.empty();
    return Optional.of(SrxConverter.convert(c, file, d));
  }
}
