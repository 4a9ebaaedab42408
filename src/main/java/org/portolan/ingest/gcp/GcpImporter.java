package org.portolan.ingest.gcp;

import java.util.List;
import java.util.Optional;
import org.portolan.diag.Diagnostics;
import org.portolan.ingest.acl.Acl;
import org.portolan.ingest.acl.LocatedJson;

/**
 * GCP VPC firewall rules ({@code gcloud compute firewall-rules list --format=json}, or the
 * Terraform JSON compile writes) → vendor records → ACL model: priorities, deny-wins ties,
 * the implied rules, and target tags/service accounts as separate instance paths. VPC
 * firewall rules are stateful.
 */
public final class GcpImporter {
  private GcpImporter() {}

  public static Optional<Acl> read(String content, String file, Diagnostics d) {
    Optional<LocatedJson> json = LocatedJson.parse(content, file, d);
    if (json.isEmpty()) return Optional.empty();
    List<GcpFirewall.Rule> rules = GcpParser.parse(json.get(), d);
    if (d.hasErrors()) return Optional.empty();
    return Optional.of(GcpConverter.convert(rules, file, d));
  }

  private static final java.util.regex.Pattern PRIORITY = java.util.regex.Pattern.compile("^\\S+ \\((?:INGRESS|EGRESS) priority (\\d+) ");

  /** The priority of a rule line this importer made (its text names it), or empty for another line (an implied rule). */
  public static java.util.OptionalInt priorityOf(org.portolan.ingest.acl.LineSource line) {
    java.util.regex.Matcher m = PRIORITY.matcher(line.text());
    return m.find() ? java.util.OptionalInt.of(Integer.parseInt(m.group(1))) : java.util.OptionalInt.empty();
  }
}
