package org.portolan.ingest.windows;

import java.util.Optional;
import org.portolan.diag.Diagnostics;
import org.portolan.ingest.acl.Acl;
import org.portolan.ingest.acl.LocatedJson;

/**
 * Windows Defender Firewall → vendor records → ACL model, from the JSON that
 * {@code Get-NetFirewallRule} with its port and address filters exports through
 * {@code ConvertTo-Json}, or from a PowerShell script of {@code New-NetFirewallRule} calls
 * (compile --dialect windows). Block rules win over Allow rules; the default is inbound
 * Block, outbound Allow. The firewall is stateful.
 */
public final class WindowsImporter {
  private WindowsImporter() {}

  public static Optional<Acl> read(String content, String file, Diagnostics d) {
    String t = content.stripLeading();
    WindowsRules.Doc doc;
    if (t.startsWith("{") || t.startsWith("[")) {
      Optional<LocatedJson> json = LocatedJson.parse(content, file, d);
      if (json.isEmpty()) return Optional.empty();
      doc = WindowsJsonParser.parse(json.get(), d);
    } else doc = PowerShellParser.parse(content, file, d);
    if (d.hasErrors()) return Optional.empty();
    return Optional.of(WindowsConverter.convert(doc, file, d));
  }
}
