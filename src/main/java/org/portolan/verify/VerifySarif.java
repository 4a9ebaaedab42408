package org.portolan.verify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.portolan.ingest.acl.LineSource;

/** SARIF 2.1.0 for code-scanning pipelines: blocked/partial flows, excess and shadowed lines as results located at the ruleset line. Pure. */
public final class VerifySarif {
  private VerifySarif() {}

  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  public static String render(VerifyResult r) {
    ObjectNode root = JSON.createObjectNode();
    root.put("$schema", "https://json.schemastore.org/sarif-2.1.0.json").put("version", "2.1.0");
    ObjectNode run = root.putArray("runs").addObject();
    ObjectNode driver = run.putObject("tool").putObject("driver").put("name", "portolan verify").put("informationUri", "https://github.com/portolan");
    ArrayNode rules = driver.putArray("rules");
    for (String[] rule : new String[][] {{"flow-blocked", "A required flow is blocked"}, {"flow-partial", "A required flow is partly blocked"},
        {"flow-undetermined", "Whether a required flow passes depends on a line that is not modelled or not in the dump"},
        {"flow-not-verified", "A required flow could not be verified against this ruleset"},
        {"excess", "A rule permits traffic no requirement needs"}, {"shadowed", "A rule never decides anything"}, {"redundant", "A rule changes nothing"}}) {
      rules.addObject().put("id", rule[0]).putObject("shortDescription").put("text", rule[1]);
    }
    ArrayNode results = run.putArray("results");
    for (FlowResult f : r.flows()) {
      switch (f.verdict()) {
        case Verdict.Allowed a -> { }
        case Verdict.Partial p -> result(results, "flow-partial", "error", "flow " + f.name() + " (" + f.proto() + " " + f.ports() + ") is only partly allowed", p.blocked().getFirst().rule());
        case Verdict.Blocked b -> result(results, "flow-blocked", "error", "flow " + f.name() + " (" + f.proto() + " " + f.ports() + ") is blocked", b.rule());
        case Verdict.Undetermined u -> result(results, "flow-undetermined", "warning", "flow " + f.name() + " (" + f.proto() + " " + f.ports() + ") is undetermined: it depends on "
            + u.doubt().construct() + " (hint, not a verdict: " + u.doubt().hint() + ")", u.doubt().line());
        case Verdict.NotVerified n -> result(results, "flow-not-verified", "warning", "flow " + f.name() + " (" + f.proto() + " " + f.ports() + ") is not verified: " + n.reason(), n.rule());
      }
    }
    for (Excess e : r.excess())
      result(results, "excess", "warning", (e.verified() ? "" : "not verified: ") + "permits " + e.beyond() + ", e.g. " + e.example().proto() + " " + e.example().src() + " -> " + e.example().dst() + " " + e.example().port(), e.rule());
    for (RuleFinding s : r.shadowed())
      result(results, s.kind() == RuleFinding.Kind.SHADOWED ? "shadowed" : "redundant", "note", (s.verified() ? "" : "not verified: ") + s.note(), s.rule());
    try {
      return JSON.writeValueAsString(root) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void result(ArrayNode results, String id, String level, String message, LineSource at) {
    ObjectNode o = results.addObject().put("ruleId", id).put("level", level);
    o.putObject("message").put("text", message);
    ObjectNode loc = o.putArray("locations").addObject().putObject("physicalLocation");
    loc.putObject("artifactLocation").put("uri", at.file());
    if (at.line() > 0) loc.putObject("region").put("startLine", at.line());
  }
}
