package org.portolan.verify;

/** JUnit XML for pipelines: one test case per flow; partial and blocked flows fail, undetermined ones are errors. Pure. */
public final class VerifyJunit {
  private VerifyJunit() {}

  public static String render(VerifyResult r) {
    long errors = r.flows().stream().filter(f -> f.verdict() instanceof Verdict.Undetermined).count();
    long failures = r.flows().stream().filter(f -> !(f.verdict() instanceof Verdict.Allowed)).count() - errors;
    StringBuilder sb = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    sb.append("<testsuite name=\"portolan verify ").append(x(r.ruleset())).append("\" tests=\"").append(r.flows().size())
        .append("\" failures=\"").append(failures).append("\" errors=\"").append(errors).append("\">\n");
    for (FlowResult f : r.flows()) {
      sb.append("  <testcase classname=\"").append(x(f.path())).append("\" name=\"").append(x(f.name())).append("\"");
      switch (f.verdict()) {
        case Verdict.Allowed a -> sb.append("/>\n");
        case Verdict.Partial p -> sb.append(">\n    <failure type=\"partial\" message=\"").append(x(message(f))).append("\"/>\n  </testcase>\n");
        case Verdict.Blocked b -> sb.append(">\n    <failure type=\"blocked\" message=\"").append(x(message(f))).append("\"/>\n  </testcase>\n");
        // not a pass and not a failure: the ruleset holds a line whose construct is not modelled or not in the dump
        case Verdict.Undetermined u -> sb.append(">\n    <error type=\"undetermined\" message=\"").append(x(message(f) + "; depends on line " + u.doubt().line().line()
            + " (" + u.doubt().construct() + "); hint: " + u.doubt().hint())).append("\"/>\n  </testcase>\n");
      }
    }
    return sb.append("</testsuite>\n").toString();
  }

  private static String message(FlowResult f) {
    StringBuilder m = new StringBuilder(f.verdict().keyword() + ": " + f.proto() + " " + f.ports() + " from " + f.src() + " to " + f.dst());
    for (BlockedPart b : f.verdict().blockedParts()) m.append("; blocked ").append(b.ports()).append(" by line ").append(b.rule().line()).append(": ").append(b.rule().text());
    return m.toString();
  }

  static String x(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;").replace("\n", "&#10;");
  }
}
