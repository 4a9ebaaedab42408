package org.portolan.verify;

import java.util.OptionalDouble;
import org.portolan.output.JunitXml;

/** JUnit XML for pipelines: one test case per flow; partial, blocked and undetermined flows fail (type undetermined: the answer depends on a line that is not modelled). Pure. */
public final class VerifyJunit {
  private VerifyJunit() {}

  public static String render(VerifyResult r) {
    JunitXml suite = new JunitXml("portolan verify " + r.ruleset());
    for (FlowResult f : r.flows()) {
      suite.add(switch (f.verdict()) {
        case Verdict.Allowed a -> JunitXml.TestCase.passed(f.path(), f.name(), OptionalDouble.empty());
        case Verdict.Partial p -> JunitXml.TestCase.failed(f.path(), f.name(), OptionalDouble.empty(), "partial", message(f));
        case Verdict.Blocked b -> JunitXml.TestCase.failed(f.path(), f.name(), OptionalDouble.empty(), "blocked", message(f));
        case Verdict.NotVerified n -> JunitXml.TestCase.skipped(f.path(), f.name(), "not verified: " + n.reason());
        case Verdict.Undetermined u -> JunitXml.TestCase.failed(f.path(), f.name(), OptionalDouble.empty(), "undetermined", message(f) + "; depends on line "
            + u.doubt().line().line() + " (" + u.doubt().construct() + "); hint, not a verdict: " + u.doubt().hint());
      });
    }
    return suite.render();
  }

  private static String message(FlowResult f) {
    StringBuilder m = new StringBuilder(f.verdict().keyword() + ": " + f.proto() + " " + f.ports() + " from " + f.src() + " to " + f.dst());
    for (BlockedPart b : f.verdict().blockedParts()) m.append("; blocked ").append(b.ports()).append(" by line ").append(b.rule().line()).append(": ").append(b.rule().text());
    return m.toString();
  }
}
