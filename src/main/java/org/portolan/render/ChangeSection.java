package org.portolan.render;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.portolan.diag.InvalidInputException;
import org.portolan.diag.SourcePosition;
import org.portolan.output.Escape;

/**
 * The report's "Changes" section, from the JSON that {@code portolan change --format json}
 * writes: each command with its position and requirement, the verdict before and after, and
 * the flows refused. Read here from the file, so render does not depend on the change stage.
 */
public final class ChangeSection {
  private ChangeSection() {}

  /** One command of the change request. */
  public record Row(String flow, String requirement, String vendorRow, String position, String command, String before, String after) {}

  /** A refused flow: why, and the line. */
  public record Refused(String flow, String reason, String line) {}

  public record Changes(String file, String ruleset, String format, List<Row> rows, List<Refused> refused, int allowedBefore, int allowedAfter, int flows) {
    public Changes {
      rows = List.copyOf(rows);
      refused = List.copyOf(refused);
    }
  }

  public static Changes read(Path file) {
    JsonNode n;
    try {
      n = new ObjectMapper().readTree(Files.readString(file));
    } catch (IOException e) {
      throw new InvalidInputException(SourcePosition.of(file.toString()), "cannot read the change result: " + e.getMessage());
    }
    if (n == null || !n.path("changes").isArray() || !n.path("flows").isArray())
      throw new InvalidInputException(SourcePosition.of(file.toString()), "not a change result: expected the JSON of 'portolan change --format json' with \"changes\" and \"flows\"");
    List<Row> rows = new ArrayList<>();
    for (JsonNode r : n.path("changes"))
      rows.add(new Row(r.path("flow").asText(), r.path("requirement").asText(), r.path("vendor_row").asText(), r.path("position").asText(), r.path("command").asText(),
          r.path("verdict_before").asText(), r.path("verdict_after").asText()));
    List<Refused> refused = new ArrayList<>();
    for (JsonNode r : n.path("refused")) refused.add(new Refused(r.path("flow").asText(), r.path("reason").asText(), "line " + r.path("line").asInt() + ": " + r.path("text").asText()));
    int before = 0, after = 0, flows = 0;
    for (JsonNode f : n.path("flows")) {
      flows++;
      if (f.path("before").asText().equals("allowed")) before++;
      if (f.path("after").asText().equals("allowed")) after++;
    }
    return new Changes(file.toString(), n.path("ruleset").asText(), n.path("format").asText(), rows, refused, before, after, flows);
  }

  static void html(StringBuilder b, Changes c) {
    b.append("<section id=\"changes\"><h2>Changes</h2>\n<p>The smallest change to the existing ruleset <code>").append(Escape.html(c.ruleset())).append("</code> (")
        .append(Escape.html(c.format())).append("): required flows allowed today ").append(c.allowedBefore()).append(" of ").append(c.flows())
        .append(", after the change ").append(c.allowedAfter()).append(" of ").append(c.flows()).append("; ").append(c.rows().size()).append(" commands, ")
        .append(c.refused().size()).append(" flows refused.</p>\n");
    if (!c.rows().isEmpty()) {
      b.append("<div class=\"scroll\"><table>\n<thead><tr><th>Flow</th><th>Requirement</th><th>Vendor row</th><th>Position</th><th>Command</th><th>Before</th><th>After</th></tr></thead>\n<tbody>\n");
      for (Row r : c.rows()) {
        b.append("<tr><td>").append(Escape.html(r.flow())).append("</td><td>").append(Escape.html(r.requirement())).append("</td><td>").append(Escape.html(r.vendorRow()))
            .append("</td><td>").append(Escape.html(r.position())).append("</td><td class=\"wide\"><code>").append(Escape.html(r.command())).append("</code></td><td>")
            .append(Escape.html(r.before())).append("</td><td>").append(Escape.html(r.after())).append("</td></tr>\n");
      }
      b.append("</tbody></table></div>\n");
    }
    if (!c.refused().isEmpty()) {
      b.append("<h3>Refused (fail closed)</h3>\n<div class=\"scroll\"><table>\n<thead><tr><th>Flow</th><th>Why</th><th>Line</th></tr></thead>\n<tbody>\n");
      for (Refused r : c.refused())
        b.append("<tr><td>").append(Escape.html(r.flow())).append("</td><td>").append(Escape.html(r.reason())).append("</td><td><code>").append(Escape.html(r.line())).append("</code></td></tr>\n");
      b.append("</tbody></table></div>\n");
    }
    b.append("</section>\n");
  }
}
