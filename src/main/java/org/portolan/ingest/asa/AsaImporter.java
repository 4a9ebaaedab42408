package org.portolan.ingest.asa;

import java.util.Optional;
import org.portolan.diag.Diagnostics;
import org.portolan.diag.SourcePosition;
import org.portolan.ingest.acl.Acl;

/** Cisco ASA configuration → vendor records → ACL model. */
public final class AsaImporter {
  private AsaImporter() {}

  public static Optional<Acl> read(String content, String file, Diagnostics d) {
    Asa.Config cfg = AsaParser.parse(content, file, d);
    if (d.hasErrors()) return Optional.empty();
    if (cfg.entries().isEmpty()) {
      d.error(SourcePosition.of(file), "no 'access-list NAME extended permit|deny …' entries: nothing to verify");
      return Optional.empty();
    }
    return new AsaConverter(cfg, file, d).acl();
  }
}
