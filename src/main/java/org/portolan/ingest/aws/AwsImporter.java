package org.portolan.ingest.aws;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.portolan.diag.Diagnostics;
import org.portolan.diag.SourcePosition;
import org.portolan.ingest.acl.Acl;
import org.portolan.ingest.acl.AclLine;
import org.portolan.ingest.acl.Action;
import org.portolan.ingest.acl.Chain;
import org.portolan.ingest.acl.LineSource;
import org.portolan.ingest.acl.LocatedJson;
import org.portolan.ingest.acl.Stage;
import org.portolan.ingest.aws.SecurityGroups.Group;

/**
 * AWS {@code describe-security-groups} JSON → vendor records → ACL model. Each group gives
 * the paths {@code input:ID} (ingress) and {@code output:ID} (egress), also under its name;
 * {@code input}/{@code output} are the first group's. Security groups are stateful: replies
 * pass without rules. References to other groups resolve through an optional
 * {@code NetworkInterfaces} array (describe-network-interfaces output) in the same file.
 */
public final class AwsImporter {
  private AwsImporter() {}

  public static Optional<Acl> read(String content, String file, Diagnostics d) {
    Optional<LocatedJson> json = LocatedJson.parse(content, file, d);
    if (json.isEmpty()) return Optional.empty();
    Optional<SecurityGroups.Doc> doc = SecurityGroups.parse(json.get(), file, d);
    if (doc.isEmpty() || d.hasErrors()) return Optional.empty();
    Map<String, Chain> chains = new HashMap<>();
    Map<String, List<Stage>> paths = new LinkedHashMap<>();
    for (Group g : doc.get().groups()) {
      for (boolean ingress : new boolean[] {true, false}) {
        List<AclLine> lines = new ArrayList<>();
        for (SecurityGroups.Permission p : ingress ? g.ingress() : g.egress())
          lines.addAll(SecurityGroupConverter.lines(g, p, ingress, doc.get().members(), file, d));
        String name = (ingress ? "input:" : "output:") + g.id();
        chains.put(name, new Chain(name, lines, Optional.of(Action.DROP),
            new LineSource(file, g.line(), g.id() + " (" + g.name() + ") " + (ingress ? "ingress" : "egress") + ": what no rule allows is denied")));
        List<Stage> st = List.of(Stage.both(name));
        paths.put(name, st);
        if (!g.name().isEmpty()) paths.putIfAbsent((ingress ? "input:" : "output:") + g.name(), st);
        paths.putIfAbsent(ingress ? "input" : "output", st);
      }
    }
    if (doc.get().groups().size() > 1)
      d.warning(SourcePosition.of(file), "the file holds " + doc.get().groups().size() + " security groups; without --firewall ID|NAME flows are evaluated on the first, "
          + doc.get().groups().getFirst().id());
    return Optional.of(new Acl(file, "aws", chains, paths, true));
  }

  static String text(JsonNode n, String field) {
    JsonNode x = n.get(field);
    return x == null || x.isNull() ? "" : x.asText();
  }
}
