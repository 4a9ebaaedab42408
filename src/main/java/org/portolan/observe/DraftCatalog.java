package org.portolan.observe;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Unexplained traffic written as a draft catalog entry (the format of docs/formats.md): one
 * role per source and destination seen, one requirement per candidate, every guess marked
 * {@code # REVIEW:} — a discovered undocumented port becomes a catalog change a person
 * reviews, never an automatic allow. A pure function.
 */
public final class DraftCatalog {
  private DraftCatalog() {}

  public static String write(ObserveResult r, String site) {
    StringBuilder b = new StringBuilder();
    b.append("# Draft catalog entry from `portolan observe`: traffic no requirement of ").append(site.isEmpty() ? "the plan" : site)
        .append(" explains.\n# REVIEW: every requirement below was seen in logs, not documented; keep only what a product needs,\n")
        .append("# REVIEW: give it the vendor's purpose and source, and assign the roles in the deployment.\n");
    b.append("product: observed-").append(id(site.isEmpty() ? "site" : site)).append("\n");
    b.append("name: Observed traffic of ").append(quote(site.isEmpty() ? "the site" : site)).append("\n");
    b.append("vendor: unknown  # REVIEW: the product this traffic belongs to\n");
    Map<String, String> roles = new LinkedHashMap<>();
    for (var c : r.unexplained()) {
      roles.putIfAbsent(id(c.src()), c.src());
      roles.putIfAbsent(id(c.dst()), c.dst());
    }
    b.append("roles:\n");
    if (roles.isEmpty()) b.append("  []\n");
    roles.forEach((id, seen) -> b.append("  - id: ").append(id).append("\n    name: ").append(quote(seen))
        .append("  # REVIEW: seen as ").append(seen.replace("\n", " ")).append("\n"));
    b.append("requirements:\n");
    if (r.unexplained().isEmpty()) b.append("  []\n");
    for (var c : r.unexplained()) {
      String proto = c.proto().equals("tcp") || c.proto().equals("udp") ? c.proto() + "/" + c.port() : c.proto();
      b.append("  - id: ").append(id(c.proto() + "-" + c.port() + "-" + c.src() + "-to-" + c.dst())).append("\n");
      b.append("    from: ").append(id(c.src())).append("\n");
      b.append("    to: [").append(id(c.dst())).append("]\n");
      b.append("    services: [").append(proto).append("]\n");
      b.append("    purpose: ").append(quote("Observed: " + c.records() + " records (" + c.accepted() + " accepted, " + c.denied() + " denied, "
          + c.unknown() + " without a verdict)" + (c.first() == null ? "" : " from " + ObserveTable.t(c.first()) + " to " + ObserveTable.t(c.last()))))
          .append("  # REVIEW: what is this traffic for?\n");
      if (c.replies() > 0)
        b.append("    # REVIEW: ").append(c.replies()).append(" of these records went from port ").append(c.port())
            .append(" to a higher port and were taken as replies; check the direction\n");
      if (c.denied() > 0 && c.accepted() == 0) b.append("    # REVIEW: every record was denied; it may be a scan or misconfiguration, not a need\n");
      b.append("    source: {document: observed, row: ").append(quote(c.example())).append("}\n");
    }
    return b.toString();
  }

  static String id(String s) {
    String x = s.toLowerCase(Locale.ROOT).replaceAll("\\(zone [^)]*\\)", "").replaceAll("\\(not in the site\\)", "")
        .replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
    if (x.isEmpty() || !Character.isLetter(x.charAt(0))) x = "r-" + x;
    return x.length() > 60 ? x.substring(0, 60).replaceAll("-+$", "") : x;
  }

  private static String quote(String s) {
    return '"' + s.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
  }
}
