package org.portolan.ingest.panos;

import java.util.Optional;
import org.portolan.diag.Diagnostics;
import org.portolan.ingest.acl.Acl;

/**
 * PAN-OS set commands → vendor records → ACL model: address objects and groups, service
 * objects and groups, security rules with the predefined intrazone/interzone defaults.
 * Applications other than the protocol-identified App-IDs (icmp, ipv6-icmp, gre,
 * ipsec-esp) depend on payload inspection and are said so. PAN-OS is stateful.
 */
public final class PanOsImporter {
  private PanOsImporter() {}

  public static Optional<Acl> read(String content, String file, Diagnostics d) {
    PanOs.Config c = PanOsParser.parse(content, file, d);
    if (d.hasErrors()) return Optional.empty();
    return Optional.of(PanOsConverter.convert(c, file, d));
  }
}
