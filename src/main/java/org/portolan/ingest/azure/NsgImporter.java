package org.portolan.ingest.azure;

import java.util.List;
import java.util.Optional;
import org.portolan.diag.Diagnostics;
import org.portolan.ingest.acl.Acl;
import org.portolan.ingest.acl.LocatedJson;

/**
 * Azure NSG JSON ({@code az network nsg show}/{@code list}, or an ARM template such as
 * compile writes) → vendor records → ACL model, with Azure's default rules stated and service
 * tags said to be unresolved unless their address is fixed. NSGs are stateful.
 */
public final class NsgImporter {
  private NsgImporter() {}

  public static Optional<Acl> read(String content, String file, Diagnostics d) {
    Optional<LocatedJson> json = LocatedJson.parse(content, file, d);
    if (json.isEmpty()) return Optional.empty();
    List<Nsg.Group> groups = NsgParser.parse(json.get(), d);
    if (d.hasErrors() || groups.isEmpty()) return Optional.empty();
    Acl acl = NsgConverter.convert(groups, file, d);
    return d.hasErrors() ? Optional.empty() : Optional.of(acl);
  }

  private static final java.util.regex.Pattern PRIORITY = java.util.regex.Pattern.compile("^\\S+ \\(priority (\\d+), ");

  /** The priority of a rule line this importer made (its text names it; Azure's default rules too), or empty for another line. */
  public static java.util.OptionalInt priorityOf(org.portolan.ingest.acl.LineSource line) {
    java.util.regex.Matcher m = PRIORITY.matcher(line.text());
    return m.find() ? java.util.OptionalInt.of(Integer.parseInt(m.group(1))) : java.util.OptionalInt.empty();
  }
}
